// The site's pure helpers: barcodes, delivery in words, prices, search parameters.
import { describe, expect, it } from 'vitest';
import { parseGtin } from '../../src/features/gtin/gtin.ts';
import { toOfferRows } from '../../src/features/product/offers.ts';
import { parseSearchParams, searchHref } from '../../src/features/search/search-params.ts';
import { formatAgo, formatDeliveryDays, formatPrice, formatShipping } from '../../src/lib/format.ts';
import { estimateDelivery } from '../../domain/delivery.ts';
import type { Offer } from '../../domain/offer.ts';

describe('parseGtin', () => {
  it('accepts EAN-8, UPC-A, EAN-13 and GTIN-14 with a correct check digit, padded to 14', () => {
    expect(parseGtin('96385074')).toEqual({ ok: true, gtin14: '00000096385074' });
    expect(parseGtin('036000291452')).toEqual({ ok: true, gtin14: '00036000291452' });
    expect(parseGtin('4006381333931')).toEqual({ ok: true, gtin14: '04006381333931' });
    expect(parseGtin('4006-3813 33931')).toEqual({ ok: true, gtin14: '04006381333931' });
    expect(parseGtin('10012345678902')).toEqual({ ok: true, gtin14: '10012345678902' });
  });

  it('says what is wrong with anything else', () => {
    expect(parseGtin('4006381333932')).toEqual({ ok: false, reason: expect.stringContaining('should be 1') });
    expect(parseGtin('12345')).toEqual({ ok: false, reason: expect.stringContaining('has 5') });
    expect(parseGtin('40063813339x1')).toEqual({ ok: false, reason: expect.stringContaining('digits only') });
    expect(parseGtin('')).toMatchObject({ ok: false });
  });
});

describe('estimateDelivery', () => {
  const now = new Date('2026-11-23T10:00:00Z'); // a Monday
  const at = (iso: string) => new Date(iso);
  const words = (min: number | null, max: number | null, checked = now, text: string | null = null) =>
    estimateDelivery({ deliveryMinDays: min, deliveryMaxDays: max, deliveryText: text, lastCheckedAt: checked }, now, 'UTC').words;

  it('names the day when it is exact, and a range in days otherwise', () => {
    expect(words(0, 0)).toBe('Today');
    expect(words(1, 1)).toBe('Tomorrow');
    expect(words(2, 2)).toBe('Wed 25 Nov');
    expect(words(3, 5)).toBe('in 3–5 days');
    expect(words(null, 5)).toBe('within 5 days');
    expect(words(null, null, now, 'Ships soon')).toBe('Ships soon');
    expect(words(null, null)).toBe('Delivery time unknown');
  });

  it('counts the days from the day the page was checked, never before today', () => {
    // Checked on Saturday "in 3 days" = Tuesday: tomorrow, seen from Monday.
    expect(words(3, 3, at('2026-11-21T09:00:00Z'))).toBe('Tomorrow');
    expect(words(4, 6, at('2026-11-21T09:00:00Z'))).toBe('in 2–4 days');
    expect(words(2, 2, at('2026-11-22T23:00:00Z'))).toBe('Tomorrow');
    // "Tomorrow" said on Saturday has passed: ordering now, it cannot come today.
    expect(words(1, 1, at('2026-11-21T09:00:00Z'))).toBe('Tomorrow');
    expect(words(0, 0, at('2026-11-21T09:00:00Z'))).toBe('Today');
  });

  it('uses the calendar of the given time zone', () => {
    const late = new Date('2026-11-23T23:30:00Z');
    expect(estimateDelivery({ deliveryMinDays: 1, deliveryMaxDays: 1, lastCheckedAt: late }, late, 'Asia/Kolkata').words).toBe('Tomorrow');
    expect(estimateDelivery({ deliveryMinDays: 2, deliveryMaxDays: 2, lastCheckedAt: now }, late, 'UTC').words).toBe('Wed 25 Nov');
    expect(estimateDelivery({ deliveryMinDays: 2, deliveryMaxDays: 2, lastCheckedAt: now }, late, 'Asia/Kolkata').words).toBe('Tomorrow');
  });
});

describe('formatting', () => {
  it('formats prices exactly in their currency', () => {
    expect(formatPrice('1234.5000', 'EUR')).toBe('€1,234.50');
    expect(formatPrice('0.1', 'USD')).toBe('US$0.10');
    expect(formatPrice('199', 'INR', 'en-IN')).toBe('₹199.00');
    expect(formatPrice('5', 'JPY')).toBe('JP¥5');
    expect(formatPrice(null, 'EUR')).toBe('No price');
    expect(formatShipping('0', 'EUR')).toBe('Free');
    expect(formatShipping(null, 'EUR')).toBe('Shipping unknown');
    expect(formatShipping('4.99', 'EUR')).toBe('€4.99');
  });

  it('says how long ago and how soon', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    expect(formatAgo(new Date('2026-11-23T08:00:00Z'), now)).toBe('2 h ago');
    expect(formatAgo(new Date('2026-11-23T09:55:00Z'), now)).toBe('5 min ago');
    expect(formatAgo(new Date('2026-11-20T10:00:00Z'), now)).toBe('3 days ago');
    expect(formatDeliveryDays(1)).toBe('Tomorrow');
    expect(formatDeliveryDays(3)).toBe('in 3 days');
    expect(formatDeliveryDays(null)).toBeNull();
  });
});

describe('search parameters', () => {
  it('reads filters, sort and page, and writes them back', () => {
    const parsed = parseSearchParams(new URL('http://x/search?q=tv&brand=LG&brand=Sony&min=100,5&stock=1&sort=price&page=2'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.query).toMatchObject({ q: 'tv', sort: 'price', page: 2, filters: { brand: ['LG', 'Sony'], priceMin: '100.5', inStock: true } });
    expect(searchHref(parsed.params, { page: 3 })).toBe('/search?q=tv&brand=LG&brand=Sony&min=100.5&stock=1&sort=price&page=3');
  });

  it('names each bad parameter', () => {
    const parsed = parseSearchParams(new URL('http://x/search?page=-1&sort=best&max=abc'));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((issue) => issue.path).sort()).toEqual(['max', 'page', 'sort']);
  });
});

describe('offer rows', () => {
  const base: Offer = {
    listingId: 1, storeId: 'a', storeName: 'A', url: 'https://a.example', title: 't', seller: null, price: '10', currency: 'EUR',
    shippingCost: '0', total: '10', deliveryMinDays: 2, deliveryMaxDays: 2, deliveryText: null, availability: 'in_stock', status: 'active',
    lastCheckedAt: new Date('2026-11-23T08:00:00Z'),
  };
  it('marks the cheapest total and the fastest delivery, and puts unavailable offers last', () => {
    const rows = toOfferRows(
      [
        { ...base, listingId: 1, availability: 'out_of_stock', total: '5', price: '5' },
        { ...base, listingId: 2, total: '10.00' },
        { ...base, listingId: 3, total: '10', deliveryMinDays: 1, deliveryMaxDays: 1 },
        { ...base, listingId: 4, total: '12' },
      ],
      new Date('2026-11-23T10:00:00Z'),
      'UTC',
    );
    expect(rows.map((row) => row.listingId)).toEqual([2, 3, 4, 1]);
    expect(rows.filter((row) => row.cheapest).map((row) => row.listingId)).toEqual([2, 3]);
    expect(rows.filter((row) => row.fastest).map((row) => row.listingId)).toEqual([3]);
  });
});
