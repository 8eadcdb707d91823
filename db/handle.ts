// What an open database is, apart from how it is opened: db/client.ts opens one, db/migrate.ts
// migrates one, and neither has to import the other for it.
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.ts';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DriverName = 'pglite' | 'postgres';

export interface DbHandle {
  db: Database;
  driver: DriverName;
  /** Where the data lives: the server URL without password, or the PGlite folder. */
  location: string;
  close(): Promise<void>;
}
