// One crawl of one store against real misbehaving servers and real databases: every fault becomes
// one clear error record, good pages are stored, and no failure ever costs a stored price.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crawlStore } from '../../../crawlers/run/crawl-store.ts';
import type { DbHandle } from '../../../db/client.ts';
import { getLatestCrawlRun, listCrawlErrors } from '../../../db/queries/crawl-runs.ts';
import { openTestDatabase, testDrivers } from '../../helpers/db.ts';
import { startHostileServer, type HostileServer } from '../../helpers/hostile-server.ts';
import { count, listingStates, testFetcher, testStore } from './crawl-fixture.ts';
import { startSwitchableStore, type FailureKind, type SwitchableStore } from './switchable-store.ts';

/** What each hostile route must leave behind: one error of this kind. */
const EXPECTED_ERRORS: Record<string, string> = {
  '/slow': 'timeout',
  '/slow-headers': 'timeout',
  '/500': 'http_status',
  '/forbidden': 'http_status',
  '/429-always': 'rate_limited',
  '/429-forever': 'rate_limited',
  '/redirect-loop': 'redirect_loop',
  '/huge': 'too_large',
  '/huge-declared': 'too_large',
  '/gzip-bomb': 'too_large',
  '/binary': 'content_type',
  '/wrong-type': 'content_type',
  '/captcha': 'blocked',
  '/captcha-200': 'blocked',
  '/503-challenge': 'blocked',
  '/gone': 'gone',
  '/gone-410': 'gone',
  '/malformed-html': 'extract_no_product',
  '/charset/latin1': 'extract_no_product',
  '/charset/meta': 'extract_no_product',
  '/absurd-price': 'extract_absurd_price',
  '/absurd-price/huge': 'extract_absurd_price',
};

/** Routes that must end up as listings (retries, Retry-After, redirects, gzip, lenient JSON-LD). */
const EXPECTED_LISTINGS = [
  '/product/1', '/product/2', '/product/3', '/product/4', '/product/5', '/product/6',
  '/flaky', '/429', '/429-date', '/etag', '/gzip', '/redirect/3', '/malformed-jsonld',
];

/** Known extraction bug (reported): a JSON-LD price of -5 is refused, then the visible "₹-5" is read as 5. */
const NEGATIVE_PRICE = '/absurd-price/negative';

/** What a failing product page must be recorded as (the switchable store's failure modes). */
const FAILURE_KINDS: Record<FailureKind, string> = {
  '500': 'http_status',
  hang: 'timeout',
  captcha: 'blocked',
  '429-forever': 'rate_limited',
  'not-a-product': 'extract_no_product',
  'absurd-price': 'extract_absurd_price',
  binary: 'content_type',
  huge: 'too_large',
};

const pathOf = (url: string) => new URL(url).pathname;

describe.each(testDrivers)('crawlStore on %s', (driver) => {
  let handle: DbHandle;
  beforeEach(async () => {
    handle = await openTestDatabase(driver);
  });
  afterEach(async () => {
    await handle.close();
  });

  describe('against the hostile server', () => {
    let server: HostileServer;
    beforeEach(async () => {
      server = await startHostileServer();
    });
    afterEach(async () => {
      await server.close();
    });

    async function crawlHostile() {
      const store = testStore(server.url);
      const fetcher = testFetcher(store);
      try {
        return await crawlStore({ db: handle.db, store, fetcher, batchSize: 5 });
      } finally {
        await fetcher.close();
      }
    }

    it('finishes, stores the good pages and leaves one error of the right kind per failing URL', async () => {
      const summary = await crawlHostile();
      expect(summary.status).toBe('succeeded');
      // Every URL of the sitemap was tried: the crawl did not stop at the first fault.
      expect(summary.counts.pages).toBe(server.routes.length);

      const errors = await listCrawlErrors(handle.db, summary.runId);
      const kinds = Object.fromEntries(errors.filter((e) => pathOf(e.url) !== NEGATIVE_PRICE).map((e) => [pathOf(e.url), e.kind]));
      expect(kinds).toEqual(EXPECTED_ERRORS);
      expect(new Set(errors.map((e) => e.url)).size).toBe(errors.length);
      expect(summary.counts.errors).toBe(errors.length);
      for (const error of errors) {
        expect(error.storeId).toBe('test-store');
        expect(error.message.length, `message of ${error.url}`).toBeGreaterThan(15);
      }
      expect(errors.find((e) => pathOf(e.url) === '/500')).toMatchObject({ httpStatus: 500, retryable: true });
      expect(errors.find((e) => pathOf(e.url) === '/gone-410')).toMatchObject({ httpStatus: 410 });

      const stored = await listingStates(handle.db);
      const storedPaths = [...stored.keys()].map(pathOf).filter((path) => path !== NEGATIVE_PRICE);
      expect(storedPaths.sort()).toEqual([...EXPECTED_LISTINGS].sort());
      for (const listing of stored.values()) expect(listing.observations).toBe(1);
      // Retry-After was honoured: the second request to /429 succeeded and holds the page's price.
      expect(server.hits.get('/429')).toBe(2);
      expect(stored.get(`${server.url}/429`)?.price).toBe('2020.0000');
      expect(stored.get(`${server.url}/product/3`)?.price).toBe('1030.0000');

      const run = await getLatestCrawlRun(handle.db, 'test-store');
      expect(run).toMatchObject({ status: 'succeeded', pages: summary.counts.pages, errors: errors.length, listingsNew: stored.size });
    });

    it('never stores an absurd price (0 and 10^12)', async () => {
      await crawlHostile();
      const stored = await listingStates(handle.db);
      expect(stored.has(`${server.url}/absurd-price`)).toBe(false);
      expect(stored.has(`${server.url}/absurd-price/huge`)).toBe(false);
      for (const listing of stored.values()) {
        const price = Number(listing.price);
        expect(price, listing.url).toBeGreaterThan(0);
        expect(price, listing.url).toBeLessThan(1e9);
      }
    });

    it('never stores a negative price (₹-5 is refused, not read as 5)', async () => {
      const summary = await crawlHostile();
      const stored = await listingStates(handle.db);
      expect(stored.get(`${server.url}${NEGATIVE_PRICE}`)).toBeUndefined();
      const errors = await listCrawlErrors(handle.db, summary.runId);
      expect(errors.find((e) => pathOf(e.url) === NEGATIVE_PRICE)?.kind).toMatch(/^extract_/);
    });
  });

  describe('against a store that changes behaviour between crawls', () => {
    let shop: SwitchableStore;
    beforeEach(async () => {
      shop = await startSwitchableStore(16);
    });
    afterEach(async () => {
      await shop.close();
    });

    async function crawl(overrides: Parameters<typeof testStore>[1] = {}) {
      const store = testStore(shop.url, overrides);
      const fetcher = testFetcher(store);
      try {
        return await crawlStore({ db: handle.db, store, fetcher, batchSize: 4 });
      } finally {
        await fetcher.close();
      }
    }
    const productRequests = () => shop.requests.filter((r) => r.path.startsWith('/product/'));

    it('keeps every listing and its price history when every product page fails', async () => {
      const seeded = await crawl();
      expect(seeded.counts).toMatchObject({ listingsNew: 16, errors: 0 });
      shop.prices.set(5, 999);
      expect((await crawl()).counts).toMatchObject({ listingsChanged: 1, listingsUnchanged: 15 });
      const before = await listingStates(handle.db);
      expect(before.size).toBe(16);
      expect(before.get(`${shop.url}/product/5`)).toMatchObject({ price: '999.0000', observations: 2 });

      shop.mode = 'failing';
      const failed = await crawl();
      // Every page failed: a failed run (issue 10), and still nothing lost.
      expect(failed.status).toBe('failed');
      expect(failed.counts).toMatchObject({ pages: 16, listingsSeen: 0, errors: 16 });
      expect(await listingStates(handle.db)).toEqual(before);

      const errors = await listCrawlErrors(handle.db, failed.runId);
      expect(errors).toHaveLength(16);
      for (const error of errors) {
        const n = Number(pathOf(error.url).split('/').pop());
        expect(error.kind, error.url).toBe(FAILURE_KINDS[shop.failureOf(n)]);
      }
    });

    it('changes nothing when the sitemap is down: the run fails, nothing is marked stale', async () => {
      await crawl();
      const before = await listingStates(handle.db);
      shop.mode = 'sitemap-down';
      const summary = await crawl();
      expect(summary.status).toBe('failed');
      const errors = await listCrawlErrors(handle.db, summary.runId);
      expect(errors).toEqual([expect.objectContaining({ kind: 'discovery', url: `${shop.url}/` })]);
      expect(await listingStates(handle.db)).toEqual(before);
    });

    it('marks nothing stale when part of the sitemap failed, and marks unlinked pages stale when it is whole', async () => {
      await crawl();
      const before = await listingStates(handle.db);
      shop.mode = 'sitemap-half-down';
      const partial = await crawl();
      expect(partial.status).toBe('succeeded');
      expect(partial.counts.pages).toBe(8);
      expect(await listingStates(handle.db)).toEqual(before);

      shop.mode = 'good';
      shop.prices.delete(16);
      shop.productPaths.pop();
      await crawl();
      const after = await listingStates(handle.db);
      expect(after.get(`${shop.url}/product/16`)).toMatchObject({ status: 'stale', price: '1160.0000', observations: 1 });
      expect([...after.values()].filter((l) => l.status === 'active')).toHaveLength(15);
    });

    it('adds no observation when a crawl is repeated, and exactly one when a price changes', async () => {
      await crawl();
      const observations = await count(handle.db, 'price_observations');
      expect(observations).toBe(16);

      const again = await crawl();
      expect(again.counts).toMatchObject({ pages: 16, listingsNew: 0, listingsChanged: 0, listingsUnchanged: 16, errors: 0 });
      expect(await count(handle.db, 'price_observations')).toBe(observations);
      expect(await count(handle.db, 'listings')).toBe(16);

      shop.prices.set(2, 1999);
      const changed = await crawl();
      expect(changed.counts).toMatchObject({ listingsChanged: 1, listingsUnchanged: 15 });
      expect(await count(handle.db, 'price_observations')).toBe(observations + 1);
      expect((await listingStates(handle.db)).get(`${shop.url}/product/2`)).toMatchObject({ price: '1999.0000', observations: 2 });
    });

    it('sends If-None-Match on the next crawl and counts 304s as unchanged', async () => {
      await crawl();
      expect(productRequests().every((r) => r.headers['if-none-match'] === undefined)).toBe(true);
      shop.requests.length = 0;

      const second = await crawl();
      const requests = productRequests();
      expect(requests).toHaveLength(16);
      for (const request of requests) {
        const n = Number(request.path.split('/').pop());
        expect(request.headers['if-none-match'], request.path).toBe(`"p${n}-${shop.prices.get(n)}"`);
      }
      expect(second.counts).toMatchObject({ pages: 16, listingsSeen: 16, listingsUnchanged: 16, listingsChanged: 0, errors: 0 });
      expect(await count(handle.db, 'price_observations')).toBe(16);
    });

    it('keeps crawling and storing when matching or search sync fails after a batch', async () => {
      const store = testStore(shop.url);
      const fetcher = testFetcher(store);
      let calls = 0;
      const summary = await crawlStore({
        db: handle.db,
        store,
        fetcher,
        batchSize: 4,
        onBatchStored: async () => {
          if (calls++ < 2) throw new Error('matcher exploded');
        },
      }).finally(() => fetcher.close());
      expect(summary.status).toBe('succeeded');
      expect(calls).toBe(4);
      expect(summary.counts).toMatchObject({ pages: 16, listingsNew: 16 });
      expect(await count(handle.db, 'listings')).toBe(16);
      expect(await count(handle.db, 'price_observations')).toBe(16);
      const errors = await listCrawlErrors(handle.db, summary.runId);
      expect(errors).toEqual([expect.objectContaining({ kind: 'after_batch', url: `${shop.url}/` })]);
      expect(errors[0].message).toContain('matcher exploded');
    });

    it('fetches no page when robots.txt forbids everything, records robots errors and wipes nothing', async () => {
      await crawl({ discovery: { kind: 'urls', urls: shop.productPaths.map((path) => `${shop.url}${path}`) } });
      const before = await listingStates(handle.db);
      shop.robots = 'forbid-all';
      shop.requests.length = 0;

      const summary = await crawl({ discovery: { kind: 'urls', urls: shop.productPaths.map((path) => `${shop.url}${path}`) } });
      expect(shop.requests.map((r) => r.path)).toEqual(['/robots.txt']);
      const errors = await listCrawlErrors(handle.db, summary.runId);
      expect(errors).toHaveLength(16);
      expect(new Set(errors.map((e) => e.kind))).toEqual(new Set(['robots']));
      expect(await listingStates(handle.db)).toEqual(before);
    });

    it('reads no sitemap when robots.txt forbids everything: one robots error, nothing wiped', async () => {
      await crawl();
      const before = await listingStates(handle.db);
      shop.robots = 'forbid-all';
      shop.requests.length = 0;

      const summary = await crawl();
      expect(summary.status).toBe('failed');
      expect(shop.requests.map((r) => r.path)).toEqual(['/robots.txt']);
      const errors = await listCrawlErrors(handle.db, summary.runId);
      expect(errors).toHaveLength(1);
      expect(errors[0].kind).toBe('robots');
      expect(await listingStates(handle.db)).toEqual(before);
    });
  });
});
