// Revisits between full crawls: every tick, each page-kind store's due listings (db/queries/crawling/
// freshness.ts, planned by domain/freshness-policy.ts) are fetched again through the same polite
// fetcher, with their validators, read by the same page reading and stored by the same ListingWriter
// with the same after-batch hooks as a crawl, so the site, search and alerts see a change as soon.
//
// A tick of a store is a crawl run of trigger 'revisit': its pages and errors sit with the crawls'.
// It takes the store's run slot, so it never runs beside the store's full crawl (and a full crawl
// arriving meanwhile waits for it: crawlers/freshness/wait-out-revisit.ts). It spends at most a
// share of the store's politeness budget, marks nothing stale or gone (that is the full crawl's
// judgement, made from the whole store), and leaves a listing it could not read as it was.
// Feeds and APIs are read whole on the store's cron. Script-rendered stores are revisited through
// the browser pool when the process has one (with half the budget: a render costs its page and the
// requests its scripts make), and wait for their full crawl when it has none.
import PQueue from 'p-queue';
import { Cron } from 'croner';
import type { Database } from '../../db/client.ts';
import {
  CrawlAlreadyRunningError,
  finishCrawlRun,
  recordCrawlError,
  startCrawlRun,
  type CrawlRunCounts,
} from '../../db/queries/crawl-runs.ts';
import {
  REVISIT_TRIGGER,
  deferListingVisits,
  latestFullCrawlStatus,
  markRevisitTicks,
  pickDueListings,
  pruneQuietRevisitRuns,
  recordRevisitPlans,
  runningCrawlTrigger,
  storeRenderMode,
  type DueListing,
} from '../../db/queries/crawling/freshness.ts';
import type { UpsertSummary } from '../../db/queries/listings.ts';
import { upsertStores } from '../../db/queries/stores.ts';
import { isStructuredSource, storeRowOf, type StoreConfig } from '../config/store-config.ts';
import type { Fetcher } from '../core/types.ts';
import { logger as rootLogger, type Logger } from '../logger.ts';
import type { BrowserPool } from '../browser/pool.ts';
import { openPageRendering } from '../browser/page-rendering.ts';
import { ListingWriter } from '../run/listing-writer.ts';
import { readingsOfPage } from '../run/page-readings.ts';

/** Seconds between ticks (a divisor of 60): a followed listing is seen within its ceiling plus one tick. */
export const REVISIT_TICK_SECONDS = 20;
/** The share of a store's politeness budget (requests per second × tick) a tick may spend. */
export const REVISIT_BUDGET_SHARE = 0.5;
/** Failed fetches in a row after which a tick stops: the host is down, the next tick tries again. */
const FAILURES_IN_A_ROW = 3;
/** Quiet revisit runs (nothing changed, nothing failed) are kept this long. */
const QUIET_RUNS_KEPT_MS = 24 * 3_600_000;

/** What a revisit needs of the crawl pipeline: its fetcher and its after-batch hooks. */
export interface RevisitDeps {
  db: Database;
  fetcher: Fetcher;
  /** The process's browser pool: script-rendered stores are revisited only where there is one. */
  browser?: BrowserPool;
  hooks: { onBatchStored: (summary: UpsertSummary) => Promise<void>; onReadingsConfirmed: (listingIds: number[]) => Promise<void> };
  logger?: Logger;
  /** The clock of stored times and of what is due (tests move it). */
  now?: () => Date;
}

export interface RevisitTickOptions {
  tickSeconds?: number;
  signal?: AbortSignal;
}

export type RevisitSkip = 'not_revisited' | 'crawl_running' | 'awaiting_full_crawl' | 'browser_store' | 'nothing_due';

export interface RevisitSummary {
  storeId: string;
  /** Set when the tick did no work, and why. */
  skipped?: RevisitSkip;
  runId?: number;
  status?: 'succeeded' | 'failed';
  due: number;
  counts: CrawlRunCounts;
  seconds: number;
}

/**
 * Whether the store's listings are revisited: stores read page by page (feeds and APIs are read
 * whole on the cron); a script-rendered one only where a browser pool can render its pages.
 */
export function isRevisitedStore(store: StoreConfig, canRender = false): boolean {
  return !isStructuredSource(store.discovery) && (store.sourceKind !== 'browser' || canRender);
}

/**
 * Pages one tick may read from the store: its share of requestsPerSecond × tick seconds, at least 1;
 * half that for a rendered store, whose every page brings the requests of its scripts.
 */
export function revisitBudget(store: StoreConfig, tickSeconds = REVISIT_TICK_SECONDS, rendered = store.sourceKind === 'browser'): number {
  const requests = REVISIT_BUDGET_SHARE * store.politeness.requestsPerSecond * tickSeconds;
  return Math.max(1, Math.floor(rendered ? requests / 2 : requests));
}

/** The page a listing is read from: its URL without a fragment (a marketplace seller's offer lives on the product's page). */
function pageUrlOf(listingUrl: string): string {
  try {
    const url = new URL(listingUrl);
    url.hash = '';
    return url.href;
  } catch {
    return listingUrl;
  }
}

function emptyCounts(): CrawlRunCounts {
  return { pages: 0, listingsSeen: 0, listingsNew: 0, listingsChanged: 0, listingsUnchanged: 0, errors: 0 };
}

/** "3 pages, 2 listings (1 changed, 1 unchanged), 0 errors in 0.4 s" */
export function formatRevisitSummary(summary: RevisitSummary): string {
  const c = summary.counts;
  return (
    `revisit ${summary.storeId}: ${c.pages} pages of ${summary.due} due, ${c.listingsSeen} listings ` +
    `(${c.listingsChanged} changed, ${c.listingsUnchanged} unchanged), ${c.errors} errors in ${summary.seconds.toFixed(1)} s`
  );
}

/** Why the store cannot be revisited now, or null when it can. */
async function reasonToSkip(db: Database, store: StoreConfig, canRender: boolean): Promise<RevisitSkip | null> {
  if (!isRevisitedStore(store, canRender)) return 'not_revisited';
  if ((await runningCrawlTrigger(db, store.id)) !== null) return 'crawl_running';
  // Before the first full crawl nothing is planned; after an interrupted one, the next crawl resumes
  // from that run, and a revisit run between them would hide it.
  const full = await latestFullCrawlStatus(db, store.id);
  if (full === null || full === 'interrupted') return 'awaiting_full_crawl';
  if (!canRender && (await storeRenderMode(db, store.id)) === 'browser') return 'browser_store';
  return null;
}

/** One revisit tick of one store: fetch its due listings within the budget and store what they say. */
export async function revisitStore(store: StoreConfig, deps: RevisitDeps, options: RevisitTickOptions = {}): Promise<RevisitSummary> {
  const { db, fetcher } = deps;
  const now = deps.now ?? (() => new Date());
  const tickSeconds = options.tickSeconds ?? REVISIT_TICK_SECONDS;
  const log = (deps.logger ?? rootLogger).child({ component: 'revisit', store: store.id });
  const startedMs = Date.now();
  const counts = emptyCounts();
  const skip = (skipped: RevisitSkip, due = 0): RevisitSummary => ({ storeId: store.id, skipped, due, counts, seconds: (Date.now() - startedMs) / 1000 });

  const canRender = deps.browser !== undefined;
  const reason = await reasonToSkip(db, store, canRender);
  const rendered = store.sourceKind === 'browser' || (canRender && (await storeRenderMode(db, store.id)) === 'browser');
  const budget = revisitBudget(store, tickSeconds, rendered);
  if (reason === 'browser_store') {
    // Learned by a crawl, not configured: the status should say the store waits for its full crawls.
    await recordRevisitPlans(db, [{ storeId: store.id, revisited: false, tickSeconds, requestsPerTick: budget }]);
  }
  if (reason) return skip(reason);
  const due = await pickDueListings(db, store.id, now(), budget);
  if (due.length === 0) return skip('nothing_due');

  let run;
  try {
    run = await startCrawlRun(db, store.id, REVISIT_TRIGGER, now());
  } catch (error) {
    // A full crawl (or another process's revisit) took the slot since: it reads these listings itself.
    if (error instanceof CrawlAlreadyRunningError) return skip('crawl_running', due.length);
    throw error;
  }
  const runId = run.id;
  const recordError = async (url: string, kind: string, message: string, httpStatus?: number, retryable = false) => {
    counts.errors++;
    log.warn({ url, kind, httpStatus }, message);
    await recordCrawlError(db, { runId, storeId: store.id, url, kind, message, httpStatus, retryable, at: now() });
  };
  const writer = new ListingWriter({
    db,
    storeId: store.id,
    storeUrl: store.baseUrl,
    runId,
    counts,
    batchSize: 50,
    log,
    now,
    recordError,
    onBatchStored: deps.hooks.onBatchStored,
    onReadingsConfirmed: deps.hooks.onReadingsConfirmed,
  });

  const pages = new Map<string, DueListing[]>();
  for (const listing of due) {
    const page = pageUrlOf(listing.url);
    pages.set(page, [...(pages.get(page) ?? []), listing]);
  }
  // Fetched, or rendered for a script-rendered store, as the full crawl reads it.
  const rendering = await openPageRendering({ db, store, fetcher, pool: deps.browser, log, now });
  const failedIds: number[] = [];
  // New fetches start only in the budget's share of the tick; what is left stays due for the next one.
  const issueUntil = startedMs + REVISIT_BUDGET_SHARE * tickSeconds * 1000;
  let failuresInARow = 0;
  let stopReason: string | undefined;

  const visit = async (pageUrl: string, listings: DueListing[]) => {
    const known = listings.find((listing) => listing.url === pageUrl) ?? listings[0];
    const outcome = await rendering.fetch({ url: pageUrl, etag: known.etag, lastModified: known.lastModified, expect: 'html' });
    counts.pages++;
    const fail = async (kind: string, message: string, httpStatus?: number, retryable = false) => {
      failedIds.push(...listings.map((listing) => listing.id));
      await recordError(pageUrl, kind, message, httpStatus, retryable);
    };
    if (outcome.kind === 'ok') {
      failuresInARow = 0;
      const read = await rendering.read(outcome, (page) =>
        readingsOfPage(page.body, {
          url: pageUrl,
          finalUrl: page.url,
          fetchedAt: page.fetchedAt,
          store,
          validators: { etag: page.etag, lastModified: page.lastModified },
        }),
      );
      if (read.ok) for (const reading of read.readings) await writer.add(reading);
      else await fail(`extract_${read.error.code}`, read.error.message);
    } else if (outcome.kind === 'not_modified') {
      failuresInARow = 0;
      for (const listing of listings) await writer.addNotModified(listing.url);
    } else if (outcome.kind === 'gone') {
      failuresInARow = 0;
      // Recorded, not acted on: whether the listing is gone is the full crawl's call.
      await fail('gone', `The store answered ${outcome.status} on a revisit: the full crawl decides whether the listing is gone`, outcome.status);
    } else {
      const { error } = outcome;
      if (error.retryable || error.kind === 'network' || error.kind === 'timeout') failuresInARow++;
      await fail(error.kind, error.message, error.httpStatus, error.retryable);
    }
  };

  const queue = new PQueue({ concurrency: store.politeness.concurrency });
  for (const [pageUrl, listings] of pages) {
    if (options.signal?.aborted) stopReason = 'stopped on request';
    else if (Date.now() >= issueUntil) stopReason ??= 'tick time used up';
    if (stopReason) break;
    await queue.onSizeLessThan(1);
    if (failuresInARow >= FAILURES_IN_A_ROW) {
      stopReason = `${failuresInARow} failed fetches in a row: the store's host is not answering`;
      break;
    }
    void queue.add(async () => {
      if (options.signal?.aborted || writer.fatal || failuresInARow >= FAILURES_IN_A_ROW) return;
      try {
        await visit(pageUrl, listings);
      } catch (error) {
        // Only the database throws here (fetch and extraction never do): end the tick.
        writer.fail(error as Error);
      }
    });
  }
  await queue.onIdle();
  await writer.flush();
  await deferListingVisits(db, failedIds, now()).catch((error: unknown) => log.warn({ err: error }, 'could not defer the failed listings'));

  const nothingRead = counts.listingsSeen === 0 && counts.errors > 0;
  const status = writer.fatal || nothingRead ? 'failed' : 'succeeded';
  const message = writer.fatal?.message ?? (nothingRead ? `Nothing could be read on a revisit of ${store.name}: ${counts.errors} error(s)${stopReason ? `; ${stopReason}` : ''}` : stopReason);
  await finishCrawlRun(db, runId, status, counts, message, now());
  const summary: RevisitSummary = { storeId: store.id, runId, status, due: due.length, counts, seconds: (Date.now() - startedMs) / 1000 };
  log.info({ runId, status, due: due.length, ...counts, stopReason }, formatRevisitSummary(summary));
  return summary;
}

export interface RevisitLoopOptions extends RevisitDeps {
  stores: StoreConfig[];
  tickSeconds?: number;
  /** Told about every store tick that did work (start prints it). */
  onRevisit?: (summary: RevisitSummary) => void;
}

export interface RevisitLoop {
  /** Runs one tick of every store now (tests, and the loop's own timer). */
  tick(): Promise<RevisitSummary[]>;
  /** Stops the timer and waits for a tick under way. */
  stop(): Promise<void>;
}

/** What the loop will do per store, for the status: recorded once, before the first tick. */
export async function recordPlans(db: Database, stores: StoreConfig[], tickSeconds: number, canRender: boolean): Promise<void> {
  await upsertStores(db, stores.map(storeRowOf));
  await recordRevisitPlans(
    db,
    stores.map((store) => ({ storeId: store.id, revisited: isRevisitedStore(store, canRender), tickSeconds, requestsPerTick: revisitBudget(store, tickSeconds) })),
  );
}

/** Revisits every `tickSeconds` (croner; `protect` skips a tick while the last one runs), stores side by side. */
export async function startRevisitLoop(options: RevisitLoopOptions): Promise<RevisitLoop> {
  const tickSeconds = options.tickSeconds ?? REVISIT_TICK_SECONDS;
  if (!Number.isInteger(tickSeconds) || tickSeconds < 1 || 60 % tickSeconds !== 0) {
    throw new TypeError(`Expected tickSeconds to be a whole divisor of 60 such as 20, got ${String(options.tickSeconds)}`);
  }
  const log = (options.logger ?? rootLogger).child({ component: 'revisit' });
  const now = options.now ?? (() => new Date());
  const canRender = options.browser !== undefined;
  await recordPlans(options.db, options.stores, tickSeconds, canRender);
  const stopping = new AbortController();
  let lastPruneMs = 0;
  const tick = async (): Promise<RevisitSummary[]> => {
    const revisited = options.stores.filter((store) => isRevisitedStore(store, canRender));
    const results = await Promise.allSettled(revisited.map((store) => revisitStore(store, options, { tickSeconds, signal: stopping.signal })));
    const summaries: RevisitSummary[] = [];
    results.forEach((result, i) => {
      if (result.status === 'fulfilled') {
        summaries.push(result.value);
        if (!result.value.skipped) options.onRevisit?.(result.value);
      } else log.error({ err: result.reason, store: revisited[i].id }, 'revisit tick failed');
    });
    await markRevisitTicks(options.db, revisited.map((store) => store.id), now());
    if (Date.now() - lastPruneMs > 3_600_000) {
      lastPruneMs = Date.now();
      const pruned = await pruneQuietRevisitRuns(options.db, new Date(now().getTime() - QUIET_RUNS_KEPT_MS));
      if (pruned > 0) log.info({ pruned }, 'dropped quiet revisit runs older than a day');
    }
    return summaries;
  };
  let running: Promise<unknown> = Promise.resolve();
  const job = new Cron(`*/${tickSeconds} * * * * *`, { protect: true, catch: true }, async () => {
    running = tick().catch((error: unknown) => log.error({ err: error }, 'revisit tick failed'));
    await running;
  });
  log.info({ stores: options.stores.filter((store) => isRevisitedStore(store, canRender)).map((s) => `${s.id} (${revisitBudget(s, tickSeconds)} requests/tick)`), tickSeconds }, 'revisits started');
  return {
    tick,
    async stop() {
      job.stop();
      stopping.abort();
      await running;
    },
  };
}
