// The one step after listings change, shared by the crawl (after each stored batch) and the decision
// applier (after a person merged or split): re-match the listings, then bring search and the
// retailers' competitive positions up to date for every product that changed.
import type { Database } from '../../db/client.ts';
import { getProductIdsOfListings } from '../../db/queries/product-matching.ts';
import type { SearchEngine } from '../../search/types.ts';
import type { Logger } from '../logger.ts';
import { refreshRetailerViews } from '../retailers/refresh-views.ts';
import { matchListings, type MatchSummary } from './run-matching.ts';

export interface MatchAndSyncOptions {
  /** The listings to re-match. */
  listingIds: readonly number[];
  /** Kept in sync for the products that changed; without it only matching and retailer positions run. */
  search?: SearchEngine;
  /**
   * Listings whose products, as they are before the re-match, need refreshing too: a product a
   * listing moved off when the last search update failed is otherwise never refreshed.
   */
  refreshBefore?: readonly number[];
  /** Listings whose products, after the re-match, need refreshing: prices changed, the match did not. */
  refreshAfter?: readonly number[];
  /**
   * Listings whose latest readings were just confirmed: their products' retailer positions change
   * (competitors count once confirmed), their search documents do not.
   */
  positionsAfter?: readonly number[];
  logger?: Logger;
}

export async function matchAndSyncSearch(db: Database, options: MatchAndSyncOptions): Promise<MatchSummary> {
  const { search } = options;
  const before = options.refreshBefore?.length ? await getProductIdsOfListings(db, [...options.refreshBefore]) : [];
  const matched = await matchListings(db, { listingIds: options.listingIds, logger: options.logger });
  const productIds = new Set<number>([...before, ...matched.affectedProductIds]);
  if (options.refreshAfter?.length) for (const id of await getProductIdsOfListings(db, [...options.refreshAfter])) productIds.add(id);
  const positionIds = new Set(productIds);
  if (options.positionsAfter?.length) for (const id of await getProductIdsOfListings(db, [...options.positionsAfter])) positionIds.add(id);
  if (search && productIds.size > 0) await search.syncProducts([...productIds]);
  if (positionIds.size > 0) await refreshRetailerViews(db, [...positionIds], options.logger);
  return matched;
}
