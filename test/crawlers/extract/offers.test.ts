// Marketplace pages: several sellers' offers of one product, read from JSON-LD (an Offer list or an
// AggregateOffer), microdata or the store's offer selectors, each becoming a listing of its own
// (`<page>#seller=<slug>`) with its seller, price, shipping, delivery and condition.
import { describe, expect, it } from 'vitest';
import { buildDemoCatalogue } from '../../../crawlers/demo/catalogue/index.ts';
import { demoSellers } from '../../../crawlers/demo/marketplace-sellers.ts';
import { buildInventory, siteContext } from '../../../crawlers/demo/site.ts';
import { demoStoreProfiles } from '../../../crawlers/demo/store-profiles.ts';
import { MEGAMANDI_OFFER_SELECTORS, megamandiTemplates } from '../../../crawlers/demo/templates/megamandi.ts';
import { normaliseCondition } from '../../../crawlers/extract/condition.ts';
import { extractListing } from '../../../crawlers/extract/index.ts';
import { extractOfferList, MAX_SELLER_OFFERS } from '../../../crawlers/extract/offers.ts';
import { isSellerListingUrl, pageUrlOf, sellerListingUrl, sellerSlug } from '../../../crawlers/extract/seller-url.ts';
import type { StoreSelectors } from '../../../crawlers/extract/types.ts';
import { readingsOfPage } from '../../../crawlers/run/page-readings.ts';
import { testStore } from '../run/crawl-fixture.ts';
import { FETCHED_AT } from './fixtures.ts';

const URL_ = 'https://mandi.example/phone/item/MM1';
const page = (json: unknown, body = '<h1>Galaxy M14 5G</h1>') =>
  `<html><head><script type="application/ld+json">${JSON.stringify(json)}</script></head><body>${body}</body></html>`;

interface OfferSpec {
  seller?: unknown;
  price?: unknown;
  condition?: string;
  shipping?: string;
  days?: [number, number];
  availability?: string;
  extra?: Record<string, unknown>;
}

function offer({ seller, price, condition, shipping, days, availability = 'InStock', extra = {} }: OfferSpec): Record<string, unknown> {
  return {
    '@type': 'Offer',
    price,
    priceCurrency: 'INR',
    availability: `https://schema.org/${availability}`,
    ...(condition ? { itemCondition: `https://schema.org/${condition}` } : {}),
    ...(seller === undefined ? {} : { seller: typeof seller === 'string' ? { '@type': 'Organization', name: seller } : seller }),
    ...(shipping !== undefined
      ? {
          shippingDetails: {
            '@type': 'OfferShippingDetails',
            shippingRate: { '@type': 'MonetaryAmount', value: shipping, currency: 'INR' },
            ...(days
              ? { deliveryTime: { '@type': 'ShippingDeliveryTime', transitTime: { '@type': 'QuantitativeValue', minValue: days[0], maxValue: days[1], unitCode: 'DAY' } } }
              : {}),
          },
        }
      : {}),
    ...extra,
  };
}

const product = (offers: unknown, extra: Record<string, unknown> = {}) => ({
  '@context': 'https://schema.org',
  '@type': 'Product',
  name: 'Samsung Galaxy M14 5G (Smoky Teal, 6GB, 128GB Storage)',
  brand: { '@type': 'Brand', name: 'Samsung' },
  gtin13: '4006381333931',
  sku: 'MM1',
  offers,
  ...extra,
});

const store = (selectors?: StoreSelectors) => testStore('https://mandi.example', selectors ? { selectors } : {});

function read(html: string, options: { selectors?: StoreSelectors; hasSellerListings?: boolean; url?: string } = {}) {
  const url = options.url ?? URL_;
  return readingsOfPage(html, {
    url,
    finalUrl: url,
    fetchedAt: FETCHED_AT,
    store: store(options.selectors),
    validators: { etag: '"v1"', lastModified: null },
    hasSellerListings: options.hasSellerListings,
  });
}

function readings(html: string, options: Parameters<typeof read>[1] = {}) {
  const result = read(html, options);
  if (!result.ok) throw new Error(`expected readings, found ${result.error.code}: ${result.error.message}`);
  return result;
}

const THREE_SELLERS = [
  offer({ seller: 'Appario Retail', price: '13499.00', shipping: '0', days: [1, 2] }),
  offer({ seller: 'Cloudtail India', price: '13299', shipping: '40.00', days: [3, 5] }),
  offer({ seller: 'Kalyan Mobiles & Co.', price: 13999, availability: 'OutOfStock' }),
];

describe('seller listing URLs', () => {
  it('names a seller by a stable slug, and a used or refurbished offer by its condition as well', () => {
    expect(sellerSlug('Appario Retail Pvt. Ltd.')).toBe('appario-retail-pvt-ltd');
    expect(sellerSlug('  APPARIO   retail pvt ltd ')).toBe('appario-retail-pvt-ltd');
    expect(sellerSlug('Café Élite')).toBe('cafe-elite');
    expect(sellerListingUrl(URL_, 'Appario Retail')).toBe(`${URL_}#seller=appario-retail`);
    expect(sellerListingUrl(URL_, 'Appario Retail', 'used')).toBe(`${URL_}#seller=appario-retail&condition=used`);
    expect(pageUrlOf(sellerListingUrl(URL_, 'Appario Retail', 'refurbished'))).toBe(URL_);
    expect(isSellerListingUrl(URL_)).toBe(false);
    expect(pageUrlOf(URL_)).toBe(URL_);
  });

  it('keeps hostile names short, apart and ASCII in the URL', () => {
    const long = 'Mega Seller '.repeat(10_000);
    const other = `${long}B`;
    expect(sellerSlug(long).length).toBeLessThanOrEqual(60);
    expect(sellerSlug(long)).not.toBe(sellerSlug(other));
    expect(sellerSlug('★★★')).toMatch(/^seller-[0-9a-f]{8}$/);
    expect(sellerSlug('★★★')).not.toBe(sellerSlug('☆☆☆'));
    const url = sellerListingUrl(URL_, 'मोबाइल <script>alert(1)</script> दुकान');
    expect(url).toMatch(/^[\x21-\x7e]+$/);
    expect(url).not.toMatch(/[<>"]/);
    expect(sellerSlug('\u202eerolS')).toBe('erols');
  });
});

describe('offer conditions', () => {
  it('maps schema.org conditions and shop words, damaged and open-box goods counting as used', () => {
    expect(normaliseCondition('https://schema.org/NewCondition')).toBe('new');
    expect(normaliseCondition('http://schema.org/UsedCondition')).toBe('used');
    expect(normaliseCondition('RefurbishedCondition')).toBe('refurbished');
    expect(normaliseCondition('https://schema.org/DamagedCondition')).toBe('used');
    expect(normaliseCondition('Renewed (Refurbished)')).toBe('refurbished');
    expect(normaliseCondition('Used - Like New')).toBe('used');
    expect(normaliseCondition('Open box')).toBe('used');
    expect(normaliseCondition('Brand New')).toBe('new');
    expect(normaliseCondition('Newer model')).toBeNull();
    expect(normaliseCondition('')).toBeNull();
  });
});

describe('JSON-LD seller offers', () => {
  it('reads an offers array into one listing per seller, each with its own price, shipping, delivery and stock', () => {
    const { readings: got, unread } = readings(page(product(THREE_SELLERS)));
    expect(unread).toEqual([]);
    expect(got.map((r) => r.url)).toEqual([
      `${URL_}#seller=appario-retail`,
      `${URL_}#seller=cloudtail-india`,
      `${URL_}#seller=kalyan-mobiles-co`,
    ]);
    expect(got.map((r) => [r.seller, r.price, r.shippingCost, r.availability, r.condition])).toEqual([
      ['Appario Retail', '13499.00', '0', 'in_stock', 'new'],
      ['Cloudtail India', '13299', '40.00', 'in_stock', 'new'],
      ['Kalyan Mobiles & Co.', '13999', null, 'out_of_stock', 'new'],
    ]);
    // Transit days are business days from Monday 23 November: 5 of them end on Monday 30th.
    expect(got.map((r) => [r.deliveryMinDays, r.deliveryMaxDays])).toEqual([[1, 2], [3, 7], [null, null]]);
    for (const r of got) {
      expect(r).toMatchObject({ title: 'Samsung Galaxy M14 5G (Smoky Teal, 6GB, 128GB Storage)', brand: 'Samsung', gtin: '04006381333931', currency: 'INR', etag: '"v1"' });
      expect(r.extractedBy).toBe('jsonld');
    }
  });

  it('reads an AggregateOffer holding the offers, with its currency, priceSpecification and deliveryLeadTime', () => {
    const aggregate = {
      '@type': 'AggregateOffer',
      priceCurrency: 'EUR',
      lowPrice: '89.00',
      highPrice: '99.00',
      offerCount: 2,
      offers: [
        { '@type': 'Offer', price: '99.00', seller: { '@type': 'Person', name: 'Jan de Vries' }, deliveryLeadTime: { '@type': 'QuantitativeValue', minValue: 2, maxValue: 4, unitCode: 'DAY' } },
        {
          '@type': 'Offer',
          seller: { '@id': '#shop' },
          priceSpecification: [
            { '@type': 'UnitPriceSpecification', price: '89.00', priceCurrency: 'EUR' },
            { '@type': 'UnitPriceSpecification', priceType: 'https://schema.org/StrikethroughPrice', price: '109.00', priceCurrency: 'EUR' },
          ],
        },
      ],
    };
    const html = page({ '@context': 'https://schema.org', '@graph': [product(aggregate), { '@type': 'Organization', '@id': '#shop', name: 'Tweedehands BV' }] });
    const { readings: got } = readings(html);
    expect(got.map((r) => [r.url.split('#')[1], r.seller, r.price, r.listPrice, r.currency])).toEqual([
      ['seller=jan-de-vries', 'Jan de Vries', '99.00', null, 'EUR'],
      ['seller=tweedehands-bv', 'Tweedehands BV', '89.00', '109.00', 'EUR'],
    ]);
    expect(got[0]).toMatchObject({ deliveryMinDays: 2, deliveryMaxDays: 4 });
  });

  it('keeps a seller\'s new and used offers apart, and reads refurbished and damaged goods as second-hand', () => {
    const offers = [
      offer({ seller: 'Appario Retail', price: '13499.00', condition: 'NewCondition' }),
      offer({ seller: 'Appario Retail', price: '9999.00', condition: 'UsedCondition' }),
      offer({ seller: 'ReNew Hub', price: '10499.00', condition: 'RefurbishedCondition' }),
      offer({ seller: 'Scratch & Dent', price: '8999.00', condition: 'DamagedCondition' }),
    ];
    const { readings: got } = readings(page(product(offers)));
    expect(got.map((r) => [r.url.split('#')[1], r.condition, r.price])).toEqual([
      ['seller=appario-retail', 'new', '13499.00'],
      ['seller=appario-retail&condition=used', 'used', '9999.00'],
      ['seller=renew-hub&condition=refurbished', 'refurbished', '10499.00'],
      ['seller=scratch-dent&condition=used', 'used', '8999.00'],
    ]);
  });

  it('drops an absurd or unreadable price for that seller alone, recording it, and keeps the others', () => {
    const offers = [
      offer({ seller: 'Appario Retail', price: '13499.00' }),
      offer({ seller: 'Too Cheap', price: '0' }),
      offer({ seller: 'Too Dear', price: '1000000000000' }),
      offer({ seller: 'Garbled', price: '12abc' }),
      offer({ seller: 'Cloudtail India', price: '13299.00' }),
    ];
    const result = readings(page(product(offers)));
    expect(result.readings.map((r) => r.seller)).toEqual(['Appario Retail', 'Cloudtail India']);
    expect(result.unread.map((u) => [u.url.split('#')[1], u.kind])).toEqual([
      ['seller=too-cheap', 'extract_absurd_price'],
      ['seller=too-dear', 'extract_absurd_price'],
      ['seller=garbled', 'extract_no_price'],
    ]);
    for (const u of result.unread) expect(u.message).toMatch(/could not be read: .+/);
    const list = extractOfferList(page(product(offers)), { url: URL_ });
    expect(list.warnings.join('\n')).toMatch(/refused the offer of seller "Too Dear": absurd price/);
  });

  it('refuses the page when no seller offer can be read', () => {
    const result = read(page(product([offer({ seller: 'A', price: '0' }), offer({ seller: 'B', price: '-5' })])));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'absurd_price' });
  });

  it('caps the offers of a page, and keeps the first offer of a seller listed twice', () => {
    const many = Array.from({ length: 80 }, (_, i) => offer({ seller: `Seller ${i}`, price: `${1000 + i}.00` }));
    many.splice(1, 0, offer({ seller: 'SELLER  0', price: '1.00' }));
    const html = page(product(many));
    const { readings: got } = readings(html);
    expect(got).toHaveLength(MAX_SELLER_OFFERS);
    expect(got[0]).toMatchObject({ seller: 'Seller 0', price: '1000.00' });
    expect(new Set(got.map((r) => r.url)).size).toBe(MAX_SELLER_OFFERS);
    const warnings = extractOfferList(html, { url: URL_ }).warnings.join('\n');
    expect(warnings).toMatch(/lists a second new offer/);
    expect(warnings).toMatch(/more than 50 seller offers/);
  });

  it('caps huge seller names and keeps hostile markup in them as plain text', () => {
    const hostile = `<img src=x onerror=alert(1)>${'X'.repeat(100_000)}`;
    const offers = [offer({ seller: hostile, price: '100.00' }), offer({ seller: '\u202eevil\u202c Shop', price: '101.00' }), offer({ seller: 'Plain', price: '102.00' })];
    const { readings: got } = readings(page(product(offers)));
    expect(got).toHaveLength(3);
    expect(got[0].seller!.length).toBeLessThanOrEqual(200);
    expect(got[0].seller!.startsWith('<img src=x onerror=alert(1)>')).toBe(true);
    expect(got[0].url.length).toBeLessThan(URL_.length + 80);
    expect(got[1].seller).toBe('evil Shop');
  });

  it('skips offers that name no seller, and reads offeredBy as the seller', () => {
    const offers = [
      offer({ seller: 'Appario Retail', price: '100.00' }),
      offer({ price: '90.00' }),
      offer({ price: '95.00', extra: { offeredBy: { '@type': 'Person', name: 'Ravi K' } } }),
    ];
    const { readings: got } = readings(page(product(offers)));
    expect(got.map((r) => r.seller)).toEqual(['Appario Retail', 'Ravi K']);
  });
});

describe('microdata seller offers', () => {
  it('reads each Offer item with its seller Organization, condition and shipping', () => {
    const row = (seller: string, price: string, condition: string, shipping: string) =>
      `<div itemprop="offers" itemscope itemtype="https://schema.org/Offer"><meta itemprop="priceCurrency" content="INR">` +
      `<span itemprop="price" content="${price}">₹${price}</span><link itemprop="itemCondition" href="https://schema.org/${condition}">` +
      `<link itemprop="availability" href="https://schema.org/InStock">` +
      `<div itemprop="seller" itemscope itemtype="https://schema.org/Organization"><span itemprop="name">${seller}</span></div>` +
      `<div itemprop="shippingDetails" itemscope itemtype="https://schema.org/OfferShippingDetails"><div itemprop="shippingRate" itemscope itemtype="https://schema.org/MonetaryAmount"><meta itemprop="value" content="${shipping}"></div></div></div>`;
    const html =
      `<html><body><div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Philips Kettle 1.5 L</h1>` +
      `<span itemprop="brand">Philips</span>` +
      row('Home Needs', '1299.00', 'NewCondition', '0') +
      row('Kitchen Kart', '1249.00', 'NewCondition', '49.00') +
      row('Home Needs', '899.00', 'UsedCondition', '0') +
      `</div></body></html>`;
    const { readings: got } = readings(html);
    expect(got.map((r) => [r.url.split('#')[1], r.seller, r.price, r.shippingCost, r.condition, r.extractedBy])).toEqual([
      ['seller=home-needs', 'Home Needs', '1299.00', '0', 'new', 'microdata'],
      ['seller=kitchen-kart', 'Kitchen Kart', '1249.00', '49.00', 'new', 'microdata'],
      ['seller=home-needs&condition=used', 'Home Needs', '899.00', '0', 'used', 'microdata'],
    ]);
    for (const r of got) expect(r).toMatchObject({ title: 'Philips Kettle 1.5 L', brand: 'Philips', currency: 'INR' });
  });
});

describe('offer selectors (HTML-only marketplaces)', () => {
  const selectors: StoreSelectors = {
    title: 'h1',
    price: '.buy .now',
    offer: 'table.sellers tr.row',
    offerSeller: '.who',
    offerPrice: '.amount',
    offerShipping: '.ship',
    offerDelivery: '.when',
    offerCondition: '.cond',
    offerAvailability: '.stock',
  };
  const html =
    `<html><body><h1>Bosch Drill GSB 500</h1><div class="buy"><span class="now">Rs. 2,499</span><button>Add to cart</button></div>` +
    `<table class="sellers">` +
    `<tr class="row"><td class="who">Sold by: Tools Mart</td><td class="amount">Rs. 2,499</td><td class="ship">FREE delivery</td><td class="when">Delivered in 2-4 days</td><td class="cond">New</td><td class="stock">In stock</td></tr>` +
    `<tr class="row"><td class="who">Hardware Hub</td><td class="amount">Rs. 2,349.00</td><td class="ship">Rs. 60 delivery</td><td class="when">Delivered in 5-7 days</td><td class="cond">New</td><td class="stock">Only 2 left</td></tr>` +
    `<tr class="row"><td class="who">Hardware Hub</td><td class="amount">Rs. 1,599</td><td class="ship">Rs. 60 delivery</td><td class="when">Delivered in 5-7 days</td><td class="cond">Renewed</td><td class="stock">Out of stock</td></tr>` +
    `<tr class="row"><td class="who">Broken Row</td><td class="amount">call us</td></tr>` +
    `</table></body></html>`;

  it('reads each seller row the config points at', () => {
    const result = readings(html, { selectors });
    expect(result.readings.map((r) => [r.url.split('#')[1], r.seller, r.price, r.shippingCost, r.deliveryMinDays, r.deliveryMaxDays, r.condition, r.availability])).toEqual([
      ['seller=tools-mart', 'Tools Mart', '2499', '0', 2, 4, 'new', 'in_stock'],
      ['seller=hardware-hub', 'Hardware Hub', '2349.00', '60', 5, 7, 'new', 'limited'],
      ['seller=hardware-hub&condition=refurbished', 'Hardware Hub', '1599', '60', 5, 7, 'refurbished', 'out_of_stock'],
    ]);
    for (const r of result.readings) expect(r).toMatchObject({ title: 'Bosch Drill GSB 500', currency: 'INR', extractedBy: 'selectors' });
    expect(result.unread.map((u) => u.url.split('#')[1])).toEqual(['seller=broken-row']);
  });

  it('notes an invalid offer selector instead of failing, and reads the page as one listing', () => {
    const result = readings(html, { selectors: { ...selectors, offer: 'tr[[' } });
    expect(result.readings).toHaveLength(1);
    expect(result.readings[0].url).toBe(URL_);
    const list = extractOfferList(html, { url: URL_, selectors: { ...selectors, offer: 'tr[[' } });
    expect(list.warnings.join(' ')).toMatch(/not valid CSS/);
  });

  it('reads the demo marketplace\'s seller table the same as its JSON-LD', () => {
    const profile = demoStoreProfiles.find((p) => p.kind === 'marketplace')!;
    const inventory = buildInventory(profile, buildDemoCatalogue(1), 1);
    const ctx = siteContext(inventory, 2_950_000, 600_000, 'http://127.0.0.1:4406');
    let compared = 0;
    for (const listing of inventory.listings.slice(0, 12)) {
      const pageHtml = megamandiTemplates.product(ctx, listing);
      const url = `${ctx.baseUrl}${listing.path}`;
      const fromJsonLd = readings(pageHtml, { url }).readings;
      const withoutMarkup = pageHtml.replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/g, '');
      const fromHtml = readings(withoutMarkup, { url, selectors: { title: 'h1', ...MEGAMANDI_OFFER_SELECTORS } }).readings;
      const sellers = demoSellers(listing.product, 1);
      expect(fromJsonLd.map((r) => [r.seller, r.condition])).toEqual(sellers.map((s) => [s.name, s.condition]));
      expect(fromHtml.map((r) => [r.url, r.seller, r.condition, Number(r.price), Number(r.shippingCost), r.availability]))
        .toEqual(fromJsonLd.map((r) => [r.url, r.seller, r.condition, Number(r.price), Number(r.shippingCost), r.availability]));
      compared += fromJsonLd.length;
    }
    expect(compared).toBeGreaterThan(24);
  });
});

describe('pages that are no seller list', () => {
  it('keeps a page with one offer exactly as before: one listing under the page URL', () => {
    const html = page(product(offer({ seller: 'RetailNet Traders', price: '13499.00', shipping: '0', days: [1, 2] })));
    const result = readings(html);
    expect(result.readings).toHaveLength(1);
    const single = extractListing(html, { url: URL_, fetchedAt: FETCHED_AT, currencyHint: 'INR', country: 'IN' });
    expect(single.ok).toBe(true);
    expect(result.readings[0]).toMatchObject({ url: URL_, seller: 'RetailNet Traders', price: '13499.00', condition: 'new' });
    if (single.ok) expect(result.readings[0]).toMatchObject({ title: single.listing.title, price: single.listing.price, shippingCost: single.listing.shippingCost });
  });

  it('reads a single used or refurbished item as such, under the page URL', () => {
    const { readings: got } = readings(page(product(offer({ seller: 'ReNew Hub', price: '9999.00', condition: 'RefurbishedCondition' }))));
    expect(got.map((r) => [r.url, r.condition])).toEqual([[URL_, 'refurbished']]);
    const { readings: onProduct } = readings(page(product(offer({ price: '99.00' }), { itemCondition: 'https://schema.org/UsedCondition' })));
    expect(onProduct[0].condition).toBe('used');
  });

  it('keeps one seller\'s listing on a page that had several sellers before', () => {
    const { readings: got } = readings(page(product([offer({ seller: 'Appario Retail', price: '13499.00' })])), { hasSellerListings: true });
    expect(got.map((r) => r.url)).toEqual([`${URL_}#seller=appario-retail`]);
  });

  it('does not split the offers of variants: no sellers, one seller, or offers for different GTINs', () => {
    const variants = [offer({ price: '20.00', extra: { sku: 'S-RED' } }), offer({ price: '25.00', extra: { sku: 'S-BLUE' } })];
    expect(readings(page(product(variants))).readings.map((r) => r.url)).toEqual([URL_]);
    const oneSeller = [offer({ seller: 'Shop', price: '20.00' }), offer({ seller: 'Shop', price: '25.00' })];
    expect(readings(page(product(oneSeller))).readings.map((r) => r.url)).toEqual([URL_]);
    const gtins = [
      offer({ seller: 'A', price: '20.00', extra: { gtin13: '4006381333931' } }),
      offer({ seller: 'B', price: '25.00', extra: { gtin13: '5901234123457' } }),
    ];
    expect(readings(page(product(gtins))).readings.map((r) => r.url)).toEqual([URL_]);
    expect(extractOfferList(page(product(gtins)), { url: URL_ }).warnings.join(' ')).toMatch(/variants/);
  });

  it('gives a category page (no product) no seller listings', () => {
    const list = { '@type': 'ItemList', itemListElement: [1, 2, 3].map((i) => ({ '@type': 'ListItem', position: i, url: `https://mandi.example/p/${i}` })) };
    const result = read(page(list, '<h1>Phones</h1>'));
    expect(result.ok).toBe(false);
  });
});
