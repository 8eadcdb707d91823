import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DbHandle } from '../../../db/client.ts';
import {
  getProductSearchDocuments,
  refreshAllProductSearch,
  refreshProductSearch,
} from '../../../db/queries/product-search.ts';
import { listings, products, productSearch } from '../../../db/schema.ts';
import { openTestDatabase, testDrivers } from '../../helpers/db.ts';
import { seedCatalog, type SeededCatalog } from '../../helpers/seed-catalog.ts';

describe.each(testDrivers)('product search documents (%s)', (driver) => {
  let handle: DbHandle;
  let seeded: SeededCatalog;

  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    seeded = await seedCatalog(handle.db, [
      {
        key: 'phone',
        title: 'Acme Phone X 128GB',
        brand: 'Acme',
        model: 'AX-1',
        category: 'Phones',
        listings: [
          { store: 's1', title: 'ACME Phone X (128 GB) Schwarz', price: '500.00', shippingCost: '10.00', deliveryMinDays: 3 },
          { store: 's2', price: '505.00', shippingCost: null, deliveryMinDays: 1 },
          { store: 's3', price: '400.00', availability: 'out_of_stock', deliveryMinDays: 0 },
          { store: 's3', title: 'gone listing words', price: '1.00', status: 'gone' },
        ],
      },
      {
        key: 'bare',
        title: 'Nameless Gadget',
        listings: [
          { store: 's1', price: '20.00', brand: 'Fallback', category: 'Gadgets', gtin: '00012345678905', availability: 'out_of_stock', shippingCost: '5', currency: 'USD' },
          { store: 's2', price: '22.00', availability: 'preorder', currency: 'GBP' },
        ],
      },
      { key: 'unlisted', title: 'Never Listed', listings: [] },
      { key: 'priceless', title: 'No Price Yet', listings: [{ store: 's1', price: null }] },
    ]);
    await refreshProductSearch(handle.db, Object.values(seeded.productIds));
  });

  afterAll(async () => {
    await handle?.close();
  });

  async function doc(key: string) {
    const [row] = await getProductSearchDocuments(handle.db, [seeded.productIds[key]]);
    return row;
  }

  it('aggregates offers: in-stock cheapest total, counts, stores, fastest in-stock delivery', async () => {
    const row = await doc('phone');
    expect(row).toMatchObject({
      title: 'Acme Phone X 128GB',
      brand: 'Acme',
      model: 'AX-1',
      category: 'Phones',
      offerCount: 3,
      storeCount: 3,
      inStock: true,
      fastestDeliveryDays: 1,
      currency: 'EUR',
    });
    expect(Number(row.lowestPrice)).toBe(500);
    // 505 with unknown shipping (counts as 505) beats 500 + 10.
    expect(Number(row.lowestTotal)).toBe(505);
    expect([...row.storeIds].sort()).toEqual(['s1', 's2', 's3']);
  });

  it('builds lowercased search text from product and active listing titles only', async () => {
    const row = await doc('phone');
    expect(row.searchText).toContain('acme');
    expect(row.searchText).toContain('schwarz');
    expect(row.searchText).toContain('ax-1');
    expect(row.searchText).not.toMatch(/[A-Z]/);
    expect(row.searchText).not.toContain('gone');
    expect(row.searchText.split(' ').filter((w) => w === 'acme')).toHaveLength(1);
  });

  it('falls back to listing fields, and prices only what can be bought (a preorder can, out of stock cannot)', async () => {
    const row = await doc('bare');
    expect(row).toMatchObject({ brand: 'Fallback', category: 'Gadgets', gtins: ['00012345678905'], inStock: true });
    expect(row.fastestDeliveryDays).toBeNull();
    // USD and GBP offers are never compared with each other: the main currency is the one of the
    // buyable offers (the USD one is out of stock), and only buyable offers give the price.
    expect(row.currencies).toEqual(['GBP', 'USD']);
    expect(row.buyablePrices).toEqual({ GBP: { price: '22', total: '22' } });
    expect(Number(row.lowestPrice)).toBe(22);
    expect(Number(row.lowestTotal)).toBe(22);
    expect(row.currency).toBe('GBP');
  });

  it('keeps products without a priced offer searchable, and skips products without active listings', async () => {
    expect(await doc('unlisted')).toBeUndefined();
    const row = await doc('priceless');
    expect(row).toMatchObject({ offerCount: 0, storeCount: 0, inStock: false, lowestTotal: null, storeIds: [] });
  });

  it('deletes the document when the last active listing vanishes, and when the product is deleted', async () => {
    await handle.db.update(listings).set({ status: 'gone' }).where(eq(listings.productId, seeded.productIds.priceless));
    const first = await refreshProductSearch(handle.db, [seeded.productIds.priceless]);
    expect(first.deleted).toBe(1);
    expect(await doc('priceless')).toBeUndefined();

    await handle.db.delete(products).where(eq(products.id, seeded.productIds.bare));
    expect(await doc('bare')).toBeUndefined();
    const again = await refreshProductSearch(handle.db, [seeded.productIds.bare]);
    expect(again).toEqual({ upserted: 0, deleted: 0 });
  });

  it('refreshes everything in batches with progress', async () => {
    await handle.db.delete(productSearch);
    const progress: Array<[number, number]> = [];
    const summary = await refreshAllProductSearch(handle.db, (done, total) => progress.push([done, total]), 1);
    const rows = await handle.db.select().from(productSearch);
    expect(rows.map((r) => r.title)).toEqual(['Acme Phone X 128GB']);
    expect(summary.upserted).toBe(1);
    expect(progress[0]).toEqual([0, 3]);
    expect(progress.at(-1)).toEqual([3, 3]);
  });

  it('rejects ids that are not positive integers', async () => {
    await expect(refreshProductSearch(handle.db, [1.5])).rejects.toThrow(/positive integer/);
  });
});

describe.each(testDrivers)('product search prices across currencies (%s)', (driver) => {
  it('compares only offers in the currency most of the product\'s offers use', async () => {
    const handle = await openTestDatabase(driver);
    try {
      const seeded = await seedCatalog(handle.db, [
        {
          key: 'phone',
          title: 'Galaxy M14',
          listings: [
            { store: 's1', price: '13999.00', currency: 'INR' },
            { store: 's2', price: '13499.00', currency: 'INR' },
            { store: 's3', price: '159.99', currency: 'EUR' },
          ],
        },
      ]);
      await refreshProductSearch(handle.db, Object.values(seeded.productIds));
      const [row] = await getProductSearchDocuments(handle.db, [seeded.productIds.phone]);
      expect(row.currency).toBe('INR');
      expect(Number(row.lowestPrice)).toBe(13499);
    } finally {
      await handle.close();
    }
  });
});
