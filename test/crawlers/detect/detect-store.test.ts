import { afterEach, describe, expect, it } from 'vitest';
import { createDetectionFetcher, detectStore, DetectionError, type DetectionReport } from '../../../crawlers/detect/index.ts';
import { fingerprintOf } from '../../../crawlers/detect/fingerprints/index.ts';
import type { Fetcher } from '../../../crawlers/core/types.ts';
import { startFixtureShop, type FixtureName, type FixtureShop, type FixtureShopOptions } from './fixture-shops.ts';

const open: { shop: FixtureShop; fetcher: Fetcher }[] = [];

afterEach(async () => {
  for (const { shop, fetcher } of open.splice(0)) {
    await fetcher.close();
    await shop.close();
  }
});

async function detect(name: FixtureName, options: FixtureShopOptions & { currency?: string } = {}): Promise<{ report: DetectionReport; shop: FixtureShop }> {
  const shop = await startFixtureShop(name, options);
  const fetcher = createDetectionFetcher({ allowPrivate: true, politeness: { requestsPerSecond: 100 } });
  open.push({ shop, fetcher });
  const report = await detectStore(`${shop.origin}/`, { fetcher, currency: options.currency });
  return { report, shop };
}

const signals = (report: DetectionReport) => report.candidates[0].evidence.map((e) => `${e.where}: ${e.signal}`);

describe('detectStore on platforms with a public catalogue API', () => {
  it('Shopify: markers in scripts and headers, confirmed by /products.json, currency and country from Shopify.currency/country', async () => {
    const { report, shop } = await detect('shopify');
    expect(report).toMatchObject({ platform: 'shopify', confirmedBy: `${shop.origin}/products.json?limit=1` });
    expect(report.proposed).toEqual({
      id: `127-0-0-1-${new URL(shop.origin).port}`,
      name: 'Northwind Outfitters',
      baseUrl: `${shop.origin}/`,
      hostPatterns: [new URL(shop.origin).host],
      country: 'GB',
      currency: 'GBP',
      sourceKind: 'jsonld',
      discovery: { kind: 'shopify' },
    });
    expect(report.config.discovery).toEqual({ kind: 'shopify', maxPages: 200 });
    expect(signals(report)).toEqual(
      expect.arrayContaining([
        'script: Shopify.shop / Shopify.theme set by the storefront',
        'header: x-shopify response header',
        'markup: asset from cdn.shopify.com',
        'cookie: Shopify cookie',
        'endpoint: /products.json listed 1 product(s)',
      ]),
    );
    expect(report.sample).toMatchObject({ url: `${shop.origin}/products/storm-shell-jacket`, read: true, sourceKind: 'jsonld' });
  });

  it('WooCommerce: plugin assets, body class and script parameters, confirmed by the Store API with its currency', async () => {
    const { report, shop } = await detect('woocommerce');
    expect(report).toMatchObject({ platform: 'woocommerce', confirmedBy: `${shop.origin}/wp-json/wc/store/v1/products?per_page=1` });
    expect(report.proposed).toMatchObject({ name: 'Hollow Pine Pottery', currency: 'USD', country: 'US', sourceKind: 'jsonld', discovery: { kind: 'woocommerce' } });
    expect(signals(report)).toEqual(expect.arrayContaining(['generator: generator tag names WooCommerce', 'markup: woocommerce body class']));
    expect(report.sample?.url).toBe(`${shop.origin}/product/speckled-mug/`);
  });

  it('Magento 2: RequireJS modules and static assets, confirmed by GraphQL storeConfig, its store name and currency', async () => {
    const { report, shop } = await detect('magento');
    expect(report.platform).toBe('magento');
    expect(report.confirmedBy).toMatch(new RegExp(`^${shop.origin}/graphql\\?query=.*storeConfig`));
    expect(report.proposed).toMatchObject({ name: 'Werkzeug Kontor', currency: 'EUR', sourceKind: 'microdata', discovery: { kind: 'magento' } });
    expect(report.proposed.country).toBeUndefined(); // <html lang="de"> names no country
    expect(report.config.discovery).toEqual({ kind: 'magento', maxPages: 500 });
    expect(signals(report)).toEqual(expect.arrayContaining(['markup: text/x-magento-init script', 'cookie: Magento cookie']));
    expect(report.sample?.url).toBe(`${shop.origin}/akku-bohrschrauber-gsr-12v.html`);
  });
});

describe('detectStore on platforms read through their pages', () => {
  it("PrestaShop: its JavaScript object and modules; its own sitemap (1_index_sitemap.xml) with PrestaShop's product URLs", async () => {
    const { report, shop } = await detect('prestashop');
    expect(report.platform).toBe('prestashop');
    expect(report.confirmedBy).toBeNull();
    const pattern = fingerprintOf('prestashop').pages.productUrlPattern;
    expect(report.proposed.discovery).toEqual({ kind: 'sitemap', url: `${shop.origin}/1_index_sitemap.xml`, productUrlPattern: pattern });
    expect(report.proposed).toMatchObject({ currency: 'EUR', country: 'FR', sourceKind: 'microdata' });
    const re = new RegExp(pattern!, 'i');
    expect(re.test(`${shop.origin}/savons/1-1-savon-lavande.html`)).toBe(true);
    expect(re.test(`${shop.origin}/3-savons`)).toBe(false);
    // A PrestaShop shop is never asked for another platform's API.
    expect(shop.requests.filter((r) => /products\.json|wp-json|graphql/.test(r))).toEqual([]);
  });

  it('OpenCart: catalog/view assets, route= links and OCSESSID; category start pages and route=product/product links', async () => {
    const { report, shop } = await detect('opencart');
    expect(report.platform).toBe('opencart');
    expect(report.proposed.discovery).toEqual({
      kind: 'start-pages',
      urls: [`${shop.origin}/index.php?route=product/category&path=20`, `${shop.origin}/index.php?route=product/category&path=24`],
      productLinkPattern: fingerprintOf('opencart').pages.productUrlPattern,
    });
    expect(report.proposed).toMatchObject({ currency: 'USD', sourceKind: 'jsonld', name: 'Gadget Bazaar' });
    expect(signals(report)).toEqual(expect.arrayContaining(['cookie: OCSESSID cookie', 'markup: asset below catalog/view/']));
  });

  it('BigCommerce: cdn11.bigcommerce.com, BCData and stencilBootstrap; the /xmlsitemap.php robots.txt names', async () => {
    const { report, shop } = await detect('bigcommerce');
    expect(report.platform).toBe('bigcommerce');
    // Product URLs are bare slugs: the product sitemaps of the index say which pages are products.
    expect(report.proposed.discovery).toEqual({ kind: 'sitemap', url: `${shop.origin}/xmlsitemap.php`, sitemapUrlPattern: '[?&]type=products(?:&|$)' });
    expect(report.sample).toMatchObject({ url: `${shop.origin}/ultralight-2p-tent/`, read: true, sourceKind: 'microdata' });
    expect(report.proposed).toMatchObject({ name: 'Trailhead Supply Co.', currency: 'USD', country: 'US' });
  });
});

describe('detectStore on shops of no known platform', () => {
  it('a plain HTML shop without a sitemap: category start pages and the product link shape of its home page', async () => {
    const { report, shop } = await detect('plain');
    expect(report.platform).toBeNull();
    expect(report.candidates).toEqual([]);
    expect(report.proposed.discovery).toEqual({
      kind: 'start-pages',
      urls: [`${shop.origin}/category/pans`, `${shop.origin}/category/knives`],
      productLinkPattern: '/products?/[^/?#]+',
    });
    expect(report.proposed).toMatchObject({ name: 'Koala Kitchenware', currency: 'AUD', country: 'AU', sourceKind: 'opengraph' });
    // No platform endpoint is asked without evidence for it.
    expect(shop.requests.filter((r) => /products\.json|wp-json|graphql/.test(r))).toEqual([]);
  });

  it('a plain HTML shop with a sitemap named in robots.txt: the sitemap, with the shape of its URLs', async () => {
    const sitemap =
      '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{{origin}}/</loc></url>' +
      ['cast-iron-skillet-26cm', 'carbon-steel-wok', 'chef-knife-20cm'].map((p) => `<url><loc>{{origin}}/product/${p}</loc></url>`).join('') +
      '</urlset>';
    const { report, shop } = await detect('plain', {
      routes: {
        '/robots.txt': { type: 'text/plain', body: 'User-agent: *\nAllow: /\nSitemap: {{origin}}/shop-map.xml\n' },
        '/shop-map.xml': { type: 'application/xml', body: sitemap },
      },
    });
    expect(report.platform).toBeNull();
    expect(report.proposed.discovery).toEqual({ kind: 'sitemap', url: `${shop.origin}/shop-map.xml`, productUrlPattern: '/products?/[^/?#]+' });
    expect(report.discoveryReason).toMatch(/from robots\.txt/);
  });

  it('a page that only talks about Shopify, Magento and PrestaShop (text, code samples, links) is none of them', async () => {
    const { report, shop } = await detect('mentions', { currency: 'USD' });
    expect(report.platform).toBeNull();
    // At most a hint (a link to opencart.com), never enough to ask an endpoint.
    expect(report.candidates.every((c) => c.score < 2)).toBe(true);
    expect(shop.requests.filter((r) => /products\.json|wp-json|graphql/.test(r))).toEqual([]);
  });

  it("a shop embedding Shopify's CDN (a buy button) is asked /products.json once, and is not taken for Shopify when it has none", async () => {
    const home =
      '<!doctype html><html lang="en-US"><head><title>Vinyl Attic</title><link rel="stylesheet" href="https://cdn.shopify.com/s/files/1/buy-button/buy-button.css"></head>' +
      '<body><a href="/category/records">Records</a><a href="/product/blue-train">Blue Train</a><a href="/product/kind-of-blue">Kind of Blue</a><a href="/product/a-love-supreme">A Love Supreme</a></body></html>';
    const { report, shop } = await detect('plain', { routes: { '/': { body: home } }, currency: 'USD' });
    expect(report.candidates.map((c) => [c.platform, c.score])).toEqual([['shopify', 2]]);
    expect(shop.requests.filter((r) => r.startsWith('/products.json'))).toEqual(['/products.json?limit=1']);
    expect(report.platform).toBeNull();
    expect(report.notes.join(' ')).toMatch(/products\.json\?limit=1 did not answer as Shopify \(answered HTTP 404\)/);
    expect(report.proposed.discovery).toMatchObject({ kind: 'start-pages', urls: [`${shop.origin}/category/records`] });
  });

  it('a Shopify shop whose /products.json is closed is still Shopify, read through its pages', async () => {
    const { report } = await detect('shopify', { routes: { '/products.json': { status: 404, body: 'Not found' } } });
    expect(report.platform).toBe('shopify');
    expect(report.confirmedBy).toBeNull();
    expect(report.proposed.discovery).toMatchObject({ kind: 'start-pages', productLinkPattern: '/products/[^/?#]+' });
    expect(report.notes.join(' ')).toMatch(/Shopify's catalogue API did not answer: its pages are read instead/);
  });
});

describe('detectStore refusals', () => {
  it('refuses a private or loopback address unless allowed, before any request', async () => {
    const shop = await startFixtureShop('shopify');
    const fetcher = createDetectionFetcher();
    open.push({ shop, fetcher });
    const error = await detectStore(`${shop.origin}/`, { fetcher }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DetectionError);
    expect(error).toMatchObject({ kind: 'private_address', message: expect.stringMatching(/private or loopback address 127\.0\.0\.1/) });
    expect(shop.requests).toEqual([]);
  });

  it('honours robots.txt: a shop that forbids crawling is not read', async () => {
    const shop = await startFixtureShop('shopify', { routes: { '/robots.txt': { type: 'text/plain', body: 'User-agent: *\nDisallow: /\n' } } });
    const fetcher = createDetectionFetcher({ allowPrivate: true, politeness: { requestsPerSecond: 100 } });
    open.push({ shop, fetcher });
    await expect(detectStore(`${shop.origin}/`, { fetcher })).rejects.toMatchObject({ kind: 'robots' });
    expect(shop.requests).toEqual(['/robots.txt']);
  });

  it('says so when the currency cannot be told, and takes the operator\'s', async () => {
    await expect(detect('mentions')).rejects.toMatchObject({ kind: 'no_currency', message: expect.stringMatching(/pass --currency/) });
    const { report } = await detect('mentions', { currency: 'NZD' });
    expect(report.proposed.currency).toBe('NZD');
  });

  it('refuses what is not an http(s) URL', async () => {
    const fetcher = createDetectionFetcher();
    await expect(detectStore('ftp://shop.example/', { fetcher })).rejects.toMatchObject({ kind: 'bad_url' });
    await expect(detectStore('not a url', { fetcher })).rejects.toMatchObject({ kind: 'bad_url' });
    await fetcher.close();
  });
});
