import { describe, expect, it } from 'vitest';
import { fromMinorUnits, readWooPage } from '../../../crawlers/sources/woocommerce/parse.ts';
import type { SourceEvent } from '../../../crawlers/sources/types.ts';

const PAGE = 'https://wp.example.com/wp-json/wc/store/v1/products?per_page=100&page=1';
const readings = (events: SourceEvent[]) => events.flatMap((e) => (e.type === 'reading' ? [e.reading] : []));

function product(overrides: Record<string, unknown> = {}) {
  return {
    id: 11,
    name: 'Caf&eacute; Grinder &#8211; <b>Pro</b>',
    permalink: 'https://wp.example.com/product/grinder/',
    sku: 'GR-1',
    prices: { price: '1999', regular_price: '2499', sale_price: '1999', currency_code: 'EUR', currency_minor_unit: 2 },
    is_in_stock: true,
    images: [{ src: 'https://wp.example.com/grinder.jpg' }],
    categories: [{ name: 'Kitchen &amp; Home' }],
    ...overrides,
  };
}

function read(items: unknown[]) {
  const result = readWooPage(items, PAGE);
  if ('error' in result) throw new Error(result.error);
  return result;
}

describe('fromMinorUnits', () => {
  it('shifts exactly, for any number of minor digits', () => {
    expect(fromMinorUnits('1999', 2)).toBe('19.99');
    expect(fromMinorUnits('5', 2)).toBe('0.05');
    expect(fromMinorUnits('1500', 0)).toBe('1500');
    expect(fromMinorUnits('12345', 3)).toBe('12.345');
    expect(fromMinorUnits('-250', 2)).toBe('-2.50');
  });
});

describe('readWooPage', () => {
  it('reads minor-unit prices, the sale price with the regular one as list price, and decodes names', () => {
    const { events, records } = read([product()]);
    expect(records).toBe(1);
    expect(readings(events)).toEqual([
      expect.objectContaining({
        url: 'https://wp.example.com/product/grinder/',
        title: 'Café Grinder – Pro',
        sku: 'GR-1',
        brand: null,
        price: '19.99',
        listPrice: '24.99',
        currency: 'EUR',
        category: 'Kitchen & Home',
        image: 'https://wp.example.com/grinder.jpg',
        availability: 'in_stock',
        extractedBy: 'woocommerce',
      }),
    ]);
  });

  it('reads regular prices, zero-decimal currencies, stock states, brands and a valid GTIN', () => {
    const { events } = read([
      product({ id: 1, permalink: 'https://wp.example.com/p/1', prices: { price: '1500', regular_price: '1500', sale_price: '1500', currency_code: 'JPY', currency_minor_unit: 0 }, is_in_stock: false }),
      product({ id: 2, permalink: 'https://wp.example.com/p/2', is_on_backorder: true, brands: [{ name: 'Acme' }], global_unique_id: '4006381333931' }),
      product({ id: 3, permalink: 'https://wp.example.com/p/3', low_stock_remaining: 2, global_unique_id: '4006381333932' }),
    ]);
    const [jpy, backorder, low] = readings(events);
    expect(jpy).toMatchObject({ price: '1500', listPrice: null, currency: 'JPY', availability: 'out_of_stock' });
    expect(backorder).toMatchObject({ availability: 'backorder', brand: 'Acme', gtin: '04006381333931' });
    expect(low).toMatchObject({ availability: 'limited', gtin: null });
  });

  it('records malformed products, bad currencies and absurd prices one by one', () => {
    const { events, records } = read([
      product({ prices: { price: '19.99', currency_code: 'EUR', currency_minor_unit: 2 } }),
      { id: 5, name: 'No link' },
      product({ id: 6, permalink: 'https://wp.example.com/p/6', prices: { price: '0', currency_code: 'EUR', currency_minor_unit: 2 } }),
      product({ id: 7, permalink: 'https://wp.example.com/p/7', prices: { price: '100', currency_code: 'euro', currency_minor_unit: 2 } }),
      product({ id: 8, permalink: 'https://wp.example.com/p/8' }),
    ]);
    expect(records).toBe(5);
    expect(readings(events).map((r) => r.url)).toEqual(['https://wp.example.com/p/8']);
    const bad = events.filter((e) => e.type === 'record_error');
    expect(bad.map((e) => e.type === 'record_error' && [e.url, e.kind, e.listingUrl])).toEqual([
      ['https://wp.example.com/product/grinder/', 'source_invalid', true],
      [`${PAGE}#product-1`, 'source_invalid', false],
      ['https://wp.example.com/p/6', 'source_absurd_price', true],
      ['https://wp.example.com/p/7', 'source_invalid', true],
    ]);
    expect(bad[0].type === 'record_error' && bad[0].message).toMatch(/prices\.price: must be a whole number of minor units/);
    expect(bad[3].type === 'record_error' && bad[3].message).toMatch(/ISO 4217.*"euro"/);
  });

  it('says so when the page is not a product list', () => {
    expect(readWooPage({ code: 'rest_no_route' }, PAGE)).toEqual({ error: expect.stringMatching(/expected a JSON array, found object/) });
  });
});
