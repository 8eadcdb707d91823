// A product's price history as step series: the lowest buyable total across stores, and one per
// store, from confirmed observations. Pure: observations in, points out. Totals stay exact strings.
import type { HistoryObservation } from '../../../db/queries/price-history/observations.ts';
import { isBuyable } from '../../../domain/availability.ts';
import { canonicalDecimal, compareDecimal } from '../../../domain/decimal.ts';

export interface HistoryPoint {
  at: Date;
  /** The lowest total from `at` until the next point; null: nothing buyable then. */
  total: string | null;
}

export interface HistoryStore {
  id: string;
  name: string;
}

export interface HistorySeries {
  /** null: the lowest total across all stores. */
  store: HistoryStore | null;
  points: HistoryPoint[];
}

export interface HistorySeriesSet {
  currency: string | null;
  lowest: HistorySeries;
  /** At most `maxStores` stores, most points first (then most recently seen). */
  stores: HistorySeries[];
  /** Stores with a history that were left out of `stores` (the lowest line still counts them). */
  omittedStores: HistoryStore[];
}

export interface BuildSeriesOptions {
  /** Only totals in this currency count (there are no exchange rates). */
  currency: string | null;
  /** Start of the range (points before it are moved to it); null: from the first observation. */
  since: Date | null;
  /** Stores drawn one by one; default 5. */
  maxStores?: number;
}

/** The total an observation offers in `currency`, or null when it cannot be bought in it. */
function buyableTotal(row: HistoryObservation, currency: string | null): string | null {
  if (row.total === null || row.currency !== currency || !isBuyable(row)) return null;
  return canonicalDecimal(row.total);
}

function lowestOf(values: Iterable<string>): string | null {
  let lowest: string | null = null;
  for (const value of values) if (lowest === null || compareDecimal(value, lowest) < 0) lowest = value;
  return lowest;
}

/** Appends a point, merging one at the same moment and skipping one that changes nothing. */
function push(points: HistoryPoint[], at: Date, total: string | null): void {
  const last = points[points.length - 1];
  if (last && last.at.getTime() === at.getTime()) {
    last.total = total;
    const before = points[points.length - 2];
    if (before ? before.total === total : total === null) points.pop();
  } else if (!last ? total !== null : last.total !== total) points.push({ at, total });
}

/**
 * The lowest buyable total (price + shipping, unknown shipping as 0) among the given observations'
 * listings over time, one point per change, oldest first. Observations must be in time order.
 */
export function lowestTotalSeries(observations: readonly HistoryObservation[], currency: string | null): HistoryPoint[] {
  const current = new Map<number, string>();
  const points: HistoryPoint[] = [];
  for (const row of observations) {
    const total = buyableTotal(row, currency);
    if (total === null) current.delete(row.listingId);
    else current.set(row.listingId, total);
    push(points, row.observedAt, lowestOf(current.values()));
  }
  return points;
}

/** The points from `since` on: the one in force at `since` moved to it, earlier ones dropped. */
export function clipPoints(points: readonly HistoryPoint[], since: Date | null): HistoryPoint[] {
  if (since === null) return points.map((point) => ({ ...point }));
  const clipped: HistoryPoint[] = [];
  for (const point of points) {
    if (point.at < since) {
      clipped.length = 0;
      if (point.total !== null) clipped.push({ at: since, total: point.total });
    } else push(clipped, point.at, point.total);
  }
  return clipped;
}

/** The lowest line and one line per store (the busiest `maxStores`), clipped to the range. */
export function buildHistorySeries(observations: readonly HistoryObservation[], options: BuildSeriesOptions): HistorySeriesSet {
  const { currency, since, maxStores = 5 } = options;
  if (!Number.isInteger(maxStores) || maxStores < 0) throw new TypeError(`Expected maxStores to be a whole number ≥ 0, got ${maxStores}`);
  const byStore = new Map<string, { store: HistoryStore; rows: HistoryObservation[] }>();
  for (const row of observations) {
    let group = byStore.get(row.storeId);
    if (!group) byStore.set(row.storeId, (group = { store: { id: row.storeId, name: row.storeName }, rows: [] }));
    group.rows.push(row);
  }
  const stores = [...byStore.values()]
    .map(({ store, rows }) => ({ store, points: clipPoints(lowestTotalSeries(rows, currency), since) }))
    .filter((series) => series.points.some((point) => point.total !== null))
    .sort(
      (a, b) =>
        b.points.length - a.points.length ||
        b.points[b.points.length - 1].at.getTime() - a.points[a.points.length - 1].at.getTime() ||
        (a.store.id < b.store.id ? -1 : 1),
    );
  return {
    currency,
    lowest: { store: null, points: clipPoints(lowestTotalSeries(observations, currency), since) },
    stores: stores.slice(0, maxStores),
    omittedStores: stores.slice(maxStores).map((series) => series.store),
  };
}

/** The lowest and highest total of the points (null when none is buyable). */
export function totalBounds(points: readonly HistoryPoint[]): { low: string; high: string } | null {
  let low: string | null = null;
  let high: string | null = null;
  for (const { total } of points) {
    if (total === null) continue;
    if (low === null || compareDecimal(total, low) < 0) low = total;
    if (high === null || compareDecimal(total, high) > 0) high = total;
  }
  return low !== null && high !== null ? { low, high } : null;
}
