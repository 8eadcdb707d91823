import { describe, expect, it } from 'vitest';
import { suggestPrice, type RepricingInput, type RepricingRuleInput } from '../../domain/repricing.ts';

const rules = (overrides: Partial<RepricingRuleInput> = {}): RepricingRuleInput => ({
  strategy: 'match',
  beatBy: null,
  maxAboveMedianPercent: null,
  maxDailyChangePercent: null,
  ...overrides,
});

const suggest = (overrides: Partial<RepricingInput> = {}, rule: Partial<RepricingRuleInput> = {}) =>
  suggestPrice({
    ownPrice: '20.00',
    ownShipping: null,
    currency: 'EUR',
    cheapestTotal: '19.00',
    medianTotal: '21.00',
    floorPrice: null,
    ...overrides,
    rules: rules(rule),
  });

describe('the strategy target', () => {
  it('matches the cheapest competitor total', () => {
    expect(suggest()).toEqual({
      price: '19.00',
      total: '19.00',
      change: '-1.00',
      reasons: ['Cheapest competitor total €19.00; match it → total €19.00'],
      binding: 'strategy',
    });
  });

  it('beats it by an amount', () => {
    const result = suggest({}, { strategy: 'beat_amount', beatBy: '0.50' });
    expect(result.price).toBe('18.50');
    expect(result.change).toBe('-1.50');
    expect(result.reasons).toEqual(['Cheapest competitor total €19.00; beat by €0.50 → total €18.50']);
  });

  it('beats it by a percent, rounding down so the total still beats it', () => {
    // 19.99 × 0.97 = 19.3903 → 19.39
    const result = suggest({ cheapestTotal: '19.99' }, { strategy: 'beat_percent', beatBy: '3' });
    expect(result.price).toBe('19.39');
    expect(result.reasons).toEqual(['Cheapest competitor total €19.99; beat by 3 % → total €19.39']);
  });

  it('takes a fractional percent exactly', () => {
    // 200 × (1 − 0.125 / 100) = 199.75
    expect(suggest({ ownPrice: '210', cheapestTotal: '200' }, { strategy: 'beat_percent', beatBy: '0.125' }).price).toBe('199.75');
  });

  it('treats a missing or zero beat as match', () => {
    expect(suggest({}, { strategy: 'beat_amount', beatBy: null }).price).toBe('19.00');
    expect(suggest({}, { strategy: 'beat_percent', beatBy: '0' }).price).toBe('19.00');
  });

  it('suggests raising when the listing is already the cheapest', () => {
    const result = suggest({ ownPrice: '17.00' });
    expect(result).toMatchObject({ price: '19.00', change: '2.00', binding: 'strategy' });
  });

  it('says so when the suggestion is the current price', () => {
    expect(suggest({ ownPrice: '19' })).toMatchObject({ price: '19.00', change: '0.00' });
  });
});

describe('shipping and decimals', () => {
  it('compares by total: the item price is the target total minus own shipping', () => {
    const result = suggest({ ownPrice: '15.00', ownShipping: '4.99', cheapestTotal: '19.49' }, { strategy: 'beat_amount', beatBy: '0.50' });
    expect(result).toMatchObject({ price: '14.00', total: '18.99', change: '-1.00' });
  });

  it('counts free shipping as zero', () => {
    expect(suggest({ ownShipping: '0' }).price).toBe('19.00');
  });

  it('has no float drift: 0.1 + 0.2 stays 0.3', () => {
    // As floats 0.3 − 0.1 = 0.19999999999999998, and 0.1 + 0.2 = 0.30000000000000004.
    const result = suggest({ ownPrice: '0.50', ownShipping: '0.1', cheapestTotal: '0.3' });
    expect(result).toMatchObject({ price: '0.20', total: '0.30', change: '-0.30' });
    const beat = suggest({ ownPrice: '1', ownShipping: '0.2', cheapestTotal: '0.6' }, { strategy: 'beat_amount', beatBy: '0.1' });
    expect(beat).toMatchObject({ price: '0.30', total: '0.50' });
  });

  it('rounds a four-decimal cheapest total down to the cent', () => {
    expect(suggest({ cheapestTotal: '19.9950' }).price).toBe('19.99');
    expect(suggest({ cheapestTotal: '19.9999' }).price).toBe('19.99');
  });

  it('keeps large amounts exact', () => {
    expect(suggest({ ownPrice: '123456789.99', cheapestTotal: '123456789.98' }, { strategy: 'beat_amount', beatBy: '0.01' })).toMatchObject({
      price: '123456789.97',
      change: '-0.02',
    });
  });

  it('keeps a four-decimal own price in the change', () => {
    expect(suggest({ ownPrice: '19.9950' }).change).toBe('-0.995');
  });
});

describe('the median ceiling', () => {
  it('caps the total at N % above the median', () => {
    // A cheapest total above the median can only come from a median of other readings, but the cap holds.
    const result = suggest({ ownPrice: '30', cheapestTotal: '25', medianTotal: '20' }, { maxAboveMedianPercent: 10 });
    expect(result).toMatchObject({ price: '22.00', binding: 'median' });
    expect(result.reasons[1]).toBe('Within 10 % of the median €20.00');
  });

  it('caps the item price with shipping taken off', () => {
    expect(suggest({ ownPrice: '30', ownShipping: '3', cheapestTotal: '25', medianTotal: '20' }, { maxAboveMedianPercent: 0 }).price).toBe('17.00');
  });

  it('says nothing when it does not bind', () => {
    const result = suggest({}, { maxAboveMedianPercent: 10 });
    expect(result.reasons).toHaveLength(1);
    expect(result.binding).toBe('strategy');
  });

  it('is skipped without a median', () => {
    expect(suggest({ medianTotal: null, cheapestTotal: '25', ownPrice: '30' }, { maxAboveMedianPercent: 0 }).price).toBe('25.00');
  });
});

describe('the daily change limit', () => {
  it('limits a drop to N % of the price a day ago', () => {
    const result = suggest({ ownPrice: '100', cheapestTotal: '80' }, { maxDailyChangePercent: 5 });
    expect(result).toMatchObject({ price: '95.00', change: '-5.00', binding: 'daily_limit' });
    expect(result.reasons).toEqual(['Cheapest competitor total €80.00; match it → total €80.00', 'Limited to 5 % change a day']);
  });

  it('limits a raise the same way', () => {
    expect(suggest({ ownPrice: '100', cheapestTotal: '150' }, { maxDailyChangePercent: 10 })).toMatchObject({ price: '110.00', binding: 'daily_limit' });
  });

  it('counts from yesterday’s price, not today’s', () => {
    // Already lowered from 100 to 97 today: only 2 more are allowed.
    expect(suggest({ ownPrice: '97', priceYesterday: '100', cheapestTotal: '80' }, { maxDailyChangePercent: 5 }).price).toBe('95.00');
  });

  it('rounds the lower bound up, so the limit is never passed', () => {
    // 19.99 × 0.95 = 18.9905 → 18.99 would be more than 5 % down.
    expect(suggest({ ownPrice: '19.99', cheapestTotal: '10' }, { maxDailyChangePercent: 5 }).price).toBe('19.00');
  });

  it('rounds the upper bound down', () => {
    // 19.99 × 1.05 = 20.9895 → 20.98
    expect(suggest({ ownPrice: '19.99', cheapestTotal: '30' }, { maxDailyChangePercent: 5 }).price).toBe('20.98');
  });

  it('applies after the median ceiling', () => {
    const result = suggest({ ownPrice: '100', cheapestTotal: '90', medianTotal: '50' }, { maxAboveMedianPercent: 0, maxDailyChangePercent: 20 });
    expect(result).toMatchObject({ price: '80.00', binding: 'daily_limit' });
    expect(result.reasons).toHaveLength(3);
  });
});

describe('the floor', () => {
  it('holds the price at the floor', () => {
    const result = suggest({ floorPrice: '19.50' });
    expect(result).toMatchObject({ price: '19.50', change: '-0.50', binding: 'floor' });
    expect(result.reasons).toEqual(['Cheapest competitor total €19.00; match it → total €19.00', 'Held at your floor €19.50']);
  });

  it('beats the daily limit: never below it, even when that means a bigger move', () => {
    // The limit allows at least 95 but the floor is 98: 98; and a floor above a raise limit still wins.
    expect(suggest({ ownPrice: '100', cheapestTotal: '80', floorPrice: '98' }, { maxDailyChangePercent: 5 })).toMatchObject({ price: '98.00', binding: 'floor' });
    const above = suggest({ ownPrice: '50', cheapestTotal: '40', floorPrice: '60' }, { maxDailyChangePercent: 5 });
    expect(above).toMatchObject({ price: '60.00', change: '10.00', binding: 'floor' });
    expect(above.reasons).toEqual(['Cheapest competitor total €40.00; match it → total €40.00', 'Limited to 5 % change a day', 'Held at your floor €60.00']);
  });

  it('beats the median ceiling', () => {
    expect(suggest({ ownPrice: '30', cheapestTotal: '25', medianTotal: '20', floorPrice: '24' }, { maxAboveMedianPercent: 0 })).toMatchObject({ price: '24.00', binding: 'floor' });
  });

  it('is an item price: shipping does not count against it', () => {
    expect(suggest({ ownShipping: '5', cheapestTotal: '19', floorPrice: '15' })).toMatchObject({ price: '15.00', total: '20.00', binding: 'floor' });
  });

  it('rounds a sub-cent floor up', () => {
    expect(suggest({ floorPrice: '19.005' }).price).toBe('19.01');
  });

  it('catches the rounding of a target that was just above it', () => {
    // 19.007 is above the floor of 19.005 but rounds down to 19.00, under it.
    expect(suggest({ cheapestTotal: '19.007', floorPrice: '19.005' })).toMatchObject({ price: '19.01', binding: 'floor' });
  });

  it('does nothing when the target is above it', () => {
    expect(suggest({ floorPrice: '10' }).binding).toBe('strategy');
  });
});

describe('nothing to suggest', () => {
  it('keeps the price when there is no competitor', () => {
    expect(suggest({ cheapestTotal: null, floorPrice: '25' }, { maxDailyChangePercent: 5 })).toEqual({
      price: null,
      total: null,
      change: null,
      reasons: ['Only seller: keep your price'],
      binding: 'only_seller',
    });
  });

  it('has nothing to suggest for a listing without a price', () => {
    expect(suggest({ ownPrice: null })).toMatchObject({ price: null, change: null, binding: 'no_own_price' });
  });

  it('never suggests zero or less', () => {
    const result = suggest({ ownPrice: '5', ownShipping: '10', cheapestTotal: '9.99' });
    expect(result).toMatchObject({ price: null, change: null, binding: 'unreachable' });
    expect(result.reasons.at(-1)).toMatch(/^Your shipping €10\.00 alone reaches the target total €9\.99/);
    expect(suggest({ ownPrice: '5', ownShipping: '10', cheapestTotal: '10' }).price).toBeNull();
    expect(suggest({ ownPrice: '1', cheapestTotal: '0.50' }, { strategy: 'beat_amount', beatBy: '1' }).price).toBeNull();
  });

  it('suggests the floor rather than nothing when there is one', () => {
    expect(suggest({ ownPrice: '5', ownShipping: '10', cheapestTotal: '9.99', floorPrice: '2' })).toMatchObject({ price: '2.00', binding: 'floor' });
  });

  it('suggests one cent when that is what the target leaves', () => {
    expect(suggest({ ownPrice: '1', ownShipping: '0.99', cheapestTotal: '1' })).toMatchObject({ price: '0.01', total: '1.00' });
  });
});

describe('reasons and bad input', () => {
  it('shows amounts in the listing’s currency', () => {
    expect(suggest({ currency: 'INR', cheapestTotal: '1999' }).reasons[0]).toBe('Cheapest competitor total ₹1,999.00; match it → total ₹1,999.00');
    expect(suggest({ currency: 'JPY', ownPrice: '2000', cheapestTotal: '1980' }).reasons[0]).toBe('Cheapest competitor total JP¥1,980; match it → total JP¥1,980');
    expect(suggest({ currency: 'XQQ' }).reasons[0]).toMatch(/^Cheapest competitor total XQQ\s19\.00;/);
    expect(suggest({ currency: null }).reasons[0]).toBe('Cheapest competitor total 19.00; match it → total 19.00');
  });

  it('refuses what is not a decimal, with the value', () => {
    expect(() => suggest({ ownPrice: '12,50' })).toThrow(/ownPrice.*"12,50"/);
    expect(() => suggest({}, { strategy: 'beat_amount', beatBy: '-1' })).toThrow(/beatBy/);
    expect(() => suggest({}, { strategy: 'beat_percent', beatBy: '100' })).toThrow(/under 100/);
    expect(() => suggest({}, { strategy: 'undercut' as never })).toThrow(/strategy/);
    expect(() => suggest({}, { maxDailyChangePercent: Number.NaN })).toThrow(/maxDailyChangePercent/);
  });
});
