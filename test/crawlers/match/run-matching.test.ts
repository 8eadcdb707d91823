import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DbHandle } from '../../../db/client.ts';
import { listings, products, stores } from '../../../db/schema.ts';
import { matchListings, mergeListings, rebuildMatches, splitListing } from '../../../crawlers/match/index.ts';
import { openTestDatabase, testDrivers } from '../../helpers/db.ts';

type NewRow = { store: string; title: string; brand?: string; mpn?: string; gtin?: string; image?: string };

describe.each(testDrivers)('matching in the database (%s)', (driver) => {
  let handle: DbHandle;
  let n = 0;
  beforeEach(async () => {
    handle = await openTestDatabase(driver);
    await handle.db.insert(stores).values(
      ['s1', 's2', 's3'].map((id) => ({ id, name: id, baseUrl: `https://${id}.test`, currency: 'EUR', sourceKind: 'jsonld' })),
    );
  });
  afterEach(() => handle.close());

  async function add(rows: NewRow[]): Promise<number[]> {
    const created = await handle.db
      .insert(listings)
      .values(
        rows.map((r) => ({
          storeId: r.store,
          url: `https://${r.store}.test/p/${(n += 1)}`,
          title: r.title,
          brand: r.brand ?? null,
          mpn: r.mpn ?? null,
          gtin: r.gtin ?? null,
          image: r.image ?? null,
        })),
      )
      .returning({ id: listings.id });
    return created.map((c) => c.id);
  }

  async function productOf(listingId: number): Promise<number | null> {
    const [row] = await handle.db.select({ p: listings.productId }).from(listings).where(eq(listings.id, listingId));
    return row.p;
  }

  const background: NewRow[] = [
    { store: 's3', title: 'Logitech MX Master 3S Wireless Mouse Graphite' },
    { store: 's3', title: 'Dell UltraSharp U2723QE 27 4K USB-C Monitor' },
    { store: 's3', title: 'Bosch Serie 4 Dishwasher SMS4HTI45E' },
  ];

  it('attaches every listing to a product, matching the same model across stores', async () => {
    await add(background);
    const [a, b, c] = await add([
      { store: 's1', title: 'Samsung Galaxy M14 5G (Icy Silver, 6GB, 128GB) SM-M146B', brand: 'Samsung' },
      { store: 's2', title: 'SAMSUNG M14 5G 128 GB Silver SM-M146B/DS', brand: 'SAMSUNG', image: 'https://s2.test/m14.jpg' },
      { store: 's2', title: 'Samsung Galaxy M14 5G 256GB Silver SM-M146B', brand: 'Samsung' },
    ]);
    const summary = await matchListings(handle.db);
    expect(summary.listingsMatched).toBe(6);
    expect(await productOf(a)).not.toBeNull();
    expect(await productOf(a)).toBe(await productOf(b));
    expect(await productOf(c)).not.toBe(await productOf(a));
    const [product] = await handle.db.select().from(products).where(eq(products.id, (await productOf(a))!));
    expect(product.brand?.toLowerCase()).toBe('samsung');
    expect(product.image).toBe('https://s2.test/m14.jpg');
    const unmatched = await handle.db.select().from(listings).where(eq(listings.matchMethod, 'singleton'));
    expect(unmatched.every((l) => l.productId !== null)).toBe(true);
  });

  it('matches only new listings on the next run, into the existing product', async () => {
    await add(background);
    const [a] = await add([{ store: 's1', title: 'Canon EOS R50 Mirrorless Camera Body 5811C002', brand: 'Canon' }]);
    await matchListings(handle.db);
    const productA = await productOf(a);
    const [b] = await add([{ store: 's2', title: 'Canon EOS R50 Body (5811C002) black', brand: 'Canon' }]);
    const summary = await matchListings(handle.db);
    expect(summary.listingsMatched).toBe(1);
    expect(summary.productsCreated).toBe(0);
    expect(await productOf(b)).toBe(productA);
    expect((await matchListings(handle.db)).listingsMatched).toBe(0);
  });

  it('matches on GTIN whatever the titles say', async () => {
    const [a, b] = await add([
      { store: 's1', title: 'Blue kettle', gtin: '08806094937411' },
      { store: 's2', title: 'Electric water boiler 1.7 l', gtin: '08806094937411' },
    ]);
    await matchListings(handle.db);
    expect(await productOf(a)).toBe(await productOf(b));
    const [row] = await handle.db.select().from(listings).where(eq(listings.id, b));
    expect(row.matchMethod).toBe('gtin');
  });

  it('keeps human merges and splits through a rebuild', async () => {
    await add(background);
    const [a, b, c] = await add([
      { store: 's1', title: 'Canon EOS R50 Mirrorless Camera Body 5811C002' },
      { store: 's2', title: 'Canon EOS R50 Mirrorless Camera Body 5811C002' },
      { store: 's3', title: 'Nikon Zfc retro camera 20.9MP' },
    ]);
    await matchListings(handle.db);
    expect(await productOf(a)).toBe(await productOf(b));

    await splitListing(handle.db, b);
    expect(await productOf(b)).not.toBe(await productOf(a));
    await mergeListings(handle.db, c, { productIds: [(await productOf(a))!] });
    expect(await productOf(c)).toBe(await productOf(a));

    const productA = await productOf(a);
    await rebuildMatches(handle.db);
    expect(await productOf(a)).toBe(productA);
    expect(await productOf(c)).toBe(productA);
    expect(await productOf(b)).not.toBe(productA);
    const orphans = await handle.db.select({ id: products.id }).from(products);
    const used = new Set((await handle.db.select({ p: listings.productId }).from(listings)).map((r) => r.p));
    expect(orphans.every((p) => used.has(p.id))).toBe(true);
  });
});
