// Renders one page in the pool's browser and gives back its HTML after the scripts ran, as a
// FetchOutcome like any fetch, so the same extractors read it. Everything the page does is capped:
// images, fonts, media and stylesheets are never loaded; only the store's own hosts are reached
// (through guard-proxy.ts, which also applies the private-address rule at connect time); its
// response bytes, requests and navigations (script redirect loops) are counted; dialogs are
// dismissed; one deadline covers navigation, scripts and the wait for product data. A hang, a
// renderer crash (out of memory included) or a limit ends the render as one error outcome.
import type { Page, Response } from 'playwright-core';
import { hostMatches } from '../config/store-config.ts';
import { detectBlock } from '../core/block-detect.ts';
import { FetchFailure } from '../core/errors.ts';
import type { FetchErrorKind, FetchOutcome } from '../core/types.ts';
import { startGuardProxy } from './guard-proxy.ts';
import { BrowserPoolClosedError, type BrowserPool } from './pool.ts';
import { DEFAULT_RENDER_LIMITS, type RenderLimits } from './render-limits.ts';

export { DEFAULT_RENDER_LIMITS, type RenderLimits };

export interface RenderRequest {
  url: string;
  /** The store's host patterns: the only hosts the page may reach. */
  hostPatterns: readonly string[];
  /** The store's host may be on a private or loopback address (the fetcher's rule, via its permit). */
  allowPrivate: boolean;
  userAgent?: string;
  /** Over the pool's own (BrowserPoolOptions.renderLimits) and the defaults. */
  limits?: Partial<RenderLimits>;
}

/** What never loads: it costs bandwidth and memory and holds no product data. */
const BLOCKED_RESOURCES = new Set(['image', 'font', 'media', 'stylesheet', 'texttrack', 'manifest', 'eventsource', 'websocket', 'beacon', 'ping', 'imageset']);

/** True once the page shows product data the extractors read: a JSON-LD product, or a price in markup. Runs in the page. */
const PRODUCT_DATA_SHOWN = `(() => {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    if (/"@type"\\s*:\\s*(\\[[^\\]]*)?"(Product|ProductGroup|IndividualProduct|Offer)"/.test(script.textContent || '')) return true;
  }
  return document.querySelector('[itemprop="price"], meta[property="product:price:amount"], meta[property="og:price:amount"]') !== null;
})()`;

function hostAllowed(patterns: readonly string[], hostname: string, port: number): boolean {
  const withPort = `${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`;
  return patterns.some((pattern) => hostMatches(pattern, pattern.includes(':') ? withPort : hostname));
}

/** A Playwright error, in the words of the render's error kinds. */
function classify(error: unknown, url: string, limits: RenderLimits): FetchFailure {
  if (error instanceof FetchFailure) return error;
  const message = (error as Error)?.message ?? String(error);
  const firstLine = message.split('\n')[0];
  if (error instanceof BrowserPoolClosedError) return new FetchFailure('render_failed', `Rendering ${url} refused: ${message}`);
  if ((error as Error)?.name === 'TimeoutError') {
    return new FetchFailure('render_timeout', `${url} did not finish loading within the ${limits.timeoutMs} ms render limit`, { retryable: true });
  }
  if (/ERR_TOO_MANY_REDIRECTS/.test(message)) return new FetchFailure('redirect_loop', `Too many redirects rendering ${url}`);
  if (/crash|Target closed|has been closed|Browser closed|browser has disconnected/i.test(message)) {
    return new FetchFailure('render_crash', `The browser died while rendering ${url}: ${firstLine}`);
  }
  if (/net::ERR_(CONNECTION_REFUSED|CONNECTION_RESET|NAME_NOT_RESOLVED|TIMED_OUT|EMPTY_RESPONSE|INTERNET_DISCONNECTED)/.test(message)) {
    return new FetchFailure('network', `Network error rendering ${url}: ${firstLine}`, { retryable: true });
  }
  return new FetchFailure('render_failed', `Rendering ${url} failed: ${firstLine}`, { retryable: true });
}

/** Renders `request.url` in a page of `pool`. Never throws: failures are error outcomes. */
export async function renderPage(pool: BrowserPool, request: RenderRequest): Promise<FetchOutcome> {
  const limits: RenderLimits = { ...DEFAULT_RENDER_LIMITS, ...pool.renderLimits, ...request.limits };
  const fetchedAt = new Date();
  const started = Date.now();
  const { url } = request;
  let finalUrl = url;
  let stop: (failure: FetchFailure) => void = () => {};
  const stopped = new Promise<never>((_, reject) => (stop = reject));
  stopped.catch(() => {});
  let failed: FetchFailure | null = null;
  const fail = (failure: FetchFailure) => {
    if (failed) return;
    failed = failure;
    stop(failure);
  };

  const guard = await startGuardProxy({
    allowsHost: (hostname, port) => hostAllowed(request.hostPatterns, hostname, port),
    allowPrivate: request.allowPrivate,
    maxBytes: limits.maxBytes,
    onTooLarge: (bytes) =>
      fail(new FetchFailure('too_large', `The page ${url} took in more than its ${limits.maxBytes}-byte cap (${bytes} bytes) while rendering`)),
  });
  try {
    const rendered = await pool.withPage({ proxyServer: guard.url, userAgent: request.userAgent }, async (page) => {
      const timer = setTimeout(
        () => fail(new FetchFailure('render_timeout', `${url} did not render within ${limits.timeoutMs} ms (it hung loading, or its script never finished)`, { retryable: true })),
        limits.timeoutMs,
      );
      try {
        watchPage(page, url, limits, pool, fail);
        await routeRequests(page, request, limits, fail);
        const work = drive(page, url, limits, started);
        work.catch(() => {});
        const result = await Promise.race([work, stopped]);
        finalUrl = page.url() || url;
        return result;
      } finally {
        clearTimeout(timer);
      }
    });
    return toOutcome(rendered, url, finalUrl, fetchedAt, started, limits, guard.refusals);
  } catch (error) {
    // A limit that was hit first is the error: what Playwright throws after it is its consequence.
    const failure = failed ?? classify(error, url, limits);
    const refused = guard.refusals.find((reason) => /private or loopback/.test(reason));
    const info = refused && failure.kind !== 'too_large' ? new FetchFailure('private_address', `Refused rendering ${url}: ${refused}`).toInfo() : failure.toInfo();
    return { kind: 'error', requestedUrl: url, url: finalUrl, error: info, fetchedAt, attempts: 1 };
  } finally {
    await guard.close();
  }
}

/** Crashes, dialogs and popups. */
function watchPage(page: Page, url: string, limits: RenderLimits, pool: BrowserPool, fail: (failure: FetchFailure) => void): void {
  page.on('crash', () =>
    fail(
      new FetchFailure(
        'render_crash',
        `The renderer crashed rendering ${url} (a page past its ${pool.jsHeapMb} MB script heap or ${pool.maxRendererRssMb} MB memory cap ends so)`,
      ),
    ),
  );
  page.on('dialog', (dialog) => void dialog.dismiss().catch(() => {}));
  page.context().on('page', (popup) => void popup.close().catch(() => {}));
  page.setDefaultTimeout(limits.timeoutMs);
}

async function routeRequests(page: Page, request: RenderRequest, limits: RenderLimits, fail: (failure: FetchFailure) => void): Promise<void> {
  let requests = 0;
  let navigations = 0;
  await page.routeWebSocket(() => true, (socket) => socket.close());
  await page.route('**/*', (route) => {
    const asked = route.request();
    requests++;
    if (requests > limits.maxRequests) {
      fail(new FetchFailure('too_large', `The page ${request.url} made more than ${limits.maxRequests} requests while rendering`));
      return void route.abort('blockedbyclient').catch(() => {});
    }
    if (BLOCKED_RESOURCES.has(asked.resourceType())) return void route.abort('blockedbyclient').catch(() => {});
    let target: URL;
    try {
      target = new URL(asked.url());
    } catch {
      return void route.abort('blockedbyclient').catch(() => {});
    }
    const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
    const web = target.protocol === 'http:' || target.protocol === 'https:';
    // Trackers, ads and everything else off the store's hosts: the proxy would refuse them anyway.
    if (!web || !hostAllowed(request.hostPatterns, target.hostname.replace(/^\[|\]$/g, ''), port)) {
      return void route.abort('blockedbyclient').catch(() => {});
    }
    if (asked.isNavigationRequest() && asked.frame() === page.mainFrame()) {
      navigations++;
      if (navigations > limits.maxNavigations) {
        fail(new FetchFailure('redirect_loop', `The page ${request.url} navigated more than ${limits.maxNavigations} times while rendering (a script redirect loop)`));
        return void route.abort('blockedbyclient').catch(() => {});
      }
    }
    return void route.continue().catch(() => {});
  });
}

interface Rendered {
  html: string;
  status: number;
}

async function drive(page: Page, url: string, limits: RenderLimits, started: number): Promise<Rendered> {
  let lastDocument: Response | null = null;
  page.on('response', (response) => {
    if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) lastDocument = response;
  });
  const left = () => Math.max(1, limits.timeoutMs - (Date.now() - started));
  // 'commit' and then the load state: a page that sends itself elsewhere by script keeps being
  // followed (and counted) instead of failing as "interrupted by another navigation".
  const first = await page.goto(url, { waitUntil: 'commit', timeout: left() });
  await page.waitForLoadState('domcontentloaded', { timeout: left() });
  const wait = Math.min(limits.productWaitMs, left());
  // Product data, or a quiet network (the page has fetched what it will): whichever comes first.
  await Promise.race([
    page.waitForFunction(PRODUCT_DATA_SHOWN, undefined, { timeout: wait, polling: 100 }),
    page.waitForLoadState('networkidle', { timeout: wait }),
  ]).catch(() => {
    // Nothing showed in time: read what is there; the extractors decide.
  });
  const html = await page.content();
  const status = (lastDocument as Response | null)?.status() ?? first?.status() ?? 200;
  return { html, status };
}

function toOutcome(
  rendered: Rendered,
  url: string,
  finalUrl: string,
  fetchedAt: Date,
  started: number,
  limits: RenderLimits,
  refusals: readonly string[],
): FetchOutcome {
  const base = { requestedUrl: url, url: finalUrl, fetchedAt, attempts: 1 };
  const error = (kind: FetchErrorKind, message: string, httpStatus?: number) =>
    ({ kind: 'error', ...base, error: { kind, message, retryable: false, ...(httpStatus ? { httpStatus } : {}) } }) as const;
  const { status, html } = rendered;
  if (status === 404 || status === 410) return { kind: 'gone', ...base, status };
  if (status >= 400) {
    // The guard proxy answers 403 for a host or address it refuses: say which.
    const refused = refusals.find((reason) => /private or loopback/.test(reason));
    if (refused) return error('private_address', `Refused rendering ${url}: ${refused}`);
    const finalHost = new URL(finalUrl).host;
    const offStore = refusals.find((reason) => reason.startsWith(`${finalHost} `) || reason.startsWith(`${finalHost}:`));
    if (offStore) return error('render_failed', `Rendering ${url} refused: it went to ${finalUrl}, and ${offStore}`);
    const marker = detectBlock(status, html);
    if (marker) return error('blocked', `Bot block at ${finalUrl}: HTTP ${status} page shows "${marker}" (rendered)`, status);
    return error('http_status', `HTTP ${status} from ${finalUrl} (rendered)`, status);
  }
  if (html.length > limits.maxHtmlChars) {
    return error('too_large', `The rendered HTML of ${finalUrl} is over the ${limits.maxHtmlChars}-character cap (${html.length})`);
  }
  const marker = detectBlock(status, html);
  if (marker) return error('blocked', `Bot block at ${finalUrl}: the rendered page is a challenge ("${marker}")`, status);
  const bytes = Buffer.from(html, 'utf8');
  return {
    kind: 'ok',
    ...base,
    status,
    contentType: 'text/html; charset=utf-8',
    body: html,
    bytes,
    // A rendered page has no validators of its own: it is never asked for conditionally.
    etag: null,
    lastModified: null,
    fetchedAt,
    elapsedMs: Date.now() - started,
  };
}
