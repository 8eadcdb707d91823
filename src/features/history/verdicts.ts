// What a product's price history says about the price now: the lowest ever, in 30 and 90 days, the
// usual range (time-weighted: a price that held for weeks weighs more than one that lasted an hour),
// and one plain label. Pure: the lowest-total series and the clock in, words and figures out.
import { compareDecimal } from '../../../domain/decimal.ts';
import type { HistoryPoint } from './series.ts';

const DAY = 86_400_000;

/** Below this much history no label is claimed. */
export const MIN_VERDICT_DAYS = 7;

export type VerdictLabel = 'lowest-90' | 'higher-than-usual' | 'typical' | 'not-enough-history' | 'not-buyable';

export interface Verdict {
  label: VerdictLabel;
  /** The label in words: "Lowest in 90 days", "Higher than usual", "Typical price", … */
  text: string;
  /** The lowest total now (null: nothing buyable now). */
  current: string | null;
  lowestEver: { total: string; at: Date } | null;
  lowest30: string | null;
  lowest90: string | null;
  /** The 25th–75th percentile of the last 90 days, weighted by how long each price held. */
  typical: { low: string; high: string } | null;
  /** Whole days since the first buyable total. */
  historyDays: number;
}

export interface Segment {
  total: string;
  from: number;
  to: number;
}

/** The series as segments of constant total up to `now`, gaps (null totals) left out. */
function segments(points: readonly HistoryPoint[], now: Date): Segment[] {
  const out: Segment[] = [];
  points.forEach((point, i) => {
    const to = Math.min(i + 1 < points.length ? points[i + 1].at.getTime() : now.getTime(), now.getTime());
    if (point.total !== null && to > point.at.getTime()) out.push({ total: point.total, from: point.at.getTime(), to });
  });
  return out;
}

/** Segments clipped to [since, end). */
function within(all: readonly Segment[], since: number): Segment[] {
  return all.filter((s) => s.to > since).map((s) => ({ ...s, from: Math.max(s.from, since) }));
}

function lowest(all: readonly Segment[]): string | null {
  let min: string | null = null;
  for (const s of all) if (min === null || compareDecimal(s.total, min) < 0) min = s.total;
  return min;
}

/**
 * The time-weighted q-quantile (0 ≤ q ≤ 1) of the segments: the smallest total that held, with
 * every lower one, for at least q of the time. Null for no time at all.
 */
export function weightedQuantile(all: readonly Segment[], q: number): string | null {
  if (!(q >= 0 && q <= 1)) throw new TypeError(`Expected a quantile between 0 and 1, got ${q}`);
  const sorted = [...all].sort((a, b) => compareDecimal(a.total, b.total));
  const total = sorted.reduce((sum, s) => sum + (s.to - s.from), 0);
  if (total <= 0) return null;
  let covered = 0;
  for (const s of sorted) {
    covered += s.to - s.from;
    if (covered >= q * total - 1e-6) return s.total;
  }
  return sorted[sorted.length - 1].total;
}

/** The verdict on the price now from the whole lowest-total series (oldest first). */
export function computeVerdict(points: readonly HistoryPoint[], now: Date, minDays = MIN_VERDICT_DAYS): Verdict {
  const all = segments(points, now);
  const last = points.length > 0 ? points[points.length - 1] : undefined;
  const current = last && last.at <= now ? last.total : null;
  const first = all[0];
  const historyDays = first ? Math.floor((now.getTime() - first.from) / DAY) : 0;
  let ever: Segment | undefined;
  for (const s of all) if (!ever || compareDecimal(s.total, ever.total) < 0) ever = s;
  const last90 = within(all, now.getTime() - 90 * DAY);
  const low = weightedQuantile(last90, 0.25);
  const high = weightedQuantile(last90, 0.75);
  const verdict: Omit<Verdict, 'label' | 'text'> = {
    current,
    lowestEver: ever ? { total: ever.total, at: new Date(ever.from) } : null,
    lowest30: lowest(within(all, now.getTime() - 30 * DAY)),
    lowest90: lowest(last90),
    typical: low !== null && high !== null ? { low, high } : null,
    historyDays,
  };
  if (historyDays < minDays || !verdict.typical || verdict.lowest90 === null) {
    return { ...verdict, label: 'not-enough-history', text: 'Not enough history yet' };
  }
  if (current === null) return { ...verdict, label: 'not-buyable', text: 'No store sells it now' };
  const wasHigher = last90.some((s) => compareDecimal(s.total, current) > 0);
  if (wasHigher && compareDecimal(current, verdict.lowest90) <= 0) {
    return { ...verdict, label: 'lowest-90', text: `Lowest in ${Math.min(90, historyDays)} days` };
  }
  if (compareDecimal(current, verdict.typical.high) > 0) return { ...verdict, label: 'higher-than-usual', text: 'Higher than usual' };
  return { ...verdict, label: 'typical', text: 'Typical price' };
}
