// The site's read-side queries (db/queries/catalog.ts) on both drivers, over the seeded catalogue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client.ts';
import {
  getProductWithOffers,
  getStorePageData,
  listCurrentDeals,
  listProductIdsByGtin,
  listProductPriceHistory,
} from '../../db/queries/site-catalog.ts';
import { upsertListings } from '../../db/queries/listings.ts';
import { openTestDatabase, testDrivers } from '../helpers/db.ts';
import { SEED_GTINS, seedSite, type SeededSite } from '../helpers/site-seed.ts';

const DAY = 86_400_000;

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

  it('lists only real drops below a listing’s own median, not list-price "discounts"', async () => {
    // A listing that claims a high list price but never changed its price is no deal.
    await upsertListings(handle.db, 'alpha', [
      { url: 'https://alpha.example/fake', title: 'Fake Sale Kettle', price: '20.00', listPrice: '99.00', currency: 'EUR', availability: 'in_stock' },
    ]);
    // A listing whose price went up is no deal either.
    for (const [daysAgo, price] of [[9, '10.00'], [6, '11.00'], [0, '15.00']] as const) {
      await upsertListings(handle.db, 'beta', [{ url: 'https://beta.example/up', title: 'Rising Toaster', price, currency: 'EUR', availability: 'in_stock' }], {
        observedAt: new Date(now.getTime() - daysAgo * DAY),
      });
    }
    const deals = await listCurrentDeals(handle.db, { now });
    expect(deals).toHaveLength(1);
    expect(deals[0]).toMatchObject({ productId: seed.dealId, storeId: 'gamma', price: '249.0000', medianPrice: '320.00', dropPercent: 22, currency: 'EUR' });
    // Outside the window the history does not count.
    expect(await listCurrentDeals(handle.db, { now, windowDays: 4 })).toEqual([]);
  });

  it('draws the lowest price over time', async () => {
    const points = await listProductPriceHistory(handle.db, seed.dealId, { now });
    expect(points.map((point) => point.price)).toEqual([320, 329, 318, 249]);
    const clipped = await listProductPriceHistory(handle.db, seed.dealId, { now, days: 7 });
    expect(clipped.map((point) => point.price)).toEqual([329, 318, 249]);
    expect(clipped[0].at.getTime()).toBe(now.getTime() - 7 * DAY);
  });

  it('summarises a store', async () => {
    const page = await getStorePageData(handle.db, 'alpha');
    expect(page?.store.name).toBe('Alpha Electronics');
    expect(page?.listings).toMatchObject({ active: expect.any(Number), matched: 2 });
    expect(page?.lastCrawl).toMatchObject({ status: 'succeeded', pages: 12 });
    expect(page?.products.map((item) => item.productId).sort()).toEqual([seed.galaxyId, seed.iphoneId].sort());
    expect(await getStorePageData(handle.db, 'nope')).toBeUndefined();
  });
});
