// Applies the merge / split decisions the admin site records as pending: re-matches the listings a
// person moved, brings search up to date for the products that changed, and marks the decisions
// applied. The matcher stays the only code that re-clusters; the site only writes decisions.
import { Cron } from 'croner';
import type { Database } from '../../db/client.ts';
import { listPendingMatchDecisions, markMatchDecisionsApplied } from '../../db/queries/match-decisions.ts';
import type { SearchEngine } from '../../search/types.ts';
import { logger as rootLogger, type Logger } from '../logger.ts';
import { matchAndSyncSearch } from '../match/match-and-sync.ts';

export interface ApplyDecisionsOptions {
  /** Kept in sync for the products the re-match changed (as after a crawl batch). */
  search?: SearchEngine;
  /** Most decisions applied per call (default 1000); the rest wait for the next call. */
  limit?: number;
  logger?: Logger;
}

export interface ApplyDecisionsSummary {
  decisions: number;
  listingsMatched: number;
  affectedProductIds: number[];
}

/**
 * Re-matches the subject listing of every pending decision in one incremental run, exactly what
 * `tulna match --split L` / `--merge L p:P` do after recording (matchListings with the moved
 * listing): the decisions are already in match_decisions, so the run respects them, and listings
 * not moved keep their products. Decisions without a subject re-match both listings.
 */
export async function applyPendingDecisions(db: Database, options: ApplyDecisionsOptions = {}): Promise<ApplyDecisionsSummary> {
  const log = (options.logger ?? rootLogger).child({ component: 'decision-applier' });
  const { decisions, asOf } = await listPendingMatchDecisions(db, options.limit ?? 1000);
  if (decisions.length === 0 || asOf === null) return { decisions: 0, listingsMatched: 0, affectedProductIds: [] };
  const listingIds = new Set<number>();
  for (const d of decisions) {
    if (d.subjectListingId !== null) listingIds.add(d.subjectListingId);
    else listingIds.add(d.listingId).add(d.otherListingId);
  }
  // The products every listing of the decisions is on before re-matching: when a search update
  // failed last time, the listings have already moved and the re-match changes nothing, yet the
  // product split from still needs its search entry refreshed.
  const matched = await matchAndSyncSearch(db, {
    listingIds: [...listingIds],
    search: options.search,
    refreshBefore: decisions.flatMap((d) => [d.listingId, d.otherListingId]),
    logger: options.logger,
  });
  const applied = await markMatchDecisionsApplied(
    db,
    decisions.map((d) => d.id),
    asOf,
  );
  log.info({ decisions: applied, listings: listingIds.size, affectedProducts: matched.affectedProductIds.length }, 'applied pending match decisions');
  return { decisions: applied, listingsMatched: matched.listingsMatched, affectedProductIds: matched.affectedProductIds };
}

export interface DecisionApplierOptions extends Omit<ApplyDecisionsOptions, 'limit'> {
  db: Database;
  /** Seconds between runs, a divisor of 60 (default 15). */
  everySeconds?: number;
}

export interface DecisionApplier {
  /** Stops the timer and waits for a run under way. */
  stop(): Promise<void>;
}

/** Runs applyPendingDecisions every `everySeconds` (croner; `protect` skips a tick while one runs). */
export function startDecisionApplier(options: DecisionApplierOptions): DecisionApplier {
  const seconds = options.everySeconds ?? 15;
  if (!Number.isInteger(seconds) || seconds < 1 || 60 % seconds !== 0) {
    throw new TypeError(`Expected everySeconds to be a whole divisor of 60 such as 15, got ${String(options.everySeconds)}`);
  }
  const log = (options.logger ?? rootLogger).child({ component: 'decision-applier' });
  let running: Promise<unknown> = Promise.resolve();
  const job = new Cron(`*/${seconds} * * * * *`, { name: 'apply-match-decisions', protect: true, catch: true }, async () => {
    running = applyPendingDecisions(options.db, options).catch((error: unknown) =>
      log.error({ err: error }, 'applying pending match decisions failed'),
    );
    await running;
  });
  return {
    async stop() {
      job.stop();
      await running;
    },
  };
}
