// Product URLs from sitemaps: the configured sitemap, else the robots.txt `Sitemap:` lines, else
// /sitemap.xml. Indexes are followed breadth-first (depth- and count-capped, each sitemap once);
// gzip sitemaps (.xml.gz, or gzip bytes whatever the name) are inflated with a size cap.
import robotsParser from 'robots-parser';
import type { Fetcher } from '../core/types.ts';
import type { Logger } from '../logger.ts';
import { unpackedText } from '../core/content-type.ts';
import { parseSitemap } from './sitemap-parse.ts';
import type { DiscoveryProgress } from './discovery-types.ts';
import type { UrlCollector } from './url-collector.ts';

export interface SitemapCrawlOptions {
  fetcher: Fetcher;
  collector: UrlCollector;
  maxDepth: number;
  maxSitemaps: number;
  maxSitemapBytes: number;
  /** Child sitemaps of an index are read only when they match (the roots always are). */
  childSitemapPattern?: RegExp;
  signal?: AbortSignal;
  report: (progress: Omit<DiscoveryProgress, 'found' | 'fetched'>) => void;
  logger: Logger;
}

export interface SitemapCrawlResult {
  /** Sitemaps fetched and read. */
  read: number;
  /** Failures, one line each, for the error message when nothing could be read. */
  failures: string[];
}

/** The sitemaps robots.txt names for this origin, or [] (robots.txt missing or unreadable). */
export async function sitemapsFromRobots(origin: string, fetcher: Fetcher, report: SitemapCrawlOptions['report']): Promise<string[]> {
  const robotsUrl = new URL('/robots.txt', origin).href;
  const outcome = await fetcher.fetch({ url: robotsUrl, expect: 'any' });
  report({ phase: 'robots', url: robotsUrl, outcome: outcome.kind, ...(outcome.kind === 'error' ? { errorKind: outcome.error.kind, message: outcome.error.message } : {}) });
  if (outcome.kind !== 'ok') return [];
  return robotsParser(robotsUrl, outcome.body).getSitemaps();
}

/** Reads the sitemaps under `roots` into the collector. */
export async function crawlSitemaps(roots: string[], options: SitemapCrawlOptions): Promise<SitemapCrawlResult> {
  const { fetcher, collector, report, logger } = options;
  const queue = roots.map((url) => ({ url, depth: 0 }));
  const seen = new Set(roots);
  const result: SitemapCrawlResult = { read: 0, failures: [] };
  let fetched = 0;

  while (queue.length > 0 && !collector.full) {
    options.signal?.throwIfAborted();
    const { url, depth } = queue.shift()!;
    if (fetched >= options.maxSitemaps) {
      logger.warn({ url, maxSitemaps: options.maxSitemaps }, 'sitemap count cap reached; the rest is skipped');
      break;
    }
    fetched++;
    const outcome = await fetcher.fetch({ url, expect: 'xml' });
    if (outcome.kind !== 'ok') {
      const message = outcome.kind === 'error' ? outcome.error.message : `sitemap ${url} answered ${outcome.kind}`;
      result.failures.push(message);
      report({ phase: 'sitemap', url, outcome: outcome.kind, errorKind: outcome.kind === 'error' ? outcome.error.kind : undefined, message });
      continue;
    }
    let parsed;
    try {
      parsed = parseSitemap(unpackedText(outcome, options.maxSitemapBytes), url);
    } catch (error) {
      const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
      const message = tooLarge
        ? `gzip sitemap ${url} inflates past the ${options.maxSitemapBytes}-byte cap`
        : (error as Error).message;
      result.failures.push(message);
      report({ phase: 'sitemap', url, outcome: 'error', errorKind: tooLarge ? 'too_large' : 'parse', message });
      continue;
    }
    result.read++;
    report({ phase: 'sitemap', url, outcome: 'ok' });
    if (parsed.kind === 'index') {
      for (const child of parsed.sitemaps) {
        let childUrl: string;
        try {
          childUrl = new URL(child, outcome.url).href;
        } catch {
          continue;
        }
        if (seen.has(childUrl)) continue;
        seen.add(childUrl);
        if (options.childSitemapPattern && !options.childSitemapPattern.test(childUrl)) {
          report({ phase: 'sitemap', url: childUrl, outcome: 'skipped', errorKind: 'pattern', message: `not a sitemap matching ${options.childSitemapPattern.source}` });
          continue;
        }
        if (depth + 1 > options.maxDepth) {
          report({ phase: 'sitemap', url: childUrl, outcome: 'skipped', errorKind: 'depth', message: `deeper than ${options.maxDepth} sitemap indexes` });
          continue;
        }
        queue.push({ url: childUrl, depth: depth + 1 });
      }
    } else {
      for (const loc of parsed.urls) {
        collector.add(loc);
        if (collector.full) {
          logger.warn({ url, found: collector.size }, 'product URL cap reached; the rest is skipped');
          break;
        }
      }
    }
  }
  return result;
}
