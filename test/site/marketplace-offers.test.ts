// Marketplace sellers and second-hand offers on the built site, on both drivers: each seller's offer
// says who sells it ("Sold by", escaped), and used or refurbished offers are listed apart under "Used &
// refurbished" and never count as the product's price: not its "from", not the cheapest, not its
// search price, not a deal, not its price history.
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertListings } from '../../db/queries/listings.ts';
import { listMarketDeals } from '../../db/queries/deals/market-deals.ts';
import { listConfirmedObservations } from '../../db/queries/price-history/observations.ts';
import { getProductSearchDocuments, refreshProductSearch } from '../../db/queries/product-search.ts';
import { listOffersByProduct } from '../../db/queries/site-catalog.ts';
import { listings } from '../../db/schema.ts';
import type { ListingReading } from '../../domain/listing.ts';
import { toOfferRows } from '../../src/features/product/offers.ts';
import { testDrivers } from '../helpers/db.ts';
import { startSeededSite, type RunningSite } from './site-server.ts';

const DAY = 86_400_000;
const HOSTILE_SELLER = '<b onmouseover=alert(1)>Mega & Sons</b>';

describe.each(testDrivers)('marketplace and second-hand offers on %s', (driver) => {
  let site: RunningSite;
  let usedId: number;
  let refurbishedId: number;
  let sellerId: number;
  const now = new Date();
  const get = (path: string) => fetch(`${site.url}${path}`, { redirect: 'manual' });

  beforeAll(async () => {
    site = await startSeededSite(driver, now);
    const { db } = site.handle;
    const galaxy = 'Samsung Galaxy S24 128GB Onyx Black';
    const page = 'https://beta.example/marketplace/s24';
    const offer = (seller: string, price: string, extra: Partial<ListingReading> = {}): ListingReading => ({
      url: `${page}#seller=${encodeURIComponent(seller.toLowerCase().replace(/[^a-z0-9]+/g, '-'))}${extra.condition && extra.condition !== 'new' ? `&condition=${extra.condition}` : ''}`,
      title: galaxy,
      price,
      currency: 'EUR',
      availability: 'in_stock',
      seller,
      shippingCost: '0',
      deliveryMinDays: 2,
      deliveryMaxDays: 3,
      ...extra,
    });
    // A used Galaxy far below every new offer, its price seen twice a while ago and twice today (a
    // confirmed 35% drop); a refurbished one; and a new marketplace seller's offer with a hostile name.
    const used = offer('Second Life Phones', '700.00', { condition: 'used' });
    for (const daysAgo of [20, 19]) await upsertListings(db, 'beta', [used], { observedAt: new Date(now.getTime() - daysAgo * DAY) });
    for (const minutesAgo of [30, 1]) await upsertListings(db, 'beta', [{ ...used, price: '450.00' }], { observedAt: new Date(now.getTime() - minutesAgo * 60_000) });
    const refurbished = offer('ReNew Hub', '520.00', { condition: 'refurbished' });
    const newSeller = offer(HOSTILE_SELLER, '809.00', { shippingCost: '0' });
    await upsertListings(db, 'beta', [refurbished, newSeller], { observedAt: now });
    const ids = await db.select({ id: listings.id, url: listings.url }).from(listings).where(inArray(listings.url, [used.url, refurbished.url, newSeller.url]));
    const idOf = (url: string) => ids.find((row) => row.url === url)!.id;
    [usedId, refurbishedId, sellerId] = [idOf(used.url), idOf(refurbished.url), idOf(newSeller.url)];
    await db.update(listings).set({ productId: site.seed.galaxyId, matchMethod: 'seed', matchConfidence: 1 }).where(inArray(listings.id, [usedId, refurbishedId, sellerId]));
    await refreshProductSearch(db, [site.seed.galaxyId]);
  }, 240_000);

  afterAll(async () => {
    await site?.close();
  });

  it('lists the second-hand offers after the new ones, never cheapest and never the "from" price', async () => {
    const offers = await listOffersByProduct(site.handle.db, site.seed.galaxyId, now);
    expect(offers.slice(-2).map((o) => [o.listingId, o.condition])).toEqual([
      [usedId, 'used'],
      [refurbishedId, 'refurbished'],
    ]);
    expect(offers.slice(0, -2).every((o) => o.condition === 'new')).toBe(true);
    const rows = toOfferRows(offers, now, 'UTC');
    expect(rows.filter((row) => row.cheapest).map((row) => row.storeId)).toEqual(['delta']);
    expect(rows.find((row) => row.listingId === usedId)).toMatchObject({ isNew: false, cheapest: false, fastest: false, buyable: true });

    const api = await (await get(`/api/products/${site.seed.galaxyId}`)).json();
    expect(api.lowest).toEqual({ total: '794.99', currency: 'EUR' });
    const usedOffer = api.offers.find((o: { condition: string }) => o.condition === 'used');
    expect(usedOffer).toMatchObject({ seller: 'Second Life Phones', cheapest: false, total: '450.0000' });
    expect(api.offers.find((o: { seller: string }) => o.seller === HOSTILE_SELLER)).toMatchObject({ condition: 'new' });
  });

  it('shows them in their own "Used & refurbished" section, each with its seller, the new offers compared above', async () => {
    const html = await (await get(`/p/${site.seed.galaxyId}`)).text();
    expect(html).toContain('From €794.99');
    const [compared, secondHand] = html.split('id="second-hand"');
    expect(secondHand, 'a second-hand section').toBeDefined();
    expect(secondHand).toContain('Used &amp; refurbished');
    expect(secondHand).toContain(`data-listing="${usedId}"`);
    expect(secondHand).toContain(`data-listing="${refurbishedId}"`);
    expect(secondHand).toContain('Sold by <span dir="auto">Second Life Phones</span>');
    expect(secondHand).toContain('Sold by <span dir="auto">ReNew Hub</span>');
    expect(secondHand).toMatch(/data-condition="used"[^>]*>Used</);
    expect(secondHand).toMatch(/data-condition="refurbished"[^>]*>Refurbished</);
    expect(secondHand).not.toContain('Cheapest');
    expect(compared).not.toContain(`data-listing="${usedId}"`);
    expect(compared).toContain(`data-listing="${sellerId}"`);
    // Five new offers of four stores: the heading counts offers, not stores, when a store has several sellers.
    expect(compared).toContain('5 offers from 4 stores');
    const cheapestRow = compared.split('data-listing=').find((row) => row.includes('Cheapest'));
    expect(cheapestRow).toContain('/stores/delta');
  });

  it('escapes a seller name: scraped text, never markup', async () => {
    const html = await (await get(`/p/${site.seed.galaxyId}`)).text();
    expect(html).toContain('Sold by <span dir="auto">&lt;b onmouseover=alert(1)&gt;Mega &amp; Sons&lt;/b&gt;</span>');
    expect(html.replace(/="[^"]*"/g, '=""')).not.toMatch(/<b onmouseover/);
  });

  it('keeps second-hand offers out of search prices, deals and the price history', async () => {
    const [doc] = await getProductSearchDocuments(site.handle.db, [site.seed.galaxyId]);
    expect(Number(doc.lowestTotal)).toBe(794.99);
    expect(Number(doc.lowestPrice)).toBe(779);
    const { deals } = await listMarketDeals(site.handle.db, { now, minDropPercent: 5 });
    expect(deals.filter((deal) => deal.productId === site.seed.galaxyId)).toEqual([]);
    const { observations } = await listConfirmedObservations(site.handle.db, site.seed.galaxyId, { range: 'all', now });
    expect(observations.some((o) => [usedId, refurbishedId].includes(o.listingId))).toBe(false);
  });
});
