// Stores as configured: the config file is the source of truth, the table mirrors it for joins.
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { stores, type NewStore, type Store } from '../schema.ts';

/** Inserts or updates the given stores (by id). */
export async function upsertStores(db: Database, rows: NewStore[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(stores)
    .values(rows)
    .onConflictDoUpdate({
      target: stores.id,
      set: {
        name: sql`excluded.name`,
        baseUrl: sql`excluded.base_url`,
        country: sql`excluded.country`,
        currency: sql`excluded.currency`,
        sourceKind: sql`excluded.source_kind`,
        schedule: sql`excluded.schedule`,
        politeness: sql`excluded.politeness`,
        updatedAt: sql`now()`,
      },
    });
}

export async function listStores(db: Database): Promise<Store[]> {
  return db.select().from(stores).orderBy(stores.name);
}

export async function getStoreById(db: Database, id: string): Promise<Store | undefined> {
  const [row] = await db.select().from(stores).where(eq(stores.id, id));
  return row;
}
