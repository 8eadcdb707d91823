// Store definitions (StoreConfig input) for the running demo stores.
import type { StoreConfigInput } from '../config/store-config.ts';
import { DEMO_CATEGORIES } from './catalogue/index.ts';
import { META_FEED_PATH } from './platforms/meta-feed.ts';
import { SITEMAP_INDEX_PATH } from './sitemap.ts';
import type { DemoStoreProfile } from './store-profiles.ts';
import { LALAJI_SELECTORS } from './templates/lalaji.ts';

/**
 * Product page URLs (regular expressions, matched case-insensitively over the absolute URL).
 * Discovery collects links matching these as products and follows pagination links by itself.
 */
const productLinkPatterns: Record<string, string> = {
  jsonld: '/dp/B0[A-Z0-9]{8}$',
  microdata: '/p/itm[0-9a-f]{13}$',
  html: '/item\\.php\\?id=\\d+$',
  marketplace: '/item/MM[A-Z0-9]{10}$',
  opencart: '[?&]route=product/product&product_id=\\d+$',
  browser: '/product/ph[0-9a-f]{8}$',
};

/** How a demo store's pages are read best (each new kind says so here). */
function sourceKindOf(kind: DemoStoreProfile['kind']): NonNullable<StoreConfigInput['sourceKind']> {
  switch (kind) {
    case 'microdata':
    case 'html':
      return kind;
    // 'browser' is left to the crawler to find out: its product pages look like script shells,
    // the first crawl renders one, and records the store as read in a browser from then on.
    case 'magento':
      return 'microdata'; // Luma's product pages
    default:
      return 'jsonld';
  }
}

/** The StoreConfig input for one demo store listening at `baseUrl` (e.g. "http://127.0.0.1:4401"). */
export function demoStoreConfig(profile: DemoStoreProfile, baseUrl: string): StoreConfigInput {
  const url = new URL(baseUrl);
  const root = `${url.protocol}//${url.host}`;
  const discovery: StoreConfigInput['discovery'] =
    profile.kind === 'shopify'
      ? { kind: 'shopify' } // every listing from /products.json: no product page is fetched
      : profile.kind === 'magento'
      ? { kind: 'magento' } // every listing from its GraphQL catalogue
      : profile.kind === 'meta-feed'
      ? { kind: 'merchant-feed', url: `${root}${META_FEED_PATH}` } // every listing from its Meta catalogue feed
      : profile.kind === 'sitemap'
      ? { kind: 'sitemap', url: `${root}${SITEMAP_INDEX_PATH}`, productUrlPattern: '/products/' }
      : {
          kind: 'start-pages',
          urls: DEMO_CATEGORIES.map((category) => `${root}${profile.categoryPath({ category, page: 1 })}`),
          productLinkPattern: productLinkPatterns[profile.kind],
          maxPages: 2_000,
        };
  const structured = discovery.kind === 'shopify' || discovery.kind === 'magento' || discovery.kind === 'merchant-feed';
  return {
    id: profile.id,
    name: profile.name,
    baseUrl: `${root}/`,
    hostPatterns: [url.host],
    country: profile.country,
    currency: profile.currency,
    sourceKind: sourceKindOf(profile.kind),
    discovery,
    // Every 5 minutes: a price counts once a second reading confirms it, so the newcomer's deals,
    // alerts and retailer dashboard fill within minutes of the first crawl, not a quarter of an hour.
    // Feeds and APIs every 2: their whole read is a few conditional requests (a 304 when nothing
    // moved), and the revisits between crawls, which keep page stores' followed products fresh, do not
    // read them.
    schedule: structured ? '*/2 * * * *' : '*/5 * * * *',
    // Our own servers: generous limits, but still honour robots.txt (Lalaji asks for a crawl delay).
    politeness: { concurrency: 4, requestsPerSecond: 20, timeoutMs: 10_000, maxRetries: 1, ignoreRobots: false },
    ...(profile.kind === 'html' ? { selectors: { ...LALAJI_SELECTORS } } : {}),
    demo: true,
  };
}

/** StoreConfig inputs for running demo stores (as returned by startDemoStores). */
export function demoStoreConfigs(stores: readonly { profile: DemoStoreProfile; baseUrl: string }[]): StoreConfigInput[] {
  return stores.map((store) => demoStoreConfig(store.profile, store.baseUrl));
}
