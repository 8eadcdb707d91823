// `tulna status` as a user runs it, a real child process: the table per store on both databases, its
// JSON, and, while another process owns the embedded database (as `tulna start` does), the same
// figures asked of that process's site.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSiteServer } from '../../../cli/site-server.ts';
import { openDatabase, setSharedDatabase, type Database } from '../../../db/client.ts';
import { finishCrawlRun, startCrawlRun } from '../../../db/queries/crawl-runs.ts';
import { markRevisitTicks, recordListingVisits, recordRevisitPlans } from '../../../db/queries/crawling/freshness.ts';
import { upsertListings } from '../../../db/queries/listings.ts';
import { upsertStores } from '../../../db/queries/stores.ts';
import { openTestDatabase, testDrivers } from '../../helpers/db.ts';
import { ensureSiteBuilt } from '../../site/site-build.ts';
import { runCli } from '../run/cli-child.ts';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** Two stores: one crawled 10 minutes ago with three listings read then, one never crawled. */
async function seed(db: Database): Promise<void> {
  const now = Date.now();
  await upsertStores(db, [
    { id: 'north', name: 'North Shop', baseUrl: 'https://north.example/', currency: 'INR', sourceKind: 'jsonld', schedule: '0 */6 * * *' },
    { id: 'south', name: 'South Feed', baseUrl: 'https://south.example/', currency: 'INR', sourceKind: 'jsonld', schedule: '*/5 * * * *' },
  ]);
  const run = await startCrawlRun(db, 'north', 'schedule', new Date(now - 11 * 60_000));
  await finishCrawlRun(db, run.id, 'succeeded', { pages: 3, listingsSeen: 3, listingsNew: 3, listingsChanged: 0, listingsUnchanged: 0, errors: 0 }, undefined, new Date(now - 10 * 60_000));
  const readAt = new Date(now - 10 * 60_000);
  const readings = [1, 2, 3].map((n) => ({ url: `https://north.example/p/${n}`, title: `Kettle ${n}`, price: `${100 + n}.00`, currency: 'INR', availability: 'in_stock' as const }));
  const { listingIds } = await upsertListings(db, 'north', readings, { observedAt: readAt });
  await recordListingVisits(db, { storeId: 'north', at: readAt, listingIds });
  await recordRevisitPlans(db, [
    { storeId: 'north', revisited: true, tickSeconds: 20, requestsPerTick: 10 },
    { storeId: 'south', revisited: false, tickSeconds: 20, requestsPerTick: 10 },
  ]);
  await markRevisitTicks(db, ['north', 'south'], new Date());
}

function checkTable(stdout: string): void {
  const lines = stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^store\s+listings\s+oldest\s+median\s+due\s+next revisit\s+next full crawl\s+last full crawl$/);
  const north = lines.find((line) => line.startsWith('north'))!;
  const south = lines.find((line) => line.startsWith('south'))!;
  // Read 10 minutes ago; their first prices wait for a second reading, so all three are due.
  expect(north).toMatch(/^north\s+3\s+10 min\s+10 min\s+3\s+now \(3 due\)\s+in \d+ (h|min).*\(0 \*\/6 \* \* \*\)\s+succeeded 10 min ago, 3 pages, 0 errors$/);
  expect(south).toMatch(/^south\s+0\s+—\s+—\s+—\s+only with the full crawl\s+in (\d+ s|[1-5] min) \(\*\/5 \* \* \* \*\)\s+never$/);
}

describe.each(testDrivers)('tulna status on %s', (driver) => {
  it('prints one line per store and the same figures as JSON', async () => {
    let env: Record<string, string>;
    let close: () => Promise<void>;
    if (driver === 'pglite') {
      const dataDir = mkdtempSync(join(tmpdir(), 'tulna-status-'));
      folders.push(dataDir);
      const handle = await openDatabase({ dataDir });
      await seed(handle.db);
      await handle.close();
      env = { TULNA_DATA_DIR: dataDir };
      close = async () => {};
    } else {
      const handle = await openTestDatabase('postgres');
      await seed(handle.db);
      env = { DATABASE_URL: handle.url! };
      close = () => handle.close();
    }
    try {
      const child = runCli(['status'], env);
      expect(await child.exited, child.stderr()).toBe(0);
      checkTable(child.stdout());
      expect(child.stdout()).toMatch(new RegExp(`status of 2 store\\(s\\) from the ${driver} database`));

      const json = runCli(['status', '--json'], env);
      expect(await json.exited, json.stderr()).toBe(0);
      const body = JSON.parse(json.stdout());
      expect(body.stores.map((s: { storeId: string }) => s.storeId)).toEqual(['north', 'south']);
      expect(body.stores[0]).toMatchObject({ activeListings: 3, dueNow: 3, revisited: true, lastFullCrawl: { status: 'succeeded', pages: 3 } });
    } finally {
      await close();
    }
  }, 120_000);
});

describe('tulna status while another process owns the embedded database', () => {
  it('asks that process’s site and prints the same table', async () => {
    await ensureSiteBuilt();
    const dataDir = mkdtempSync(join(tmpdir(), 'tulna-status-locked-'));
    folders.push(dataDir);
    // This process plays `tulna start`: it holds the data folder's lock and serves the site.
    const handle = await openDatabase({ dataDir });
    await seed(handle.db);
    setSharedDatabase(handle);
    const site = await startSiteServer({ host: '127.0.0.1', port: 0 });
    try {
      const child = runCli(['status'], { TULNA_DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: new URL(site.url).port });
      expect(await child.exited, child.stderr()).toBe(0);
      checkTable(child.stdout());
      expect(child.stdout()).toContain(`from ${site.url} (tulna start holds the embedded database)`);

      // Nothing answering there either: the error says both what is locked and what failed.
      const lost = runCli(['status'], { TULNA_DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '1' });
      expect(await lost.exited).toBe(1);
      expect(lost.stderr()).toMatch(/already in use by process \d+/);
      expect(lost.stderr()).toContain('Asking its site at http://127.0.0.1:1/api/status failed too');
    } finally {
      await site.close();
      await handle.close();
    }
  }, 240_000);
});
