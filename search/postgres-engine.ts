// The embedded engine: Postgres itself (server or PGlite) searching product_search with pg_trgm and
// full text. No extra service to run; the default.
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/client.ts';
import { refreshAllProductSearch, refreshProductSearch } from '../db/queries/product-search.ts';
import { buildSearchStatement, matchModes, WORD_SIMILARITY_THRESHOLD } from './postgres-query.ts';
import { createResultCache, type ResultCacheOptions } from './result-cache.ts';
import { emptyResult, toSearchHit } from './search-result.ts';
import { normaliseQuery, type NormalisedQuery } from './search-query.ts';
import type { FacetValue, SearchEngine, SearchQuery, SearchResult } from './types.ts';

export interface PostgresSearchOptions {
  /** The in-process answer cache (see ResultCacheOptions); `false` turns it off. Default: on. */
  cache?: ResultCacheOptions | false;
}

interface StatementRow {
  total: number;
  hits: unknown;
  category: unknown;
  brand: unknown;
  store: unknown;
  currency: string | null;
  currency_facet: unknown;
}

/** postgres.js parses json columns, PGlite too; a driver that hands back text is handled as well. */
function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** Everything that decides an answer, in a stable order: equal keys, equal answers. */
export function searchCacheKey(query: NormalisedQuery): string {
  const { words, lastWordIsPrefix } = query.text;
  return JSON.stringify([words, lastWordIsPrefix, query.filters, query.sort, query.currency ?? null, query.page, query.perPage]);
}

/** Runs the passes of a query (see matchModes) in one transaction that carries their settings. */
async function runStatement(db: Database, query: NormalisedQuery): Promise<StatementRow> {
  const browse = query.text.words.length === 0;
  return db.transaction(async (tx) => {
    const scoped = tx as unknown as Database;
    // Settings scoped to this transaction. No JIT: a large catalogue, or any sequential scan left
    // in a plan that prices them out (below), passes jit_above_cost, and compiling then took
    // 490 ms of a 570 ms statement (EXPLAIN ANALYZE, 30k documents); these statements never run
    // long enough to earn it back. PGlite has no JIT and ignores the setting.
    // Text searches also get the typo threshold of `<%`, and no sequential scans: the planner
    // underestimates per-row text functions and would scan every document where the GIN indexes
    // answer in a millisecond; and room to sort and count broad matches (one letter) in memory.
    await scoped.execute(
      browse
        ? sql`SELECT set_config('jit', 'off', true)`
        : sql`SELECT
      set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY_THRESHOLD)}, true),
      set_config('enable_seqscan', 'off', true),
      set_config('work_mem', '32MB', true),
      set_config('jit', 'off', true)`,
    );
    // Cheapest first: exact words, then swapped letters, then trigram typos.
    let row: StatementRow | undefined;
    for (const mode of matchModes(query.text)) {
      [row] = await queryRows<StatementRow>(scoped, buildSearchStatement(query, mode));
      if (Number(row.total) > 0) break;
    }
    return row!;
  });
}

function toResult(row: StatementRow, query: NormalisedQuery): SearchResult {
  return {
    hits: json<Record<string, unknown>[]>(row.hits).map(toSearchHit),
    total: Number(row.total),
    page: query.page,
    perPage: query.perPage,
    currency: row.currency?.trim() || null,
    facets: {
      category: json<FacetValue[]>(row.category),
      brand: json<FacetValue[]>(row.brand),
      store: json<FacetValue[]>(row.store),
      currency: json<FacetValue[]>(row.currency_facet),
    },
    engine: 'postgres',
  };
}

export function createPostgresSearch(db: Database, options: PostgresSearchOptions = {}): SearchEngine {
  const cache = createResultCache(options.cache === false ? { ttlMs: 0 } : options.cache);
  return {
    name: 'postgres',

    async search(query: SearchQuery): Promise<SearchResult> {
      const normalised = normaliseQuery(query);
      if (normalised.text.unmatchable) return emptyResult(normalised, 'postgres');
      return cache.get(searchCacheKey(normalised), async () => {
        try {
          return toResult(await runStatement(db, normalised), normalised);
        } catch (error) {
          throw new Error(`Postgres search for ${JSON.stringify(normalised.text.text)} failed: ${(error as Error).message}`, {
            cause: error,
          });
        }
      });
    },

    // The cache is cleared after the write, and also before it: a search that starts while the
    // write runs must not store what it read then.
    async syncProducts(productIds: number[]): Promise<void> {
      cache.clear();
      try {
        await refreshProductSearch(db, productIds);
      } finally {
        cache.clear();
      }
    },

    async reindexAll(onProgress) {
      cache.clear();
      try {
        const summary = await refreshAllProductSearch(db, (done, total) => onProgress?.(done, total, 'documents'));
        return { documents: summary.upserted };
      } finally {
        cache.clear();
      }
    },

    async close(): Promise<void> {
      // The database handle belongs to the caller.
    },
  };
}
