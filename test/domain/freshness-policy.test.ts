import { describe, expect, it } from 'vitest';
import { FRESHNESS, changeRate, missChance, nextVisitInterval, type FreshnessInput } from '../../domain/freshness-policy.ts';

const NOW = new Date('2026-03-02T12:00:00Z');
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);
/** A store crawled every 6 hours: room for the history to show. */
const SIX_HOURS = { minSeconds: FRESHNESS.MIN_SECONDS, maxSeconds: 6 * 3_600 };

function input(overrides: Partial<FreshnessInput> & { changes?: number; firstSeenDaysAgo?: number; lastChangedAt?: Date | null } = {}): FreshnessInput {
  return {
    history: { changes: overrides.changes ?? 0, firstSeenAt: daysAgo(overrides.firstSeenDaysAgo ?? 7), lastChangedAt: overrides.lastChangedAt ?? null },
    popularity: overrides.popularity ?? { follows: 0, stores: 1, claimed: false },
    awaitingConfirmation: overrides.awaitingConfirmation ?? false,
    now: NOW,
    bounds: overrides.bounds ?? SIX_HOURS,
  };
}

describe('the freshness policy', () => {
  it('reads a listing that changes often sooner than one that never changes', () => {
    const busy = nextVisitInterval(input({ changes: 40, lastChangedAt: daysAgo(1) }));
    const quiet = nextVisitInterval(input({ changes: 0 }));
    expect(busy.seconds).toBeLessThan(quiet.seconds);
    expect(busy.reason).toBe('history');
    // 41 changes in 8 days (prior included): ≈ one every 4.7 h; a 10 % miss chance ≈ 30 min.
    expect(busy.seconds).toBeGreaterThan(20 * 60);
    expect(busy.seconds).toBeLessThan(40 * 60);
  });

  it('lets a stable listing drift out to the full crawl as its quiet history grows', () => {
    const intervals = [0, 1, 3, 10, 30].map((days) => nextVisitInterval(input({ firstSeenDaysAgo: days })).seconds);
    for (let i = 1; i < intervals.length; i++) expect(intervals[i]).toBeGreaterThanOrEqual(intervals[i - 1]);
    expect(intervals[0]).toBeLessThan(intervals.at(-1)!);
    expect(intervals.at(-1)).toBe(SIX_HOURS.maxSeconds);
  });

  it('halves the interval after a recent change (prices move in runs)', () => {
    const old = nextVisitInterval(input({ changes: 20, lastChangedAt: daysAgo(2) })).seconds;
    const recent = nextVisitInterval(input({ changes: 20, lastChangedAt: new Date(NOW.getTime() - 10 * 60_000) })).seconds;
    expect(recent).toBe(Math.round(old / 2));
  });

  it('reads a waiting reading again within a minute, whatever its history', () => {
    const plan = nextVisitInterval(input({ awaitingConfirmation: true, firstSeenDaysAgo: 300 }));
    expect(plan).toEqual({ seconds: FRESHNESS.CONFIRM_SECONDS, reason: 'confirm' });
    expect(plan.seconds).toBeLessThanOrEqual(60);
  });

  it('reads followed listings at least every minute, and compared or watched products more often', () => {
    expect(nextVisitInterval(input({ popularity: { follows: 2, stores: 1, claimed: false } }))).toEqual({ seconds: 60, reason: 'followed' });
    const plain = nextVisitInterval(input({ changes: 60 })).seconds;
    const compared = nextVisitInterval(input({ changes: 60, popularity: { follows: 0, stores: 4, claimed: false } })).seconds;
    const watched = nextVisitInterval(input({ changes: 60, popularity: { follows: 0, stores: 4, claimed: true } })).seconds;
    expect(compared).toBeLessThan(plain);
    expect(watched).toBeLessThan(compared);
    expect(missChance({ follows: 0, stores: 4, claimed: true })).toBeCloseTo(FRESHNESS.BASE_MISS_CHANCE / 4);
  });

  it('stays within the minimum and the store’s full-crawl period', () => {
    const fiveMinutes = { minSeconds: 30, maxSeconds: 300 };
    expect(nextVisitInterval(input({ bounds: fiveMinutes })).seconds).toBe(300);
    expect(nextVisitInterval(input({ changes: 100_000, lastChangedAt: NOW, bounds: fiveMinutes })).seconds).toBe(30);
    // A cron faster than the minimum: the minimum still holds.
    expect(nextVisitInterval(input({ bounds: { minSeconds: 30, maxSeconds: 10 } })).seconds).toBe(30);
    // A followed listing of a store crawled every 45 s is simply read by each crawl.
    expect(nextVisitInterval(input({ popularity: { follows: 1, stores: 1, claimed: false }, bounds: { minSeconds: 30, maxSeconds: 45 } })).seconds).toBe(45);
  });

  it('counts changes per second observed, with a prior of one a day for new listings', () => {
    expect(changeRate({ changes: 0, firstSeenAt: NOW, lastChangedAt: null }, NOW)).toBeCloseTo(1 / 86_400);
    expect(changeRate({ changes: 9, firstSeenAt: daysAgo(9), lastChangedAt: null }, NOW)).toBeCloseTo(10 / (10 * 86_400));
    // A clock step backwards never makes a negative window.
    expect(changeRate({ changes: 0, firstSeenAt: new Date(NOW.getTime() + DAY), lastChangedAt: null }, NOW)).toBeCloseTo(1 / 86_400);
  });
});
