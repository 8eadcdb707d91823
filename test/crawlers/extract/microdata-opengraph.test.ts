import { describe, expect, it } from 'vitest';
import { extractListing } from '../../../crawlers/extract/index.ts';
import { readMicrodataItems } from '../../../crawlers/extract/microdata.ts';
import { extractOpenGraph, readMetaTags } from '../../../crawlers/extract/opengraph.ts';
import { FETCHED_AT, fixture } from './fixtures.ts';

describe('microdata', () => {
  it('reads Product, nested Brand and Offer, content= and link/meta values', () => {
    const result = extractListing(fixture('microdata-offers.html'), { url: 'https://pets.example/wf', fetchedAt: FETCHED_AT });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.listing).toMatchObject({
      title: 'Adult Dog Food 2 kg',
      brand: 'Woofco',
      sku: 'WF-2KG',
      gtin: '04006381333931',
      image: 'https://example.com/img/wf.jpg',
      price: '12.49',
      currency: 'EUR',
      availability: 'in_stock',
    });
    expect(result.listing.fieldSources.price).toBe('microdata');
  });

  it('builds nested items and keeps text values decoded', () => {
    const [item] = readMicrodataItems(
      '<div itemscope itemtype="https://schema.org/Product"><span itemprop="name">Fish &amp; Chips</span>' +
        '<div itemprop="offers" itemscope itemtype="https://schema.org/AggregateOffer"><span itemprop="lowPrice">5.29</span></div></div>',
    );
    expect(item.name).toBe('Fish & Chips');
    expect(item.offers).toMatchObject({ lowPrice: '5.29' });
  });

  it('reads a price written with a decimal comma in the element text', () => {
    const html =
      '<div itemscope itemtype="http://schema.org/Product"><h1 itemprop="name">Lamp</h1>' +
      '<div itemprop="offers" itemscope itemtype="http://schema.org/Offer"><span itemprop="price">1.234,50</span>' +
      '<meta itemprop="priceCurrency" content="EUR"></div></div>';
    const result = extractListing(html, { url: 'https://x.example/' });
    expect(result.ok && result.listing.price).toBe('1234.50');
  });
});

describe('OpenGraph', () => {
  it('reads product:price tags, og:title and og:image', () => {
    const html =
      '<head><meta property="og:title" content="Blu-ray Box"><meta property="og:image" content="https://x.example/b.jpg">' +
      '<meta property="product:price:amount" content="17.99"><meta property="product:price:currency" content="USD">' +
      '<meta property="product:availability" content="in stock"><meta property="product:retailer_item_id" content="BR-1"></head>';
    const reading = extractOpenGraph(readMetaTags(html));
    expect(reading?.reading).toMatchObject({ title: 'Blu-ray Box', image: 'https://x.example/b.jpg', price: '17.99', currency: 'USD', availability: 'in_stock', sku: 'BR-1' });
  });

  it('takes a lower sale price over the regular one, keeping the regular as list price', () => {
    const html =
      '<meta property="og:price:amount" content="30.00"><meta property="og:price:currency" content="GBP">' +
      '<meta property="product:sale_price:amount" content="24.00">';
    expect(extractOpenGraph(readMetaTags(html))?.reading).toMatchObject({ price: '24.00', listPrice: '30.00', currency: 'GBP' });
  });
});
