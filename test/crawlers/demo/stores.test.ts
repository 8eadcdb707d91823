import { gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeConfigSchema } from '../../../crawlers/config/store-config.ts';
import { demoStoreProfiles, startDemoStores, type DemoStores, type RunningDemoStore } from '../../../crawlers/demo/index.ts';

const TICK_MS = 60_000;
let now = Date.UTC(2026, 10, 23, 9, 0, 0);
let demo: DemoStores;

function store(kind: string): RunningDemoStore {
  const found = demo.stores.find((s) => s.profile.kind === kind);
  if (!found) throw new Error(`expected a demo store of kind ${kind}`);
  return found;
}

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

function jsonLdBlocks(html: string): any[] {
  const $ = cheerio.load(html);
  return $('script[type="application/ld+json"]').toArray().map((el) => JSON.parse($(el).text()));
}

function findProduct(blocks: any[]): any {
  for (const block of blocks) {
    for (const node of block['@graph'] ?? [block]) if (node['@type'] === 'Product') return node;
  }
  return undefined;
}

beforeAll(async () => {
  demo = await startDemoStores({ seed: 1, clock: () => now, marketTickMs: TICK_MS, crawlDelay: null });
});

afterAll(async () => {
  await demo?.close();
});

describe('demo stores', () => {
  it('runs every demo store on 127.0.0.1 with its own port, currency and inventory', () => {
    expect(demo.stores).toHaveLength(demoStoreProfiles.length);
    expect(demo.stores.length).toBeGreaterThanOrEqual(10);
    expect(new Set(demo.stores.map((s) => s.port)).size).toBe(demo.stores.length);
    for (const s of demo.stores) {
      expect(s.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      // The Shopify shop is the small one (84 variants of 43 products with seed 1).
      expect(s.inventory.listings.length, s.profile.id).toBeGreaterThan(s.profile.kind === 'shopify' ? 60 : 100);
    }
    expect(new Set(demo.stores.map((s) => s.profile.currency))).toEqual(new Set(['INR', 'EUR']));
  });

  it('produces store configs that validate against storeConfigSchema', () => {
    for (const config of demo.configs) {
      const result = storeConfigSchema.safeParse(config);
      expect(result.success, JSON.stringify(!result.success && result.error.issues)).toBe(true);
      expect(result.data!.demo).toBe(true);
      expect(result.data!.hostPatterns[0]).toMatch(/^127\.0\.0\.1:\d+$/);
    }
    const plain = store('html').config;
    expect(plain.selectors?.price).toBeTruthy();
  });

  it('links category pages to product pages and later pages, matching the configured link pattern', async () => {
    for (const s of demo.stores.filter((x) => x.config.discovery.kind === 'start-pages')) {
      const discovery = s.config.discovery as { urls: string[]; productLinkPattern: string };
      const pattern = new RegExp(discovery.productLinkPattern, 'i');
      const page = await get(discovery.urls[0]);
      expect(page.status).toBe(200);
      const $ = cheerio.load(page.body.toString());
      const links = $('a[href]').toArray().map((a) => new URL($(a).attr('href')!, discovery.urls[0]).href);
      const matched = links.filter((href) => pattern.test(href));
      const productUrls = new Set(s.inventory.listings.map((l) => s.baseUrl + l.path));
      expect(matched.length, s.profile.id).toBeGreaterThan(10);
      for (const href of matched) expect(productUrls, `${s.profile.id} pattern matched a non-product ${href}`).toContain(href);
      const next = $('a[rel="next"]').attr('href');
      expect(next, s.profile.id).toMatch(/page=2$/);
      expect((await get(new URL(next!, discovery.urls[0]).href)).status).toBe(200);
    }
  });

  it('Dukaan serves JSON-LD Product + Offer + OfferShippingDetails with a delivery time', async () => {
    const s = store('jsonld');
    const listing = s.inventory.listings.find((l) => s.inventory.byCode.has(l.code) && l.product.category === 'phones')!;
    const page = await get(s.baseUrl + listing.path);
    expect(page.status).toBe(200);
    const product = findProduct(jsonLdBlocks(page.body.toString()));
    expect(product.name).toBe(listing.title);
    expect(product.offers.priceCurrency).toBe('INR');
    expect(product.offers.price).toMatch(/^\d+\.\d{2}$/);
    expect(product.offers.shippingDetails['@type']).toBe('OfferShippingDetails');
    if (product.offers.availability !== 'https://schema.org/OutOfStock') {
      expect(product.offers.shippingDetails.deliveryTime.transitTime.unitCode).toBe('DAY');
    }
    expect(page.body.toString()).toContain('class="a-text-strike"');
  });

  it('BazaarKart uses microdata only', async () => {
    const s = store('microdata');
    const listing = s.inventory.listings.find((l) => l.showsGtin)!;
    const html = (await get(s.baseUrl + listing.path)).body.toString();
    const $ = cheerio.load(html);
    const product = $('[itemtype="https://schema.org/Product"]');
    expect(product).toHaveLength(1);
    expect(product.find('[itemprop="name"]').first().text()).toBe(listing.title);
    const offer = product.find('[itemprop="offers"][itemtype="https://schema.org/Offer"]');
    expect(Number(offer.find('[itemprop="price"]').attr('content'))).toBeGreaterThan(0);
    expect(offer.find('[itemprop="priceCurrency"]').attr('content')).toBe('INR');
    expect(product.find('[itemprop="gtin13"]').attr('content')).toBe(listing.product.gtin);
    expect($('script[type="application/ld+json"]')).toHaveLength(0);
    expect($('meta[property^="og:"]')).toHaveLength(0);
  });

  it('Lalaji has no structured markup, and its configured selectors find the main product, not the carousel', async () => {
    const s = store('html');
    const listing = s.inventory.listings[5];
    const html = (await get(s.baseUrl + listing.path)).body.toString();
    const $ = cheerio.load(html);
    expect($('script[type="application/ld+json"]')).toHaveLength(0);
    expect($('[itemscope], [itemprop], meta[property^="og:"]')).toHaveLength(0);
    const selectors = s.config.selectors!;
    expect($(selectors.title!).text()).toBe(listing.title);
    expect($(selectors.price!)).toHaveLength(1);
    expect($(selectors.price!).text()).toMatch(/^Rs\. [\d,]+\.\d{2}$/);
    expect($('.our-price').length).toBeGreaterThan(1); // the "also see" box repeats the class
    expect($(selectors.delivery!).text()).toMatch(/business days|not available/);
  });

  it('Voltstream is found through a sitemap index with a gzipped child, and serves JSON-LD + OpenGraph', async () => {
    const s = store('sitemap');
    const robots = (await get(`${s.baseUrl}/robots.txt`)).body.toString();
    const sitemapUrl = /^Sitemap: (.+)$/m.exec(robots)![1];
    expect(sitemapUrl).toBe((s.config.discovery as { url: string }).url);
    const index = (await get(sitemapUrl)).body.toString();
    const children = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(children.length).toBeGreaterThanOrEqual(3);
    const gz = children.find((c) => c.endsWith('.xml.gz'))!;
    const gzResponse = await get(gz);
    expect(gzResponse.headers.get('content-type')).toBe('application/gzip');
    const xml = gunzipSync(gzResponse.body).toString();
    const urls = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    const page = (await get(urls[0])).body.toString();
    const product = findProduct(jsonLdBlocks(page));
    expect(product.offers[0].priceCurrency).toBe('EUR');
    const $ = cheerio.load(page);
    expect($('meta[property="og:price:amount"]').attr('content')).toBe(product.offers[0].price);
  });

  it('Gadget Gali serves Shopify products.json in pages: one product per family, a variant per listing, with a page at each variant URL', async () => {
    const s = store('shopify');
    expect(s.config.discovery).toEqual({ kind: 'shopify' });
    const pages: any[][] = [];
    for (let page = 1; page < 10; page++) {
      const response = await get(`${s.baseUrl}/products.json?limit=10&page=${page}`);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const products = JSON.parse(response.body.toString()).products;
      if (products.length === 0) break;
      pages.push(products);
    }
    const products = pages.flat();
    expect(pages.length).toBeGreaterThan(2);
    expect(new Set(products.map((p) => p.handle)).size).toBe(products.length);
    const variants = products.flatMap((p) => p.variants.map((v: any) => ({ product: p, variant: v })));
    expect(variants).toHaveLength(s.inventory.listings.length);
    const multi = products.filter((p) => p.variants.length > 1);
    expect(multi.length).toBeGreaterThan(5);
    const barcodes = multi[0].variants.map((v: any) => v.barcode).filter(Boolean);
    expect(new Set(barcodes).size, 'per-variant barcodes').toBe(barcodes.length);
    // Every variant's URL is a listing path, and its page shows the API's price.
    const paths = new Set(s.inventory.listings.map((l) => l.path));
    for (const { product, variant } of [variants[0], ...multi.slice(0, 3).map((p) => ({ product: p, variant: p.variants[1] }))]) {
      const path = product.variants.length > 1 ? `/products/${product.handle}?variant=${variant.id}` : `/products/${product.handle}`;
      expect(paths).toContain(path);
      const ld = findProduct(jsonLdBlocks((await get(s.baseUrl + path)).body.toString()));
      expect(ld.offers.price).toBe(variant.price);
      expect(ld.offers.priceCurrency).toBe('INR');
    }
    const single = products.find((p) => p.variants.length === 1);
    if (single) expect(single.variants[0].title).toBe('Default Title');
    expect(JSON.parse((await get(`${s.baseUrl}/products.json?limit=250&page=99`)).body.toString())).toEqual({ products: [] });
  });

  it('answers 304 to If-None-Match and If-Modified-Since, and 200 with a stale ETag', async () => {
    const s = store('jsonld');
    const url = s.baseUrl + s.inventory.listings[0].path;
    const first = await get(url);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect((await get(url, { 'If-None-Match': etag })).status).toBe(304);
    expect((await get(url, { 'If-Modified-Since': first.headers.get('last-modified')! })).status).toBe(304);
    expect((await get(url, { 'If-None-Match': '"stale"' })).status).toBe(200);
  });

  it('serves the same page within a tick, and changes some pages (and their ETags) as the market moves', async () => {
    const s = store('microdata');
    const urls = s.inventory.listings.slice(0, 80).map((l) => s.baseUrl + l.path);
    const read = async () => Promise.all(urls.map(async (u) => (await get(u)).headers.get('etag')));
    const before = await read();
    now += 1_000; // same tick
    expect(await read()).toEqual(before);
    now += TICK_MS * 12;
    const after = await read();
    const changed = after.filter((etag, i) => etag !== before[i]).length;
    expect(changed).toBeGreaterThan(0);
    expect(changed).toBeLessThan(urls.length);
    now -= TICK_MS * 12;
    expect(await read()).toEqual(before);
  });

  it('answers 404 with a store page for unknown products and paths', async () => {
    for (const s of demo.stores) {
      const unknown = {
        jsonld: '/some-product/dp/B0ZZZZZZZZ',
        microdata: '/some-product/p/itm0000000000000',
        html: '/item.php?id=99999',
        sitemap: '/products/no-such-product',
        shopify: '/products/no-such-product',
        browser: '/product/ph00000000',
        magento: '/no-such-product.html',
        opencart: '/index.php?route=product/product&product_id=999999',
        marketplace: '/some-product/item/MMZZZZZZZZZZ',
        'meta-feed': '/shop/rg0000000000',
      }[s.profile.kind];
      expect(s.profile.parseProductPath(new URL(s.baseUrl + unknown)), 'a well-formed product URL').not.toBeNull();
      const response = await get(s.baseUrl + unknown);
      expect(response.status, `${s.profile.id} ${unknown}`).toBe(404);
      expect(response.body.toString()).toContain(s.profile.name);
      expect((await get(`${s.baseUrl}/no/such/page`)).status).toBe(404);
    }
  });

  it('answers HEAD without a body and refuses other methods with 405', async () => {
    const s = store('html');
    const head = await fetch(`${s.baseUrl}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await fetch(`${s.baseUrl}/`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(await post.text()).toMatch(/found POST/);
  });

  it('publishes robots.txt allowing crawlers, with a Crawl-delay only when asked', async () => {
    for (const s of demo.stores) {
      const robots = (await get(`${s.baseUrl}/robots.txt`)).body.toString();
      expect(robots).toMatch(/User-agent: \*\n/);
      expect(robots).not.toMatch(/Crawl-delay/);
    }
  });
});

describe('demo stores options', () => {
  it('publishes the plain store\'s own Crawl-delay by default', async () => {
    const own = await startDemoStores({ clock: () => now });
    try {
      const lalaji = own.stores.find((s) => s.profile.kind === 'html')!;
      expect((await get(`${lalaji.baseUrl}/robots.txt`)).body.toString()).toMatch(/^Crawl-delay: 0.5$/m);
    } finally {
      await own.close();
    }
  });

  it('rejects bad options with the value it found', async () => {
    await expect(startDemoStores({ basePort: 70_000 })).rejects.toThrow(/found 70000/);
    await expect(startDemoStores({ marketTickMs: 0 })).rejects.toThrow(/found 0/);
  });
});
