import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import type { DbHandle } from '../../../db/client.ts';
import { listingMatchKeys, listings, products, stores } from '../../../db/schema.ts';
import { matchListings, mergeListings, rebuildMatches, splitListing } from '../../../crawlers/match/index.ts';
import { getLatestStoreOverlap } from '../../../db/queries/product-matching.ts';
import { openTestDatabase, testDrivers } from '../../helpers/db.ts';
import { MATCH_KEYS_VERSION } from '../../../crawlers/match/keys.ts';

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
  /** A catalogue of distinct products from two stores: brand × kind × a model code each, some with GTINs. */
  function catalogue(size: number): NewRow[] {
    const brands = ['Acme', 'Borealis', 'Cobalt', 'Dynamo', 'Everest', 'Fjord', 'Granite', 'Helix'];
    const kinds = ['Cordless Drill', 'Desk Lamp', 'Espresso Machine', 'Bluetooth Speaker', 'Hair Dryer', 'Kettle', 'Router', 'Monitor Arm', 'Air Purifier', 'Toaster'];
    return Array.from({ length: size }, (_, i) => ({
      store: i % 2 === 0 ? 's1' : 's2',
      title: `${brands[i % brands.length]} ${kinds[Math.floor(i / 2) % kinds.length]} ${['Pro', 'Mini', 'Max', 'Lite'][i % 4]} QX${4000 + i * 7}`,
      brand: brands[i % brands.length],
    }));
  }

  it('matches a small batch against a larger catalogue from the stored keys, loading only its neighbourhood', async () => {
    const rows = catalogue(120);
    const ids = await add(rows);
    const seeded = await matchListings(handle.db);
    expect(seeded.listingsConsidered).toBe(120);
    // A run over the whole catalogue records how often the stores share products, for later batches.
    expect(await getLatestStoreOverlap(handle.db)).toHaveProperty(['s1|s2']);
    // A GTIN on a catalogue listing, then re-matched as a batch of one so that its keys carry it.
    await handle.db.update(listings).set({ gtin: '08806094937411' }).where(eq(listings.id, ids[81]));
    await matchListings(handle.db, { listingIds: [ids[81]] });

    const batch = await add([
      { store: 's3', title: `${rows[37].brand} ${rows[37].title.split(' QX')[0].split(' ').slice(1).join(' ')} QX-${4000 + 37 * 7} black`, brand: rows[37].brand },
      { store: 's3', title: 'Water boiler 1.7 l stainless', gtin: '08806094937411' },
      { store: 's3', title: 'Garden hose reel 30 m with spray nozzle' },
    ]);
    const summary = await matchListings(handle.db, { listingIds: batch });
    expect(summary.listingsMatched).toBe(3);
    expect(summary.listingsConsidered).toBeLessThan(40);
    expect(await productOf(batch[0])).toBe(await productOf(ids[37]));
    expect(await productOf(batch[1])).toBe(await productOf(ids[81]));
    const [hose] = await handle.db.select().from(listings).where(eq(listings.id, batch[2]));
    expect(hose.matchMethod).toBe('singleton');
    expect(summary.productsCreated).toBe(1);
    // The batch's keys are stored for the next batch to find it.
    const keys = await handle.db.select().from(listingMatchKeys).where(inArray(listingMatchKeys.listingId, batch));
    expect(keys.map((k) => k.key)).toEqual(expect.arrayContaining(['g:08806094937411', 'hose', MATCH_KEYS_VERSION]));
  });

  it('links a batch the same way a full rebuild does', async () => {
    const ids = await add(catalogue(60));
    await matchListings(handle.db);
    const batch = await add(
      [5, 18, 33].map((i) => ({ store: 's3', title: `QX${4000 + i * 7} ${catalogue(60)[i].title.split(' QX')[0]}`, brand: catalogue(60)[i].brand })),
    );
    await matchListings(handle.db, { listingIds: batch });
    const incremental = await Promise.all(batch.map(productOf));
    expect(incremental).toEqual(await Promise.all([5, 18, 33].map((i) => productOf(ids[i]))));
    await rebuildMatches(handle.db);
    expect(await Promise.all(batch.map(productOf))).toEqual(await Promise.all([5, 18, 33].map((i) => productOf(ids[i]))));
  });
});
