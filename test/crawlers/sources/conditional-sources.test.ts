// Conditional requests for structured sources, end to end into real databases: a feed and each
// Shopify /products.json page are asked for with the validators of their last complete read; a
// 304 confirms the listings they held (counted as seen, so nothing goes stale), paging goes on
// past an unchanged page, and validators are kept only after a read without a document error.
import { createHash } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreConfigInput } from '../../../crawlers/config/store-config.ts';
import { crawlStore } from '../../../crawlers/run/crawl-store.ts';
import type { SourceEvent, SourceValidators } from '../../../crawlers/sources/types.ts';
import { readWooCommerce } from '../../../crawlers/sources/woocommerce/read.ts';
import { queryRows, type DbHandle } from '../../../db/client.ts';
import { openTestDatabase, testDrivers } from '../../helpers/db.ts';
import { count, listingStates, testFetcher, testStore } from '../run/crawl-fixture.ts';
import { startFeedServer, type FeedServer } from './feed-server.ts';

interface ShopServer {
  url: string;
  prices: number[];
  requests: { path: string; headers: IncomingHttpHeaders; status: number }[];
  close(): Promise<void>;
}

/** A Shopify-like shop: two products per /products.json page, each page with an ETag of its body. */
async function startShop(): Promise<ShopServer> {
  let origin = '';
  const shop: ShopServer = {
    url: '',
    prices: [1_000, 1_100, 1_200, 1_300, 1_400],
    requests: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const answer = (status: number, body: string, headers: http.OutgoingHttpHeaders = {}) => {
      shop.requests.push({ path: url.pathname + url.search, headers: req.headers, status });
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);
    };
    if (url.pathname === '/robots.txt') return answer(200, 'User-agent: *\nAllow: /\n', { 'content-type': 'text/plain' });
    if (url.pathname !== '/products.json') return answer(404, '{}');
    const page = Number(url.searchParams.get('page'));
    const products = shop.prices
      .map((cents, i) => ({ id: i + 1, handle: `item-${i + 1}`, title: `Item ${i + 1}`, variants: [{ id: 100 + i, title: 'Default Title', price: (cents / 100).toFixed(2), available: true }] }))
      .slice((page - 1) * 2, page * 2);
    const body = JSON.stringify({ products });
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    if (req.headers['if-none-match'] === etag) return answer(304, '', { etag });
    return answer(200, body, { etag });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  shop.url = origin;
  return shop;
}

describe.each(testDrivers)('conditional source requests on %s', (driver) => {
  let handle: DbHandle;
  beforeEach(async () => {
    handle = await openTestDatabase(driver);
  });
  afterEach(async () => {
    await handle.close();
  });

  async function crawl(origin: string, discovery: StoreConfigInput['discovery']) {
    const store = testStore(origin, { discovery });
    const fetcher = testFetcher(store);
    try {
      return await crawlStore({ db: handle.db, store, fetcher, batchSize: 2 });
    } finally {
      await fetcher.close();
    }
  }

  const storedDocuments = () =>
    queryRows<{ url: string; etag: string | null; listing_urls: string[]; has_next: number }>(
      handle.db,
      sql`SELECT url, etag, listing_urls, has_next FROM source_documents ORDER BY url`,
    );

  describe('Shopify pages', () => {
    let shop: ShopServer;
    beforeEach(async () => {
      shop = await startShop();
    });
    afterEach(async () => {
      await shop.close();
    });

    it('answers unchanged pages with 304, goes on paging past them, and reads the changed page whole', async () => {
      const first = await crawl(shop.url, { kind: 'shopify' });
      expect(first).toMatchObject({ status: 'succeeded', counts: { pages: 4, listingsNew: 5 } });
      const documents = await storedDocuments();
      expect(documents.map((d) => [new URL(d.url).searchParams.get('page'), d.listing_urls.length, d.has_next])).toEqual([
        ['1', 2, 1],
        ['2', 2, 1],
        ['3', 1, 1],
        ['4', 0, 0],
      ]);

      shop.requests = [];
      const second = await crawl(shop.url, { kind: 'shopify' });
      expect(second).toMatchObject({ status: 'succeeded', counts: { pages: 4, listingsSeen: 5, listingsUnchanged: 5, listingsChanged: 0, errors: 0 } });
      const pages = shop.requests.filter((r) => r.path.startsWith('/products.json'));
      expect(pages.map((r) => r.status)).toEqual([304, 304, 304, 304]);
      expect(pages.every((r) => typeof r.headers['if-none-match'] === 'string')).toBe(true);

      shop.prices[2] = 999; // item 3, on page 2
      shop.requests = [];
      const third = await crawl(shop.url, { kind: 'shopify' });
      expect(third).toMatchObject({ status: 'succeeded', counts: { pages: 4, listingsSeen: 5, listingsChanged: 1, listingsUnchanged: 4 } });
      expect(shop.requests.filter((r) => r.path.startsWith('/products.json')).map((r) => r.status)).toEqual([304, 200, 304, 304]);
      const states = await listingStates(handle.db);
      expect([...states.values()].map((s) => s.status)).toEqual(Array(5).fill('active'));
      expect(states.get(`${shop.url}/products/item-3`)).toMatchObject({ price: '9.9900', observations: 2 });
      expect(await count(handle.db, 'price_observations')).toBe(6);
    });
  });

  describe('a feed', () => {
    let feed: FeedServer;
    beforeEach(async () => {
      feed = await startFeedServer();
    });
    afterEach(async () => {
      await feed.close();
    });

    const rows = (origin: string, n: number, cut = false) => {
      const text = ['id\ttitle\tlink\tprice', ...Array.from({ length: n }, (_, i) => `F-${i}\tFeed item ${i}\t${origin}/f/${i}\t${10 + i} INR`)].join('\n');
      return cut ? text.slice(0, text.lastIndexOf('\t')) : `${text}\n`;
    };

    it('confirms every listing of an unchanged feed on 304, and keeps validators only after a complete read', async () => {
      const discovery = { kind: 'merchant-feed' as const, url: `${feed.url}/live.tsv` };
      feed.live = rows(feed.url, 5);
      const first = await crawl(feed.url, discovery);
      expect(first).toMatchObject({ status: 'succeeded', counts: { pages: 1, listingsNew: 5 } });
      const [saved] = await storedDocuments();
      expect(saved).toMatchObject({ url: discovery.url, has_next: 0, listing_urls: Array.from({ length: 5 }, (_, i) => `${feed.url}/f/${i}`) });

      const second = await crawl(feed.url, discovery);
      expect(second).toMatchObject({ status: 'succeeded', counts: { pages: 1, listingsSeen: 5, listingsUnchanged: 5, errors: 0 } });
      expect(feed.requests.at(-1)?.headers['if-none-match']).toBe(saved.etag);
      expect([...(await listingStates(handle.db)).values()].map((s) => [s.status, s.observations])).toEqual(Array(5).fill(['active', 1]));

      // A changed feed that breaks off (two items and half a row): read, but incomplete, so nothing
      // goes stale and the old validators stay (they no longer match, so the next read is whole).
      feed.live = rows(feed.url, 3, true);
      const broken = await crawl(feed.url, discovery);
      expect(broken.counts.errors).toBe(1);
      expect([...(await listingStates(handle.db)).values()].map((s) => s.status)).toEqual(Array(5).fill('active'));
      expect((await storedDocuments())[0].etag).toBe(saved.etag);

      feed.live = rows(feed.url, 3);
      const fixed = await crawl(feed.url, discovery);
      expect(fixed).toMatchObject({ status: 'succeeded', counts: { listingsSeen: 3 } });
      expect((await storedDocuments())[0]).toMatchObject({ listing_urls: Array.from({ length: 3 }, (_, i) => `${feed.url}/f/${i}`) });
      expect((await storedDocuments())[0].etag).not.toBe(saved.etag);
      expect([...(await listingStates(handle.db)).values()].map((s) => s.status)).toEqual(['active', 'active', 'active', 'stale', 'stale']);
    });

    it('stops at the configured record cap, records why, and marks nothing stale', async () => {
      feed.live = rows(feed.url, 6);
      await crawl(feed.url, { kind: 'merchant-feed', url: `${feed.url}/live.tsv` });
      feed.live = rows(feed.url, 5); // item 5 is gone: stale after a complete read
      const capped = await crawl(feed.url, { kind: 'merchant-feed', url: `${feed.url}/live.tsv`, maxRecords: 3, format: 'tsv' });
      expect(capped).toMatchObject({ status: 'succeeded', counts: { pages: 1, listingsSeen: 3, errors: 1 } });
      const [error] = await queryRows<{ kind: string; message: string }>(handle.db, sql`SELECT kind, message FROM crawl_errors WHERE run_id = ${capped.runId}`);
      expect(error).toMatchObject({ kind: 'source_record_cap', message: expect.stringMatching(/Stopped after 3 records/) });
      expect([...(await listingStates(handle.db)).values()].map((s) => s.status)).toEqual(Array(6).fill('active'));
      // A capped read is incomplete: its validators are not kept.
      expect((await storedDocuments())[0].listing_urls).toHaveLength(6);
    });
  });
});

describe('WooCommerce product pages, conditionally', () => {
  const prices = (minor: string) => ({ price: minor, regular_price: minor, sale_price: minor, currency_code: 'EUR', currency_minor_unit: 2 });

  it('reads the variation pages whole after an unchanged product page, and lists no fallback', async () => {
    const requests: { path: string; status: number; conditional: boolean }[] = [];
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/robots.txt') return void res.writeHead(404).end();
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const hoodie = { id: 10, type: 'variable', name: 'Hoodie', permalink: `${origin}/product/hoodie/`, prices: prices('2500'), is_in_stock: true, variations: [{ id: 11 }] };
      const mug = { id: 20, type: 'simple', name: 'Mug', permalink: `${origin}/product/mug/`, prices: prices('900'), is_in_stock: true };
      const blue = { id: 11, type: 'variation', parent: 10, name: 'Hoodie', variation: 'Colour: Blue', permalink: `${origin}/product/hoodie/?attribute_pa_colour=blue`, prices: prices('2500'), is_in_stock: true };
      const all = url.searchParams.get('type') === 'variation' ? [blue] : [hoodie, mug];
      const body = JSON.stringify(url.searchParams.get('page') === '1' ? all : []);
      const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
      const fresh = req.headers['if-none-match'] === etag;
      requests.push({ path: url.search, status: fresh ? 304 : 200, conditional: req.headers['if-none-match'] !== undefined });
      if (fresh) return void res.writeHead(304, { etag }).end();
      res.writeHead(200, { 'content-type': 'application/json', 'x-wp-totalpages': '1', etag }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Validators kept in memory, as source-path.ts keeps them in source_documents.
    const kept = new Map<string, { etag: string | null; lastModified: string | null; hasNext: boolean; urls: string[] }>();
    const validators: SourceValidators = {
      get: async (url) => {
        const doc = kept.get(url);
        return doc && { ...doc, listingUrls: async () => doc.urls };
      },
    };
    const read = async () => {
      const store = testStore(origin, { currency: 'EUR', discovery: { kind: 'woocommerce' } });
      const fetcher = testFetcher(store);
      const events: SourceEvent[] = [];
      try {
        for await (const event of readWooCommerce(fetcher, { baseUrl: `${origin}/`, maxPages: 5, validators })) {
          events.push(event);
          if (event.type === 'document_complete') kept.set(event.url, { ...event, urls: event.listingUrls });
        }
      } finally {
        await fetcher.close();
      }
      return events;
    };
    try {
      const first = await read();
      const firstReadings = first.flatMap((e) => (e.type === 'reading' ? [e.reading.url] : []));
      expect(firstReadings.sort()).toEqual([`${origin}/product/hoodie/?attribute_pa_colour=blue`, `${origin}/product/mug/`]);
      // The product page stands for its readings and for its variable product's possible fallback listing.
      expect([...kept.values()].map((d) => d.urls.sort())).toContainEqual([`${origin}/product/hoodie/`, `${origin}/product/mug/`]);
      requests.length = 0;
      const second = await read();
      expect(second.filter((e) => e.type === 'unchanged').length).toBeGreaterThan(0);
      expect(second.flatMap((e) => (e.type === 'reading' ? [e.reading.url] : []))).toEqual([`${origin}/product/hoodie/?attribute_pa_colour=blue`]);
      expect(requests.filter((r) => r.path.includes('type=variation')).every((r) => r.status === 200 && !r.conditional)).toBe(true);
      expect(requests.filter((r) => !r.path.includes('type=variation')).every((r) => r.status === 304)).toBe(true);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
