// One call for the search page and the search API: runs the engine and shapes the answer.
import { listStores } from '../../../db/queries/stores.ts';
import type { SearchQuery, SearchResult } from '../../../search/types.ts';
import { getDb, getSearchEngine } from '../../lib/context.server.ts';
import { formatDeliveryDays } from '../../lib/format.ts';

export interface SearchPageData {
  result: SearchResult;
  /** Store id → name, for the store facet. */
  storeNames: Map<string, string>;
}

/** The engine's own refusal of a query (bad filter values): the caller answers 400. */
export function isSearchQueryError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'SearchQueryError';
}

export async function searchCatalog(query: SearchQuery): Promise<SearchPageData> {
  const [engine, db] = await Promise.all([getSearchEngine(), getDb()]);
  const [result, stores] = await Promise.all([engine.search(query), listStores(db)]);
  return { result, storeNames: new Map(stores.map((store) => [store.id, store.name])) };
}

/** The public JSON shape of `GET /api/search`. */
export function toApiSearchResponse({ result, storeNames }: SearchPageData) {
  return {
    results: result.hits.map((hit) => ({
      id: hit.productId,
      title: hit.title,
      url: `/p/${hit.productId}`,
      lowestPrice: hit.lowestPrice,
      lowestTotal: hit.lowestTotal,
      currency: hit.currency?.trim() ?? null,
      stores: hit.storeCount,
      fastestDelivery: formatDeliveryDays(hit.fastestDeliveryDays),
      fastestDeliveryDays: hit.fastestDeliveryDays,
      inStock: hit.inStock,
    })),
    /** The currency the price sort and bounds used; each result's own is in its `currency`. */
    currency: result.currency,
    total: result.total,
    page: result.page,
    perPage: result.perPage,
    facets: {
      ...result.facets,
      store: result.facets.store.map((facet) => ({ ...facet, name: storeNames.get(facet.value) ?? facet.value })),
    },
  };
}
