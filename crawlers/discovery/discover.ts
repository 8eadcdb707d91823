// discoverProductUrls: every product URL of a store, by the store's configured discovery kind.
// Returns canonical, deduplicated URLs on the store's hosts. Throws DiscoveryError only when no
// sitemap or start page could be read at all (and AbortError when the signal fires).
import { hostMatches, isStructuredSource, type StoreConfig } from '../config/store-config.ts';
import type { Fetcher } from '../core/types.ts';
import { logger as crawlerLogger } from '../logger.ts';
import { DiscoveryError } from './errors.ts';
import { DEFAULT_PRODUCT_PATTERN, toPattern, type DiscoveryOptions, type DiscoveryProgress } from './discovery-types.ts';
import { UrlCollector } from './url-collector.ts';
import { crawlSitemaps, sitemapsFromRobots } from './sitemap-discovery.ts';
import { crawlStartPages } from './start-page-discovery.ts';

/** True when the URL is on one of the store's hosts (host patterns, base URL, extra hosts). */
export function storeHostMatcher(store: StoreConfig, extraHosts: string[] = []): (url: URL) => boolean {
  const hosts = new Set([new URL(store.baseUrl).host, ...extraHosts]);
  return (url) =>
    hosts.has(url.host) ||
    store.hostPatterns.some((pattern) => hostMatches(pattern, pattern.includes(':') ? url.host : url.hostname));
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) throw new TypeError(`Discovery option ${name} must be a whole number >= 0, got ${value}`);
  return value;
}

export async function discoverProductUrls(store: StoreConfig, fetcher: Fetcher, options: DiscoveryOptions = {}): Promise<string[]> {
  const log = (options.logger ?? crawlerLogger).child({ component: 'Discovery', store: store.id });
  const discovery = store.discovery;
  const fetchedCount = { value: 0 };
  const maxUrls = positive('maxUrls', options.maxUrls, 500_000);
  let collector: UrlCollector;
  const report = (progress: Omit<DiscoveryProgress, 'found' | 'fetched'>): void => {
    if (progress.outcome !== 'skipped') fetchedCount.value++;
    if (progress.outcome !== 'ok') log.debug(progress, 'discovery: document not used');
    options.onProgress?.({ ...progress, found: collector.size, fetched: fetchedCount.value });
  };
  options.signal?.throwIfAborted();
  if (isStructuredSource(discovery)) {
    // crawl-store reads these through crawlers/sources; there are no product pages to find.
    throw new DiscoveryError(store.id, `its "${discovery.kind}" source lists products itself: there are no product pages to discover`);
  }

  if (discovery.kind === 'urls') {
    collector = new UrlCollector({ isStoreHost: storeHostMatcher(store), pattern: toPattern(options.productUrlPattern), max: maxUrls });
    for (const url of discovery.urls) collector.add(url);
    return collector.toArray();
  }

  if (discovery.kind === 'start-pages') {
    const startHosts = discovery.urls.map((url) => new URL(url).host);
    const isStoreHost = storeHostMatcher(store, startHosts);
    const pattern = toPattern(discovery.productLinkPattern) ?? toPattern(options.productUrlPattern) ?? DEFAULT_PRODUCT_PATTERN;
    collector = new UrlCollector({ isStoreHost, pattern, max: maxUrls });
    const result = await crawlStartPages(discovery.urls, {
      fetcher,
      collector,
      maxPages: discovery.maxPages,
      concurrency: Math.max(1, positive('pageConcurrency', options.pageConcurrency, 4)),
      isStoreHost,
      signal: options.signal,
      report,
    });
    if (result.read === 0) {
      throw new DiscoveryError(store.id, `no start page could be read (${result.failures.slice(0, 3).join('; ')})`);
    }
    log.info({ pages: result.read, failed: result.failures.length, found: collector.size }, 'start pages read');
    return collector.toArray();
  }

  const sitemapPattern = toPattern(discovery.productUrlPattern) ?? toPattern(options.productUrlPattern);
  collector = new UrlCollector({ isStoreHost: storeHostMatcher(store), pattern: sitemapPattern, max: maxUrls });
  let roots: string[];
  let rootsFrom: string;
  if (discovery.url) {
    roots = [discovery.url];
    rootsFrom = 'the store configuration';
  } else {
    roots = await sitemapsFromRobots(store.baseUrl, fetcher, report);
    rootsFrom = 'robots.txt';
    if (roots.length === 0) {
      roots = [new URL('/sitemap.xml', store.baseUrl).href];
      rootsFrom = 'the /sitemap.xml default';
    }
  }
  const result = await crawlSitemaps(roots, {
    fetcher,
    collector,
    maxDepth: positive('maxSitemapDepth', options.maxSitemapDepth, 4),
    maxSitemaps: positive('maxSitemaps', options.maxSitemaps, 1000),
    maxSitemapBytes: positive('maxSitemapBytes', options.maxSitemapBytes, 50_000_000),
    childSitemapPattern: toPattern(discovery.sitemapUrlPattern),
    signal: options.signal,
    report,
    logger: log,
  });
  if (result.read === 0) {
    throw new DiscoveryError(
      store.id,
      `no sitemap could be read (roots from ${rootsFrom}: ${roots.join(', ')}; ${result.failures.slice(0, 3).join('; ')})`,
    );
  }
  log.info({ sitemaps: result.read, failed: result.failures.length, found: collector.size }, 'sitemaps read');
  return collector.toArray();
}
