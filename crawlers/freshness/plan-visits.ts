// After a batch of a crawl or revisit is stored: plan each listing's next visit. Freshness is
// bookkeeping: when it fails, the readings stay stored and the crawl goes on (the next visit plans
// again). Stores the revisit loop never revisits (feeds, APIs: read whole on their cron) are not
// planned at all, so a million-record feed pays nothing for it.
import type { Database } from '../../db/client.ts';
import { recordListingVisits, storeIsRevisited, type ListingVisits } from '../../db/queries/crawling/freshness.ts';
import type { Logger } from '../logger.ts';

/** How long what store_revisits says of a store is trusted (the loop writes it at start). */
const KNOWN_FOR_MS = 60_000;
const known = new WeakMap<Database, Map<string, { revisited: boolean | null; atMs: number }>>();

async function planned(db: Database, storeId: string): Promise<boolean> {
  let stores = known.get(db);
  if (!stores) known.set(db, (stores = new Map()));
  const cached = stores.get(storeId);
  if (cached && Date.now() - cached.atMs < KNOWN_FOR_MS) return cached.revisited !== false;
  const revisited = await storeIsRevisited(db, storeId);
  stores.set(storeId, { revisited, atMs: Date.now() });
  return revisited !== false;
}

export async function planNextVisits(db: Database, visits: ListingVisits, log: Logger): Promise<void> {
  try {
    if (await planned(db, visits.storeId)) await recordListingVisits(db, visits);
  } catch (error) {
    log.warn({ err: error, store: visits.storeId }, 'planning the next visits of a stored batch failed');
  }
}
