// Limits failed attempts at a secret (a password, later a reset token): each key (a client
// address, an account) may fail `maxFailures` times in `windowMs`; after that it is locked out,
// for longer each time it is locked again, and even a right guess is refused until the lock ends.
// Successes cost one map lookup. State lives in this process: several site processes each keep
// their own count, so the limit per address is at most processes × maxFailures per window.

export interface FailureLimitOptions {
  /** Failures allowed per key within the window before the key is locked. */
  maxFailures: number;
  /** How long failures are remembered. */
  windowMs: number;
  /** The first lock-out; every further one doubles, up to maxLockMs. */
  lockMs: number;
  maxLockMs: number;
  /** Keys kept at most (oldest forgotten first), so a flood of addresses cannot grow memory. */
  maxKeys?: number;
  now?: () => number;
}

interface KeyState {
  failures: number;
  windowStart: number;
  lockedUntil: number;
  /** How many times this key has been locked: the next lock lasts lockMs × 2^locks. */
  locks: number;
}

export interface FailureLimiter {
  /** Milliseconds until the key may try again, or 0 when it may try now. */
  retryAfterMs(key: string): number;
  /** Records a failed attempt; returns the lock now in force (0 when none). */
  recordFailure(key: string): number;
  /** A successful attempt clears the key's failures (not its lock history). */
  recordSuccess(key: string): void;
  clear(): void;
}

export function createFailureLimiter(options: FailureLimitOptions): FailureLimiter {
  const { maxFailures, windowMs, lockMs, maxLockMs, maxKeys = 10_000, now = Date.now } = options;
  if (!(maxFailures >= 1)) throw new TypeError(`maxFailures must be at least 1, got ${maxFailures}`);
  const keys = new Map<string, KeyState>();

  const stateOf = (key: string, at: number): KeyState => {
    let state = keys.get(key);
    if (!state) {
      state = { failures: 0, windowStart: at, lockedUntil: 0, locks: 0 };
      keys.set(key, state);
      if (keys.size > maxKeys) keys.delete(keys.keys().next().value as string);
    } else if (at - state.windowStart > windowMs && state.lockedUntil <= at) {
      state.failures = 0;
      state.windowStart = at;
      // Lock history fades too: a key quiet for a whole window starts again at the first lock.
      if (at - state.lockedUntil > windowMs) state.locks = 0;
    }
    return state;
  };

  return {
    retryAfterMs(key) {
      const state = keys.get(key);
      if (!state) return 0;
      return Math.max(0, state.lockedUntil - now());
    },
    recordFailure(key) {
      const at = now();
      const state = stateOf(key, at);
      if (state.lockedUntil > at) return state.lockedUntil - at;
      state.failures++;
      if (state.failures < maxFailures) return 0;
      const lock = Math.min(maxLockMs, lockMs * 2 ** state.locks);
      state.locks++;
      state.failures = 0;
      state.windowStart = at;
      state.lockedUntil = at + lock;
      return lock;
    },
    recordSuccess(key) {
      const state = keys.get(key);
      if (state) state.failures = 0;
    },
    clear() {
      keys.clear();
    },
  };
}

/** Retry-After in whole seconds, never 0 (a client that retries at once is refused again). */
export function retryAfterSeconds(ms: number): string {
  return String(Math.max(1, Math.ceil(ms / 1000)));
}
