// The history export's one data call: the product (is it known?) and its confirmed observations.
import { getProductById } from '../../../db/queries/site-catalog.ts';
import { listConfirmedObservations, type HistoryObservation, type HistoryRange } from '../../../db/queries/price-history/observations.ts';
import { getDb } from '../../lib/context.server.ts';

/** Undefined for an unknown product. */
export async function getProductHistoryRecord(
  productId: number,
  range: HistoryRange,
  now = new Date(),
): Promise<{ since: Date | null; observations: HistoryObservation[] } | undefined> {
  const db = await getDb();
  const [product, record] = await Promise.all([getProductById(db, productId), listConfirmedObservations(db, productId, { range, now })]);
  return product ? record : undefined;
}
