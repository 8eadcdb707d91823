import { describe, expect, it } from 'vitest';
import { extractListing } from '../../../crawlers/extract/index.ts';
import { FETCHED_AT, fixture } from './fixtures.ts';

function read(html: string, url = 'https://shop.example/p/1') {
  const result = extractListing(html, { url, fetchedAt: FETCHED_AT });
  if (!result.ok) throw new Error(`expected a listing, found error ${result.error.code}: ${result.error.message}`);
  return result.listing;
}

describe('generic fallback (no markup, no selectors)', () => {
  it('finds the displayed price near the title, not the struck RRP, unit, instalment or carousel prices', () => {
    const l = read(fixture('generic-amazonlike.html'));
    expect(l.price).toBe('59.99');
    expect(l.listPrice).toBe('79.99');
    expect(l.currency).toBe('GBP');
    expect(l.fieldSources.price).toBe('generic');
  });

  it('reads title from h1, availability from stock text, and labelled brand, sku, model and EAN', () => {
    const l = read(fixture('generic-amazonlike.html'));
    expect(l).toMatchObject({
      title: 'Pressure Cooker 6 L, Stainless Steel',
      availability: 'in_stock',
      brand: 'Cookwell',
      sku: 'B00TEST123',
      mpn: 'PC-600',
      gtin: '04006381333931',
    });
  });

  it('reads free delivery and a delivery date from the page text', () => {
    const l = read(fixture('generic-amazonlike.html'));
    // Read on Monday 23 Nov; "Tuesday, 1 Dec" is 8 days later.
    expect(l.delivery).toMatchObject({ minDays: 8, maxDays: 8, free: true });
    expect(l.shippingCost).toBe('0');
  });

  it('ignores shipping prices and per-unit prices even when they come first', () => {
    const html =
      '<h1>Olive oil 1 l</h1><div class="shipping-price">£4.95</div><div class="price-per-unit">£12.00 / l</div>' +
      '<div class="product-price">£12.00</div><button>Add to basket</button>';
    expect(read(html).price).toBe('12.00');
  });

  it('does not hide the product when its own container has a carousel-like class name', () => {
    const html =
      '<section class="main with-cookie-info"><h1>Lamp</h1><span class="product-price">€ 49,00</span>' +
      '<div class="related-items"><span class="price">€ 5,00</span></div></section>';
    expect(read(html).price).toBe('49.00');
  });

  it('reads a labelled price whose amount sits in a sibling element', () => {
    const html = '<h1>Tea</h1><div class="deal">Price: <b>NT$</b><span>294</span> each</div>';
    expect(read(html).price).toBe('294');
  });

  it('reads availability from an add-to-cart button, and out of stock from stock text', () => {
    expect(read('<h1>Pen</h1><span class="price">$2.00</span><button id="add-to-cart">Add to cart</button>').availability).toBe('in_stock');
    expect(read('<h1>Pen</h1><span class="price">$2.00</span><p class="stock-status">Sold out</p>').availability).toBe('out_of_stock');
  });

  it('ignores stock labels hidden inside a cart button and disabled buttons', () => {
    const html =
      '<h1>Cup</h1><span class="price">€3.00</span>' +
      '<a class="add-to-basket"><span class="can-buy">do koszyka</span><span class="unavailable-label">Produkt niedostępny</span></a>';
    expect(read(html).availability).toBe('in_stock');
    const disabled = '<h1>Cup</h1><span class="price">€3.00</span><button class="add-to-cart" disabled>Add to cart</button>';
    expect(read(disabled).availability).toBe('unknown');
  });

  it('settles an ambiguous "$" by the local currency of the page domain, without inventing one', () => {
    const html = '<h1>Tea</h1><span class="price">$99</span><button class="add-to-cart">Add to cart</button>';
    expect(read(html, 'https://tea.example.com.tw/p/1').currency).toBe('TWD');
    expect(read(html, 'https://tea.example.com/p/1').currency).toBe('USD');
    expect(read(html.replace('$99', '99'), 'https://tea.example.com.tw/p/1').currency).toBeNull();
  });

  it('never invents a price: a product page without one has price null and a warning', () => {
    const result = extractListing('<h1>Chair</h1><p>Call us for a quote.</p><button class="add-to-cart">Add to cart</button>', { url: 'https://x.example/' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.listing.price).toBeNull();
    expect(result.warnings.join(' ')).toMatch(/no_price/);
  });
});

describe('what the page shows wins over the markup', () => {
  it('uses the visible sale price when the markup carries the struck regular price', () => {
    const l = read(fixture('sale-over-markup.html'));
    expect(l.price).toBe('29.99');
    expect(l.listPrice).toBe('40.00');
  });

  it('keeps the markup price when the page shows no struck markup price', () => {
    const html = fixture('sale-over-markup.html').replace('<del class="old-price">$40.00</del>', '');
    expect(read(html).price).toBe('40.00');
  });

  it('overrules an out-of-stock markup variant when the page offers the product', () => {
    const html =
      '<script type="application/ld+json">{"@type":"Product","name":"Boot","offers":{"@type":"Offer","price":"136.00","priceCurrency":"GBP","availability":"OutOfStock"}}</script>' +
      '<h1>Boot</h1><button id="add-to-basket-button">Add to your basket</button>';
    expect(read(html).availability).toBe('in_stock');
  });
});
