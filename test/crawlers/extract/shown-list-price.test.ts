import { describe, expect, it } from 'vitest';
import { extractListing } from '../../../crawlers/extract/index.ts';
import { lineThroughClasses } from '../../../crawlers/extract/page-scan.ts';
import { FETCHED_AT } from './fixtures.ts';

const URL = 'https://dukaan.example/kettle/dp/B0KETTLE01';

function jsonLd(offer: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  const product = { '@context': 'https://schema.org', '@type': 'Product', name: 'Steel Kettle 1.5 L', ...extra, offers: { '@type': 'Offer', priceCurrency: 'INR', ...offer } };
  return `<script type="application/ld+json">${JSON.stringify(product)}</script>`;
}

function read(html: string, url = URL) {
  const result = extractListing(html, { url, fetchedAt: FETCHED_AT });
  if (!result.ok) throw new Error(`expected a listing, found error ${result.error.code}: ${result.error.message}`);
  return result.listing;
}

const MAIN = '<h1>Steel Kettle 1.5 L</h1><div id="corePrice"><span class="a-price">₹1,299</span>';
const CART = '<button class="add-to-cart">Add to Cart</button>';

describe('a visible struck-through MRP fills the list price the markup lacks', () => {
  it('reads "M.R.P.: ₹1,799" struck through next to the markup price', () => {
    const html = jsonLd({ price: '1299.00' }) + MAIN + '<div class="mrp">M.R.P.: <span class="a-text-strike">₹1,799</span></div></div>' + CART;
    const l = read(html);
    expect(l.price).toBe('1299.00');
    expect(l.listPrice).toBe('1799.00');
    expect(l.fieldSources.listPrice).toBe('generic');
  });

  it('reads a price struck through by a class of the page stylesheet', () => {
    const html = '<style>.p-mrp{text-decoration:line-through;color:#888}</style>' + jsonLd({ price: '1299.00' }) + MAIN + ' <span class="p-mrp">₹1,799</span></div>' + CART;
    expect(read(html).listPrice).toBe('1799.00');
  });

  it('keeps the markup list price when the markup has one', () => {
    const spec = [{ '@type': 'UnitPriceSpecification', priceType: 'https://schema.org/StrikethroughPrice', price: '1999.00', priceCurrency: 'INR' }];
    const html = jsonLd({ price: '1299.00', priceSpecification: spec }) + MAIN + '<s>₹1,799</s></div>' + CART;
    expect(read(html).listPrice).toBe('1999.00');
  });

  it('ignores a struck price below the price, and the struck prices of other products after their links', () => {
    const lower = jsonLd({ price: '1299.00' }) + MAIN + '<s>₹999</s></div>' + CART;
    expect(read(lower).listPrice).toBeNull();
    const related =
      jsonLd({ price: '1299.00' }) + MAIN + '</div>' + CART +
      '<div class="also"><a href="/toaster/dp/B0TOAST001">Toaster</a> <s>₹2,499</s> <span>₹1,999</span></div>';
    expect(read(related).listPrice).toBeNull();
  });
});

describe('lineThroughClasses', () => {
  it('collects the classes of single-element selectors whose rule strikes through', () => {
    const css = '.a{color:red}._mrp,del.was{text-decoration:line-through}.card .price{text-decoration:line-through}a.x:hover{text-decoration:line-through}';
    expect(lineThroughClasses(css)).toEqual(['_mrp', 'was']);
  });
});

describe('URLs are absolute', () => {
  it('resolves a relative markup image against the page URL', () => {
    const html = jsonLd({ price: '1299.00' }, { image: '/img/1001.svg' }) + MAIN + '</div>' + CART;
    expect(read(html).image).toBe('https://dukaan.example/img/1001.svg');
  });

  it('resolves against <base href> when the page has one', () => {
    const html = '<head><base href="https://cdn.dukaan.example/in/"></head>' + jsonLd({ price: '1299.00' }, { image: 'img/1001.svg' }) + MAIN + '</div>' + CART;
    expect(read(html).image).toBe('https://cdn.dukaan.example/in/img/1001.svg');
  });

  it('drops an image that is a data: placeholder or not a web URL', () => {
    expect(read(jsonLd({ price: '1299.00' }, { image: 'data:image/gif;base64,R0lGOD' }) + MAIN + '</div>').image).toBeNull();
    expect(read(jsonLd({ price: '1299.00' }, { image: 'javascript:void(0)' }) + MAIN + '</div>').image).toBeNull();
  });
});
