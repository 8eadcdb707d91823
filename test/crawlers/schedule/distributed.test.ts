// pg-boss runs on the Postgres server only (it is the multi-process mode; PGlite has one owner).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStoresConfig } from '../../../crawlers/config/store-config.ts';
import { startCrawlWorker, startDistributedScheduler } from '../../../crawlers/schedule/distributed.ts';
import { openTestDatabase, type TestDbHandle } from '../../helpers/db.ts';

const stores = parseStoresConfig({
  stores: [
    { id: 'north', name: 'North', baseUrl: 'http://127.0.0.1/n', hostPatterns: ['127.0.0.1'], currency: 'INR', discovery: { kind: 'sitemap' } },
    { id: 'south', name: 'South', baseUrl: 'http://127.0.0.1/s', hostPatterns: ['127.0.0.1'], currency: 'INR', discovery: { kind: 'sitemap' } },
  ],
});

describe('distributed crawling through pg-boss (Postgres server)', () => {
  let handle: TestDbHandle;
  beforeAll(async () => {
    handle = await openTestDatabase('postgres');
  });
  afterAll(() => handle?.close());

  it('spreads store crawls over workers and never runs one store twice at once', async () => {
    const inFlight = new Map<string, number>();
    let maxPerStore = 0;
    const crawledBy: Record<string, Set<number>> = { north: new Set(), south: new Set() };
    const makeWorker = (workerId: number) =>
      startCrawlWorker({
        databaseUrl: handle.url!,
        stores,
        pollingIntervalSeconds: 0.5,
        crawl: async (store) => {
          inFlight.set(store.id, (inFlight.get(store.id) ?? 0) + 1);
          maxPerStore = Math.max(maxPerStore, inFlight.get(store.id)!);
          crawledBy[store.id].add(workerId);
          await new Promise((r) => setTimeout(r, 800));
          inFlight.set(store.id, inFlight.get(store.id)! - 1);
        },
      });
    const scheduler = await startDistributedScheduler({ databaseUrl: handle.url!, stores, runAtStart: true });
    const workers = await Promise.all([makeWorker(1), makeWorker(2)]);
    // Ask again while the first crawls are queued or running: 'stately' keeps one waiting at most.
    for (let i = 0; i < 3; i++) {
      await scheduler.enqueue('north');
      await scheduler.enqueue('south');
    }
    await new Promise((r) => setTimeout(r, 5_000));
    await Promise.all(workers.map((w) => w.stop()));
    await scheduler.stop();
    expect(crawledBy.north.size + crawledBy.south.size).toBeGreaterThanOrEqual(2);
    expect(maxPerStore).toBe(1);
  }, 60_000);
});
