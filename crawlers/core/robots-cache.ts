// robots.txt, fetched once per origin and kept for the fetcher's life (one crawl run).
// Rules (after RFC 9309):
//   2xx              → parsed and honoured for our token (groups for "*" apply when none names us);
//   4xx (404, 410…)  → no robots.txt: everything allowed;
//   5xx, 429, timeout, network error, too large → tried twice, then the whole origin is treated
//                      as disallowed for this run ('robots' errors, retryable: a later run may succeed);
//   redirects        → followed up to 5 hops.
// /robots.txt itself is always allowed.
import robotsParser from 'robots-parser';
import type { Logger } from '../logger.ts';
import { FetchFailure, toFetchFailure } from './errors.ts';
import type { RawResponse } from './http-attempt.ts';

type Robot = ReturnType<typeof robotsParser>;

export type RobotsRules =
  | { kind: 'parsed'; robotsUrl: string; robot: Robot }
  | { kind: 'allow-all'; robotsUrl: string; reason: string }
  | { kind: 'unreachable'; robotsUrl: string; reason: string };

export interface RobotsCacheOptions {
  /** Product token matched against User-agent lines, e.g. "TulnaBot". */
  token: string;
  /** Fetches one URL without robots checks (but with politeness); throws FetchFailure. */
  fetchRaw(url: URL): Promise<RawResponse>;
  /** Waits between the two tries of an unreachable robots.txt. */
  retryDelay(): Promise<void>;
  logger: Logger;
}

const MAX_ROBOTS_REDIRECTS = 5;

export function isRobotsTxtUrl(url: URL): boolean {
  return url.pathname === '/robots.txt';
}

export class RobotsCache {
  readonly #options: RobotsCacheOptions;
  readonly #byOrigin = new Map<string, Promise<RobotsRules>>();

  constructor(options: RobotsCacheOptions) {
    this.#options = options;
  }

  /** The rules for the URL's origin, fetched on first use. Never rejects. */
  rulesFor(url: URL): Promise<RobotsRules> {
    let rules = this.#byOrigin.get(url.origin);
    if (!rules) {
      rules = this.#load(new URL('/robots.txt', url.origin));
      this.#byOrigin.set(url.origin, rules);
    }
    return rules;
  }

  /** Throws a 'robots' FetchFailure when the URL may not be fetched. */
  async assertAllowed(url: URL): Promise<RobotsRules> {
    const rules = await this.rulesFor(url);
    if (isRobotsTxtUrl(url)) return rules;
    if (rules.kind === 'unreachable') {
      throw new FetchFailure(
        'robots',
        `Not fetching ${url.href}: ${rules.robotsUrl} could not be read (${rules.reason}), so the host counts as disallowed for this run`,
        { retryable: true },
      );
    }
    if (rules.kind === 'parsed' && rules.robot.isAllowed(url.href, this.#options.token) === false) {
      const line = rules.robot.getMatchingLineNumber(url.href, this.#options.token);
      throw new FetchFailure(
        'robots',
        `${rules.robotsUrl} disallows ${url.href} for ${this.#options.token} (line ${line})`,
      );
    }
    return rules;
  }

  /** Crawl-delay for our token in milliseconds, or null. */
  crawlDelayMs(rules: RobotsRules): number | null {
    if (rules.kind !== 'parsed') return null;
    const seconds = rules.robot.getCrawlDelay(this.#options.token);
    return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : null;
  }

  async #load(robotsUrl: URL): Promise<RobotsRules> {
    const log = this.#options.logger.child({ robotsUrl: robotsUrl.href });
    let lastReason = '';
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        const rules = await this.#fetchOnce(robotsUrl);
        if (rules) {
          log.debug({ kind: rules.kind }, 'robots.txt loaded');
          return rules;
        }
        lastReason = 'server error';
      } catch (error) {
        const failure = toFetchFailure(error, robotsUrl.href);
        // A private address or a closing fetcher will not get better by asking again.
        if (failure.kind === 'private_address' || !failure.retryable) {
          return { kind: 'unreachable', robotsUrl: robotsUrl.href, reason: failure.message };
        }
        lastReason = failure.message;
      }
      if (attempt === 1) await this.#options.retryDelay().catch(() => undefined);
    }
    log.warn({ reason: lastReason }, 'robots.txt unreachable: host disallowed for this run');
    return { kind: 'unreachable', robotsUrl: robotsUrl.href, reason: lastReason };
  }

  /** Rules from one try, or null for a server error worth one more try. */
  async #fetchOnce(robotsUrl: URL): Promise<RobotsRules | null> {
    let url = robotsUrl;
    for (let hop = 0; hop <= MAX_ROBOTS_REDIRECTS; hop++) {
      const response = await this.#options.fetchRaw(url);
      const { status } = response;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location) {
        url = new URL(location, url);
        continue;
      }
      if (status >= 200 && status < 300) {
        const text = new TextDecoder('utf-8').decode(response.bytes);
        return { kind: 'parsed', robotsUrl: robotsUrl.href, robot: robotsParser(robotsUrl.href, text) };
      }
      if (status === 429 || status >= 500) return null;
      return { kind: 'allow-all', robotsUrl: robotsUrl.href, reason: `HTTP ${status}` };
    }
    throw new FetchFailure('redirect_loop', `${robotsUrl.href} redirected more than ${MAX_ROBOTS_REDIRECTS} times`, {
      retryable: false,
    });
  }
}
