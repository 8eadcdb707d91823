// What a crawl path (pages or a structured source) is given by the run, and what it gives back.
import type { getListingValidators } from '../../db/queries/listings.ts';
import type { CrawlRunCounts } from '../../db/queries/crawl-runs.ts';
import type { Logger } from '../logger.ts';
import type { CrawlProgress, CrawlStoreOptions } from './crawl-options.ts';
import type { ListingWriter } from './listing-writer.ts';

/** What one crawl path needs from the run. */
export interface PathContext {
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
export type PathResult =
  | { failed?: undefined; seen: Set<string>; complete: boolean; resumedSkipped: number }
  | { failed: string };

