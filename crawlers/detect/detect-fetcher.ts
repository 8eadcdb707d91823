// The fetcher detection runs through: the crawler's own (robots.txt, rate limits, size and time
// caps, redirects re-checked hop by hop), gentle for a shop Tulna has never visited, and refusing
// private and loopback addresses unless the operator allows them.
import type { Politeness } from '../config/store-config.ts';
import { createFetcher } from '../core/fetcher.ts';
import type { Fetcher } from '../core/types.ts';
import { userAgent } from '../core/user-agent.ts';

export const DETECTION_POLITENESS: Politeness = {
  concurrency: 1,
  requestsPerSecond: 2,
  timeoutMs: 15_000,
  maxBodyBytes: 5_000_000,
  maxRetries: 1,
  ignoreRobots: false,
};

export interface DetectionFetcherOptions {
  /** Allow loopback and private addresses (a shop on this machine or network). Default false. */
  allowPrivate?: boolean;
  politeness?: Partial<Politeness>;
}

export function createDetectionFetcher(options: DetectionFetcherOptions = {}): Fetcher {
  return createFetcher({
    userAgent: userAgent(),
    politeness: { ...DETECTION_POLITENESS, ...options.politeness },
    allowPrivateAddresses: options.allowPrivate ?? false,
    maxRedirects: 5,
  });
}
