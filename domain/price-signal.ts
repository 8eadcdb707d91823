// When a price reading may be believed: the rule deals and alerts share, so a misread page, an
// absurd outlier or a one-off reading the next fetch contradicts never announces anything. Pure.
//
// The rule: a reading is confirmed when it is buyable and either (a) it is no more than
// CONFIRM_DROP_PERCENT below the listing's previous confirmed price, or (b) a later fetch saw the same
// price again (the listing was checked after the reading and still carried it). A failed fetch or a
// parse failure writes no reading at all, so it can neither confirm nor announce.
import { compareDecimal } from './decimal.ts';

/** Drops deeper than this (percent) wait for a second reading before they count. */
export const CONFIRM_DROP_PERCENT = 30;

/** A follow re-arms only once the price has gone back above its target by this much (percent). */
export const REARM_MARGIN_PERCENT = 2;

/**
 * Whether `price` is believable now. `previous`: the last confirmed price of the same listing in the
 * same currency (null when there is none: a first reading of a new listing counts only once seen again).
 * `seenAgain`: a fetch after the reading found the listing unchanged.
 */
export function isConfirmedPrice(price: string, previous: string | null, seenAgain: boolean): boolean {
  if (seenAgain) return true;
  if (previous === null) return false;
  return !isDeepDrop(price, previous);
}

/** True when `price` is more than CONFIRM_DROP_PERCENT below `previous`. */
export function isDeepDrop(price: string, previous: string): boolean {
  // price < previous × (1 − p/100)  ⇔  100 × price < previous × (100 − p), exactly in decimals.
  return compareDecimal(scale(price, 100), scale(previous, 100 - CONFIRM_DROP_PERCENT)) < 0;
}

/** The drop from `before` to `now` in whole percent, rounded down (0 when it did not drop). */
export function dropPercent(now: string, before: string): number {
  const [a, b] = [Number(now), Number(before)];
  if (!(b > 0) || !(a < b)) return 0;
  return Math.floor(((b - a) / b) * 100 + 1e-9);
}

/** Whether a price has gone far enough back above a target for the follow to fire again later. */
export function isAboveRearmLine(price: string, target: string): boolean {
  return compareDecimal(scale(price, 100), scale(target, 100 + REARM_MARGIN_PERCENT)) > 0;
}

/** A decimal string times a small whole number, exactly. */
function scale(value: string, factor: number): string {
  const [int, frac = ''] = value.split('.');
  const digits = BigInt(int + frac) * BigInt(factor);
  const text = digits.toString().padStart(frac.length + 1, '0');
  return frac.length ? `${text.slice(0, -frac.length)}.${text.slice(-frac.length)}` : text;
}
