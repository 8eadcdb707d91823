// Result shapes shared by both engines: hits with exact decimal strings, and the empty answer.
import type { NormalisedQuery } from './search-query.ts';
import type { SearchHit, SearchResult } from './types.ts';
import { canonicalDecimal } from '../domain/decimal.ts';

function money(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  return canonicalDecimal(String(value));
}

function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function intOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** A hit from a row in either naming (camelCase JSON from Postgres, snake_case Typesense documents). */
export function toSearchHit(row: Record<string, unknown>): SearchHit {
  const pick = (camel: string, snake: string) => (camel in row ? row[camel] : row[snake]);
  return {
    productId: Number(pick('productId', 'product_id')),
    title: String(row.title ?? ''),
    brand: textOrNull(row.brand),
    category: textOrNull(row.category),
    image: textOrNull(row.image),
    lowestPrice: money(pick('lowestPrice', 'lowest_price')),
    lowestTotal: money(pick('lowestTotal', 'lowest_total')),
    currency: textOrNull(row.currency)?.trim() ?? null,
    storeCount: Number(pick('storeCount', 'store_count') ?? 0),
    fastestDeliveryDays: intOrNull(pick('fastestDeliveryDays', 'fastest_delivery_days')),
    inStock: Boolean(pick('inStock', 'in_stock')),
  };
}

export function emptyResult(query: Pick<NormalisedQuery, 'page' | 'perPage' | 'currency'>, engine: string): SearchResult {
  return {
    hits: [],
    total: 0,
    page: query.page,
    perPage: query.perPage,
    currency: query.currency ?? null,
    facets: { category: [], brand: [], store: [], currency: [] },
    engine,
  };
}
