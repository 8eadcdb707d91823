// Source records (Shopify, WooCommerce, merchant feeds) carry machine-written amounts: read whole and
// exactly (exponent notation included), or refused with the reason; one rule of a valid price for all.
import { describe, expect, it } from 'vitest';
import { feedAmount } from '../../../crawlers/sources/merchant-feed/parse.ts';
import { toSourceReading, type SourceRecord } from '../../../crawlers/sources/source-record.ts';
import { readShopifyPage } from '../../../crawlers/sources/shopify/parse.ts';

const record = (overrides: Partial<SourceRecord>): SourceRecord => ({
  url: 'https://shop.example.com/p/1',
  title: 'Thing',
  price: '10.00',
  currency: 'USD',
  availability: 'in_stock',
  ...overrides,
});

describe('toSourceReading prices', () => {
  it.each([
    ['2.5e3', '2500'],
    ['1.5e-2', '0.015'],
    ['0.0001', '0.0001'],
    ['999999999.9999', '999999999.9999'],
  ])('reads %s exactly as %s', (price, expected) => {
    expect(toSourceReading(record({ price }), 'shopify')).toMatchObject({ ok: true, reading: { price: expected } });
  });

  it.each([
    ['1e308', /at most 999999999\.9999/],
    ['1E9', /at most 999999999\.9999/],
    ['999999999.99995', /at most 999999999\.9999/],
    ['0.00001', /at least 0\.0001.*0\.00001/],
    ['0', /zero/],
    ['-5', /negative/],
  ])('refuses %s as absurd, with the reason', (price, reason) => {
    const result = toSourceReading(record({ price }), 'shopify');
    expect(result).toMatchObject({ ok: false, kind: 'source_absurd_price' });
    if (!result.ok) expect(result.message).toMatch(reason);
  });

  it.each(['12.5.3', '12abc', '0x1F', '1,2,3', '12e', 'Infinity', 'NaN', ' 12 34', '1,299'])(
    'refuses %j as no readable price, saying why, instead of reading a part of it',
    (price) => {
      const result = toSourceReading(record({ price }), 'shopify');
      expect(result).toMatchObject({ ok: false, kind: 'source_no_price' });
      if (!result.ok) expect(result.message).toMatch(/expected a number/);
    },
  );

  it('drops list prices and shipping costs the money columns cannot hold', () => {
    const tiny = toSourceReading(record({ listPrice: '1e308', shippingCost: '0.00001' }), 'shopify');
    expect(tiny).toMatchObject({ ok: true, reading: { listPrice: null, shippingCost: null } });
    const fine = toSourceReading(record({ listPrice: '1.2e1', shippingCost: '0' }), 'shopify');
    expect(fine).toMatchObject({ ok: true, reading: { listPrice: '12', shippingCost: '0' } });
  });
});

describe('source parsers', () => {
  it('reads Shopify JSON numbers in exponent form, refusing the absurd ones', () => {
    const variant = (id: number, price: unknown) => ({ id, title: `V${id}`, price, available: true });
    const result = readShopifyPage(
      { products: [{ handle: 'thing', title: 'Thing', variants: [variant(1, 2.5e3), variant(2, 1e21), variant(3, '1e308')] }] },
      'https://shop.example.com/products.json',
      { baseUrl: 'https://shop.example.com/', currency: 'USD' },
    );
    if ('error' in result) throw new Error(result.error);
    const kinds = result.events.map((e) => (e.type === 'reading' ? e.reading.price : e.type === 'record_error' ? e.kind : e.type));
    expect(kinds).toEqual(['2500', 'source_absurd_price', 'source_absurd_price']);
  });

  it('reads a feed amount in exponent notation whole, not its mantissa', () => {
    expect(feedAmount('2.5e3 USD', 'EUR')).toEqual({ amount: '2500', currency: 'USD' });
    expect(feedAmount('USD 1e308', 'EUR')?.amount).toBe(`1${'0'.repeat(308)}`);
    expect(feedAmount('12abc USD', 'EUR')).toBeNull();
    expect(feedAmount('12,99 EUR', 'USD')).toEqual({ amount: '12.99', currency: 'EUR' });
  });
});
