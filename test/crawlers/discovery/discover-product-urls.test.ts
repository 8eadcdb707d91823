import { afterEach, describe, expect, it } from 'vitest';
import { startHostileServer, type HostileServer, type HostileServerOptions } from '../../helpers/hostile-server.ts';
import { storeConfigSchema, type StoreConfig, type StoreConfigInput } from '../../../crawlers/config/store-config.ts';
import type { Fetcher } from '../../../crawlers/core/types.ts';
import { discoverProductUrls, DiscoveryError, type DiscoveryProgress } from '../../../crawlers/discovery/index.ts';
import { testFetcher } from '../core/fetcher-fixture.ts';

let server: HostileServer | undefined;
let fetcher: Fetcher | undefined;

async function start(options: HostileServerOptions = {}): Promise<HostileServer> {
  server = await startHostileServer(options);
  fetcher = testFetcher({ timeoutMs: 1000, maxRetries: 1 });
  return server;
}

afterEach(async () => {
  await fetcher?.close();
  await server?.close();
  fetcher = server = undefined;
});

function store(s: HostileServer, discovery: StoreConfigInput['discovery']): StoreConfig {
  return storeConfigSchema.parse({
    id: 'hostile',
    name: 'Hostile Test Store',
    baseUrl: s.url,
    hostPatterns: ['127.0.0.1'],
    currency: 'INR',
    discovery,
  });
}

const products = (s: HostileServer, ...ids: number[]) => ids.map((id) => `${s.url}/product/${id}`);

describe('sitemap discovery', () => {
  it('follows a sitemap index into a gzip child and a nested index, skipping a broken child', async () => {
    const s = await start({ productCount: 4 });
    const events: DiscoveryProgress[] = [];
    const urls = await discoverProductUrls(store(s, { kind: 'sitemap', url: `${s.url}/sitemap-index.xml` }), fetcher!, {
      onProgress: (event) => events.push(event),
    });
    // Products from the gzip child; from extra.xml the tracked duplicate collapses into /product/1,
    // /about is kept (no pattern), the other host is dropped.
    expect(urls.sort()).toEqual([...products(s, 1, 2, 3, 4), `${s.url}/about`].sort());
    expect(s.hits.get('/sitemaps/products.xml.gz')).toBe(1);
    expect(events.find((event) => event.url.endsWith('/sitemaps/broken.xml'))).toMatchObject({
      phase: 'sitemap',
      outcome: 'error',
      errorKind: 'http_status',
    });
  });

  it('reads only the child sitemaps matching sitemapUrlPattern, and refuses a broken pattern at the door', async () => {
    const s = await start({ productCount: 3 });
    const events: DiscoveryProgress[] = [];
    const urls = await discoverProductUrls(store(s, { kind: 'sitemap', url: `${s.url}/sitemap-index.xml`, sitemapUrlPattern: '/products\\.xml' }), fetcher!, {
      onProgress: (event) => events.push(event),
    });
    expect(urls.sort()).toEqual(products(s, 1, 2, 3));
    expect(s.hits.has('/sitemaps/nested-index.xml')).toBe(false);
    expect(events.find((event) => event.url.endsWith('/sitemaps/nested-index.xml'))).toMatchObject({ outcome: 'skipped', errorKind: 'pattern' });
    expect(() => store(s, { kind: 'sitemap', sitemapUrlPattern: '(unclosed' })).toThrow(/not a valid regular expression[\s\S]*sitemapUrlPattern/);
  });

  it('keeps only URLs matching productUrlPattern', async () => {
    const s = await start({ productCount: 3 });
    const urls = await discoverProductUrls(store(s, { kind: 'sitemap', url: `${s.url}/sitemap-index.xml` }), fetcher!, {
      productUrlPattern: '/product/\\d+$',
    });
    expect(urls.sort()).toEqual(products(s, 1, 2, 3));
  });

  it('finds the sitemap through robots.txt and lists every hostile route', async () => {
    const s = await start({ productCount: 2 });
    const urls = await discoverProductUrls(store(s, { kind: 'sitemap' }), fetcher!);
    expect(urls).toHaveLength(s.routes.length);
    expect(urls).toContain(`${s.url}/gzip-bomb`);
    expect(s.hits.get('/sitemap.xml')).toBe(1);
  });

  it('falls back to /sitemap.xml when robots.txt names no sitemap', async () => {
    const s = await start({ robots: 'User-agent: *\nDisallow: /private/\n', productCount: 2 });
    const urls = await discoverProductUrls(store(s, { kind: 'sitemap' }), fetcher!);
    expect(urls).toContain(`${s.url}/product/2`);
    expect(s.hits.get('/sitemap.xml')).toBe(1);
  });

  it('stops nesting at the depth cap', async () => {
    const s = await start();
    const urls = await discoverProductUrls(store(s, { kind: 'sitemap', url: `${s.url}/sitemaps/deep/0.xml` }), fetcher!, {
      maxSitemapDepth: 3,
    });
    // Indexes at depths 0..2 contribute leaves 0..2; the index at depth 3 is read, its children are not.
    expect(urls.sort()).toEqual(products(s, 1000, 1001, 1002));
    expect(s.hits.has('/sitemaps/deep/4.xml')).toBe(false);
  });

  it('caps the number of URLs', async () => {
    const s = await start({ productCount: 10 });
    const urls = await discoverProductUrls(store(s, { kind: 'sitemap', url: `${s.url}/sitemap.xml` }), fetcher!, { maxUrls: 5 });
    expect(urls).toHaveLength(5);
  });

  it('throws a DiscoveryError naming the sitemap when nothing can be read', async () => {
    const s = await start({ robots: 'forbid-all' });
    const error = await discoverProductUrls(store(s, { kind: 'sitemap' }), fetcher!).catch((e) => e);
    expect(error).toBeInstanceOf(DiscoveryError);
    expect(error.message).toMatch(/no sitemap could be read.*sitemap\.xml.*robots/);
    expect([...s.hits.keys()]).toEqual(['/robots.txt']);
  });

  it('stops when the signal is aborted', async () => {
    const s = await start();
    const controller = new AbortController();
    controller.abort();
    await expect(discoverProductUrls(store(s, { kind: 'sitemap' }), fetcher!, { signal: controller.signal })).rejects.toThrow();
    expect(s.requests).toHaveLength(0);
  });
});

describe('start-page discovery', () => {
  it('follows pagination breadth-first and collects canonical product links on the same host', async () => {
    const s = await start({ productCount: 7, catalogPages: 3 });
    const urls = await discoverProductUrls(
      store(s, { kind: 'start-pages', urls: [`${s.url}/catalog?page=1`], productLinkPattern: '/product/\\d+' }),
      fetcher!,
    );
    expect(urls.sort()).toEqual(products(s, 1, 2, 3, 4, 5, 6, 7).sort());
    for (const page of [1, 2, 3]) expect(s.hits.get(`/catalog?page=${page}`)).toBe(1);
    // Product pages, /about and the other host are not fetched by discovery.
    expect([...s.hits.keys()].some((path) => path.startsWith('/product') || path === '/about')).toBe(false);
  });

  it('fetches at most maxPages listing pages', async () => {
    const s = await start({ productCount: 7, catalogPages: 3 });
    const urls = await discoverProductUrls(
      store(s, { kind: 'start-pages', urls: [`${s.url}/catalog?page=1`], productLinkPattern: '/product/\\d+', maxPages: 1 }),
      fetcher!,
    );
    expect(urls.sort()).toEqual(products(s, 1, 4, 7).sort());
    expect(s.hits.has('/catalog?page=2')).toBe(false);
  });

  it('throws a DiscoveryError when no start page can be read', async () => {
    const s = await start();
    const error = await discoverProductUrls(store(s, { kind: 'start-pages', urls: [`${s.url}/500`] }), fetcher!).catch((e) => e);
    expect(error).toBeInstanceOf(DiscoveryError);
    expect(error.message).toContain('/500');
  });
});

describe('url-list discovery', () => {
  it('returns the configured URLs, canonical and deduplicated', async () => {
    const s = await start();
    const urls = await discoverProductUrls(
      store(s, { kind: 'urls', urls: [`${s.url}/product/1?utm_source=x`, `${s.url}/product/1#top`, `${s.url}/product/2`] }),
      fetcher!,
    );
    expect(urls).toEqual(products(s, 1, 2));
    expect(s.requests).toHaveLength(0);
  });
});
