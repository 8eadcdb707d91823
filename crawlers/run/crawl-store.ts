// One crawl of one store: discover product pages, fetch them politely, extract, store in batches.
// A page that fails is recorded as an error and leaves its listing's last good reading in place.
import PQueue from 'p-queue';
import type { Database } from '../../db/client.ts';
import {
  getListingValidators,
  markListingsChecked,
  markListingsGone,
  markListingsStale,
  upsertListings,
  type ListingReading,
  type UpsertSummary,
} from '../../db/queries/listings.ts';
import {
  finishCrawlRun,
  CRAWL_HEARTBEAT_MS,
  getPreviousCrawlRun,
  touchCrawlRun,
  recordCrawlError,
  startCrawlRun,
  updateCrawlRunCounts,
  type CrawlRunCounts,
} from '../../db/queries/crawl-runs.ts';
import { upsertStores } from '../../db/queries/stores.ts';
import type { StoreConfig } from '../config/store-config.ts';
import type { Fetcher } from '../core/types.ts';
import { discoverProductUrls } from '../discovery/index.ts';
import { extractListing } from '../extract/index.ts';
import { logger as rootLogger, type Logger } from '../logger.ts';
import { toListingReading } from './to-reading.ts';

export interface CrawlProgress {
  storeId: string;
  phase: 'discovering' | 'fetching' | 'finishing';
  discovered: number;
  done: number;
  counts: CrawlRunCounts;
}

export interface CrawlStoreOptions {
  db: Database;
  store: StoreConfig;
  fetcher: Fetcher;
  /** What started the run: 'manual', 'schedule', 'demo', 'worker'. */
  trigger?: string;
  logger?: Logger;
  /** Readings stored per transaction (default 50). */
  batchSize?: number;
  /** Stops the run early (SIGINT); what was stored stays stored. */
  signal?: AbortSignal;
  onProgress?: (progress: CrawlProgress) => void;
  /** Called after each stored batch: matching and search sync hook in here. */
  onBatchStored?: (summary: UpsertSummary) => Promise<void>;
  now?: () => Date;
}

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

  await upsertStores(db, [
    {
      id: store.id,
      name: store.name,
      baseUrl: store.baseUrl,
      country: store.country ?? null,
      currency: store.currency,
      sourceKind: store.sourceKind,
      schedule: store.schedule,
      politeness: store.politeness,
    },
  ]);
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
      return await finish('failed', (error as Error).message);
    }
    const validators = await getListingValidators(db, store.id);
    const allUrls = urls;
    let resumedSkipped = 0;
    if (resumeFrom) {
      urls = urls.filter((url) => {
        const checked = validators.get(url)?.lastCheckedAt;
        const skip = checked !== undefined && checked >= resumeFrom;
        if (skip) resumedSkipped++;
        return !skip;
      });
      log.info({ resumedSkipped, remaining: urls.length }, 'resuming an interrupted crawl');
    }
    discovered = urls.length;
    progress('fetching');

    let pending: ListingReading[] = [];
    let notModified: string[] = [];
    // A failure the run cannot carry on after (the database is gone); the first one wins.
    let fatal: Error | undefined;
    let hookFailures = 0;
    const storeBatch = async (batch: ListingReading[]) => {
      const summary = await upsertListings(db, store.id, batch, { observedAt: now() });
      counts.listingsSeen += summary.listingIds.length;
      counts.listingsNew += summary.new;
      counts.listingsChanged += summary.changed;
      counts.listingsUnchanged += summary.unchanged;
      try {
        await options.onBatchStored?.(summary);
      } catch (error) {
        // The prices are stored; matching and search catch up on a later run. Keep crawling.
        if (hookFailures++ === 0) {
          await recordError(store.baseUrl, 'after_batch', `Matching or search sync after a stored batch failed: ${(error as Error).message}`);
        }
        log.error({ err: error, listings: summary.listingIds.length }, 'after-batch hook failed');
      }
    };
    const writeBatch = async (batch: ListingReading[], unchangedUrls: string[]) => {
      if (batch.length > 0) {
        try {
          await storeBatch(batch);
        } catch (error) {
          if (batch.length === 1) {
            await recordError(batch[0].url, 'store', `Storing the reading failed: ${(error as Error).message}`);
          } else {
            // One bad reading must not cost the batch: store them one by one.
            log.warn({ err: error, readings: batch.length }, 'batch write failed; storing its readings one by one');
            for (const reading of batch) {
              try {
                await storeBatch([reading]);
              } catch (single) {
                await recordError(reading.url, 'store', `Storing the reading failed: ${(single as Error).message}`);
              }
            }
          }
        }
      }
      if (unchangedUrls.length > 0) {
        const checked = await markListingsChecked(db, store.id, unchangedUrls, now());
        counts.listingsSeen += checked;
        counts.listingsUnchanged += checked;
      }
      await updateCrawlRunCounts(db, run.id, counts);
    };
    // Batches are written one at a time, so no two transactions of one run compete for rows.
    let writeChain = Promise.resolve();
    const flush = () => {
      const batch = pending;
      const unchangedUrls = notModified;
      pending = [];
      notModified = [];
      writeChain = writeChain
        .then(() => (fatal ? undefined : writeBatch(batch, unchangedUrls)))
        .catch((error: Error) => {
          fatal ??= error;
        });
      return writeChain;
    };

    const queue = new PQueue({ concurrency: Math.max(4, store.politeness.concurrency * 2) });
    const visit = async (url: string) => {
      const known = validators.get(url);
      const outcome = await fetcher.fetch({ url, etag: known?.etag, lastModified: known?.lastModified, expect: 'html' });
      counts.pages++;
      if (outcome.kind === 'ok') {
        const result = extractListing(outcome.body, {
          url: outcome.url,
          fetchedAt: outcome.fetchedAt,
          currencyHint: store.currency,
          country: store.country,
          selectors: store.selectors,
        });
        if (result.ok) {
          pending.push(toListingReading(result.listing, { url, etag: outcome.etag, lastModified: outcome.lastModified }));
        } else {
          await recordError(url, `extract_${result.error.code}`, result.error.message);
        }
      } else if (outcome.kind === 'not_modified') {
        notModified.push(url);
      } else if (outcome.kind === 'gone') {
        await markListingsGone(db, store.id, [url], now());
        await recordError(url, 'gone', `The store answered ${outcome.status}: the product page is gone`, outcome.status);
      } else {
        const { error } = outcome;
        await recordError(url, error.kind, error.message, error.httpStatus, error.retryable);
      }
      done++;
      if (pending.length + notModified.length >= batchSize) await flush();
      progress('fetching');
    };
    for (const url of urls) {
      if (options.signal?.aborted || fatal) break;
      void queue.add(async () => {
        if (options.signal?.aborted || fatal) return;
        try {
          await visit(url);
        } catch (error) {
          // Only the database can throw here (fetch and extraction never do): stop the run.
          fatal ??= error as Error;
        }
      });
      // Keep the queue short so a huge sitemap does not hold every task in memory.
      if (queue.size > 1_000) await queue.onSizeLessThan(500);
    }
    await queue.onIdle();
    progress('finishing');
    await flush();
    if (fatal) throw fatal;

    if (options.signal?.aborted) return await finish('interrupted', 'stopped on request', resumedSkipped);
    // Listings the store no longer links to are stale (never deleted: their history stays).
    const linked = new Set(allUrls);
    const unlinked = [...validators.keys()].filter((url) => !linked.has(url));
    if (discoveryFailures.length > 0 && unlinked.length > 0) {
      // A sitemap or listing page that failed may be where the unlinked pages live: keep them active.
      log.warn({ unlinked: unlinked.length, failed: discoveryFailures.length }, 'discovery was incomplete: nothing marked stale');
    } else if (allUrls.length > 0 && unlinked.length > 0) {
      await markListingsStale(db, store.id, unlinked);
    }
    return await finish('succeeded', undefined, resumedSkipped);
  } catch (error) {
    log.error({ err: error }, 'crawl failed');
    return finish('failed', (error as Error).message);
  }
}
