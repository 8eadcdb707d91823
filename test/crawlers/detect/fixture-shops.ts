// A small shop on 127.0.0.1 per platform fixture (test/fixtures/platforms/<name>/): its home page with
// the platform's headers and cookies, its public endpoints, sitemaps and a product page. Pages say
// {{origin}} where the server's own origin goes. Every request is recorded.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';

export const FIXTURES = resolve(import.meta.dirname, '../../fixtures/platforms');

export type FixtureName = 'shopify' | 'woocommerce' | 'magento' | 'prestashop' | 'opencart' | 'bigcommerce' | 'plain' | 'mentions';

export interface Answer {
  status?: number;
  type?: string;
  /** A fixture file of the shop's folder, or the text itself. */
  file?: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface FixtureShopOptions {
  /** Answers by path with query (tried first) or by path alone; replaces the fixture's own. */
  routes?: Record<string, Answer>;
  /** Headers of the home page, over the fixture's own. */
  homeHeaders?: Record<string, string>;
}

export interface FixtureShop {
  /** Origin, no trailing slash. */
  origin: string;
  /** Path with query of every request, in order. */
  requests: string[];
  close(): Promise<void>;
}

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
const XML = 'application/xml; charset=utf-8';
const ALLOW_ALL = 'User-agent: *\nAllow: /\n';

/** Each fixture's home headers and routes: what the platform really answers. */
const PLATFORM_ROUTES: Record<FixtureName, { home?: Record<string, string>; routes: Record<string, Answer> }> = {
  shopify: {
    home: { 'x-shopify-stage': 'production', 'set-cookie': '_shopify_y=9f1c; path=/; expires=Wed, 09 Jun 2027 10:18:14 GMT' },
    routes: {
      '/products.json': { file: 'products.json', type: JSON_TYPE },
      '/products/storm-shell-jacket': { file: 'product.html' },
    },
  },
  woocommerce: {
    home: { link: '<{{origin}}/wp-json/>; rel="https://api.w.org/"' },
    routes: {
      '/wp-json/wc/store/v1/products': { file: 'store-api.json', type: JSON_TYPE },
      '/product/speckled-mug/': { file: 'product.html' },
    },
  },
  magento: {
    home: { 'set-cookie': 'X-Magento-Vary=abc123; path=/; HttpOnly' },
    routes: {
      '/graphql': { file: 'graphql-storeconfig.json', type: JSON_TYPE },
      '/akku-bohrschrauber-gsr-12v.html': { file: 'product.html' },
    },
  },
  prestashop: {
    home: { 'set-cookie': 'PrestaShop-0123456789abcdef0123456789abcdef=def502; expires=Wed, 09 Jun 2027 10:18:14 GMT; path=/; HttpOnly' },
    routes: {
      '/1_index_sitemap.xml': {
        type: XML,
        body: '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>{{origin}}/1_fr_0_sitemap.xml</loc></sitemap></sitemapindex>',
      },
      '/1_fr_0_sitemap.xml': {
        type: XML,
        body:
          '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' +
          '<url><loc>{{origin}}/</loc></url><url><loc>{{origin}}/3-savons</loc></url>' +
          '<url><loc>{{origin}}/savons/1-1-savon-lavande.html</loc></url><url><loc>{{origin}}/bougies/2-bougie-figue.html</loc></url></urlset>',
      },
      '/savons/1-1-savon-lavande.html': { file: 'product.html' },
    },
  },
  opencart: {
    home: { 'set-cookie': 'OCSESSID=5e2c7f0d8a; path=/' },
    routes: { '/index.php?route=product/product&product_id=40': { file: 'product.html' } },
  },
  bigcommerce: {
    home: { 'set-cookie': 'SHOP_SESSION_TOKEN=abc; path=/; HttpOnly' },
    routes: {
      '/robots.txt': { type: 'text/plain', body: 'User-agent: *\nDisallow: /cart.php\nSitemap: {{origin}}/xmlsitemap.php\n' },
      '/xmlsitemap.php': {
        type: XML,
        body:
          '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' +
          '<sitemap><loc>{{origin}}/xmlsitemap.php?type=pages&amp;page=1</loc></sitemap><sitemap><loc>{{origin}}/xmlsitemap.php?type=products&amp;page=1</loc></sitemap></sitemapindex>',
      },
      '/xmlsitemap.php?type=products&page=1': {
        type: XML,
        body: '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{{origin}}/ultralight-2p-tent/</loc></url></urlset>',
      },
      '/ultralight-2p-tent/': { file: 'product.html' },
    },
  },
  plain: { routes: { '/product/cast-iron-skillet-26cm': { file: 'product.html' } } },
  mentions: { routes: {} },
};

function fixtureText(name: FixtureName, file: string): string {
  return readFileSync(join(FIXTURES, name, file), 'utf8');
}

export async function startFixtureShop(name: FixtureName, options: FixtureShopOptions = {}): Promise<FixtureShop> {
  const platform = PLATFORM_ROUTES[name];
  const routes: Record<string, Answer> = {
    '/robots.txt': { type: 'text/plain', body: ALLOW_ALL },
    '/': { file: 'home.html', headers: { ...platform.home, ...options.homeHeaders } },
    ...platform.routes,
    ...options.routes,
  };
  const requests: string[] = [];
  let origin = '';
  const fill = (text: string) => text.replaceAll('{{origin}}', origin);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    requests.push(url.pathname + url.search);
    const answer = routes[url.pathname + url.search] ?? routes[url.pathname];
    if (!answer) {
      res.writeHead(404, { 'content-type': HTML }).end('<!doctype html><title>Not found</title><h1>Not found</h1>');
      return;
    }
    const body = fill(answer.file ? fixtureText(name, answer.file) : (answer.body ?? ''));
    const headers = Object.fromEntries(Object.entries(answer.headers ?? {}).map(([k, v]) => [k, fill(v)]));
    res.writeHead(answer.status ?? 200, { 'content-type': answer.type ?? HTML, ...headers }).end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
