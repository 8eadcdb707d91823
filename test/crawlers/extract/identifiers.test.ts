import { describe, expect, it } from 'vitest';
import { extractListing } from '../../../crawlers/extract/index.ts';
import { readLabelled } from '../../../crawlers/extract/labels.ts';
import { visibleLines } from '../../../crawlers/extract/page-text.ts';
import type { ExtractedListing } from '../../../crawlers/extract/types.ts';
import { FETCHED_AT } from './fixtures.ts';

const url = 'https://shop.example/p/kettle';

function read(html: string, at = url): ExtractedListing {
  const result = extractListing(html, { url: at, fetchedAt: FETCHED_AT });
  if (!result.ok) throw new Error(`expected a listing, found error ${result.error.code}: ${result.error.message}`);
  return result.listing;
}

/** A JSON-LD product page with `props` merged into the Product node. */
const ld = (props: Record<string, unknown>, body = '<h1>Kettle</h1><span class="price">€39.00</span>') =>
  `<script type="application/ld+json">${JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: 'Kettle',
    offers: { '@type': 'Offer', price: '39.00', priceCurrency: 'EUR', availability: 'https://schema.org/InStock' },
    ...props,
  })}</script>${body}`;

describe('GTIN from schema.org markup', () => {
  it('reads gtin13 given as a number, gtin with spaces, gtin12, gtin8 and isbn', () => {
    expect(read(ld({ gtin13: 4006381333931 })).gtin).toBe('04006381333931');
    expect(read(ld({ gtin: '4 006381 333931' })).gtin).toBe('04006381333931');
    expect(read(ld({ gtin12: '036000291452' })).gtin).toBe('00036000291452');
    expect(read(ld({ gtin8: '96385074' })).gtin).toBe('00000096385074');
    expect(read(ld({ '@type': 'Book', isbn: '978-0-306-40615-7' })).gtin).toBe('09780306406157');
  });

  it('passes over an invalid gtin13 ("0000000000000") to a valid key', () => {
    expect(read(ld({ gtin13: '4006381333932', gtin: '4006381333931' })).gtin).toBe('04006381333931');
    expect(read(ld({ gtin13: '0000000000000' })).gtin).toBeNull();
  });

  it('reads a productID that names its scheme as the GTIN, not as the sku', () => {
    const listing = read(ld({ productID: 'isbn:9780306406157' }));
    expect(listing.gtin).toBe('09780306406157');
    expect(listing.sku).toBeNull();
  });

  it('reads identifier PropertyValues', () => {
    const listing = read(ld({ identifier: [{ '@type': 'PropertyValue', propertyID: 'gtin13', value: '4006381333931' }] }));
    expect(listing.gtin).toBe('04006381333931');
  });

  it('takes a 12- to 14-digit sku with a valid check digit as the GTIN when nothing else gives one', () => {
    expect(read(ld({ sku: '4006381333931' }))).toMatchObject({ sku: '4006381333931', gtin: '04006381333931' });
    // An 8-digit internal number may pass the GTIN-8 check by chance: not a GTIN.
    expect(read(ld({ sku: '96385074' })).gtin).toBeNull();
    expect(read(ld({ sku: '4006381333932' })).gtin).toBeNull();
  });
});

describe('sku and mpn from markup', () => {
  it('keeps sku, mpn and productID apart: sku first, productID only without one', () => {
    expect(read(ld({ sku: 'KT-1', mpn: 'WK-3000', productID: '99812' }))).toMatchObject({ sku: 'KT-1', mpn: 'WK-3000' });
    expect(read(ld({ productID: '99812', mpn: 'WK-3000' }))).toMatchObject({ sku: '99812', mpn: 'WK-3000' });
  });

  it('reads a numeric sku', () => {
    expect(read(ld({ sku: 746423 })).sku).toBe('746423');
  });

  it('reads OpenGraph retailer item id and manufacturer part number', () => {
    const html =
      '<meta property="product:retailer_item_id" content="KT-77"><meta property="product:mfr_part_no" content="WK-3000">' +
      '<meta property="product:price:amount" content="39.00"><meta property="product:price:currency" content="EUR"><h1>Kettle</h1>';
    expect(read(html)).toMatchObject({ sku: 'KT-77', mpn: 'WK-3000' });
  });
});

describe('brand from markup', () => {
  it('reads a Brand node, a string, an array, an Organization and a manufacturer', () => {
    expect(read(ld({ brand: { '@type': 'Brand', name: 'Tefal' } })).brand).toBe('Tefal');
    expect(read(ld({ brand: 'Tefal' })).brand).toBe('Tefal');
    expect(read(ld({ brand: ['Tefal', 'Groupe SEB'] })).brand).toBe('Tefal');
    expect(read(ld({ brand: { '@type': 'Organization', name: ['Tefal'] } })).brand).toBe('Tefal');
    expect(read(ld({ manufacturer: { '@type': 'Organization', name: 'Groupe SEB' } })).brand).toBe('Groupe SEB');
  });

  it('follows a brand reference into the JSON-LD graph', () => {
    const html = `<script type="application/ld+json">${JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'Product', name: 'Kettle', brand: { '@id': '#brand' }, offers: { '@type': 'Offer', price: '39.00', priceCurrency: 'EUR' } },
        { '@type': 'Brand', '@id': '#brand', name: 'Tefal' },
      ],
    })}</script><h1>Kettle</h1>`;
    expect(read(html).brand).toBe('Tefal');
  });

  it('refuses a link or a bare type name as a brand, and takes the page label instead', () => {
    expect(read(ld({ brand: 'https://shop.example/brands/tefal' }, '<h1>Kettle</h1><p>Brand: Tefal</p>')).brand).toBe('Tefal');
    expect(read(ld({ brand: { '@type': 'Brand' } })).brand).toBeNull();
  });

  it('reads a microdata brand item whose only value is its content attribute', () => {
    const html =
      '<div itemscope itemtype="http://schema.org/Product"><meta itemprop="sku" content="545642356">' +
      '<meta itemtype="http://schema.org/Brand" itemscope="itemscope" itemprop="brand" content="CALVIN KLEIN">' +
      '<h1 itemprop="name">Socks</h1><div itemprop="offers" itemscope itemtype="http://schema.org/Offer">' +
      '<meta itemprop="price" content="12.00"><meta itemprop="priceCurrency" content="EUR">' +
      '<link itemprop="availability" href="http://schema.org/OutOfStock"></div></div>';
    expect(read(html)).toMatchObject({ brand: 'CALVIN KLEIN', sku: '545642356', availability: 'out_of_stock' });
  });
});

describe('labelled codes and brands in page text', () => {
  it('reads "Label - value" spec lists and a code standing alone after its label', () => {
    expect(readLabelled('Product Code - 39139301\nBrand - GANT\n')).toMatchObject({ sku: '39139301', brand: 'GANT' });
    expect(readLabelled('$24.990\nSKU MKI6IKW1N4\n').sku).toBe('MKI6IKW1N4');
    // A sentence after the label is not a code.
    expect(readLabelled('SKU numbers are shown at checkout\n').sku).toBeUndefined();
  });

  it('reads a store-named item number and part numbers', () => {
    expect(readLabelled('eBay item number:\n302474151804\n').sku).toBe('302474151804');
    expect(readLabelled('Manufacturer Part Number: WK-3000/B\n').mpn).toBe('WK-3000/B');
    expect(readLabelled('Item #: 10442\nModel #: RX-77\n')).toMatchObject({ sku: '10442', mpn: 'RX-77' });
  });

  it('cuts a value where the next inline label starts', () => {
    expect(readLabelled('SKU: WOO-1 Category: Mugs\n').sku).toBe('WOO-1');
    expect(readLabelled('Brand: Bosch Model: GSR 12V\n')).toMatchObject({ brand: 'Bosch', mpn: 'GSR 12V' });
  });

  it('reads a "by Brand" line but not "by" sentences', () => {
    expect(readLabelled('Kettle 1.7 l\nby Russell Hobbs\n').brand).toBe('Russell Hobbs');
    expect(readLabelled('by continuing you agree to our terms\n').brand).toBeUndefined();
  });

  it('reads GTIN labels of several spellings, with spaces', () => {
    expect(readLabelled('EAN-13: 4 006381 333931\n').gtin).toBe('04006381333931');
    expect(readLabelled('Código de barras\n4006381333931\n').gtin).toBe('04006381333931');
  });

  it('lets a shown code win over a markup sku that the page shows only inside a URL', () => {
    const body = '<h1>Speaker</h1><span class="price">€39.00</span><p>Product code: 83810610</p><noscript><img src="/is/image/238368885alt2"></noscript>';
    expect(read(ld({ sku: '238368885' }, body)).sku).toBe('83810610');
    expect(read(ld({ sku: '238368885' }, `${body}<p>Ref 238368885</p>`)).sku).toBe('238368885');
  });

  it('reads codes the markup leaves open from a spec table far below the title', () => {
    const filler = `<p>${'Long description of the kettle. '.repeat(5_000)}</p>`;
    const body = `<h1>Kettle</h1><span class="price">€39.00</span>${filler}<table><tr><th>EAN</th><td>4006381333931</td></tr><tr><th>Manufacturer</th><td>Tefal</td></tr></table>`;
    expect(read(ld({ sku: 'KT-1' }, body))).toMatchObject({ sku: 'KT-1', gtin: '04006381333931', brand: 'Tefal' });
  });
});

describe('brand from a brand-named element next to the title', () => {
  const page = (brand: string) => `<header><a class="navbar-brand" href="/">Kitchen Depot</a></header><h1>Kettle</h1>${brand}<span class="price">€39.00</span>`;

  it('reads the element without the words around the brand', () => {
    expect(read(page('<a id="bylineInfo" class="a-link-normal" href="/stores/Tefal">Visit the Tefal Store</a>')).brand).toBe('Tefal');
    expect(read(page('<div class="product-brand">Brand: Russell Hobbs</div>')).brand).toBe('Russell Hobbs');
  });

  it('does not take the shop logo ("navbar-brand") or a brand filter list for the brand', () => {
    expect(read(page('')).brand).toBeNull();
    expect(read(page('<ul class="brand-filter"><li>Bosch</li><li>Tefal</li></ul>')).brand).toBeNull();
  });
});

describe('visibleLines', () => {
  it('drops scripts, styles and comments, and breaks lines at blocks', () => {
    expect(visibleLines('<div>SKU:<span> A1</span></div><script>var sku = "X";</script><!-- EAN: 1 --><p>EAN &amp; more</p>')).toBe('\nSKU: A1\nEAN & more\n');
  });

  it('stays linear on an unclosed script and on stray "<"', () => {
    const started = performance.now();
    visibleLines('<script>'.repeat(50_000));
    visibleLines('<'.repeat(400_000));
    visibleLines('<!--'.repeat(50_000));
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
