// Validators of a structured source's documents (a feed, one page of a product API), kept after
// each complete read so the next crawl asks for them conditionally; with the listing URLs the
// document held, which a 304 confirms unchanged.
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../client.ts';
import { sourceDocuments } from '../../crawling-schema.ts';

export interface SourceDocumentValidators {
  etag: string | null;
  lastModified: string | null;
  hasNext: boolean;
}

export interface SavedSourceDocument extends SourceDocumentValidators {
  url: string;
  listingUrls: readonly string[];
  fetchedAt: Date;
}

/** The validators of every document of a store, by URL (without their listing URLs, which may be many). */
export async function getSourceDocumentValidators(db: Database, storeId: string): Promise<Map<string, SourceDocumentValidators>> {
  const rows = await db
    .select({ url: sourceDocuments.url, etag: sourceDocuments.etag, lastModified: sourceDocuments.lastModified, hasNext: sourceDocuments.hasNext })
    .from(sourceDocuments)
    .where(eq(sourceDocuments.storeId, storeId));
  return new Map(rows.map((row) => [row.url, { etag: row.etag, lastModified: row.lastModified, hasNext: row.hasNext !== 0 }]));
}

/** The listing URLs a document held at its last complete read ([] when it is not known). */
export async function getSourceDocumentListingUrls(db: Database, storeId: string, url: string): Promise<string[]> {
  const [row] = await db
    .select({ listingUrls: sourceDocuments.listingUrls })
    .from(sourceDocuments)
    .where(and(eq(sourceDocuments.storeId, storeId), eq(sourceDocuments.url, url)));
  return row?.listingUrls ?? [];
}

/**
 * Keeps a document's validators and listing URLs after a complete read (the store row must exist);
 * a later save of the same URL replaces them. The URLs travel as one JSON parameter: a feed's may
 * be a million, more than a bound array literal handles gracefully.
 */
export async function saveSourceDocument(db: Database, storeId: string, document: SavedSourceDocument): Promise<void> {
  const listingUrls = sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(document.listingUrls)}::jsonb))`;
  await db
    .insert(sourceDocuments)
    .values({
      storeId,
      url: document.url,
      etag: document.etag,
      lastModified: document.lastModified,
      listingUrls,
      hasNext: document.hasNext ? 1 : 0,
      fetchedAt: document.fetchedAt,
    })
    .onConflictDoUpdate({
      target: [sourceDocuments.storeId, sourceDocuments.url],
      set: {
        etag: sql`excluded.etag`,
        lastModified: sql`excluded.last_modified`,
        listingUrls: sql`excluded.listing_urls`,
        hasNext: sql`excluded.has_next`,
        fetchedAt: sql`excluded.fetched_at`,
      },
    });
}

