// The page path of a crawl: discover product page URLs, then fetch and extract each page.
import PQueue from 'p-queue';
import { markListingsGone } from '../../db/queries/listings.ts';
import { discoverProductUrls } from '../discovery/index.ts';
import { readingsOfPage } from './page-readings.ts';
import type { PathContext, PathResult } from './crawl-path.ts';

/** The page path: discover product page URLs, then fetch and extract each page. */
export async function crawlPages(context: PathContext): Promise<PathResult> {
  const { options, now, log, counts, validators, writer, recordError, progress } = context;
  const { db, store, fetcher } = options;
  let urls: string[];
  const discoveryFailures: string[] = [];
  try {
    urls = await discoverProductUrls(store, fetcher, {
      signal: options.signal,
      onProgress: (p) => {
        // A missing robots.txt is normal; a sitemap or listing page that failed leaves discovery incomplete.
        if (p.phase !== 'robots' && (p.outcome === 'error' || p.outcome === 'gone')) discoveryFailures.push(p.errorKind ?? p.outcome);
      },
    });
  } catch (error) {
    // When robots.txt forbids every sitemap or start page, say so: it is a decision, not a fault.
    const kind = discoveryFailures.length > 0 && discoveryFailures.every((k) => k === 'robots') ? 'robots' : 'discovery';
    await recordError(store.baseUrl, kind, `Finding the product pages of ${store.name} failed: ${(error as Error).message}`);
    return { failed: (error as Error).message };
  }
  const allUrls = urls;
  let resumedSkipped = 0;
  if (context.resumeFrom) {
    const resumeFrom = context.resumeFrom;
    urls = urls.filter((url) => {
      const checked = validators.get(url)?.lastCheckedAt;
      const skip = checked !== undefined && checked >= resumeFrom;
      if (skip) resumedSkipped++;
      return !skip;
    });
    log.info({ resumedSkipped, remaining: urls.length }, 'resuming an interrupted crawl');
  }
  context.setDiscovered(urls.length);
  progress('fetching');

  const queue = new PQueue({ concurrency: Math.max(4, store.politeness.concurrency * 2) });
  const visit = async (url: string) => {
    const known = validators.get(url);
    const outcome = await fetcher.fetch({ url, etag: known?.etag, lastModified: known?.lastModified, expect: 'html' });
    counts.pages++;
    if (outcome.kind === 'ok') {
      const read = readingsOfPage(outcome.body, {
        url,
        finalUrl: outcome.url,
        fetchedAt: outcome.fetchedAt,
        store,
        validators: { etag: outcome.etag, lastModified: outcome.lastModified },
      });
      if (read.ok) {
        for (const reading of read.readings) await writer.add(reading);
      } else {
        await recordError(url, `extract_${read.error.code}`, read.error.message);
      }
    } else if (outcome.kind === 'not_modified') {
      await writer.addNotModified(url);
    } else if (outcome.kind === 'gone') {
      await markListingsGone(db, store.id, [url], now());
      await recordError(url, 'gone', `The store answered ${outcome.status}: the product page is gone`, outcome.status);
    } else {
      const { error } = outcome;
      await recordError(url, error.kind, error.message, error.httpStatus, error.retryable);
    }
    context.markDone();
    progress('fetching');
  };
  for (const url of urls) {
    if (options.signal?.aborted || writer.fatal) break;
    void queue.add(async () => {
      if (options.signal?.aborted || writer.fatal) return;
      try {
        await visit(url);
      } catch (error) {
        // Only the database can throw here (fetch and extraction never do): stop the run.
        writer.fail(error as Error);
      }
    });
    // Keep the queue short so a huge sitemap does not hold every task in memory.
    if (queue.size > 1_000) await queue.onSizeLessThan(500);
  }
  await queue.onIdle();
  return { seen: new Set(allUrls), complete: discoveryFailures.length === 0, resumedSkipped };
}

