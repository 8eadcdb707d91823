// One HTTP server per demo store: routes a request to a page, and answers conditional requests
// with 304 when the page (a pure function of the market tick) has not changed.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { startOfLocalDay } from './format.ts';
import { tickAt } from './market.ts';
import { categorySlice, siteContext, type SiteContext, type StoreInventory } from './site.ts';
import { childSitemap, robotsTxt, SITEMAP_INDEX_PATH, sitemapIndex } from './sitemap.ts';
import type { DemoStoreKind } from './store-profiles.ts';
import { bazaarkartTemplates } from './templates/bazaarkart.ts';
import { dukaanTemplates } from './templates/dukaan.ts';
import { gadgetgaliTemplates } from './templates/gadgetgali.ts';
import { productsJson } from './shopify-api.ts';
import { lalajiTemplates } from './templates/lalaji.ts';
import { liffeyTemplates } from './templates/liffey.ts';
import { megamandiTemplates } from './templates/megamandi.ts';
import { mobilemahalTemplates } from './templates/mobilemahal.ts';
import { pixelhaatTemplates } from './templates/pixelhaat.ts';
import { rangoliTemplates } from './templates/rangoli.ts';
import type { StoreTemplates } from './templates/shared.ts';
import { voltstreamTemplates } from './templates/voltstream.ts';
import { platformRoutes } from './platforms/index.ts';
import type { Page, StoreServerOptions } from './page.ts';

/**
 * Each store kind's pages. A kind may also answer its own platform paths (an API, a feed) in
 * platforms/index.ts before the shared routing below.
 */
const templatesByKind: Partial<Record<DemoStoreKind, StoreTemplates>> = {
  jsonld: dukaanTemplates,
  microdata: bazaarkartTemplates,
  html: lalajiTemplates,
  sitemap: voltstreamTemplates,
  shopify: gadgetgaliTemplates,
  marketplace: megamandiTemplates,
  magento: liffeyTemplates,
  opencart: mobilemahalTemplates,
  browser: pixelhaatTemplates,
  'meta-feed': rangoliTemplates,
};

export type { Page, StoreServerOptions } from './page.ts';

const placeholderSvg = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 4 4"><rect width="4" height="4" fill="#ddd"/><path d="M1 3l1-1.2L3 3z" fill="#aaa"/></svg>',
);

function html(status: number, text: string, lastModified?: number): Page {
  return { status, contentType: 'text/html; charset=utf-8', body: Buffer.from(text), lastModified };
}

function route(ctx: SiteContext, url: URL, options: StoreServerOptions): Page {
  const { profile, inventory } = ctx;
  const templates = templatesByKind[profile.kind];
  if (!templates) throw new Error(`Demo store kind "${profile.kind}" has no templates in server.ts`);
  const path = url.pathname;
  const platformPage = platformRoutes[profile.kind]?.(ctx, url, options);
  if (platformPage) return platformPage;
  if (path === '/robots.txt') {
    const sitemapUrl = profile.kind === 'sitemap' ? `${ctx.baseUrl}${SITEMAP_INDEX_PATH}` : null;
    return { status: 200, contentType: 'text/plain; charset=utf-8', body: Buffer.from(robotsTxt({ crawlDelay: options.crawlDelay, sitemapUrl })) };
  }
  if (path === '/' || (profile.kind === 'html' && path === '/index.php')) return html(200, templates.home(ctx));
  if (path.startsWith('/img/') && path.endsWith('.svg')) {
    return { status: 200, contentType: 'image/svg+xml', body: placeholderSvg, lastModified: 0 };
  }
  if (profile.kind === 'sitemap') {
    if (path === SITEMAP_INDEX_PATH) {
      return { status: 200, contentType: 'application/xml; charset=utf-8', body: Buffer.from(sitemapIndex(ctx, options.tickMs)) };
    }
    if (path.startsWith('/sitemaps/')) {
      const child = childSitemap(ctx, path.slice('/sitemaps/'.length), options.tickMs);
      if (child) return { status: 200, contentType: child.gzipped ? 'application/gzip' : 'application/xml; charset=utf-8', body: child.body };
    }
  }
  if (profile.kind === 'shopify') {
    if (path === '/products.json') {
      return { status: 200, contentType: 'application/json; charset=utf-8', body: Buffer.from(productsJson(ctx, url.searchParams)) };
    }
    if (profile.parseProductPath(url) !== null) {
      // "/products/{handle}?variant={id}", or the plain handle (the family's first variant).
      const listing = inventory.byPath.get(path + url.search) ?? (url.search === '' ? inventory.byPath.get(path) : undefined);
      if (!listing) return html(404, templates.notFound(ctx, path));
      const since = ctx.offer(listing).quote.sinceTick * options.tickMs;
      return html(200, templates.product(ctx, listing), Math.max(since, startOfLocalDay(ctx.nowMs, profile.tzOffsetMinutes)));
    }
  }
  const code = profile.parseProductPath(url);
  if (code !== null) {
    const listing = inventory.byCode.get(code);
    // A product page answers only at its canonical path (the slug part must match too).
    if (listing && (profile.kind === 'html' || listing.path === path)) {
      const since = ctx.offer(listing).quote.sinceTick * options.tickMs;
      const lastModified = Math.max(since, startOfLocalDay(ctx.nowMs, profile.tzOffsetMinutes));
      return html(200, templates.product(ctx, listing), lastModified);
    }
    return html(404, templates.notFound(ctx, path));
  }
  const categoryRequest = profile.parseCategoryPath(url);
  if (categoryRequest) {
    const category = inventory.categoryBySlug.get(categoryRequest.slug);
    const slice = category ? categorySlice(inventory, category, categoryRequest.page) : null;
    if (category && slice) return html(200, templates.category(ctx, category, slice.items, categoryRequest.page, slice.pages));
  }
  return html(404, templates.notFound(ctx, path));
}

function etagOf(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

/** True when an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks for GET). */
function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === bare);
}

function isNotModified(req: IncomingMessage, etag: string, lastModifiedMs: number): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) return etagMatches(ifNoneMatch, etag);
  const ifModifiedSince = req.headers['if-modified-since'];
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return Number.isFinite(since) && Math.floor(lastModifiedMs / 1000) * 1000 <= since;
}

export function handleRequest(req: IncomingMessage, res: ServerResponse, options: StoreServerOptions, baseUrl: string, contexts: Map<number, SiteContext>): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }).end(`Expected GET or HEAD, found ${req.method}\n`);
    return;
  }
  const now = options.clock();
  const tick = tickAt(now, options.tickMs);
  let ctx = contexts.get(tick);
  if (!ctx) {
    contexts.clear();
    ctx = siteContext(options.inventory, tick, options.tickMs, baseUrl);
    contexts.set(tick, ctx);
  }
  const url = new URL(req.url ?? '/', baseUrl);
  const page = route(ctx, url, options);
  const etag = etagOf(page.body);
  const lastModified = page.lastModified ?? ctx.nowMs;
  const headers: Record<string, string> = {
    'Content-Type': page.contentType,
    'Cache-Control': 'no-cache',
    ETag: etag,
    'Last-Modified': new Date(lastModified).toUTCString(),
  };
  options.log?.debug({ method: req.method, url: req.url, status: page.status, tick }, 'demo store request');
  if (page.status === 200 && isNotModified(req, etag, lastModified)) {
    res.writeHead(304, { ETag: etag, 'Last-Modified': headers['Last-Modified'], 'Cache-Control': 'no-cache' }).end();
    return;
  }
  headers['Content-Length'] = String(page.body.length);
  res.writeHead(page.status, headers);
  res.end(req.method === 'HEAD' ? undefined : page.body);
}

/** Starts one store's server; resolves once it listens, with the port it got. */
export async function startStoreServer(options: StoreServerOptions): Promise<{ server: Server; port: number; baseUrl: string }> {
  const contexts = new Map<number, SiteContext>();
  let baseUrl = '';
  const server = createServer((req, res) => {
    try {
      handleRequest(req, res, options, baseUrl, contexts);
    } catch (error) {
      options.log?.error({ err: error, url: req.url }, 'demo store page failed');
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`Demo store error: ${(error as Error).message}\n`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(new Error(`Demo store ${options.inventory.profile.id} could not listen on ${options.host}:${options.port}: ${error.message}`, { cause: error })),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  baseUrl = `http://${hostForUrl}:${port}`;
  return { server, port, baseUrl };
}
