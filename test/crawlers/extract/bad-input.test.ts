import { describe, expect, it } from 'vitest';
import { MAX_HTML_LENGTH } from '../../../crawlers/extract/guard.ts';
import { extractListing } from '../../../crawlers/extract/index.ts';

const url = 'https://shop.example/p/1';
const withPrice = (price: string) =>
  `<script type="application/ld+json">{"@type":"Product","name":"Thing","offers":{"@type":"Offer","price":${price},"priceCurrency":"EUR"}}</script><h1>Thing</h1>`;

describe('bad input gives typed results, never exceptions', () => {
  it('refuses binary junk as not_html', () => {
    const junk = String.fromCharCode(...Array.from({ length: 2_000 }, (_, i) => (i * 37) % 256));
    const result = extractListing(junk, { url });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('not_html');
    const png = '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR';
    expect(extractListing(png, { url })).toMatchObject({ ok: false, error: { code: 'not_html' } });
  });

  it('refuses pages over the size cap as too_large', () => {
    const huge = `<html>${'x'.repeat(MAX_HTML_LENGTH)}</html>`;
    expect(extractListing(huge, { url })).toMatchObject({ ok: false, error: { code: 'too_large' } });
  });

  it('refuses non-strings as not_html', () => {
    expect(extractListing(undefined as unknown as string, { url })).toMatchObject({ ok: false, error: { code: 'not_html' } });
  });

  it.each(['"0"', '"-5.00"', '0', '"1000000000"', '1e12'])('never stores the absurd price %s', (price) => {
    const result = extractListing(withPrice(price), { url });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('absurd_price');
    expect(result.partial?.price ?? null).toBeNull();
    expect(result.partial?.title).toBe('Thing');
  });

  it('falls back to a sane price from another source when the markup one is absurd', () => {
    const html = `${withPrice('"0.00"')}<meta property="product:price:amount" content="12.00">`;
    const result = extractListing(html, { url });
    expect(result.ok && result.listing.price).toBe('12.00');
    expect(result.ok && result.warnings.join(' ')).toMatch(/absurd/);
  });

  it('keeps an unknown currency out of the ISO field but shows it as written', () => {
    const html = '<script type="application/ld+json">{"@type":"Product","name":"T","offers":{"price":"5","priceCurrency":"ZZZ"}}</script>';
    const result = extractListing(html, { url });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.listing.currency).toBeNull();
      expect(result.listing.currencyText).toBe('ZZZ');
    }
  });

  it('uses the store currency hint when the page names none', () => {
    const html = '<script type="application/ld+json">{"@type":"Product","name":"T","offers":{"price":"499"}}</script>';
    const result = extractListing(html, { url, currencyHint: 'INR' });
    expect(result.ok && result.listing.currency).toBe('INR');
  });

  it('survives malformed HTML: unclosed tags, stray closers, broken attributes', () => {
    const html = '<div class="a><span itemprop="price">3</div></p></table><h1>Broken <b>page<div class="price">€ 7,50<<<>>';
    const result = extractListing(html, { url });
    expect(result.ok || ['no_product', 'malformed'].includes(result.error.code)).toBe(true);
  });

  it('reports a page that is not a product page as no_product', () => {
    const result = extractListing('<html><head><title>About us</title></head><body><p>We are a shop.</p></body></html>', { url });
    expect(result).toMatchObject({ ok: false, error: { code: 'no_product' } });
  });

  it('handles deep nesting and many elements without throwing', () => {
    const deep = `${'<div>'.repeat(5_000)}<span class="price">$5.00</span>${'</div>'.repeat(5_000)}<h1>Deep</h1>`;
    const result = extractListing(deep, { url });
    // Past the depth cap elements are not tracked: the page is still read, as a typed result.
    const listing = result.ok ? result.listing : result.partial;
    expect(result.ok || result.error.code === 'no_product').toBe(true);
    expect(listing?.title).toBe('Deep');
  });
});
