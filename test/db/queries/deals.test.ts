// Honest deals (db/queries/deals/) on both drivers: today's lowest confirmed total against the
// market's lowest of the 30 days before the drop, never against a store's "was" price.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DbHandle } from '../../../db/client.ts';
import { listDealFilterChoices } from '../../../db/queries/deals/deal-filters.ts';
import { listMarketDeals, type MarketDeal } from '../../../db/queries/deals/market-deals.ts';
import { listOffersByProduct } from '../../../db/queries/site-catalog.ts';
import { upsertStores } from '../../../db/queries/stores.ts';
import { listings, priceObservations, products } from '../../../db/schema.ts';
import { openTestDatabase, testDrivers } from '../../helpers/db.ts';

const DAY = 86_400_000;
const NOW = new Date('2026-12-01T12:00:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

/** One reading of a listing's history: days ago, total price, confirmed unless said. */
type Reading = [daysAgo: number, price: string, confirmed?: boolean];

interface ListingSpec {
  store: string;
  /** Oldest first; the last one is the listing's current state. */
  history: Reading[];
  listPrice?: string;
  currency?: string;
  shippingCost?: string | null;
  deliveryMaxDays?: number | null;
}

let urls = 0;

async function product(db: Database, title: string, category: string, specs: ListingSpec[]): Promise<{ id: number; listingIds: number[] }> {
  const [row] = await db.insert(products).values({ title, category }).returning({ id: products.id });
  const listingIds: number[] = [];
  for (const spec of specs) {
    const current = spec.history[spec.history.length - 1];
    const currency = spec.currency ?? 'EUR';
    const shippingCost = spec.shippingCost === undefined ? '0' : spec.shippingCost;
    const [listing] = await db
      .insert(listings)
      .values({
        storeId: spec.store,
        url: `https://${spec.store}.example/p/${++urls}`,
        title,
        price: current[1],
        listPrice: spec.listPrice ?? null,
        currency,
        shippingCost,
        availability: 'in_stock',
        deliveryMinDays: spec.deliveryMaxDays ?? null,
        deliveryMaxDays: spec.deliveryMaxDays ?? null,
        productId: row.id,
      })
      .returning({ id: listings.id });
    listingIds.push(listing.id);
    await db.insert(priceObservations).values(
      spec.history.map(([daysAgo, price, confirmed = true]) => ({
        listingId: listing.id,
        observedAt: ago(daysAgo),
        price,
        shippingCost,
        currency,
        availability: 'in_stock' as const,
        confirmed,
      })),
    );
  }
  return { id: row.id, listingIds };
}

describe.each(testDrivers)('market deals on %s', (driver) => {
  let handle: DbHandle;
  const ids: Record<string, number> = {};
  const listingIds: Record<string, number[]> = {};
  const deals = async (options: Parameters<typeof listMarketDeals>[1] = {}) => listMarketDeals(handle.db, { now: NOW, ...options });
  const byTitle = (found: MarketDeal[]) => Object.fromEntries(found.map((deal) => [deal.title, deal]));

  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    const db = handle.db;
    await upsertStores(db, ['alpha', 'beta', 'india'].map((id) => ({
      id, name: `${id[0].toUpperCase()}${id.slice(1)} Store`, baseUrl: `https://${id}.example`, currency: id === 'india' ? 'INR' : 'EUR', sourceKind: 'jsonld',
    })));
    const add = async (key: string, title: string, category: string, specs: ListingSpec[]) => {
      const made = await product(db, title, category, specs);
      ids[key] = made.id;
      listingIds[key] = made.listingIds;
    };
    // A real drop: Alpha to 80 two days ago. In the 30 days before, the market's low was Beta's 85,
    // a reading older than the window but still in force when it opened.
    await add('kettle', 'Kettle 1.7 l', 'Kitchen', [
      { store: 'alpha', history: [[40, '100.00'], [20, '95.00'], [2, '80.00']], deliveryMaxDays: 2 },
      { store: 'beta', history: [[40, '85.00'], [10, '90.00']], deliveryMaxDays: 5 },
    ]);
    // Today's price is what Beta has charged for 40 days: Alpha's own drop, not the market's.
    await add('lamp', 'Desk Lamp', 'Home', [
      { store: 'alpha', history: [[25, '70.00'], [2, '50.00']] },
      { store: 'beta', history: [[40, '50.00']] },
    ]);
    // Always 60, but "was 100": 40% off a list price never charged is no deal.
    await add('blender', 'Blender Pro', 'Kitchen', [{ store: 'alpha', history: [[40, '60.00'], [5, '60.00']], listPrice: '100.00' }]);
    // "Was 100" really charged ten days ago: a 20% drop, and a genuine was price.
    await add('mixer', 'Stand Mixer', 'Kitchen', [{ store: 'beta', history: [[35, '100.00'], [10, '100.00'], [3, '80.00']], listPrice: '100.00', deliveryMaxDays: 1 }]);
    // Today's reading is waiting for confirmation (maybe a misread): not a deal yet.
    await add('drill', 'Cordless Drill', 'Tools', [{ store: 'alpha', history: [[40, '200.00'], [1, '100.00', false]] }]);
    // A misread 50 in the window is not the market's low: the reference stays 100.
    await add('saw', 'Circular Saw', 'Tools', [{ store: 'beta', history: [[40, '100.00'], [10, '50.00', false], [8, '100.00'], [2, '90.00']], deliveryMaxDays: 3 }]);
    // Dropped 40 days ago: today's normal price, not a deal any more.
    await add('old', 'Old Drop Radio', 'Home', [{ store: 'alpha', history: [[80, '100.00'], [40, '50.00']] }]);
    // A drop in rupees, measured in rupees only.
    await add('earbuds', 'Earbuds 141', 'Audio', [
      { store: 'india', currency: 'INR', history: [[20, '1999.00'], [1, '1499.00']], deliveryMaxDays: 4 },
      { store: 'alpha', history: [[20, '10.00']] },
    ]);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('measures today’s lowest total against the market’s 30-day low, biggest drop first', async () => {
    const { deals: found, total } = await deals();
    expect(found.map((deal) => deal.title)).toEqual(['Earbuds 141', 'Stand Mixer', 'Circular Saw', 'Kettle 1.7 l']);
    expect(total).toBe(4);
    const kettle = byTitle(found)['Kettle 1.7 l'];
    expect(kettle).toMatchObject({ productId: ids.kettle, storeId: 'alpha', storeName: 'Alpha Store', currency: 'EUR', category: 'Kitchen', dropPercent: 5, deliveryMaxDays: 2 });
    expect(Number(kettle.total)).toBe(80);
    // Beta's 85 was in force when the window opened (40 days ago): it counts, not just Beta's 90.
    expect(Number(kettle.reference)).toBe(85);
    expect(kettle.since.getTime()).toBe(ago(2).getTime());
    expect(kettle.listingId).toBe(listingIds.kettle[0]);
    expect(Number(byTitle(found)['Earbuds 141'].reference)).toBe(1999);
    expect(byTitle(found)['Earbuds 141'].currency).toBe('INR');
  });

  it('never counts a store’s own drop to a price the market already charged', async () => {
    const titles = (await deals()).deals.map((deal) => deal.title);
    expect(titles).not.toContain('Desk Lamp');
  });

  it('never measures against a list price: a constant price under an inflated "was" is no deal', async () => {
    const titles = (await deals({ minDropPercent: 1 })).deals.map((deal) => deal.title);
    expect(titles).not.toContain('Blender Pro');
  });

  it('counts confirmed readings only, for today’s price and for the reference', async () => {
    const found = byTitle((await deals()).deals);
    expect(found['Cordless Drill']).toBeUndefined();
    // With the misread 50 counted, 90 would be no drop at all.
    expect(Number(found['Circular Saw'].reference)).toBe(100);
    expect(found['Circular Saw'].dropPercent).toBe(10);
  });

  it('forgets a drop once it is older than the window', async () => {
    expect(byTitle((await deals()).deals)['Old Drop Radio']).toBeUndefined();
    // Seen from 35 days ago, the radio's drop was five days old.
    const then = await deals({ now: ago(35) });
    expect(byTitle(then.deals)['Old Drop Radio']).toMatchObject({ dropPercent: 50 });
  });

  it('filters by category, store, delivery, drop and currency, and pages', async () => {
    const titles = async (options: Parameters<typeof listMarketDeals>[1]) => (await deals(options)).deals.map((deal) => deal.title);
    expect(await titles({ category: 'Kitchen' })).toEqual(['Stand Mixer', 'Kettle 1.7 l']);
    expect(await titles({ storeId: 'beta' })).toEqual(['Stand Mixer', 'Circular Saw']);
    expect(await titles({ deliveryWithinDays: 2 })).toEqual(['Stand Mixer', 'Kettle 1.7 l']);
    expect(await titles({ deliveryWithinDays: 0 })).toEqual([]);
    expect(await titles({ minDropPercent: 11 })).toEqual(['Earbuds 141', 'Stand Mixer']);
    expect(await titles({ currency: 'inr' })).toEqual(['Earbuds 141']);
    expect(await titles({ currency: 'EUR', minDropPercent: 6 })).toEqual(['Stand Mixer', 'Circular Saw']);
    const second = await deals({ limit: 3, offset: 3 });
    expect(second.deals.map((deal) => deal.title)).toEqual(['Kettle 1.7 l']);
    expect(second.total).toBe(4);
    await expect(deals({ limit: 0 })).rejects.toThrow(TypeError);
  });

  it('lists the categories and stores the filter form offers', async () => {
    const choices = await listDealFilterChoices(handle.db);
    expect(choices.categories).toEqual(['Audio', 'Home', 'Kitchen', 'Tools']);
    expect(choices.stores.map((store) => store.id)).toEqual(['alpha', 'beta', 'india']);
  });

  it('tells an inflated "was" price from one really charged in the last 30 days', async () => {
    const [blender] = await listOffersByProduct(handle.db, ids.blender, NOW);
    expect(blender).toMatchObject({ listPrice: '100.0000', listPriceCharged: false });
    const [mixer] = await listOffersByProduct(handle.db, ids.mixer, NOW);
    expect(mixer).toMatchObject({ listPrice: '100.0000', listPriceCharged: true });
    // Forty-five days on, the mixer's 100 is older than the window (and no longer in force when it opened).
    const [later] = await listOffersByProduct(handle.db, ids.mixer, new Date(NOW.getTime() + 45 * DAY));
    expect(later.listPriceCharged).toBe(false);
    // No "was" price above today's: nothing to say.
    const [kettle] = await listOffersByProduct(handle.db, ids.kettle, NOW);
    expect(kettle).toMatchObject({ listPrice: null, listPriceCharged: null });
  });
});
