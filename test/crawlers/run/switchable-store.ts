// A small store on 127.0.0.1 whose behaviour the test switches between crawls: good pages with
// ETags (and 304s), prices that move, every product page failing in its own way, or a robots.txt
// that forbids everything. The same origin throughout, so listings of one crawl meet the next.
import http, { type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { productPage } from '../../helpers/hostile-server.ts';

/** How each product page fails in 'failing' mode, by product number (n % FAILURES.length). */
export const FAILURES = ['500', 'hang', 'captcha', '429-forever', 'not-a-product', 'absurd-price', 'binary', 'huge'] as const;
export type FailureKind = (typeof FAILURES)[number];

/** 'sitemap-down': the sitemap index fails; 'sitemap-half-down': its second child (products 9…) fails. */
export type StoreMode = 'good' | 'failing' | 'sitemap-down' | 'sitemap-half-down';

export interface SwitchableStore {
  url: string;
  mode: StoreMode;
  robots: 'allow' | 'forbid-all';
  /** Price per product number (1-based); change one to move the market. */
  prices: Map<number, number>;
  /** Every request: path and headers, in arrival order. */
  requests: { path: string; headers: IncomingHttpHeaders }[];
  productPaths: string[];
  failureOf(n: number): FailureKind;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'content-type': type, ...headers });
  res.end(body);
}

const HTML = 'text/html; charset=utf-8';

export async function startSwitchableStore(productCount = 16): Promise<SwitchableStore> {
  const productPaths = Array.from({ length: productCount }, (_, i) => `/product/${i + 1}`);
  const hanging = new Set<ServerResponse>();
  let origin = '';
  const store: SwitchableStore = {
    url: '',
    mode: 'good',
    robots: 'allow',
    prices: new Map(productPaths.map((_, i) => [i + 1, 1000 + (i + 1) * 10])),
    requests: [],
    productPaths,
    failureOf: (n) => FAILURES[n % FAILURES.length],
    close: async () => {
      for (const res of hanging) res.destroy();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };

  const failPage = (res: ServerResponse, n: number): void => {
    switch (store.failureOf(n)) {
      case '500':
        return send(res, 500, HTML, '<h1>Internal Server Error</h1>');
      case 'hang':
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      case 'captcha':
        return send(res, 403, HTML, '<html><head><title>Verify you are human</title></head><body><div class="g-recaptcha"></div><p>Are you a robot?</p></body></html>');
      case '429-forever':
        return send(res, 429, 'text/plain', 'come back tomorrow', { 'retry-after': '3600' });
      case 'not-a-product':
        return send(res, 200, HTML, '<html><head><title>Under maintenance</title></head><body><p>Back soon.</p></body></html>');
      case 'absurd-price':
        return send(res, 200, HTML, productPage(n, 0));
      case 'binary':
        return send(res, 200, 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0xff]));
      case 'huge':
        return send(res, 200, HTML, Buffer.alloc(3 * 1024 * 1024, 'a'));
    }
  };

  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    store.requests.push({ path, headers: req.headers });
    if (path === '/robots.txt') {
      const rules = store.robots === 'forbid-all' ? 'Disallow: /' : 'Disallow: /private/';
      return send(res, 200, 'text/plain', `User-agent: *\n${rules}\n\nSitemap: ${origin}/sitemap.xml\n`);
    }
    if (path === '/sitemap.xml') {
      if (store.mode === 'sitemap-down') return send(res, 503, HTML, '<h1>Service Unavailable</h1>');
      const children = ['/sitemap-1.xml', '/sitemap-2.xml'].map((p) => `<sitemap><loc>${origin}${p}</loc></sitemap>`).join('\n');
      return send(res, 200, 'application/xml', `<?xml version="1.0"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${children}\n</sitemapindex>\n`);
    }
    const child = path.match(/^\/sitemap-([12])\.xml$/);
    if (child) {
      if (child[1] === '2' && store.mode === 'sitemap-half-down') return send(res, 500, HTML, '<h1>Sitemap generator crashed</h1>');
      const half = Math.ceil(productPaths.length / 2);
      const paths = child[1] === '1' ? productPaths.slice(0, half) : productPaths.slice(half);
      const urls = paths.map((p) => `<url><loc>${origin}${p}</loc></url>`).join('\n');
      return send(res, 200, 'application/xml', `<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`);
    }
    const product = path.match(/^\/product\/(\d+)$/);
    const n = product ? Number(product[1]) : 0;
    if (!product || !store.prices.has(n)) return send(res, 404, HTML, '<h1>Not found</h1>');
    if (store.mode === 'failing') return failPage(res, n);
    const price = store.prices.get(n)!;
    const etag = `"p${n}-${price}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag });
      return void res.end();
    }
    return send(res, 200, HTML, productPage(n, price), { etag });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  store.url = origin;
  return store;
}
