import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DbHandle } from '../../../db/client.ts';
import { listPriceHistory, markListingsChecked, markListingsGone, markListingsStale, upsertListings } from '../../../db/queries/listings.ts';
import { upsertStores } from '../../../db/queries/stores.ts';
import { listings, priceObservations } from '../../../db/schema.ts';
import { openTestDatabase, testDrivers } from '../../helpers/db.ts';
import type { ListingReading } from '../../../domain/listing.ts';

const phone = (overrides: Partial<ListingReading> = {}): ListingReading => ({
  url: 'https://shop.example/p/galaxy-m14',
  title: 'Samsung Galaxy M14 5G (Icy Silver, 6GB, 128GB)',
  brand: 'Samsung',
  gtin: '08806094912345',
  price: '13499.00',
  currency: 'INR',
  shippingCost: '0',
  deliveryMinDays: 1,
  deliveryMaxDays: 2,
  deliveryText: 'Get it by Tomorrow',
  availability: 'in_stock',
  ...overrides,
});

describe.each(testDrivers)('upsertListings on %s', (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    await upsertStores(handle.db, [
      { id: 'shop', name: 'Shop', baseUrl: 'https://shop.example', currency: 'INR', sourceKind: 'jsonld' },
    ]);
  });
  afterAll(() => handle?.close());

  it('creates a listing with its first observation, and a repeat adds nothing', async () => {
    const first = await upsertListings(handle.db, 'shop', [phone()], { observedAt: new Date('2026-11-01T10:00:00Z') });
    expect(first).toMatchObject({ new: 1, changed: 0, unchanged: 0 });
    const again = await upsertListings(handle.db, 'shop', [phone({ price: '13499' })], { observedAt: new Date('2026-11-01T11:00:00Z') });
    expect(again).toMatchObject({ new: 0, changed: 0, unchanged: 1, priceChangedIds: [] });
    const history = await listPriceHistory(handle.db, first.listingIds[0]);
    expect(history).toHaveLength(1);
    expect(Number(history[0].price)).toBe(13499);
  });

  it('appends an observation only when price, shipping or availability changes', async () => {
    const at = (h: number) => ({ observedAt: new Date(`2026-11-02T${String(h).padStart(2, '0')}:00:00Z`) });
    const cheaper = await upsertListings(handle.db, 'shop', [phone({ price: '12999.50' })], at(1));
    expect(cheaper).toMatchObject({ changed: 1, priceChangedIds: cheaper.listingIds });
    await upsertListings(handle.db, 'shop', [phone({ price: '12999.50', availability: 'out_of_stock' })], at(2));
    await upsertListings(handle.db, 'shop', [phone({ price: '12999.50', availability: 'out_of_stock', title: 'Renamed' })], at(3));
    const history = await listPriceHistory(handle.db, cheaper.listingIds[0]);
    expect(history.map((o) => [o.price, o.availability])).toEqual([
      ['13499.0000', 'in_stock'],
      ['12999.5000', 'in_stock'],
      ['12999.5000', 'out_of_stock'],
    ]);
    const [row] = await handle.db.select().from(listings).where(eq(listings.id, cheaper.listingIds[0]));
    expect(row.title).toBe('Renamed');
  });

  it('stores a batch in one transaction: a bad row loses nothing already stored', async () => {
    const before = await handle.db.select().from(priceObservations);
    const good = phone({ url: 'https://shop.example/p/other', price: '999' });
    const bad = phone({ url: 'https://shop.example/p/broken', price: '-5' }); // violates price > 0
    await expect(upsertListings(handle.db, 'shop', [good, bad])).rejects.toThrow();
    const after = await handle.db.select().from(priceObservations);
    expect(after).toHaveLength(before.length);
    const other = await handle.db.select().from(listings).where(eq(listings.url, good.url));
    expect(other).toHaveLength(0);
  });

  it('keeps the same URL twice in one batch as one listing (last reading wins)', async () => {
    const result = await upsertListings(handle.db, 'shop', [
      phone({ url: 'https://shop.example/p/dup', price: '100' }),
      phone({ url: 'https://shop.example/p/dup', price: '90' }),
    ]);
    expect(result.listingIds).toHaveLength(1);
    const [row] = await handle.db.select().from(listings).where(eq(listings.id, result.listingIds[0]));
    expect(Number(row.price)).toBe(90);
  });

  it('marks listings checked, gone and stale without touching their history', async () => {
    const { listingIds } = await upsertListings(handle.db, 'shop', [phone({ url: 'https://shop.example/p/life', price: '50' })]);
    const checkedAt = new Date('2030-01-01T00:00:00Z');
    expect((await markListingsChecked(handle.db, 'shop', ['https://shop.example/p/life'], checkedAt)).checked).toBe(1);
    let [row] = await handle.db.select().from(listings).where(eq(listings.id, listingIds[0]));
    expect(row.lastCheckedAt.toISOString()).toBe(checkedAt.toISOString());
    expect(await markListingsGone(handle.db, 'shop', ['https://shop.example/p/life'])).toBe(1);
    [row] = await handle.db.select().from(listings).where(eq(listings.id, listingIds[0]));
    expect(row.status).toBe('gone');
    expect(Number(row.price)).toBe(50);
    await upsertListings(handle.db, 'shop', [phone({ url: 'https://shop.example/p/life', price: '50' })]);
    expect(await markListingsStale(handle.db, 'shop', ['https://shop.example/p/life'])).toBe(1);
    expect(await listPriceHistory(handle.db, listingIds[0])).toHaveLength(1);
  });
});
