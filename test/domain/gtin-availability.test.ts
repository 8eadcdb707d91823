import { describe, expect, it } from 'vitest';
import { isBuyable } from '../../domain/availability.ts';
import { trimLeadingZeros } from '../../domain/decimal.ts';
import { isValidGtin, shownGtin, toGtin14 } from '../../domain/gtin.ts';

describe('GTINs as printed', () => {
  it('shows a stored GTIN-14 in the length its barcode has', () => {
    expect(shownGtin(toGtin14('012345678905'))).toBe('012345678905'); // UPC-A keeps its leading zero
    expect(shownGtin(toGtin14('4006381333931'))).toBe('4006381333931');
    expect(shownGtin(toGtin14('96385074'))).toBe('96385074');
    expect(shownGtin('10012345678902')).toBe('10012345678902');
    expect(isValidGtin(shownGtin(toGtin14('012345678905')))).toBe(true);
    expect(shownGtin('not a gtin')).toBe('not a gtin');
  });
});

describe('buyable offers', () => {
  it('can be bought now: priced, active, and in stock, limited, preorder or backorder', () => {
    for (const availability of ['in_stock', 'limited', 'preorder', 'backorder'] as const) expect(isBuyable({ price: '1', availability })).toBe(true);
    for (const availability of ['out_of_stock', 'discontinued', 'unknown'] as const) expect(isBuyable({ price: '1', availability })).toBe(false);
    expect(isBuyable({ price: null, availability: 'in_stock' })).toBe(false);
    expect(isBuyable({ price: '1', availability: 'in_stock', status: 'stale' })).toBe(false);
  });
});

describe('trimLeadingZeros', () => {
  it('keeps one digit', () => {
    expect(trimLeadingZeros('007')).toBe('7');
    expect(trimLeadingZeros('000')).toBe('0');
    expect(trimLeadingZeros('')).toBe('');
    expect(trimLeadingZeros('120')).toBe('120');
  });
});
