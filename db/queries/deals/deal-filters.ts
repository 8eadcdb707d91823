// The choices of the deals page's filter form: the catalogue's known categories and stores.
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../client.ts';

export interface DealFilterChoices {
  categories: string[];
  stores: { id: string; name: string }[];
}

/** Categories of products that have a listing, and every store, each sorted by name. */
export async function listDealFilterChoices(db: Database): Promise<DealFilterChoices> {
  const [categories, stores] = await Promise.all([
    queryRows<{ category: string }>(
      db,
      sql`SELECT DISTINCT p.category FROM products p
           WHERE p.category IS NOT NULL AND p.category <> ''
             AND EXISTS (SELECT 1 FROM listings l WHERE l.product_id = p.id AND l.status <> 'gone')
           ORDER BY p.category LIMIT 500`,
    ),
    queryRows<{ id: string; name: string }>(db, sql`SELECT id, name FROM stores ORDER BY name, id`),
  ]);
  return { categories: categories.map((row) => row.category), stores };
}
