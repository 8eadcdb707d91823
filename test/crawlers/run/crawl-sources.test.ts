// Crawls of stores that publish their catalogue as data (Shopify products.json, WooCommerce Store
// API, Google Merchant feed) into real databases: listings and prices, one observation per change,
// no duplicates on re-runs, stale marking only after a complete read.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreConfigInput } from '../../../crawlers/config/store-config.ts';
import { crawlStore, type CrawlProgress } from '../../../crawlers/run/crawl-store.ts';
import type { DbHandle } from '../../../db/client.ts';
import { listCrawlErrors } from '../../../db/queries/crawl-runs.ts';
import { openTestDatabase, testDrivers } from '../../helpers/db.ts';
import { count, listingStates, testFetcher, testStore } from './crawl-fixture.ts';
import { startSourceStore, type SourceStore } from './source-store.ts';

interface Kind {
  name: 'shopify' | 'woocommerce' | 'merchant-feed';
  discovery(origin: string): StoreConfigInput['discovery'];
  listingUrl(origin: string, n: number): string;
  /** Documents a complete read of six items fetches. */
  documents: number;
  /** What makes the read fail half-way: an API page, or the whole feed. */
  failing: number | 'feed';
  badRecordKind: string;
}

const KINDS: Kind[] = [
  {
    name: 'shopify',
    discovery: () => ({ kind: 'shopify' }),
    listingUrl: (origin, n) => (n <= 2 ? `${origin}/products/phone?variant=${100 + n}` : `${origin}/products/item-${n}`),
    documents: 4, // three pages of two products, then the empty page
    failing: 2,
    badRecordKind: 'source_absurd_price',
  },
  {
    name: 'woocommerce',
    discovery: () => ({ kind: 'woocommerce' }),
    listingUrl: (origin, n) => `${origin}/product/item-${n}/`,
    documents: 4, // X-WP-TotalPages says 4: no empty page needed
    failing: 2,
    badRecordKind: 'source_invalid',
  },
  {
    name: 'merchant-feed',
    discovery: (origin) => ({ kind: 'merchant-feed', url: `${origin}/feed.xml` }),
    listingUrl: (origin, n) => `${origin}/p/${n}`,
    documents: 1,
    failing: 'feed',
    badRecordKind: 'source_invalid',
  },
];

describe.each(testDrivers)('crawlStore with structured sources on %s', (driver) => {
  let handle: DbHandle;
  let shop: SourceStore;
  beforeEach(async () => {
    handle = await openTestDatabase(driver);
    shop = await startSourceStore(6);
  });
  afterEach(async () => {
    await shop.close();
    await handle.close();
  });

  it('streams a feed over the pages\' body cap (feeds have a record cap instead), storing every item', async () => {
    const store = testStore(shop.url, { currency: 'EUR', discovery: { kind: 'merchant-feed', url: `${shop.url}/huge-feed.xml` } });
    const fetcher = testFetcher(store);
    try {
      const summary = await crawlStore({ db: handle.db, store, fetcher, batchSize: 500 });
      expect(summary).toMatchObject({ status: 'succeeded', counts: { pages: 1, listingsNew: 1_500, errors: 0 } });
      expect(await count(handle.db, 'listings')).toBe(1_500);
    } finally {
      await fetcher.close();
    }
  });

  it('stops at the page cap without counting a page it did not fetch, and marks nothing stale', async () => {
    const crawl = async (maxPages?: number) => {
      const store = testStore(shop.url, { currency: 'EUR', discovery: { kind: 'shopify', ...(maxPages ? { maxPages } : {}) } });
      const fetcher = testFetcher(store);
      try {
        return await crawlStore({ db: handle.db, store, fetcher });
      } finally {
        await fetcher.close();
      }
    };
    await crawl();
    shop.items.pop(); // would be stale after a complete read
    const summary = await crawl(1);
    expect(summary.counts.pages).toBe(1);
    const errors = await listCrawlErrors(handle.db, summary.runId);
    expect(errors).toEqual([expect.objectContaining({ kind: 'source_page_cap' })]);
    const stored = await listingStates(handle.db);
    expect([...stored.values()].map((l) => l.status)).toEqual(Array(6).fill('active'));
  });

  describe.each(KINDS)('$name', (kind) => {
    async function crawl(onProgress?: (p: CrawlProgress) => void) {
      const store = testStore(shop.url, { currency: 'EUR', discovery: kind.discovery(shop.url) });
      const fetcher = testFetcher(store);
      try {
        return await crawlStore({ db: handle.db, store, fetcher, batchSize: 4, onProgress });
      } finally {
        await fetcher.close();
      }
    }
    const urlOf = (n: number) => kind.listingUrl(shop.url, n);

    it('stores every listing with its price, records the bad record, and adds nothing on a re-run', async () => {
      const progress: CrawlProgress[] = [];
      const first = await crawl((p) => progress.push(p));
      expect(first).toMatchObject({ status: 'succeeded', counts: { pages: kind.documents, listingsSeen: 6, listingsNew: 6, errors: 1 } });
      expect(progress.at(-1)).toMatchObject({ phase: 'finishing', done: 7 });
      const stored = await listingStates(handle.db);
      expect([...stored.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6].map(urlOf).sort());
      expect(stored.get(urlOf(3))).toMatchObject({ price: '13.0000', status: 'active', observations: 1 });
      const errors = await listCrawlErrors(handle.db, first.runId);
      expect(errors).toEqual([expect.objectContaining({ kind: kind.badRecordKind })]);
      // No product page was fetched: the source listed everything.
      expect(shop.requests.filter((path) => path !== '/robots.txt')).toHaveLength(kind.documents);

      const again = await crawl();
      expect(again).toMatchObject({ status: 'succeeded', counts: { listingsSeen: 6, listingsNew: 0, listingsChanged: 0, listingsUnchanged: 6 } });
      expect(await count(handle.db, 'listings')).toBe(6);
      expect(await count(handle.db, 'price_observations')).toBe(6);
    });

    it('adds one observation per change and marks what the store no longer lists stale', async () => {
      await crawl();
      shop.items[2].cents = 999; // item 3
      shop.items[3].inStock = false; // item 4
      shop.items.pop(); // item 6 is gone
      const summary = await crawl();
      expect(summary).toMatchObject({ status: 'succeeded', counts: { listingsNew: 0, listingsChanged: 2, listingsUnchanged: 3 } });
      const stored = await listingStates(handle.db);
      expect(stored.get(urlOf(3))).toMatchObject({ price: '9.9900', observations: 2 });
      expect(stored.get(urlOf(4))).toMatchObject({ observations: 2 });
      expect(stored.get(urlOf(5))).toMatchObject({ observations: 1, status: 'active' });
      expect(stored.get(urlOf(6))).toMatchObject({ status: 'stale', observations: 1 });
      expect(await count(handle.db, 'listings')).toBe(6);
    });

    it('leaves listings untouched and marks nothing stale when a page of the source fails', async () => {
      await crawl();
      const before = await listingStates(handle.db);
      for (const item of shop.items) item.cents += 500;
      shop.items.pop(); // would be stale after a complete read
      shop.failing = kind.failing;
      const summary = await crawl();
      const errors = await listCrawlErrors(handle.db, summary.runId);
      const failed = errors.find((e) => e.kind === 'http_status');
      expect(failed, JSON.stringify(errors)).toMatchObject({ httpStatus: 500 });
      const after = await listingStates(handle.db);
      expect([...after.values()].map((l) => l.status)).toEqual(Array(6).fill('active'));
      if (kind.failing === 'feed') {
        // Nothing could be read at all: the run failed, like a crawl whose discovery failed.
        expect(summary.status).toBe('failed');
        expect(summary.message).toMatch(/merchant-feed source .* failed: HTTP 500/);
        expect(after).toEqual(before);
      } else {
        // Page 1 was read and stored; the failed page and the pages after it were not.
        expect(failed!.url).toMatch(/page=2$/);
        expect(summary.status).toBe('succeeded');
        const untouched = [...after.entries()].filter(([url, state]) => state.price === before.get(url)!.price);
        expect(untouched.length).toBeGreaterThan(0);
        for (const [url] of untouched) expect(after.get(url)).toEqual(before.get(url));
        expect(after.get(urlOf(1))).toMatchObject({ price: '16.0000', observations: 2 });
      }
    });
  });
});
