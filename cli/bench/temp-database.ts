// Fresh, throw-away databases for benchmarks: a temporary database on the Postgres server, or
// PGlite in a temporary folder (on disk, as in production use).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { environmentSection } from '../../config/environment.ts';
import { openDatabase, type DbHandle, type DriverName } from '../../db/client.ts';

export const BENCH_SERVER_URL = environmentSection('bench').TULNA_BENCH_DATABASE_URL;

export interface TempDatabaseOptions {
  /** PGlite in memory instead of a temporary folder. */
  inMemory?: boolean;
  /** Pool size on the server. */
  maxConnections?: number;
}

/** A fresh database; `close()` removes it again (TULNA_BENCH_KEEP_DB keeps a server database for a look). */
export async function openTempDatabase(driver: DriverName, options: TempDatabaseOptions = {}): Promise<DbHandle> {
  if (driver === 'pglite') {
    if (options.inMemory) return openDatabase({ dataDir: 'memory://' });
    const dir = mkdtempSync(join(tmpdir(), 'tulna-bench-'));
    const handle = await openDatabase({ dataDir: dir });
    return { ...handle, close: async () => { await handle.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const server = await createServerDatabase(options.maxConnections);
  return {
    ...server.handle,
    close: async () => {
      if (environmentSection('bench').TULNA_BENCH_KEEP_DB) {
        await server.handle.close();
        process.stderr.write(`kept database ${server.name} (TULNA_BENCH_KEEP_DB is set)\n`);
        return;
      }
      await server.drop();
    },
  };
}

export interface ServerDatabase {
  name: string;
  /** Its URL (with password), for processes of their own such as workers. */
  url: string;
  handle: DbHandle;
  /** Closes the handle and drops the database. */
  drop(): Promise<void>;
}

/** A fresh, migrated database on the bench server. */
export async function createServerDatabase(maxConnections?: number): Promise<ServerDatabase> {
  const name = `tulna_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(BENCH_SERVER_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(BENCH_SERVER_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), maxConnections });
  return {
    name,
    url: url.toString(),
    handle,
    async drop() {
      await handle.close();
      const dropper = postgres(BENCH_SERVER_URL, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

export function parseDrivers(flag: unknown): DriverName[] {
  if (flag === undefined) return ['postgres', 'pglite'];
  if (flag === 'postgres' || flag === 'pglite') return [flag];
  throw new Error(`--driver must be "postgres" or "pglite", found "${String(flag)}"`);
}
