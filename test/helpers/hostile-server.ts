// A real HTTP server on 127.0.0.1 that misbehaves in every way a store can: slow, failing,
// flaky, rate limiting, redirect loops, huge bodies, gzip bombs, malformed markup, absurd
// prices, binary junk, captcha walls. It also serves good product pages, sitemaps (plain,
// index, gzip, nested, endless) and paginated catalogue pages, so fetching and discovery can be
// tested end to end. /sitemaps/deep/N.xml is an endless chain of indexes (N → N+1), each
// with a leaf /sitemaps/leaf/N.xml listing /product/(1000+N), for depth caps.
// Every request is counted in `hits` (keyed by path with query) and logged with its arrival
// time, and in-flight requests are counted for concurrency checks.
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';

export interface HostileServerOptions {
  /** robots.txt: 'allow' (default), 'forbid-all', or the full text to serve. */
  robots?: 'allow' | 'forbid-all' | string;
  /** Serve robots.txt with this status instead (e.g. 404 for "none", 500 for "unreachable"). */
  robotsStatus?: number;
  /** Crawl-delay (seconds) added to the "*" group. */
  crawlDelay?: number;
  /** Good product pages /product/1 … /product/N. Default 6. */
  productCount?: number;
  /** Catalogue pages /catalog?page=1 … /catalog?page=N, each linking to products. Default 3. */
  catalogPages?: number;
}

export interface HostileRequest {
  /** Path with query, as requested. */
  path: string;
  /** Arrival time, epoch ms (server side). */
  at: number;
  headers: IncomingHttpHeaders;
}

export interface HostileServer {
  /** Origin without trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
  /** Requests per path (with query). */
  hits: Map<string, number>;
  /** Every request in arrival order. */
  requests: HostileRequest[];
  /** Most requests in flight at once so far. */
  readonly maxInFlight: number;
  /** Every route the sitemap lists (paths), hostile and good. */
  routes: string[];
}

/** Paths of the misbehaving routes (all listed in /sitemap.xml). */
export const HOSTILE_ROUTES = [
  '/slow', '/slow-headers', '/500', '/flaky', '/429', '/429-date', '/429-forever', '/429-always',
  '/redirect-loop',
  '/redirect/3', '/huge', '/huge-declared', '/gzip-bomb', '/gzip', '/malformed-html', '/malformed-jsonld',
  '/absurd-price', '/absurd-price/negative', '/absurd-price/huge', '/binary', '/wrong-type', '/captcha',
  '/captcha-200', '/503-challenge', '/forbidden', '/etag', '/gone', '/gone-410', '/charset/latin1', '/charset/meta',
] as const;

export const ETAG = '"v1"';
export const LAST_MODIFIED = 'Mon, 02 Nov 2026 10:00:00 GMT';
const HUGE_BYTES = 20 * 1024 * 1024;
const BOMB_BYTES = 32 * 1024 * 1024;
let gzipBomb: Buffer | undefined;

/** GTIN-13 with a correct check digit for product n. */
export function productGtin(n: number): string {
  const body = `890${String(n).padStart(9, '0')}`;
  const sum = [...body].reduce((acc, digit, i) => acc + Number(digit) * (i % 2 === 0 ? 1 : 3), 0);
  return body + ((10 - (sum % 10)) % 10);
}

export function productPage(n: number, price: string | number = 1000 + n * 10, extraHead = ''): string {
  const jsonld = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: `Hostile Test Kettle ${n}`,
    sku: `HK-${n}`,
    gtin13: productGtin(n),
    brand: { '@type': 'Brand', name: 'Testware' },
    offers: { '@type': 'Offer', price, priceCurrency: 'INR', availability: 'https://schema.org/InStock' },
  };
  return `<!doctype html><html><head><meta charset="utf-8"><title>Hostile Test Kettle ${n}</title>${extraHead}
<script type="application/ld+json">${JSON.stringify(jsonld)}</script></head>
<body><h1>Hostile Test Kettle ${n}</h1><p class="price">₹${price}</p></body></html>`;
}

const CAPTCHA_PAGE = `<!doctype html><html><head><title>Attention Required! | Verify you are human</title></head>
<body><div id="cf-challenge-running">Checking if the site connection is secure</div>
<form id="challenge-form"><div class="g-recaptcha"></div></form><p>Are you a robot?</p></body></html>`;

function urlset(origin: string, paths: string[]): string {
  const entries = paths.map((path) => `  <url><loc>${(path.startsWith('http') ? path : origin + path).replace(/&/g, '&amp;')}</loc></url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</urlset>\n`;
}

function sitemapIndex(origin: string, paths: string[]): string {
  const entries = paths.map((path) => `  <sitemap><loc>${origin}${path}</loc><lastmod>2026-11-01</lastmod></sitemap>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</sitemapindex>\n`;
}

function catalogPage(page: number, pages: number, productCount: number): string {
  const links: string[] = [];
  for (let n = page; n <= productCount; n += pages) {
    links.push(`<li><a href="/product/${n}">Kettle ${n}</a> <a href="/product/${n}?utm_source=list&utm_medium=web#reviews">reviews</a></li>`);
  }
  const next = page < pages ? `<link rel="next" href="/catalog?page=${page + 1}">` : '';
  const numbers = Array.from({ length: pages }, (_, i) => `<a href="/catalog?page=${i + 1}">${i + 1}</a>`).join(' ');
  return `<!doctype html><html><head><title>Kettles, page ${page}</title>${next}</head><body>
<a href="/about">About us</a> <a href="https://elsewhere.example/product/99">Partner kettle</a>
<a href="mailto:shop@example.com">Mail</a> <a href="javascript:void(0)">Nothing</a>
<ul>${links.join('\n')}</ul><nav class="pagination">${numbers}</nav></body></html>`;
}

function robotsText(options: HostileServerOptions, origin: string): string {
  const delay = options.crawlDelay !== undefined ? `Crawl-delay: ${options.crawlDelay}\n` : '';
  let rules: string;
  if (options.robots === undefined || options.robots === 'allow') rules = `User-agent: *\n${delay}Disallow: /private/\n`;
  else if (options.robots === 'forbid-all') rules = `User-agent: *\n${delay}Disallow: /\n`;
  else return options.robots;
  return `${rules}\nSitemap: ${origin}/sitemap.xml\n`;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'content-type': type, ...headers });
  res.end(body);
}

/** Writes `total` bytes of HTML-ish filler, respecting backpressure, until done or the client leaves. */
function stream(res: ServerResponse, total: number): void {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let sent = 0;
  const pump = (): void => {
    while (sent < total && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

export async function startHostileServer(options: HostileServerOptions = {}): Promise<HostileServer> {
  const productCount = options.productCount ?? 6;
  const pages = options.catalogPages ?? 3;
  const hits = new Map<string, number>();
  const requests: HostileRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const productPaths = Array.from({ length: productCount }, (_, i) => `/product/${i + 1}`);
  const routes = [...HOSTILE_ROUTES, ...productPaths];
  let origin = '';

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname;
    const count = (hits.get(req.url ?? path) ?? 0) + 1;
    hits.set(req.url ?? path, count);
    requests.push({ path: req.url ?? path, at: Date.now(), headers: req.headers });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    const html = 'text/html; charset=utf-8';
    const product = path.match(/^\/product\/(\d+)$/);

    if (path === '/robots.txt') {
      if (options.robotsStatus) return send(res, options.robotsStatus, 'text/plain', `robots ${options.robotsStatus}`);
      return send(res, 200, 'text/plain', robotsText(options, origin));
    }
    if (product) {
      const delay = Number(url.searchParams.get('delay') ?? 0);
      return later(delay, () => send(res, 200, html, productPage(Number(product[1]))));
    }
    switch (path) {
      case '/sitemap.xml':
        return send(res, 200, 'application/xml', urlset(origin, routes));
      case '/sitemap-index.xml':
        return send(res, 200, 'application/xml', sitemapIndex(origin, ['/sitemaps/products.xml.gz', '/sitemaps/nested-index.xml']));
      case '/sitemaps/products.xml.gz':
        return send(res, 200, 'application/gzip', gzipSync(urlset(origin, productPaths)));
      case '/sitemaps/nested-index.xml':
        return send(res, 200, 'application/xml', sitemapIndex(origin, ['/sitemaps/extra.xml', '/sitemaps/broken.xml']));
      case '/sitemaps/extra.xml':
        return send(res, 200, 'text/xml', urlset(origin, ['/product/1?utm_source=feed&utm_campaign=autumn#top', '/about', 'https://elsewhere.example/product/7']));
      case '/sitemaps/broken.xml':
        return send(res, 500, 'text/plain', 'sitemap generator crashed');
      case '/catalog': {
        const page = Number(url.searchParams.get('page') ?? 1);
        if (!(page >= 1 && page <= pages)) return send(res, 404, html, '<h1>No such page</h1>');
        return send(res, 200, html, catalogPage(page, pages, productCount));
      }
      case '/about':
        return send(res, 200, html, '<html><head><title>About</title></head><body>We sell kettles.</body></html>');
      case '/slow': {
        res.writeHead(200, { 'content-type': html });
        res.write('<html><body>');
        const trickle = (): void => {
          if (res.destroyed) return;
          res.write('<p>still here</p>');
          later(100, trickle);
        };
        return trickle();
      }
      case '/slow-headers':
        return; // never answers; the socket closes when the client gives up or the server closes
      case '/500':
        return send(res, 500, html, '<h1>Internal Server Error</h1>');
      case '/flaky':
        return count <= 2 ? send(res, 500, html, '<h1>Oops</h1>') : send(res, 200, html, productPage(101));
      case '/429':
        return count === 1 ? send(res, 429, 'text/plain', 'slow down', { 'retry-after': '1' }) : send(res, 200, html, productPage(102));
      case '/429-date':
        return count === 1
          ? send(res, 429, 'text/plain', 'slow down', { 'retry-after': new Date(Date.now() + 2000).toUTCString() })
          : send(res, 200, html, productPage(103));
      case '/429-always':
        return send(res, 429, 'text/plain', 'slow down');
      case '/429-forever':
        return send(res, 429, 'text/plain', 'come back tomorrow', { 'retry-after': '3600' });
      case '/redirect-loop':
        return send(res, 302, html, '', { location: '/redirect-loop-b' });
      case '/redirect-loop-b':
        return send(res, 301, html, '', { location: `${origin}/redirect-loop` });
      case '/huge':
        res.writeHead(200, { 'content-type': html });
        return stream(res, HUGE_BYTES);
      case '/huge-declared':
        res.writeHead(200, { 'content-type': html, 'content-length': HUGE_BYTES });
        return stream(res, HUGE_BYTES);
      case '/gzip-bomb':
        gzipBomb ??= gzipSync(Buffer.alloc(BOMB_BYTES, ' '), { level: 9 });
        return send(res, 200, html, gzipBomb, { 'content-encoding': 'gzip' });
      case '/gzip':
        return send(res, 200, html, gzipSync(productPage(104)), { 'content-encoding': 'gzip' });
      case '/malformed-html':
        return send(res, 200, html, '<html><head><title>Broken <b>kettle</head><body><div><p>Price: ₹<span>1,299<div></table></body');
      case '/malformed-jsonld':
        return send(res, 200, html, productPage(105).replace('"@type":"Product"', '"@type":"Product",,, "name": "Broken'));
      case '/absurd-price':
        return send(res, 200, html, productPage(106, 0));
      case '/absurd-price/negative':
        return send(res, 200, html, productPage(107, -5));
      case '/absurd-price/huge':
        return send(res, 200, html, productPage(108, 1e12));
      case '/binary':
        return send(res, 200, 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0xff, 0x00, 0xfe]));
      case '/wrong-type':
        return send(res, 200, 'application/octet-stream', productPage(109));
      case '/captcha':
        return send(res, 403, html, CAPTCHA_PAGE);
      case '/captcha-200':
        return send(res, 200, html, CAPTCHA_PAGE);
      case '/503-challenge':
        return send(res, 503, html, CAPTCHA_PAGE);
      case '/forbidden':
        return send(res, 403, html, '<h1>403 Forbidden</h1><p>You do not have permission.</p>');
      case '/etag': {
        const fresh =
          req.headers['if-none-match'] === ETAG ||
          (req.headers['if-modified-since'] !== undefined && Date.parse(req.headers['if-modified-since']) >= Date.parse(LAST_MODIFIED));
        if (fresh) {
          res.writeHead(304, { etag: ETAG, 'last-modified': LAST_MODIFIED });
          return void res.end();
        }
        return send(res, 200, html, productPage(110), { etag: ETAG, 'last-modified': LAST_MODIFIED });
      }
      case '/gone':
        return send(res, 404, html, '<h1>Not found</h1>');
      case '/gone-410':
        return send(res, 410, html, '<h1>Gone</h1>');
      case '/charset/latin1':
        return send(res, 200, 'text/html; charset=iso-8859-1', Buffer.from('<html><body><p>Caf\u00e9 cr\u00e8me \u00a3</p></body></html>', 'latin1'));
      case '/charset/meta':
        return send(res, 200, 'text/html', Buffer.concat([Buffer.from('<html><head><meta charset="windows-1252"></head><body><p>'), Buffer.from([0x80, 0x20, 0xe9]), Buffer.from('</p></body></html>')]));
      default: {
        const deep = path.match(/^\/sitemaps\/(deep|leaf)\/(\d+)\.xml$/);
        if (deep) {
          const n = Number(deep[2]);
          return deep[1] === 'deep'
            ? send(res, 200, 'application/xml', sitemapIndex(origin, [`/sitemaps/deep/${n + 1}.xml`, `/sitemaps/leaf/${n}.xml`]))
            : send(res, 200, 'application/xml', urlset(origin, [`/product/${1000 + n}`]));
        }
        const redirect = path.match(/^\/redirect\/(\d+)$/);
        if (redirect) {
          const n = Number(redirect[1]);
          return send(res, 302, html, '', { location: n > 0 ? `/redirect/${n - 1}` : '/product/1' });
        }
        return send(res, 404, html, '<h1>Not found</h1>');
      }
    }
  };

  const server = http.createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    hits,
    requests,
    routes,
    get maxInFlight() {
      return maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
