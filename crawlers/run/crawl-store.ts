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
  getLatestCrawlRun,
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
  // A run that a dead process left behind lets this one carry on where it stopped.
  const previous = await getLatestCrawlRun(db, store.id);
  const resumeFrom = previous?.status === 'interrupted' ? previous.startedAt : undefined;
  const run = await startCrawlRun(db, store.id, options.trigger ?? 'manual', now());
  const counts = emptyCounts();
  let discovered = 0;
  let done = 0;
  const progress = (phase: CrawlProgress['phase']) =>
    options.onProgress?.({ storeId: store.id, phase, discovered, done, counts: { ...counts } });

  const finish = async (status: CrawlSummary['status'], message?: string, resumedSkipped = 0): Promise<CrawlSummary> => {
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
    try {
      urls = await discoverProductUrls(store, fetcher, { signal: options.signal });
    } catch (error) {
      await recordError(store.baseUrl, 'discovery', `Finding the product pages of ${store.name} failed: ${(error as Error).message}`);
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
    // Batches are written one at a time, so no two transactions of one run compete for rows.
    let writeChain = Promise.resolve();
    const flush = () => {
      const batch = pending;
      const unchangedUrls = notModified;
      pending = [];
      notModified = [];
      writeChain = writeChain.then(async () => {
        if (batch.length > 0) {
          const summary = await upsertListings(db, store.id, batch, { observedAt: now() });
          counts.listingsSeen += batch.length;
          counts.listingsNew += summary.new;
          counts.listingsChanged += summary.changed;
          counts.listingsUnchanged += summary.unchanged;
          await options.onBatchStored?.(summary);
        }
        if (unchangedUrls.length > 0) {
          const checked = await markListingsChecked(db, store.id, unchangedUrls, now());
          counts.listingsSeen += checked;
          counts.listingsUnchanged += checked;
        }
        await updateCrawlRunCounts(db, run.id, counts);
      });
      return writeChain;
    };

    const queue = new PQueue({ concurrency: Math.max(4, store.politeness.concurrency * 2) });
    for (const url of urls) {
      if (options.signal?.aborted) break;
      void queue.add(async () => {
        if (options.signal?.aborted) return;
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
      });
      // Keep the queue short so a huge sitemap does not hold every task in memory.
      if (queue.size > 1_000) await queue.onSizeLessThan(500);
    }
    await queue.onIdle();
    progress('finishing');
    await flush();

    if (options.signal?.aborted) return await finish('interrupted', 'stopped on request', resumedSkipped);
    // Listings the store no longer links to are stale (never deleted: their history stays).
    const linked = new Set(allUrls);
    const unlinked = [...validators.keys()].filter((url) => !linked.has(url));
    if (allUrls.length > 0 && unlinked.length > 0) await markListingsStale(db, store.id, unlinked);
    return await finish('succeeded', undefined, resumedSkipped);
  } catch (error) {
    log.error({ err: error }, 'crawl failed');
    return finish('failed', (error as Error).message);
  }
}
