// Old schemas for upgrade tests: migrate a blank database only up to a given migration.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DbHandle, DriverName } from '../../db/client.ts';
import { MIGRATIONS_FOLDER } from '../../db/migrate.ts';
import { openTestDatabase } from './db.ts';

/** A copy of the migrations folder that ends at `lastTag`. */
export function migrationsUpTo(lastTag: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'tulna-migrations-'));
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const end = journal.entries.findIndex((entry) => entry.tag === lastTag);
  if (end < 0) throw new Error(`expected migration ${lastTag} in ${MIGRATIONS_FOLDER}`);
  journal.entries = journal.entries.slice(0, end + 1);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

/** An empty database that no migration has touched yet. */
export const openBlankDatabase = (driver: DriverName) => openTestDatabase(driver, { migrate: false });

export async function migrateWith(handle: DbHandle, migrationsFolder: string): Promise<void> {
  const migrator = handle.driver === 'pglite' ? await import('drizzle-orm/pglite/migrator') : await import('drizzle-orm/postgres-js/migrator');
  await migrator.migrate(handle.db as never, { migrationsFolder });
}
