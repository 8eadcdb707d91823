import { describe, expect, it } from 'vitest';
import { extractListing } from '../../../crawlers/extract/index.ts';

const html = `<html><body>
  <div class="title-box"><span class="name">Garden Hose 25 m</span></div>
  <div class="cost"><span class="now">Rs. 1,299.00</span><span class="mrp">Rs. 1,599.00</span></div>
  <div class="stock-line">Out of stock</div>
  <table><tr><td class="ean">8901234567897</td></tr></table>
  <img class="hero" src="https://x.example/hose.jpg">
</body></html>`;

describe('store selectors', () => {
  it('reads the fields the store config points at', () => {
    const result = extractListing(html, {
      url: 'https://garden.example/hose',
      currencyHint: 'INR',
      selectors: { title: '.title-box .name', price: '.cost .now', listPrice: '.cost .mrp', availability: '.stock-line', gtin: '.ean', image: 'img.hero' },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.listing).toMatchObject({
      title: 'Garden Hose 25 m',
      price: '1299.00',
      listPrice: '1599.00',
      currency: 'INR',
      availability: 'out_of_stock',
      image: 'https://x.example/hose.jpg',
    });
    expect(result.listing.fieldSources.price).toBe('selectors');
  });

  it('notes an invalid selector instead of failing', () => {
    const result = extractListing(html, { url: 'https://garden.example/hose', selectors: { price: '.cost .now', brand: '!!nope[' } });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.warnings.join(' ')).toMatch(/not valid CSS/);
  });
});

describe('store selectors: lazy images and relative URLs', () => {
  it('reads a lazy-loaded image from data-src instead of the placeholder, made absolute', () => {
    const html = '<h1 class="t">Hose</h1><span class="p">₹499</span><img class="hero" src="data:image/gif;base64,R0lGOD" data-src="/img/hose.jpg">';
    const result = extractListing(html, { url: 'https://x.example/item.php?id=7', selectors: { title: 'h1.t', price: '.p', image: 'img.hero' } });
    expect(result.ok && result.listing.image).toBe('https://x.example/img/hose.jpg');
  });
});
