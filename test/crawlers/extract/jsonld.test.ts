import { describe, expect, it } from 'vitest';
import { extractListing } from '../../../crawlers/extract/index.ts';
import { extractJsonLd } from '../../../crawlers/extract/jsonld.ts';
import { FETCHED_AT, fixture } from './fixtures.ts';

const page = (json: string, body = '<h1>Item</h1>') =>
  `<html><head><script type="application/ld+json">${json}</script></head><body>${body}</body></html>`;

function listing(html: string, url = 'https://shop.example/p/1') {
  const result = extractListing(html, { url, fetchedAt: FETCHED_AT });
  if (!result.ok) throw new Error(`expected a listing, found error ${result.error.code}: ${result.error.message}`);
  return result.listing;
}

describe('JSON-LD', () => {
  it('reads a plain Product with an Offer', () => {
    const l = listing(
      page('{"@context":"https://schema.org","@type":"Product","name":"Mixer","sku":"MX-1","gtin13":"4006381333931","brand":{"@type":"Brand","name":"Whirl"},"offers":{"@type":"Offer","price":"199.90","priceCurrency":"EUR","availability":"https://schema.org/InStock"}}'),
    );
    expect(l).toMatchObject({ title: 'Mixer', sku: 'MX-1', brand: 'Whirl', price: '199.90', currency: 'EUR', availability: 'in_stock', gtin: '04006381333931' });
    expect(l.fieldSources.price).toBe('jsonld');
  });

  it('picks the variant named in the URL from a ProductGroup', () => {
    const l = listing(fixture('jsonld-product-group.html'), 'https://shoes.example/tr2?variant=TR2-40');
    expect(l).toMatchObject({ sku: 'TR2-40', price: '89.00', availability: 'out_of_stock', brand: 'Stridewell' });
  });

  it('without a URL hint, picks the first variant in stock', () => {
    const l = listing(fixture('jsonld-product-group.html'), 'https://shoes.example/tr2');
    expect(l).toMatchObject({ sku: 'TR2-42', price: '94.00', availability: 'in_stock' });
  });

  it('reads a Product inside @graph → WebPage.mainEntity from broken JSON, ignoring similar products', () => {
    const l = listing(fixture('jsonld-graph-webpage.html'));
    expect(l).toMatchObject({ title: 'Steel Kettle 1.7 L', sku: 'KT-17', price: '24.50', currency: 'GBP', brand: 'Boilwell' });
  });

  it('reads an Offer whose itemOffered is the product, and type arrays with full URLs', () => {
    const l = listing(
      page('[{"@type":"BreadcrumbList"},{"@type":["http://schema.org/Offer"],"price":15,"priceCurrency":"USD","itemOffered":{"@type":"Product","name":"Cable","sku":"C-1"}}]'),
    );
    expect(l).toMatchObject({ title: 'Cable', sku: 'C-1', price: '15', currency: 'USD' });
  });

  it('prefers the offer matching the sku in the URL over the first offer', () => {
    const l = listing(
      page('{"@type":"Product","name":"Shirt","offers":[{"@type":"Offer","sku":"S-RED","price":"20.00","priceCurrency":"EUR"},{"@type":"Offer","sku":"S-BLUE","price":"25.00","priceCurrency":"EUR"}]}'),
      'https://shop.example/shirt?sku=S-BLUE',
    );
    expect(l.price).toBe('25.00');
  });

  it('reads sale and list prices from priceSpecification', () => {
    const l = listing(
      page('{"@type":"Product","name":"Drill","offers":{"@type":"Offer","priceCurrency":"EUR","priceSpecification":[{"@type":"UnitPriceSpecification","priceType":"https://schema.org/ListPrice","price":"120.00"},{"@type":"UnitPriceSpecification","price":"99.00"}]}}'),
    );
    expect(l).toMatchObject({ price: '99.00', listPrice: '120.00' });
  });

  it('reads shipping cost and delivery days from OfferShippingDetails', () => {
    const l = listing(
      page('{"@type":"Product","name":"Rug","offers":{"@type":"Offer","price":"80","priceCurrency":"EUR","shippingDetails":{"@type":"OfferShippingDetails","shippingRate":{"@type":"MonetaryAmount","value":"0","currency":"EUR"},"deliveryTime":{"@type":"ShippingDeliveryTime","handlingTime":{"@type":"QuantitativeValue","minValue":0,"maxValue":1,"unitCode":"DAY"},"transitTime":{"@type":"QuantitativeValue","minValue":1,"maxValue":3,"unitCode":"DAY"}}}}}'),
    );
    // Monday + 1 business day = Tuesday (1 day); + 4 business days = Friday (4 days).
    expect(l.shippingCost).toBe('0');
    expect(l.delivery).toMatchObject({ minDays: 1, maxDays: 4, free: true });
  });

  it('accepts a lower-case type name and AggregateOffer lowPrice', () => {
    const l = listing(page('{"@type":"product","name":"Pan","offers":{"@type":"AggregateOffer","lowPrice":"5.29","highPrice":"9.56","priceCurrency":"GBP"}}'));
    expect(l.price).toBe('5.29');
  });

  it('never throws on unreadable JSON-LD and notes it', () => {
    const reading = extractJsonLd(page('{"@type": "Product", "name": '), { url: 'https://x.example/' });
    expect(reading?.notes?.[0]).toMatch(/could not be parsed/);
    const result = extractListing(page('{{{{ not json'), { url: 'https://x.example/' });
    expect(result.ok || result.error.code).toBeTruthy();
  });
});

describe('JSON-LD offers against what the page shows', () => {
  it('switches to the offer whose price the page shows under the title', () => {
    const html = page(
      '{"@type":"Product","name":"Headphones","offers":[{"@type":"Offer","price":"79.00","priceCurrency":"EUR","seller":{"name":"Big Shop"},"availability":"InStock"},{"@type":"Offer","price":"72.50","priceCurrency":"EUR","seller":{"name":"Small Shop"},"availability":"InStock"}]}',
      '<h1>Headphones</h1><div class="product-price">72,50 €</div>',
    );
    const l = listing(html);
    expect(l.price).toBe('72.50');
    expect(l.seller).toBe('Small Shop');
  });

  it('keeps the chosen offer when the shown price matches no offer', () => {
    const html = page(
      '{"@type":"Product","name":"Headphones","offers":[{"@type":"Offer","price":"79.00","priceCurrency":"EUR"},{"@type":"Offer","price":"72.50","priceCurrency":"EUR"}]}',
      '<h1>Headphones</h1><div class="product-price">70,00 €</div>',
    );
    expect(listing(html).price).toBe('79.00');
  });
});
