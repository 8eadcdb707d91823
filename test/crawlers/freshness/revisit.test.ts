// Revisits between full crawls against a real demo store on a controlled clock, on both databases:
// a followed listing whose price moves is read again and confirmed before the store's next full
// crawl; stable listings drift out; a failing host records errors and changes no listing; a tick
// sends no more requests than its share of the store's budget.
import { Writable } from 'node:stream';
import { Cron } from 'croner';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { parseStoresConfig, type StoreConfig, type StoreConfigInput } from '../../../crawlers/config/store-config.ts';
import { quoteAt, startDemoStores, type DemoStores, type RunningDemoStore } from '../../../crawlers/demo/index.ts';
import { REVISIT_BUDGET_SHARE, revisitBudget, revisitStore, type RevisitSummary } from '../../../crawlers/freshness/revisit.ts';
import { createCrawlPipeline, type CrawlPipeline } from '../../../crawlers/run/pipeline.ts';
import { crawlStore } from '../../../crawlers/run/crawl-store.ts';
import { queryRows, type Database } from '../../../db/client.ts';
import { confirmFollow, createPendingFollow } from '../../../db/queries/alerts/follows.ts';
import { listCrawlErrors, listCrawlRuns } from '../../../db/queries/crawl-runs.ts';
import { listStoreFreshness, pickDueListings } from '../../../db/queries/crawling/freshness.ts';
import { openTestDatabase, testDrivers, type TestDbHandle } from '../../helpers/db.ts';

const STORE = 'demo-dukaan';
/** The market moves every 7.5 minutes here, so a move falls between two of the 5-minute crawls. */
const MARKET_TICK_MS = 450_000;
/** A whole hour: a market tick and a crawl start together here. */
const BASE = Date.UTC(2026, 2, 2, 10, 0, 0);
const SECOND = 1_000;

interface Setup {
  handle: TestDbHandle;
  demo: DemoStores;
  running: RunningDemoStore;
  store: StoreConfig;
  pipeline: CrawlPipeline;
  /** Product page requests the demo store answered, in order. */
  requests: string[];
  clock: { ms: number };
  now: () => Date;
}

let setups: Setup[] = [];

async function setUp(driver: (typeof testDrivers)[number], overrides: Partial<StoreConfigInput> = {}): Promise<Setup> {
  const clock = { ms: BASE };
  const requests: string[] = [];
  // The demo store's own request log (debug) is the count of what reached the server.
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as { msg: string; url: string; store: string };
        if (entry.msg === 'demo store request' && entry.store === STORE) requests.push(entry.url);
      }
      done();
    },
  });
  const demo = await startDemoStores({ clock: () => clock.ms, marketTickMs: MARKET_TICK_MS, crawlDelay: null, logger: pino({ level: 'debug' }, sink) });
  const running = demo.stores.find((s) => s.profile.id === STORE)!;
  const [store] = parseStoresConfig({ stores: [{ ...running.config, ...overrides }] }, 'revisit test store');
  const handle = await openTestDatabase(driver);
  const pipeline = createCrawlPipeline({ db: handle.db, stores: [store], unlimited: true, logger: pino({ level: 'silent' }) });
  const setup = { handle, demo, running, store, pipeline, requests, clock, now: () => new Date(clock.ms) };
  setups.push(setup);
  return setup;
}

afterEach(async () => {
  for (const setup of setups) {
    await setup.pipeline.close();
    await setup.demo.close();
    await setup.handle.close();
  }
  setups = [];
});

const quiet = pino({ level: 'silent' });

function fullCrawl(s: Setup) {
  return crawlStore({ db: s.handle.db, store: s.store, fetcher: s.pipeline.fetcher, trigger: 'schedule', now: s.now, logger: quiet, ...s.pipeline.hooks });
}

function revisit(s: Setup, atMs: number, tickSeconds = 20): Promise<RevisitSummary> {
  s.clock.ms = atMs;
  return revisitStore(s.store, { db: s.handle.db, fetcher: s.pipeline.fetcher, hooks: s.pipeline.hooks, logger: quiet, now: s.now }, { tickSeconds });
}

async function listingState(db: Database) {
  return queryRows<{ id: string | number; url: string; price: string | null; status: string; last_checked_at: Date | string; updated_at: Date | string; product_id: string | number | null }>(
    db,
    sql`SELECT id, url, price::text AS price, status, last_checked_at, updated_at, product_id FROM listings ORDER BY id`,
  );
}

async function freshnessOf(db: Database) {
  const rows = await queryRows<{ listing_id: string | number; interval_seconds: number; checks: number; changes: number; next_visit_at: Date | string }>(
    db,
    sql`SELECT listing_id, interval_seconds, checks, changes, next_visit_at FROM listing_freshness`,
  );
  return new Map(rows.map((row) => [Number(row.listing_id), row]));
}

const tickOf = (ms: number) => Math.floor(ms / MARKET_TICK_MS);
const priceAt = (s: Setup, path: string, ms: number) => {
  const listing = s.running.inventory.listings.find((l) => l.path === path)!;
  return (quoteAt(s.demo.seed, s.running.profile.market, listing.product, tickOf(ms)).priceMinor / 100).toFixed(2);
};

describe.each(testDrivers)('revisits on %s', (driver) => {
  it('reads a followed listing again after the market moves and confirms it before the next full crawl', async () => {
    const s = await setUp(driver);
    const { db } = s.handle;
    s.clock.ms = BASE + 60 * SECOND;
    expect((await fullCrawl(s)).status).toBe('succeeded');
    const pages = s.running.inventory.listings.length;
    // Every first price waits for a second reading: all are due within a minute and confirmed by one tick.
    const confirming = await revisit(s, BASE + 90 * SECOND, 60);
    expect(confirming).toMatchObject({ status: 'succeeded', due: pages });
    expect(confirming.counts.listingsUnchanged).toBe(pages);
    const [waiting] = await queryRows<{ n: string | number }>(
      db,
      sql`SELECT count(*) AS n FROM price_observations WHERE NOT confirmed`,
    );
    expect(Number(waiting.n)).toBe(0);

    // A listing whose price moves at the next market tick (BASE + 7.5 min), on a product followed now.
    const moveAt = (tickOf(BASE) + 1) * MARKET_TICK_MS;
    const listings = await listingState(db);
    const target = listings.find((l) => l.product_id !== null && priceAt(s, new URL(l.url).pathname, BASE) !== priceAt(s, new URL(l.url).pathname, moveAt))!;
    expect(Number(target.price)).toBe(Number(priceAt(s, new URL(target.url).pathname, BASE)));
    expect(target, 'a listing whose price moves at the next tick').toBeDefined();
    const path = new URL(target.url).pathname;
    const { follow } = await createPendingFollow(
      db,
      { email: 'shopper@example.com', productId: Number(target.product_id), kind: 'drop', currency: 'INR', minDropPercent: 1 },
      () => ({ subject: 'Confirm', text: 'Confirm' }),
    );
    await confirmFollow(db, follow.id, s.now());
    const nextCrawlAfterMove = new Cron(s.store.schedule, { paused: true }).nextRun(new Date(moveAt))!.getTime();
    expect(nextCrawlAfterMove - moveAt).toBe(150 * SECOND);

    // Ticks every 20 s from BASE + 110 s until just before that crawl.
    const seenAt: number[] = [];
    let readNewAt: number | null = null;
    let confirmedAt: number | null = null;
    for (let at = BASE + 110 * SECOND; at < nextCrawlAfterMove; at += 20 * SECOND) {
      const before = s.requests.length;
      await revisit(s, at);
      if (s.requests.slice(before).some((url) => url === path)) seenAt.push(at);
      const [row] = await queryRows<{ price: string; confirmed: boolean }>(
        db,
        sql`SELECT l.price::text AS price, o.confirmed FROM listings l
              JOIN LATERAL (SELECT confirmed FROM price_observations WHERE listing_id = l.id ORDER BY observed_at DESC, id DESC LIMIT 1) o ON true
             WHERE l.id = ${Number(target.id)}`,
      );
      if (readNewAt === null && Number(row.price) === Number(priceAt(s, path, moveAt))) readNewAt = at;
      if (readNewAt !== null && confirmedAt === null && row.confirmed) confirmedAt = at;
    }
    // Followed: read at least once a minute (one tick of slack), though the store is crawled every 5 minutes.
    for (let i = 1; i < seenAt.length; i++) expect(seenAt[i] - seenAt[i - 1]).toBeLessThanOrEqual(80 * SECOND);
    expect(readNewAt, 'the new price was read').not.toBeNull();
    expect(readNewAt! - moveAt).toBeLessThanOrEqual(80 * SECOND);
    expect(confirmedAt, 'the new price was confirmed').not.toBeNull();
    expect(confirmedAt!).toBeLessThan(nextCrawlAfterMove);

    // Unfollowed listings waited for their interval (the store's 5-minute period), not every tick.
    const other = listings.find((l) => l.product_id !== target.product_id)!;
    const otherPath = new URL(other.url).pathname;
    expect(s.requests.filter((url) => url === otherPath).length).toBeLessThanOrEqual(1 + 1 + 2);
    // Every tick that read something is a crawl run of its own, and nothing was marked stale or gone.
    const runs = await listCrawlRuns(db, 100);
    expect(runs.filter((run) => run.trigger === 'revisit').length).toBeGreaterThan(3);
    expect(runs.every((run) => run.status === 'succeeded')).toBe(true);
    expect((await listingState(db)).every((l) => l.status === 'active')).toBe(true);

    const [status] = await listStoreFreshness(db, s.now());
    expect(status).toMatchObject({ storeId: STORE, activeListings: pages, lastFullCrawl: { status: 'succeeded', trigger: 'schedule' } });
    expect(status.lastRevisit?.trigger).toBe('revisit');
    expect(status.oldestAgeSeconds).toBeGreaterThanOrEqual(status.medianAgeSeconds!);
    expect(status.nextFullCrawlAt?.getTime()).toBe(new Cron(s.store.schedule, { paused: true }).nextRun(s.now())!.getTime());
  }, 120_000);

  it('lets stable listings drift out and brings changing ones closer', async () => {
    // A store crawled every 6 hours: the history, not the cron, sets the intervals.
    const s = await setUp(driver, { schedule: '0 */6 * * *' });
    const { db } = s.handle;
    s.clock.ms = BASE + 60 * SECOND;
    await fullCrawl(s);
    await revisit(s, BASE + 90 * SECOND, 60);
    const first = await freshnessOf(db);
    const firstInterval = [...first.values()][0].interval_seconds;
    expect([...first.values()].every((row) => row.checks === 2 && row.interval_seconds === firstInterval)).toBe(true);
    expect(firstInterval).toBeGreaterThan(3_600);

    // Every listing due again: one more visit each, three hours (24 market ticks) later.
    const later = BASE + 90 * SECOND + firstInterval * SECOND;
    let read = 0;
    for (let at = later; read < first.size; at += 60 * SECOND) read += (await revisit(s, at, 60)).counts.listingsSeen;
    const second = await freshnessOf(db);
    const stable = [...second.entries()].filter(([, row]) => row.changes === 0);
    const changed = [...second.entries()].filter(([, row]) => row.changes > 0);
    expect(stable.length).toBeGreaterThan(10);
    expect(changed.length).toBeGreaterThan(10);
    for (const [id, row] of stable) expect(row.interval_seconds, `listing ${id}`).toBeGreaterThan(first.get(id)!.interval_seconds);
    for (const [id, row] of changed) expect(row.interval_seconds, `listing ${id}`).toBeLessThan(first.get(id)!.interval_seconds);
  }, 120_000);

  it('records the errors of a failing host and changes no listing', async () => {
    const s = await setUp(driver);
    const { db } = s.handle;
    s.clock.ms = BASE + 60 * SECOND;
    await fullCrawl(s);
    await revisit(s, BASE + 90 * SECOND, 60);
    const before = await listingState(db);
    const [observationsBefore] = await queryRows<{ n: string | number }>(db, sql`SELECT count(*) AS n FROM price_observations`);
    await s.demo.close();

    // Ten minutes on, every listing is due; the store's host refuses every connection.
    const at = BASE + 11 * 60 * SECOND;
    const summary = await revisit(s, at);
    expect(summary.status).toBe('failed');
    expect(summary.counts.errors).toBeGreaterThan(0);
    expect(summary.counts.pages).toBeLessThanOrEqual(3 + s.store.politeness.concurrency);
    const errors = await listCrawlErrors(db, summary.runId!);
    expect(errors.length).toBe(summary.counts.errors);
    expect(errors.every((error) => error.kind === 'network' && error.storeId === STORE)).toBe(true);
    const [run] = (await listCrawlRuns(db, 1));
    expect(run).toMatchObject({ trigger: 'revisit', status: 'failed' });
    expect(run.message).toMatch(/Nothing could be read on a revisit of Dukaan/);

    expect(await listingState(db)).toEqual(before);
    const [observationsAfter] = await queryRows<{ n: string | number }>(db, sql`SELECT count(*) AS n FROM price_observations`);
    expect(observationsAfter.n).toEqual(observationsBefore.n);
    // The failed listings wait for their interval instead of being tried on every tick.
    const failedUrls = new Set(errors.map((error) => error.url));
    const stillDue = await pickDueListings(db, STORE, new Date(at + 20 * SECOND), 10_000);
    expect(stillDue.some((listing) => failedUrls.has(listing.url))).toBe(false);
  }, 120_000);

  it('sends no more requests in a tick than its share of the store’s politeness budget', async () => {
    // 4 requests a second, 5-second ticks: half of it is 10 requests a tick.
    const s = await setUp(driver, { politeness: { concurrency: 2, requestsPerSecond: 4, timeoutMs: 10_000, maxRetries: 1, ignoreRobots: false } });
    expect(revisitBudget(s.store, 5)).toBe(REVISIT_BUDGET_SHARE * 4 * 5);
    const { db } = s.handle;
    s.clock.ms = BASE + 60 * SECOND;
    expect((await fullCrawl(s)).status).toBe('succeeded');
    const pages = s.running.inventory.listings.length;
    const productPaths = new Set(s.running.inventory.listings.map((l) => l.path));

    // The crawl above ran unthrottled; the revisit goes through a fetcher holding the store's rate.
    const limited = createCrawlPipeline({ db, stores: [s.store], logger: quiet });
    try {
      const before = s.requests.length;
      const started = Date.now();
      s.clock.ms = BASE + 90 * SECOND;
      const summary = await revisitStore(s.store, { db, fetcher: limited.fetcher, hooks: limited.hooks, logger: quiet, now: s.now }, { tickSeconds: 5 });
      const elapsed = Date.now() - started;
      const sent = s.requests.slice(before).filter((url) => productPaths.has(url));
      expect(summary.due).toBe(10);
      // The budget is the ceiling; the tick's time share (half of 5 s, at 4 a second) may end it a request early.
      expect(sent.length).toBeLessThanOrEqual(10);
      expect(sent.length).toBeGreaterThanOrEqual(8);
      expect(summary.counts.pages).toBe(sent.length);
      // The store's rate held: n requests at 4 a second take (n − 1) × 250 ms at least.
      expect(elapsed).toBeGreaterThanOrEqual((sent.length - 1) * 250 - 50);
      // What the tick could not take stays due for the next ones.
      expect((await pickDueListings(db, STORE, s.now(), 10_000)).length).toBe(pages - sent.length);
    } finally {
      await limited.close();
    }
  }, 120_000);
});
