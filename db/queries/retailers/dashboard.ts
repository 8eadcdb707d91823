// The retailer dashboard's reads over retailer_positions: a filtered, searched, sorted page with the
// count of every filter, the drill-down of one listing, and every row of a filter in keyset-paged
// batches for the CSV export. `storeIds` is the tenant boundary: only those stores' rows are ever
// read, and an empty list reads nothing.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../../client.ts';
import type { RetailerPosition } from '../../retailers-schema.ts';
import { positionColumns, readPosition } from './positions.ts';
import { storeIdList } from './price-index.ts';

export const DASHBOARD_FILTERS = ['all', 'undercut', 'cheapest', 'only_seller', 'competitor_out_of_stock', 'slower_delivery'] as const;
export type DashboardFilter = (typeof DASHBOARD_FILTERS)[number];
export const DASHBOARD_SORTS = ['gap_desc', 'gap_asc', 'title'] as const;
export type DashboardSort = (typeof DASHBOARD_SORTS)[number];

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export interface DashboardRow extends RetailerPosition {
  url: string;
  storeName: string;
  cheapestStoreName: string | null;
}

export interface DashboardQuery {
  storeIds: readonly string[];
  filter?: DashboardFilter;
  /** Exact category name. */
  category?: string;
  /** Title contains, case-insensitive. */
  query?: string;
  sort?: DashboardSort;
}

export interface DashboardPageOptions extends DashboardQuery {
  /** From 1 (default 1). */
  page?: number;
  /** Default 50, at most 200. */
  pageSize?: number;
}

export interface DashboardPage {
  rows: DashboardRow[];
  /** Rows of the filter (with the category and search), over all pages. */
  total: number;
  /** Rows of each filter, with the same category and search. */
  counts: Record<DashboardFilter, number>;
  /** The stores' categories, whatever the filter: what the category choice offers. */
  categories: string[];
}

const FILTERS: Record<DashboardFilter, SQL> = {
  all: sql`true`,
  undercut: sql`r.rank > 1`,
  cheapest: sql`r.rank = 1 AND r.competitors > 0`,
  only_seller: sql`r.competitors = 0`,
  competitor_out_of_stock: sql`r.competitors_out_of_stock > 0`,
  slower_delivery: sql`r.fastest_competitor_days < r.own_delivery_days`,
};

/**
 * Each order as a single key plus the listing id, both in one direction, so a keyset condition is
 * one row comparison. Gaps sort by percent (comparable across prices); rows without a gap come last.
 */
const SORTS: Record<DashboardSort, { key: SQL; type: string; descending: boolean }> = {
  gap_desc: { key: sql`coalesce(r.gap_percent, '-Infinity'::real)`, type: 'real', descending: true },
  gap_asc: { key: sql`coalesce(r.gap_percent, 'Infinity'::real)`, type: 'real', descending: false },
  title: { key: sql`lower(r.title)`, type: 'text', descending: false },
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/** Rows of the stores, category and search (not the filter), as a condition on retailer_positions `r`. */
function scopeOf(options: DashboardQuery): SQL {
  const parts = [sql`r.store_id IN ${storeIdList(options.storeIds)}`];
  if (options.category !== undefined) parts.push(sql`r.category = ${options.category}`);
  if (options.query) parts.push(sql`r.title ILIKE ${`%${escapeLike(options.query)}%`}`);
  return sql.join(parts, sql` AND `);
}

function filterOf(filter: DashboardFilter | undefined): SQL {
  const condition = FILTERS[filter ?? 'all'];
  if (!condition) throw new TypeError(`Expected a filter of ${DASHBOARD_FILTERS.join(', ')}, got ${String(filter)}`);
  return condition;
}

function sortOf(sort: DashboardSort | undefined) {
  const order = SORTS[sort ?? 'gap_desc'];
  if (!order) throw new TypeError(`Expected a sort of ${DASHBOARD_SORTS.join(', ')}, got ${String(sort)}`);
  return order;
}

/** Where the previous batch ended: its last row's sort key (as text) and listing id. */
type Cursor = { key: string; listingId: number };

/**
 * The rows of `where`, in the sort's order, after `cursor` or from `offset`, at most `limit`. The
 * page is chosen from retailer_positions alone; only its rows are joined to listings and stores.
 */
async function selectRows(
  db: Database,
  where: SQL,
  sort: DashboardSort | undefined,
  { limit, offset = 0, cursor }: { limit: number; offset?: number; cursor?: Cursor },
): Promise<(DashboardRow & { sortKey: string })[]> {
  const order = sortOf(sort);
  const direction = sql.raw(order.descending ? 'DESC' : 'ASC');
  const after = cursor
    ? sql`AND (${order.key}, r.listing_id) ${sql.raw(order.descending ? '<' : '>')} (${cursor.key}::${sql.raw(order.type)}, ${cursor.listingId}::bigint)`
    : sql``;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT ${positionColumns('p')}, p.sort_key::text AS sort_key, l.url, s.name AS store_name, cs.name AS cheapest_store_name
          FROM (SELECT r.*, ${order.key} AS sort_key FROM retailer_positions r
                 WHERE ${where} ${after}
                 ORDER BY ${order.key} ${direction}, r.listing_id ${direction}
                 LIMIT ${limit} OFFSET ${offset}) p
          JOIN listings l ON l.id = p.listing_id
          JOIN stores s ON s.id = p.store_id
          LEFT JOIN stores cs ON cs.id = p.cheapest_store_id
         ORDER BY p.sort_key ${direction}, p.listing_id ${direction}`,
  );
  return rows.map((row) => ({
    ...readPosition(row),
    url: String(row.url),
    storeName: String(row.store_name),
    cheapestStoreName: row.cheapest_store_name === null ? null : String(row.cheapest_store_name),
    sortKey: String(row.sort_key),
  }));
}

const withoutKey = ({ sortKey: _, ...row }: DashboardRow & { sortKey: string }): DashboardRow => row;

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new TypeError(`Expected ${name} to be a whole number from 1, got ${String(value)}`);
  return value;
}

async function countFilters(db: Database, options: DashboardQuery): Promise<Record<DashboardFilter, number>> {
  const [row] = await queryRows<Record<DashboardFilter, number | string>>(
    db,
    sql`SELECT ${sql.join(DASHBOARD_FILTERS.map((f) => sql`count(*) FILTER (WHERE ${FILTERS[f]}) AS ${sql.identifier(f)}`), sql`, `)}
          FROM retailer_positions r WHERE ${scopeOf(options)}`,
  );
  return Object.fromEntries(DASHBOARD_FILTERS.map((f) => [f, Number(row[f])])) as Record<DashboardFilter, number>;
}

async function listCategories(db: Database, storeIds: readonly string[]): Promise<string[]> {
  const rows = await queryRows<{ category: string }>(
    db,
    sql`SELECT DISTINCT r.category FROM retailer_positions r WHERE r.store_id IN ${storeIdList(storeIds)} AND r.category IS NOT NULL ORDER BY r.category`,
  );
  return rows.map((row) => row.category);
}

const NO_COUNTS = Object.fromEntries(DASHBOARD_FILTERS.map((f) => [f, 0])) as Record<DashboardFilter, number>;

/** One page of the dashboard, with the count of every filter and the category choice. */
export async function getDashboardPage(db: Database, options: DashboardPageOptions): Promise<DashboardPage> {
  const page = positiveInteger('page', options.page ?? 1);
  const pageSize = Math.min(positiveInteger('pageSize', options.pageSize ?? DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
  const filter = options.filter ?? 'all';
  if (options.storeIds.length === 0) return { rows: [], total: 0, counts: { ...NO_COUNTS }, categories: [] };
  const [rows, counts, categories] = await Promise.all([
    selectRows(db, sql`${scopeOf(options)} AND ${filterOf(filter)}`, options.sort, { limit: pageSize, offset: (page - 1) * pageSize }),
    countFilters(db, options),
    listCategories(db, options.storeIds),
  ]);
  return { rows: rows.map(withoutKey), total: counts[filter], counts, categories };
}

/** One listing's row for the drill-down; undefined when it is not one of these stores' positions. */
export async function getPosition(db: Database, storeIds: readonly string[], listingId: number): Promise<DashboardRow | undefined> {
  if (storeIds.length === 0 || !Number.isSafeInteger(listingId) || listingId < 1) return undefined;
  const [row] = await selectRows(db, sql`r.store_id IN ${storeIdList(storeIds)} AND r.listing_id = ${listingId}`, undefined, { limit: 1 });
  return row && withoutKey(row);
}

/**
 * Every row of the filter, in the page's order, in batches of `batchSize`: each batch starts where
 * the last ended (keyset, no OFFSET), so memory and time per batch stay flat however many rows.
 */
export async function* iterateDashboardRows(db: Database, options: DashboardQuery, batchSize = 1000): AsyncGenerator<DashboardRow[]> {
  positiveInteger('batchSize', batchSize);
  if (options.storeIds.length === 0) return;
  const where = sql`${scopeOf(options)} AND ${filterOf(options.filter)}`;
  let cursor: Cursor | undefined;
  for (;;) {
    const rows = await selectRows(db, where, options.sort, { limit: batchSize, cursor });
    if (rows.length > 0) yield rows.map(withoutKey);
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1];
    cursor = { key: last.sortKey, listingId: last.listingId };
  }
}
