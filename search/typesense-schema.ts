// The Typesense side of the contract, as pure functions: collection schema, search parameters,
// documents from product_search rows, and results back to SearchResult. No network here.
import type { CollectionCreateSchema, SearchParams, SearchResponse } from 'typesense';
import type { BuyablePrices, ProductSearchDocument } from '../db/schema.ts';
import { FACET_LIMIT, hasPriceFilter, pickCurrency, type NormalisedQuery } from './search-query.ts';
import { toSearchHit } from './search-result.ts';
import type { FacetValue, SearchResult } from './types.ts';
import { canonicalDecimal } from '../domain/decimal.ts';

/** Sort key for "no price" and "no delivery estimate": after every real value. */
export const MISSING_SORT_VALUE = 2_147_483_647;
/** Money is indexed as an integer of ten-thousandths (the numeric(18,4) scale): exact filters and sorts. */
export const MONEY_SCALE_DIGITS = 4;

export { pickCurrency };

/** The per-currency sort and filter field: "buyable_total_eur" (a dynamic field of the schema). */
export function buyableTotalField(currency: string): string {
  return `buyable_total_${currency.toLowerCase()}`;
}

export interface TypesenseProductDocument {
  [field: string]: unknown;
  id: string;
  product_id: number;
  title: string;
  brand?: string;
  model?: string;
  category?: string;
  image?: string;
  gtins: string[];
  search_text: string;
  store_ids: string[];
  offer_count: number;
  store_count: number;
  lowest_price?: string;
  lowest_total?: string;
  /** lowest_total × 10^4, absent without a price: filters on price. */
  lowest_total_scaled?: number;
  /** lowest_total_scaled, or MISSING_SORT_VALUE × 10^4: sorts prices with "no price" last. */
  price_sort: number;
  currency?: string;
  /** Currencies of the priced offers: the currency facet. */
  currencies: string[];
  /** Currencies with a buyable offer: sorts "buyable in the shopper's currency" first. */
  buyable_currencies: string[];
  /** BuyablePrices as JSON (not indexed): what a hit shows in the chosen currency. */
  buyable_prices: string;
  /**
   * Sorts what the chosen currency leaves tied: "CUR:total:id" by main currency, then its lowest
   * buyable total, then id; "~:id" (after every code) when nothing is buyable. Never one number
   * across currencies. Mirrors the Postgres engine's CURRENCY_GROUPS order.
   */
  price_group: string;
  /** buyable_total_<cur>: lowest buyable total × 10^4 in each currency of buyable_currencies. */
  in_stock: boolean;
  fastest_delivery_days?: number;
  /** fastest_delivery_days, or MISSING_SORT_VALUE: sorts with "unknown" last. */
  delivery_sort: number;
}

/** The collection's schema; `name` is the physical collection (the alias points at it). */
export function typesenseCollectionSchema(name: string): CollectionCreateSchema {
  return {
    name,
    default_sorting_field: 'store_count',
    // Model numbers and GTINs: keep "wh-1000xm5" searchable as one token as well as its parts.
    token_separators: ['-', '/'],
    fields: [
      { name: 'product_id', type: 'int64', sort: true },
      { name: 'title', type: 'string' },
      { name: 'brand', type: 'string', facet: true, optional: true },
      { name: 'model', type: 'string', optional: true },
      { name: 'category', type: 'string', facet: true, optional: true },
      { name: 'image', type: 'string', optional: true, index: false },
      { name: 'gtins', type: 'string[]' },
      { name: 'search_text', type: 'string' },
      { name: 'store_ids', type: 'string[]', facet: true },
      { name: 'offer_count', type: 'int32' },
      { name: 'store_count', type: 'int32', sort: true },
      { name: 'lowest_price', type: 'string', optional: true, index: false },
      { name: 'lowest_total', type: 'string', optional: true, index: false },
      { name: 'lowest_total_scaled', type: 'int64', optional: true },
      { name: 'price_sort', type: 'int64', sort: true },
      { name: 'currency', type: 'string', optional: true, index: false },
      { name: 'currencies', type: 'string[]', facet: true },
      { name: 'buyable_currencies', type: 'string[]' },
      { name: 'buyable_total_[a-z]{3}', type: 'int64', optional: true, sort: true },
      { name: 'buyable_prices', type: 'string', index: false },
      { name: 'price_group', type: 'string', sort: true },
      { name: 'in_stock', type: 'bool', facet: true },
      { name: 'fastest_delivery_days', type: 'int32', optional: true },
      { name: 'delivery_sort', type: 'int32', sort: true },
    ],
  };
}

/** "199.99" → 1999900 (exact, string arithmetic; no float rounding). */
export function scaleMoney(value: string): number {
  const canonical = canonicalDecimal(value);
  const negative = canonical.startsWith('-');
  const [int, fraction = ''] = canonical.replace('-', '').split('.');
  if (fraction.length > MONEY_SCALE_DIGITS) throw new RangeError(`Money ${value} has more than ${MONEY_SCALE_DIGITS} decimals`);
  const scaled = Number(int + fraction.padEnd(MONEY_SCALE_DIGITS, '0'));
  if (!Number.isSafeInteger(scaled)) throw new RangeError(`Money ${value} is too large to index`);
  return negative ? -scaled : scaled;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Codes we index: three letters (the column is char(3); anything else is not a currency). */
function currencyCodes(values: readonly string[]): string[] {
  return [...new Set(values.map((c) => c.trim().toUpperCase()).filter((c) => /^[A-Z]{3}$/.test(c)))].sort();
}

export function toTypesenseDocument(row: ProductSearchDocument): TypesenseProductDocument {
  const prices: BuyablePrices = {};
  for (const [code, p] of Object.entries(row.buyablePrices ?? {})) {
    if (/^[A-Z]{3}$/.test(code)) prices[code] = { price: canonicalDecimal(p.price), total: canonicalDecimal(p.total) };
  }
  const buyable = Object.keys(prices).sort();
  const main = row.currency?.trim();
  const mainTotal = main ? prices[main]?.total : undefined;
  const id = Number(row.productId);
  const doc: TypesenseProductDocument = {
    id: String(row.productId),
    product_id: Number(row.productId),
    title: row.title,
    gtins: row.gtins ?? [],
    search_text: row.searchText,
    store_ids: row.storeIds ?? [],
    offer_count: row.offerCount,
    store_count: row.storeCount,
    price_sort: MISSING_SORT_VALUE * 10 ** MONEY_SCALE_DIGITS,
    currencies: currencyCodes(row.currencies ?? []),
    buyable_currencies: buyable,
    buyable_prices: JSON.stringify(prices),
    price_group: main && mainTotal !== undefined ? `${main}:${pad(scaleMoney(mainTotal), 19)}:${pad(id, 10)}` : `~:${pad(id, 10)}`,
    in_stock: row.inStock,
    delivery_sort: row.fastestDeliveryDays ?? MISSING_SORT_VALUE,
  };
  for (const code of buyable) doc[buyableTotalField(code)] = scaleMoney(prices[code].total);
  if (row.brand) doc.brand = row.brand;
  if (row.model) doc.model = row.model;
  if (row.category) doc.category = row.category;
  if (row.image) doc.image = row.image;
  if (row.currency) doc.currency = row.currency.trim();
  if (row.lowestPrice !== null) doc.lowest_price = canonicalDecimal(row.lowestPrice);
  if (row.lowestTotal !== null) {
    doc.lowest_total = canonicalDecimal(row.lowestTotal);
    doc.lowest_total_scaled = scaleMoney(row.lowestTotal);
    doc.price_sort = doc.lowest_total_scaled;
  }
  if (row.fastestDeliveryDays !== null) doc.fastest_delivery_days = row.fastestDeliveryDays;
  return doc;
}

/**
 * A string value inside a filter_by clause. Values are wrapped in backticks; Typesense documents no
 * escape for a backtick inside one, so backticks are removed (a value containing one then simply
 * matches nothing that has it, instead of breaking out of the clause).
 */
export function filterValue(value: string): string {
  return `\`${value.replace(/`/g, '')}\``;
}

/** A clause no document satisfies (product ids are positive). */
export const MATCH_NOTHING = 'product_id:<0';

function inList(field: string, values: string[] | undefined): string | undefined {
  if (!values?.length) return undefined;
  const usable = values.filter((v) => v.replace(/`/g, '').length > 0);
  // Only backticks: no stored value can equal it once quoted, and `` is not valid filter syntax.
  if (usable.length === 0) return MATCH_NOTHING;
  return `${field}:=[${usable.map(filterValue).join(', ')}]`;
}

/**
 * filter_by for the query. Price bounds apply to the lowest buyable total in the query's currency;
 * with no currency (nothing priced matched the probe) a price bound matches nothing.
 */
export function buildFilterBy(query: NormalisedQuery): string | undefined {
  const { filters } = query;
  if (hasPriceFilter(query) && query.currency === undefined) return MATCH_NOTHING;
  const total = query.currency ? buyableTotalField(query.currency) : '';
  const clauses = [
    inList('category', filters.category),
    inList('brand', filters.brand),
    inList('store_ids', filters.store),
    filters.priceMin !== undefined ? `${total}:>=${scaleMoney(filters.priceMin)}` : undefined,
    filters.priceMax !== undefined ? `${total}:<=${scaleMoney(filters.priceMax)}` : undefined,
    filters.inStock ? 'in_stock:=true' : undefined,
    filters.deliversByTomorrow ? 'delivery_sort:<=1' : undefined,
  ].filter((clause): clause is string => clause !== undefined);
  return clauses.length ? clauses.join(' && ') : undefined;
}

/** Typesense takes three sort fields: "buyable in the currency", its total there, then price_group. */
function sortBy(query: NormalisedQuery): string {
  const browsing = query.text.words.length === 0;
  const inCurrency = query.currency ? `_eval(buyable_currencies:=${query.currency}):desc` : undefined;
  switch (query.sort) {
    case 'price':
      return inCurrency ? `${inCurrency},${buyableTotalField(query.currency!)}:asc,price_group:asc` : 'price_group:asc,product_id:asc';
    case 'delivery':
      return inCurrency ? `delivery_sort:asc,${inCurrency},price_group:asc` : 'delivery_sort:asc,price_group:asc,product_id:asc';
    default:
      return browsing ? 'store_count:desc,product_id:asc' : '_text_match:desc,store_count:desc,product_id:asc';
  }
}

/** The query as Typesense search parameters. GTIN-like digits are searched in their stored 14-digit form. */
export function buildTypesenseSearchParams(query: NormalisedQuery): SearchParams<TypesenseProductDocument> {
  const { text } = query;
  const words = text.words.map((w) => (text.gtins.includes(w.padStart(14, '0')) ? w.padStart(14, '0') : w));
  const params: SearchParams<TypesenseProductDocument> = {
    q: words.length ? words.join(' ') : '*',
    query_by: 'title,brand,model,gtins,search_text',
    query_by_weights: '6,4,4,8,2',
    num_typos: '2,1,1,0,2',
    prefix: text.lastWordIsPrefix ? 'true,true,true,false,true' : 'false',
    // Every word must match, as in the Postgres engine: never drop words to find more results.
    drop_tokens_threshold: 0,
    facet_by: 'category,brand,store_ids,currencies',
    max_facet_values: FACET_LIMIT,
    sort_by: sortBy(query),
    page: query.page,
    per_page: query.perPage,
    include_fields:
      'product_id,title,brand,category,image,lowest_price,lowest_total,currency,buyable_prices,store_count,fastest_delivery_days,in_stock',
  };
  const filterBy = buildFilterBy(query);
  if (filterBy) params.filter_by = filterBy;
  return params;
}

/** True when the query cannot be sent before its currency is known (see currencyProbeParams). */
export function needsCurrencyProbe(query: NormalisedQuery): boolean {
  return query.currency === undefined && (hasPriceFilter(query) || query.sort === 'price' || query.sort === 'delivery');
}

/**
 * The same matches without the price bounds, facets on currencies only and no hits: the default
 * currency is the commonest among them (as the Postgres engine picks it), before prices apply.
 */
export function currencyProbeParams(query: NormalisedQuery): SearchParams<TypesenseProductDocument> {
  const { priceMin: _min, priceMax: _max, ...filters } = query.filters;
  const base = buildTypesenseSearchParams({ ...query, filters, sort: 'relevance' });
  const { sort_by: _sort, ...rest } = base;
  return { ...rest, facet_by: 'currencies', per_page: 0, page: 1, include_fields: 'product_id' };
}

const FACET_NAMES = { category: 'category', brand: 'brand', store_ids: 'store', currencies: 'currency' } as const;

function sortFacet(values: FacetValue[]): FacetValue[] {
  return values.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

function parseBuyablePrices(value: unknown): BuyablePrices {
  if (typeof value !== 'string') return {};
  try {
    const parsed = JSON.parse(value) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as BuyablePrices) : {};
  } catch {
    return {};
  }
}

/** A hit shown in `currency` when it is buyable in it, else in its own main currency. */
function hitIn(document: Record<string, unknown>, currency: string | null) {
  const hit = toSearchHit(document);
  const inCurrency = currency ? parseBuyablePrices(document.buyable_prices)[currency] : undefined;
  if (!inCurrency) return hit;
  return { ...hit, currency, lowestPrice: canonicalDecimal(inCurrency.price), lowestTotal: canonicalDecimal(inCurrency.total) };
}

/**
 * A Typesense response as the engine-neutral SearchResult. `currency`: the one the query ran in;
 * without it, the commonest of the currency facet (the query had nothing that needed one).
 */
export function fromTypesenseResponse(
  response: SearchResponse<TypesenseProductDocument>,
  query: Pick<NormalisedQuery, 'page' | 'perPage'>,
  currency?: string | null,
): SearchResult {
  const facets: SearchResult['facets'] = { category: [], brand: [], store: [], currency: [] };
  for (const facet of response.facet_counts ?? []) {
    const name = FACET_NAMES[String(facet.field_name) as keyof typeof FACET_NAMES];
    if (!name) continue;
    facets[name] = sortFacet(facet.counts.map((c) => ({ value: c.value, count: c.count })));
  }
  const chosen = currency === undefined ? pickCurrency(facets.currency) : currency;
  return {
    hits: (response.hits ?? []).map((hit) => hitIn(hit.document as Record<string, unknown>, chosen)),
    total: response.found,
    page: query.page,
    perPage: query.perPage,
    currency: chosen,
    facets,
    engine: 'typesense',
  };
}
