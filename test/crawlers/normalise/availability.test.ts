import { describe, expect, it } from 'vitest';
import { normaliseAvailability } from '../../../crawlers/normalise/availability.ts';

describe('normaliseAvailability', () => {
  it.each([
    ['https://schema.org/InStock', 'in_stock'],
    ['http://schema.org/OutOfStock', 'out_of_stock'],
    ['instock', 'in_stock'],
    ['OUTOFSTOCK', 'out_of_stock'],
    ['schema:PreOrder', 'preorder'],
    ['BackOrder', 'backorder'],
    ['LimitedAvailability', 'limited'],
    ['https://schema.org/Discontinued', 'discontinued'],
    ['SoldOut', 'out_of_stock'],
    ['in stock', 'in_stock'],
  ] as const)('maps the schema.org value %s', (value, expected) => {
    expect(normaliseAvailability(value)).toBe(expected);
  });

  it.each([
    ['In stock.', 'in_stock'],
    ['Auf Lager', 'in_stock'],
    ['En stock', 'in_stock'],
    ['Disponible', 'in_stock'],
    ['Out of stock', 'out_of_stock'],
    ['Sold out', 'out_of_stock'],
    ['Ausverkauft', 'out_of_stock'],
    ['Nicht verfügbar', 'out_of_stock'],
    ['Currently unavailable.', 'out_of_stock'],
    ['Rupture de stock', 'out_of_stock'],
    ['Agotado', 'out_of_stock'],
    ['Indisponible', 'out_of_stock'],
    ['Only 2 left in stock - order soon.', 'limited'],
    ['Pre-order now', 'preorder'],
    ['No longer available', 'discontinued'],
  ] as const)('reads the page text %s', (value, expected) => {
    expect(normaliseAvailability(value)).toBe(expected);
  });

  it('returns null for text that says nothing about stock', () => {
    expect(normaliseAvailability('Free returns')).toBeNull();
    expect(normaliseAvailability(undefined)).toBeNull();
    expect(normaliseAvailability('')).toBeNull();
  });
});
