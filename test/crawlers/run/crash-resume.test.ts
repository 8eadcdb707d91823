// A crawl killed with SIGKILL half-way (a crash, an OOM kill, a pulled plug) and started again:
// the restart succeeds, marks the dead run interrupted, skips what the dead run already stored,
// and leaves consistent data. Real `tulna crawl` child processes, real demo store, real databases.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoStores, type DemoStores } from '../../../crawlers/demo/index.ts';
import { openDatabase, queryRows, type Database, type DbHandle } from '../../../db/client.ts';
import { listCrawlRuns } from '../../../db/queries/crawl-runs.ts';
import { openTestDatabase, type TestDbHandle } from '../../helpers/db.ts';
import { killHard, runCli } from './cli-child.ts';
import { count } from './crawl-fixture.ts';

const STORE = 'demo-dukaan';
/** Rows per stored batch in crawlStore (its default). */
const BATCH = 50;
/** A fixed market moment: no price moves while the test runs, so observations are exact. */
const CLOCK = Date.parse('2026-11-20T10:00:00Z');

let demo: DemoStores;
let storesFile: string;
let tmp: string;
let productPages: number;

beforeAll(async () => {
  demo = await startDemoStores({ clock: () => CLOCK });
  const running = demo.stores.find((s) => s.profile.id === STORE)!;
  productPages = running.inventory.listings.length;
  tmp = mkdtempSync(join(tmpdir(), 'tulna-crash-'));
  storesFile = join(tmp, 'stores.json');
  // Slow enough (8 pages/s) that the crawl is surely still running when it is killed.
  const config = { ...running.config, politeness: { ...running.config.politeness, concurrency: 2, requestsPerSecond: 8 } };
  writeFileSync(storesFile, JSON.stringify({ stores: [config] }));
});

afterAll(async () => {
  await demo?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** "resumed (N already read)" from the store's line of the crawl output. */
function resumedFrom(stdout: string): number {
  const match = stdout.match(new RegExp(`${STORE}\\s+succeeded .*resumed \\((\\d+) already read\\)`));
  if (!match) throw new Error(`expected a resumed "${STORE}" line in the crawl output, found:\n${stdout}`);
  return Number(match[1]);
}

async function checkConsistent(db: Database, resumedSkipped: number): Promise<void> {
  const [dupes] = await queryRows<{ n: string | number }>(
    db,
    sql`SELECT count(*) AS n FROM (SELECT store_id, url FROM listings GROUP BY store_id, url HAVING count(*) > 1) d`,
  );
  expect(Number(dupes.n)).toBe(0);
  expect(await count(db, 'listings')).toBe(productPages);
  const [orphans] = await queryRows<{ n: string | number }>(
    db,
    sql`SELECT count(*) AS n FROM listings l WHERE NOT EXISTS (SELECT 1 FROM price_observations o WHERE o.listing_id = l.id)`,
  );
  expect(Number(orphans.n)).toBe(0);
  // The market did not move: one observation per listing, none repeated by the restart.
  expect(await count(db, 'price_observations')).toBe(productPages);

  const runs = (await listCrawlRuns(db)).filter((run) => run.storeId === STORE).reverse();
  expect(runs.map((run) => run.status)).toEqual(['interrupted', 'succeeded']);
  const [dead, resumed] = runs;
  expect(dead.finishedAt).not.toBeNull();
  // Counts add up: what the dead run stored was skipped, the rest was read by the restart.
  const [before] = await queryRows<{ n: string | number }>(
    db,
    sql`SELECT count(*) AS n FROM listings WHERE first_seen_at < ${resumed.startedAt.toISOString()}::timestamptz`,
  );
  expect(Number(before.n)).toBe(resumedSkipped);
  expect(dead.listingsNew).toBeLessThanOrEqual(resumedSkipped);
  expect(resumed).toMatchObject({
    pages: productPages - resumedSkipped,
    listingsSeen: productPages - resumedSkipped,
    listingsNew: productPages - resumedSkipped,
    errors: 0,
  });
}

describe('a crawl killed mid-way on embedded PGlite', () => {
  let dataDir: string;
  let handle: DbHandle | undefined;
  afterAll(async () => {
    await handle?.close();
  });

  it('restarts over the dead process lock, marks the run interrupted and resumes', { timeout: 180_000 }, async () => {
    dataDir = join(tmp, 'pglite');
    const env = { TULNA_DATA_DIR: dataDir, TULNA_STORES: storesFile };
    const first = runCli(['crawl', '--store', STORE], env);
    // The progress line reports stored listings; wait for the first stored batch, then crash.
    await first.waitForStderr((text) => [...text.matchAll(/(\d+) listings/g)].some((m) => Number(m[1]) >= BATCH), 'a batch was stored');
    await killHard(first);
    const lockPath = join(dataDir, 'tulna.lock');
    expect(existsSync(lockPath)).toBe(true);
    expect(readFileSync(lockPath, 'utf8')).toBe(String(first.pid));

    const second = runCli(['crawl', '--store', STORE], env);
    expect(await second.exited, second.stderr().slice(-2_000)).toBe(0);
    const resumedSkipped = resumedFrom(second.stdout());
    expect(resumedSkipped).toBeGreaterThanOrEqual(BATCH);
    expect(resumedSkipped).toBeLessThan(productPages);
    expect(existsSync(lockPath)).toBe(false);

    handle = await openDatabase({ dataDir });
    await checkConsistent(handle.db, resumedSkipped);
  });
});

describe('a crawl killed mid-way on the Postgres server', () => {
  let handle: TestDbHandle;
  beforeAll(async () => {
    handle = await openTestDatabase('postgres');
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('is seen storing while it runs, and resumes once its dead run is recovered', { timeout: 180_000 }, async () => {
    const env = { DATABASE_URL: handle.url!, TULNA_STORES: storesFile };
    const first = runCli(['crawl', '--store', STORE], env);
    let stored = 0;
    while (stored < BATCH) {
      const state = await Promise.race([first.exited.then(() => 'exited'), new Promise((r) => setTimeout(r, 100, 'poll'))]);
      if (state === 'exited') throw new Error(`the crawl exited before storing a batch:\n${first.stderr().slice(-2_000)}`);
      stored = (await listCrawlRuns(handle.db)).find((run) => run.storeId === STORE)?.listingsNew ?? 0;
    }
    await killHard(first);
    const storedAtKill = await count(handle.db, 'listings');
    expect(storedAtKill).toBeGreaterThanOrEqual(BATCH);
    expect(storedAtKill).toBeLessThan(productPages);
    const [left] = await listCrawlRuns(handle.db);
    expect(left.status).toBe('running');

    // On a shared server a run that gave a sign of life recently may belong to another live
    // process: refused, clearly (the default horizon is 90 s of silence).
    const refused = runCli(['crawl', '--store', STORE], env);
    expect(await refused.exited).toBe(1);
    expect(refused.stderr()).toContain(`A crawl of store "${STORE}" is already running`);

    // Once the dead run has been silent past the horizon, the next crawl recovers it by itself.
    await new Promise((r) => setTimeout(r, 1_500));
    const second = runCli(['crawl', '--store', STORE], { ...env, TULNA_CRAWL_STALE_SECONDS: '1' });
    expect(await second.exited, second.stderr().slice(-2_000)).toBe(0);
    const resumedSkipped = resumedFrom(second.stdout());
    expect(resumedSkipped).toBe(storedAtKill);
    await checkConsistent(handle.db, resumedSkipped);
  });
});
