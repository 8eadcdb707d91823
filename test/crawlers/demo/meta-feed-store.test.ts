// The Meta-style demo store end to end: its gzipped TSV catalogue feed, with used and refurbished
// items and item groups, crawled into real databases through the merchant-feed source; a second
// crawl in the same market tick is answered 304 and confirms every listing.
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseStoresConfig } from '../../../crawlers/config/store-config.ts';
import { startDemoStores, type DemoStores, type RunningDemoStore } from '../../../crawlers/demo/index.ts';
import { META_FEED_PATH } from '../../../crawlers/demo/platforms/meta-feed.ts';
import { crawlStore } from '../../../crawlers/run/crawl-store.ts';
import { queryRows, type DbHandle } from '../../../db/client.ts';
import { openTestDatabase, testDrivers } from '../../helpers/db.ts';
import { testFetcher } from '../run/crawl-fixture.ts';

const TICK_MS = 10 * 60_000;
let demo: DemoStores;
let shop: RunningDemoStore;
let now = Date.UTC(2026, 10, 23, 10, 1);

beforeAll(async () => {
  demo = await startDemoStores({ clock: () => now, marketTickMs: TICK_MS });
  shop = demo.stores.find((s) => s.profile.kind === 'meta-feed')!;
});
afterAll(async () => {
  await demo.close();
});

describe('the Meta catalogue demo store', () => {
  it('serves its catalogue as a gzipped Meta TSV with an ETag, used items and item groups', async () => {
    const response = await fetch(`${shop.baseUrl}${META_FEED_PATH}`);
    expect(response.headers.get('content-type')).toBe('application/gzip');
    const etag = response.headers.get('etag')!;
    const lines = gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8').trim().split('\n');
    const header = lines[0].split('\t');
    expect(header).toEqual(expect.arrayContaining(['id', 'title', 'price', 'sale_price', 'condition', 'item_group_id', 'shipping', 'gtin', 'link']));
    const rows = lines.slice(1).map((line) => Object.fromEntries(line.split('\t').map((value, i) => [header[i], value])));
    expect(rows).toHaveLength(shop.inventory.listings.length);
    const conditions = new Set(rows.map((row) => row.condition));
    expect([...conditions].sort()).toEqual(['new', 'refurbished', 'used']);
    const groups = new Map<string, number>();
    for (const row of rows) groups.set(row.item_group_id, (groups.get(row.item_group_id) ?? 0) + 1);
    expect([...groups.values()].some((n) => n > 1)).toBe(true);
    expect(rows[0].shipping).toMatch(/^IN::Standard:\d+\.\d{2} INR$/);
    expect((await fetch(`${shop.baseUrl}${META_FEED_PATH}`, { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('has a plain product page for every listing, with a link to buy it', async () => {
    const listing = shop.inventory.listings[0];
    const response = await fetch(`${shop.baseUrl}${listing.path}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/Buy on Instagram/);
  });
});

describe.each(testDrivers)('crawling the Meta catalogue demo store on %s', (driver) => {
  let handle: DbHandle;
  beforeEach(async () => {
    handle = await openTestDatabase(driver);
  });
  afterEach(async () => {
    await handle.close();
  });

  it('stores every listing with its condition, and confirms them all on a 304 in the same tick', async () => {
    const [store] = parseStoresConfig({ stores: [shop.config] });
    expect(store.discovery).toMatchObject({ kind: 'merchant-feed', url: `${shop.baseUrl}${META_FEED_PATH}` });
    const crawl = async () => {
      const fetcher = testFetcher(store);
      try {
        return await crawlStore({ db: handle.db, store, fetcher, batchSize: 100 });
      } finally {
        await fetcher.close();
      }
    };
    const first = await crawl();
    const total = shop.inventory.listings.length;
    expect(first).toMatchObject({ status: 'succeeded', counts: { pages: 1, listingsNew: total, errors: 0 } });
    const byCondition = await queryRows<{ condition: string; n: number | string }>(handle.db, sql`SELECT condition, count(*) AS n FROM listings GROUP BY condition ORDER BY condition`);
    expect(byCondition.map((row) => row.condition)).toEqual(['new', 'refurbished', 'used']);

    now += 60_000; // same tick: the feed is the same
    const second = await crawl();
    expect(second).toMatchObject({ status: 'succeeded', counts: { pages: 1, listingsSeen: total, listingsUnchanged: total, errors: 0 } });
    const [stale] = await queryRows<{ n: number | string }>(handle.db, sql`SELECT count(*) AS n FROM listings WHERE status <> 'active'`);
    expect(Number(stale.n)).toBe(0);
  });
});
