// The door of both engines: a SearchQuery from anywhere becomes a checked, bounded NormalisedQuery.
import { z } from 'zod';
import { parseQueryText, toWellFormed, type ParsedQueryText } from './query-text.ts';
import type { SearchFilters, SearchQuery, SearchSort } from './types.ts';
import { canonicalDecimal } from '../domain/decimal.ts';

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;
/** Deepest page served: nobody pages past 1,000 on a phone, and deep OFFSETs are slow. */
export const MAX_PAGE = 1000;
/** Most values per list filter (category, brand, store). */
export const MAX_FILTER_VALUES = 50;
/** Facet values returned per facet. */
export const FACET_LIMIT = 20;

export class SearchQueryError extends TypeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SearchQueryError';
  }
}

const decimal = z
  .string()
  .trim()
  .regex(/^\d{1,14}(\.\d{1,4})?$/, 'expected a non-negative decimal such as "199.99"')
  .transform(canonicalDecimal);

/** An ISO 4217 code: three letters, any case in, upper case out. */
export const currencyCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, 'expected an ISO 4217 currency code such as "EUR"')
  .transform((code) => code.toUpperCase());

const valueList = z
  .array(z.string())
  .max(MAX_FILTER_VALUES)
  .transform((values) => [...new Set(values.map((v) => toWellFormed(v).replace(/\u0000/g, '')).filter(Boolean))]);

const page = (fallback: number, max: number) =>
  z
    .number()
    .optional()
    .transform((n) => (n === undefined || !Number.isFinite(n) ? fallback : Math.min(max, Math.max(1, Math.floor(n)))));

const querySchema = z.object({
  q: z.unknown(),
  filters: z
    .object({
      category: valueList.optional(),
      brand: valueList.optional(),
      store: valueList.optional(),
      priceMin: decimal.optional(),
      priceMax: decimal.optional(),
      inStock: z.boolean().optional(),
      deliversByTomorrow: z.boolean().optional(),
    })
    .optional(),
  sort: z.enum(['relevance', 'price', 'delivery']).optional(),
  currency: currencyCode.optional(),
  page: page(1, MAX_PAGE),
  perPage: page(DEFAULT_PER_PAGE, MAX_PER_PAGE),
});

export interface NormalisedQuery {
  text: ParsedQueryText;
  filters: SearchFilters;
  sort: SearchSort;
  /** As asked for; undefined = the engine picks the default (see SearchQuery.currency). */
  currency?: string;
  page: number;
  perPage: number;
}

/** True when the price filters need a currency to mean anything. */
export function hasPriceFilter(query: NormalisedQuery): boolean {
  return query.filters.priceMin !== undefined || query.filters.priceMax !== undefined;
}

/**
 * The default currency from currency facet counts: the most products, ties alphabetical (facets
 * come sorted by count, then value). Null when no matching product has a priced offer.
 */
export function pickCurrency(counts: readonly { value: string; count: number }[]): string | null {
  let best: { value: string; count: number } | null = null;
  for (const c of counts) if (!best || c.count > best.count || (c.count === best.count && c.value < best.value)) best = c;
  return best?.value ?? null;
}

/** Validates and bounds a query. The free text never fails; malformed filters throw SearchQueryError. */
export function normaliseQuery(query: SearchQuery): NormalisedQuery {
  const parsed = querySchema.safeParse(query ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SearchQueryError(`Invalid search query at ${issue.path.join('.') || '(root)'}: ${issue.message}`, {
      cause: parsed.error,
    });
  }
  const { q, filters = {}, sort = 'relevance', currency, page: p, perPage } = parsed.data;
  return { text: parseQueryText(q), filters, sort, currency, page: p, perPage };
}
