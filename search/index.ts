// Picks the search engine from the environment: Typesense when configured, else Postgres itself.
import { z } from 'zod';
import type { Database } from '../db/client.ts';
import { createPostgresSearch, type PostgresSearchOptions } from './postgres-engine.ts';
import { createTypesenseSearch, type TypesenseSearchOptions } from './typesense-engine.ts';
import type { SearchEngine } from './types.ts';

export type * from './types.ts';
export { createPostgresSearch, type PostgresSearchOptions } from './postgres-engine.ts';
export { createTypesenseSearch } from './typesense-engine.ts';

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const envSchema = z
  .object({
    TYPESENSE_URL: z.preprocess(blankToUndefined, z.string().trim().url('expected a URL such as http://127.0.0.1:8108').optional()),
    TYPESENSE_API_KEY: z.preprocess(blankToUndefined, z.string().trim().min(1).optional()),
    TYPESENSE_COLLECTION: z.preprocess(blankToUndefined, z.string().trim().optional()),
    TULNA_SEARCH_CACHE_SECONDS: z.preprocess(
      blankToUndefined,
      z.coerce.number({ invalid_type_error: 'expected whole seconds such as 15' }).int('expected whole seconds such as 15').min(0).max(3600).optional(),
    ),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.TYPESENSE_URL) !== Boolean(env.TYPESENSE_API_KEY)) {
      const missing = env.TYPESENSE_URL ? 'TYPESENSE_API_KEY' : 'TYPESENSE_URL';
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [missing],
        message: `${missing} is not set: set both TYPESENSE_URL and TYPESENSE_API_KEY to use Typesense, or neither to search in Postgres`,
      });
    }
  });

function parseEnv(env: NodeJS.ProcessEnv) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid search configuration (${issue.path.join('.')}): ${issue.message}`, { cause: parsed.error });
  }
  return parsed.data;
}

/** Typesense settings from the environment, or undefined when search stays in Postgres. Throws on half a setup. */
export function typesenseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): TypesenseSearchOptions | undefined {
  const { TYPESENSE_URL: url, TYPESENSE_API_KEY: apiKey, TYPESENSE_COLLECTION: collection } = parseEnv(env);
  if (!url || !apiKey) return undefined;
  return { url, apiKey, ...(collection ? { collection } : {}) };
}

/** The Postgres engine's settings from the environment: TULNA_SEARCH_CACHE_SECONDS (0 = no cache). */
export function postgresSearchOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): PostgresSearchOptions {
  const seconds = parseEnv(env).TULNA_SEARCH_CACHE_SECONDS;
  return seconds === undefined ? {} : { cache: { ttlMs: seconds * 1000 } };
}

export function createSearchEngine(db: Database, env: NodeJS.ProcessEnv = process.env): SearchEngine {
  const typesense = typesenseOptionsFromEnv(env);
  return typesense ? createTypesenseSearch(db, typesense) : createPostgresSearch(db, postgresSearchOptionsFromEnv(env));
}

const SHARED_KEY = Symbol.for('tulna.sharedSearchEngine');
type SharedSlot = { [SHARED_KEY]?: { db: Database; engine: SearchEngine } };

/**
 * One engine per database handle and process: the crawler that keeps search in sync and the site's
 * server bundle (a separate copy of this module) use the same client.
 */
export function getSharedSearchEngine(db: Database, env: NodeJS.ProcessEnv = process.env): SearchEngine {
  const slot = globalThis as SharedSlot;
  if (slot[SHARED_KEY]?.db !== db) slot[SHARED_KEY] = { db, engine: createSearchEngine(db, env) };
  return slot[SHARED_KEY].engine;
}
