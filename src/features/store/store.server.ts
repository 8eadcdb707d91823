import { getStorePageData, type StorePageData } from '../../../db/queries/site-catalog.ts';
import { getDb } from '../../lib/context.server.ts';

export async function getStorePage(storeId: string): Promise<StorePageData | undefined> {
  if (storeId.length === 0 || storeId.length > 200) return undefined;
  return getStorePageData(await getDb(), storeId);
}
