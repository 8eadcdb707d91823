// A worker killed mid-crawl (SIGKILL: no cleanup runs) on the Postgres server with pg-boss: the
// other worker notices the silence, the dead run becomes 'interrupted', the job is handed over and
// the crawl resumes where the dead one stopped — no listing twice, and the store's per-host rate
// and concurrency held across both processes the whole time (counted at the store's server).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordServerTraffic, type TrafficRecorder } from '../../../cli/bench/host-traffic.ts';
import { parseStoresConfig, type StoreConfig } from '../../../crawlers/config/store-config.ts';
import { startDemoStores, type DemoStores } from '../../../crawlers/demo/index.ts';
import { startDistributedScheduler, type DistributedScheduler } from '../../../crawlers/schedule/distributed.ts';
import { queryRows } from '../../../db/client.ts';
import { listCrawlRuns } from '../../../db/queries/crawl-runs.ts';
import { listJobClaims } from '../../../db/queries/crawling/crawl-job-claims.ts';
import { openTestDatabase, type TestDbHandle } from '../../helpers/db.ts';
import { killHard, runCli, type CliChild } from '../run/cli-child.ts';
import { count } from '../run/crawl-fixture.ts';

const STORE = 'demo-dukaan';
const RATE = 15;
const CONCURRENCY = 2;
/** Rows per stored batch in crawlStore: the dead worker must have stored one for a resume to show. */
const BATCH = 50;
/** A fixed market moment: no price moves while the test runs. */
const CLOCK = Date.parse('2026-11-20T10:00:00Z');

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a worker killed mid-crawl (pg-boss on the Postgres server)', () => {
  let demo: DemoStores;
  let traffic: TrafficRecorder;
  let handle: TestDbHandle;
  let tmp: string;
  let store: StoreConfig;
  let port: number;
  let productPages: number;
  let scheduler: DistributedScheduler | undefined;
  const workers: CliChild[] = [];

  beforeAll(async () => {
    demo = await startDemoStores({ clock: () => CLOCK });
    const running = demo.stores.find((s) => s.profile.id === STORE)!;
    port = running.port;
    productPages = running.inventory.listings.length;
    traffic = recordServerTraffic([port]);
    handle = await openTestDatabase('postgres');
    tmp = mkdtempSync(join(tmpdir(), 'tulna-takeover-'));
    // Slow enough that the crawl surely runs when it is killed; a schedule that never comes during the test.
    const config = {
      ...running.config,
      schedule: '0 3 1 1 *',
      politeness: { ...running.config.politeness, concurrency: CONCURRENCY, requestsPerSecond: RATE, timeoutMs: 3_000 },
    };
    [store] = parseStoresConfig({ stores: [config] }, 'takeover test store');
    writeFileSync(join(tmp, 'stores.json'), JSON.stringify({ stores: [config] }));
  });

  afterAll(async () => {
    for (const worker of workers) await killHard(worker);
    await scheduler?.stop();
    traffic?.stop();
    await demo?.close();
    await handle?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('hands the job to the other worker, which resumes the crawl with politeness intact', async () => {
    const env = {
      DATABASE_URL: handle.url!,
      TULNA_STORES: join(tmp, 'stores.json'),
      // A worker silent for 3 s is presumed dead (90 s in production): beats and checks every second.
      TULNA_CRAWL_STALE_SECONDS: '3',
    };
    // One after the other: pg-boss's queue creation can deadlock between processes starting at once.
    for (let i = 0; i < 2; i++) {
      const worker = runCli(['worker'], env);
      workers.push(worker);
      await until(`worker ${worker.pid} to take jobs`, 40_000, async () => {
        if (worker.process.exitCode !== null) throw new Error(`worker exited early:\n${worker.stderr().slice(-2_000)}`);
        return worker.stdout().includes('is taking crawl jobs') || undefined;
      }).catch((error: Error) => {
        throw new Error(`${error.message}; its stderr ends:\n${worker.stderr().slice(-2_000)}`);
      });
    }
    scheduler = await startDistributedScheduler({ databaseUrl: handle.url!, stores: [store], runAtStart: true });

    // Whichever worker took the job is the one to kill, once it stored its first batch.
    const [claim] = await until('a claim on the crawl job', 20_000, async () => {
      const claims = await listJobClaims(handle.db);
      return claims.length > 0 ? claims : undefined;
    });
    const victim = workers.find((w) => claim.worker.split(':')[1] === String(w.pid));
    expect(victim, `claim by ${claim.worker}`).toBeDefined();
    const survivor = workers.find((w) => w !== victim)!;
    await until('the first stored batch', 30_000, async () => ((await count(handle.db, 'listings')) >= BATCH ? true : undefined));
    await killHard(victim!);
    const killedAt = Date.now();

    const runs = await until('the crawl to finish', 50_000, async () => {
      const all = (await listCrawlRuns(handle.db)).filter((run) => run.storeId === STORE).reverse();
      return all.some((run) => run.status === 'succeeded') ? all : undefined;
    });
    const tookOverIn = Date.now() - killedAt;

    // interrupted → resumed: the dead run is marked, the survivor's run carried on from it.
    expect(runs.map((run) => run.status)).toEqual(['interrupted', 'succeeded']);
    const [dead, resumed] = runs;
    expect(resumed.trigger).toBe('takeover');
    await until('the survivor\'s crawl summary', 5_000, () => survivor.stdout().includes(`${STORE}: crawl summary`) || undefined);
    const [before] = await queryRows<{ n: string | number }>(
      handle.db,
      sql`SELECT count(*) AS n FROM listings WHERE first_seen_at < ${resumed.startedAt.toISOString()}::timestamptz`,
    );
    const skipped = Number(before.n);
    expect(skipped).toBeGreaterThanOrEqual(BATCH);
    expect(resumed.pages).toBe(productPages - skipped);
    expect(dead.listingsNew).toBeLessThanOrEqual(skipped);

    // No listing twice, none lost, one reading each (the market stood still).
    const [dupes] = await queryRows<{ n: string | number }>(
      handle.db,
      sql`SELECT count(*) AS n FROM (SELECT store_id, url FROM listings GROUP BY store_id, url HAVING count(*) > 1) d`,
    );
    expect(Number(dupes.n)).toBe(0);
    expect(await count(handle.db, 'listings')).toBe(productPages);
    expect(await count(handle.db, 'price_observations')).toBe(productPages);
    expect(await listJobClaims(handle.db)).toEqual([]);

    // The store's server saw the configured rate and concurrency across both workers and the kill.
    const seen = traffic.summary(port);
    expect(seen.maxInFlight).toBeLessThanOrEqual(CONCURRENCY);
    expect(seen.maxPerSecond).toBeLessThanOrEqual(RATE + 1);
    expect(tookOverIn).toBeLessThan(45_000);
  }, 120_000);
});
