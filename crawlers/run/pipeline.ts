// The ingestion pipeline: crawl a store, then match what changed and bring search up to date,
// batch by batch, so the site fills while the crawl is still running.
import type { Database } from '../../db/client.ts';
import type { SearchEngine } from '../../search/types.ts';
import type { StoreConfig } from '../config/store-config.ts';
import { createFetcher } from '../core/fetcher.ts';
import type { Fetcher, SharedHostBudget } from '../core/types.ts';
import { createDatabaseHostBudget } from '../core/shared-host-budget.ts';
import { userAgent } from '../core/user-agent.ts';
import type { BrowserPool } from '../browser/pool.ts';
import { logger as rootLogger, type Logger } from '../logger.ts';
import { evaluateAlerts } from '../alerts/evaluate.ts';
import { matchAndSyncSearch } from '../match/match-and-sync.ts';
import { refreshRetailerViews } from '../retailers/refresh-views.ts';
import { getProductIdsOfListings } from '../../db/queries/product-matching.ts';
import type { UpsertSummary } from '../../db/queries/listings.ts';
import { crawlStore, type CrawlProgress, type CrawlSummary } from './crawl-store.ts';
import { waitOutRevisit } from '../freshness/wait-out-revisit.ts';

export interface CrawlPipelineOptions {
  db: Database;
  stores: StoreConfig[];
  /** Keeps search documents (and Typesense) in sync after each stored batch. */
  search?: SearchEngine;
  /** Lift per-host rate limits (benchmarks). */
  unlimited?: boolean;
  /**
   * The per-host budget shared with every other crawling process: by default the database's
   * (host_budgets, host_leases), so politeness holds across workers; false keeps it in this process.
   */
  sharedBudget?: SharedHostBudget | false;
  /** The process's browser pool, for script-rendered stores (it launches Chromium only when one needs it). */
  browser?: BrowserPool;
  logger?: Logger;
}

export interface CrawlPipeline {
  crawl(
    store: StoreConfig,
    options?: { trigger?: string; signal?: AbortSignal; onProgress?: (progress: CrawlProgress) => void },
  ): Promise<CrawlSummary>;
  fetcher: Fetcher;
  /** What a crawl's batches trigger (matching, search, alerts, retailer views): revisits run the same. */
  hooks: { onBatchStored: (summary: UpsertSummary) => Promise<void>; onReadingsConfirmed: (listingIds: number[]) => Promise<void> };
  close(): Promise<void>;
}

function hostOf(url: string): string {
  return new URL(url).host;
}

export function createCrawlPipeline(options: CrawlPipelineOptions): CrawlPipeline {
  const log = (options.logger ?? rootLogger).child({ component: 'pipeline' });
  const hostPoliteness = Object.fromEntries(options.stores.map((store) => [hostOf(store.baseUrl), store.politeness]));
  const fetcher = createFetcher({
    userAgent: userAgent(),
    politeness: options.stores[0]?.politeness ?? {
      concurrency: 2,
      requestsPerSecond: 2,
      timeoutMs: 15_000,
      maxBodyBytes: 5_000_000,
      maxRetries: 3,
      ignoreRobots: false,
    },
    hostPoliteness,
    // Demo stores live on loopback; that permission is theirs alone, never every store's.
    allowPrivateHosts: options.stores.filter((store) => store.demo).map((store) => hostOf(store.baseUrl)),
    unlimited: options.unlimited,
    sharedBudget: options.sharedBudget === false ? undefined : (options.sharedBudget ?? createDatabaseHostBudget(options.db, { logger: log })),
  });

  const afterBatch = async (summary: UpsertSummary) => {
    // Confirmed readings change no search document, but they do change retailers' positions.
    await matchAndSyncSearch(options.db, {
      listingIds: summary.matchCandidateIds,
      search: options.search,
      refreshAfter: summary.priceChangedIds,
      positionsAfter: summary.confirmedIds,
    });
    // After matching, so a new listing's follows are those of the product it joined.
    await evaluateAlerts(options.db, [...new Set([...summary.priceChangedIds, ...summary.confirmedIds])]);
  };

  const afterConfirmed = async (listingIds: number[]) => {
    await refreshRetailerViews(options.db, await getProductIdsOfListings(options.db, listingIds), log);
    await evaluateAlerts(options.db, listingIds);
  };

  return {
    fetcher,
    hooks: { onBatchStored: afterBatch, onReadingsConfirmed: afterConfirmed },
    crawl(store, crawlOptions = {}) {
      return waitOutRevisit(options.db, store.id, () => crawlStore({
        db: options.db,
        store,
        fetcher,
        browser: options.browser,
        trigger: crawlOptions.trigger,
        signal: crawlOptions.signal,
        onProgress: crawlOptions.onProgress,
        logger: log,
        onBatchStored: afterBatch,
        onReadingsConfirmed: afterConfirmed,
      }), crawlOptions.signal);
    },
    close: () => fetcher.close(),
  };
}
