// The site's read-side queries (db/queries/catalog.ts) on both drivers, over the seeded catalogue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client.ts';
import {
  getProductWithOffers,
  getStorePageData,
  listProductIdsByGtin,
} from '../../db/queries/site-catalog.ts';
import { openTestDatabase, testDrivers } from '../helpers/db.ts';
import { SEED_GTINS, seedSite, type SeededSite } from '../helpers/site-seed.ts';


describe.each(testDrivers)('catalog queries on %s', (driver) => {
  let handle: DbHandle;
  let seed: SeededSite;
  const now = new Date();

  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    seed = await seedSite(handle.db, now);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('returns a product with its offers, buyable by total then unavailable', async () => {
    const found = await getProductWithOffers(handle.db, seed.galaxyId);
    expect(found?.product.title).toBe('Samsung Galaxy S24 128GB Onyx Black');
    expect(found?.offers.map((offer) => offer.storeId)).toEqual(seed.galaxyOfferOrder);
    expect(found?.offers.map((offer) => Number(offer.total))).toEqual([794.99, 799, 804, 699]);
    expect(found?.offers[0]).toMatchObject({ storeName: 'Delta Deals', shippingCost: '4.9900', currency: 'EUR', deliveryMinDays: 2 });
    expect(await getProductWithOffers(handle.db, 999_999)).toBeUndefined();
  });

  it('finds products by GTIN-14, from the product or its listings', async () => {
    expect(await listProductIdsByGtin(handle.db, SEED_GTINS.galaxy)).toEqual([seed.galaxyId]);
    expect(await listProductIdsByGtin(handle.db, SEED_GTINS.unknown)).toEqual([]);
  });

  // Deals: test/db/queries/deals.test.ts.

  // Price history: test/site/price-history.test.ts.

  it('summarises a store', async () => {
    const page = await getStorePageData(handle.db, 'alpha');
    expect(page?.store.name).toBe('Alpha Electronics');
    expect(page?.listings).toMatchObject({ active: expect.any(Number), matched: 2 });
    expect(page?.lastCrawl).toMatchObject({ status: 'succeeded', pages: 12 });
    expect(page?.products.map((item) => item.productId).sort()).toEqual([seed.galaxyId, seed.iphoneId].sort());
    expect(await getStorePageData(handle.db, 'nope')).toBeUndefined();
  });
});
