// Checks store claims: an account proves it runs a store by putting its claim's token on the
// store's site, either as a line of <base_url>/.well-known/tulna-verification.txt or as
// <meta name="tulna-verification" content="TOKEN"> in the head of the home page (<base_url>).
// `startClaimChecker` runs the checks the retailers asked for, in the background.
//
// One verification is two small GETs on the retailer's own request, not crawling: robots.txt is not
// consulted (as with other site-ownership checks), and nothing else of the site is fetched.
// Each GET: the crawler's User-Agent, at most the first 512 KB read, a 10 s deadline, redirects
// followed at most 3 times and only within the same site, private addresses refused.
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';
import { load } from 'cheerio';
import type { Database } from '../../db/client.ts';
import { claimsDueForCheck, markClaimCheckFailed, markClaimVerified, type VerificationMethod } from '../../db/queries/retailers/claims.ts';
import { assertPublicHost, guardedLookup } from '../core/address-guard.ts';
import { FetchFailure, toFetchFailure } from '../core/errors.ts';
import { userAgent as defaultUserAgent } from '../core/user-agent.ts';
import { logger as rootLogger, type Logger } from '../logger.ts';

export const WELL_KNOWN_PATH = '/.well-known/tulna-verification.txt';
export const META_NAME = 'tulna-verification';

export interface CheckClaimOptions {
  /**
   * host:port pairs (as in URL.host, e.g. "127.0.0.1:4400") that may resolve to private or
   * loopback addresses: the demo stores. Default none.
   */
  allowPrivateHosts?: string[];
  /** Deadline of each of the two GETs, redirects included. Default 10 000. */
  timeoutMs?: number;
  /** Bytes read of each answer (after decompression); the rest is not read. Default 512 KB. */
  maxBytes?: number;
  /** Redirects followed per GET. Default 3. */
  maxRedirects?: number;
  /** Default: the crawler's User-Agent. */
  userAgent?: string;
}

export type CheckResult = { verified: true; method: VerificationMethod; url: string } | { verified: false; reason: string };

interface ClaimToCheck {
  verificationToken: string;
}
interface StoreToCheck {
  baseUrl: string;
}

interface Settings {
  privateHosts: Set<string>;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
}

interface Page {
  /** The URL that answered, after redirects. */
  url: URL;
  status: number;
  text: string;
  /** The answer was longer than maxBytes: only its start was read. */
  truncated: boolean;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function settingsOf(options: CheckClaimOptions): Settings {
  const number = (field: keyof CheckClaimOptions, value: number | undefined, fallback: number, min: number): number => {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
      throw new TypeError(`Expected ${field} to be a finite number >= ${min}, got ${String(value)}`);
    }
    return value;
  };
  return {
    privateHosts: new Set((options.allowPrivateHosts ?? []).map((host) => host.toLowerCase())),
    timeoutMs: number('timeoutMs', options.timeoutMs, 10_000, 1),
    maxBytes: number('maxBytes', options.maxBytes, 512 * 1024, 1),
    maxRedirects: number('maxRedirects', options.maxRedirects, 3, 0),
    userAgent: options.userAgent ?? defaultUserAgent(),
  };
}

function effectivePort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/** The host without a leading "www.": shop.example and www.shop.example are one site. */
function siteName(url: URL): string {
  return url.hostname.toLowerCase().replace(/^www\./, '');
}

/**
 * Whether a redirect from `from` to `to` stays on the store's site: the same host (give or take
 * "www."), the same scheme or http → https, the same port (or 443 after an upgrade). Sibling
 * subdomains are not the same site: without a public suffix list, a.myshop-host.example and
 * b.myshop-host.example could be two tenants, and one must not vouch for the other.
 */
export function isSameSiteRedirect(from: URL, to: URL): boolean {
  if (siteName(from) !== siteName(to)) return false;
  if (from.protocol === to.protocol) return effectivePort(from) === effectivePort(to);
  return from.protocol === 'http:' && to.protocol === 'https:' && (effectivePort(to) === '443' || to.port === from.port);
}

function decompressorFor(encoding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
  if (encoding === 'deflate') return zlib.createInflate({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
  if (encoding === 'br') return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
  return null;
}

/** One GET, no redirects: reads at most maxBytes of the (decompressed) body, then hangs up. */
function getOnce(url: URL, settings: Settings, deadline: number, agents: { http: http.Agent; https: https.Agent }): Promise<Omit<Page, 'url'> & { location?: string }> {
  const mayBePrivate = settings.privateHosts.has(url.host.toLowerCase());
  return new Promise((resolve, reject) => {
    let settled = false;
    let request: http.ClientRequest | undefined;
    const done = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      request?.destroy();
      return true;
    };
    const fail = (error: unknown): void => {
      if (done()) reject(toFetchFailure(error, url.href));
    };
    const remaining = Math.max(1, deadline - Date.now());
    const timer = setTimeout(
      () => fail(new FetchFailure('timeout', `${url.href} did not answer within ${Math.round(settings.timeoutMs / 100) / 10} s`)),
      remaining,
    );
    const transport = url.protocol === 'https:' ? https : http;
    request = transport.request(url, {
      method: 'GET',
      headers: { 'user-agent': settings.userAgent, accept: 'text/html,text/plain;q=0.9,*/*;q=0.5', 'accept-encoding': 'gzip, deflate, br' },
      agent: url.protocol === 'https:' ? agents.https : agents.http,
      lookup: mayBePrivate ? undefined : (guardedLookup as never),
    });
    request.on('error', fail);
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECT_STATUSES.has(status) && location) {
        if (done()) resolve({ status, text: '', truncated: false, location });
        return;
      }
      response.on('error', fail);
      const decompressor = decompressorFor(String(response.headers['content-encoding'] ?? '').trim().toLowerCase());
      let body: Readable = response;
      if (decompressor) {
        decompressor.on('error', fail);
        body = response.pipe(decompressor);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = (truncated: boolean): void => {
        decompressor?.destroy();
        if (done()) resolve({ status, text: Buffer.concat(chunks).toString('utf8'), truncated });
      };
      body.on('data', (chunk: Buffer) => {
        if (settled) return;
        const room = settings.maxBytes - size;
        if (chunk.length >= room) {
          chunks.push(chunk.subarray(0, room));
          size += room;
          return finish(chunk.length > room || !response.complete);
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      body.on('end', () => finish(false));
      response.on('aborted', () => fail(new FetchFailure('network', `Connection closed while reading ${url.href}`)));
    });
    request.end();
  });
}

/** A GET following same-site redirects; throws a FetchFailure whose message a retailer can act on. */
async function getPage(start: URL, settings: Settings): Promise<Page> {
  const deadline = Date.now() + settings.timeoutMs;
  const agents = { http: new http.Agent({ keepAlive: false }), https: new https.Agent({ keepAlive: false }) };
  try {
    let url = start;
    for (let hop = 0; ; hop++) {
      if (!settings.privateHosts.has(url.host.toLowerCase())) await assertPublicHost(url);
      const answer = await getOnce(url, settings, deadline, agents);
      if (answer.location === undefined) return { url, status: answer.status, text: answer.text, truncated: answer.truncated };
      let next: URL;
      try {
        next = new URL(answer.location, url);
      } catch (error) {
        throw new FetchFailure('http_status', `${url.href} redirects to an invalid address ${JSON.stringify(answer.location)}`, { cause: error });
      }
      if (!isSameSiteRedirect(url, next)) {
        throw new FetchFailure(
          'http_status',
          `${url.href} redirects to ${next.href}, outside ${siteName(url)}; only redirects within the store's own site are followed`,
        );
      }
      if (hop + 1 > settings.maxRedirects) {
        throw new FetchFailure('redirect_loop', `${start.href} redirects more than ${settings.maxRedirects} times`);
      }
      url = next;
    }
  } finally {
    agents.http.destroy();
    agents.https.destroy();
  }
}

function describeFailure(url: URL, error: unknown): string {
  if (error instanceof FetchFailure) {
    if (error.kind === 'private_address') return `${url.host} is a private or loopback address; Tulna only checks public sites`;
    if (error.kind === 'network') return `could not reach ${url.href} (${error.message.replace(/^Network error fetching \S+: /, '')})`;
    return error.message;
  }
  return `could not read ${url.href} (${(error as Error)?.message ?? String(error)})`;
}

/** True when the token is a whole line of the file (surrounding spaces and CRLF allowed). */
export function wellKnownHoldsToken(text: string, token: string): boolean {
  return text.split(/\r?\n|\r/).some((line) => line.trim() === token);
}

/**
 * What the home page's head says: 'match' when a <meta name="tulna-verification"> holds the token,
 * 'other' when such metas exist with other content, 'none' when there is none. Parsed as a browser
 * would (parse5), so a tag in a comment, in body text or in the body does not count.
 */
export function metaVerdict(html: string, token: string): 'match' | 'other' | 'none' {
  const $ = load(html);
  let found = false;
  for (const element of $('head meta').toArray()) {
    const name = ($(element).attr('name') ?? '').trim().toLowerCase();
    if (name !== META_NAME) continue;
    if (($(element).attr('content') ?? '').trim() === token) return 'match';
    found = true;
  }
  return found ? 'other' : 'none';
}

/**
 * Looks for the claim's token on the store's site: first the /.well-known file, then the meta tag
 * on the home page. Never throws for what the site does; the reason says what to fix.
 */
export async function checkClaim(claim: ClaimToCheck, store: StoreToCheck, options: CheckClaimOptions = {}): Promise<CheckResult> {
  const settings = settingsOf(options);
  const token = claim.verificationToken;
  let home: URL;
  try {
    home = new URL(store.baseUrl);
  } catch {
    return { verified: false, reason: `the store's address ${JSON.stringify(store.baseUrl)} is not a URL` };
  }
  if (home.protocol !== 'http:' && home.protocol !== 'https:') {
    return { verified: false, reason: `the store's address ${home.href} is not http or https` };
  }
  home.hash = '';
  const wellKnown = new URL(WELL_KNOWN_PATH, home);

  let fileProblem: string;
  try {
    const page = await getPage(wellKnown, settings);
    if (page.status < 200 || page.status > 299) fileProblem = `no ${WELL_KNOWN_PATH} (HTTP ${page.status})`;
    // Redirected elsewhere on the site (often to the home page): that page is not the file.
    else if (page.url.pathname !== WELL_KNOWN_PATH) fileProblem = `no ${WELL_KNOWN_PATH} (it redirects to ${page.url.href})`;
    else if (wellKnownHoldsToken(page.text, token)) return { verified: true, method: 'well-known', url: page.url.href };
    else fileProblem = `${WELL_KNOWN_PATH} does not hold this claim's token on a line of its own`;
  } catch (error) {
    if (error instanceof FetchFailure && error.kind === 'private_address') return { verified: false, reason: describeFailure(wellKnown, error) };
    fileProblem = `no readable ${WELL_KNOWN_PATH}: ${describeFailure(wellKnown, error)}`;
  }

  let metaProblem: string;
  try {
    const page = await getPage(home, settings);
    if (page.status < 200 || page.status > 299) {
      metaProblem = `the home page ${home.href} answered HTTP ${page.status}`;
    } else {
      const verdict = metaVerdict(page.text, token);
      if (verdict === 'match') return { verified: true, method: 'meta', url: page.url.href };
      const where = page.truncated ? `in the first ${Math.round(settings.maxBytes / 1024)} KB of ${page.url.href}` : `on ${page.url.href}`;
      metaProblem =
        verdict === 'other'
          ? `the <meta name="${META_NAME}"> ${where} holds a different token than this claim's`
          : `no <meta name="${META_NAME}"> in the head ${where}`;
    }
  } catch (error) {
    metaProblem = `no <meta name="${META_NAME}"> found: ${describeFailure(home, error)}`;
  }
  return { verified: false, reason: `${fileProblem}, and ${metaProblem}` };
}

export interface ClaimCheckerOptions extends CheckClaimOptions {
  db: Database;
  /** Milliseconds between runs; 0 starts no timer (call runOnce). Default 30 000. */
  intervalMs?: number;
  /** Claims checked per run (default 20); the rest wait for the next one. */
  limit?: number;
  /** Checks under way at once (default 4). */
  concurrency?: number;
  /** Called once when a claim becomes verified, e.g. refreshStorePositions(db, storeId). Errors are logged. */
  onVerified?: (storeId: string) => Promise<unknown> | unknown;
  logger?: Logger;
}

export interface ClaimChecker {
  /** Checks the claims due at `now` (default: the current time); resolves to how many were checked. */
  runOnce(now?: Date): Promise<number>;
  /** Stops the timer and waits for a run under way. */
  stop(): Promise<void>;
}

/** Checks the claims retailers asked about, every `intervalMs`; runs never overlap. */
export function startClaimChecker(options: ClaimCheckerOptions): ClaimChecker {
  const intervalMs = options.intervalMs ?? 30_000;
  if (!Number.isFinite(intervalMs) || intervalMs < 0) throw new TypeError(`Expected intervalMs to be a number >= 0, got ${String(options.intervalMs)}`);
  const limit = options.limit ?? 20;
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new TypeError(`Expected concurrency to be a positive integer, got ${String(options.concurrency)}`);
  settingsOf(options); // validates the check options at the door
  const { db } = options;
  const log = (options.logger ?? rootLogger).child({ component: 'claim-checker' });

  async function checkOne(due: Awaited<ReturnType<typeof claimsDueForCheck>>[number]): Promise<boolean> {
    const { claim, store } = due;
    let result: CheckResult;
    try {
      result = await checkClaim(claim, store, options);
    } catch (error) {
      log.error({ err: error, claimId: claim.id, storeId: store.id }, 'claim check failed unexpectedly');
      result = { verified: false, reason: 'the check failed on our side; please ask for another check' };
    }
    if (!result.verified) {
      await markClaimCheckFailed(db, claim.id, result.reason);
      log.info({ claimId: claim.id, storeId: store.id, reason: result.reason }, 'claim not verified');
      return false;
    }
    if (!(await markClaimVerified(db, claim.id, result.method))) return false;
    log.info({ claimId: claim.id, storeId: store.id, method: result.method, url: result.url }, 'claim verified');
    try {
      await options.onVerified?.(store.id);
    } catch (error) {
      log.error({ err: error, storeId: store.id }, 'after verifying a claim, refreshing the store failed');
    }
    return true;
  }

  async function run(now: Date): Promise<number> {
    const due = await claimsDueForCheck(db, limit, now);
    let next = 0;
    let verified = 0;
    const worker = async (): Promise<void> => {
      while (next < due.length) {
        if (await checkOne(due[next++])) verified++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
    if (due.length > 0) log.info({ checked: due.length, verified }, 'checked store claims');
    return due.length;
  }

  let chain: Promise<unknown> = Promise.resolve();
  const runOnce = (now?: Date): Promise<number> => {
    const result = chain.then(() => run(now ?? new Date()));
    chain = result.catch(() => {});
    return result;
  };

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const schedule = (): void => {
    if (stopped || intervalMs === 0) return;
    timer = setTimeout(() => {
      runOnce()
        .catch((error: unknown) => log.error({ err: error }, 'checking store claims failed'))
        .finally(schedule);
    }, intervalMs);
  };
  schedule();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await chain;
    },
  };
}
