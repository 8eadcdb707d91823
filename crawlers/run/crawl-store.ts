// One crawl of one store, by one of two paths: discover product pages, fetch them politely and
// extract them; or read a structured source (product API, feed) that lists every listing itself.
// Both store in batches (listing-writer.ts) and mark stale only after a complete read. A page or
// record that fails is recorded as an error and leaves its listing's last good reading in place.
import type { Database } from '../../db/client.ts';
import { getListingValidators, markListingsStale, type UpsertSummary } from '../../db/queries/listings.ts';
import {
  finishCrawlRun,
  CRAWL_HEARTBEAT_MS,
  getPreviousCrawlRun,
  touchCrawlRun,
  recordCrawlError,
  startCrawlRun,
  type CrawlRunCounts,
} from '../../db/queries/crawl-runs.ts';
import { upsertStores } from '../../db/queries/stores.ts';
import { isStructuredSource, storeRowOf, type StoreConfig } from '../config/store-config.ts';
import { logger as rootLogger, type Logger } from '../logger.ts';
import { ListingWriter } from './listing-writer.ts';
import type { PathContext } from './crawl-path.ts';
import type { CrawlProgress, CrawlStoreOptions } from './crawl-options.ts';
import { crawlPages } from './page-path.ts';
import { crawlSource } from './source-path.ts';

export type { CrawlProgress, CrawlStoreOptions } from './crawl-options.ts';

export interface CrawlSummary {
  runId: number;
  storeId: string;
  status: 'succeeded' | 'failed' | 'interrupted';
  counts: CrawlRunCounts;
  /** URLs skipped because an interrupted earlier run had already read them. */
  resumedSkipped: number;
  seconds: number;
  message?: string;
}

function emptyCounts(): CrawlRunCounts {
  return { pages: 0, listingsSeen: 0, listingsNew: 0, listingsChanged: 0, listingsUnchanged: 0, errors: 0 };
}

export async function crawlStore(options: CrawlStoreOptions): Promise<CrawlSummary> {
  const { db, store, fetcher } = options;
  const now = options.now ?? (() => new Date());
  const log = (options.logger ?? rootLogger).child({ component: 'crawl', store: store.id });
  const batchSize = options.batchSize ?? 50;
  const startedMs = Date.now();

  await upsertStores(db, [storeRowOf(store)]);
  const run = await startCrawlRun(db, store.id, options.trigger ?? 'manual', now());
  // A run that a dead process left behind (interrupted) lets this one carry on where it stopped.
  const previous = await getPreviousCrawlRun(db, store.id, run.id);
  const resumeFrom = previous?.status === 'interrupted' ? previous.startedAt : undefined;
  const heartbeat = setInterval(() => {
    touchCrawlRun(db, run.id).catch((error: unknown) => log.warn({ err: error }, 'could not record the crawl heartbeat'));
  }, CRAWL_HEARTBEAT_MS);
  heartbeat.unref();
  const counts = emptyCounts();
  let discovered = 0;
  let done = 0;
  const progress = (phase: CrawlProgress['phase']) =>
    options.onProgress?.({ storeId: store.id, phase, discovered, done, counts: { ...counts } });

  const finish = async (status: CrawlSummary['status'], message?: string, resumedSkipped = 0): Promise<CrawlSummary> => {
    clearInterval(heartbeat);
    await finishCrawlRun(db, run.id, status, counts, message, now());
    const summary = { runId: run.id, storeId: store.id, status, counts, resumedSkipped, seconds: (Date.now() - startedMs) / 1000, message };
    log.info(summary, 'crawl finished');
    return summary;
  };

  const recordError = async (url: string, kind: string, message: string, httpStatus?: number, retryable = false) => {
    counts.errors++;
    log.warn({ url, kind, httpStatus }, message);
    await recordCrawlError(db, { runId: run.id, storeId: store.id, url, kind, message, httpStatus, retryable, at: now() });
  };

  try {
    progress('discovering');
    const validators = await getListingValidators(db, store.id);
    const writer = new ListingWriter({
      db,
      storeId: store.id,
      storeUrl: store.baseUrl,
      runId: run.id,
      counts,
      batchSize,
      log,
      now,
      recordError,
      onBatchStored: options.onBatchStored,
      onReadingsConfirmed: options.onReadingsConfirmed,
    });
    const context: PathContext = {
      options,
      now,
      log,
      counts,
      validators,
      writer,
      resumeFrom,
      recordError,
      progress,
      setDiscovered: (n) => (discovered = n),
      markDone: () => done++,
    };
    const read = isStructuredSource(store.discovery) ? await crawlSource(context, store.discovery) : await crawlPages(context);
    if (read.failed !== undefined) return await finish('failed', read.failed);
    progress('finishing');
    await writer.flush();
    if (writer.fatal) throw writer.fatal;

    if (options.signal?.aborted) return await finish('interrupted', 'stopped on request', read.resumedSkipped);
    // Nothing read and something failed: every page was refused, timed out or unreadable. That is a
    // failed run (and the store's listings stay as they were), not a success with 0 listings.
    if (counts.listingsSeen === 0 && counts.errors > 0) {
      return await finish('failed', `Nothing could be read from ${store.name}: ${counts.errors} error(s) and no listing read (see the run's errors)`, read.resumedSkipped);
    }
    // Listings the store no longer lists are stale (never deleted: their history stays).
    const unlinked = [...validators.keys()].filter((url) => !read.seen.has(url));
    if (!read.complete && unlinked.length > 0) {
      // A sitemap, listing page or API page that failed may be where the unlinked ones live: keep them active.
      log.warn({ unlinked: unlinked.length }, 'the read of the store was incomplete: nothing marked stale');
    } else if (read.seen.size > 0 && unlinked.length > 0) {
      await markListingsStale(db, store.id, unlinked);
    }
    return await finish('succeeded', undefined, read.resumedSkipped);
  } catch (error) {
    log.error({ err: error }, 'crawl failed');
    return finish('failed', (error as Error).message);
  }
}

