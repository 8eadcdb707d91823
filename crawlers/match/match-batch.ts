// Incremental matching of a batch: candidates come from the stored matching keys (GTIN, model-code
// keys, rare title terms) instead of the whole catalogue, so a call costs in proportion to the batch
// and its neighbourhood. Term weights use the catalogue's frequencies, as a full run would.
import type { Database } from '../../db/client.ts';
import {
  countMatchKeys,
  findMatchCandidates,
  getLatestStoreOverlap,
  listMatchableListingsByIds,
  listMatchableListingsByProducts,
  listMatchDecisionsByListings,
  replaceListingMatchKeys,
  type MatchableListing,
} from '../../db/queries/product-matching.ts';
import { IDENTIFIER_KEY_PREFIXES, MATCH_KEYS_VERSION, matchKeysOf } from './keys.ts';
import { clusterListings } from './matcher.ts';
import { buildProfiles } from './profile.ts';
import type { MatchCluster, MatchListing } from './types.ts';

/** Best listings by shared rare keys fetched per batch listing (the in-memory index keeps 12). */
const CANDIDATES_PER_LISTING = 24;

export interface BatchInput {
  rows: MatchableListing[];
  clusters: MatchCluster[];
  pendingIds: Set<string>;
}

/** Stores the matching keys of these rows (as profiled together) and returns them. */
export async function storeMatchKeys(
  db: Database,
  rows: readonly MatchableListing[],
  toListing: (row: MatchableListing) => MatchListing,
): Promise<Array<{ listingId: number; keys: string[] }>> {
  const { profiles } = buildProfiles(rows.map(toListing));
  const keyed = profiles.map((p, i) => ({ listingId: rows[i].id, keys: matchKeysOf(p) }));
  await replaceListingMatchKeys(db, keyed);
  return keyed;
}

/**
 * Clusters a batch with its candidates and the products those belong to. Returns the rows involved
 * and the clusters, for `applyClusters`; null when none of the ids is a matchable listing.
 */
export async function clusterBatch(
  db: Database,
  listingIds: readonly number[],
  toListing: (row: MatchableListing) => MatchListing,
  threshold: number | undefined,
): Promise<BatchInput | null> {
  const pending = await listMatchableListingsByIds(db, listingIds);
  if (pending.length === 0) return null;
  const batch = await storeMatchKeys(db, pending, toListing);
  const total = (await countMatchKeys(db, [MATCH_KEYS_VERSION])).get(MATCH_KEYS_VERSION) ?? pending.length;
  // The in-memory index's rule (candidates.ts): terms held by more than 1% of listings (50..400) are too common.
  const maxPosting = Math.min(400, Math.max(50, Math.ceil(total * 0.01)));
  const candidateIds = await findMatchCandidates(db, {
    batch,
    maxPosting,
    perListing: CANDIDATES_PER_LISTING,
    identifierPrefixes: IDENTIFIER_KEY_PREFIXES,
  });

  const pendingIds = new Set(pending.map((r) => String(r.id)));
  const decisions = await listMatchDecisionsByListings(db, pending.map((r) => r.id));
  const mustLink: Array<[string, string]> = [];
  const cannotLink: Array<[string, string]> = [];
  const decided = new Set<number>();
  for (const d of decisions) {
    (d.kind === 'merge' ? mustLink : cannotLink).push([String(d.listingId), String(d.otherListingId)]);
    decided.add(d.listingId).add(d.otherListingId);
  }
  const neighbours = await listMatchableListingsByIds(db, [...candidateIds, ...decided].filter((id) => !pendingIds.has(String(id))));
  // Whole products come along, so that the one-listing-per-store rule and the vetoes see every member.
  const productIds = [...pending, ...neighbours].map((r) => r.productId).filter((p): p is number => p !== null);
  const members = await listMatchableListingsByProducts(db, productIds);
  const byId = new Map<number, MatchableListing>();
  for (const r of [...pending, ...neighbours, ...members]) byId.set(r.id, r);
  const rows = [...byId.values()].sort((a, b) => a.id - b.id);

  const listings = rows.map(toListing);
  const terms = new Set<string>();
  for (const p of buildProfiles(listings).profiles) for (const k of matchKeysOf(p)) terms.add(k);
  const counts = await countMatchKeys(db, [...terms]);
  const fixedCluster = new Map<string, string>();
  for (const r of rows) {
    if (r.productId !== null && !pendingIds.has(String(r.id))) fixedCluster.set(String(r.id), String(r.productId));
  }
  const { clusters } = clusterListings(listings, {
    fixedCluster,
    mustLink,
    cannotLink,
    threshold,
    // A batch and its look-alikes are no fair sample of how often stores share products: the last full run's estimate is.
    estimatePrevalence: false,
    storeOverlap: (await getLatestStoreOverlap(db)) ?? undefined,
    frequencies: { total, of: (term) => counts.get(term) ?? 0 },
  });
  return { rows, clusters, pendingIds };
}
