// Picks the search engine from the environment: Typesense when configured, else Postgres itself.
import { environmentSection, type EnvironmentSource } from '../config/environment.ts';
import type { Database } from '../db/client.ts';
import { createPostgresSearch, type PostgresSearchOptions } from './postgres-engine.ts';
import { createTypesenseSearch, type TypesenseSearchOptions } from './typesense-engine.ts';
import type { SearchEngine } from './types.ts';

export type * from './types.ts';
export { createPostgresSearch, type PostgresSearchOptions } from './postgres-engine.ts';
export { createTypesenseSearch } from './typesense-engine.ts';

// The variables and their rules live in config/environment.ts (its "search" section).
function parseEnv(env?: EnvironmentSource) {
  return environmentSection('search', env);
}

/** Typesense settings from the environment, or undefined when search stays in Postgres. Throws on half a setup. */
export function typesenseOptionsFromEnv(env?: EnvironmentSource): TypesenseSearchOptions | undefined {
  const { TYPESENSE_URL: url, TYPESENSE_API_KEY: apiKey, TYPESENSE_COLLECTION: collection } = parseEnv(env);
  if (!url || !apiKey) return undefined;
  return { url, apiKey, ...(collection ? { collection } : {}) };
}

/** The Postgres engine's settings from the environment: TULNA_SEARCH_CACHE_SECONDS (0 = no cache). */
export function postgresSearchOptionsFromEnv(env?: EnvironmentSource): PostgresSearchOptions {
  const seconds = parseEnv(env).TULNA_SEARCH_CACHE_SECONDS;
  return seconds === undefined ? {} : { cache: { ttlMs: seconds * 1000 } };
}

export function createSearchEngine(db: Database, env?: EnvironmentSource): SearchEngine {
  const typesense = typesenseOptionsFromEnv(env);
  return typesense ? createTypesenseSearch(db, typesense) : createPostgresSearch(db, postgresSearchOptionsFromEnv(env));
}

const SHARED_KEY = Symbol.for('tulna.sharedSearchEngine');
type SharedSlot = { [SHARED_KEY]?: { db: Database; engine: SearchEngine } };

/**
 * One engine per database handle and process: the crawler that keeps search in sync and the site's
 * server bundle (a separate copy of this module) use the same client.
 */
export function getSharedSearchEngine(db: Database, env?: EnvironmentSource): SearchEngine {
  const slot = globalThis as SharedSlot;
  if (slot[SHARED_KEY]?.db !== db) slot[SHARED_KEY] = { db, engine: createSearchEngine(db, env) };
  return slot[SHARED_KEY].engine;
}
