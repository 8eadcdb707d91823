// Canonical products and the listing → product link: what the matcher reads and writes.
// The matching itself lives in crawlers/match; these are its storage steps, one statement each.
import { and, desc, eq, inArray, isNotNull, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { queryRows } from '../client.ts';
import { idArray } from './id-array.ts';
import { writeMatchDecisions } from './match-decisions.ts';
import {
  listingMatchKeys,
  listings,
  matchDecisions,
  matchRuns,
  products,
  type MatchDecision,
  type MatchDecisionKind,
  type MatchRun,
  type MatchRunMode,
  type NewProduct,
} from '../schema.ts';

/** Rows per multi-row statement: well under Postgres's 65,535 parameters. */
const BATCH = 500;

/** A listing's fields the matcher reads. */
export interface MatchableListing {
  id: number;
  storeId: string;
  title: string;
  brand: string | null;
  gtin: string | null;
  mpn: string | null;
  image: string | null;
  category: string | null;
  price: string | null;
  currency: string | null;
  productId: number | null;
  matchMethod: string | null;
  updatedAt: Date;
}

/** The listing → product link as the matcher decided it. */
export interface ListingAssignment {
  listingId: number;
  productId: number;
  method: string;
  confidence: number;
}

/** Canonical fields of a product (title, brand, model, GTINs, category, image). */
export type ProductFields = Pick<NewProduct, 'title' | 'brand' | 'model' | 'gtins' | 'category' | 'image'>;

const matchableColumns = {
  id: listings.id,
  storeId: listings.storeId,
  title: listings.title,
  brand: listings.brand,
  gtin: listings.gtin,
  mpn: listings.mpn,
  image: listings.image,
  category: listings.category,
  price: listings.price,
  currency: listings.currency,
  productId: listings.productId,
  matchMethod: listings.matchMethod,
  updatedAt: listings.updatedAt,
};

function chunks<T>(rows: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Every listing that takes part in matching: all but those whose page is gone. */
export async function listMatchableListings(db: Database): Promise<MatchableListing[]> {
  return db.select(matchableColumns).from(listings).where(ne(listings.status, 'gone')).orderBy(listings.id);
}

/** The matchable listings among these ids (gone and unknown ones left out). */
export async function listMatchableListingsByIds(db: Database, ids: readonly number[]): Promise<MatchableListing[]> {
  const out: MatchableListing[] = [];
  for (const part of chunks([...new Set(ids)], 5000)) {
    if (part.length === 0) continue;
    const rows = await db
      .select(matchableColumns)
      .from(listings)
      .where(and(sql`${listings.id} = ANY(${idArray(part)})`, ne(listings.status, 'gone')));
    out.push(...rows);
  }
  return out.sort((a, b) => a.id - b.id);
}

/** The matchable listings of these products. */
export async function listMatchableListingsByProducts(db: Database, productIds: readonly number[]): Promise<MatchableListing[]> {
  if (productIds.length === 0) return [];
  return db
    .select(matchableColumns)
    .from(listings)
    .where(and(sql`${listings.productId} = ANY(${idArray([...new Set(productIds)])})`, ne(listings.status, 'gone')))
    .orderBy(listings.id);
}

/** A listing's normalised matching keys (see crawlers/match/keys.ts). */
export interface ListingMatchKeys {
  listingId: number;
  keys: readonly string[];
}

/** Replaces the stored matching keys of these listings. */
export async function replaceListingMatchKeys(db: Database, rows: readonly ListingMatchKeys[]): Promise<void> {
  for (const part of chunks(rows, 2000)) {
    await db.execute(sql`DELETE FROM listing_match_keys WHERE listing_id = ANY(${idArray(part.map((r) => r.listingId))})`);
    const flat = part.flatMap((r) => [...new Set(r.keys)].map((k) => [r.listingId, k]));
    for (const values of chunks(flat, 10_000)) {
      await db.execute(sql`
        INSERT INTO listing_match_keys (listing_id, key)
        SELECT (e->>0)::bigint, e->>1 FROM jsonb_array_elements(${JSON.stringify(values)}::jsonb) AS e
        ON CONFLICT DO NOTHING`);
    }
  }
}

/**
 * True when a matchable listing, other than `exceptIds` (a batch about to be keyed), has no matching
 * keys of this version yet: added before keys were stored, or keyed by an older version.
 */
export async function hasListingsWithoutMatchKeys(db: Database, versionKey: string, exceptIds: readonly number[] = []): Promise<boolean> {
  const rows = await queryRows<{ missing: boolean }>(
    db,
    sql`SELECT EXISTS (
          SELECT 1 FROM listings l
           WHERE l.status <> 'gone' AND l.id <> ALL(${idArray(exceptIds)})
             AND NOT EXISTS (SELECT 1 FROM listing_match_keys k WHERE k.key = ${versionKey} AND k.listing_id = l.id)
        ) AS missing`,
  );
  return Boolean(rows[0]?.missing);
}

/** How many keyed listings hold each of these keys. */
export async function countMatchKeys(db: Database, keys: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const part of chunks([...new Set(keys)], 5000)) {
    const rows = await queryRows<{ key: string; n: string | number }>(
      db,
      sql`SELECT key, count(*) AS n FROM listing_match_keys
           WHERE key IN (SELECT jsonb_array_elements_text(${JSON.stringify(part)}::jsonb))
           GROUP BY key`,
    );
    for (const r of rows) out.set(r.key, Number(r.n));
  }
  return out;
}

export interface CandidateSearch {
  /** The listings to find candidates for, with their keys. */
  batch: readonly ListingMatchKeys[];
  /** Keys held by more listings than this are too common to search on. */
  maxPosting: number;
  /** Best listings by shared rare keys kept per batch listing. */
  perListing: number;
  /** Key prefixes of identifiers: every listing sharing one is a candidate, whatever its rank. */
  identifierPrefixes: readonly string[];
}

/**
 * Candidate listings for a batch: every listing sharing an identifier key, and each batch listing's
 * best `perListing` by the IDF-weighted sum of shared rare keys. Batch listings are left out.
 */
export async function findMatchCandidates(db: Database, search: CandidateSearch): Promise<number[]> {
  const pairs = search.batch.flatMap((r) => [...new Set(r.keys)].map((k) => [r.listingId, k]));
  if (pairs.length === 0) return [];
  const batchIds = idArray([...new Set(search.batch.map((r) => r.listingId))]);
  const identifier = sql.join(
    search.identifierPrefixes.map((p) => sql`starts_with(q.key, ${p})`),
    sql` OR `,
  );
  const rows = await queryRows<{ id: string | number }>(
    db,
    sql`WITH q AS (
          SELECT (e->>0)::bigint AS src, e->>1 AS key FROM jsonb_array_elements(${JSON.stringify(pairs)}::jsonb) AS e
        ), df AS (
          SELECT k.key, count(*) AS n FROM listing_match_keys k
           WHERE k.key IN (SELECT DISTINCT key FROM q) GROUP BY k.key
        ), hits AS (
          SELECT q.src, k.listing_id AS cand, sum(ln(1 + 1000.0 / df.n)) AS w, bool_or(${identifier}) AS ident
            FROM q
            JOIN df ON df.key = q.key AND df.n <= ${search.maxPosting}
            JOIN listing_match_keys k ON k.key = q.key
           WHERE k.listing_id <> ALL(${batchIds})
           GROUP BY q.src, k.listing_id
        ), ranked AS (
          SELECT cand, ident, row_number() OVER (PARTITION BY src ORDER BY w DESC, cand) AS r FROM hits
        )
        SELECT DISTINCT cand AS id FROM ranked WHERE ident OR r <= ${search.perListing}`,
  );
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

/** Ids of the listings a product holds (gone ones included: they keep their product). */
export async function listListingIdsByProduct(db: Database, productId: number): Promise<number[]> {
  const rows = await db.select({ id: listings.id }).from(listings).where(eq(listings.productId, productId)).orderBy(listings.id);
  return rows.map((r) => r.id);
}

/** The distinct products these listings are attached to (unmatched and unknown listings add nothing). */
export async function getProductIdsOfListings(db: Database, listingIds: readonly number[]): Promise<number[]> {
  if (listingIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ productId: listings.productId })
    .from(listings)
    .where(and(inArray(listings.id, [...new Set(listingIds)]), isNotNull(listings.productId)));
  return rows.map((r) => r.productId!).sort((a, b) => a - b);
}

/** Creates products with these canonical fields; returns their ids in the same order. */
export async function createProducts(db: Database, rows: readonly ProductFields[]): Promise<number[]> {
  const ids: number[] = [];
  for (const part of chunks(rows)) {
    const created = await db.insert(products).values(part.map((r) => ({ ...r }))).returning({ id: products.id });
    for (const c of created) ids.push(c.id);
  }
  return ids;
}

/** Rewrites the canonical fields of existing products, many per statement. */
export async function updateProductFields(db: Database, rows: ReadonlyArray<ProductFields & { id: number }>): Promise<void> {
  for (const part of chunks(rows)) {
    const values = sql.join(
      part.map(
        (r) =>
          sql`(${r.id}::bigint, ${r.title}::text, ${r.brand ?? null}::text, ${r.model ?? null}::text,
               ${(r.gtins ?? []).join(',')}::text, ${r.category ?? null}::text, ${r.image ?? null}::text)`,
      ),
      sql`, `,
    );
    await db.execute(sql`
      UPDATE products AS p
         SET title = v.title, brand = v.brand, model = v.model,
             gtins = CASE WHEN v.gtins = '' THEN '{}'::text[] ELSE string_to_array(v.gtins, ',') END,
             category = v.category, image = v.image, updated_at = now()
        FROM (VALUES ${values}) AS v(id, title, brand, model, gtins, category, image)
       WHERE p.id = v.id`);
  }
}

/** Links listings to their products with the matcher's method and confidence. Does not touch updated_at. */
export async function assignListingsToProducts(db: Database, rows: readonly ListingAssignment[]): Promise<void> {
  for (const part of chunks(rows)) {
    const values = sql.join(
      part.map((r) => sql`(${r.listingId}::bigint, ${r.productId}::bigint, ${r.method}::text, ${r.confidence}::real)`),
      sql`, `,
    );
    await db.execute(sql`
      UPDATE listings AS l
         SET product_id = v.product_id, match_method = v.method, match_confidence = v.confidence
        FROM (VALUES ${values}) AS v(id, product_id, method, confidence)
       WHERE l.id = v.id`);
  }
}

/** Deletes these products when no listing points to them any more; returns the ids deleted. */
export async function deleteProductsWithoutListings(db: Database, productIds: readonly number[]): Promise<number[]> {
  if (productIds.length === 0) return [];
  const rows = await queryRows<{ id: string | number }>(
    db,
    sql`DELETE FROM products p
         WHERE p.id = ANY(${idArray([...new Set(productIds)])})
           AND NOT EXISTS (SELECT 1 FROM listings l WHERE l.product_id = p.id)
     RETURNING p.id`,
  );
  return rows.map((r) => Number(r.id));
}

/** Deletes every product no listing points to; returns how many. */
export async function deleteOrphanProducts(db: Database): Promise<number> {
  const rows = await queryRows<{ id: string | number }>(
    db,
    sql`DELETE FROM products p WHERE NOT EXISTS (SELECT 1 FROM listings l WHERE l.product_id = p.id) RETURNING p.id`,
  );
  return rows.length;
}

/** All human decisions, oldest first. */
export async function listMatchDecisions(db: Database): Promise<MatchDecision[]> {
  return db.select().from(matchDecisions).orderBy(matchDecisions.id);
}

/** Human decisions that involve any of these listings. */
export async function listMatchDecisionsByListings(db: Database, listingIds: readonly number[]): Promise<MatchDecision[]> {
  if (listingIds.length === 0) return [];
  const ids = [...new Set(listingIds)];
  return db
    .select()
    .from(matchDecisions)
    .where(or(inArray(matchDecisions.listingId, ids), inArray(matchDecisions.otherListingId, ids)))
    .orderBy(matchDecisions.id);
}

/**
 * Records "merge" or "split" for listing pairs. A newer decision on a pair replaces the older one,
 * so a human can undo a split with a merge and the other way round. They count as applied (the
 * column's default, `applied_at = now()`): use recordPendingMatchDecisions (match-decisions.ts)
 * for decisions the caller does not re-match itself.
 */
export async function recordMatchDecisions(
  db: Database,
  kind: MatchDecisionKind,
  pairs: ReadonlyArray<readonly [number, number]>,
  source = 'cli',
): Promise<number> {
  const rows = pairs
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => ({ kind, listingId: Math.min(a, b), otherListingId: Math.max(a, b), source }));
  // The caller re-matches right after recording (crawlers/match/decisions.ts), so the decision
  // counts as applied at once, also when it replaces one the admin site left pending.
  return writeMatchDecisions(db, rows, { applied: true });
}

/** The store overlap of the latest finished run that recorded one, or null. */
export async function getLatestStoreOverlap(db: Database): Promise<Record<string, number> | null> {
  const [run] = await db
    .select({ storeOverlap: matchRuns.storeOverlap })
    .from(matchRuns)
    .where(and(isNotNull(matchRuns.finishedAt), isNotNull(matchRuns.storeOverlap)))
    .orderBy(desc(matchRuns.startedAt), desc(matchRuns.id))
    .limit(1);
  return run?.storeOverlap ?? null;
}

/** The latest finished run, or undefined before the first one. */
export async function getLastFinishedMatchRun(db: Database): Promise<MatchRun | undefined> {
  const [run] = await db
    .select()
    .from(matchRuns)
    .where(isNotNull(matchRuns.finishedAt))
    .orderBy(desc(matchRuns.startedAt), desc(matchRuns.id))
    .limit(1);
  return run;
}

export async function startMatchRun(db: Database, mode: MatchRunMode): Promise<MatchRun> {
  const [run] = await db.insert(matchRuns).values({ mode }).returning();
  return run;
}

export async function finishMatchRun(
  db: Database,
  runId: number,
  counts: { listingsMatched: number; productsCreated: number; productsRemoved: number; storeOverlap?: Record<string, number> | null },
): Promise<void> {
  await db
    .update(matchRuns)
    .set({ ...counts, finishedAt: sql`now()` })
    .where(and(eq(matchRuns.id, runId)));
}
