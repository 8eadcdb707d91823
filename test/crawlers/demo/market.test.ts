import { describe, expect, it } from 'vitest';
import { buildDemoCatalogue, demoStoreProfiles, quoteAt, type MarketQuote } from '../../../crawlers/demo/index.ts';

const catalogue = buildDemoCatalogue(1);
const [dukaan, bazaar] = demoStoreProfiles;
const START = 2_950_000; // a tick around November 2026 at 10-minute ticks

describe('demo market', () => {
  it('gives the same quote for the same (seed, store, product, tick)', () => {
    for (const product of catalogue.slice(0, 50)) {
      expect(quoteAt(1, dukaan.market, product, START)).toEqual(quoteAt(1, dukaan.market, product, START));
    }
  });

  it('moves some prices, not all, from one tick to a later one', () => {
    const changed = catalogue.filter(
      (p) => quoteAt(1, dukaan.market, p, START).priceMinor !== quoteAt(1, dukaan.market, p, START + 6).priceMinor,
    ).length;
    expect(changed).toBeGreaterThan(5);
    expect(changed).toBeLessThan(catalogue.length / 2);
  });

  it('has real sales, fake drops after an inflated price, and stock-outs over a week', () => {
    const seen = new Map<string, number>();
    let fakeAfterInflated = 0;
    let restocks = 0;
    for (const product of catalogue.slice(0, 120)) {
      let previous: MarketQuote | null = null;
      for (let tick = START; tick < START + 1008; tick += 3) {
        const q = quoteAt(1, dukaan.market, product, tick);
        seen.set(q.event, (seen.get(q.event) ?? 0) + 1);
        seen.set(q.stock, (seen.get(q.stock) ?? 0) + 1);
        if (q.event === 'sale') {
          expect(q.wasMinor).toBe(q.regularMinor);
          expect(q.priceMinor).toBeLessThan(q.regularMinor);
        }
        if (q.event === 'fake-sale') {
          expect(q.priceMinor).toBe(q.regularMinor);
          expect(q.wasMinor!).toBeGreaterThan(q.priceMinor);
        }
        if (previous?.event === 'inflated' && q.event === 'fake-sale') fakeAfterInflated++;
        if (previous?.stock === 'out_of_stock' && q.stock !== 'out_of_stock') restocks++;
        expect(q.mrpMinor).toBeGreaterThanOrEqual(q.priceMinor);
        previous = q;
      }
    }
    for (const key of ['regular', 'sale', 'inflated', 'fake-sale', 'in_stock', 'limited', 'out_of_stock']) {
      expect(seen.get(key) ?? 0, key).toBeGreaterThan(0);
    }
    expect(fakeAfterInflated).toBeGreaterThan(0);
    expect(restocks).toBeGreaterThan(0);
  });

  it('prices the same product differently per store, within about 15%', () => {
    let differ = 0;
    for (const product of catalogue) {
      const a = quoteAt(1, dukaan.market, product, START).regularMinor;
      const b = quoteAt(1, bazaar.market, product, START).regularMinor;
      if (a !== b) differ++;
      expect(Math.abs(a - b) / Math.min(a, b), product.id).toBeLessThan(0.3);
    }
    expect(differ).toBeGreaterThan(catalogue.length * 0.8);
  });

  it('writes rupee prices ending in 9 at Dukaan and euro prices ending in .99 at Voltstream', () => {
    const euro = demoStoreProfiles.find((p) => p.currency === 'EUR')!;
    const phone = catalogue[0];
    expect(quoteAt(1, dukaan.market, phone, START).regularMinor % 1000).toBe(900);
    expect(quoteAt(1, euro.market, phone, START).regularMinor % 100).toBe(99);
  });

  it('rejects a tick that is not a whole number', () => {
    expect(() => quoteAt(1, dukaan.market, catalogue[0], 1.5)).toThrow(/integer tick, found 1.5/);
  });
});
