// createFetcher: polite, careful HTTP for the crawlers. Per host: p-queue concurrency and
// request spacing (config rate or robots.txt Crawl-delay, the slower wins), robots.txt checks,
// private-address refusal; per request: caps on time and size, manual redirects, retries.
// See fetch-flow.ts for the life of one fetch and http-attempt.ts for one HTTP exchange.
import { setMaxListeners } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { politenessSchema, type Politeness } from '../config/store-config.ts';
import type { Fetcher, FetcherOptions, FetchOutcome, FetchRequest, HostTurnLease, PermitOutcome } from './types.ts';
import { FetchFailure, FetcherOptionsError, toFetchFailure } from './errors.ts';
import { assertPublicHost } from './address-guard.ts';
import { performAttempt, type RawResponse } from './http-attempt.ts';
import { HostScheduler } from './host-scheduler.ts';
import { HostStats } from './host-stats.ts';
import { RobotsCache, isRobotsTxtUrl } from './robots-cache.ts';
import { runFetch, type FlowSettings } from './fetch-flow.ts';
import type { FlowDeps } from './fetch-flow.ts';
import type { AttemptOptions } from './http-attempt.ts';
import { DEFAULT_STREAM_MAX_BYTES, performStreamAttempt, type StreamedResponse } from './http-stream.ts';
import { runStream } from './stream-flow.ts';
import type { StreamOutcome, StreamRequest } from './types.ts';
import { robotsToken } from './user-agent.ts';
import { logger as crawlerLogger, type Logger } from '../logger.ts';

export interface CreateFetcherOptions extends FetcherOptions {
  /** Parent logger; the fetcher logs through a child. Default: the crawler logger. */
  logger?: Logger;
  /** Token matched against robots.txt User-agent lines. Default: the User-Agent's product token. */
  robotsToken?: string;
  /** First retry waits up to this long (full jitter, doubling each retry). Default 500. */
  retryBaseDelayMs?: number;
  /** Longest backoff between retries. Default 30 000. */
  retryMaxDelayMs?: number;
  /** Longest Retry-After honoured; longer ones end the fetch as 'rate_limited'. Default 60 000. */
  maxRetryAfterMs?: number;
  /** Redirect hops followed before 'redirect_loop'. Default 10. */
  maxRedirects?: number;
  /** Longest robots.txt Crawl-delay honoured (longer ones are capped, with a warning). Default 60 000. */
  maxCrawlDelayMs?: number;
  /** Random source for jitter, in [0, 1). Default Math.random. */
  random?: () => number;
}
// `unlimited` (from FetcherOptions) drops request spacing and Crawl-delay but keeps concurrency.

const ROBOTS_MAX_BYTES = 512 * 1024;

interface HostState {
  politeness: Politeness;
  scheduler: HostScheduler;
  crawlDelayApplied: boolean;
}

function checkNumber(field: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new FetcherOptionsError(field, `a finite number >= ${min}`, value);
  }
  return value;
}

function parsePoliteness(field: string, value: unknown): Politeness {
  const result = politenessSchema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new FetcherOptionsError(field, `valid politeness settings (${issues})`, value, result.error);
  }
  return result.data;
}

export function createFetcher(options: CreateFetcherOptions): Fetcher {
  if (typeof options?.userAgent !== 'string' || options.userAgent.trim() === '') {
    throw new FetcherOptionsError('userAgent', 'a non-empty string naming the bot', options?.userAgent);
  }
  const defaultPoliteness = parsePoliteness('politeness', options.politeness);
  const hostPoliteness = new Map(
    Object.entries(options.hostPoliteness ?? {}).map(([host, value]) => [
      host.toLowerCase(),
      parsePoliteness(`hostPoliteness["${host}"]`, value),
    ]),
  );
  const settings: FlowSettings = {
    retryBaseDelayMs: checkNumber('retryBaseDelayMs', options.retryBaseDelayMs, 500, 0),
    retryMaxDelayMs: checkNumber('retryMaxDelayMs', options.retryMaxDelayMs, 30_000, 0),
    maxRetryAfterMs: checkNumber('maxRetryAfterMs', options.maxRetryAfterMs, 60_000, 0),
    maxRedirects: checkNumber('maxRedirects', options.maxRedirects, 10, 0),
    random: options.random ?? Math.random,
  };
  const maxCrawlDelayMs = checkNumber('maxCrawlDelayMs', options.maxCrawlDelayMs, 60_000, 0);
  const allowPrivateAddresses = options.allowPrivateAddresses ?? false;
  const privateHosts = new Set((options.allowPrivateHosts ?? []).map((host) => host.toLowerCase()));
  /** Decided per request URL (each redirect hop too): only the named hosts may be private. */
  const mayBePrivate = (url: URL) => allowPrivateAddresses || privateHosts.has(url.host.toLowerCase());
  const unlimited = options.unlimited ?? false;
  const sharedBudget = options.sharedBudget;
  const userAgent = options.userAgent.trim();
  const token = options.robotsToken ?? robotsToken(userAgent);
  const log = (options.logger ?? crawlerLogger).child({ component: 'Fetcher' });

  const closing = new AbortController();
  // Every request and retry wait listens for close(): hundreds at once is normal, not a leak.
  setMaxListeners(0, closing.signal);
  const agents = {
    http: new http.Agent({ keepAlive: true }),
    https: new https.Agent({ keepAlive: true }),
  };
  const hosts = new Map<string, HostState>();
  const stats = new HostStats();

  function hostState(url: URL): HostState {
    let state = hosts.get(url.host);
    if (!state) {
      const politeness = hostPoliteness.get(url.host) ?? defaultPoliteness;
      state = {
        politeness,
        scheduler: new HostScheduler({
          concurrency: politeness.concurrency,
          intervalMs: unlimited ? 0 : 1000 / politeness.requestsPerSecond,
          signal: closing.signal,
        }),
        crawlDelayApplied: false,
      };
      hosts.set(url.host, state);
    }
    return state;
  }

  function closedFailure(url: URL): FetchFailure {
    return new FetchFailure('network', `Fetch of ${url.href} refused: the fetcher is closed`);
  }

  /** A turn on the host from the budget shared with other processes and stores, when there is one. */
  function sharedTurn(url: URL, host: HostState): Promise<HostTurnLease | undefined> {
    if (!sharedBudget) return Promise.resolve(undefined);
    return sharedBudget.acquire({
      host: url.host,
      concurrency: host.politeness.concurrency,
      intervalMs: host.scheduler.intervalMs,
      timeoutMs: host.politeness.timeoutMs,
      signal: closing.signal,
    });
  }

  /**
   * One HTTP exchange through the host's queue and spacing. The caller has checked the address
   * (the guarded lookup checks it again at connect time); no robots check here.
   */
  async function exchange(
    url: URL,
    headers: Record<string, string>,
    maxBodyBytes?: number,
    attempt: (options: AttemptOptions) => Promise<RawResponse> = performAttempt,
  ): Promise<RawResponse> {
    if (closing.signal.aborted) throw closedFailure(url);
    const host = hostState(url);
    try {
      return await host.scheduler.run(async () => {
        // The local queue bounds this process; the shared budget, every process on the host.
        const turn = await sharedTurn(url, host);
        try {
          stats.recordRequest(url.host);
          return await attempt({
            url,
            headers: { 'user-agent': userAgent, ...headers },
            timeoutMs: host.politeness.timeoutMs,
            maxBodyBytes: maxBodyBytes ?? host.politeness.maxBodyBytes,
            allowPrivateAddresses: mayBePrivate(url),
            agents,
            signal: closing.signal,
            onWireBytes: (bytes) => stats.recordBytes(url.host, bytes),
          });
        } finally {
          await turn?.release();
        }
      });
    } catch (error) {
      if (closing.signal.aborted && !(error instanceof FetchFailure)) throw closedFailure(url);
      throw error;
    }
  }

  const robots = new RobotsCache({
    token,
    fetchRaw: async (url) => {
      if (!mayBePrivate(url)) await assertPublicHost(url);
      return exchange(url, { accept: 'text/plain,*/*;q=0.5' }, ROBOTS_MAX_BYTES);
    },
    retryDelay: () => sleep(settings.retryBaseDelayMs, undefined, { signal: closing.signal }),
    logger: log,
  });

  /** The checks before any request to `url`: open fetcher, address, robots.txt (and its Crawl-delay). */
  async function admit(url: URL): Promise<void> {
    if (closing.signal.aborted) throw closedFailure(url);
    // Address first, so a refused URL does not even cost a robots.txt request.
    if (!mayBePrivate(url)) await assertPublicHost(url);
    const host = hostState(url);
    if (!host.politeness.ignoreRobots && !isRobotsTxtUrl(url)) {
      const rules = await robots.assertAllowed(url);
      if (!host.crawlDelayApplied) {
        host.crawlDelayApplied = true;
        const delayMs = robots.crawlDelayMs(rules);
        if (delayMs !== null && !unlimited) {
          if (delayMs > maxCrawlDelayMs) {
            log.warn({ host: url.host, crawlDelayMs: delayMs, capMs: maxCrawlDelayMs }, 'robots.txt Crawl-delay capped');
          }
          host.scheduler.raiseInterval(Math.min(delayMs, maxCrawlDelayMs));
        }
      }
    }
  }

  /** `via`: another kind of attempt (a streamed one) with its own body cap. */
  async function send(
    url: URL,
    headers: Record<string, string>,
    via?: { attempt: (options: AttemptOptions) => Promise<RawResponse>; maxBodyBytes: number },
  ): Promise<RawResponse> {
    await admit(url);
    return exchange(url, headers, via?.maxBodyBytes, via?.attempt);
  }

  /** A browser-rendered page (crawlers/browser): the same checks and host turn as one request. */
  async function withPermit<T>(rawUrl: string, task: (permit: { allowPrivate: boolean }) => Promise<T>): Promise<PermitOutcome<T>> {
    const fetchedAt = new Date();
    let url: URL;
    try {
      url = new URL(rawUrl);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchFailure('network', `Unsupported URL scheme "${url.protocol}" in ${rawUrl}`);
      await admit(url);
    } catch (error) {
      const failure = error instanceof TypeError ? new FetchFailure('network', `Not a valid URL: ${JSON.stringify(rawUrl)}`) : toFetchFailure(error, rawUrl);
      return { kind: 'error', requestedUrl: rawUrl, url: rawUrl, error: failure.toInfo(), fetchedAt, attempts: 0 };
    }
    const host = hostState(url);
    let started = false;
    try {
      const value = await host.scheduler.run(async () => {
        const turn = await sharedTurn(url, host);
        try {
          started = true;
          stats.recordRequest(url.host);
          return await task({ allowPrivate: mayBePrivate(url) });
        } finally {
          await turn?.release();
        }
      });
      return { kind: 'granted', value };
    } catch (error) {
      if (started) throw error; // the task's own failure
      const failure = closing.signal.aborted ? closedFailure(url) : toFetchFailure(error, rawUrl);
      return { kind: 'error', requestedUrl: rawUrl, url: rawUrl, error: failure.toInfo(), fetchedAt, attempts: 0 };
    }
  }

  /** What fetch() and stream() share: the flow's retries, Retry-After holds and waits. */
  const flowDeps: Omit<FlowDeps, 'send'> = {
    maxRetriesFor: (url) => hostState(url).politeness.maxRetries,
    holdHost: (url, time) => {
      hostState(url).scheduler.holdUntil(time);
      sharedBudget?.hold(url.host, time - Date.now());
    },
    sleep: (ms) =>
      sleep(ms, undefined, { signal: closing.signal }).catch(() => {
        throw new FetchFailure('network', 'Retry wait aborted: the fetcher is closing');
      }),
    settings,
    logger: log,
  };

  return {
    fetch(request: FetchRequest): Promise<FetchOutcome> {
      return runFetch(request, { ...flowDeps, send });
    },
    stream(request: StreamRequest): Promise<StreamOutcome> {
      // The same admit/host-queue path as fetch(); the host's turn ends once the headers (and first
      // bytes) are in, then the body streams on under its own idle timeout and cap.
      const via = { attempt: performStreamAttempt, maxBodyBytes: request.maxBytes ?? DEFAULT_STREAM_MAX_BYTES };
      return runStream(request, { ...flowDeps, send: (url, headers) => send(url, headers, via) as Promise<StreamedResponse> });
    },
    withPermit,
    stats: () => stats.snapshot(),
    async close(): Promise<void> {
      if (closing.signal.aborted) return;
      closing.abort();
      for (const host of hosts.values()) host.scheduler.clear();
      agents.http.destroy();
      agents.https.destroy();
      log.debug({ hosts: hosts.size }, 'fetcher closed');
    },
  };
}
