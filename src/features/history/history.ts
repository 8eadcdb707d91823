// A product's history as the product page, the JSON API and the CSV export show it. Pure.
import {
  DEFAULT_HISTORY_RANGE,
  HISTORY_RANGES,
  parseHistoryRange,
  rangeStart,
  type HistoryObservation,
  type HistoryRange,
} from '../../../db/queries/price-history/observations.ts';
import { csvCell } from '../../../domain/csv.ts';
import { parseId } from '../../lib/http.ts';
import { buildHistorySeries, lowestTotalSeries, type HistorySeriesSet } from './series.ts';
import { computeVerdict, type Verdict } from './verdicts.ts';

export { DEFAULT_HISTORY_RANGE, HISTORY_RANGES, parseHistoryRange, type HistoryRange };
export { csvCell };

export interface ProductHistory {
  range: HistoryRange;
  currency: string | null;
  series: HistorySeriesSet;
  /** Judged on the whole history, whatever the range drawn. */
  verdict: Verdict;
  now: Date;
}

/** From all confirmed observations of a product (range "all"): the series of `range` and the verdict. */
export function toProductHistory(
  observations: readonly HistoryObservation[],
  options: { currency: string | null; range: HistoryRange; now: Date; maxStores?: number },
): ProductHistory {
  const { currency, range, now, maxStores } = options;
  return {
    range,
    currency,
    series: buildHistorySeries(observations, { currency, since: rangeStart(range, now), maxStores }),
    verdict: computeVerdict(lowestTotalSeries(observations, currency), now),
    now,
  };
}

/** The public JSON shape of `GET /api/products/<id>/history`. */
export function toApiHistory(productId: number, history: ProductHistory) {
  const { verdict, series } = history;
  return {
    productId,
    currency: history.currency,
    range: history.range,
    verdict: {
      label: verdict.label,
      text: verdict.text,
      current: verdict.current,
      lowestEver: verdict.lowestEver && { total: verdict.lowestEver.total, at: verdict.lowestEver.at.toISOString() },
      lowest30: verdict.lowest30,
      lowest90: verdict.lowest90,
      typical: verdict.typical,
      historyDays: verdict.historyDays,
    },
    /** The lowest total first (store null), then one per store; a null total: nothing buyable from then. */
    series: [series.lowest, ...series.stores].map((line) => ({
      store: line.store,
      points: line.points.map((point) => ({ at: point.at.toISOString(), total: point.total })),
    })),
    /** Stores with a history not drawn one by one (the lowest line counts them). */
    omittedStores: series.omittedStores,
  };
}

export const CSV_HEADER = ['observed_at', 'store_id', 'store_name', 'price', 'shipping', 'total', 'currency', 'availability'] as const;

/** The observations (only those at or after `since`) as CSV with a header row, CRLF line ends. */
export function toHistoryCsv(observations: readonly HistoryObservation[], since: Date | null): string {
  const lines = [CSV_HEADER.join(',')];
  for (const row of observations) {
    if (since && row.observedAt < since) continue;
    lines.push(
      [row.observedAt.toISOString(), row.storeId, row.storeName, row.price, row.shippingCost, row.total, row.currency, row.availability].map(csvCell).join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

export type HistoryRequest =
  | { ok: true; id: number; range: HistoryRange }
  | { ok: false; message: string; issues: { path: string; message: string }[] };

/** The id and ?range= of a history API request: a positive whole id, and 30, 90 or all (default 90). */
export function parseHistoryRequest(rawId: string | undefined, search: URLSearchParams): HistoryRequest {
  const id = parseId(rawId);
  if (id === null) {
    return { ok: false, message: 'Invalid product id', issues: [{ path: 'id', message: `expected a positive whole number, got ${JSON.stringify((rawId ?? '').slice(0, 40))}` }] };
  }
  const rawRange = search.get('range');
  const range = rawRange === null ? DEFAULT_HISTORY_RANGE : parseHistoryRange(rawRange);
  if (range === null) {
    return { ok: false, message: 'Invalid range', issues: [{ path: 'range', message: `expected one of ${HISTORY_RANGES.join(', ')}, got ${JSON.stringify(rawRange!.slice(0, 40))}` }] };
  }
  return { ok: true, id, range };
}
