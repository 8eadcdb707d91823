import { listCurrentDeals, type Deal } from '../../../db/queries/site-catalog.ts';
import type { SearchHit } from '../../../search/types.ts';
import { getDb, getSearchEngine } from '../../lib/context.server.ts';

/** The home page's deals: real drops below each listing's own recent median. */
export async function getHomeDeals(limit = 6): Promise<Deal[]> {
  return listCurrentDeals(await getDb(), { limit });
}

/**
 * Products sold by the most stores, in stock first: what the home page offers while there are no
 * real drops yet (a fresh install has one reading per listing, so nothing has dropped).
 */
export async function getMostComparedProducts(limit = 6): Promise<SearchHit[]> {
  const engine = await getSearchEngine();
  const result = await engine.search({ q: '', filters: { inStock: true }, sort: 'relevance', perPage: limit });
  return result.hits.filter((hit) => hit.storeCount > 1);
}
