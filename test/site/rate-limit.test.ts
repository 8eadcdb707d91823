// The failure limiter as a unit: windows, doubling locks, bounded memory.
import { describe, expect, it } from 'vitest';
import { createFailureLimiter, retryAfterSeconds } from '../../src/lib/rate-limit.ts';

describe('failure limiter', () => {
  it('forgets failures after the window, doubles locks up to the cap, and fades lock history', () => {
    let now = 0;
    const limiter = createFailureLimiter({ maxFailures: 3, windowMs: 1000, lockMs: 100, maxLockMs: 300, now: () => now });
    expect(limiter.recordFailure('a')).toBe(0);
    expect(limiter.recordFailure('a')).toBe(0);
    now = 1500; // the window passed: counting starts again
    expect(limiter.recordFailure('a')).toBe(0);
    expect(limiter.recordFailure('a')).toBe(0);
    expect(limiter.recordFailure('a')).toBe(100);
    expect(limiter.retryAfterMs('a')).toBe(100);
    expect(limiter.recordFailure('a'), 'failures while locked do not extend it').toBe(100);
    now += 100;
    expect(limiter.retryAfterMs('a')).toBe(0);
    for (let i = 0; i < 2; i++) limiter.recordFailure('a');
    expect(limiter.recordFailure('a')).toBe(200);
    now += 200;
    for (let i = 0; i < 2; i++) limiter.recordFailure('a');
    expect(limiter.recordFailure('a')).toBe(300);
    now += 300 + 2000; // quiet for more than a window: the next lock is the first again
    for (let i = 0; i < 2; i++) limiter.recordFailure('a');
    expect(limiter.recordFailure('a')).toBe(100);
  });

  it('clears failures on success and keeps at most maxKeys keys', () => {
    const limiter = createFailureLimiter({ maxFailures: 2, windowMs: 1000, lockMs: 100, maxLockMs: 100, maxKeys: 3, now: () => 0 });
    limiter.recordFailure('a');
    limiter.recordSuccess('a');
    expect(limiter.recordFailure('a')).toBe(0);
    for (const key of ['b', 'c', 'd']) limiter.recordFailure(key);
    // 'a' was the oldest and is forgotten: its one failure no longer counts.
    expect(limiter.recordFailure('a')).toBe(0);
    expect(() => createFailureLimiter({ maxFailures: 0, windowMs: 1, lockMs: 1, maxLockMs: 1 })).toThrow(TypeError);
    expect(retryAfterSeconds(1)).toBe('1');
    expect(retryAfterSeconds(60_000)).toBe('60');
  });
});
