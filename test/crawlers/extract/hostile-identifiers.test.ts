import { describe, expect, it } from 'vitest';
import { extractListing } from '../../../crawlers/extract/index.ts';

const url = 'https://shop.example/p/1';

function timed(html: string) {
  const started = performance.now();
  const result = extractListing(html, { url });
  return { result, ms: performance.now() - started };
}

describe('hostile pages for the identifier rules: pure, never throw, stay fast', () => {
  it('survives a huge attribute on a brand element and a huge brand text', () => {
    const html = `<h1>Thing</h1><span class="price">€5.00</span><div class="product-brand" data-x="${'a'.repeat(2_000_000)}">${'Brand '.repeat(100_000)}</div>`;
    const { result, ms } = timed(html);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.listing.brand).toBeNull();
    expect(ms).toBeLessThan(3_000);
  });

  it('survives deeply nested JSON-LD brand and graph references that loop', () => {
    const depth = 50_000;
    const brand = `${'{"@type":"Brand","name":'.repeat(depth)}"Deep"${'}'.repeat(depth)}`;
    const nested = `{"@type":"Product","name":"Thing","brand":${brand},"offers":{"@type":"Offer","price":"5","priceCurrency":"EUR"}}`;
    const { result, ms } = timed(`<script type="application/ld+json">${nested}</script><h1>Thing</h1>`);
    expect(result.ok).toBe(true);
    expect(ms).toBeLessThan(3_000);
    const loop = JSON.stringify({
      '@graph': [
        { '@type': 'Product', '@id': '#p', name: 'Thing', brand: { '@id': '#p' }, offers: { '@type': 'Offer', price: '5', priceCurrency: 'EUR' } },
      ],
    });
    expect(timed(`<script type="application/ld+json">${loop}</script><h1>Thing</h1>`).result.ok).toBe(true);
  });

  it('reads a label followed by a huge run of digits without backtracking', () => {
    // A label-and-code rule once took time growing with the square of the run: 2.7 s at 40,000 digits.
    const { result, ms } = timed(`<h1>Thing</h1><span class="price">€5.00</span><p>SKU ${'1'.repeat(100_000)} x</p>`);
    expect(result.ok).toBe(true);
    expect(ms).toBeLessThan(3_000);
  });

  it('takes the markup over conflicting labels, and the first label over later ones', () => {
    const ld = JSON.stringify({ '@type': 'Product', name: 'Thing', sku: 'MK-1', brand: 'Acme', gtin13: '4006381333931', offers: { '@type': 'Offer', price: '5', priceCurrency: 'EUR' } });
    const { result } = timed(`<script type="application/ld+json">${ld}</script><h1>Thing</h1><p>SKU: MK-1</p><p>Brand: Other</p><p>EAN: 5012345678900</p>`);
    expect(result.ok && result.listing).toMatchObject({ sku: 'MK-1', brand: 'Acme', gtin: '04006381333931' });
    const labels = timed('<h1>Thing</h1><span class="price">€5.00</span><p>SKU: A-1</p><p>SKU: B-2</p>').result;
    expect(labels.ok && labels.listing.sku).toBe('A-1');
  });

  it('survives broken Shopify product data and a huge inline meta object', () => {
    const broken = '<script>var meta = {"product":{"vendor":"X","variants":[{"sku":</script><h1>Thing</h1><span class="price">€5.00</span>';
    expect(timed(broken).result.ok).toBe(true);
    const huge = `<script>var meta = {"product":{"vendor":"Big","variants":[${'{"id":1,"sku":"S"},'.repeat(100_000)}{"id":2}]}};</script><h1>Thing</h1><span class="price">€5.00</span>`;
    const { result, ms } = timed(huge);
    expect(result.ok).toBe(true);
    expect(ms).toBeLessThan(3_000);
  });

  it('stays fast on thousands of labels and of buttons', () => {
    const html = `<h1>Thing</h1><span class="price">€5.00</span>${'<p>SKU: x y z Brand: a b c d e f g Model: see below</p><button>Sold out</button>'.repeat(20_000)}`;
    const { result, ms } = timed(html);
    expect(result.ok).toBe(true);
    expect(ms).toBeLessThan(3_000);
  });
});
