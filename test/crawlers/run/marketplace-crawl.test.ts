// The demo marketplace crawled into real databases: one listing per seller offer with the seller's
// name and condition, no duplicates on a re-crawl, a 304 confirming every seller's listing of a page,
// a seller who leaves a page marked stale while the others stay, and a failing page costing nothing.
// A small pass-through proxy in front of the demo store plays the changes (a seller gone, a failure).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseStoresConfig, type StoreConfig } from '../../../crawlers/config/store-config.ts';
import { buildDemoCatalogue } from '../../../crawlers/demo/catalogue/index.ts';
import { demoStoreConfig } from '../../../crawlers/demo/configs.ts';
import { jsonForScript } from '../../../crawlers/demo/format.ts';
import { demoSellers } from '../../../crawlers/demo/marketplace-sellers.ts';
import { startStoreServer } from '../../../crawlers/demo/server.ts';
import { buildInventory, type StoreInventory } from '../../../crawlers/demo/site.ts';
import { demoStoreProfiles } from '../../../crawlers/demo/store-profiles.ts';
import { sellerListingUrl } from '../../../crawlers/extract/seller-url.ts';
import { crawlStore, type CrawlSummary } from '../../../crawlers/run/crawl-store.ts';
import { queryRows, type DbHandle } from '../../../db/client.ts';
import { listCrawlErrors } from '../../../db/queries/crawl-runs.ts';
import { openTestDatabase, testDrivers } from '../../helpers/db.ts';
import { count, testFetcher } from './crawl-fixture.ts';

/** A fixed market moment: the demo serves the same pages (and ETags) all test long. */
const CLOCK = Date.parse('2026-11-20T10:00:00Z');
const SEED = 1;
const profile = demoStoreProfiles.find((p) => p.kind === 'marketplace')!;

/** What the proxy does to the pages it passes on. */
interface ProxyPlay {
  /** Path → seller names the page no longer lists (removed from the JSON-LD and the table). */
  dropSellers: Map<string, string[]>;
  /** Paths answered 500. */
  fail: Set<string>;
}

let upstream: Server;
let proxy: Server;
let proxyUrl: string;
let inventory: StoreInventory;
const play: ProxyPlay = { dropSellers: new Map(), fail: new Set() };
const statuses = new Map<number, number>();

/** The page without these sellers' offers: the JSON-LD offers and the table rows both go. */
function withoutSellers(html: string, sellers: string[]): string {
  const gone = new Set(sellers);
  const withoutJson = html.replace(/(<script type="application\/ld\+json">)([\s\S]*?)(<\/script>)/g, (_all, open: string, body: string, close: string) => {
    const product = JSON.parse(body);
    if (product.offers?.offers) {
      product.offers.offers = product.offers.offers.filter((offer: { seller: { name: string } }) => !gone.has(offer.seller.name));
      product.offers.offerCount = product.offers.offers.length;
    }
    return `${open}${jsonForScript(product)}${close}`;
  });
  return withoutJson.replace(/<tr class="seller-row"><td class="seller-name">([^<]*)<\/td>[\s\S]*?<\/tr>/g, (row, name: string) =>
    gone.has(name.replace(/&amp;/g, '&')) ? '' : row,
  );
}

async function startProxy(target: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    void (async () => {
      const path = req.url ?? '/';
      if (play.fail.has(path)) {
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end('proxy: failing on purpose\n');
        return;
      }
      const dropped = play.dropSellers.get(path);
      const headers: Record<string, string> = {};
      // A changed page has no validators of its own: it is read whole, then and next time.
      for (const name of ['user-agent', 'accept', ...(dropped ? [] : ['if-none-match', 'if-modified-since'])]) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const response = await fetch(target + path, { headers, redirect: 'manual' });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const out: Record<string, string> = { 'Content-Type': response.headers.get('content-type') ?? 'text/plain' };
      for (const name of ['etag', 'last-modified', 'location']) {
        const value = response.headers.get(name);
        if (value && !dropped) out[name] = value;
      }
      if (response.status === 304) {
        res.writeHead(304, out).end();
        return;
      }
      let body = await response.text();
      if (dropped) body = withoutSellers(body, dropped);
      res.writeHead(response.status, out).end(body);
    })().catch((error: Error) => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`proxy: ${error.message}\n`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  inventory = buildInventory(profile, buildDemoCatalogue(SEED), SEED);
  const started = await startStoreServer({ inventory, host: '127.0.0.1', port: 0, clock: () => CLOCK, tickMs: 600_000, crawlDelay: null });
  upstream = started.server;
  const proxied = await startProxy(started.baseUrl);
  proxy = proxied.server;
  proxyUrl = proxied.url;
});

afterAll(async () => {
  for (const server of [proxy, upstream]) {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
});

function marketplaceStore(): StoreConfig {
  const config = demoStoreConfig(profile, proxyUrl);
  const [store] = parseStoresConfig(
    { stores: [{ ...config, politeness: { ...config.politeness, concurrency: 8, requestsPerSecond: 100, timeoutMs: 5_000 } }] },
    'marketplace crawl test',
  );
  return store;
}

/** Every seller listing the demo's ground truth says the store has, by URL → seller name. */
function expectedListings(): Map<string, { seller: string; condition: string; page: string }> {
  const expected = new Map<string, { seller: string; condition: string; page: string }>();
  for (const listing of inventory.listings) {
    const page = `${proxyUrl}${listing.path}`;
    for (const seller of demoSellers(listing.product, SEED)) {
      expected.set(sellerListingUrl(page, seller.name, seller.condition), { seller: seller.name, condition: seller.condition, page });
    }
  }
  return expected;
}

interface Row {
  url: string;
  seller: string | null;
  condition: string;
  status: string;
  last_checked_at: Date | string;
  observations: number | string;
}

describe.each(testDrivers)('crawling the demo marketplace on %s', (driver) => {
  let handle: DbHandle;
  beforeEach(async () => {
    handle = await openTestDatabase(driver);
    play.dropSellers.clear();
    play.fail.clear();
    statuses.clear();
  });
  afterEach(async () => {
    await handle?.close();
  });

  async function crawl(at: number): Promise<CrawlSummary> {
    const store = marketplaceStore();
    const fetcher = testFetcher(store);
    try {
      const summary = await crawlStore({ db: handle.db, store, fetcher, batchSize: 40, now: () => new Date(at) });
      expect(summary.status, summary.message).toBe('succeeded');
      return summary;
    } finally {
      await fetcher.close();
    }
  }

  async function rows(): Promise<Map<string, Row>> {
    const found = await queryRows<Row>(
      handle.db,
      sql`SELECT l.url, l.seller, l.condition, l.status, l.last_checked_at,
                 (SELECT count(*) FROM price_observations o WHERE o.listing_id = l.id) AS observations
            FROM listings l ORDER BY l.url`,
    );
    return new Map(found.map((row) => [row.url, row]));
  }

  const time = (value: Date | string) => new Date(value).getTime();

  it('stores one listing per seller offer with its seller and condition; a re-crawl adds nothing, its 304s confirm every seller', async () => {
    const expected = expectedListings();
    const pages = inventory.listings.length;
    expect(expected.size).toBeGreaterThan(pages * 2);
    const first = await crawl(CLOCK);
    expect(first.counts.pages).toBe(pages);
    expect(first.counts).toMatchObject({ errors: 0, listingsNew: expected.size, listingsSeen: expected.size });

    const stored = await rows();
    expect([...stored.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [url, row] of stored) {
      expect(url).toMatch(/\/item\/MM[A-Z0-9]{10}#seller=[a-z0-9-]+(&condition=(used|refurbished))?$/);
      expect(row).toMatchObject({ seller: expected.get(url)!.seller, condition: expected.get(url)!.condition, status: 'active' });
      expect(Number(row.observations)).toBe(1);
    }
    const secondHand = [...stored.values()].filter((row) => row.condition !== 'new');
    expect(secondHand.length).toBeGreaterThan(5);
    expect(secondHand.some((row) => row.condition === 'used') && secondHand.some((row) => row.condition === 'refurbished')).toBe(true);

    // Same market moment: every page answers 304 to the validators its sellers' listings share.
    statuses.clear();
    const second = await crawl(CLOCK + 60_000);
    expect(statuses.get(304)).toBe(pages);
    expect(second.counts).toMatchObject({ pages, errors: 0, listingsNew: 0, listingsChanged: 0, listingsSeen: expected.size, listingsUnchanged: expected.size });
    const after = await rows();
    expect(after.size).toBe(expected.size);
    for (const row of after.values()) {
      expect(row.status).toBe('active');
      expect(time(row.last_checked_at)).toBe(CLOCK + 60_000);
      expect(Number(row.observations)).toBe(1);
    }
    const [dupes] = await queryRows<{ n: number | string }>(
      handle.db,
      sql`SELECT count(*) AS n FROM (SELECT store_id, url FROM listings GROUP BY store_id, url HAVING count(*) > 1) d`,
    );
    expect(Number(dupes.n)).toBe(0);
  });

  it('marks a seller who left a page stale, keeps the page\'s other sellers and every other page active, and revives the seller on return', async () => {
    await crawl(CLOCK);
    const expected = expectedListings();
    const listing = inventory.listings.find((l) => demoSellers(l.product, SEED).filter((s) => s.condition === 'new').length >= 3)!;
    const sellers = demoSellers(listing.product, SEED);
    const leaving = sellers[1];
    play.dropSellers.set(listing.path, [leaving.name]);
    const page = `${proxyUrl}${listing.path}`;
    const leavingUrl = sellerListingUrl(page, leaving.name, leaving.condition);
    const later = CLOCK + 120_000;

    const summary = await crawl(later);
    expect(summary.counts.errors).toBe(0);
    const after = await rows();
    expect(after.size).toBe(expected.size);
    expect(after.get(leavingUrl)).toMatchObject({ status: 'stale', seller: leaving.name });
    // Its history stays.
    expect(Number(after.get(leavingUrl)!.observations)).toBe(1);
    for (const [url, row] of after) {
      if (url === leavingUrl) continue;
      expect(row.status, url).toBe('active');
      expect(time(row.last_checked_at), url).toBe(later);
    }
    expect(await count(handle.db, 'listings')).toBe(expected.size);

    // The seller is back (the page, changed, has no validators: it is read whole).
    play.dropSellers.clear();
    await crawl(later + 60_000);
    expect((await rows()).get(leavingUrl)).toMatchObject({ status: 'active' });
    expect(await count(handle.db, 'listings')).toBe(expected.size);
  });

  it('keeps every seller listing of a page that failed to load active, with its reading', async () => {
    await crawl(CLOCK);
    const listing = inventory.listings[3];
    play.fail.add(listing.path);
    const summary = await crawl(CLOCK + 60_000);
    expect(summary.counts.errors).toBe(1);
    const errors = await listCrawlErrors(handle.db, summary.runId);
    expect(errors.map((e) => [new URL(e.url).pathname, e.kind])).toEqual([[listing.path, 'http_status']]);
    const page = `${proxyUrl}${listing.path}`;
    const after = await rows();
    const ofPage = [...after.values()].filter((row) => row.url.startsWith(`${page}#seller=`));
    expect(ofPage).toHaveLength(demoSellers(listing.product, SEED).length);
    for (const row of ofPage) {
      expect(row.status).toBe('active');
      expect(time(row.last_checked_at)).toBe(CLOCK);
    }
    expect([...after.values()].every((row) => row.status === 'active')).toBe(true);
  });
});
