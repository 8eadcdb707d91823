// The record behind a product's price history: its listings' confirmed readings over a range, with
// their stores. Unconfirmed readings (possible misreads, domain/price-signal.ts) never count.
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../client.ts';
import type { Availability } from '../../../domain/availability.ts';

/** How far back a history reaches, in days, or all of it. */
export const HISTORY_RANGES = ['30', '90', 'all'] as const;
export type HistoryRange = (typeof HISTORY_RANGES)[number];
export const DEFAULT_HISTORY_RANGE: HistoryRange = '90';

/** A range from a query parameter; null for anything else (missing, "7", "90 "): the caller picks the default or refuses. */
export function parseHistoryRange(raw: string | null | undefined): HistoryRange | null {
  return HISTORY_RANGES.find((range) => range === raw) ?? null;
}

/** The start of a range before `now` (null for "all": no start). */
export function rangeStart(range: HistoryRange, now: Date): Date | null {
  return range === 'all' ? null : new Date(now.getTime() - Number(range) * 86_400_000);
}

export interface HistoryObservation {
  id: number;
  listingId: number;
  storeId: string;
  storeName: string;
  observedAt: Date;
  /** Exact decimal strings as stored (null: no price read). */
  price: string | null;
  shippingCost: string | null;
  /** price + shipping, shipping unknown counting as 0 (null without a price). */
  total: string | null;
  currency: string | null;
  availability: Availability;
}

interface Row {
  id: string | number;
  listing_id: string | number;
  store_id: string;
  store_name: string;
  observed_at: Date | string;
  price: string | null;
  shipping_cost: string | null;
  total: string | null;
  currency: string | null;
  availability: Availability;
}

/**
 * Confirmed observations of a product's new listings (not gone; used and refurbished offers are never
 * compared with new ones) since the range start, oldest first,
 * each listing's last confirmed observation before the start included (its state when the range
 * opened: `observedAt` earlier than `since`).
 */
export async function listConfirmedObservations(
  db: Database,
  productId: number,
  options: { range?: HistoryRange; now?: Date } = {},
): Promise<{ since: Date | null; observations: HistoryObservation[] }> {
  const { range = DEFAULT_HISTORY_RANGE, now = new Date() } = options;
  const since = rangeStart(range, now);
  // "all" has no start: every confirmed reading up to now is in the window.
  const start = (since ?? new Date(0)).toISOString();
  const rows = await queryRows<Row>(
    db,
    sql`SELECT o.id, l.id AS listing_id, l.store_id, s.name AS store_name, o.observed_at,
               o.price::text AS price, o.shipping_cost::text AS shipping_cost,
               (o.price + coalesce(o.shipping_cost, 0))::text AS total, o.currency, o.availability
          FROM listings l
          JOIN stores s ON s.id = l.store_id
          CROSS JOIN LATERAL (
            (SELECT b.id, b.observed_at, b.price, b.shipping_cost, b.currency, b.availability FROM price_observations b
              WHERE b.listing_id = l.id AND b.confirmed AND b.observed_at < ${start}::timestamptz
              ORDER BY b.observed_at DESC, b.id DESC LIMIT 1)
            UNION ALL
            (SELECT w.id, w.observed_at, w.price, w.shipping_cost, w.currency, w.availability FROM price_observations w
              WHERE w.listing_id = l.id AND w.confirmed AND w.observed_at >= ${start}::timestamptz
                AND w.observed_at <= ${now.toISOString()}::timestamptz)
          ) o
         WHERE l.product_id = ${productId} AND l.status <> 'gone' AND l.condition = 'new'
         ORDER BY o.observed_at, o.id`,
  );
  return {
    since,
    observations: rows.map((row) => ({
      id: Number(row.id),
      listingId: Number(row.listing_id),
      storeId: row.store_id,
      storeName: row.store_name,
      observedAt: row.observed_at instanceof Date ? row.observed_at : new Date(row.observed_at),
      price: row.price,
      shippingCost: row.shipping_cost,
      total: row.total,
      currency: row.currency?.trim() ?? null,
      availability: row.availability,
    })),
  };
}
