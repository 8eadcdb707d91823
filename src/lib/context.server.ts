// The site's handles on the process: the one shared database and one search engine, both kept on
// globalThis so the built server bundle and the CLI that started it share a single instance.
import { databaseOptionsFromEnv, getSharedDatabase, type Database } from '../../db/client.ts';
import { createSearchEngine } from '../../search/index.ts';
import type { SearchEngine } from '../../search/types.ts';

const ENGINE_KEY = Symbol.for('tulna.site.searchEngine');
type EngineSlot = { [ENGINE_KEY]?: { db: Database; engine: Promise<SearchEngine> } };

/**
 * The process-wide database, set by the process that serves the site (`tulna start`). Opened from
 * the environment otherwise: migrated in dev only, since the built bundle cannot find the
 * migration files (run `tulna migrate` first).
 */
export async function getDb(): Promise<Database> {
  const handle = await getSharedDatabase({ ...databaseOptionsFromEnv(), migrate: import.meta.env.DEV });
  return handle.db;
}

/** The search engine over the shared database, created once per database handle. */
export async function getSearchEngine(): Promise<SearchEngine> {
  const db = await getDb();
  const slot = globalThis as EngineSlot;
  if (!slot[ENGINE_KEY] || slot[ENGINE_KEY].db !== db) {
    const engine = Promise.resolve(createSearchEngine(db, process.env));
    slot[ENGINE_KEY] = { db, engine };
    engine.catch(() => {
      if (slot[ENGINE_KEY]?.engine === engine) delete slot[ENGINE_KEY];
    });
  }
  return slot[ENGINE_KEY].engine;
}

let timeZone: string | undefined;

/** The time zone delivery days are counted in: TULNA_TIME_ZONE when valid, else the server's. */
export function siteTimeZone(): string {
  if (timeZone) return timeZone;
  const configured = process.env.TULNA_TIME_ZONE?.trim();
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
