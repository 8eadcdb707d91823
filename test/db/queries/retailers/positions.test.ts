// Competitive positions (db/queries/retailers/positions.ts) on both drivers: who counts as a
// competitor (confirmed readings, same currency, other stores), the cheapest with its tie-breaks,
// rank, gap, median and delivery, which listings get a row, and change detection.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DbHandle } from '../../../../db/client.ts';
import { dropStorePositions, refreshPositions, refreshStorePositions } from '../../../../db/queries/retailers/positions.ts';
import { upsertStores } from '../../../../db/queries/stores.ts';
import { accounts, retailerPositions, storeClaims, type RetailerPosition } from '../../../../db/retailers-schema.ts';
import { listings, priceObservations, products } from '../../../../db/schema.ts';
import type { Availability } from '../../../../domain/availability.ts';
import { openTestDatabase, testDrivers } from '../../../helpers/db.ts';

interface Offer {
  store: string;
  price: string | null;
  shipping?: string | null;
  days?: number | null;
  availability?: Availability;
  currency?: string;
  /** The latest reading is confirmed (default true). */
  confirmed?: boolean;
  status?: 'active' | 'stale' | 'gone';
}

let urls = 0;

async function addListing(db: Database, productId: number | null, offer: Offer, title = 'Thing'): Promise<number> {
  const currency = offer.currency ?? 'EUR';
  const availability = offer.availability ?? 'in_stock';
  const [row] = await db
    .insert(listings)
    .values({
      storeId: offer.store, url: `https://${offer.store}.example/p/${++urls}`, title, price: offer.price, currency,
      shippingCost: offer.shipping === undefined ? '0' : offer.shipping, deliveryMaxDays: offer.days ?? null, availability,
      status: offer.status ?? 'active', productId,
    })
    .returning({ id: listings.id });
  await addReading(db, row.id, offer.confirmed ?? true, new Date('2026-01-01T00:00:00Z'));
  return row.id;
}

/** A reading of the listing's current state at `at`. */
async function addReading(db: Database, listingId: number, confirmed: boolean, at = new Date()): Promise<void> {
  await db.execute(sql`INSERT INTO price_observations (listing_id, observed_at, price, shipping_cost, currency, availability, confirmed)
    SELECT id, ${at.toISOString()}::timestamptz, price, shipping_cost, currency, availability, ${confirmed} FROM listings WHERE id = ${listingId}`);
}

async function addProduct(db: Database, title: string, category: string | null = 'Phones'): Promise<number> {
  const [row] = await db.insert(products).values({ title, category }).returning({ id: products.id });
  return row.id;
}

async function claim(db: Database, storeId: string, email: string, status: 'pending' | 'verified' | 'granted' | 'revoked'): Promise<number> {
  const [account] = await db.insert(accounts).values({ email, passwordHash: 'x' }).returning({ id: accounts.id });
  await db.insert(storeClaims).values({ accountId: account.id, storeId, status, verificationToken: `t-${email}` });
  return account.id;
}

const positionOf = async (db: Database, listingId: number): Promise<RetailerPosition | undefined> =>
  (await db.select().from(retailerPositions).where(eq(retailerPositions.listingId, listingId)))[0];

describe.each(testDrivers)('retailer positions on %s', (driver) => {
  let handle: DbHandle;
  let db: Database;
  const p: Record<string, number> = {};
  const l: Record<string, number> = {};

  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    db = handle.db;
    await upsertStores(db, ['mine', 'r1', 'r2', 'r3', 'r4', 'dollar', 'other'].map((id) => ({
      id, name: `Store ${id}`, baseUrl: `https://${id}.example`, currency: id === 'dollar' ? 'USD' : 'EUR', sourceKind: 'jsonld',
    })));
    await claim(db, 'mine', 'mine@shop.test', 'granted');
    await claim(db, 'other', 'other@shop.test', 'pending');

    p.phone = await addProduct(db, 'Phone');
    l.mine = await addListing(db, p.phone, { store: 'mine', price: '100.00', shipping: '5.00', days: 3 }, 'My phone');
    l.r1 = await addListing(db, p.phone, { store: 'r1', price: '99.00', shipping: '0', days: 5 });
    // Same total as r1 (99) but faster: the cheapest.
    l.r2 = await addListing(db, p.phone, { store: 'r2', price: '95.00', shipping: '4.00', days: 2 });
    // Its latest reading waits for confirmation (a misread 80?): not a competitor.
    l.r3 = await addListing(db, p.phone, { store: 'r3', price: '80.00', confirmed: false });
    // Dollars: another market.
    l.dollar = await addListing(db, p.phone, { store: 'dollar', price: '50.00', currency: 'USD' });
    l.r4 = await addListing(db, p.phone, { store: 'r4', price: '70.00', availability: 'out_of_stock' });

    // Equal totals and unknown delivery everywhere: the lower listing id wins.
    p.cable = await addProduct(db, 'Cable', 'Cables');
    l.mineCable = await addListing(db, p.cable, { store: 'mine', price: '50.00' }, 'My cable');
    l.r1Cable = await addListing(db, p.cable, { store: 'r1', price: '40.00' });
    l.r2Cable = await addListing(db, p.cable, { store: 'r2', price: '40.00' });

    // Cheapest, with an even market: the median is the mean of the two.
    p.case = await addProduct(db, 'Case');
    l.mineCase = await addListing(db, p.case, { store: 'mine', price: '10.00', days: 1 }, 'My case');
    l.r1Case = await addListing(db, p.case, { store: 'r1', price: '20.00', shipping: null, days: 4 });

    p.solo = await addProduct(db, 'Solo');
    l.mineSolo = await addListing(db, p.solo, { store: 'mine', price: '30.00', shipping: '2.50' }, 'My solo');
    l.mineStale = await addListing(db, p.solo, { store: 'mine', price: '31.00', status: 'stale' }, 'My old solo');
    l.mineLoose = await addListing(db, null, { store: 'mine', price: '12.00' }, 'Unmatched thing');
    l.mineOut = await addListing(db, p.case, { store: 'mine', price: '9.00', availability: 'out_of_stock' }, 'My other case');
    p.gadget = await addProduct(db, 'Gadget');
    l.other = await addListing(db, p.gadget, { store: 'other', price: '101.00' });
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('writes every claimed active listing of the products, all new', async () => {
    const changes = await refreshPositions(db, [p.phone, p.cable, p.case, p.solo, p.gadget]);
    expect(changes.map((c) => c.after.listingId).sort((a, b) => a - b)).toEqual([l.mine, l.mineCable, l.mineCase, l.mineSolo, l.mineOut].sort((a, b) => a - b));
    expect(changes.every((c) => c.before === null)).toBe(true);
    // The unclaimed store (a pending claim) and the stale listing get nothing.
    expect(await positionOf(db, l.other)).toBeUndefined();
    expect(await positionOf(db, l.mineStale)).toBeUndefined();
  });

  it('counts confirmed buyable competitors in the currency, out of stock ones apart', async () => {
    const phone = (await positionOf(db, l.mine))!;
    expect(phone).toMatchObject({
      storeId: 'mine', productId: p.phone, title: 'My phone', category: 'Phones', currency: 'EUR', ownBuyable: true, ownDeliveryDays: 3,
      // r1 and r2 only: r3's reading is unconfirmed (pending), the dollar store is another market, r4 is out of stock.
      competitors: 2, competitorsOutOfStock: 1, competitorsPending: 1,
      // r2 ties r1 on the total (99) but delivers sooner.
      cheapestListingId: l.r2, cheapestStoreId: 'r2', rank: 3, fastestCompetitorDays: 2, competitorsFaster: 1, competitorsSlower: 1,
    });
    expect([phone.ownPrice, phone.ownShipping, phone.ownTotal, phone.cheapestTotal, phone.gap].map(Number)).toEqual([100, 5, 105, 99, 6]);
    // Median of 105, 99 and 99.
    expect(Number(phone.medianTotal)).toBe(99);
    expect(phone.gapPercent).toBeCloseTo(600 / 99, 4);
  });

  it('breaks equal totals and delivery by the lower listing id', async () => {
    const cable = (await positionOf(db, l.mineCable))!;
    expect(cable).toMatchObject({ cheapestListingId: l.r1Cable, cheapestStoreId: 'r1', competitors: 2, rank: 3, fastestCompetitorDays: null, competitorsFaster: 0, competitorsSlower: 0 });
    expect(Number(cable.gap)).toBe(10);
  });

  it('ranks the cheapest first, with the exact median of an even market and a negative gap', async () => {
    const own = (await positionOf(db, l.mineCase))!;
    expect(own).toMatchObject({ rank: 1, competitors: 1, competitorsSlower: 1, competitorsFaster: 0, fastestCompetitorDays: 4 });
    expect([own.cheapestTotal, own.medianTotal, own.gap].map(Number)).toEqual([20, 15, -10]);
    expect(own.gapPercent).toBeCloseTo(-50, 5);
    // Its own out-of-stock listing of the same product: no rank, but still compared.
    const out = (await positionOf(db, l.mineOut))!;
    expect(out).toMatchObject({ ownBuyable: false, rank: null, competitors: 1 });
    // The other listing of the same store is no competitor: median is r1's alone.
    expect(Number(out.medianTotal)).toBe(20);
  });

  it('gives an only seller and an unmatched listing a row without competitors', async () => {
    const solo = (await positionOf(db, l.mineSolo))!;
    expect(solo).toMatchObject({ competitors: 0, rank: 1, cheapestListingId: null, gap: null, gapPercent: null });
    expect([solo.ownTotal, solo.medianTotal].map(Number)).toEqual([32.5, 32.5]);
    expect(await refreshStorePositions(db, 'mine')).toBe(6);
    const loose = (await positionOf(db, l.mineLoose))!;
    expect(loose).toMatchObject({ productId: null, competitors: 0, rank: 1, category: null, title: 'Unmatched thing' });
  });

  it('changes nothing when refreshed again', async () => {
    const before = await db.select().from(retailerPositions);
    expect(await refreshPositions(db, [p.phone, p.cable, p.case, p.solo])).toEqual([]);
    expect(await refreshStorePositions(db, 'mine')).toBe(6);
    const after = await db.select().from(retailerPositions);
    expect(after.map((row) => [row.listingId, row.updatedAt.getTime()]).sort()).toEqual(before.map((row) => [row.listingId, row.updatedAt.getTime()]).sort());
  });

  it('returns what changed, with the row as it was before', async () => {
    await db.update(listings).set({ price: '90.00' }).where(eq(listings.id, l.r2));
    await addReading(db, l.r2, true);
    const [change, ...others] = await refreshPositions(db, [p.phone]);
    expect(others).toEqual([]);
    expect(change.before).toMatchObject({ listingId: l.mine, cheapestListingId: l.r2, rank: 3 });
    expect(Number(change.before!.cheapestTotal)).toBe(99);
    expect(change.after).toMatchObject({ listingId: l.mine, cheapestListingId: l.r2, rank: 3 });
    expect(Number(change.after.cheapestTotal)).toBe(94);
    expect(Number(change.after.gap)).toBe(11);
    // The median of 105, 99, 94.
    expect(Number(change.after.medianTotal)).toBe(99);
  });

  it('drops a competitor whose new reading is not confirmed yet', async () => {
    await db.update(listings).set({ price: '10.00' }).where(eq(listings.id, l.r1));
    await addReading(db, l.r1, false);
    const [change] = await refreshPositions(db, [p.phone]);
    expect(change.before!.competitors).toBe(2);
    expect(change.after).toMatchObject({ competitors: 1, rank: 2, competitorsSlower: 0, competitorsFaster: 1 });
    expect(Number(change.after.cheapestTotal)).toBe(94);
  });

  it('updates a new title without announcing it', async () => {
    await db.update(listings).set({ title: 'My phone, renamed' }).where(eq(listings.id, l.mine));
    expect(await refreshPositions(db, [p.phone])).toEqual([]);
    expect((await positionOf(db, l.mine))!.title).toBe('My phone, renamed');
  });

  it('survives two workers refreshing the same products at once', async () => {
    await db.update(listings).set({ price: '85.00' }).where(eq(listings.id, l.r2));
    await addReading(db, l.r2, true);
    const results = await Promise.all([refreshPositions(db, [p.phone, p.case]), refreshPositions(db, [p.case, p.phone])]);
    expect(results.flat().map((c) => c.after.listingId)).toEqual([l.mine]);
    expect(Number((await positionOf(db, l.mine))!.cheapestTotal)).toBe(89);
  });

  it('removes the row of a listing no longer active, or moved off the product', async () => {
    await db.update(listings).set({ status: 'gone' }).where(eq(listings.id, l.mineSolo));
    await db.update(listings).set({ productId: null }).where(eq(listings.id, l.mineCable));
    await db.update(listings).set({ productId: p.solo }).where(eq(listings.id, l.r1Case));
    const changes = await refreshPositions(db, [p.solo, p.cable, p.case]);
    expect(await positionOf(db, l.mineSolo)).toBeUndefined();
    // Moved to no product: kept, alone now.
    expect(await positionOf(db, l.mineCable)).toMatchObject({ productId: null, competitors: 0 });
    expect(changes.map((c) => c.after.listingId).sort((a, b) => a - b)).toEqual([l.mineCable, l.mineCase, l.mineOut].sort((a, b) => a - b));
  });

  it('keeps a store’s positions while a claim stands, and drops them after', async () => {
    const second = await claim(db, 'mine', 'partner@shop.test', 'verified');
    await db.update(storeClaims).set({ status: 'revoked' }).where(eq(storeClaims.storeId, 'mine'));
    await db.update(storeClaims).set({ status: 'verified' }).where(eq(storeClaims.accountId, second));
    expect(await dropStorePositions(db, 'mine')).toBe(0);
    await db.update(storeClaims).set({ status: 'revoked' }).where(eq(storeClaims.accountId, second));
    expect(await dropStorePositions(db, 'mine')).toBeGreaterThan(0);
    expect(await db.select().from(retailerPositions)).toEqual([]);
    expect(await refreshStorePositions(db, 'mine')).toBe(0);
    expect(await refreshPositions(db, [p.phone])).toEqual([]);
  });

  it('ignores an empty product list', async () => {
    expect(await refreshPositions(db, [])).toEqual([]);
    expect(await db.select().from(priceObservations).limit(1)).toHaveLength(1);
  });
});
