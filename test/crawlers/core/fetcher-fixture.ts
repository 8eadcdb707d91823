// Fetchers for tests: fast but real (short retry delays), pointed at a local hostile server.
import type { Politeness } from '../../../crawlers/config/store-config.ts';
import { createFetcher, type CreateFetcherOptions } from '../../../crawlers/core/fetcher.ts';
import type { Fetcher } from '../../../crawlers/core/types.ts';

export const TEST_USER_AGENT = 'TulnaBot/0.1 (+https://github.com/tulna/tulna; price comparison)';

export function politeness(overrides: Partial<Politeness> = {}): Politeness {
  return {
    concurrency: 4,
    requestsPerSecond: 100,
    timeoutMs: 2_000,
    maxBodyBytes: 1_000_000,
    maxRetries: 2,
    ignoreRobots: false,
    ...overrides,
  };
}

export function testFetcher(overrides: Partial<Politeness> = {}, options: Partial<CreateFetcherOptions> = {}): Fetcher {
  return createFetcher({
    userAgent: TEST_USER_AGENT,
    politeness: politeness(overrides),
    allowPrivateAddresses: true,
    retryBaseDelayMs: 20,
    ...options,
  });
}

/** Gaps in ms between consecutive server-side arrival times. */
export function gaps(times: number[]): number[] {
  return times.slice(1).map((time, i) => time - times[i]);
}
