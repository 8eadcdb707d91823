// The contract between fetching (crawlers/core) and the crawl runner (crawlers/run).
import type { Readable } from 'node:stream';
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
  | 'private_address' // refused: the URL resolves to a private/loopback address not allowed here
  // Pages rendered in a browser (crawlers/browser/render.ts):
  | 'render_timeout' // the page did not load, or its script hung, within the render's time limit
  | 'render_crash' // the renderer crashed (out of memory, or the browser died) while rendering
  | 'render_failed'; // the browser could not render at all (failed to launch, the pool is closed)

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

/** A streamed fetch: for documents too large to hold (product feeds of hundreds of MB). */
export interface StreamRequest extends FetchRequest {
  /**
   * Largest decoded (decompressed) body; past it the body fails with 'too_large'.
   * Default 2 GB (DEFAULT_STREAM_MAX_BYTES in http-stream.ts). The store's maxBodyBytes does not apply.
   */
  maxBytes?: number;
}

export type StreamOutcome =
  | {
      kind: 'ok';
      requestedUrl: string;
      url: string;
      status: number;
      contentType: string;
      /**
       * The decoded bytes: Content-Encoding undone, and a gzip payload (by its magic bytes)
       * gunzipped too. Between chunks it waits at most the host's timeoutMs; it fails with a
       * FetchFailure ('timeout', 'too_large', 'network'). The caller must consume it or call
       * destroy() (a for-await loop that stops early does so).
       */
      body: Readable;
      etag: string | null;
      lastModified: string | null;
      headers: Readonly<Record<string, string>>;
      fetchedAt: Date;
      attempts: number;
    }
  | Exclude<FetchOutcome, { kind: 'ok' }>;

/** What `withPermit` gives: the task's value, or why the request was refused. */
export type PermitOutcome<T> = { kind: 'granted'; value: T } | Extract<FetchOutcome, { kind: 'error' }>;

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
  /**
   * The per-host budget shared with every other process (and every store) crawling the same
   * hosts; each request also takes a turn from it. Without it, politeness holds in this process only.
   */
  sharedBudget?: SharedHostBudget;
}

/** What one request asks of the shared budget: the host's settings as this process computes them. */
export interface HostTurnRequest {
  /** Host with port, e.g. "127.0.0.1:4401". */
  host: string;
  /** Requests in flight to the host at once, across all processes. */
  concurrency: number;
  /** Smallest gap between two request starts: the slower of the configured rate and robots.txt Crawl-delay. */
  intervalMs: number;
  /** The request's own time limit: its lease lasts this long past its start (plus a margin). */
  timeoutMs: number;
  /** Stops waiting (the fetcher is closing). */
  signal: AbortSignal;
}

/** A request's turn on a host: hold it while the request is in flight, then release it. */
export interface HostTurnLease {
  /** Frees the turn's concurrency slot; never throws (an unreleased slot expires on its own). */
  release(): Promise<void>;
}

/** Per-host rate and concurrency that hold across processes (crawlers/core/shared-host-budget.ts). */
export interface SharedHostBudget {
  /** Waits for a concurrency slot and the request's start time on the host; rejects only on abort or a budget failure. */
  acquire(request: HostTurnRequest): Promise<HostTurnLease>;
  /** Holds every process's requests to the host for `ms` (a Retry-After); never throws. */
  hold(host: string, ms: number): void;
}

export interface Fetcher {
  fetch(request: FetchRequest): Promise<FetchOutcome>;
  /**
   * Runs `task` as one request to the URL's host, for work done outside this fetcher (a page
   * rendered in a browser): after the robots.txt and address checks, inside the host's rate and
   * concurrency slot. A refusal comes back as an error outcome and `task` does not run; what
   * `task` throws is thrown. `allowPrivate` tells the task whether the host may be on a private address.
   */
  withPermit<T>(url: string, task: (permit: { allowPrivate: boolean }) => Promise<T>): Promise<PermitOutcome<T>>;
  /**
   * The same polite fetch (robots.txt, address guard, host queue, redirects and retries until the
   * body starts), with the body as a stream: an idle timeout instead of a total one, its own byte cap.
   */
  stream(request: StreamRequest): Promise<StreamOutcome>;
  /** Per-host figures: requests, bytes, measured requests/s. */
  stats(): Record<string, { requests: number; bytes: number; firstAt: number; lastAt: number }>;
  close(): Promise<void>;
}
