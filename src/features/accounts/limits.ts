// The accounts' rate limits, one set per process, kept on globalThis: the built site bundle and the
// process serving it (a test, a benchmark) must count in one place. Failed attempts at a secret use
// the lock-out limiter of src/lib/rate-limit.ts; API requests per token use a fixed window here.
// State lives in this process: N site processes allow N times each limit.
import { createFailureLimiter, type FailureLimiter } from '../../lib/rate-limit.ts';

/** Failed logins counted per client address and per account (its email, known or not). */
export interface LoginLimiter {
  byAddress: FailureLimiter;
  byAccount: FailureLimiter;
}

const MINUTE = 60_000;

/**
 * 5 wrong passwords per address in 15 minutes, then a lock of 1 minute that doubles with each lock
 * (up to an hour); 20 per account from all addresses together, then 1 minute doubling to 15. An
 * account lock stops a guesser spread over many addresses, and lasts little enough that it does not
 * shut the owner out for long. Successful logins are never counted.
 */
export function createLoginLimiter(now?: () => number): LoginLimiter {
  return {
    byAddress: createFailureLimiter({ maxFailures: 5, windowMs: 15 * MINUTE, lockMs: MINUTE, maxLockMs: 60 * MINUTE, now }),
    byAccount: createFailureLimiter({ maxFailures: 20, windowMs: 15 * MINUTE, lockMs: MINUTE, maxLockMs: 15 * MINUTE, now }),
  };
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Milliseconds until the window ends and the count starts again. */
  resetMs: number;
}

/** Requests per key in a fixed window (an API token's requests per minute). */
export interface RequestRateLimiter {
  take(key: string): RateDecision;
  clear(): void;
}

export interface RequestRateOptions {
  limit: number;
  windowMs: number;
  /** Keys kept at most (oldest forgotten first). */
  maxKeys?: number;
  now?: () => number;
}

export function createRequestRateLimiter({ limit, windowMs, maxKeys = 10_000, now = Date.now }: RequestRateOptions): RequestRateLimiter {
  if (!(limit >= 1)) throw new TypeError(`limit must be at least 1, got ${limit}`);
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(key) {
      const at = now();
      let window = windows.get(key);
      if (!window || at - window.start >= windowMs) {
        windows.delete(key);
        window = { start: at, count: 0 };
        windows.set(key, window);
        if (windows.size > maxKeys) windows.delete(windows.keys().next().value as string);
      }
      const resetMs = window.start + windowMs - at;
      if (window.count >= limit) return { allowed: false, limit, remaining: 0, resetMs };
      window.count++;
      return { allowed: true, limit, remaining: limit - window.count, resetMs };
    },
    clear() {
      windows.clear();
    },
  };
}

/** Requests one API token may make per minute. */
export const API_REQUESTS_PER_MINUTE = 120;

export interface AccountLimits {
  login: LoginLimiter;
  /** Sign-ups per client address: 5 an hour, then a pause of 15 minutes that doubles. */
  signUps: FailureLimiter;
  /** Reset requests per client address: 5 an hour, then a pause (the answer never tells whether the address has an account). */
  resetRequests: FailureLimiter;
  /** Wrong reset links per client address: 20 in 15 minutes, then a lock. */
  resetGuesses: FailureLimiter;
  /** Wrong or revoked API tokens per client address: 10 in 15 minutes, then a lock of a minute that doubles. */
  bearerGuesses: FailureLimiter;
  /** Requests per API token: API_REQUESTS_PER_MINUTE a minute. */
  apiRequests: RequestRateLimiter;
}

export function createAccountLimits(now?: () => number): AccountLimits {
  return {
    login: createLoginLimiter(now),
    signUps: createFailureLimiter({ maxFailures: 5, windowMs: 60 * MINUTE, lockMs: 15 * MINUTE, maxLockMs: 24 * 60 * MINUTE, now }),
    resetRequests: createFailureLimiter({ maxFailures: 5, windowMs: 60 * MINUTE, lockMs: 15 * MINUTE, maxLockMs: 24 * 60 * MINUTE, now }),
    resetGuesses: createFailureLimiter({ maxFailures: 20, windowMs: 15 * MINUTE, lockMs: MINUTE, maxLockMs: 60 * MINUTE, now }),
    bearerGuesses: createFailureLimiter({ maxFailures: 10, windowMs: 15 * MINUTE, lockMs: MINUTE, maxLockMs: 60 * MINUTE, now }),
    apiRequests: createRequestRateLimiter({ limit: API_REQUESTS_PER_MINUTE, windowMs: MINUTE, now }),
  };
}

const LIMITS_KEY = Symbol.for('tulna.accountLimits');

/**
 * The process's limits. Its fields may be replaced in the serving process itself (the benchmark
 * bench/account-auth.ts lifts the per-token limit so that it measures the token check, not 429s);
 * nothing outside the process can change them.
 */
export const accountLimits: AccountLimits = ((globalThis as Record<symbol, unknown>)[LIMITS_KEY] ??= createAccountLimits()) as AccountLimits;

/** Forgets every count (tests). */
export function clearAccountLimits(): void {
  const { login, signUps, resetRequests, resetGuesses, bearerGuesses, apiRequests } = accountLimits;
  for (const limiter of [login.byAddress, login.byAccount, signUps, resetRequests, resetGuesses, bearerGuesses, apiRequests]) limiter.clear();
}
