// The money columns' check constraints hold the same rule as extraction and sources (domain/price.ts):
// a price of at least one unit of the column's scale and at most the absurd-price limit.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client.ts';
import { upsertStores } from '../../db/queries/stores.ts';
import { openTestDatabase, testDrivers } from '../helpers/db.ts';

describe.each(testDrivers)('money check constraints on %s', (driver) => {
  let handle: DbHandle;
  let n = 0;
  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    await upsertStores(handle.db, [{ id: 'shop', name: 'Shop', baseUrl: 'https://shop.example/', currency: 'EUR', sourceKind: 'jsonld' }]);
  });
  afterAll(() => handle?.close());

  /** Inserts a listing with the given money values; resolves to the error message, or null when stored. */
  async function insert(values: { price?: string | null; listPrice?: string | null; shippingCost?: string | null }): Promise<string | null> {
    n += 1;
    try {
      await handle.db.execute(sql`INSERT INTO listings (store_id, url, title, price, list_price, shipping_cost)
        VALUES ('shop', ${`https://shop.example/p/${n}`}, 'Thing', ${values.price ?? null}, ${values.listPrice ?? null}, ${values.shippingCost ?? null})`);
      return null;
    } catch (error) {
      return String((error as Error & { cause?: Error }).cause?.message ?? (error as Error).message);
    }
  }

  it.each(['0.0001', '0.00005', '12.5', '999999999.9999', null])('stores the price %s', async (price) => {
    expect(await insert({ price })).toBeNull();
  });

  it.each(['0.00004', '0', '-1', '999999999.99995', '1000000000', '1e12'])('refuses the price %s', async (price) => {
    expect(await insert({ price })).toMatch(/listings_price_valid/);
  });

  it('holds list prices to the price rule and shipping costs to it or zero', async () => {
    expect(await insert({ price: '10', listPrice: '12', shippingCost: '0' })).toBeNull();
    expect(await insert({ price: '10', listPrice: '0' })).toMatch(/listings_list_price_valid/);
    expect(await insert({ price: '10', listPrice: '1e10' })).toMatch(/listings_list_price_valid/);
    expect(await insert({ price: '10', shippingCost: '-1' })).toMatch(/listings_shipping_cost_valid/);
    expect(await insert({ price: '10', shippingCost: '1e10' })).toMatch(/listings_shipping_cost_valid/);
  });
});
