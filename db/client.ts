// One `db` handle, two drivers: PGlite in-process by default, a Postgres server with DATABASE_URL.
import { resolve, join } from 'node:path';
import type { SQL } from 'drizzle-orm';
import { environmentSection, type EnvironmentSource } from '../config/environment.ts';
import * as alertsSchema from './alerts-schema.ts';
import * as crawlingSchema from './crawling-schema.ts';
import * as retailersSchema from './retailers-schema.ts';
import * as tablesSchema from './schema.ts';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import type { Database, DbHandle } from './handle.ts';

const schema = { ...tablesSchema, ...alertsSchema, ...retailersSchema, ...crawlingSchema };
import { applyMigrations } from './migrate.ts';

export type { Database, DbHandle, DriverName } from './handle.ts';

export interface OpenDatabaseOptions {
  /** Postgres server URL; when absent, embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite data folder (default ./data); ignored with databaseUrl. `memory://` keeps it in memory. */
  dataDir?: string;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  /** Postgres pool size (default 10). */
  maxConnections?: number;
}

/** Reads the database settings from the environment (DATABASE_URL, TULNA_DATA_DIR). */
export function databaseOptionsFromEnv(env?: EnvironmentSource): OpenDatabaseOptions {
  const { DATABASE_URL, TULNA_DATA_DIR } = environmentSection('database', env);
  return { databaseUrl: DATABASE_URL, dataDir: TULNA_DATA_DIR };
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<DbHandle> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const client = postgres(url, {
    max: options.maxConnections ?? 10,
    onnotice: () => {},
    connect_timeout: 10,
  });
  const db = drizzle(client, { schema }) as unknown as Database;
  return {
    db,
    driver: 'postgres',
    location: redact(url),
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dataDir: string): Promise<DbHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { drizzle } = await import('drizzle-orm/pglite');
  const inMemory = dataDir.startsWith('memory://');
  let lock: DataDirLock | undefined;
  let location = dataDir;
  let client: InstanceType<typeof PGlite>;
  if (inMemory) {
    client = new PGlite({ extensions: { pg_trgm } });
  } else {
    const folder = resolve(dataDir);
    lock = lockDataDir(folder);
    location = folder;
    try {
      client = new PGlite(join(folder, 'pgdata'), { extensions: { pg_trgm } });
      await client.waitReady;
    } catch (error) {
      lock.release();
      throw new Error(`Could not open the embedded database in ${folder}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  const db = drizzle(client, { schema }) as unknown as Database;
  return {
    db,
    driver: 'pglite',
    location,
    close: async () => {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

export async function openDatabase(options: OpenDatabaseOptions = databaseOptionsFromEnv()): Promise<DbHandle> {
  const handle = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options)
    : await openPglite(options.dataDir ?? './data');
  if (options.migrate !== false) {
    try {
      await applyMigrations(handle);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }
  return handle;
}

const SHARED_KEY = Symbol.for('tulna.sharedDatabase');
type SharedSlot = { [SHARED_KEY]?: Promise<DbHandle> };

/**
 * The process-wide handle. The site's server bundle and the CLI load separate copies of this
 * module, so the handle lives on globalThis: two PGlite instances on one folder would lose writes.
 */
export function getSharedDatabase(options?: OpenDatabaseOptions): Promise<DbHandle> {
  const slot = globalThis as SharedSlot;
  slot[SHARED_KEY] ??= openDatabase(options ?? databaseOptionsFromEnv()).catch((error) => {
    delete slot[SHARED_KEY];
    throw error;
  });
  return slot[SHARED_KEY];
}

/** Lets the process owner (the `tulna start` command) hand its open handle to the site. */
export function setSharedDatabase(handle: DbHandle): void {
  (globalThis as SharedSlot)[SHARED_KEY] = Promise.resolve(handle);
}

/** Rows of a raw SQL query, whichever driver runs it (postgres.js returns an array, PGlite `{ rows }`). */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}
