import { describe, expect, it } from 'vitest';
import { extractListing } from '../../../crawlers/extract/index.ts';
import { scanPage } from '../../../crawlers/extract/page-scan.ts';
import { findTileGrids } from '../../../crawlers/extract/tiles.ts';
import { FETCHED_AT, fixture } from './fixtures.ts';

const URL = 'https://lumen.example/lamps';

function extract(html: string, url = URL) {
  return extractListing(html, { url, fetchedAt: FETCHED_AT });
}

function read(html: string, url = 'https://lumen.example/products/aster-desk-lamp') {
  const result = extract(html, url);
  if (!result.ok) throw new Error(`expected a listing, found error ${result.error.code}: ${result.error.message}`);
  return result.listing;
}

describe('category, search and home pages are not products', () => {
  it('refuses a category page of 12 priced tiles, each with its own link', () => {
    const result = extract(fixture('listing-category.html'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('no_product');
    expect(result.error.message).toMatch(/grid of 12 product tiles/);
  });

  it('refuses a home page of product rows without an h1', () => {
    const result = extract(fixture('listing-home.html'), 'https://lumen.example/');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('no_product');
  });

  it('refuses a category page whose every tile is marked up as a Product', () => {
    const html = fixture('listing-category.html').replace(
      /<li class="tile"><a href="\/products\/([a-z-]+)">/g,
      '<li class="tile" itemscope itemtype="https://schema.org/Product"><meta itemprop="name" content="$1">' +
        '<span itemprop="offers" itemscope itemtype="https://schema.org/Offer"><meta itemprop="price" content="24.00"><meta itemprop="priceCurrency" content="GBP"></span><a href="/products/$1">',
    );
    const result = extract(html);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('no_product');
  });

  it('refuses the last page of a category showing a single tile (a list item led by its link)', () => {
    const html =
      '<header><a href="/">Lumen</a></header><main><h1>Lamps</h1><p>1 result on page 2 of 2</p><ol class="results">' +
      '<li class="card"><a href="/products/aster-desk-lamp"><img src="/img/a.jpg" alt="">Aster Desk Lamp</a><span class="price">£24.00</span></li>' +
      '</ol><a rel="prev" href="/lamps">Previous</a></main>';
    const result = extract(html, 'https://lumen.example/lamps?page=2');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/product tile/);
  });

  it('reads a product whose title and price share one list item with a link', () => {
    const html =
      '<ul class="product"><li><a href="/brands/lumen">Lumen</a><h1>Aster Desk Lamp</h1><span class="price">£24.00</span></li></ul>';
    expect(read(html).price).toBe('24.00');
  });

  it('still reads a small priced list whose rows share no links as a product (variants, not tiles)', () => {
    const html =
      '<h1>Linen Shade</h1><ul>' +
      ['30 cm', '40 cm', '50 cm', '60 cm'].map((size, i) => `<li class="variant">${size} <span class="price">£${20 + i * 5}.00</span></li>`).join('') +
      '</ul><button class="add-to-basket">Add to basket</button>';
    expect(read(html).price).toBe('20.00');
  });
});

describe('a product page with a grid of other products', () => {
  it('reads its own price when the grid prices outrank it (they are tiles, the main price is anchored to the title)', () => {
    const l = read(fixture('product-with-grid.html'));
    expect(l).toMatchObject({ title: 'Aster Desk Lamp', price: '24.00', listPrice: '34.00', currency: 'GBP', sku: 'LM-4471', availability: 'in_stock' });
  });

  it('reads its own price when it is marked as the product price', () => {
    const html = fixture('product-with-grid.html').replace('<span class="now">', '<span class="product-price">');
    expect(read(html).price).toBe('24.00');
  });

  it('is refused when nothing anchors a price to the title: no add-to-cart, no product type', () => {
    const html = fixture('product-with-grid.html')
      .replace('<meta property="og:type" content="product">', '')
      .replace('<button class="add-to-basket">Add to basket</button>', '');
    const result = extract(html, 'https://lumen.example/products/aster-desk-lamp');
    expect(result.ok).toBe(false);
  });
});

describe('findTileGrids', () => {
  it('groups prices by their ancestor path and counts the links of their tiles', () => {
    const grids = findTileGrids(scanPage(fixture('listing-category.html')));
    expect(grids.largest).toBe(12);
    const scan = scanPage('<h1>Lamp</h1><ul><li><a href="/a">A</a><span class="price">£1</span></li><li><a href="/b">B</a><span class="price">£2</span></li></ul>');
    expect(findTileGrids(scan).largest).toBe(0);
  });
});
