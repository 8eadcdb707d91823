// Human decisions: "these listings are the same product" (merge) and "this listing is not that
// product" (split). Stored as listing pairs, applied at once, and respected by every later run.
import type { Database } from '../../db/client.ts';
import { getProductIdsOfListings, listListingIdsByProduct, recordMatchDecisions } from '../../db/queries/product-matching.ts';
import { matchListings, type MatchSummary } from './run-matching.ts';

export interface MergeTargets {
  /** Listings that are the same product as the merged listing. */
  listingIds?: readonly number[];
  /** Products the merged listing belongs to (all their current listings). */
  productIds?: readonly number[];
}

/**
 * Records that `listingId` is the same product as the targets, then re-matches it: it joins their
 * product, and targets spread over several products bring those products together.
 */
export async function mergeListings(db: Database, listingId: number, targets: MergeTargets): Promise<MatchSummary> {
  const others = new Set(targets.listingIds ?? []);
  for (const productId of targets.productIds ?? []) {
    const ids = await listListingIdsByProduct(db, productId);
    if (ids.length === 0) throw new Error(`Expected product ${productId} to hold listings to merge with, found none`);
    for (const id of ids) others.add(id);
  }
  others.delete(listingId);
  if (others.size === 0) throw new TypeError(`Expected at least one other listing or product to merge listing ${listingId} with, got none`);
  await recordMatchDecisions(db, 'merge', [...others].map((o) => [listingId, o] as const));
  return matchListings(db, { listingIds: [listingId] });
}

/**
 * Records that `listingId` is not the same product as `otherListingIds` (default: every other listing
 * of its current product), then re-matches it elsewhere or as a product of its own.
 */
export async function splitListing(db: Database, listingId: number, otherListingIds?: readonly number[]): Promise<MatchSummary> {
  let others = otherListingIds ? [...otherListingIds] : [];
  if (!otherListingIds) {
    const [productId] = await getProductIdsOfListings(db, [listingId]);
    if (productId === undefined) throw new Error(`Expected listing ${listingId} to belong to a product, found none`);
    others = await listListingIdsByProduct(db, productId);
  }
  others = others.filter((o) => o !== listingId);
  await recordMatchDecisions(db, 'split', others.map((o) => [listingId, o] as const));
  return matchListings(db, { listingIds: [listingId, ...(otherListingIds ?? [])] });
}
