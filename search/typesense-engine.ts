// The Typesense engine: documents built in Postgres (product_search), served by a Typesense server.
// Reads go to an alias; a full reindex builds a new collection and swaps the alias atomically.
import { Client, Errors } from 'typesense';
import type { ImportResponse } from 'typesense';
import { z } from 'zod';
import type { Database } from '../db/client.ts';
import {
  countProductSearchDocuments,
  getProductSearchDocuments,
  listProductSearchDocuments,
  refreshAllProductSearch,
  refreshProductSearch,
} from '../db/queries/product-search.ts';
import { normaliseQuery } from './search-query.ts';
import { emptyResult } from './search-result.ts';
import {
  buildTypesenseSearchParams,
  currencyProbeParams,
  fromTypesenseResponse,
  needsCurrencyProbe,
  pickCurrency,
  toTypesenseDocument,
  typesenseCollectionSchema,
  type TypesenseProductDocument,
} from './typesense-schema.ts';
import type { SearchEngine, SearchQuery, SearchResult } from './types.ts';

export interface TypesenseSearchOptions {
  /** Server URL, e.g. http://127.0.0.1:8108. */
  url: string;
  /** Admin API key (writes and collection management). */
  apiKey: string;
  /** Alias that searches read (default "products"); physical collections are `<alias>_<timestamp>`. */
  collection?: string;
  /** Documents per import request (default 500). */
  batchSize?: number;
  /** Seconds before a request counts as failed (default 5). */
  timeoutSeconds?: number;
}

const optionsSchema = z.object({
  url: z.string().url('expected a URL such as http://127.0.0.1:8108'),
  apiKey: z.string().min(1, 'expected a non-empty API key'),
  collection: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,62}$/, 'expected a lowercase name of letters, digits and underscores')
    .default('products'),
  batchSize: z.number().int().min(1).max(10_000).default(500),
  timeoutSeconds: z.number().positive().default(5),
});

/** Ids per delete request (they go in a filter_by clause). */
const DELETE_CHUNK = 200;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function createTypesenseSearch(db: Database, options: TypesenseSearchOptions): SearchEngine {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TypeError(`Invalid Typesense options at ${issue.path.join('.')}: ${issue.message}`, { cause: parsed.error });
  }
  const { url, apiKey, collection: alias, batchSize, timeoutSeconds } = parsed.data;
  const client = new Client({
    nodes: [{ url }],
    apiKey,
    connectionTimeoutSeconds: timeoutSeconds,
    numRetries: 2,
    logLevel: 'warn',
  });

  function describeFailure(action: string, error: unknown): Error {
    const hint = error instanceof Errors.ObjectNotFound ? ` (collection alias "${alias}" missing: run \`tulna reindex\`)` : '';
    return new Error(`Typesense ${action} at ${url} failed${hint}: ${(error as Error).message}`, { cause: error });
  }

  async function importDocuments(collection: string, docs: TypesenseProductDocument[]): Promise<void> {
    for (const batch of chunks(docs, batchSize)) {
      let results: ImportResponse[];
      try {
        results = await client.collections<TypesenseProductDocument>(collection).documents().import(batch, { action: 'upsert' });
      } catch (error) {
        if (error instanceof Errors.ImportError) results = error.importResults;
        else throw describeFailure(`import into ${collection}`, error);
      }
      const failed = results.filter((r) => !r.success);
      if (failed.length > 0) {
        throw new Error(
          `Typesense import into ${collection} rejected ${failed.length} of ${batch.length} documents; first: ${failed[0].error}`,
        );
      }
    }
  }

  async function deleteDocuments(productIds: number[]): Promise<void> {
    for (const ids of chunks(productIds, DELETE_CHUNK)) {
      try {
        await client.collections(alias).documents().delete({ filter_by: `product_id:[${ids.join(',')}]` });
      } catch (error) {
        throw describeFailure(`delete of ${ids.length} documents`, error);
      }
    }
  }

  async function currentCollection(): Promise<string | undefined> {
    try {
      return (await client.aliases(alias).retrieve()).collection_name;
    } catch (error) {
      if (error instanceof Errors.ObjectNotFound) return undefined;
      throw describeFailure(`lookup of alias ${alias}`, error);
    }
  }

  return {
    name: 'typesense',

    async search(query: SearchQuery): Promise<SearchResult> {
      const normalised = normaliseQuery(query);
      if (normalised.text.unmatchable) return emptyResult(normalised, 'typesense');
      try {
        const documents = client.collections<TypesenseProductDocument>(alias).documents();
        if (!needsCurrencyProbe(normalised)) {
          const response = await documents.search(buildTypesenseSearchParams(normalised));
          return fromTypesenseResponse(response, normalised, normalised.currency);
        }
        // Price sorts and bounds need the currency before the query: the matches' commonest one.
        const probe = await documents.search(currencyProbeParams(normalised));
        const currencyFacet = probe.facet_counts?.find((f) => String(f.field_name) === 'currencies')?.counts ?? [];
        const currency = pickCurrency(currencyFacet.map((c) => ({ value: c.value, count: c.count }))) ?? undefined;
        const response = await documents.search(buildTypesenseSearchParams({ ...normalised, currency }));
        return fromTypesenseResponse(response, normalised, currency ?? null);
      } catch (error) {
        throw describeFailure(`search for ${JSON.stringify(normalised.text.text)}`, error);
      }
    },

    async syncProducts(productIds: number[]): Promise<void> {
      if (productIds.length === 0) return;
      await refreshProductSearch(db, productIds);
      const rows = await getProductSearchDocuments(db, productIds);
      await importDocuments(alias, rows.map(toTypesenseDocument));
      const present = new Set(rows.map((row) => Number(row.productId)));
      const vanished = [...new Set(productIds)].filter((id) => !present.has(id));
      await deleteDocuments(vanished);
    },

    async reindexAll(onProgress) {
      await refreshAllProductSearch(db, (done, total) => onProgress?.(done, total, 'documents'));
      const total = await countProductSearchDocuments(db);
      const physical = `${alias}_${Date.now()}`;
      try {
        await client.collections().create(typesenseCollectionSchema(physical));
      } catch (error) {
        throw describeFailure(`creation of collection ${physical}`, error);
      }
      let done = 0;
      try {
        onProgress?.(0, total, 'index');
        for (let afterId = 0; ; ) {
          const rows = await listProductSearchDocuments(db, afterId, batchSize);
          if (rows.length === 0) break;
          await importDocuments(physical, rows.map(toTypesenseDocument));
          afterId = Number(rows[rows.length - 1].productId);
          done += rows.length;
          onProgress?.(done, total, 'index');
        }
      } catch (error) {
        await client.collections(physical).delete().catch(() => undefined);
        throw error;
      }
      const previous = await currentCollection();
      try {
        await client.aliases().upsert(alias, { collection_name: physical });
        if (previous && previous !== physical) await client.collections(previous).delete();
      } catch (error) {
        throw describeFailure(`swap of alias ${alias} to ${physical}`, error);
      }
      return { documents: done };
    },

    async close(): Promise<void> {
      // HTTP client: nothing held open. The database handle belongs to the caller.
    },
  };
}
