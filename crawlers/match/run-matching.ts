// Matching against the database: incremental runs after each crawl, full rebuilds, and the human
// merge / split decisions every run respects. The decisions themselves come from the pure core.
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import {
  assignListingsToProducts,
  createProducts,
  deleteOrphanProducts,
  deleteProductsWithoutListings,
  finishMatchRun,
  getLastFinishedMatchRun,
  getLatestStoreOverlap,
  hasListingsWithoutMatchKeys,
  listMatchableListings,
  listMatchDecisions,
  startMatchRun,
  updateProductFields,
  type ListingAssignment,
  type MatchableListing,
  type ProductFields,
} from '../../db/queries/product-matching.ts';
import { logger as rootLogger, type Logger } from '../logger.ts';
import { chooseCanonicalFields } from './canonical.ts';
import { MATCH_KEYS_VERSION } from './keys.ts';
import { clusterBatch, storeMatchKeys } from './match-batch.ts';
import { clusterListings } from './matcher.ts';
import type { MatchCluster, MatchListing } from './types.ts';

export interface MatchListingsOptions {
  /**
   * The listings to (re)match, e.g. a crawl batch's new and changed listings. When absent: every
   * listing without a product, and those updated since the last finished run started.
   */
  listingIds?: readonly number[];
  /** Minimum pair score for a similarity match (see MatchOptions.threshold). */
  threshold?: number;
  logger?: Logger;
}

export interface MatchSummary {
  mode: 'incremental' | 'rebuild';
  /** Listings the run (re)matched. */
  listingsMatched: number;
  /** Listings loaded and clustered to do it: the batch and its candidates' products, or the whole catalogue. */
  listingsConsidered: number;
  /** Of those matched, listings attached to a product holding other listings. */
  listingsLinked: number;
  productsCreated: number;
  productsRemoved: number;
  /** Products whose listings or fields changed: their pages and search documents need refreshing. */
  affectedProductIds: number[];
  durationMs: number;
}

function toMatchListing(row: MatchableListing): MatchListing {
  const price = row.price === null ? null : Number(row.price);
  return {
    id: String(row.id),
    store: row.storeId,
    title: row.title,
    brand: row.brand,
    model: row.mpn,
    gtin: row.gtin,
    price: price !== null && Number.isFinite(price) ? price : null,
    currency: row.currency,
    category: row.category,
  };
}

/** The human decisions as listing-id pairs for the core. */
async function loadConstraints(db: Database) {
  const mustLink: Array<[string, string]> = [];
  const cannotLink: Array<[string, string]> = [];
  for (const d of await listMatchDecisions(db)) {
    (d.kind === 'merge' ? mustLink : cannotLink).push([String(d.listingId), String(d.otherListingId)]);
  }
  return { mustLink, cannotLink };
}

/**
 * Gives each cluster a product id: the existing product it carried in, else the product most of its
 * listings had before (so product pages keep their address through rebuilds), else a new one.
 */
function chooseProductIds(clusters: readonly MatchCluster[], previous: ReadonlyMap<string, number | null>): Array<number | null> {
  const claimed = new Set<number>();
  const ids: Array<number | null> = clusters.map((c) => {
    if (c.key === null) return null;
    const id = Number(c.key);
    claimed.add(id);
    return id;
  });
  const order = clusters.map((_, i) => i).sort((a, b) => clusters[b].listings.length - clusters[a].listings.length);
  for (const i of order) {
    if (ids[i] !== null) continue;
    const votes = new Map<number, number>();
    for (const l of clusters[i].listings) {
      const p = previous.get(l.listingId);
      if (p != null && !claimed.has(p)) votes.set(p, (votes.get(p) ?? 0) + 1);
    }
    let best: number | null = null;
    for (const [p, n] of votes) if (best === null || n > votes.get(best)! || (n === votes.get(best)! && p < best)) best = p;
    if (best !== null) {
      claimed.add(best);
      ids[i] = best;
    }
  }
  return ids;
}

async function applyClusters(
  db: Database,
  rows: readonly MatchableListing[],
  clusters: readonly MatchCluster[],
  pendingIds: ReadonlySet<string>,
  refreshAll: boolean,
): Promise<Omit<MatchSummary, 'mode' | 'durationMs'>> {
  const byId = new Map(rows.map((r) => [String(r.id), r]));
  const previous = new Map(rows.map((r) => [String(r.id), r.productId]));
  const productIds = chooseProductIds(clusters, previous);

  // New products first: they need ids before listings can point to them.
  const fresh = clusters.map((c, i) => (productIds[i] === null ? i : -1)).filter((i) => i >= 0);
  const fieldsOf = (c: MatchCluster): ProductFields =>
    chooseCanonicalFields(c.listings.map((l) => byId.get(l.listingId)!));
  const createdIds = await createProducts(db, fresh.map((i) => fieldsOf(clusters[i])));
  fresh.forEach((i, k) => (productIds[i] = createdIds[k]));

  const assignments: ListingAssignment[] = [];
  const touched = new Set<number>(createdIds);
  let listingsLinked = 0;
  clusters.forEach((c, i) => {
    const productId = productIds[i]!;
    for (const l of c.listings) {
      const row = byId.get(l.listingId)!;
      const moved = row.productId !== productId;
      if (!moved && !pendingIds.has(l.listingId)) continue;
      if (row.productId !== null && moved) touched.add(row.productId);
      touched.add(productId);
      if (pendingIds.has(l.listingId) && c.listings.length > 1) listingsLinked += 1;
      const method = l.method === 'existing' ? 'manual' : l.method;
      assignments.push({ listingId: row.id, productId, method, confidence: l.confidence });
    }
  });
  await assignListingsToProducts(db, assignments);

  const removed = refreshAll ? await deleteOrphanProducts(db) : (await deleteProductsWithoutListings(db, [...touched])).length;
  const created = new Set(createdIds);
  const keptClusters = clusters
    .map((c, i) => ({ c, id: productIds[i]! }))
    .filter(({ id }) => !created.has(id) && (refreshAll || touched.has(id)));
  await updateProductFields(
    db,
    keptClusters.map(({ c, id }) => ({ id, ...fieldsOf(c) })),
  );
  return {
    listingsMatched: pendingIds.size,
    listingsConsidered: rows.length,
    listingsLinked,
    productsCreated: createdIds.length,
    productsRemoved: removed,
    affectedProductIds: [...touched].sort((a, b) => a - b),
  };
}

/** Key of the transaction-scoped advisory lock that keeps two matching runs from interleaving. */
const MATCH_LOCK_KEY = 0x7475_6c6e; // "tuln"

type RunResult = Omit<MatchSummary, 'mode' | 'durationMs'> & { storeOverlap?: Record<string, number> };

async function matchInTransaction(
  tx: Database,
  mode: 'incremental' | 'rebuild',
  options: MatchListingsOptions,
  last: Awaited<ReturnType<typeof getLastFinishedMatchRun>>,
): Promise<RunResult> {
  // Two crawls finishing at once must not both create a product for the same new listing.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${MATCH_LOCK_KEY})`);
  const none = { listingsMatched: 0, listingsConsidered: 0, listingsLinked: 0, productsCreated: 0, productsRemoved: 0, affectedProductIds: [] };
  const keysMissing = await hasListingsWithoutMatchKeys(tx, MATCH_KEYS_VERSION, options.listingIds ?? []);
  // A batch against a keyed catalogue: candidates from the stored keys, cost in proportion to the batch.
  if (mode === 'incremental' && options.listingIds && !keysMissing) {
    const batch = await clusterBatch(tx, options.listingIds, toMatchListing, options.threshold);
    return batch ? applyClusters(tx, batch.rows, batch.clusters, batch.pendingIds, false) : none;
  }
  const rows = await listMatchableListings(tx);
  let pending: Set<string>;
  if (mode === 'rebuild') pending = new Set(rows.map((r) => String(r.id)));
  else if (options.listingIds) pending = new Set(options.listingIds.map(String));
  else {
    pending = new Set(
      rows.filter((r) => r.productId === null || (last && r.updatedAt > last.startedAt)).map((r) => String(r.id)),
    );
  }
  const known = new Set(rows.map((r) => String(r.id)));
  for (const id of pending) if (!known.has(id)) pending.delete(id);
  // Keys of every listing when some lack them (first run, a new key version), else of those re-matched.
  const rekey = keysMissing ? rows : rows.filter((r) => pending.has(String(r.id)));
  if (rekey.length > 0) await storeMatchKeys(tx, rekey, toMatchListing);
  if (pending.size === 0) return none;
  const fixedCluster = new Map<string, string>();
  for (const r of rows) {
    if (r.productId !== null && !pending.has(String(r.id))) fixedCluster.set(String(r.id), String(r.productId));
  }
  const { mustLink, cannotLink } = await loadConstraints(tx);
  // Only a run over the whole catalogue is a fair sample of how often stores share products; a
  // run over some listings takes the last such estimate.
  const whole = fixedCluster.size === 0;
  const { clusters, storeOverlap } = clusterListings(rows.map(toMatchListing), {
    fixedCluster,
    mustLink,
    cannotLink,
    threshold: options.threshold,
    ...(whole ? {} : { estimatePrevalence: false, storeOverlap: (await getLatestStoreOverlap(tx)) ?? undefined }),
  });
  const applied = await applyClusters(tx, rows, clusters, pending, mode === 'rebuild');
  return whole ? { ...applied, storeOverlap } : applied;
}

async function run(db: Database, mode: 'incremental' | 'rebuild', options: MatchListingsOptions): Promise<MatchSummary> {
  const log = (options.logger ?? rootLogger).child({ component: 'match' });
  const started = performance.now();
  const last = mode === 'incremental' ? await getLastFinishedMatchRun(db) : undefined;
  const matchRun = await startMatchRun(db, mode);
  const { storeOverlap, ...summary } = await db.transaction((tx) => matchInTransaction(tx as unknown as Database, mode, options, last));
  await finishMatchRun(db, matchRun.id, {
    listingsMatched: summary.listingsMatched,
    productsCreated: summary.productsCreated,
    productsRemoved: summary.productsRemoved,
    storeOverlap: storeOverlap ?? null,
  });
  const result = { mode, ...summary, durationMs: Math.round(performance.now() - started) };
  log.info({ ...result, affectedProductIds: result.affectedProductIds.length }, 'matching finished');
  return result;
}

/**
 * Incremental matching: new and changed listings are matched against the existing products and each
 * other; existing products are not recomputed. Every listing ends up with a product (a singleton
 * product when nothing matches). Human merges and splits are respected.
 */
export function matchListings(db: Database, options: MatchListingsOptions = {}): Promise<MatchSummary> {
  return run(db, 'incremental', options);
}

/** Full rebuild: every listing is matched from scratch; product ids are kept where most listings agree. */
export function rebuildMatches(db: Database, options: Omit<MatchListingsOptions, 'listingIds'> = {}): Promise<MatchSummary> {
  return run(db, 'rebuild', options);
}
