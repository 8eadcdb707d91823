// The behaviour every search engine must show, run against each engine on real data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { listings } from '../../db/schema.ts';
import type { SearchEngine, SearchQuery, SearchResult } from '../../search/types.ts';
import { behaviourCatalog, currencyCatalog, seedCatalog, type SeededCatalog } from '../helpers/seed-catalog.ts';

export interface EngineUnderTest {
  db: Database;
  engine: SearchEngine;
  close(): Promise<void>;
}

/** Hostile or odd input that must never make search throw. */
export const HOSTILE_QUERIES = [
  'x'.repeat(10_000),
  'samsung '.repeat(2_000),
  `'; DROP TABLE product_search; --`,
  `" OR 1=1 --`,
  `\\\\ \\' \\" \\0`,
  '100% _off_ %%__',
  'a & b | !c <-> d:* (e)',
  '`category:=[x]` && brand:!=y || (z',
  '📱🔋 iPhone 😀',
  '\uD800 lone \uDFFF surrogates \uD83D',
  'nul\u0000byte\u0000',
  '   ',
  '*',
  ':*',
  '-',
  'ünïcödé ßtraße ΣΊΣΥΦΟΣ 東京 サムスン',
];

export function searchBehaviour(label: string, open: () => Promise<EngineUnderTest>): void {
  describe(`search behaviour: ${label}`, () => {
    let target: EngineUnderTest;
    let seeded: SeededCatalog;
    const ids = () => seeded.productIds;
    const search = (query: SearchQuery): Promise<SearchResult> => target.engine.search(query);
    const hitIds = (result: SearchResult) => result.hits.map((h) => h.productId);

    beforeAll(async () => {
      target = await open();
      seeded = await seedCatalog(target.db, behaviourCatalog);
      const { documents } = await target.engine.reindexAll();
      expect(documents).toBe(behaviourCatalog.length);
    });

    afterAll(async () => {
      await target?.engine.close();
      await target?.close();
    });

    it('tolerates typos: "samsng galxy" finds the Samsung Galaxy products only', async () => {
      const result = await search({ q: 'samsng galxy' });
      expect(new Set(hitIds(result))).toEqual(new Set([ids().galaxyS24, ids().galaxyA55, ids().galaxyTab]));
      expect(result.total).toBe(3);
      expect(result.engine).toBe(target.engine.name);
      const headphones = await search({ q: 'wireless headphnes' });
      expect(hitIds(headphones)[0]).toBe(ids().sonyHeadphones);
    });

    it('matches the last word as a prefix while it is being typed', async () => {
      expect(hitIds(await search({ q: 'macb' }))).toEqual([ids().macbook]);
      expect(hitIds(await search({ q: 'ipho' }))[0]).toBe(ids().iphone15);
      const typing = await search({ q: 'samsung galaxy ta' });
      expect(hitIds(typing)).toEqual([ids().galaxyTab]);
    });

    it('ranks the closest product first', async () => {
      expect(hitIds(await search({ q: 'galaxy s24 ultra' }))[0]).toBe(ids().galaxyS24);
      expect(hitIds(await search({ q: 'sony wh-1000xm5 ' }))[0]).toBe(ids().sonyHeadphones);
    });

    it('finds a product by its GTIN, typed as 13 or 14 digits', async () => {
      expect(hitIds(await search({ q: '8806095299734' }))).toEqual([ids().galaxyS24]);
      expect(hitIds(await search({ q: '00195949036415' }))).toEqual([ids().iphone15]);
      expect((await search({ q: '1234567890123' })).total).toBe(0);
    });

    it('counts facets on the matching products', async () => {
      const result = await search({ q: 'samsung' });
      expect(result.facets.category).toEqual([
        { value: 'Phones', count: 2 },
        { value: 'Tablets', count: 1 },
      ]);
      expect(result.facets.brand).toEqual([{ value: 'Samsung', count: 3 }]);
      expect(result.facets.store).toEqual([
        { value: 'beta', count: 2 },
        { value: 'alpha', count: 1 },
        { value: 'gamma', count: 1 },
      ]);
      const filtered = await search({ q: '', filters: { brand: ['Apple'] } });
      expect(filtered.facets.category).toEqual([
        { value: 'Laptops', count: 1 },
        { value: 'Phones', count: 1 },
      ]);
    });

    it('filters by category, brand, store, price range, stock and delivery', async () => {
      const only = async (filters: SearchQuery['filters']) => new Set(hitIds(await search({ q: '', filters, perPage: 50 })));
      const set = (...keys: (keyof typeof behaviourCatalogKeys)[]) => new Set(keys.map((k) => ids()[k]));
      expect(await only({ category: ['Phones'] })).toEqual(set('galaxyS24', 'galaxyA55', 'iphone15', 'pixel8'));
      expect(await only({ brand: ['Apple'] })).toEqual(set('iphone15', 'macbook'));
      expect(await only({ store: ['gamma'] })).toEqual(set('iphone15', 'pixel8', 'galaxyTab'));
      expect(await only({ store: ['gamma', 'alpha'], category: ['Phones'] })).toEqual(set('galaxyS24', 'iphone15', 'pixel8'));
      expect(await only({ priceMin: '300', priceMax: '799' })).toEqual(set('galaxyA55', 'galaxyTab', 'iphone15'));
      expect(await only({ inStock: true })).toEqual(
        set('galaxyS24', 'galaxyA55', 'iphone15', 'galaxyTab', 'sonyHeadphones', 'macbook', 'lonely'),
      );
      expect(await only({ deliversByTomorrow: true })).toEqual(set('galaxyS24', 'iphone15', 'lonely'));
      expect(await only({ category: ['Nothing Here'] })).toEqual(new Set());
    });

    it('sorts by lowest total price and by fastest delivery', async () => {
      const byPrice = await search({ q: '', sort: 'price', perPage: 50 });
      expect(byPrice.hits.map((h) => h.lowestTotal)).toEqual([
        '99', '279', '383.99', '654', '799', '1099', '1158.99', null,
      ]);
      // The Pixel is sold only out of stock: no "from" price, and after every buyable product.
      expect(byPrice.hits.at(-1)).toMatchObject({ productId: ids().pixel8, lowestPrice: null, inStock: false });
      const byDelivery = await search({ q: '', sort: 'delivery', perPage: 50 });
      const days = byDelivery.hits.map((h) => h.fastestDeliveryDays);
      expect(days.at(-1)).toBeNull();
      const known = days.filter((d): d is number => d !== null);
      expect(known).toEqual([...known].sort((a, b) => a - b));
      expect(byDelivery.hits[0].fastestDeliveryDays).toBe(1);
      expect(byDelivery.hits[0].productId).toBe(ids().lonely); // cheapest of the one-day offers
      const phonesByPrice = await search({ q: 'samsung', sort: 'price' });
      expect(hitIds(phonesByPrice)).toEqual([ids().galaxyA55, ids().galaxyTab, ids().galaxyS24]);
    });

    it('pages through results without gaps or repeats', async () => {
      const pages = await Promise.all([1, 2, 3, 4].map((page) => search({ q: '', page, perPage: 3 })));
      expect(pages.map((p) => p.hits.length)).toEqual([3, 3, 2, 0]);
      expect(pages.every((p) => p.total === 8 && p.perPage === 3)).toBe(true);
      expect(pages[1].page).toBe(2);
      expect(new Set(pages.flatMap(hitIds)).size).toBe(8);
    });

    it('returns hits with the document fields', async () => {
      const [hit] = (await search({ q: 'galaxy s24 ultra' })).hits;
      expect(hit).toEqual({
        productId: ids().galaxyS24,
        title: 'Samsung Galaxy S24 Ultra 256GB Titanium Black',
        brand: 'Samsung',
        category: 'Phones',
        image: null,
        lowestPrice: '1149',
        lowestTotal: '1158.99',
        currency: 'EUR',
        storeCount: 2,
        fastestDeliveryDays: 1,
        inStock: true,
      });
    });

    it('never throws on hostile input', async () => {
      for (const q of HOSTILE_QUERIES) {
        const result = await search({ q });
        expect(result.hits.length, `query ${JSON.stringify(q.slice(0, 40))}`).toBeLessThanOrEqual(result.perPage);
      }
      const drop = await search({ q: `'; DROP TABLE product_search; --` });
      expect(drop.total).toBe(0);
      expect((await search({ q: '' })).total).toBe(8);
      const emoji = await search({ q: '📱 iphone' });
      expect(hitIds(emoji)[0]).toBe(ids().iphone15);
      const odd = await search({ q: 'x', filters: { brand: ["O'Brien`s \\ %_"], category: ['`'] } });
      expect(odd.total).toBe(0);
    });

    it('forgets a product whose last listing vanished once it is synced', async () => {
      const id = ids().lonely;
      expect(hitIds(await search({ q: 'logitech mouse' }))).toEqual([id]);
      await target.db.update(listings).set({ status: 'gone' }).where(eq(listings.productId, id));
      await target.engine.syncProducts([id]);
      expect((await search({ q: 'logitech mouse' })).total).toBe(0);
      expect((await search({ q: '' })).total).toBe(7);
    });
  });
}

/** Sorting, filtering and "from" prices within one currency, on offers in EUR and INR. */
export function currencyBehaviour(label: string, open: () => Promise<EngineUnderTest>): void {
  describe(`currency behaviour: ${label}`, () => {
    let target: EngineUnderTest;
    let seeded: SeededCatalog;
    const key = (id: number) => Object.entries(seeded.productIds).find(([, v]) => v === id)?.[0];
    const keys = (result: SearchResult) => result.hits.map((h) => key(h.productId));
    const search = (query: SearchQuery): Promise<SearchResult> => target.engine.search({ perPage: 50, ...query });

    beforeAll(async () => {
      target = await open();
      seeded = await seedCatalog(target.db, currencyCatalog);
      await target.engine.reindexAll();
    });

    afterAll(async () => {
      await target?.engine.close();
      await target?.close();
    });

    it('sorts by price within the chosen currency, the other currencies after it, grouped, never as one number', async () => {
      const eur = await search({ q: '', sort: 'price', currency: 'EUR' });
      expect(eur.currency).toBe('EUR');
      expect(keys(eur)).toEqual(['eurCheap', 'both', 'preorder', 'eurDear', 'inrOnly', 'mixed', 'soldOut', 'unknown']);
      expect(eur.hits.map((h) => [h.currency, h.lowestTotal])).toEqual([
        ['EUR', '10.94'], ['EUR', '50'], ['EUR', '100'], ['EUR', '298.99'], ['INR', '279'], ['INR', '2699'],
        [expect.anything(), null], [expect.anything(), null],
      ]);
      const inr = await search({ q: '', sort: 'price', currency: 'inr' });
      expect(inr.currency).toBe('INR');
      expect(keys(inr)).toEqual(['inrOnly', 'mixed', 'both', 'eurCheap', 'preorder', 'eurDear', 'soldOut', 'unknown']);
      expect(inr.hits[2]).toMatchObject({ currency: 'INR', lowestTotal: '4000' });
    });

    it('says "from" only with the lowest buyable total, in the shown currency', async () => {
      const result = await search({ q: 'redmi buds', currency: 'EUR' });
      // The €42.94 offer is out of stock; the only buyable one costs ₹2,699.
      expect(result.hits).toEqual([expect.objectContaining({ currency: 'INR', lowestPrice: '2699', lowestTotal: '2699', inStock: true })]);
      const both = (await search({ q: 'jbl tune', currency: 'EUR' })).hits[0];
      expect(both).toMatchObject({ currency: 'EUR', lowestTotal: '50', inStock: true });
      for (const q of ['sony wf-c500', 'jabra elite']) {
        const [hit] = (await search({ q, currency: 'EUR' })).hits;
        expect(hit, q).toMatchObject({ lowestPrice: null, lowestTotal: null, inStock: false });
      }
      expect((await search({ q: 'nothing ear' })).hits[0]).toMatchObject({ lowestTotal: '100', inStock: true });
    });

    it('applies price filters within the currency', async () => {
      const eur = await search({ q: '', currency: 'EUR', filters: { priceMin: '40', priceMax: '200' } });
      expect(new Set(keys(eur))).toEqual(new Set(['both', 'preorder']));
      const inr = await search({ q: '', currency: 'INR', filters: { priceMax: '3000' } });
      expect(new Set(keys(inr))).toEqual(new Set(['inrOnly', 'mixed']));
    });

    it('defaults to the currency most matching products have offers in, and offers the others as facets', async () => {
      const all = await search({ q: '' });
      expect(all.currency).toBe('EUR');
      expect(all.facets.currency).toEqual([
        { value: 'EUR', count: 7 },
        { value: 'INR', count: 3 },
      ]);
      const cheap = await search({ q: '', filters: { priceMax: '60' } });
      expect(cheap.currency).toBe('EUR');
      expect(new Set(keys(cheap))).toEqual(new Set(['eurCheap', 'both']));
      const indian = await search({ q: 'boat airdopes' });
      expect(indian.currency).toBe('INR');
      expect(indian.hits[0]).toMatchObject({ currency: 'INR', lowestTotal: '279' });
    });

    it('rejects a currency that is not an ISO 4217 code', async () => {
      for (const currency of ['EURO', '€', 'E1R', '']) {
        await expect(search({ q: '', currency }), currency).rejects.toThrow(/currency/);
      }
    });
  });
}

const behaviourCatalogKeys = Object.fromEntries(behaviourCatalog.map((p) => [p.key, true])) as Record<
  'galaxyS24' | 'galaxyA55' | 'iphone15' | 'pixel8' | 'galaxyTab' | 'sonyHeadphones' | 'macbook' | 'lonely',
  true
>;
