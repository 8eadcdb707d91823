// How revisits are scheduled beside full crawls: a full crawl waits for a revisit holding the
// store's run slot (and still fails at once beside another full crawl); the embedded loop ticks on
// its timer and records its plan per store; workers share one revisit job per store and tick slot
// through pg-boss. Real demo store, real databases.
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { parseStoresConfig, storeRowOf, type StoreConfig } from '../../../crawlers/config/store-config.ts';
import { startDemoStores, type DemoStores } from '../../../crawlers/demo/index.ts';
import { startRevisitLoop, type RevisitSummary } from '../../../crawlers/freshness/revisit.ts';
import { startRevisitWorker } from '../../../crawlers/freshness/revisit-jobs.ts';
import { createCrawlPipeline, type CrawlPipeline } from '../../../crawlers/run/pipeline.ts';
import { queryRows } from '../../../db/client.ts';
import { CrawlAlreadyRunningError, finishCrawlRun, listCrawlRuns, startCrawlRun } from '../../../db/queries/crawl-runs.ts';
import { upsertStores } from '../../../db/queries/stores.ts';
import { openTestDatabase, testDrivers, type TestDbHandle } from '../../helpers/db.ts';

const quiet = pino({ level: 'silent' });
const ZERO = { pages: 0, listingsSeen: 0, listingsNew: 0, listingsChanged: 0, listingsUnchanged: 0, errors: 0 };

let cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function setUp(driver: (typeof testDrivers)[number]): Promise<{ handle: TestDbHandle; demo: DemoStores; stores: StoreConfig[]; pipeline: CrawlPipeline }> {
  const demo = await startDemoStores({ clock: () => Date.parse('2026-03-02T10:01:00Z'), crawlDelay: null });
  cleanups.push(() => demo.close());
  const stores = parseStoresConfig({ stores: demo.configs.filter((c) => c.id === 'demo-dukaan' || c.id === 'demo-gadgetgali') }, 'test stores');
  const handle = await openTestDatabase(driver);
  cleanups.push(() => handle.close());
  const pipeline = createCrawlPipeline({ db: handle.db, stores, unlimited: true, logger: quiet });
  cleanups.push(() => pipeline.close());
  return { handle, demo, stores, pipeline };
}

/** Makes `count` listings of the store due now. */
async function makeDue(handle: TestDbHandle, storeId: string, count: number): Promise<void> {
  await handle.db.execute(
    sql`UPDATE listing_freshness SET next_visit_at = now() - interval '1 second'
         WHERE listing_id IN (SELECT id FROM listings WHERE store_id = ${storeId} ORDER BY id LIMIT ${count})`,
  );
  await handle.db.execute(
    sql`UPDATE listing_freshness SET next_visit_at = now() + interval '1 hour'
         WHERE listing_id NOT IN (SELECT id FROM listings WHERE store_id = ${storeId} ORDER BY id LIMIT ${count})`,
  );
}

describe.each(testDrivers)('revisit scheduling on %s', (driver) => {
  it('lets a full crawl wait for a revisit holding the store’s run slot, but not for another crawl', async () => {
    const { handle, stores, pipeline } = await setUp(driver);
    const dukaan = stores.find((s) => s.id === 'demo-dukaan')!;
    await upsertStores(handle.db, stores.map(storeRowOf));
    const revisitRun = await startCrawlRun(handle.db, dukaan.id, 'revisit');
    let finished = false;
    const crawl = pipeline.crawl(dukaan, { trigger: 'schedule' }).finally(() => (finished = true));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(finished).toBe(false);
    await finishCrawlRun(handle.db, revisitRun.id, 'succeeded', ZERO);
    const summary = await crawl;
    expect(summary.status).toBe('succeeded');
    expect(summary.counts.listingsNew).toBeGreaterThan(100);

    const other = await startCrawlRun(handle.db, dukaan.id, 'manual');
    const started = Date.now();
    await expect(pipeline.crawl(dukaan, { trigger: 'schedule' })).rejects.toBeInstanceOf(CrawlAlreadyRunningError);
    expect(Date.now() - started).toBeLessThan(1_000);
    await finishCrawlRun(handle.db, other.id, 'succeeded', ZERO);
  }, 60_000);

  it('ticks on its timer, revisits page stores only and records its plan per store', async () => {
    const { handle, stores, pipeline } = await setUp(driver);
    for (const store of stores) expect((await pipeline.crawl(store, { trigger: 'schedule' })).status).toBe('succeeded');
    await makeDue(handle, 'demo-dukaan', 5);
    const seen: RevisitSummary[] = [];
    const loop = await startRevisitLoop({ db: handle.db, stores, fetcher: pipeline.fetcher, hooks: pipeline.hooks, logger: quiet, tickSeconds: 1, onRevisit: (s) => seen.push(s) });
    cleanups.push(() => loop.stop());
    const until = Date.now() + 10_000;
    while (seen.length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
    await loop.stop();
    expect(seen[0]).toMatchObject({ storeId: 'demo-dukaan', status: 'succeeded', due: 5 });
    expect(seen[0].counts.pages).toBe(5);
    expect(seen.every((s) => s.storeId === 'demo-dukaan')).toBe(true);
    const plans = await queryRows<{ store_id: string; revisited: boolean; tick_seconds: number; requests_per_tick: number; last_tick_at: Date | string | null }>(
      handle.db,
      sql`SELECT store_id, revisited, tick_seconds, requests_per_tick, last_tick_at FROM store_revisits ORDER BY store_id`,
    );
    expect(plans.map((p) => [p.store_id, p.revisited, p.tick_seconds, p.requests_per_tick])).toEqual([
      ['demo-dukaan', true, 1, 10],
      ['demo-gadgetgali', false, 1, 10],
    ]);
    expect(plans[0].last_tick_at).not.toBeNull();
  }, 90_000);
});

describe('revisits across workers (pg-boss on the Postgres server)', () => {
  it('runs one revisit job per store and tick slot however many workers offer it', async () => {
    const { handle, stores, pipeline } = await setUp('postgres');
    for (const store of stores) await pipeline.crawl(store, { trigger: 'schedule' });
    await makeDue(handle, 'demo-dukaan', 3);
    const revisited: RevisitSummary[] = [];
    const start = () =>
      startRevisitWorker({
        databaseUrl: handle.url!,
        db: handle.db,
        stores,
        fetcher: pipeline.fetcher,
        hooks: pipeline.hooks,
        logger: quiet,
        tickSeconds: 60,
        pollingIntervalSeconds: 0.5,
        onRevisit: (s) => revisited.push(s),
      });
    const workers = [await start(), await start()];
    cleanups.push(() => Promise.all(workers.map((w) => w.stop())));
    // Both offer in the same one-minute slot: pg-boss keeps one job (the timer may have offered it already).
    const accepted = (await workers[0].offer()) + (await workers[1].offer());
    expect(accepted).toBeLessThanOrEqual(1);
    const until = Date.now() + 20_000;
    while (revisited.length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 200));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(revisited).toHaveLength(1);
    expect(revisited[0]).toMatchObject({ storeId: 'demo-dukaan', status: 'succeeded', due: 3 });
    const runs = (await listCrawlRuns(handle.db)).filter((run) => run.trigger === 'revisit');
    expect(runs).toHaveLength(1);
  }, 90_000);
});
