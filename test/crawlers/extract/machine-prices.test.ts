// Machine-written price fields (JSON-LD, microdata content=, product:price:amount meta) are read whole or
// refused with a reason: exponent notation exactly, never a prefix of the number.
import { describe, expect, it } from 'vitest';
import { structuredAmount } from '../../../crawlers/extract/amount.ts';
import { extractListing } from '../../../crawlers/extract/index.ts';

const url = 'https://shop.example/p/1';
/** A product page whose only price is the JSON-LD one (`price` is inserted as JSON: quote strings). */
const jsonLdPage = (price: string) =>
  `<script type="application/ld+json">{"@type":"Product","name":"Thing","sku":"T-1","offers":{"@type":"Offer","price":${price},"priceCurrency":"EUR"}}</script><h1>Thing</h1>`;

describe('exponent notation in machine price fields', () => {
  it.each([
    ['"2.5e3"', '2500'],
    ['"1.5e-2"', '0.015'],
    ['"2E+2"', '200'],
    ['2.5e3', '2500'],
    ['"12.50"', '12.50'],
  ])('reads the JSON-LD price %s exactly as %s', (price, expected) => {
    const result = extractListing(jsonLdPage(price), { url });
    expect(result.ok && result.listing.price).toBe(expected);
  });

  it.each(['"1e308"', '"1E9"', '1e21', '"1e400"'])('refuses the JSON-LD price %s as absurd, not as 1', (price) => {
    const result = extractListing(jsonLdPage(price), { url });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('absurd_price');
    expect(result.error.message).toMatch(/at most 999999999\.9999/);
    expect(result.partial?.price ?? null).toBeNull();
  });

  it('refuses a price below the smallest amount the database keeps, saying so', () => {
    const result = extractListing(jsonLdPage('"0.00001"'), { url });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('absurd_price');
    expect(result.error.message).toMatch(/at least 0\.0001.*0\.00001/);
  });

  it('reads exponent notation in microdata content= and product:price:amount', () => {
    const microdata = `<div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Thing</h1>
      <div itemprop="offers" itemscope itemtype="https://schema.org/Offer"><meta itemprop="price" content="2.5e3"><meta itemprop="priceCurrency" content="EUR"></div></div>`;
    expect(extractListing(microdata, { url })).toMatchObject({ ok: true, listing: { price: '2500' } });
    const meta = '<meta property="og:title" content="Thing"><meta property="product:price:amount" content="1.5e-2"><meta property="product:price:currency" content="EUR"><h1>Thing</h1><button>Add to cart</button>';
    expect(extractListing(meta, { url })).toMatchObject({ ok: true, listing: { price: '0.015' } });
  });
});

describe('a machine price that is not wholly a number is refused, never partly read', () => {
  it.each(['12.5.3', '12abc', '0x1F', '1,2,3', '12e', 'Infinity', 'NaN', ' 12 34', '1e', '12 to 20'])(
    'structuredAmount(%j) reads nothing',
    (value) => {
      expect(structuredAmount(value)).toBeUndefined();
    },
  );

  it('keeps reading a machine field that is wholly a displayed price', () => {
    expect(structuredAmount('€1,149.00')).toBe('1149.00');
    expect(structuredAmount('2429,99')).toBe('2429.99');
    expect(structuredAmount('1.234,50 €')).toBe('1234.50');
    expect(structuredAmount('EUR 12.99')).toBe('12.99');
    expect(structuredAmount('007.50')).toBe('7.50');
    expect(structuredAmount('12EUR')).toBe('12');
    expect(structuredAmount('71,91 € 79,90 €')).toBe('71.91');
  });

  it('refuses a number glued to other letters even when a currency is named', () => {
    expect(structuredAmount('€12abc')).toBeUndefined();
    expect(structuredAmount('USD 0x1F')).toBeUndefined();
  });

  it('refuses the JSON-LD price "12abc" with a reason, and takes no 12 from it', () => {
    const result = extractListing(jsonLdPage('"12abc"'), { url });
    const listing = result.ok ? result.listing : result.partial;
    expect(listing?.price ?? null).toBeNull();
    const said = result.ok ? result.warnings.join(' ') : result.error.message;
    expect(said).toMatch(/refused price "12abc": expected a number/);
  });
});
