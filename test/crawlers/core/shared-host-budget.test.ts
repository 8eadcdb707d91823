// Politeness across processes: fetchers that share nothing but the database (on the server, each
// its own connection pool, as two worker processes would) keep one host's rate and concurrency
// together — also for two stores on one host, with robots.txt Crawl-delay, after a Retry-After, and
// when a dead process left a lease behind. The server side counts: arrival times and requests in flight.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseStoresConfig, type StoreConfig } from '../../../crawlers/config/store-config.ts';
import { createFetcher } from '../../../crawlers/core/fetcher.ts';
import { createDatabaseHostBudget } from '../../../crawlers/core/shared-host-budget.ts';
import type { Fetcher } from '../../../crawlers/core/types.ts';
import { createCrawlPipeline, type CrawlPipeline } from '../../../crawlers/run/pipeline.ts';
import { openDatabase, type Database, type DbHandle } from '../../../db/client.ts';
import { claimHostTurn, ensureHostLeaseSlots, readHostBudget } from '../../../db/queries/crawling/host-budget.ts';
import { openTestDatabase, testDrivers, type TestDbHandle } from '../../helpers/db.ts';
import { startHostileServer, type HostileServer } from '../../helpers/hostile-server.ts';
import { gaps, politeness, TEST_USER_AGENT } from './fetcher-fixture.ts';

// Request starts are spaced on the database's clock; the server sees arrivals, which trail each
// start by a timer's and a connection's latency, which grow when the whole suite shares two cores
// (a 65 ms shortfall was seen there). The slack absorbs that for single gaps; the sliding-window and
// mean-rate checks below are what hold the budget itself, and they take no slack.
const JITTER_MS = 100;

/** Most arrivals in any window of `windowMs` (sliding, so no window edge hides a burst). */
function maxInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while (sorted[last] - sorted[first] >= windowMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

const arrivals = (server: HostileServer, pages = false) =>
  server.requests.filter((r) => !pages || r.path !== '/robots.txt').map((r) => r.at).sort((a, b) => a - b);

describe.each(testDrivers)('the per-host budget shared through the database, on %s', (driver) => {
  let handle: TestDbHandle;
  /** A second connection pool on the same database (on PGlite, the one process's database). */
  let other: DbHandle | undefined;
  let server: HostileServer | undefined;
  const fetchers: Fetcher[] = [];
  const pipelines: CrawlPipeline[] = [];

  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    other = handle.url ? await openDatabase({ databaseUrl: handle.url, migrate: false, maxConnections: 4 }) : undefined;
  });
  afterAll(async () => {
    await other?.close();
    await handle?.close();
  });
  afterEach(async () => {
    await Promise.all([...fetchers.splice(0).map((f) => f.close()), ...pipelines.splice(0).map((p) => p.close())]);
    await server?.close();
    server = undefined;
  });

  /** One fetcher per "process": its own budget object (own lease holders) on its own pool. */
  function processFetchers(settings: { requestsPerSecond: number; concurrency: number; ignoreRobots?: boolean }): [Fetcher, Fetcher] {
    const make = (db: Database) => {
      const fetcher = createFetcher({
        userAgent: TEST_USER_AGENT,
        politeness: politeness({ ...settings, timeoutMs: 3_000, maxRetries: 2 }),
        allowPrivateAddresses: true,
        retryBaseDelayMs: 20,
        sharedBudget: createDatabaseHostBudget(db),
      });
      fetchers.push(fetcher);
      return fetcher;
    };
    return [make(handle.db), make(other?.db ?? handle.db)];
  }

  it('keeps two processes together at the configured rate, never two requests in flight', async () => {
    server = await startHostileServer({ productCount: 20 });
    const [first, second] = processFetchers({ requestsPerSecond: 5, concurrency: 1 });
    // Each page takes 120 ms to answer: two fetchers on their own would overlap all the time.
    const pages = (fetcher: Fetcher, from: number) =>
      Array.from({ length: 7 }, (_, i) => fetcher.fetch({ url: `${server!.url}/product/${from + i}?delay=120` }));
    const outcomes = await Promise.all([...pages(first, 1), ...pages(second, 11)]);
    expect(outcomes.map((o) => o.kind)).toEqual(Array(14).fill('ok'));

    const times = arrivals(server);
    expect(times).toHaveLength(16); // 14 pages and each process's robots.txt
    expect(server.maxInFlight).toBe(1);
    expect(Math.min(...gaps(times))).toBeGreaterThanOrEqual(200 - JITTER_MS);
    expect(maxInAnyWindow(times, 1_000)).toBeLessThanOrEqual(5 + 1);
    expect((times.length - 1) / ((times.at(-1)! - times[0]) / 1_000)).toBeLessThanOrEqual(5 * 1.05);
    // Every lease was given back.
    const budget = await readHostBudget(handle.db, new URL(server.url).host);
    expect(budget.leases).toEqual([{ slot: 0, holder: null, expiresInMs: 0 }]);
  });

  it('without the shared budget the same two fetchers overlap (the check above can fail)', async () => {
    server = await startHostileServer({ productCount: 8 });
    const alone = () => {
      const fetcher = createFetcher({
        userAgent: TEST_USER_AGENT,
        politeness: politeness({ requestsPerSecond: 5, concurrency: 1 }),
        allowPrivateAddresses: true,
      });
      fetchers.push(fetcher);
      return fetcher;
    };
    const [first, second] = [alone(), alone()];
    await Promise.all([1, 2, 3].flatMap((n) => [first, second].map((f, i) => f.fetch({ url: `${server!.url}/product/${n + 3 * i}?delay=120` }))));
    expect(server.maxInFlight).toBe(2);
    expect(Math.min(...gaps(arrivals(server)))).toBeLessThan(100);
  });

  it('shares one host between two stores crawled by two pipelines (the default wiring)', async () => {
    server = await startHostileServer({ productCount: 6 });
    const origin = server.url;
    const store = (id: string): StoreConfig =>
      parseStoresConfig(
        {
          stores: [
            {
              id,
              name: `Store ${id}`,
              baseUrl: `${origin}/`,
              hostPatterns: [new URL(origin).host],
              currency: 'INR',
              discovery: { kind: 'sitemap', url: `${origin}/sitemaps/products.xml.gz` },
              politeness: { concurrency: 1, requestsPerSecond: 5, timeoutMs: 3_000, maxRetries: 1 },
              demo: true,
            },
          ],
        },
        'budget test store',
      )[0];
    const [north, south] = [store('north'), store('south')];
    // Two pipelines on two pools: two worker processes, each crawling its own store of the host.
    const northPipeline = createCrawlPipeline({ db: handle.db, stores: [north] });
    const southPipeline = createCrawlPipeline({ db: other?.db ?? handle.db, stores: [south] });
    pipelines.push(northPipeline, southPipeline);
    const summaries = await Promise.all([northPipeline.crawl(north), southPipeline.crawl(south)]);
    expect(summaries.map((s) => [s.status, s.counts.listingsSeen])).toEqual([
      ['succeeded', 6],
      ['succeeded', 6],
    ]);

    const times = arrivals(server);
    expect(times).toHaveLength(2 * (1 + 1 + 6)); // per store: robots.txt, the sitemap, 6 pages
    expect(server.maxInFlight).toBe(1);
    expect(Math.min(...gaps(times))).toBeGreaterThanOrEqual(200 - JITTER_MS);
    expect(maxInAnyWindow(times, 1_000)).toBeLessThanOrEqual(5 + 1);
  });

  it('slows both processes to robots.txt Crawl-delay when it is slower than the configured rate', async () => {
    server = await startHostileServer({ crawlDelay: 1, productCount: 6 });
    const [first, second] = processFetchers({ requestsPerSecond: 5, concurrency: 2 });
    const outcomes = await Promise.all([1, 2].flatMap((n) => [first, second].map((f, i) => f.fetch({ url: `${server!.url}/product/${n + 2 * i}` }))));
    expect(outcomes.map((o) => o.kind)).toEqual(['ok', 'ok', 'ok', 'ok']);
    const pageTimes = arrivals(server, true);
    expect(pageTimes).toHaveLength(4);
    expect(Math.min(...gaps(pageTimes))).toBeGreaterThanOrEqual(1_000 - JITTER_MS);
  });

  it('holds the other process back after a Retry-After', async () => {
    server = await startHostileServer();
    const [first, second] = processFetchers({ requestsPerSecond: 50, concurrency: 2, ignoreRobots: true });
    const limited = first.fetch({ url: `${server.url}/429` }); // 429 with Retry-After: 1 the first time
    while (!server.hits.has('/429')) await new Promise((r) => setTimeout(r, 5));
    const refusedAt = server.requests.find((r) => r.path === '/429')!.at;
    await new Promise((r) => setTimeout(r, 100)); // the answer reaches the fetcher and the hold the database
    const other = await second.fetch({ url: `${server.url}/product/1` });
    expect(other.kind).toBe('ok');
    expect(await limited).toMatchObject({ kind: 'ok', attempts: 2 });
    const otherAt = server.requests.find((r) => r.path === '/product/1')!.at;
    expect(otherAt - refusedAt).toBeGreaterThanOrEqual(1_000 - JITTER_MS);
  });

  it('takes over the lease of a process that died holding it, once it expires', async () => {
    server = await startHostileServer();
    const host = new URL(server.url).host;
    // A "process" takes the host's only lease for 800 ms and never comes back.
    await ensureHostLeaseSlots(handle.db, host, 1);
    const claimedAt = Date.now();
    const dead = await claimHostTurn(handle.db, { host, concurrency: 1, intervalMs: 200, leaseMs: 800, holder: 'dead-process' });
    expect(dead).toEqual({ slot: 0, waitMs: 0 });
    expect((await readHostBudget(handle.db, host)).leases[0]).toMatchObject({ holder: 'dead-process' });

    const [fetcher] = processFetchers({ requestsPerSecond: 5, concurrency: 1, ignoreRobots: true });
    expect(await fetcher.fetch({ url: `${server.url}/product/1` })).toMatchObject({ kind: 'ok' });
    const arrivedAt = server.requests[0].at;
    expect(arrivedAt - claimedAt).toBeGreaterThanOrEqual(800 - JITTER_MS);
    // Not much later either: the waiting claim backs off, but not for long.
    expect(arrivedAt - claimedAt).toBeLessThan(800 + 1_000);
    expect((await readHostBudget(handle.db, host)).leases).toEqual([{ slot: 0, holder: null, expiresInMs: 0 }]);
  });

  it('a request that wakes late (a blocked event loop) reserves a new start instead of crowding the next', async () => {
    const budget = createDatabaseHostBudget(handle.db);
    const host = `late-${driver}.example:80`;
    const turn = { host, concurrency: 2, intervalMs: 300, timeoutMs: 2_000, signal: new AbortController().signal };
    await (await budget.acquire(turn)).release(); // the slot at 0; the next is due at 300
    const asked = performance.now();
    const second = budget.acquire(turn);
    // Block this process from 100 ms to 500 ms: the second request wakes 200 ms after its start.
    await new Promise((r) => setTimeout(r, 100));
    const until = performance.now() + 400;
    while (performance.now() < until);
    await (await second).release();
    const startedAfter = performance.now() - asked;
    // It gave its slot (300) up and took the next free one (600), not a start 200 ms late.
    expect(budget.figures().lateStarts).toBe(1);
    expect(startedAfter).toBeGreaterThanOrEqual(600 - 20);
  });

  it('gives up waiting, and holds no lease, when the fetcher closes', async () => {
    server = await startHostileServer();
    const host = new URL(server.url).host;
    await ensureHostLeaseSlots(handle.db, host, 1);
    await claimHostTurn(handle.db, { host, concurrency: 1, intervalMs: 0, leaseMs: 30_000, holder: 'busy-process' });
    const [fetcher] = processFetchers({ requestsPerSecond: 5, concurrency: 1, ignoreRobots: true });
    const waiting = fetcher.fetch({ url: `${server.url}/product/1` });
    await new Promise((r) => setTimeout(r, 300));
    await fetcher.close();
    expect(await waiting).toMatchObject({ kind: 'error', error: { kind: 'network' } });
    expect(server.requests).toHaveLength(0);
    const leases = (await readHostBudget(handle.db, host)).leases;
    expect(leases.map((l) => l.holder)).toEqual(['busy-process']);
  });
});
