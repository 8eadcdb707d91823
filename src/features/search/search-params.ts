// The search page's and the search API's address bar, checked with zod at the door:
// /search?q=…&category=…&brand=…&store=…&min=…&max=…&currency=…&stock=1&tomorrow=1&sort=…&page=…
import { z } from 'zod';
import type { SearchQuery, SearchSort } from '../../../search/types.ts';

export const SORTS: { value: SearchSort; label: string }[] = [
  { value: 'relevance', label: 'Best match' },
  { value: 'price', label: 'Lowest price' },
  { value: 'delivery', label: 'Fastest delivery' },
];

export const PER_PAGE = 20;
const MAX_PAGE = 1000;

const flag = z
  .enum(['1', 'on', 'true', '0', 'false', ''])
  .optional()
  .transform((value) => value === '1' || value === 'on' || value === 'true');
const amount = z
  .string()
  .trim()
  .max(20)
  .regex(/^(\d{1,14}([.,]\d{1,4})?)?$/, 'expected an amount such as 199.99')
  .transform((value) => (value === '' ? undefined : value.replace(',', '.')))
  .optional();
const values = z.array(z.string().trim().min(1).max(200)).max(50, 'at most 50 values');

const searchParamsSchema = z.object({
  q: z.string().max(2000, 'the search text is longer than 2,000 characters').default(''),
  category: values,
  brand: values,
  store: values,
  min: amount,
  max: amount,
  /** The shopper's currency for the price sort and bounds; empty = the commonest among the results. */
  currency: z
    .string()
    .trim()
    .regex(/^([A-Za-z]{3})?$/, 'expected a currency code such as EUR')
    .transform((value) => (value === '' ? undefined : value.toUpperCase()))
    .optional(),
  stock: flag,
  tomorrow: flag,
  sort: z.enum(['relevance', 'price', 'delivery']).default('relevance'),
  page: z
    .string()
    .regex(/^\d{1,6}$/, 'expected a page number such as 2')
    .transform(Number)
    .refine((page) => page >= 1 && page <= MAX_PAGE, `expected a page between 1 and ${MAX_PAGE}`)
    .optional()
    .transform((page) => page ?? 1),
});

export type SearchParams = z.output<typeof searchParamsSchema>;

export type ParsedSearch =
  | { ok: true; params: SearchParams; query: SearchQuery }
  | { ok: false; params: SearchParams; issues: { path: string; message: string }[] };

const EMPTY: SearchParams = {
  q: '', category: [], brand: [], store: [], min: undefined, max: undefined, currency: undefined,
  stock: false, tomorrow: false, sort: 'relevance', page: 1,
};

/** Reads the search address; an invalid one comes back with issues naming each bad parameter. */
export function parseSearchParams(url: URL): ParsedSearch {
  const sp = url.searchParams;
  const one = (name: string) => sp.get(name) ?? undefined;
  const raw = {
    q: one('q'),
    category: sp.getAll('category').filter(Boolean),
    brand: sp.getAll('brand').filter(Boolean),
    store: sp.getAll('store').filter(Boolean),
    min: one('min'),
    max: one('max'),
    currency: one('currency'),
    stock: one('stock'),
    tomorrow: one('tomorrow'),
    sort: one('sort') || undefined,
    page: one('page') || undefined,
  };
  const parsed = searchParamsSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: String(issue.path[0] ?? 'query'),
      message: issue.message,
    }));
    return { ok: false, params: { ...EMPTY, q: typeof raw.q === 'string' ? raw.q.slice(0, 2000) : '' }, issues };
  }
  const params = parsed.data;
  const query: SearchQuery = {
    q: params.q,
    sort: params.sort,
    page: params.page,
    perPage: PER_PAGE,
    currency: params.currency,
    filters: {
      category: params.category.length ? params.category : undefined,
      brand: params.brand.length ? params.brand : undefined,
      store: params.store.length ? params.store : undefined,
      priceMin: params.min,
      priceMax: params.max,
      inStock: params.stock || undefined,
      deliversByTomorrow: params.tomorrow || undefined,
    },
  };
  return { ok: true, params, query };
}

/** The search address for these parameters with some changed (page links, sort links). */
export function searchHref(params: SearchParams, change: Partial<SearchParams> = {}, base = '/search'): string {
  const p = { ...params, ...change };
  const sp = new URLSearchParams();
  if (p.q) sp.set('q', p.q);
  for (const name of ['category', 'brand', 'store'] as const) for (const value of p[name]) sp.append(name, value);
  if (p.min) sp.set('min', p.min);
  if (p.max) sp.set('max', p.max);
  if (p.currency) sp.set('currency', p.currency);
  if (p.stock) sp.set('stock', '1');
  if (p.tomorrow) sp.set('tomorrow', '1');
  if (p.sort !== 'relevance') sp.set('sort', p.sort);
  if (p.page > 1) sp.set('page', String(p.page));
  const qs = sp.toString();
  return qs ? `${base}?${qs}` : base;
}
