import { describe, expect, it } from 'vitest';
import { readShopifyPage, variantUrl } from '../../../crawlers/sources/shopify/parse.ts';
import type { SourceEvent } from '../../../crawlers/sources/types.ts';

const BASE = 'https://shop.example.com/';
const PAGE = 'https://shop.example.com/products.json?limit=250&page=1';
const context = { baseUrl: BASE, currency: 'USD' };

function read(products: unknown[]) {
  const result = readShopifyPage({ products }, PAGE, context);
  if ('error' in result) throw new Error(result.error);
  return result;
}
const readings = (events: SourceEvent[]) => events.flatMap((e) => (e.type === 'reading' ? [e.reading] : []));
const errors = (events: SourceEvent[]) => events.filter((e) => e.type === 'record_error');

const phone = {
  id: 7001,
  handle: 'pixel-9',
  title: 'Pixel 9',
  vendor: 'Google',
  product_type: 'Smartphone',
  images: [{ src: '//cdn.example.com/pixel.jpg' }],
  variants: [
    { id: 41, title: '128GB / Obsidian', price: '799.00', compare_at_price: '899.00', sku: 'PX9-128', barcode: '0840244706128', available: true, option1: '128GB', option2: 'Obsidian' },
    { id: 42, title: '256GB / Obsidian', price: '899.00', compare_at_price: null, sku: 'PX9-256', barcode: '0840244706129', available: false },
  ],
};

describe('readShopifyPage', () => {
  it('reads one listing per variant, with its own URL, price, sale price, barcode and stock', () => {
    const { events, records } = read([phone]);
    expect(records).toBe(1);
    const [first, second] = readings(events);
    expect(first).toMatchObject({
      url: 'https://shop.example.com/products/pixel-9?variant=41',
      title: 'Pixel 9 - 128GB / Obsidian',
      brand: 'Google',
      sku: 'PX9-128',
      gtin: '00840244706128',
      category: 'Smartphone',
      image: 'https://cdn.example.com/pixel.jpg',
      price: '799.00',
      listPrice: '899.00',
      currency: 'USD',
      availability: 'in_stock',
      extractedBy: 'shopify',
    });
    // An invalid check digit is dropped, the listing is kept.
    expect(second).toMatchObject({ url: `${BASE}products/pixel-9?variant=42`, gtin: null, listPrice: null, availability: 'out_of_stock' });
  });

  it('gives a single-variant product the plain product URL and title', () => {
    const { events } = read([{ handle: 'usb-cable', title: 'USB-C Cable', variants: [{ id: 9, title: 'Default Title', price: '9.5' }] }]);
    expect(readings(events)).toEqual([
      expect.objectContaining({ url: `${BASE}products/usb-cable`, title: 'USB-C Cable', price: '9.5', availability: 'unknown', brand: null }),
    ]);
  });

  it('ignores a compare-at price that is not above the price', () => {
    const { events } = read([{ handle: 'a', title: 'A', variants: [{ id: 1, price: '10.00', compare_at_price: '10.00' }] }]);
    expect(readings(events)[0].listPrice).toBeNull();
  });

  it('records a malformed product or variant as one error and keeps reading the others', () => {
    const { events, records } = read([
      { handle: 'no-variants', title: 'Broken', variants: [] },
      { title: 'No handle', variants: [{ id: 1, price: '1.00' }] },
      { ...phone, variants: [{ id: 50, title: 'x' }, phone.variants[0]] },
      'not an object',
    ]);
    expect(records).toBe(4);
    expect(readings(events).map((r) => r.url)).toEqual([`${BASE}products/pixel-9?variant=41`]);
    const bad = errors(events);
    expect(bad).toHaveLength(4);
    expect(bad[0]).toMatchObject({ url: `${BASE}products/no-variants`, kind: 'source_invalid', listingUrl: true });
    expect(bad[0].type === 'record_error' && bad[0].message).toMatch(/"no-variants".*variants: expected at least one variant/);
    expect(bad[1]).toMatchObject({ url: `${PAGE}#product-1`, listingUrl: false });
    expect(bad[2]).toMatchObject({ url: `${BASE}products/pixel-9?variant=50`, kind: 'source_invalid' });
    expect(bad[2].type === 'record_error' && bad[2].message).toMatch(/variant 50 .*price: /);
  });

  it('refuses absurd prices (0, negative, 10^9) like the page path', () => {
    const { events } = read([
      { handle: 'z', title: 'Z', variants: [{ id: 1, price: '0.00' }, { id: 2, price: '-5.00' }, { id: 3, price: '1000000000.00' }, { id: 4, price: 'call us' }] },
    ]);
    expect(readings(events)).toEqual([]);
    expect(errors(events).map((e) => e.type === 'record_error' && e.kind)).toEqual([
      'source_absurd_price',
      'source_absurd_price',
      'source_absurd_price',
      'source_no_price',
    ]);
  });

  it('says so when the page is not a products page', () => {
    expect(readShopifyPage({ items: [] }, PAGE, context)).toEqual({ error: expect.stringMatching(/is not a Shopify products page: products: Required/) });
  });

  it('builds variant URLs below a sub-path shop', () => {
    expect(variantUrl('https://example.com/en-gb', 'tee shirt', '5')).toBe('https://example.com/en-gb/products/tee%20shirt?variant=5');
  });
});
