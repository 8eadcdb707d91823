// The life of one fetch: follow redirects by hand (with a cap and cycle detection), retry each hop
// on 5xx, 429, timeouts and network errors (exponential backoff with full jitter, honouring
// Retry-After), and map the final response onto a FetchOutcome.
import type { Logger } from '../logger.ts';
import type { FetchOutcome, FetchRequest } from './types.ts';
import type { RawResponse } from './http-attempt.ts';
import { FetchFailure, toFetchFailure } from './errors.ts';
import { backoffDelayMs, parseRetryAfterMs } from './backoff.ts';
import { detectBlock } from './block-detect.ts';
import { decodeBody } from './charset.ts';
import { contentTypeMismatch, isGzipBytes, mediaType } from './content-type.ts';

export interface FlowSettings {
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  maxRetryAfterMs: number;
  maxRedirects: number;
  random: () => number;
}

export interface FlowDeps {
  /** One request to `url` through politeness, robots and address checks; throws FetchFailure. */
  send(url: URL, headers: Record<string, string>): Promise<RawResponse>;
  maxRetriesFor(url: URL): number;
  /** Hold every request to the URL's host until `time` (Retry-After). */
  holdHost(url: URL, time: number): void;
  /** Abortable sleep. */
  sleep(ms: number): Promise<void>;
  settings: FlowSettings;
  logger: Logger;
}

/** Mutable record of one fetch, so a failure can report where it ended and how many tries it took. */
interface FlowState {
  url: URL;
  attempts: number;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function acceptHeader(expect: FetchRequest['expect']): string {
  if (expect === 'xml') return 'application/xml,text/xml;q=0.9,application/gzip;q=0.8,*/*;q=0.5';
  if (expect === 'any') return '*/*';
  if (expect === 'json') return 'application/json,*/*;q=0.5';
  return 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';
}

function header(response: RawResponse, name: string): string | null {
  const value = response.headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : String(value);
}

function flatHeaders(headers: RawResponse['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return flat;
}

function withoutFragment(url: URL): string {
  const copy = new URL(url);
  copy.hash = '';
  return copy.href;
}

/** Runs the fetch; never throws (failures become 'error' outcomes). */
export async function runFetch(request: FetchRequest, deps: FlowDeps): Promise<FetchOutcome> {
  const fetchedAt = new Date();
  const started = Date.now();
  let state: FlowState = { url: new URL('about:blank'), attempts: 0 };
  try {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch (error) {
      throw new FetchFailure('network', `Not a valid URL: ${JSON.stringify(request.url)}`, { cause: error });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new FetchFailure('network', `Unsupported URL scheme "${url.protocol}" in ${request.url}`);
    }
    state = { url, attempts: 0 };
    const response = await followRedirects(request, state, deps);
    return toOutcome(request, state, response, fetchedAt, Date.now() - started);
  } catch (error) {
    const failure = toFetchFailure(error, state.url.href);
    deps.logger.debug({ url: request.url, kind: failure.kind, attempts: state.attempts }, failure.message);
    return {
      kind: 'error',
      requestedUrl: request.url,
      url: state.url.href === 'about:blank' ? request.url : state.url.href,
      error: failure.toInfo(),
      fetchedAt,
      attempts: state.attempts,
    };
  }
}

async function followRedirects(request: FetchRequest, state: FlowState, deps: FlowDeps): Promise<RawResponse> {
  const headers: Record<string, string> = {
    accept: acceptHeader(request.expect),
    'accept-encoding': 'gzip, deflate, br',
  };
  if (request.etag) headers['if-none-match'] = request.etag;
  if (request.lastModified) headers['if-modified-since'] = request.lastModified;

  const visited = new Set<string>([withoutFragment(state.url)]);
  for (let hop = 0; ; hop++) {
    const response = await sendWithRetries(state, headers, deps);
    const location = header(response, 'location');
    if (!REDIRECT_STATUSES.has(response.status) || !location) return response;

    let next: URL;
    try {
      next = new URL(location, state.url);
    } catch (error) {
      throw new FetchFailure('http_status', `Redirect from ${state.url.href} to an invalid Location ${JSON.stringify(location)}`, {
        httpStatus: response.status,
        cause: error,
      });
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw new FetchFailure('http_status', `Redirect from ${state.url.href} to unsupported scheme ${next.protocol}`, {
        httpStatus: response.status,
      });
    }
    const key = withoutFragment(next);
    if (visited.has(key)) {
      throw new FetchFailure('redirect_loop', `Redirect cycle: ${state.url.href} points back to ${key} after ${hop + 1} redirect(s)`, {
        httpStatus: response.status,
      });
    }
    if (hop + 1 > deps.settings.maxRedirects) {
      throw new FetchFailure('redirect_loop', `More than ${deps.settings.maxRedirects} redirects starting at ${request.url}`, {
        httpStatus: response.status,
      });
    }
    visited.add(key);
    state.url = next;
  }
}

async function sendWithRetries(state: FlowState, headers: Record<string, string>, deps: FlowDeps): Promise<RawResponse> {
  const { settings } = deps;
  const url = state.url;
  const maxRetries = deps.maxRetriesFor(url);
  for (let retry = 0; ; retry++) {
    state.attempts++;
    const backoff = backoffDelayMs(retry, settings.retryBaseDelayMs, settings.retryMaxDelayMs, settings.random);
    let response: RawResponse;
    try {
      response = await deps.send(url, headers);
    } catch (error) {
      const failure = toFetchFailure(error, url.href);
      // Robots and address refusals are decisions, not accidents: asking again changes nothing.
      const retryNow = failure.retryable && failure.kind !== 'robots' && failure.kind !== 'private_address';
      if (!retryNow || retry >= maxRetries) throw failure;
      deps.logger.debug({ url: url.href, retry: retry + 1, delayMs: backoff, kind: failure.kind }, 'retrying after failure');
      await deps.sleep(backoff);
      continue;
    }

    const { status } = response;
    if (status !== 429 && status < 500) return response;

    const marker = detectBlock(status, decodeBody(response.bytes, header(response, 'content-type') ?? ''));
    if (marker) {
      throw new FetchFailure('blocked', `Bot block at ${url.href}: HTTP ${status} page shows "${marker}"`, { httpStatus: status });
    }
    const kind = status === 429 ? 'rate_limited' : 'http_status';
    const retryAfterRaw = header(response, 'retry-after');
    const retryAfterMs = parseRetryAfterMs(retryAfterRaw);
    if (retryAfterMs !== null && retryAfterMs > settings.maxRetryAfterMs) {
      throw new FetchFailure(
        kind,
        `HTTP ${status} from ${url.href} asks to wait ${JSON.stringify(retryAfterRaw)} (over the ${settings.maxRetryAfterMs} ms cap)`,
        { httpStatus: status, retryable: true },
      );
    }
    if (retry >= maxRetries) {
      throw new FetchFailure(kind, `HTTP ${status} from ${url.href} after ${retry + 1} attempt(s)`, {
        httpStatus: status,
        retryable: true,
      });
    }
    const delay = Math.max(backoff, retryAfterMs ?? 0);
    if (retryAfterMs !== null) deps.holdHost(url, Date.now() + retryAfterMs);
    deps.logger.debug({ url: url.href, status, retry: retry + 1, delayMs: delay, retryAfter: retryAfterRaw }, 'retrying after status');
    await deps.sleep(delay);
  }
}

function toOutcome(
  request: FetchRequest,
  state: FlowState,
  response: RawResponse,
  fetchedAt: Date,
  elapsedMs: number,
): FetchOutcome {
  const { status } = response;
  const base = { requestedUrl: request.url, url: state.url.href, fetchedAt, attempts: state.attempts };
  if (status === 304) return { kind: 'not_modified', ...base };
  if (status === 404 || status === 410) return { kind: 'gone', ...base, status };

  const contentType = header(response, 'content-type') ?? '';
  const bytes = new Uint8Array(response.bytes.buffer, response.bytes.byteOffset, response.bytes.byteLength);
  const gzipPayload = isGzipBytes(bytes);
  const body = gzipPayload ? '' : decodeBody(bytes, contentType);

  if (status < 200 || status >= 300) {
    const marker = status === 403 || status === 401 ? detectBlock(status, body) : null;
    if (marker) {
      throw new FetchFailure('blocked', `Bot block at ${state.url.href}: HTTP ${status} page shows "${marker}"`, { httpStatus: status });
    }
    throw new FetchFailure('http_status', `HTTP ${status} from ${state.url.href}`, { httpStatus: status, retryable: false });
  }

  const mismatch = contentTypeMismatch(request.expect ?? 'html', contentType, bytes);
  if (mismatch) {
    throw new FetchFailure('content_type', `Wrong content type at ${state.url.href}: ${mismatch}`, { httpStatus: status });
  }
  // Data (XML, JSON) is checked for challenge pages only when it came back as HTML: product
  // descriptions may well mention "captcha".
  const data = request.expect === 'xml' || request.expect === 'json';
  const checkBlock = !gzipPayload && (!data || mediaType(contentType) === 'text/html');
  const marker = checkBlock ? detectBlock(status, body) : null;
  if (marker) {
    throw new FetchFailure('blocked', `Bot block at ${state.url.href}: HTTP ${status} page is a challenge ("${marker}")`, {
      httpStatus: status,
    });
  }
  return {
    kind: 'ok',
    ...base,
    status,
    contentType,
    body,
    bytes,
    etag: header(response, 'etag'),
    lastModified: header(response, 'last-modified'),
    headers: flatHeaders(response.headers),
    elapsedMs,
  };
}
