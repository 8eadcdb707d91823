// Crawls that need a browser, on both databases: a store of script shells is found out on its
// first crawl (static HTML, no product, looks like a shell → rendered → product), the decision is
// recorded in store_crawl_profiles and the next crawl goes straight to the browser; a store
// configured as 'browser' starts there; a static store never starts Chromium; a shell whose render
// fails keeps its one static error and stays static.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool } from '../../../crawlers/browser/pool.ts';
import { parseStoresConfig } from '../../../crawlers/config/store-config.ts';
import { startDemoStores, type DemoStores } from '../../../crawlers/demo/index.ts';
import { revisitStore } from '../../../crawlers/freshness/revisit.ts';
import { crawlStore } from '../../../crawlers/run/crawl-store.ts';
import { listCrawlErrors, getLatestCrawlRun } from '../../../db/queries/crawl-runs.ts';
import { getStoreCrawlProfile } from '../../../db/queries/crawling/store-profiles.ts';
import { openTestDatabase, testDrivers, type TestDbHandle } from '../../helpers/db.ts';
import { startHostileServer, type HostileServer } from '../../helpers/hostile-server.ts';
import { listingStates, testFetcher, testStore } from '../run/crawl-fixture.ts';
import { productData, startBrowserPagesServer, type BrowserPagesServer } from './hostile-pages.ts';

let server: BrowserPagesServer;
let statics: HostileServer;
let demo: DemoStores;
let pool: BrowserPool;

beforeAll(async () => {
  server = await startBrowserPagesServer({ productCount: 4 });
  statics = await startHostileServer();
  demo = await startDemoStores();
  pool = new BrowserPool({ maxPages: 2, renderLimits: { timeoutMs: 4_000, productWaitMs: 2_000 } });
});

afterAll(async () => {
  await pool?.close();
  await demo?.close();
  await statics?.close();
  await server?.close();
});

const shellStore = (id: string, sourceKind?: 'browser') =>
  testStore(server.url, {
    id,
    ...(sourceKind ? { sourceKind } : {}),
    discovery: { kind: 'start-pages', urls: [`${server.url}/catalog`], productLinkPattern: '/p/\\d+$' },
    politeness: { concurrency: 2, requestsPerSecond: 100, timeoutMs: 2_000, maxBodyBytes: 1_000_000, maxRetries: 0 },
  });

/** Product page requests since `from`, split by who asked: the browser sends Sec-Fetch-Mode, the fetcher does not. */
function productRequestsSince(from: number): { browser: string[]; fetched: string[] } {
  const asked = server.requests.slice(from).filter((request) => /^\/p\/\d+$/.test(request.path));
  return {
    browser: asked.filter((request) => request.headers['sec-fetch-mode'] === 'navigate').map((request) => request.path).sort(),
    fetched: asked.filter((request) => request.headers['sec-fetch-mode'] === undefined).map((request) => request.path).sort(),
  };
}

async function crawl(handle: TestDbHandle, store: ReturnType<typeof testStore>, browser: BrowserPool | undefined = pool) {
  const fetcher = testFetcher(store);
  try {
    return await crawlStore({ db: handle.db, store, fetcher, browser });
  } finally {
    await fetcher.close();
  }
}

describe.each(testDrivers)('crawling script-rendered stores (%s)', (driver) => {
  let handle: TestDbHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(driver);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('finds out a store of script shells, records it, and reads it in the browser from then on', async () => {
    const store = shellStore(`shells-${driver}`);
    const from = server.requests.length;
    const first = await crawl(handle, store);
    expect(first.status, first.message).toBe('succeeded');
    expect(first.counts.errors).toBe(0);
    const states = await listingStates(handle.db);
    for (let n = 1; n <= 4; n++) expect(Number(states.get(`${server.url}/p/${n}`)?.price), `/p/${n}`).toBe(Number(productData(n).price));

    const profile = await getStoreCrawlProfile(handle.db, store.id);
    expect(profile?.renderMode).toBe('browser');
    expect(profile?.reason).toMatch(/gave no product as fetched HTML and looked like a script-rendered shell \(.*empty app root <div id="root">.*\); rendered in a browser it gave one/);
    const firstAsked = productRequestsSince(from);
    expect(firstAsked.browser.length).toBeGreaterThanOrEqual(4); // every page was read in the browser
    expect(firstAsked.fetched.length).toBeGreaterThanOrEqual(1); // the first ones were fetched before the switch
    expect(firstAsked.fetched.length).toBeLessThanOrEqual(4);

    const next = server.requests.length;
    const second = await crawl(handle, store);
    expect(second.status).toBe('succeeded');
    expect(second.counts.listingsSeen).toBe(4);
    expect(productRequestsSince(next)).toEqual({ browser: ['/p/1', '/p/2', '/p/3', '/p/4'], fetched: [] });

    // Revisits between crawls read it the same way: rendered where the process has a pool, and
    // left to the full crawls where it has none (a fetched shell would only say "no product").
    const later = () => new Date(Date.now() + 2 * 86_400_000); // every listing is due by then
    const fetcher = testFetcher(store);
    const hooks = { onBatchStored: async () => {}, onReadingsConfirmed: async () => {} };
    try {
      const before = server.requests.length;
      const without = await revisitStore(store, { db: handle.db, fetcher, hooks, now: later });
      expect(without.skipped).toBe('browser_store');
      expect(server.requests.length).toBe(before);
      const rendered = await revisitStore(store, { db: handle.db, fetcher, browser: pool, hooks, now: later });
      expect(rendered.skipped).toBeUndefined();
      expect(rendered.status).toBe('succeeded');
      expect(rendered.counts.listingsSeen).toBe(4);
      expect(rendered.counts.errors).toBe(0);
      expect(productRequestsSince(before)).toEqual({ browser: ['/p/1', '/p/2', '/p/3', '/p/4'], fetched: [] });
    } finally {
      await fetcher.close();
    }
  });

  it('starts in the browser when the config says sourceKind "browser"', async () => {
    const store = shellStore(`configured-${driver}`, 'browser');
    const from = server.requests.length;
    const summary = await crawl(handle, store);
    expect(summary.status).toBe('succeeded');
    expect(summary.counts.listingsSeen).toBe(4);
    expect(productRequestsSince(from).fetched).toEqual([]);
    // The config decided: nothing learned to record.
    expect(await getStoreCrawlProfile(handle.db, store.id)).toBeUndefined();
  });

  it('never starts Chromium for a store whose pages are plain HTML, even ones with no product', async () => {
    const idle = new BrowserPool();
    try {
      const store = testStore(statics.url, {
        id: `static-${driver}`,
        discovery: { kind: 'urls', urls: [`${statics.url}/product/1`, `${statics.url}/product/2`, `${statics.url}/about`] },
      });
      const summary = await crawl(handle, store, idle);
      expect(summary.counts.listingsSeen).toBe(2);
      expect(summary.counts.errors).toBe(1); // /about: extract_no_product, and no render
      expect(idle.stats().launches).toBe(0);
      expect(await getStoreCrawlProfile(handle.db, store.id)).toBeUndefined();
    } finally {
      await idle.close();
    }
  });

  it('keeps a shell whose render fails static, with its one static error', async () => {
    const store = testStore(server.url, { id: `hanging-${driver}`, discovery: { kind: 'urls', urls: [`${server.url}/busy-loop`] } });
    const served = pool.stats().pagesServed;
    const summary = await crawl(handle, store);
    expect(pool.stats().pagesServed).toBe(served + 1); // it was tried in the browser
    expect(summary.status).toBe('failed');
    const run = await getLatestCrawlRun(handle.db, store.id);
    const errors = await listCrawlErrors(handle.db, run!.id);
    expect(errors.map((error) => error.kind)).toEqual(['extract_no_product']);
    expect(await getStoreCrawlProfile(handle.db, store.id)).toBeUndefined();
  });

  it('reads the demo script store (Pixel Haat) through its product JSON, as `npm start` does', async () => {
    const running = demo.stores.find((s) => s.profile.kind === 'browser')!;
    expect(running.config.sourceKind).toBe('jsonld'); // left to the automatic switch
    const listings = running.inventory.listings.slice(0, 5);
    const [store] = parseStoresConfig(
      { stores: [{ ...running.config, discovery: { kind: 'urls', urls: listings.map((l) => `${running.baseUrl}${l.path}`) } }] },
      'demo script store',
    );
    const summary = await crawl(handle, store);
    expect(summary.status, summary.message).toBe('succeeded');
    expect(summary.counts.listingsSeen).toBe(5);
    expect(summary.counts.errors).toBe(0);
    expect((await getStoreCrawlProfile(handle.db, store.id))?.renderMode).toBe('browser');
    const states = await listingStates(handle.db);
    for (const listing of listings) expect(Number(states.get(`${running.baseUrl}${listing.path}`)?.price)).toBeGreaterThan(0);
  });
});
