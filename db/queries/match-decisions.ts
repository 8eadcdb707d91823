// Human merge / split decisions made on the admin site: recorded as pending (applied_at null),
// re-matched later by the applier in crawlers/schedule, which then marks them applied. The site never
// re-clusters; the matcher stays the only code that does. Decisions recorded by the CLI
// (recordMatchDecisions in products.ts) count as applied at once: it re-matches right after.
import { isNull, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { queryRows } from '../client.ts';
import { idArray } from './id-array.ts';
import { matchDecisions, type MatchDecision, type MatchDecisionKind } from '../schema.ts';

export interface PendingDecisionInput {
  kind: MatchDecisionKind;
  /** The listing the person moved: split off its product, or merged into another. The applier re-matches it. */
  subjectListingId: number;
  /** The listings it is (merge) or is not (split) the same product as. */
  otherListingIds: readonly number[];
  /** Who decided (default "admin"). */
  source?: string;
}

/**
 * Records decisions for the applier to re-match: applied_at null. A newer decision on a pair
 * replaces the older one (pending again), as with recordMatchDecisions. Returns the pairs recorded.
 */
export async function recordPendingMatchDecisions(db: Database, inputs: readonly PendingDecisionInput[]): Promise<number> {
  const rows = inputs.flatMap(({ kind, subjectListingId, otherListingIds, source = 'admin' }) =>
    otherListingIds
      .filter((other) => other !== subjectListingId)
      .map((other) => ({
        kind,
        listingId: Math.min(subjectListingId, other),
        otherListingId: Math.max(subjectListingId, other),
        source,
        subjectListingId,
      })),
  );
  return writeMatchDecisions(db, rows, { applied: false });
}

/** One decision row: a listing pair (lower id first), and the listing moved when a person moved one. */
export interface MatchDecisionRow {
  kind: MatchDecisionKind;
  listingId: number;
  otherListingId: number;
  source: string;
  subjectListingId?: number | null;
}

/**
 * Upserts decision rows, a newer decision on a pair replacing the older one: applied at once
 * (`applied`, the CLI re-matches right after) or pending for the applier. One transaction: a merge
 * of two large products is several statements, and the applier must never see (nor a failure
 * leave) half of one decision. Returns the rows written.
 */
export async function writeMatchDecisions(db: Database, rows: readonly MatchDecisionRow[], options: { applied: boolean }): Promise<number> {
  if (rows.length === 0) return 0;
  const appliedAt = options.applied ? sql`now()` : null;
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 500) {
      await tx
        .insert(matchDecisions)
        .values(rows.slice(i, i + 500).map((row) => ({ ...row, subjectListingId: row.subjectListingId ?? null, appliedAt })))
        .onConflictDoUpdate({
          target: [matchDecisions.listingId, matchDecisions.otherListingId],
          set: {
            kind: sql`excluded.kind`,
            source: sql`excluded.source`,
            subjectListingId: sql`excluded.subject_listing_id`,
            createdAt: sql`now()`,
            appliedAt,
          },
        });
    }
  });
  return rows.length;
}

export interface PendingDecisions {
  decisions: MatchDecision[];
  /** The newest created_at among them: markMatchDecisionsApplied leaves anything recorded later pending. */
  asOf: Date | null;
}

/** Decisions waiting for the applier, oldest first (at most `limit`). */
export async function listPendingMatchDecisions(db: Database, limit = 1000): Promise<PendingDecisions> {
  const decisions = await db.select().from(matchDecisions).where(isNull(matchDecisions.appliedAt)).orderBy(matchDecisions.id).limit(limit);
  const asOf = decisions.reduce<Date | null>((max, d) => (max === null || d.createdAt > max ? d.createdAt : max), null);
  return { decisions, asOf };
}

/**
 * Marks these decisions applied, unless one was replaced after `asOf` (a new decision on the same
 * pair re-stamps created_at): that one stays pending for the next round. A JS Date holds
 * milliseconds, Postgres microseconds, hence the bound of `asOf` + 1 ms; at worst a decision
 * recorded within that millisecond is counted applied with its predecessor's re-match. Returns how many.
 */
export async function markMatchDecisionsApplied(db: Database, ids: readonly number[], asOf: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const bound = new Date(asOf.getTime() + 1);
  const rows = await queryRows<{ id: string | number }>(
    db,
    sql`UPDATE match_decisions SET applied_at = now()
         WHERE id = ANY(${idArray(ids)})
           AND applied_at IS NULL AND created_at < ${bound.toISOString()}::timestamptz
     RETURNING id`,
  );
  return rows.length;
}

export interface DecisionRow {
  id: number;
  kind: MatchDecisionKind;
  source: string;
  createdAt: Date;
  appliedAt: Date | null;
  subjectListingId: number | null;
  /** Both listings with their title and current product (null when unmatched). */
  listings: [DecisionListing, DecisionListing];
}

export interface DecisionListing {
  id: number;
  title: string;
  storeName: string;
  productId: number | null;
}

/** The latest decisions, newest first, with their listings' titles and current products. */
export async function listRecentMatchDecisions(db: Database, limit = 50): Promise<DecisionRow[]> {
  const rows = await queryRows<Record<string, string | number | Date | null>>(
    db,
    sql`SELECT d.id, d.kind, d.source, d.created_at, d.applied_at, d.subject_listing_id,
               a.id AS a_id, a.title AS a_title, sa.name AS a_store, a.product_id AS a_product,
               b.id AS b_id, b.title AS b_title, sb.name AS b_store, b.product_id AS b_product
          FROM match_decisions d
          JOIN listings a ON a.id = d.listing_id JOIN stores sa ON sa.id = a.store_id
          JOIN listings b ON b.id = d.other_listing_id JOIN stores sb ON sb.id = b.store_id
         ORDER BY d.created_at DESC, d.id DESC
         LIMIT ${limit}`,
  );
  const date = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind as MatchDecisionKind,
    source: String(r.source),
    createdAt: date(r.created_at)!,
    appliedAt: date(r.applied_at),
    subjectListingId: num(r.subject_listing_id),
    listings: [
      { id: Number(r.a_id), title: String(r.a_title), storeName: String(r.a_store), productId: num(r.a_product) },
      { id: Number(r.b_id), title: String(r.b_title), storeName: String(r.b_store), productId: num(r.b_product) },
    ],
  }));
}

/**
 * Stores that hold a (not gone) listing in both products: merging them would put two listings of
 * one store in one product, which the matcher never does by itself but a human merge would force.
 */
export async function findSharedStores(db: Database, productId: number, otherProductId: number): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`SELECT s.name FROM stores s
         WHERE EXISTS (SELECT 1 FROM listings l WHERE l.store_id = s.id AND l.product_id = ${productId} AND l.status <> 'gone')
           AND EXISTS (SELECT 1 FROM listings l WHERE l.store_id = s.id AND l.product_id = ${otherProductId} AND l.status <> 'gone')
         ORDER BY s.name`,
  );
  return rows.map((r) => r.name);
}

/** How many decisions about this product's listings still wait for the applier. */
export async function countPendingDecisionsOfProduct(db: Database, productId: number): Promise<number> {
  const rows = await queryRows<{ n: string | number }>(
    db,
    sql`SELECT count(*) AS n FROM match_decisions d
         WHERE d.applied_at IS NULL
           AND EXISTS (SELECT 1 FROM listings l WHERE l.product_id = ${productId} AND l.id IN (d.listing_id, d.other_listing_id))`,
  );
  return Number(rows[0]?.n ?? 0);
}
