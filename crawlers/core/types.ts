// The contract between fetching (crawlers/core) and the crawl runner (crawlers/run).
import type { Politeness } from '../config/store-config.ts';

export type FetchErrorKind =
  | 'timeout' // no complete answer in time
  | 'network' // connection refused/reset, DNS
  | 'http_status' // 4xx/5xx other than 404/410 (after retries for 5xx/429)
  | 'rate_limited' // 429 still after retries
  | 'blocked' // bot block: captcha page, 403 challenge
  | 'robots' // robots.txt forbids this URL for our User-Agent
  | 'too_large' // body over the size cap (also decompression bombs)
  | 'redirect_loop' // too many redirects, or a cycle
  | 'content_type' // not HTML/XML/JSON where that was expected
  | 'private_address'; // refused: the URL resolves to a private/loopback address not allowed here

export interface FetchErrorInfo {
  kind: FetchErrorKind;
  message: string;
  httpStatus?: number;
  /** True when a later run may well succeed (timeouts, 5xx, 429). */
  retryable: boolean;
}

export interface FetchRequest {
  url: string;
  /** Validators from the last good fetch, for a conditional request. */
  etag?: string | null;
  lastModified?: string | null;
  /** What the caller expects: product/listing pages are 'html'; sitemaps and feeds 'xml'; product APIs 'json'. */
  expect?: 'html' | 'xml' | 'json' | 'any';
}

export type FetchOutcome =
  | {
      kind: 'ok';
      /** The URL asked for, and the final one after redirects. */
      requestedUrl: string;
      url: string;
      status: number;
      contentType: string;
      body: string;
      /** Raw (decompressed) bytes, for binary payloads such as gzip sitemaps. */
      bytes: Uint8Array;
      etag: string | null;
      lastModified: string | null;
      /** Response headers, lower-cased names (paging APIs tell their page count here). */
      headers?: Readonly<Record<string, string>>;
      fetchedAt: Date;
      elapsedMs: number;
      attempts: number;
    }
  | { kind: 'not_modified'; requestedUrl: string; url: string; fetchedAt: Date; attempts: number }
  | { kind: 'gone'; requestedUrl: string; url: string; status: number; fetchedAt: Date; attempts: number }
  | { kind: 'error'; requestedUrl: string; url: string; error: FetchErrorInfo; fetchedAt: Date; attempts: number };

export interface FetcherOptions {
  /** Honest User-Agent naming the bot and where to read about it. */
  userAgent: string;
  /** Politeness for hosts without a more specific setting. */
  politeness: Politeness;
  /** Per-host overrides (host with port, e.g. "127.0.0.1:4401"). */
  hostPoliteness?: Record<string, Politeness>;
  /** Allow loopback/private addresses for every host (tests only); false for user-supplied URLs. */
  allowPrivateAddresses?: boolean;
  /**
   * Hosts (with port, e.g. "127.0.0.1:4401") that may be on loopback or private addresses: the
   * demo stores'. Every other host, an operator's store on the same machine included, is checked
   * before the request and again at connect time.
   */
  allowPrivateHosts?: readonly string[];
  /** Lift per-host rate limits (benchmarks only). */
  unlimited?: boolean;
}

export interface Fetcher {
  fetch(request: FetchRequest): Promise<FetchOutcome>;
  /** Per-host figures: requests, bytes, measured requests/s. */
  stats(): Record<string, { requests: number; bytes: number; firstAt: number; lastAt: number }>;
  close(): Promise<void>;
}
