// What a crawl of one store is given, and the progress it reports: shared by the run and its paths.
import type { Database } from '../../db/client.ts';
import type { CrawlRunCounts } from '../../db/queries/crawl-runs.ts';
import type { UpsertSummary } from '../../db/queries/listings.ts';
import type { BrowserPool } from '../browser/pool.ts';
import type { StoreConfig } from '../config/store-config.ts';
import type { Fetcher } from '../core/types.ts';
import type { Logger } from '../logger.ts';

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
  /** The process's browser pool, for stores read in a browser (script-rendered); none: every page is fetched. */
  browser?: BrowserPool;
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

