// Batched writes of one crawl run: readings and "not modified" URLs collect until a batch is
// full, then one transaction stores them. Batches are written one at a time, so no two
// transactions of a run compete for rows. Both crawl paths (pages and sources) write through it.
import type { Database } from '../../db/client.ts';
import { markListingsChecked, upsertListings, type UpsertSummary } from '../../db/queries/listings.ts';
import { updateCrawlRunCounts, type CrawlRunCounts } from '../../db/queries/crawl-runs.ts';
import type { Logger } from '../logger.ts';
import type { ListingReading } from '../../domain/listing.ts';
import { planNextVisits } from '../freshness/plan-visits.ts';

export interface ListingWriterOptions {
  db: Database;
  storeId: string;
  /** Where run-level errors (a failing after-batch hook) are filed: the store's base URL. */
  storeUrl: string;
  runId: number;
  /** The run's counts, updated in place as batches land. */
  counts: CrawlRunCounts;
  batchSize: number;
  log: Logger;
  now: () => Date;
  recordError: (url: string, kind: string, message: string) => Promise<void>;
  onBatchStored?: (summary: UpsertSummary) => Promise<void>;
  /** Pages that answered "not modified" confirmed these listings' waiting readings. */
  onReadingsConfirmed?: (listingIds: number[]) => Promise<void>;
}

export class ListingWriter {
  #pending: ListingReading[] = [];
  #notModified: string[] = [];
  #chain = Promise.resolve();
  #hookFailures = 0;
  #fatal: Error | undefined;

  constructor(private readonly options: ListingWriterOptions) {}

  /** A failure the run cannot carry on after (the database is gone); the first one wins. */
  get fatal(): Error | undefined {
    return this.#fatal;
  }

  /** Records a failure the run cannot carry on after; later batches are not written. */
  fail(error: Error): void {
    this.#fatal ??= error;
  }

  /** Queues a reading; writes a batch when one is full. */
  async add(reading: ListingReading): Promise<void> {
    this.#pending.push(reading);
    await this.#flushIfFull();
  }

  /** Queues a URL that answered 304: its listing was checked and is unchanged. */
  async addNotModified(url: string): Promise<void> {
    this.#notModified.push(url);
    await this.#flushIfFull();
  }

  async #flushIfFull(): Promise<void> {
    if (this.#pending.length + this.#notModified.length >= this.options.batchSize) await this.flush();
  }

  /** Writes what is queued (after any batch still being written). */
  flush(): Promise<void> {
    const batch = this.#pending;
    const unchangedUrls = this.#notModified;
    this.#pending = [];
    this.#notModified = [];
    this.#chain = this.#chain
      .then(() => (this.#fatal ? undefined : this.#write(batch, unchangedUrls)))
      .catch((error: Error) => this.fail(error));
    return this.#chain;
  }

  async #store(batch: ListingReading[]): Promise<void> {
    const { db, storeId, counts } = this.options;
    const summary = await upsertListings(db, storeId, batch, { observedAt: this.options.now() });
    counts.listingsSeen += summary.listingIds.length;
    counts.listingsNew += summary.new;
    counts.listingsChanged += summary.changed;
    counts.listingsUnchanged += summary.unchanged;
    await this.#runHook(() => this.options.onBatchStored?.(summary), summary.listingIds.length);
    // After matching, so a new listing's popularity (follows, stores of its product) counts.
    await planNextVisits(db, { storeId, at: this.options.now(), listingIds: summary.listingIds, changedIds: summary.priceChangedIds }, this.options.log);
  }

  async #runHook(hook: () => Promise<void> | undefined, listings: number): Promise<void> {
    try {
      await hook();
    } catch (error) {
      // The prices are stored; matching, search and alerts catch up on a later run. Keep crawling.
      if (this.#hookFailures++ === 0) {
        await this.options.recordError(this.options.storeUrl, 'after_batch', `Matching, search sync or alerts after a stored batch failed: ${(error as Error).message}`);
      }
      this.options.log.error({ err: error, listings }, 'after-batch hook failed');
    }
  }

  async #write(batch: ListingReading[], unchangedUrls: string[]): Promise<void> {
    const { db, storeId, counts, log, recordError } = this.options;
    if (batch.length > 0) {
      try {
        await this.#store(batch);
      } catch (error) {
        if (batch.length === 1) {
          await recordError(batch[0].url, 'store', `Storing the reading failed: ${(error as Error).message}`);
        } else {
          // One bad reading must not cost the batch: store them one by one.
          log.warn({ err: error, readings: batch.length }, 'batch write failed; storing its readings one by one');
          for (const reading of batch) {
            try {
              await this.#store([reading]);
            } catch (single) {
              await recordError(reading.url, 'store', `Storing the reading failed: ${(single as Error).message}`);
            }
          }
        }
      }
    }
    if (unchangedUrls.length > 0) {
      const { checked, confirmedIds } = await markListingsChecked(db, storeId, unchangedUrls, this.options.now());
      await planNextVisits(db, { storeId, at: this.options.now(), urls: unchangedUrls }, log);
      counts.listingsSeen += checked;
      counts.listingsUnchanged += checked;
      if (confirmedIds.length > 0) await this.#runHook(() => this.options.onReadingsConfirmed?.(confirmedIds), confirmedIds.length);
    }
    await updateCrawlRunCounts(db, this.options.runId, counts);
  }
}
