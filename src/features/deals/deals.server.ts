import { listCurrentDeals, type Deal } from '../../../db/queries/catalog.ts';
import { getDb } from '../../lib/context.server.ts';

/** The home page's deals: real drops below each listing's own recent median. */
export async function getHomeDeals(limit = 6): Promise<Deal[]> {
  return listCurrentDeals(await getDb(), { limit });
}
