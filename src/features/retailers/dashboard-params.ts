// The retailer dashboard's address bar, checked with zod at the door, shared by the page, the CSV
// export and the JSON API: /retailer?store=…&filter=…&category=…&q=…&sort=…&page=…
import { z } from 'zod';
import { DASHBOARD_FILTERS, DASHBOARD_SORTS, type DashboardFilter, type DashboardSort } from '../../../db/queries/retailers/dashboard.ts';

export { DASHBOARD_FILTERS, DASHBOARD_SORTS, type DashboardFilter, type DashboardSort };

export const FILTER_WORDS: Record<DashboardFilter, string> = {
  all: 'All',
  undercut: 'Undercut',
  cheapest: 'Cheapest',
  only_seller: 'Only seller',
  competitor_out_of_stock: 'Competitor out of stock',
  slower_delivery: 'Slower delivery than the fastest',
};

export const SORT_WORDS: Record<DashboardSort, string> = { gap_desc: 'Biggest gap first', gap_asc: 'Smallest gap first', title: 'Title' };

export const ROWS_PER_PAGE = 50;
const MAX_PAGE = 10_000;
const blank = (value: unknown) => (value === '' || value === null ? undefined : value);

const dashboardParamsSchema = z.object({
  store: z.preprocess(blank, z.string().trim().min(1).max(100).optional()),
  filter: z.preprocess(blank, z.enum(DASHBOARD_FILTERS).default('all')),
  category: z.preprocess(blank, z.string().trim().min(1).max(200).optional()),
  q: z.preprocess(blank, z.string().trim().min(1).max(200).optional()),
  sort: z.preprocess(blank, z.enum(DASHBOARD_SORTS).default('gap_desc')),
  page: z.preprocess(
    blank,
    z.string().regex(/^\d{1,5}$/, 'expected a page number').transform(Number).refine((n) => n >= 1 && n <= MAX_PAGE, `expected a page from 1 to ${MAX_PAGE}`).default('1'),
  ),
});

export type DashboardParams = z.output<typeof dashboardParamsSchema>;
export type ParsedDashboardParams =
  | { ok: true; params: DashboardParams }
  | { ok: false; issues: { path: string; message: string }[] };

const NAMES = ['store', 'filter', 'category', 'q', 'sort', 'page'] as const;

export function parseDashboardParams(search: URLSearchParams): ParsedDashboardParams {
  const raw = Object.fromEntries(NAMES.map((name) => [name, search.get(name) ?? undefined]));
  const parsed = dashboardParamsSchema.safeParse(raw);
  if (parsed.success) return { ok: true, params: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((issue) => ({ path: String(issue.path[0] ?? 'query'), message: issue.message })) };
}

/** The address of these parameters under `base` (defaults left out), with some changed. */
export function dashboardHref(params: DashboardParams, change: Partial<DashboardParams> = {}, base = '/retailer'): string {
  const p = { ...params, ...change };
  const sp = new URLSearchParams();
  if (p.store) sp.set('store', p.store);
  if (p.filter !== 'all') sp.set('filter', p.filter);
  if (p.category) sp.set('category', p.category);
  if (p.q) sp.set('q', p.q);
  if (p.sort !== 'gap_desc') sp.set('sort', p.sort);
  if (p.page > 1) sp.set('page', String(p.page));
  const qs = sp.toString();
  return qs ? `${base}?${qs}` : base;
}
