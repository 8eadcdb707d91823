// The embedded engine: Postgres itself (server or PGlite) searching product_search with pg_trgm and
// full text. No extra service to run; the default.
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/client.ts';
import { refreshAllProductSearch, refreshProductSearch } from '../db/queries/product-search.ts';
import { buildSearchStatement, hasSwaps, WORD_SIMILARITY_THRESHOLD, type MatchMode } from './postgres-query.ts';
import { emptyResult, toSearchHit } from './search-result.ts';
import { normaliseQuery } from './search-query.ts';
import type { FacetValue, SearchEngine, SearchQuery, SearchResult } from './types.ts';

interface StatementRow {
  total: number;
  hits: unknown;
  category: unknown;
  brand: unknown;
  store: unknown;
}

/** postgres.js parses json columns, PGlite too; a driver that hands back text is handled as well. */
function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function createPostgresSearch(db: Database): SearchEngine {
  return {
    name: 'postgres',

    async search(query: SearchQuery): Promise<SearchResult> {
      const normalised = normaliseQuery(query);
      if (normalised.text.unmatchable) return emptyResult(normalised, 'postgres');
      let row: StatementRow;
      try {
        if (normalised.text.words.length === 0) {
          [row] = await queryRows<StatementRow>(db, buildSearchStatement(normalised));
        } else {
          row = await db.transaction(async (tx) => {
            const scoped = tx as unknown as Database;
            // Settings scoped to this transaction: the typo threshold of `<%`, and no sequential
            // scans: the planner underestimates per-row text functions and would scan every
            // document where the GIN indexes answer in a millisecond; room to sort and count broad
            // matches (one letter typed) in memory.
            await scoped.execute(sql`SELECT
              set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY_THRESHOLD)}, true),
              set_config('enable_seqscan', 'off', true),
              set_config('work_mem', '32MB', true)`);
            // Cheapest first: exact words, then swapped letters, then trigram typos.
            const modes: MatchMode[] = hasSwaps(normalised.text) ? ['exact', 'swapped', 'fuzzy'] : ['exact', 'fuzzy'];
            let found: StatementRow | undefined;
            for (const mode of modes) {
              [found] = await queryRows<StatementRow>(scoped, buildSearchStatement(normalised, mode));
              if (Number(found.total) > 0) break;
            }
            return found!;
          });
        }
      } catch (error) {
        throw new Error(`Postgres search for ${JSON.stringify(normalised.text.text)} failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
      return {
        hits: json<Record<string, unknown>[]>(row.hits).map(toSearchHit),
        total: Number(row.total),
        page: normalised.page,
        perPage: normalised.perPage,
        facets: {
          category: json<FacetValue[]>(row.category),
          brand: json<FacetValue[]>(row.brand),
          store: json<FacetValue[]>(row.store),
        },
        engine: 'postgres',
      };
    },

    async syncProducts(productIds: number[]): Promise<void> {
      await refreshProductSearch(db, productIds);
    },

    async reindexAll(onProgress) {
      const summary = await refreshAllProductSearch(db, (done, total) => onProgress?.(done, total, 'documents'));
      return { documents: summary.upserted };
    },

    async close(): Promise<void> {
      // The database handle belongs to the caller.
    },
  };
}
