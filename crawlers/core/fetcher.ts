// createFetcher: polite, careful HTTP for the crawlers. Per host: p-queue concurrency and
// request spacing (config rate or robots.txt Crawl-delay, the slower wins), robots.txt checks,
// private-address refusal; per request: caps on time and size, manual redirects, retries.
// See fetch-flow.ts for the life of one fetch and http-attempt.ts for one HTTP exchange.
import { setMaxListeners } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { politenessSchema, type Politeness } from '../config/store-config.ts';
import type { Fetcher, FetcherOptions, FetchOutcome, FetchRequest } from './types.ts';
import { FetchFailure, FetcherOptionsError } from './errors.ts';
import { assertPublicHost } from './address-guard.ts';
import { performAttempt, type RawResponse } from './http-attempt.ts';
import { HostScheduler } from './host-scheduler.ts';
import { HostStats } from './host-stats.ts';
import { RobotsCache, isRobotsTxtUrl } from './robots-cache.ts';
import { runFetch, type FlowSettings } from './fetch-flow.ts';
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

  /**
   * One HTTP exchange through the host's queue and spacing. The caller has checked the address
   * (the guarded lookup checks it again at connect time); no robots check here.
   */
  async function exchange(url: URL, headers: Record<string, string>, maxBodyBytes?: number): Promise<RawResponse> {
    if (closing.signal.aborted) throw closedFailure(url);
    const host = hostState(url);
    try {
      return await host.scheduler.run(() => {
        stats.recordRequest(url.host);
        return performAttempt({
          url,
          headers: { 'user-agent': userAgent, ...headers },
          timeoutMs: host.politeness.timeoutMs,
          maxBodyBytes: maxBodyBytes ?? host.politeness.maxBodyBytes,
          allowPrivateAddresses: mayBePrivate(url),
          agents,
          signal: closing.signal,
          onWireBytes: (bytes) => stats.recordBytes(url.host, bytes),
        });
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

  async function send(url: URL, headers: Record<string, string>): Promise<RawResponse> {
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
    return exchange(url, headers);
  }

  return {
    fetch(request: FetchRequest): Promise<FetchOutcome> {
      return runFetch(request, {
        send,
        maxRetriesFor: (url) => hostState(url).politeness.maxRetries,
        holdHost: (url, time) => hostState(url).scheduler.holdUntil(time),
        sleep: (ms) =>
          sleep(ms, undefined, { signal: closing.signal }).catch(() => {
            throw new FetchFailure('network', 'Retry wait aborted: the fetcher is closing');
          }),
        settings,
        logger: log,
      });
    },
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
