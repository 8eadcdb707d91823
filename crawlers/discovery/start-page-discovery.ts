// Product URLs from listing pages: fetch the start pages, keep links matching the product
// pattern, and follow pagination (rel=next, page parameters) on the same host, breadth-first,
// each page once, up to maxPages pages. Product pages themselves are not fetched here.
import type { Fetcher, FetchOutcome } from '../core/types.ts';
import { canonicaliseUrl } from './canonical-url.ts';
import { extractLinks, isPaginationLink } from './link-extract.ts';
import type { DiscoveryProgress } from './discovery-types.ts';
import type { UrlCollector } from './url-collector.ts';

export interface StartPageCrawlOptions {
  fetcher: Fetcher;
  collector: UrlCollector;
  maxPages: number;
  concurrency: number;
  /** Pages on these hosts are followed (the start pages' hosts and the store's). */
  isStoreHost: (url: URL) => boolean;
  signal?: AbortSignal;
  report: (progress: Omit<DiscoveryProgress, 'found' | 'fetched'>) => void;
}

export interface StartPageCrawlResult {
  read: number;
  failures: string[];
}

export async function crawlStartPages(startUrls: string[], options: StartPageCrawlOptions): Promise<StartPageCrawlResult> {
  const { fetcher, collector } = options;
  const seen = new Set<string>();
  let frontier: string[] = [];
  for (const url of startUrls) {
    const canonical = canonicaliseUrl(url);
    if (canonical && !seen.has(canonical)) {
      seen.add(canonical);
      frontier.push(canonical);
    }
  }
  const result: StartPageCrawlResult = { read: 0, failures: [] };
  let fetched = 0;

  // Breadth-first in waves: each wave is the next level of pagination.
  while (frontier.length > 0 && fetched < options.maxPages && !collector.full) {
    const level = frontier;
    frontier = [];
    for (let i = 0; i < level.length && fetched < options.maxPages; i += options.concurrency) {
      options.signal?.throwIfAborted();
      const batch = level.slice(i, i + Math.min(options.concurrency, options.maxPages - fetched));
      fetched += batch.length;
      const outcomes = await Promise.all(batch.map((url) => fetcher.fetch({ url, expect: 'html' })));
      outcomes.forEach((outcome, index) => {
        const next = handlePage(batch[index], outcome, options, result);
        for (const url of next) {
          if (!seen.has(url)) {
            seen.add(url);
            frontier.push(url);
          }
        }
      });
      if (collector.full) break;
    }
  }
  return result;
}

/** Collects the page's product links; returns the pagination links to visit next. */
function handlePage(url: string, outcome: FetchOutcome, options: StartPageCrawlOptions, result: StartPageCrawlResult): string[] {
  if (outcome.kind !== 'ok') {
    const message = outcome.kind === 'error' ? outcome.error.message : `listing page ${url} answered ${outcome.kind}`;
    result.failures.push(message);
    options.report({ phase: 'page', url, outcome: outcome.kind, errorKind: outcome.kind === 'error' ? outcome.error.kind : undefined, message });
    return [];
  }
  result.read++;
  options.report({ phase: 'page', url, outcome: 'ok' });
  const next: string[] = [];
  for (const link of extractLinks(outcome.body, outcome.url)) {
    const canonical = canonicaliseUrl(link.url);
    if (!canonical || !options.isStoreHost(new URL(canonical))) continue;
    if (options.collector.qualifies(canonical)) {
      options.collector.add(canonical);
    } else if (isPaginationLink(link, outcome.url)) {
      next.push(canonical);
    }
  }
  return next;
}
