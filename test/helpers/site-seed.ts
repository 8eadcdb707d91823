// A small, known catalogue for the site's tests and benchmarks, written through the real write
// path (upsertStores, upsertListings) and indexed with refreshProductSearch.
import { inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { finishCrawlRun, startCrawlRun } from '../../db/queries/crawl-runs.ts';
import { upsertListings } from '../../db/queries/listings.ts';
import { refreshProductSearch } from '../../db/queries/product-search.ts';
import { upsertStores } from '../../db/queries/stores.ts';
import { listings, products } from '../../db/schema.ts';
import type { ListingReading } from '../../domain/listing.ts';

export const XSS_TITLE = '<script>alert(1)</script><img src=x onerror=alert(1)>';

/** GTIN with a correct check digit for the given 12-digit body (EAN-13), padded to 14. */
export function gtinFrom(body12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body12[i]) * (i % 2 === 0 ? 1 : 3);
  return `0${body12}${(10 - (sum % 10)) % 10}`;
}

export const SEED_GTINS = {
  galaxy: gtinFrom('880609529974'),
  xss: gtinFrom('400638133393'),
  unknown: gtinFrom('590123412345'),
};

export interface SeededSite {
  galaxyId: number;
  iphoneId: number;
  xssId: number;
  dealId: number;
  singletonId: number;
  /** Store ids whose Galaxy offer is listed in this order on the product page. */
  galaxyOfferOrder: string[];
}

const DAY = 86_400_000;

async function createProduct(db: Database, title: string, fields: Partial<typeof products.$inferInsert> = {}): Promise<number> {
  const [row] = await db.insert(products).values({ title, ...fields }).returning({ id: products.id });
  return row.id;
}

async function link(db: Database, productId: number, listingIds: number[]): Promise<void> {
  await db.update(listings).set({ productId, matchMethod: 'seed', matchConfidence: 1 }).where(inArray(listings.id, listingIds));
}

async function store(db: Database, storeId: string, readings: ListingReading[], at?: Date): Promise<number[]> {
  const summary = await upsertListings(db, storeId, readings, { observedAt: at });
  return summary.listingIds;
}

const reading = (url: string, title: string, price: string | null, extra: Partial<ListingReading> = {}): ListingReading => ({
  url,
  title,
  price,
  currency: 'EUR',
  availability: 'in_stock',
  ...extra,
});

/** Seeds four stores and a handful of products; returns the ids the tests look at. */
export async function seedSite(db: Database, now = new Date()): Promise<SeededSite> {
  await upsertStores(db, [
    { id: 'alpha', name: 'Alpha Electronics', baseUrl: 'https://alpha.example', currency: 'EUR', country: 'DE', sourceKind: 'jsonld' },
    { id: 'beta', name: 'Beta Shop', baseUrl: 'https://beta.example', currency: 'EUR', country: 'DE', sourceKind: 'jsonld' },
    { id: 'gamma', name: 'Gamma Direct', baseUrl: 'https://gamma.example', currency: 'EUR', country: 'NL', sourceKind: 'microdata' },
    { id: 'delta', name: 'Delta Deals', baseUrl: 'https://delta.example', currency: 'EUR', country: 'FR', sourceKind: 'feed' },
  ]);
  const run = await startCrawlRun(db, 'alpha', 'seed', new Date(now.getTime() - 2 * 3_600_000));
  await finishCrawlRun(db, run.id, 'succeeded', { pages: 12, listingsSeen: 10, listingsNew: 10, listingsChanged: 0, listingsUnchanged: 0, errors: 0 }, undefined, new Date(now.getTime() - 3_600_000));

  const galaxy = 'Samsung Galaxy S24 128GB Onyx Black';
  const g = { brand: 'Samsung', category: 'Phones', gtin: SEED_GTINS.galaxy };
  // Beta has the lowest price but the highest total; Gamma is cheapest of all but out of stock.
  const galaxyListings = [
    ...(await store(db, 'alpha', [reading('https://alpha.example/p/s24', galaxy, '799.00', { ...g, shippingCost: '0', deliveryMinDays: 1, deliveryMaxDays: 1 })], now)),
    ...(await store(db, 'beta', [reading('https://beta.example/s24', `${galaxy} (Dual SIM)`, '779.00', { ...g, shippingCost: '25.00', deliveryMinDays: 3, deliveryMaxDays: 5 })], now)),
    ...(await store(db, 'gamma', [reading('https://gamma.example/galaxy-s24', galaxy, '699.00', { ...g, shippingCost: '0', availability: 'out_of_stock', deliveryMinDays: 2, deliveryMaxDays: 2 })], now)),
    ...(await store(db, 'delta', [reading('https://delta.example/sku/1', 'Galaxy S24 128 GB black', '790.00', { ...g, shippingCost: '4.99', deliveryMinDays: 2, deliveryMaxDays: 2 })], now)),
  ];
  const galaxyId = await createProduct(db, galaxy, { brand: 'Samsung', model: 'SM-S921B', category: 'Phones', gtins: [SEED_GTINS.galaxy] });
  await link(db, galaxyId, galaxyListings);

  const iphone = 'Apple iPhone 15 128GB Blue';
  const iphoneListings = [
    ...(await store(db, 'alpha', [reading('https://alpha.example/p/iphone15', iphone, '849.00', { brand: 'Apple', category: 'Phones', shippingCost: '0', deliveryMinDays: 0, deliveryMaxDays: 0 })], now)),
    ...(await store(db, 'beta', [reading('https://beta.example/iphone-15', iphone, '829.00', { brand: 'Apple', category: 'Phones', deliveryMinDays: 4, deliveryMaxDays: 6 })], now)),
  ];
  const iphoneId = await createProduct(db, iphone, { brand: 'Apple', category: 'Phones' });
  await link(db, iphoneId, iphoneListings);

  const xssListings = await store(db, 'delta', [reading('https://delta.example/sku/x', XSS_TITLE, '19.99', { brand: XSS_TITLE, category: 'Accessories', gtin: SEED_GTINS.xss, seller: XSS_TITLE, deliveryText: XSS_TITLE })], now);
  const xssId = await createProduct(db, XSS_TITLE, { brand: XSS_TITLE, category: 'Accessories', gtins: [SEED_GTINS.xss] });
  await link(db, xssId, xssListings);

  // A real drop: 120, 125, 118 over the last weeks, 99 today.
  const headphones = 'Sony WH-1000XM5 Wireless Noise Cancelling Headphones';
  const hp = { brand: 'Sony', category: 'Audio', shippingCost: '0', deliveryMinDays: 1, deliveryMaxDays: 2 };
  const url = 'https://gamma.example/sony-xm5';
  for (const [daysAgo, price] of [[20, '320.00'], [10, '329.00'], [5, '318.00']] as const) {
    await store(db, 'gamma', [reading(url, headphones, price, hp)], new Date(now.getTime() - daysAgo * DAY));
  }
  const dealListings = await store(db, 'gamma', [reading(url, headphones, '249.00', hp)], now);
  const dealId = await createProduct(db, headphones, { brand: 'Sony', category: 'Audio' });
  await link(db, dealId, dealListings);

  // A listing no other store sells still gets its own (singleton) product.
  const single = await store(db, 'beta', [reading('https://beta.example/cable', 'USB-C Cable 2m Braided', '9.99', { category: 'Accessories' })], now);
  const singletonId = await createProduct(db, 'USB-C Cable 2m Braided', { category: 'Accessories' });
  await link(db, singletonId, single);

  await refreshProductSearch(db, [galaxyId, iphoneId, xssId, dealId, singletonId]);
  return { galaxyId, iphoneId, xssId, dealId, singletonId, galaxyOfferOrder: ['delta', 'alpha', 'beta', 'gamma'] };
}

const BRANDS = ['Samsung', 'Apple', 'Sony', 'Philips', 'Bosch', 'Lenovo', 'Canon', 'Dyson'];
const KINDS = ['Phone', 'Headphones', 'Kettle', 'Laptop', 'Camera', 'Vacuum', 'Monitor', 'Drill'];
const STORES = ['alpha', 'beta', 'gamma', 'delta'];

/** A bigger generated catalogue for benchmarks: `count` products with 2–4 offers each. */
export async function seedBulkCatalogue(db: Database, count: number, now = new Date()): Promise<number[]> {
  const ids: number[] = [];
  const batch = 200;
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start);
    const rows = Array.from({ length: size }, (_, k) => {
      const n = start + k;
      const brand = BRANDS[n % BRANDS.length];
      const kind = KINDS[(n >> 3) % KINDS.length];
      return { title: `${brand} ${kind} ${100 + n} Series ${String.fromCharCode(65 + (n % 26))}`, brand, category: kind };
    });
    const created = await db.insert(products).values(rows).returning({ id: products.id, title: products.title, brand: products.brand, category: products.category });
    for (const [s, storeId] of STORES.entries()) {
      const readings = created
        .filter((_, k) => (start + k + s) % 4 !== 3 || s < 2)
        .map((p, k) => reading(`https://${storeId}.example/bulk/${p.id}`, p.title, (49 + ((p.id * 37 + s * 11) % 900) + 0.99).toFixed(2), {
          brand: p.brand, category: p.category, shippingCost: s % 2 ? '4.99' : '0', deliveryMinDays: (k + s) % 5, deliveryMaxDays: ((k + s) % 5) + 2,
        }));
      await upsertListings(db, storeId, readings, { observedAt: now });
    }
    await db.execute(sql`UPDATE listings SET product_id = substring(url from '/bulk/([0-9]+)$')::bigint
                          WHERE url LIKE '%/bulk/%' AND product_id IS NULL`);
    const createdIds = created.map((p) => p.id);
    await refreshProductSearch(db, createdIds);
    ids.push(...createdIds);
  }
  return ids;
}
