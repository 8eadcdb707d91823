// The dashboard's reads (db/queries/retailers/dashboard.ts) and the price index
// (price-index.ts) on both drivers: filters and their counts, search, sorting, paging, the keyset
// export, and the tenant boundary (a store's rows never reach another store's reader).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DbHandle } from '../../../../db/client.ts';
import { getDashboardPage, getPosition, iterateDashboardRows, type DashboardQuery, type DashboardRow } from '../../../../db/queries/retailers/dashboard.ts';
import { DASHBOARD_CSV_HEADER, dashboardCsvLine } from '../../../../db/queries/retailers/dashboard-csv.ts';
import { refreshStorePositions } from '../../../../db/queries/retailers/positions.ts';
import { getPriceIndex, getPriceIndexHistory, recordPriceIndex } from '../../../../db/queries/retailers/price-index.ts';
import { upsertStores } from '../../../../db/queries/stores.ts';
import { accounts, storeClaims } from '../../../../db/retailers-schema.ts';
import { listings, products } from '../../../../db/schema.ts';
import type { Availability } from '../../../../domain/availability.ts';
import { openTestDatabase, testDrivers } from '../../../helpers/db.ts';

let urls = 0;

async function addListing(
  db: Database,
  productId: number,
  offer: { store: string; title: string; price: string; days?: number; availability?: Availability; category?: string },
): Promise<number> {
  const [row] = await db
    .insert(listings)
    .values({
      storeId: offer.store, url: `https://${offer.store}.example/p/${++urls}`, title: offer.title, price: offer.price, currency: 'EUR',
      shippingCost: '0', deliveryMaxDays: offer.days ?? null, availability: offer.availability ?? 'in_stock', productId, category: offer.category,
    })
    .returning({ id: listings.id });
  await db.execute(sql`INSERT INTO price_observations (listing_id, price, shipping_cost, currency, availability, confirmed)
    SELECT id, price, shipping_cost, currency, availability, true FROM listings WHERE id = ${row.id}`);
  return row.id;
}

/** Everything the iterator yields, flattened, checking no batch is over `batchSize`. */
async function collect(db: Database, query: DashboardQuery, batchSize: number): Promise<DashboardRow[]> {
  const all: DashboardRow[] = [];
  for await (const batch of iterateDashboardRows(db, query, batchSize)) {
    expect(batch.length).toBeGreaterThan(0);
    expect(batch.length).toBeLessThanOrEqual(batchSize);
    all.push(...batch);
  }
  return all;
}

const pad = (i: number) => String(i).padStart(2, '0');

describe.each(testDrivers)('retailer dashboard on %s', (driver) => {
  let handle: DbHandle;
  let db: Database;
  const mine: Record<number, number> = {};
  const theirs: number[] = [];
  const A = { storeIds: ['a'] };

  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    db = handle.db;
    await upsertStores(db, ['a', 'b', 'r'].map((id) => ({ id, name: `Store ${id.toUpperCase()}`, baseUrl: `https://${id}.example`, currency: 'EUR', sourceKind: 'jsonld' })));
    for (const [store, email] of [['a', 'a@shop.test'], ['b', 'b@shop.test']]) {
      const [account] = await db.insert(accounts).values({ email, passwordHash: 'x' }).returning({ id: accounts.id });
      await db.insert(storeClaims).values({ accountId: account.id, storeId: store, status: 'granted', verificationToken: `t-${store}` });
    }
    // Store A: 12 listings at 100, 3 days. Against the rival, by i % 4: 0 alone; 1 undercut (90 − i,
    // 1 day: also slower); 2 cheapest (110 + i, 5 days); 3 only an out-of-stock rival.
    for (let i = 1; i <= 12; i++) {
      const [product] = await db.insert(products).values({ title: `Product ${i}` }).returning({ id: products.id });
      const title = i === 5 ? `Widget ${pad(i)} 50% off` : `Widget ${pad(i)}`;
      mine[i] = await addListing(db, product.id, { store: 'a', title, price: '100', days: 3, category: i % 2 ? 'Phones' : 'Laptops' });
      if (i % 4 === 1) await addListing(db, product.id, { store: 'r', title: 'Rival', price: String(90 - i), days: 1 });
      if (i % 4 === 2) await addListing(db, product.id, { store: 'r', title: 'Rival', price: String(110 + i), days: 5 });
      if (i % 4 === 3) await addListing(db, product.id, { store: 'r', title: 'Rival', price: '100', availability: 'out_of_stock' });
    }
    // Store B: two listings, one undercut by 20 (of 100).
    for (const price of ['80', '120']) {
      const [product] = await db.insert(products).values({ title: `B product ${price}` }).returning({ id: products.id });
      theirs.push(await addListing(db, product.id, { store: 'b', title: `Gadget ${price}`, price: '100', category: 'Tools' }));
      await addListing(db, product.id, { store: 'r', title: 'Rival', price });
    }
    await refreshStorePositions(db, 'a');
    await refreshStorePositions(db, 'b');
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('counts every filter and lists the categories', async () => {
    const page = await getDashboardPage(db, A);
    expect(page.counts).toEqual({ all: 12, undercut: 3, cheapest: 3, only_seller: 6, competitor_out_of_stock: 3, slower_delivery: 3 });
    expect(page.total).toBe(12);
    expect(page.categories).toEqual(['Laptops', 'Phones']);
  });

  it('filters rows by each definition', async () => {
    const ids = async (filter: DashboardQuery['filter']) => (await getDashboardPage(db, { ...A, filter })).rows.map((r) => r.listingId).sort((x, y) => x - y);
    const of = (rest: number) => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].filter((i) => i % 4 === rest).map((i) => mine[i]);
    expect(await ids('undercut')).toEqual(of(1));
    expect(await ids('slower_delivery')).toEqual(of(1));
    expect(await ids('cheapest')).toEqual(of(2));
    expect(await ids('competitor_out_of_stock')).toEqual(of(3));
    expect(await ids('only_seller')).toEqual([...of(0), ...of(3)].sort((x, y) => x - y));
  });

  it('gives each row its listing, store and cheapest competitor', async () => {
    const [top] = (await getDashboardPage(db, { ...A, filter: 'undercut', sort: 'gap_desc', pageSize: 1 })).rows;
    // i = 9: 100 against 81, the biggest gap.
    expect(top).toMatchObject({ listingId: mine[9], storeId: 'a', storeName: 'Store A', cheapestStoreId: 'r', cheapestStoreName: 'Store R', rank: 2, title: 'Widget 09', category: 'Phones', currency: 'EUR' });
    expect(top.url).toMatch(/^https:\/\/a\.example\/p\/\d+$/);
    expect(top.productId).toEqual(expect.any(Number));
    expect(Number(top.gap)).toBe(19);
    expect(top.updatedAt).toBeInstanceOf(Date);
  });

  it('sorts by gap both ways, rows without a gap last, and by title', async () => {
    const gaps = (rows: DashboardRow[]) => rows.map((r) => r.gapPercent);
    const desc = (await getDashboardPage(db, { ...A, sort: 'gap_desc' })).rows;
    expect(desc.map((r) => r.listingId).slice(0, 6)).toEqual([9, 5, 1, 2, 6, 10].map((i) => mine[i]));
    expect(gaps(desc).slice(6)).toEqual([null, null, null, null, null, null]);
    const asc = (await getDashboardPage(db, { ...A, sort: 'gap_asc' })).rows;
    expect(asc.map((r) => r.listingId).slice(0, 6)).toEqual([10, 6, 2, 1, 5, 9].map((i) => mine[i]));
    expect(gaps(asc).slice(6)).toEqual([null, null, null, null, null, null]);
    const byTitle = (await getDashboardPage(db, { ...A, sort: 'title' })).rows;
    expect(byTitle.map((r) => r.listingId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((i) => mine[i]));
  });

  it('pages without gaps or repeats, page size capped at 200', async () => {
    const pages = [];
    for (const page of [1, 2, 3]) pages.push(...(await getDashboardPage(db, { ...A, sort: 'gap_desc', page, pageSize: 5 })).rows);
    expect(pages.map((r) => r.listingId)).toEqual((await getDashboardPage(db, { ...A, sort: 'gap_desc' })).rows.map((r) => r.listingId));
    expect((await getDashboardPage(db, { ...A, page: 4, pageSize: 5 })).rows).toEqual([]);
    expect((await getDashboardPage(db, { ...A, pageSize: 10_000 })).rows).toHaveLength(12);
    await expect(getDashboardPage(db, { ...A, page: 0 })).rejects.toThrow(/page/);
  });

  it('searches titles case-insensitively, taking % and _ literally, and narrows by category', async () => {
    const titles = async (query: Partial<DashboardQuery>) => (await getDashboardPage(db, { ...A, ...query, sort: 'title' })).rows.map((r) => r.title);
    expect(await titles({ query: 'WIDGET 1' })).toEqual(['Widget 10', 'Widget 11', 'Widget 12']);
    expect(await titles({ query: '50%' })).toEqual(['Widget 05 50% off']);
    expect(await titles({ query: '%' })).toEqual(['Widget 05 50% off']);
    expect(await titles({ query: 'get_1' })).toEqual([]);
    const phones = await getDashboardPage(db, { ...A, category: 'Phones' });
    expect(phones.total).toBe(6);
    expect(phones.counts).toMatchObject({ all: 6, undercut: 3, competitor_out_of_stock: 3, cheapest: 0 });
    // The category choice still offers every category.
    expect(phones.categories).toEqual(['Laptops', 'Phones']);
  });

  it('keeps each store’s rows to its own readers', async () => {
    const b = await getDashboardPage(db, { storeIds: ['b'] });
    expect(b.rows.map((r) => r.listingId).sort((x, y) => x - y)).toEqual(theirs);
    expect(b.categories).toEqual(['Tools']);
    expect((await getDashboardPage(db, { storeIds: ['a', 'b'] })).total).toBe(14);
    expect(await getPosition(db, ['b'], mine[1])).toBeUndefined();
    expect(await getPosition(db, ['a'], mine[1])).toMatchObject({ listingId: mine[1], storeName: 'Store A' });
    expect(await getPosition(db, ['a'], 0)).toBeUndefined();
    const none = await getDashboardPage(db, { storeIds: [] });
    expect(none).toEqual({ rows: [], total: 0, counts: { all: 0, undercut: 0, cheapest: 0, only_seller: 0, competitor_out_of_stock: 0, slower_delivery: 0 }, categories: [] });
    expect(await getPosition(db, [], mine[1])).toBeUndefined();
    expect(await collect(db, { storeIds: [] }, 5)).toEqual([]);
    expect(await collect(db, { storeIds: ['nobody'] }, 5)).toEqual([]);
  });

  it('iterates every row of the filter exactly once, in the page order', async () => {
    for (const sort of ['gap_desc', 'gap_asc', 'title'] as const) {
      for (const batchSize of [1, 5, 12, 1000]) {
        const rows = await collect(db, { ...A, sort }, batchSize);
        expect(rows.map((r) => r.listingId)).toEqual((await getDashboardPage(db, { ...A, sort })).rows.map((r) => r.listingId));
      }
    }
    expect((await collect(db, { ...A, filter: 'only_seller' }, 4)).map((r) => r.listingId).sort((x, y) => x - y)).toEqual([3, 4, 7, 8, 11, 12].map((i) => mine[i]));
    expect((await collect(db, { storeIds: ['a', 'b'], query: 'gadget' }, 1)).map((r) => r.listingId).sort((x, y) => x - y)).toEqual(theirs);
  });

  it('writes a row as a CSV line in the header’s order', async () => {
    const [row] = (await getDashboardPage(db, { ...A, filter: 'undercut', sort: 'gap_desc', pageSize: 1 })).rows;
    const cells = dashboardCsvLine(row).replace(/\r\n$/, '').split(',');
    expect(cells).toHaveLength(DASHBOARD_CSV_HEADER.length);
    const byName = Object.fromEntries(DASHBOARD_CSV_HEADER.map((name, i) => [name, cells[i]]));
    expect(byName).toMatchObject({
      listing_id: String(mine[9]), title: 'Widget 09', currency: 'EUR', own_price: '100.00', own_shipping: '0.00', own_total: '100.00', rank: '2',
      competitors: '1', cheapest_store: 'Store R', cheapest_total: '81.00', gap: '19.00', gap_percent: '23.46', median_total: '90.50',
      own_delivery_days: '3', fastest_competitor_days: '1', competitors_faster: '1', competitors_slower: '0', competitors_out_of_stock: '0',
    });
  });

  describe('price index', () => {
    it('sums own totals against the lowest and the median, over listings with competitors', async () => {
      const index = await getPriceIndex(db, ['a']);
      // Undercut (i = 1, 5, 9): 300 against lowest 255, median 277.5; cheapest (2, 6, 10): 300 against 300 and 324.
      expect(index.overall.listings).toBe(6);
      expect(index.overall.vsLowest).toBeCloseTo((100 * 600) / 555, 6);
      expect(index.overall.vsMedian).toBeCloseTo((100 * 600) / 601.5, 6);
      expect(index.categories.map((c) => [c.category, c.listings])).toEqual([['Laptops', 3], ['Phones', 3]]);
      expect(index.categories[0].vsLowest).toBeCloseTo(100, 6);
      expect(index.categories[1].vsLowest).toBeCloseTo((100 * 300) / 255, 6);
      // Two stores: one index over both (B: 200 against 180 and 200).
      expect((await getPriceIndex(db, ['a', 'b'])).overall.vsLowest).toBeCloseTo((100 * 800) / 735, 6);
      expect(await getPriceIndex(db, [])).toEqual({ overall: { listings: 0, vsLowest: null, vsMedian: null }, categories: [] });
    });

    it('records the day’s index per store and reads it back as a series', async () => {
      await recordPriceIndex(db, ['a', 'b'], '2026-03-01');
      await recordPriceIndex(db, ['a', 'b'], '2026-03-02');
      await recordPriceIndex(db, ['a', 'b'], '2026-03-02');
      const history = await getPriceIndexHistory(db, ['a'], 90, { today: '2026-03-02' });
      expect(history.map((point) => [point.day, point.listings])).toEqual([['2026-03-01', 6], ['2026-03-02', 6]]);
      expect(history[1].vsLowest).toBeCloseTo((100 * 600) / 555, 4);
      expect(await getPriceIndexHistory(db, ['a'], 1, { today: '2026-03-02' })).toHaveLength(1);
      const phones = await getPriceIndexHistory(db, ['a'], 90, { today: '2026-03-02', category: 'Phones' });
      expect(phones[0].vsLowest).toBeCloseTo((100 * 300) / 255, 4);
      // Several stores: the mean weighted by listings (A 6 listings, B 2).
      const both = await getPriceIndexHistory(db, ['a', 'b'], 90, { today: '2026-03-02' });
      expect(both[1].listings).toBe(8);
      expect(both[1].vsLowest).toBeCloseTo((6 * ((100 * 600) / 555) + 2 * ((100 * 200) / 180)) / 8, 3);
      expect(await getPriceIndexHistory(db, [], 90)).toEqual([]);
    });

    it('forgets a category no longer counted when the day is recorded again', async () => {
      await db.execute(sql`UPDATE retailer_positions SET category = 'Gadgets' WHERE store_id = 'b'`);
      await recordPriceIndex(db, ['b'], '2026-03-02');
      const rows = await db.execute(sql`SELECT category FROM price_index_days WHERE store_id = 'b' AND day = '2026-03-02' ORDER BY category`);
      const categories = (Array.isArray(rows) ? rows : (rows as { rows: { category: string }[] }).rows).map((row: { category: string }) => row.category);
      expect(categories).toEqual(['', 'Gadgets']);
    });
  });
});
