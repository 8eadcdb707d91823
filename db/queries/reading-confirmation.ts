// Confirming readings: a listing fetched again with the same price confirms its latest reading,
// which a first price or a deep drop waits for (domain/price-signal.ts).
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../client.ts';
import { idArray } from './id-array.ts';

/** A database or a transaction on it. */
type Executor = Pick<Database, 'execute'>;

/** Marks these listings' latest readings confirmed; returns the listings whose reading was waiting. */
export async function confirmLatestReadings(db: Executor, listingIds: readonly number[]): Promise<number[]> {
  if (listingIds.length === 0) return [];
  const rows = await queryRows<{ listing_id: string | number }>(
    db as Database,
    sql`UPDATE price_observations o SET confirmed = true
          FROM (SELECT DISTINCT ON (listing_id) id FROM price_observations
                 WHERE listing_id = ANY(${idArray(listingIds)})
                 ORDER BY listing_id, observed_at DESC, id DESC) latest
         WHERE o.id = latest.id AND NOT o.confirmed
         RETURNING o.listing_id`,
  );
  return rows.map((row) => Number(row.listing_id));
}
