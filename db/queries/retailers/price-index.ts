// The price index of a retailer's catalogue: its own totals against the market's, from
// retailer_positions, now (getPriceIndex) and by day (price_index_days).
//
// Counted: the positions whose own listing is buyable and has at least one buyable competitor.
// vsLowest = 100 × Σ own total / Σ min(own total, cheapest competitor total): 100 means cheapest
// everywhere, 105 means 5 % above the market's lowest overall. vsMedian = 100 × Σ own total / Σ
// market median total (own included). Totals include shipping and are summed as they are: a store
// sells in one currency, and each listing is compared within its own.
//
// With several stores, getPriceIndex sums over all of them: a retailer with two stores sees one
// index. The history is kept per store (one row per store, day and category, '' = the whole
// catalogue); read for several stores, each day is the mean of the stores' figures weighted by their
// listing counts (exact for one store, close for several).
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../../client.ts';

export interface IndexFigures {
  listings: number;
  vsLowest: number | null;
  vsMedian: number | null;
}

export interface PriceIndex {
  overall: IndexFigures;
  /** By category name, '' for the listings without one. */
  categories: (IndexFigures & { category: string })[];
}

export interface PriceIndexPoint extends IndexFigures {
  /** YYYY-MM-DD (UTC). */
  day: string;
}

/** `IN (…)` of the store ids, one parameter each (a retailer has a handful). */
export function storeIdList(storeIds: readonly string[]): SQL {
  return sql`(${sql.join(storeIds.map((id) => sql`${id}`), sql`, `)})`;
}

const COUNTED = sql`own_buyable AND own_total IS NOT NULL AND competitors > 0`;
const FIGURES = sql`count(*)::int AS listings,
  (100 * sum(own_total) / nullif(sum(least(own_total, cheapest_total)), 0))::float8 AS vs_lowest,
  (100 * sum(own_total) / nullif(sum(median_total), 0))::float8 AS vs_median`;

type FigureRow = { listings: number | string; vs_lowest: number | string | null; vs_median: number | string | null };
const orNull = (value: number | string | null) => (value === null ? null : Number(value));
const figures = (row: FigureRow): IndexFigures => ({ listings: Number(row.listings), vsLowest: orNull(row.vs_lowest), vsMedian: orNull(row.vs_median) });

export const todayUtc = (now = new Date()) => now.toISOString().slice(0, 10);

/** The index now, over all these stores, overall and by category (by name). */
export async function getPriceIndex(db: Database, storeIds: readonly string[]): Promise<PriceIndex> {
  const empty: PriceIndex = { overall: { listings: 0, vsLowest: null, vsMedian: null }, categories: [] };
  if (storeIds.length === 0) return empty;
  const rows = await queryRows<FigureRow & { category: string | null; whole: number | string }>(
    db,
    sql`SELECT grouping(category) AS whole, category, ${FIGURES}
          FROM retailer_positions
         WHERE store_id IN ${storeIdList(storeIds)} AND ${COUNTED}
         GROUP BY GROUPING SETS ((), (category))
         ORDER BY category`,
  );
  for (const row of rows) {
    if (Number(row.whole) === 1) empty.overall = figures(row);
    else empty.categories.push({ category: row.category ?? '', ...figures(row) });
  }
  return empty;
}

/**
 * Records `day`'s index of each store (overall and per named category) in one statement, replacing
 * what an earlier refresh that day recorded; cheap enough to follow every refresh.
 */
export async function recordPriceIndex(db: Database, storeIds: readonly string[], day = todayUtc()): Promise<void> {
  if (storeIds.length === 0) return;
  await db.execute(sql`WITH fresh AS (
      SELECT store_id, CASE WHEN grouping(category) = 1 THEN '' ELSE category END AS category, ${FIGURES}
        FROM retailer_positions
       WHERE store_id IN ${storeIdList(storeIds)} AND ${COUNTED}
       GROUP BY GROUPING SETS ((store_id), (store_id, category))
      HAVING grouping(category) = 1 OR coalesce(category, '') <> ''
    ),
    gone AS (
      DELETE FROM price_index_days d
       WHERE d.store_id IN ${storeIdList(storeIds)} AND d.day = ${day}::date
         AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.store_id = d.store_id AND f.category = d.category)
    )
    INSERT INTO price_index_days (store_id, day, category, listings, vs_lowest, vs_median, updated_at)
    SELECT store_id, ${day}::date, category, listings, vs_lowest, vs_median, now() FROM fresh
    ON CONFLICT (store_id, day, category) DO UPDATE
      SET listings = excluded.listings, vs_lowest = excluded.vs_lowest, vs_median = excluded.vs_median, updated_at = excluded.updated_at`);
}

/** The daily index of the last `days` days up to `today` (oldest first), of the whole catalogue or of one `category`. */
export async function getPriceIndexHistory(
  db: Database,
  storeIds: readonly string[],
  days = 90,
  { category = '', today = todayUtc() }: { category?: string; today?: string } = {},
): Promise<PriceIndexPoint[]> {
  if (storeIds.length === 0) return [];
  if (!Number.isInteger(days) || days < 1) throw new TypeError(`Expected a positive whole number of days, got ${String(days)}`);
  const rows = await queryRows<FigureRow & { day: string }>(
    db,
    sql`SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(listings)::int AS listings,
               sum(vs_lowest::float8 * listings) / nullif(sum(listings) FILTER (WHERE vs_lowest IS NOT NULL), 0) AS vs_lowest,
               sum(vs_median::float8 * listings) / nullif(sum(listings) FILTER (WHERE vs_median IS NOT NULL), 0) AS vs_median
          FROM price_index_days
         WHERE store_id IN ${storeIdList(storeIds)} AND category = ${category}
           AND day > ${today}::date - ${days}::int AND day <= ${today}::date
         GROUP BY day
         ORDER BY day`,
  );
  return rows.map((row) => ({ day: row.day, ...figures(row) }));
}
