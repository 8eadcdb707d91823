// The deals page's and feed's address bar, checked with zod at the door:
// /deals?category=…&store=…&within=…&drop=…&currency=…&page=…
import { z } from 'zod';
import type { ListMarketDealsOptions } from '../../../db/queries/deals/market-deals.ts';
import { DEFAULT_MIN_DROP_PERCENT } from '../../../db/queries/deals/market-deals.ts';

export const DEALS_PER_PAGE = 20;
const MAX_PAGE = 500;

const blank = (value: unknown) => (value === '' ? undefined : value);
const whole = (name: string, min: number, max: number) =>
  z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{1,4}$/, `expected ${name} as a whole number`)
      .transform(Number)
      .refine((n) => n >= min && n <= max, `expected ${name} from ${min} to ${max}`)
      .optional(),
  );

const dealParamsSchema = z.object({
  category: z.preprocess(blank, z.string().trim().min(1).max(200).optional()),
  store: z.preprocess(blank, z.string().trim().min(1).max(100).optional()),
  /** Delivered within this many days. */
  within: whole('days', 0, 60),
  /** Smallest real drop in percent; never below the deal rule's own minimum. */
  drop: whole('a percentage', DEFAULT_MIN_DROP_PERCENT, 95),
  currency: z.preprocess(
    blank,
    z.string().trim().regex(/^[A-Za-z]{3}$/, 'expected a currency code such as EUR').transform((c) => c.toUpperCase()).optional(),
  ),
  page: whole('a page', 1, MAX_PAGE),
});

export type DealParams = z.output<typeof dealParamsSchema>;

export type ParsedDeals =
  | { ok: true; params: DealParams; options: ListMarketDealsOptions }
  | { ok: false; params: DealParams; issues: { path: string; message: string }[] };

const NAMES = ['category', 'store', 'within', 'drop', 'currency', 'page'] as const;

export function parseDealParams(url: URL): ParsedDeals {
  const raw = Object.fromEntries(NAMES.map((name) => [name, url.searchParams.get(name) ?? undefined]));
  const parsed = dealParamsSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: String(issue.path[0] ?? 'query'), message: issue.message }));
    return { ok: false, params: {} as DealParams, issues };
  }
  const params = parsed.data;
  const page = params.page ?? 1;
  return {
    ok: true,
    params,
    options: {
      category: params.category,
      storeId: params.store,
      deliveryWithinDays: params.within,
      minDropPercent: params.drop ?? DEFAULT_MIN_DROP_PERCENT,
      currency: params.currency,
      limit: DEALS_PER_PAGE,
      offset: (page - 1) * DEALS_PER_PAGE,
    },
  };
}

/** The address of these filters (page links, the feed link), under `base`. */
export function dealsHref(params: DealParams, change: Partial<DealParams> = {}, base = '/deals'): string {
  const p = { ...params, ...change };
  const sp = new URLSearchParams();
  for (const name of NAMES) {
    const value = p[name];
    if (value !== undefined && !(name === 'page' && value === 1)) sp.set(name, String(value));
  }
  const qs = sp.toString();
  return qs ? `${base}?${qs}` : base;
}
