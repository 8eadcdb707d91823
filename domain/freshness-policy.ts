// When to read a listing again: sooner when it changes often, changed lately, waits for a
// confirming reading, or people care about it (followed, compared across many stores, watched by a
// retailer); later when it stays the same. Bounded by a minimum (one page is not hammered) and by
// the store's full-crawl period (the crawl visits every listing anyway). Pure.
//
// The history counts changes per second observed, not changes per check: a ratio per check falls
// as checks come more often, so an interval fed back from it swings; a rate over time does not.
// Changes are taken as a Poisson process: the interval is the one after which the chance that the
// listing changed since its last visit reaches the target chance (lower for listings people care about).

export const FRESHNESS = {
  /** No listing is read more often than this (seconds), a waiting confirmation included. */
  MIN_SECONDS: 30,
  /** A new reading that waits for a second one is read again this soon, so a real change is confirmed and a misread contradicted fast. */
  CONFIRM_SECONDS: 30,
  /** A followed listing is read at least this often (seconds). */
  FOLLOWED_CEILING_SECONDS: 60,
  /** The chance of having missed a change that an ordinary listing's interval allows. */
  BASE_MISS_CHANCE: 0.1,
  /** What a listing with little history is assumed to do: this many changes… */
  PRIOR_CHANGES: 1,
  /** …in this long (seconds): one a day. */
  PRIOR_SECONDS: 86_400,
  /** A change this recent (seconds) halves the interval: prices move in runs (a sale starts, a rival answers). */
  RECENT_CHANGE_SECONDS: 3_600,
  /** A product offered by at least this many stores is compared closely: its miss chance halves. */
  MANY_STORES: 3,
} as const;

export interface ListingHistory {
  /** Visits that found a change (price, shipping, stock). */
  changes: number;
  /** When the listing was first read: its observation window starts there. */
  firstSeenAt: Date;
  lastChangedAt: Date | null;
}

export interface ListingPopularity {
  /** Live (confirmed, active) follows of the listing's product. */
  follows: number;
  /** Stores with a listing of the listing's product, its own included (1 when unmatched). */
  stores: number;
  /** A retailer who claimed a store watches this product (their own listing or a competitor's). */
  claimed: boolean;
}

export interface FreshnessBounds {
  minSeconds: number;
  /** The store's full-crawl period: a longer interval would never be reached. */
  maxSeconds: number;
}

export type FreshnessReason = 'confirm' | 'followed' | 'history';

export interface FreshnessInput {
  history: ListingHistory;
  popularity: ListingPopularity;
  /** The listing's latest reading waits for a second one (domain/price-signal.ts). */
  awaitingConfirmation: boolean;
  now: Date;
  bounds: FreshnessBounds;
}

export interface FreshnessPlan {
  /** Whole seconds until the next visit. */
  seconds: number;
  /** What set it (for logs and the status). */
  reason: FreshnessReason;
}

/** The listing's changes per second, its history blended with the prior (one a day). */
export function changeRate(history: ListingHistory, now: Date): number {
  const observedSeconds = Math.max(0, (now.getTime() - history.firstSeenAt.getTime()) / 1000);
  return (Math.max(0, history.changes) + FRESHNESS.PRIOR_CHANGES) / (observedSeconds + FRESHNESS.PRIOR_SECONDS);
}

/** The chance of a missed change this listing's interval allows: smaller for products people compare or watch. */
export function missChance(popularity: ListingPopularity): number {
  let chance: number = FRESHNESS.BASE_MISS_CHANCE;
  if (popularity.stores >= FRESHNESS.MANY_STORES) chance /= 2;
  if (popularity.claimed) chance /= 2;
  return chance;
}

function clamp(seconds: number, bounds: FreshnessBounds): number {
  const min = Math.max(1, bounds.minSeconds);
  const max = Math.max(min, bounds.maxSeconds);
  return Math.round(Math.min(max, Math.max(min, seconds)));
}

/** How long until the listing's next visit. */
export function nextVisitInterval(input: FreshnessInput): FreshnessPlan {
  const { history, popularity, now, bounds } = input;
  if (input.awaitingConfirmation) return { seconds: clamp(FRESHNESS.CONFIRM_SECONDS, bounds), reason: 'confirm' };
  // Poisson: P(change within t) = 1 − e^(−λt) = chance  ⇔  t = −ln(1 − chance) / λ.
  let seconds = -Math.log(1 - missChance(popularity)) / changeRate(history, now);
  if (history.lastChangedAt && now.getTime() - history.lastChangedAt.getTime() < FRESHNESS.RECENT_CHANGE_SECONDS * 1000) seconds /= 2;
  if (popularity.follows > 0 && seconds > FRESHNESS.FOLLOWED_CEILING_SECONDS) {
    return { seconds: clamp(FRESHNESS.FOLLOWED_CEILING_SECONDS, bounds), reason: 'followed' };
  }
  return { seconds: clamp(seconds, bounds), reason: 'history' };
}
