// Shared shapes of the discovery step.
import type { FetchErrorKind, FetchOutcome } from '../core/types.ts';
import type { Logger } from '../logger.ts';

export interface DiscoveryProgress {
  /** What was fetched: a sitemap (or robots.txt) or a listing page. */
  phase: 'robots' | 'sitemap' | 'page';
  url: string;
  outcome: FetchOutcome['kind'] | 'skipped';
  /** Why it failed, when it did. */
  errorKind?: FetchErrorKind | 'parse' | 'too_large' | 'depth' | 'pattern';
  message?: string;
  /** Product URLs found so far, and documents fetched so far. */
  found: number;
  fetched: number;
}

export interface DiscoveryOptions {
  signal?: AbortSignal;
  onProgress?: (progress: DiscoveryProgress) => void;
  /**
   * Keep only product URLs matching this (sitemaps and 'urls'). Start pages use the store's
   * productLinkPattern, falling back to this, then to DEFAULT_PRODUCT_PATTERN.
   */
  productUrlPattern?: RegExp | string;
  /** Nesting of sitemap indexes followed below the root sitemap. Default 4. */
  maxSitemapDepth?: number;
  /** Sitemap documents fetched at most. Default 1000. */
  maxSitemaps?: number;
  /** Product URLs returned at most. Default 500 000. */
  maxUrls?: number;
  /** Largest decompressed sitemap (the protocol's own limit is 50 MB). Default 50 000 000. */
  maxSitemapBytes?: number;
  /** Listing pages fetched in parallel (the fetcher still enforces per-host politeness). Default 4. */
  pageConcurrency?: number;
  logger?: Logger;
}

/** Product URL patterns used when a store names none: common shop paths. */
export const DEFAULT_PRODUCT_PATTERN = /\/(?:products?|p|dp|item|items|pd|buy)\/[^/?#]+/i;

export function toPattern(pattern: RegExp | string | undefined): RegExp | undefined {
  if (pattern === undefined) return undefined;
  if (pattern instanceof RegExp) return pattern;
  try {
    return new RegExp(pattern, 'i');
  } catch (error) {
    throw new TypeError(`Invalid product URL pattern ${JSON.stringify(pattern)}: ${(error as Error).message}`, { cause: error });
  }
}
