// One crawl of one store, by one of two paths: discover product pages, fetch them politely and
// extract them; or read a structured source (product API, feed) that lists every listing itself.
// Both store in batches (listing-writer.ts) and mark stale only after a complete read. A page or
// record that fails is recorded as an error and leaves its listing's last good reading in place.
import PQueue from 'p-queue';
import type { Database } from '../../db/client.ts';
import { getListingValidators, markListingsGone, markListingsStale, type UpsertSummary } from '../../db/queries/listings.ts';
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
import { isStructuredSource, storeRowOf, type StoreConfig, type StructuredSource } from '../config/store-config.ts';
import type { Fetcher } from '../core/types.ts';
import { discoverProductUrls } from '../discovery/index.ts';
import { extractListing } from '../extract/index.ts';
import { logger as rootLogger, type Logger } from '../logger.ts';
import { readStoreSource } from '../sources/index.ts';
import { ListingWriter } from './listing-writer.ts';
import { toListingReading } from '../normalise/listing-reading.ts';

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
  /** Unchanged pages ("not modified") confirmed these listings' waiting readings. */
  onReadingsConfirmed?: (listingIds: number[]) => Promise<void>;
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

/** What one crawl path needs from the run. */
interface PathContext {
  options: CrawlStoreOptions;
  now: () => Date;
  log: Logger;
  counts: CrawlRunCounts;
  /** Every listing of the store already stored, by URL. */
  validators: Awaited<ReturnType<typeof getListingValidators>>;
  writer: ListingWriter;
  resumeFrom: Date | undefined;
  recordError: (url: string, kind: string, message: string, httpStatus?: number, retryable?: boolean) => Promise<void>;
  progress: (phase: CrawlProgress['phase']) => void;
  setDiscovered: (count: number) => void;
  markDone: () => void;
}

/** What a path read: the listing URLs the store still lists, and whether that list is complete. */
type PathResult =
  | { failed?: undefined; seen: Set<string>; complete: boolean; resumedSkipped: number }
  | { failed: string };

/** The page path: discover product page URLs, then fetch and extract each page. */
async function crawlPages(context: PathContext): Promise<PathResult> {
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
      const result = extractListing(outcome.body, {
        url: outcome.url,
        fetchedAt: outcome.fetchedAt,
        currencyHint: store.currency,
        country: store.country,
        selectors: store.selectors,
      });
      if (result.ok) {
        await writer.add(toListingReading(result.listing, { url, etag: outcome.etag, lastModified: outcome.lastModified }));
      } else {
        await recordError(url, `extract_${result.error.code}`, result.error.message);
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

/**
 * The source path: a product API or feed lists every listing itself (crawlers/sources), read
 * through the same polite fetcher. A document that failed leaves the read incomplete.
 */
async function crawlSource(context: PathContext, source: StructuredSource): Promise<PathResult> {
  const { options, now, log, counts, writer, recordError, progress } = context;
  const { store, fetcher } = options;
  const seen = new Set<string>();
  let documents = 0;
  let failure: string | undefined;
  let skipped = 0;
  let records = 0;
  for await (const event of readStoreSource(store, source, fetcher, { signal: options.signal, now: now() })) {
    if (writer.fatal) break;
    switch (event.type) {
      case 'document':
        counts.pages++;
        documents++;
        progress('fetching');
        continue;
      case 'document_error':
        // The page-cap event names the page it did not fetch.
        if (event.kind !== 'source_page_cap') counts.pages++;
        failure ??= event.message;
        await recordError(event.url, event.kind, event.message, event.httpStatus, event.retryable);
        continue;
      case 'reading':
        seen.add(event.reading.url);
        await writer.add(event.reading);
        break;
      case 'record_error':
        // The record is still listed by the store: its listing keeps its last good reading.
        if (event.listingUrl) seen.add(event.url);
        await recordError(event.url, event.kind, event.message);
        break;
      case 'skipped':
        skipped++;
        log.debug({ url: event.url, reason: event.reason }, 'source record skipped');
        continue;
    }
    records++;
    context.setDiscovered(records);
    context.markDone();
    progress('fetching');
  }
  if (skipped > 0) log.info({ skipped }, 'source records skipped (not new goods)');
  if (documents === 0 && failure !== undefined) return { failed: `Reading the ${source.kind} source of ${store.name} failed: ${failure}` };
  return { seen, complete: failure === undefined, resumedSkipped: 0 };
}
