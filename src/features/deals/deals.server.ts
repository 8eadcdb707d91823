import { listDealFilterChoices, type DealFilterChoices } from '../../../db/queries/deals/deal-filters.ts';
import { listMarketDeals, type ListMarketDealsOptions, type MarketDeal, type MarketDealPage } from '../../../db/queries/deals/market-deals.ts';
import type { SearchHit } from '../../../search/types.ts';
import { getDb, getSearchEngine } from '../../lib/context.server.ts';

/** The home page's deals: real drops below the market's lowest price of the 30 days before. */
export async function getHomeDeals(limit = 6): Promise<MarketDeal[]> {
  return (await listMarketDeals(await getDb(), { limit })).deals;
}

export interface DealsPageData {
  result: MarketDealPage;
  choices: DealFilterChoices;
}

/** The deals page's (and feed's) one data call. */
export async function getDealsPage(options: ListMarketDealsOptions, withChoices = true): Promise<DealsPageData> {
  const db = await getDb();
  const [result, choices] = await Promise.all([
    listMarketDeals(db, options),
    withChoices ? listDealFilterChoices(db) : Promise.resolve({ categories: [], stores: [] }),
  ]);
  return { result, choices };
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
