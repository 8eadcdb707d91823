// The door of both engines: a SearchQuery from anywhere becomes a checked, bounded NormalisedQuery.
import { z } from 'zod';
import { canonicalDecimal } from '../db/decimal.ts';
import { parseQueryText, toWellFormed, type ParsedQueryText } from './query-text.ts';
import type { SearchFilters, SearchQuery, SearchSort } from './types.ts';

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
  page: page(1, MAX_PAGE),
  perPage: page(DEFAULT_PER_PAGE, MAX_PER_PAGE),
});

export interface NormalisedQuery {
  text: ParsedQueryText;
  filters: SearchFilters;
  sort: SearchSort;
  page: number;
  perPage: number;
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
  const { q, filters = {}, sort = 'relevance', page: p, perPage } = parsed.data;
  return { text: parseQueryText(q), filters, sort, page: p, perPage };
}
