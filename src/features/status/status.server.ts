// The status page's and /api/status's data: each store's freshness (db/queries/crawling/freshness.ts).
import { listStoreFreshness, type StoreFreshness } from '../../../db/queries/crawling/freshness.ts';
import { getDb } from '../../lib/context.server.ts';

export interface StatusData {
  generatedAt: Date;
  stores: StoreFreshness[];
}

export async function getStatus(now = new Date()): Promise<StatusData> {
  return { generatedAt: now, stores: await listStoreFreshness(await getDb(), now) };
}
