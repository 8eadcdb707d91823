import { describe, expect, it } from 'vitest';
import type { SearchResponse } from 'typesense';
import type { ProductSearchDocument } from '../../db/schema.ts';
import { normaliseQuery } from '../../search/search-query.ts';
import {
  buildFilterBy,
  buildTypesenseSearchParams,
  currencyProbeParams,
  pickCurrency,
  filterValue,
  fromTypesenseResponse,
  MATCH_NOTHING,
  MISSING_SORT_VALUE,
  scaleMoney,
  toTypesenseDocument,
  typesenseCollectionSchema,
  type TypesenseProductDocument,
} from '../../search/typesense-schema.ts';
import type { SearchQuery } from '../../search/types.ts';

const params = (query: SearchQuery) => buildTypesenseSearchParams(normaliseQuery(query));

const row: ProductSearchDocument = {
  productId: 42,
  title: 'Samsung Galaxy S24',
  titleWords: ' samsung galaxy s24 ',
  accessory: false,
  brand: 'Samsung',
  model: 'SM-S921B',
  category: 'Phones',
  image: null,
  gtins: ['08806095299734'],
  searchText: 'samsung galaxy s24 sm-s921b',
  storeIds: ['alpha', 'beta'],
  offerCount: 3,
  storeCount: 2,
  lowestPrice: '799.0000',
  lowestTotal: '804.9900',
  currency: 'EUR',
  currencies: ['EUR'],
  buyablePrices: { EUR: { price: '799', total: '804.99' } },
  inStock: true,
  fastestDeliveryDays: null,
  updatedAt: new Date(0),
};

/** Sold in EUR and INR; buyable in both. */
const twoCurrencies: ProductSearchDocument = {
  ...row,
  currencies: ['EUR', 'INR'],
  buyablePrices: { EUR: { price: '799', total: '804.99' }, INR: { price: '2699', total: '2699' } },
};

/** Listed in EUR only out of stock; the only buyable offer is in INR. */
const buyableInInr: ProductSearchDocument = {
  ...row,
  productId: 7,
  lowestPrice: '2699',
  lowestTotal: '2699',
  currency: 'INR',
  currencies: ['EUR', 'INR'],
  buyablePrices: { INR: { price: '2699', total: '2699' } },
};

describe('typesense collection schema', () => {
  const schema = typesenseCollectionSchema('products_1');
  const field = (name: string) => schema.fields?.find((f) => f.name === name);

  it('facets on category, brand and stores, sorts on the sort keys', () => {
    expect(schema.name).toBe('products_1');
    expect(schema.default_sorting_field).toBe('store_count');
    for (const name of ['category', 'brand', 'store_ids']) expect(field(name)?.facet).toBe(true);
    for (const name of ['price_sort', 'delivery_sort', 'store_count', 'product_id']) expect(field(name)?.sort).toBe(true);
    expect(field('image')?.index).toBe(false);
    expect(field('gtins')?.type).toBe('string[]');
  });

  it('facets on currencies and sorts on per-currency lowest buyable totals', () => {
    expect(field('currencies')).toMatchObject({ type: 'string[]', facet: true });
    expect(field('buyable_currencies')).toMatchObject({ type: 'string[]' });
    expect(field('buyable_total_[a-z]{3}')).toMatchObject({ type: 'int64', optional: true, sort: true });
    expect(field('price_group')).toMatchObject({ type: 'string', sort: true });
    expect(field('buyable_prices')).toMatchObject({ type: 'string', index: false });
  });

  it('declares every field a document carries, and nothing optional that is required', () => {
    const doc = toTypesenseDocument({ ...row, fastestDeliveryDays: 2 });
    const patterns = (schema.fields ?? []).map((f) => new RegExp(`^(?:${f.name})$`));
    for (const key of Object.keys(toTypesenseDocument(twoCurrencies))) if (key !== 'id') expect(patterns.some((p) => p.test(key)), key).toBe(true);
    for (const key of Object.keys(doc).filter((k) => k !== 'id')) expect(patterns.some((p) => p.test(key)), key).toBe(true);
    for (const f of schema.fields ?? []) if (!f.optional) expect(doc, f.name).toHaveProperty(f.name);
  });
});

describe('toTypesenseDocument', () => {
  it('maps a product_search row with exact money and scaled sort keys', () => {
    expect(toTypesenseDocument(row)).toEqual({
      id: '42',
      product_id: 42,
      title: 'Samsung Galaxy S24',
      brand: 'Samsung',
      model: 'SM-S921B',
      category: 'Phones',
      gtins: ['08806095299734'],
      search_text: 'samsung galaxy s24 sm-s921b',
      store_ids: ['alpha', 'beta'],
      offer_count: 3,
      store_count: 2,
      lowest_price: '799',
      lowest_total: '804.99',
      lowest_total_scaled: 8_049_900,
      price_sort: 8_049_900,
      currency: 'EUR',
      currencies: ['EUR'],
      buyable_currencies: ['EUR'],
      buyable_total_eur: 8_049_900,
      buyable_prices: '{"EUR":{"price":"799","total":"804.99"}}',
      price_group: 'EUR:0000000000008049900:0000000042',
      in_stock: true,
      delivery_sort: MISSING_SORT_VALUE,
    });
  });

  it('carries the lowest buyable total of every currency, and groups unbuyable products last', () => {
    const doc = toTypesenseDocument(buyableInInr);
    expect(doc).toMatchObject({ currency: 'INR', currencies: ['EUR', 'INR'], buyable_currencies: ['INR'], buyable_total_inr: 26_990_000 });
    expect(doc).not.toHaveProperty('buyable_total_eur');
    expect(doc.price_group).toBe('INR:0000000000026990000:0000000007');
    const soldOut = toTypesenseDocument({ ...row, lowestPrice: null, lowestTotal: null, inStock: false, buyablePrices: {} });
    expect(soldOut.buyable_currencies).toEqual([]);
    expect(soldOut.price_group).toBe('~:0000000042');
    expect([soldOut.price_group, doc.price_group, toTypesenseDocument(row).price_group].sort()).toEqual([
      toTypesenseDocument(row).price_group, doc.price_group, soldOut.price_group,
    ]);
  });

  it('puts products without a price or delivery estimate last in sorts', () => {
    const doc = toTypesenseDocument({ ...row, lowestPrice: null, lowestTotal: null, fastestDeliveryDays: 0, brand: null });
    expect(doc.lowest_total_scaled).toBeUndefined();
    expect(doc.price_sort).toBeGreaterThan(scaleMoney('99999999'));
    expect(doc.delivery_sort).toBe(0);
    expect(doc.fastest_delivery_days).toBe(0);
    expect(doc).not.toHaveProperty('brand');
  });

  it('scales money exactly', () => {
    expect(scaleMoney('0.1')).toBe(1000);
    expect(scaleMoney('19.99')).toBe(199_900);
    expect(scaleMoney('1234567.8901')).toBe(12_345_678_901);
    expect(() => scaleMoney('1.23456')).toThrow(/decimals/);
  });
});

describe('buildTypesenseSearchParams', () => {
  it('searches weighted fields with typos and a prefix on the word being typed', () => {
    const p = params({ q: 'Samsng Galx' });
    expect(p.q).toBe('samsng galx');
    expect(p.query_by).toBe('title,brand,model,gtins,search_text');
    expect(String(p.query_by_weights).split(',')).toHaveLength(5);
    expect(p.num_typos).toBe('2,1,1,0,2');
    expect(p.prefix).toBe('true,true,true,false,true');
    expect(p.drop_tokens_threshold).toBe(0);
    expect(p.facet_by).toBe('category,brand,store_ids,currencies');
    expect(p.sort_by).toBe('_text_match:desc,store_count:desc,product_id:asc');
    expect(p.page).toBe(1);
    expect(p.per_page).toBe(20);
    expect(p.filter_by).toBeUndefined();
  });

  it('turns prefix matching off after a trailing space, browses on an empty query', () => {
    expect(params({ q: 'iphone ' }).prefix).toBe('false');
    const browse = params({ q: '   ', page: 3, perPage: 10 });
    expect(browse).toMatchObject({ q: '*', sort_by: 'store_count:desc,product_id:asc', page: 3, per_page: 10 });
  });

  it('searches GTINs in their stored 14-digit form', () => {
    expect(params({ q: '8806095299734' }).q).toBe('08806095299734');
    expect(params({ q: 'galaxy 12345' }).q).toBe('galaxy 12345');
  });

  it('maps sorts: prices within the currency first, then grouped by currency, never as one number', () => {
    expect(params({ q: 'tv', sort: 'price', currency: 'EUR' }).sort_by).toBe(
      '_eval(buyable_currencies:=EUR):desc,buyable_total_eur:asc,price_group:asc',
    );
    expect(params({ q: '', sort: 'price', currency: 'inr' }).sort_by).toBe(
      '_eval(buyable_currencies:=INR):desc,buyable_total_inr:asc,price_group:asc',
    );
    expect(params({ q: 'tv', sort: 'delivery', currency: 'EUR' }).sort_by).toBe(
      'delivery_sort:asc,_eval(buyable_currencies:=EUR):desc,price_group:asc',
    );
    // No currency among the matches: price groups alone still never compare currencies.
    expect(params({ q: 'tv', sort: 'price' }).sort_by).toBe('price_group:asc,product_id:asc');
  });

  it('probes the matches for their commonest currency without the price filters', () => {
    const probe = currencyProbeParams(normaliseQuery({ q: 'tv', filters: { brand: ['LG'], priceMax: '300' }, sort: 'price' }));
    expect(probe).toMatchObject({ q: 'tv', facet_by: 'currencies', per_page: 0, filter_by: 'brand:=[`LG`]' });
    expect(pickCurrency([{ value: 'INR', count: 3 }, { value: 'EUR', count: 7 }, { value: 'USD', count: 7 }])).toBe('EUR');
    expect(pickCurrency([])).toBeNull();
  });

  it('filters prices within the currency', () => {
    expect(buildFilterBy(normaliseQuery({ q: '', currency: 'EUR', filters: { priceMin: '10', priceMax: '99.5' } }))).toBe(
      'buyable_total_eur:>=100000 && buyable_total_eur:<=995000',
    );
    expect(buildFilterBy(normaliseQuery({ q: '', filters: { priceMin: '10' } }))).toBe(MATCH_NOTHING);
  });

  it('rejects a currency that is not an ISO 4217 code', () => {
    for (const currency of ['EURO', '€', 'e1r', 'EUR`']) expect(() => params({ q: '', currency }), currency).toThrow(/currency/);
  });

  it('builds filter_by with backtick-quoted values that cannot break out', () => {
    const filterBy = buildFilterBy(
      normaliseQuery({
        q: '',
        currency: 'EUR',
        filters: {
          category: ['Phones', 'TV & Audio'],
          brand: ['A`] || brand:!=[x'],
          store: ['alpha'],
          priceMin: '10',
          priceMax: '99.5',
          inStock: true,
          deliversByTomorrow: true,
        },
      }),
    );
    expect(filterBy).toBe(
      'category:=[`Phones`, `TV & Audio`] && brand:=[`A] || brand:!=[x`] && store_ids:=[`alpha`]' +
        ' && buyable_total_eur:>=100000 && buyable_total_eur:<=995000 && in_stock:=true && delivery_sort:<=1',
    );
    expect(filterValue('a`b`c')).toBe('`abc`');
    expect(buildFilterBy(normaliseQuery({ q: '', filters: { category: ['`', '``'] } }))).toBe(MATCH_NOTHING);
    expect(buildFilterBy(normaliseQuery({ q: '', filters: { category: ['`', 'TV'] } }))).toBe('category:=[`TV`]');
  });

  it('rejects malformed price filters with the path and reason', () => {
    expect(() => params({ q: '', filters: { priceMin: '12,50' } })).toThrow(/filters\.priceMin/);
  });
});

describe('fromTypesenseResponse', () => {
  it('maps hits, total and facets (sorted by count, then value)', () => {
    const response = {
      found: 2,
      out_of: 10,
      page: 1,
      search_time_ms: 1,
      request_params: { collection_name: 'products', per_page: 20, q: 'x' },
      hits: [{ document: toTypesenseDocument(row), text_match: 1, highlight: {} }],
      facet_counts: [
        { field_name: 'store_ids', counts: [{ value: 'gamma', count: 1, highlighted: '' }, { value: 'alpha', count: 1, highlighted: '' }, { value: 'beta', count: 2, highlighted: '' }], sampled: false, stats: {} },
        { field_name: 'category', counts: [{ value: 'Phones', count: 2, highlighted: '' }], sampled: false, stats: {} },
      ],
    } as unknown as SearchResponse<TypesenseProductDocument>;
    const result = fromTypesenseResponse(response, { page: 1, perPage: 20 }, 'EUR');
    expect(result.engine).toBe('typesense');
    expect(result.total).toBe(2);
    expect(result.hits).toEqual([
      {
        productId: 42,
        title: 'Samsung Galaxy S24',
        brand: 'Samsung',
        category: 'Phones',
        image: null,
        lowestPrice: '799',
        lowestTotal: '804.99',
        currency: 'EUR',
        storeCount: 2,
        fastestDeliveryDays: null,
        inStock: true,
      },
    ]);
    expect(result.facets).toEqual({
      category: [{ value: 'Phones', count: 2 }],
      brand: [],
      store: [
        { value: 'beta', count: 2 },
        { value: 'alpha', count: 1 },
        { value: 'gamma', count: 1 },
      ],
      currency: [],
    });
    expect(result.currency).toBe('EUR');
  });

  it('shows each hit in the chosen currency when it is buyable in it, else in its own', () => {
    const response = {
      found: 2,
      hits: [{ document: toTypesenseDocument(twoCurrencies) }, { document: toTypesenseDocument(buyableInInr) }],
      facet_counts: [{ field_name: 'currencies', counts: [{ value: 'INR', count: 2 }, { value: 'EUR', count: 2 }] }],
    } as unknown as SearchResponse<TypesenseProductDocument>;
    const inr = fromTypesenseResponse(response, { page: 1, perPage: 20 }, 'INR');
    expect(inr.hits.map((h) => [h.currency, h.lowestPrice, h.lowestTotal])).toEqual([['INR', '2699', '2699'], ['INR', '2699', '2699']]);
    const eur = fromTypesenseResponse(response, { page: 1, perPage: 20 }, 'EUR');
    expect(eur.hits.map((h) => [h.currency, h.lowestTotal])).toEqual([['EUR', '804.99'], ['INR', '2699']]);
    expect(eur.facets.currency).toEqual([{ value: 'EUR', count: 2 }, { value: 'INR', count: 2 }]);
    // Without a currency asked for, the commonest of the facet.
    expect(fromTypesenseResponse(response, { page: 1, perPage: 20 }).currency).toBe('EUR');
  });
});
