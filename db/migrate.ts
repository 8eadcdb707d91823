// Applies the generated migrations in db/migrations with drizzle's own migrator.
// (drizzle-kit migrate cannot load PGlite's extensions, so Tulna migrates from its own code.)
import { fileURLToPath } from 'node:url';
import type { DbHandle } from './handle.ts';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

export async function applyMigrations(handle: Pick<DbHandle, 'db' | 'driver' | 'location'>): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  try {
    if (handle.driver === 'pglite') {
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(handle.db as never, config);
    } else {
      const { migrate } = await import('drizzle-orm/postgres-js/migrator');
      await migrate(handle.db as never, config);
    }
  } catch (error) {
    throw new Error(`Migrating the ${handle.driver} database at ${handle.location} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
