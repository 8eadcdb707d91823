// After listings change (a crawl batch, a confirmation, a merge or split): bring the retailers'
// views of the products involved up to date: competitive positions, the alerts their changes
// announce, and today's price index of the stores touched. Derived data only: a failure here is
// logged and repaired by the next refresh of the product, it never fails the crawl that caused it.
import type { Database } from '../../db/client.ts';
import { refreshPositions } from '../../db/queries/retailers/positions.ts';
import { recordPriceIndex } from '../../db/queries/retailers/price-index.ts';
import { logger as rootLogger, type Logger } from '../logger.ts';
import { evaluateRetailerAlerts } from './alerts/evaluate.ts';

export interface RetailerRefreshSummary {
  positionsChanged: number;
  storesIndexed: number;
}

export async function refreshRetailerViews(db: Database, productIds: readonly number[], logger: Logger = rootLogger): Promise<RetailerRefreshSummary> {
  if (productIds.length === 0) return { positionsChanged: 0, storesIndexed: 0 };
  try {
    const changes = await refreshPositions(db, productIds);
    if (changes.length === 0) return { positionsChanged: 0, storesIndexed: 0 };
    await evaluateRetailerAlerts(db, changes);
    const storeIds = [...new Set(changes.map((change) => change.after.storeId))];
    // Each store on its own: the index is per store (a retailer with two sees each, and both together live).
    for (const storeId of storeIds) await recordPriceIndex(db, [storeId]);
    return { positionsChanged: changes.length, storesIndexed: storeIds.length };
  } catch (error) {
    logger.child({ component: 'retailer-views' }).warn({ err: error, products: productIds.length }, 'retailer positions were not refreshed; the next change of these products retries');
    return { positionsChanged: 0, storesIndexed: 0 };
  }
}
