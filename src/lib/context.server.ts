// The site's handles on the process: the one shared database and one search engine, both kept on
// globalThis so the built server bundle and the CLI that started it share a single instance.
import { environmentSection } from '../../config/environment.ts';
import { databaseOptionsFromEnv, getSharedDatabase, type Database } from '../../db/client.ts';
import { getSharedSearchEngine } from '../../search/index.ts';
import type { SearchEngine } from '../../search/types.ts';

/**
 * The process-wide database, set by the process that serves the site (`tulna start`). Opened from
 * the environment otherwise: migrated in dev only, since the built bundle cannot find the
 * migration files (run `tulna migrate` first).
 */
export async function getDb(): Promise<Database> {
  const handle = await getSharedDatabase({ ...databaseOptionsFromEnv(), migrate: import.meta.env.DEV });
  return handle.db;
}

/** The search engine over the shared database: the same one the process's crawler keeps in sync. */
export async function getSearchEngine(): Promise<SearchEngine> {
  return getSharedSearchEngine(await getDb());
}

let timeZone: string | undefined;

/** The time zone delivery days are counted in: TULNA_TIME_ZONE when valid, else the server's. */
export function siteTimeZone(): string {
  if (timeZone) return timeZone;
  const configured = environmentSection('site').TULNA_TIME_ZONE;
  const server = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  if (configured) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: configured });
      return (timeZone = configured);
    } catch {
      console.warn(`TULNA_TIME_ZONE=${JSON.stringify(configured)} is not a known time zone; using ${server}`);
    }
  }
  return (timeZone = server);
}
