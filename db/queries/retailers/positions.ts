// Each claimed listing's competitive position (retailer_positions), recomputed in set-based SQL for
// the products a crawl batch or a confirmation touched, or for a whole store when its claim is
// proven. What goes in a row:
//
// - Which listings: the active new listings of stores with a verified or granted claim (used and
//   refurbished offers are never compared with new ones). A listing no longer active or new, or
//   whose store lost its last claim, loses its row. One without a product gets a
//   row with no competitors (only seller).
// - Own values, from the listing itself: price, shipping, total = price + shipping (unknown shipping
//   counts as 0; no price, no total), buyable = priced and availability in BUYABLE_AVAILABILITY,
//   delivery days = delivery_max_days, category = the listing's, else its product's; currency = the
//   listing's, else its store's.
// - Competitors: other stores' active new listings of the same product in the same currency whose
//   latest price observation is confirmed, so a misread crawl never shows a retailer undercut.
//   `competitors` counts the buyable ones, `competitors_out_of_stock` those 'out_of_stock'; buyable
//   offers still waiting for a second reading count only in `competitors_pending`, so the retailer
//   knows they exist without being ranked against them.
// - cheapest: the lowest buyable competitor total (ties: faster delivery, unknown last, then the
//   lower listing id). median_total: the median of the market's buyable totals, own included when
//   buyable (the mean of the two middle ones for an even count, exact). rank: 1 + competitors
//   strictly cheaper, null unless own is buyable. gap = own total − cheapest (positive: undercut),
//   gap_percent = 100 × gap / cheapest. fastest_competitor_days: the least delivery_max_days of
//   buyable competitors; competitors_faster / _slower: buyable competitors promising fewer / more
//   days than own, when both are known.
//
// Money stays numeric in SQL and decimal strings in TypeScript. A refresh is idempotent (an
// unchanged row is not rewritten) and safe to run from two workers at once (upserts on listing_id,
// written in listing order).
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../../client.ts';
import type { RetailerPosition } from '../../retailers-schema.ts';
import { BUYABLE_AVAILABILITY } from '../../../domain/availability.ts';
import { idArray } from '../id-array.ts';

/** A position whose competitive content changed; `before` is null for a listing new to the table. */
export type PositionChange = { before: RetailerPosition | null; after: RetailerPosition };

type ColumnKind = 'id' | 'text' | 'char' | 'money' | 'int' | 'bool' | 'real' | 'time';

/** Every column of retailer_positions (in table order) and how it is read back. */
const COLUMNS: [column: string, key: keyof RetailerPosition, kind: ColumnKind][] = [
  ['listing_id', 'listingId', 'id'],
  ['store_id', 'storeId', 'text'],
  ['product_id', 'productId', 'id'],
  ['title', 'title', 'text'],
  ['category', 'category', 'text'],
  ['currency', 'currency', 'char'],
  ['own_price', 'ownPrice', 'money'],
  ['own_shipping', 'ownShipping', 'money'],
  ['own_total', 'ownTotal', 'money'],
  ['own_buyable', 'ownBuyable', 'bool'],
  ['own_delivery_days', 'ownDeliveryDays', 'int'],
  ['competitors', 'competitors', 'int'],
  ['competitors_out_of_stock', 'competitorsOutOfStock', 'int'],
  ['competitors_pending', 'competitorsPending', 'int'],
  ['cheapest_listing_id', 'cheapestListingId', 'id'],
  ['cheapest_store_id', 'cheapestStoreId', 'text'],
  ['cheapest_total', 'cheapestTotal', 'money'],
  ['median_total', 'medianTotal', 'money'],
  ['rank', 'rank', 'int'],
  ['gap', 'gap', 'money'],
  ['gap_percent', 'gapPercent', 'real'],
  ['fastest_competitor_days', 'fastestCompetitorDays', 'int'],
  ['competitors_faster', 'competitorsFaster', 'int'],
  ['competitors_slower', 'competitorsSlower', 'int'],
  ['updated_at', 'updatedAt', 'time'],
];

/** Columns whose change is news to the retailer; title, category and store are bookkeeping. */
const COMPETITIVE = [
  'product_id', 'currency', 'own_price', 'own_shipping', 'own_total', 'own_buyable', 'own_delivery_days', 'competitors',
  'competitors_out_of_stock', 'cheapest_listing_id', 'cheapest_store_id', 'cheapest_total', 'median_total', 'rank', 'gap',
  'gap_percent', 'fastest_competitor_days', 'competitors_faster', 'competitors_slower',
];
const WRITTEN = COLUMNS.map(([column]) => column).filter((column) => column !== 'updated_at');

/**
 * The position columns of table alias `from`, named `<prefix><column>`, in a form both drivers read
 * alike (money and ids as text, the time as ISO 8601); read them back with `readPosition`.
 */
export function positionColumns(from: string, prefix = ''): SQL {
  return sql.raw(
    COLUMNS.map(([column, , kind]) => {
      const value = `${from}.${column}`;
      const read = kind === 'money' || kind === 'id' ? `${value}::text` : kind === 'time' ? `to_json(${value}) #>> '{}'` : value;
      return `${read} AS ${prefix}${column}`;
    }).join(', '),
  );
}

/** A position from the columns `positionColumns(…, prefix)` selected. */
export function readPosition(row: Record<string, unknown>, prefix = ''): RetailerPosition {
  const position: Record<string, unknown> = {};
  for (const [column, key, kind] of COLUMNS) {
    const value = row[prefix + column];
    if (value === null || value === undefined) {
      position[key] = kind === 'bool' ? false : null;
      continue;
    }
    position[key] =
      kind === 'id' || kind === 'int' || kind === 'real' ? Number(value)
      : kind === 'bool' ? value === true || value === 't'
      : kind === 'time' ? new Date(String(value))
      : kind === 'char' ? String(value).trimEnd()
      : String(value);
  }
  return position as RetailerPosition;
}

const BUYABLE = sql.raw(BUYABLE_AVAILABILITY.map((a) => `'${a}'`).join(', '));
const CLAIMED = sql`SELECT store_id FROM store_claims WHERE status IN ('verified', 'granted')`;

/**
 * The fresh positions of the claimed active listings `scope` selects (a condition on listings `l`),
 * as the CTEs `target` (own values), `field` (each target's competitors plus itself) and `fresh`.
 */
function freshPositions(scope: SQL): SQL {
  return sql`target AS (
      SELECT l.id, l.store_id, l.product_id, l.title, coalesce(l.category, p.category) AS category,
             coalesce(l.currency, s.currency) AS currency, l.price, l.shipping_cost,
             l.price + coalesce(l.shipping_cost, 0) AS total,
             l.price IS NOT NULL AND l.availability IN (${BUYABLE}) AS buyable,
             l.delivery_max_days AS days
        FROM listings l
        JOIN stores s ON s.id = l.store_id
        LEFT JOIN products p ON p.id = l.product_id
       WHERE (${scope}) AND l.status = 'active' AND l.condition = 'new' AND l.store_id IN (${CLAIMED})
    ),
    field AS (
      SELECT c.target_id, false AS own, c.id, c.store_id, c.total, c.buyable AND c.confirmed AS buyable,
             c.out_of_stock AND c.confirmed AS out_of_stock, c.buyable AND NOT c.confirmed AS pending,
             c.days, c.own_total, c.own_days
        FROM (
          SELECT t.id AS target_id, m.id, m.store_id, m.price + coalesce(m.shipping_cost, 0) AS total,
                 m.price IS NOT NULL AND m.availability IN (${BUYABLE}) AS buyable,
                 m.availability = 'out_of_stock' AS out_of_stock, m.delivery_max_days AS days, t.total AS own_total, t.days AS own_days,
                 coalesce((SELECT o.confirmed FROM price_observations o WHERE o.listing_id = m.id ORDER BY o.observed_at DESC, o.id DESC LIMIT 1), false) AS confirmed
            FROM target t
            JOIN listings m ON m.product_id = t.product_id AND m.store_id <> t.store_id AND m.status = 'active' AND m.condition = 'new'
            JOIN stores ms ON ms.id = m.store_id
           WHERE coalesce(m.currency, ms.currency) = t.currency
        ) c
      UNION ALL
      SELECT t.id, true, t.id, t.store_id, t.total, t.buyable, false, false, t.days, t.total, t.days FROM target t
    ),
    market AS (
      SELECT target_id,
             count(*) FILTER (WHERE NOT own AND buyable) AS competitors,
             count(*) FILTER (WHERE NOT own AND out_of_stock) AS out_of_stock,
             count(*) FILTER (WHERE pending) AS pending,
             count(*) FILTER (WHERE NOT own AND buyable AND total < own_total) AS cheaper,
             count(*) FILTER (WHERE NOT own AND buyable AND days < own_days) AS faster,
             count(*) FILTER (WHERE NOT own AND buyable AND days > own_days) AS slower,
             min(days) FILTER (WHERE NOT own AND buyable) AS fastest_days,
             (array_agg(id ORDER BY total, days NULLS LAST, id) FILTER (WHERE NOT own AND buyable))[1] AS cheapest_id,
             (array_agg(store_id ORDER BY total, days NULLS LAST, id) FILTER (WHERE NOT own AND buyable))[1] AS cheapest_store_id,
             min(total) FILTER (WHERE NOT own AND buyable) AS cheapest_total,
             (percentile_disc(0.5) WITHIN GROUP (ORDER BY total) FILTER (WHERE buyable)
               + percentile_disc(0.5) WITHIN GROUP (ORDER BY total DESC) FILTER (WHERE buyable)) / 2 AS median_total
        FROM field
       GROUP BY target_id
    ),
    fresh AS (
      SELECT t.id AS listing_id, t.store_id, t.product_id, t.title, t.category, t.currency::char(3) AS currency,
             t.price AS own_price, t.shipping_cost AS own_shipping, t.total AS own_total, t.buyable AS own_buyable,
             t.days AS own_delivery_days, m.competitors::int AS competitors, m.out_of_stock::int AS competitors_out_of_stock,
             m.pending::int AS competitors_pending,
             m.cheapest_id AS cheapest_listing_id, m.cheapest_store_id, m.cheapest_total,
             round(m.median_total, 4)::numeric(18, 4) AS median_total,
             CASE WHEN t.buyable THEN 1 + m.cheaper::int END AS rank,
             t.total - m.cheapest_total AS gap,
             (100 * (t.total - m.cheapest_total) / nullif(m.cheapest_total, 0))::real AS gap_percent,
             m.fastest_days AS fastest_competitor_days, m.faster::int AS competitors_faster, m.slower::int AS competitors_slower
        FROM target t
        JOIN market m ON m.target_id = t.id
    )`;
}

const list = (columns: string[], from = '') => sql.raw(columns.map((column) => `${from}${column}`).join(', '));

/**
 * Writes the fresh positions of `scope`: inserts new ones, updates those that differ in anything,
 * leaves equal ones alone. With `changes`, returns the rows whose competitive content changed, each
 * with the row as it was before (read in the same statement); else the number of fresh positions.
 */
async function writePositions(db: Database, scope: SQL, changes: boolean): Promise<PositionChange[] | number> {
  return db.transaction(async (tx) => {
    // The planner overestimates the per-listing reading lookups, so Postgres would JIT-compile the
    // plan: 0.1 s for a crawl batch, 1 s for a store, more than it saves. A whole store's market
    // (10+ rows per listing) is sorted and grouped in memory rather than on disk.
    await tx.execute(sql`SET LOCAL jit = off`);
    if (!changes) await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
    return upsertFresh(tx as unknown as Database, scope, changes);
  });
}

async function upsertFresh(db: Database, scope: SQL, changes: boolean): Promise<PositionChange[] | number> {
  const upsert = sql`INSERT INTO retailer_positions (${list(WRITTEN)}, updated_at)
      SELECT ${list(WRITTEN)}, now() FROM fresh ORDER BY listing_id
      ON CONFLICT (listing_id) DO UPDATE SET ${sql.raw(WRITTEN.map((c) => `${c} = excluded.${c}`).join(', '))}, updated_at = excluded.updated_at
      WHERE (${list(WRITTEN, 'retailer_positions.')}) IS DISTINCT FROM (${list(WRITTEN, 'excluded.')})`;
  if (!changes) {
    const [row] = await queryRows<{ positions: number | string }>(
      db,
      sql`WITH ${freshPositions(scope)}, written AS (${upsert} RETURNING listing_id) SELECT count(*) AS positions FROM fresh`,
    );
    return Number(row.positions);
  }
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`WITH ${freshPositions(scope)},
        before AS (SELECT r.* FROM retailer_positions r WHERE r.listing_id IN (SELECT listing_id FROM fresh)),
        written AS (${upsert} RETURNING *)
        SELECT ${positionColumns('a', 'a_')}, b.listing_id IS NOT NULL AS had_before, ${positionColumns('b', 'b_')}
          FROM written a
          LEFT JOIN before b ON b.listing_id = a.listing_id
         WHERE b.listing_id IS NULL OR (${list(COMPETITIVE, 'a.')}) IS DISTINCT FROM (${list(COMPETITIVE, 'b.')})
         ORDER BY a.listing_id`,
  );
  return rows.map((row) => ({ before: row.had_before ? readPosition(row, 'b_') : null, after: readPosition(row, 'a_') }));
}

/** Deletes the positions `scope` selects (a condition on retailer_positions `r`) whose listing no longer qualifies. */
async function deleteStale(db: Database, scope: SQL): Promise<void> {
  // A scalar subquery, not NOT EXISTS: the planner would turn that into an anti-join over every
  // position before applying the scope; this looks up the scope's listings only.
  await db.execute(sql`DELETE FROM retailer_positions r
    WHERE (${scope})
      AND NOT coalesce((SELECT l.status = 'active' AND l.condition = 'new' AND l.store_id IN (${CLAIMED}) FROM listings l WHERE l.id = r.listing_id), false)`);
}

/**
 * Recomputes the positions of the claimed listings of these products, and of the claimed listings
 * whose position was recorded under one of them (a listing moved to another product or to none).
 * Returns the positions whose competitive content changed, with their previous state.
 */
export async function refreshPositions(db: Database, productIds: readonly number[]): Promise<PositionChange[]> {
  if (productIds.length === 0) return [];
  const ids = idArray([...new Set(productIds)]);
  // One id list (a UNION, not an OR, so both sides use their product index).
  const touched = sql`SELECT id FROM listings WHERE product_id = ANY(${ids}) UNION SELECT listing_id FROM retailer_positions WHERE product_id = ANY(${ids})`;
  // Stale rows go first, in their own statement: the upsert then never waits on a deletion.
  await deleteStale(db, sql`r.listing_id IN (${touched})`);
  return (await writePositions(db, sql`l.id IN (${touched})`, true)) as PositionChange[];
}

/**
 * Recomputes every position of a store (a claim was just verified or granted), in one statement
 * however large the catalogue. Returns the number of positions the store has now: 0 when it has
 * no active claim, whose positions are then removed.
 */
export async function refreshStorePositions(db: Database, storeId: string): Promise<number> {
  await deleteStale(db, sql`r.store_id = ${storeId}`);
  return (await writePositions(db, sql`l.store_id = ${storeId}`, false)) as number;
}

/**
 * Removes a store's positions once no active claim on it remains; while another account's claim
 * still stands they stay. Returns the number removed.
 */
export async function dropStorePositions(db: Database, storeId: string): Promise<number> {
  const rows = await queryRows<{ listing_id: unknown }>(
    db,
    sql`DELETE FROM retailer_positions WHERE store_id = ${storeId} AND ${storeId} NOT IN (${CLAIMED}) RETURNING listing_id`,
  );
  return rows.length;
}
