// The write path: a batch of readings of one store becomes listings plus their price history,
// in one transaction. Storing the same reading twice adds nothing.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { listings, priceObservations, type Listing } from '../schema.ts';
import type { ListingReading } from '../../domain/listing.ts';
import type { Availability } from '../../domain/availability.ts';
import { sameDecimal } from '../../domain/decimal.ts';
import { isConfirmedPrice } from '../../domain/price-signal.ts';
import { confirmLatestReadings } from './reading-confirmation.ts';


export interface UpsertSummary {
  new: number;
  changed: number;
  unchanged: number;
  /** Listing ids in the order of the (deduplicated) readings. */
  listingIds: number[];
  /** Listings whose price, shipping, currency or availability changed (a new observation). */
  priceChangedIds: number[];
  /** Listings created or whose descriptive fields changed: candidates for (re)matching. */
  matchCandidateIds: number[];
  /** Listings whose latest reading became confirmed in this batch, a new one believed at once included. */
  confirmedIds: number[];
}

/**
 * Whether a new reading is believed as it is stored (domain/price-signal.ts): a listing's first
 * price, or a drop deeper than the confirmation line, waits for a later fetch to see it again.
 */
function confirmedOnArrival(existing: Listing | undefined, reading: ListingReading): boolean {
  if (reading.price === null) return true;
  const previous = existing && existing.currency === reading.currency ? existing.price : null;
  return isConfirmedPrice(reading.price, previous, false);
}

const DESCRIPTIVE_FIELDS = ['title', 'sku', 'brand', 'gtin', 'mpn', 'image', 'category'] as const;
const OFFER_FIELDS = ['listPrice', 'deliveryMinDays', 'deliveryMaxDays', 'deliveryText', 'seller', 'condition'] as const;

function priceStateChanged(existing: Listing, reading: ListingReading): boolean {
  return (
    !sameDecimal(existing.price, reading.price) ||
    !sameDecimal(existing.shippingCost, reading.shippingCost ?? null) ||
    (existing.currency ?? null) !== (reading.currency ?? null) ||
    existing.availability !== reading.availability
  );
}

function descriptiveChanged(existing: Listing, reading: ListingReading): boolean {
  return DESCRIPTIVE_FIELDS.some((field) => (existing[field] ?? null) !== (reading[field] ?? null));
}

function offerChanged(existing: Listing, reading: ListingReading): boolean {
  return OFFER_FIELDS.some((field) => {
    const before = existing[field] ?? null;
    const after = reading[field] ?? (field === 'condition' ? 'new' : null);
    return field === 'listPrice' ? !sameDecimal(before as string | null, after as string | null) : before !== after;
  });
}

/** Last reading per URL wins: one statement cannot upsert the same row twice. */
function dedupeByUrl(readings: ListingReading[]): ListingReading[] {
  const byUrl = new Map<string, ListingReading>();
  for (const reading of readings) byUrl.set(reading.url, reading);
  return [...byUrl.values()];
}

/**
 * Stores a batch of readings of one store in one transaction: creates or updates the listings,
 * and appends a price observation only where price, shipping, currency or availability changed.
 */
export async function upsertListings(
  db: Database,
  storeId: string,
  batch: ListingReading[],
  options: { observedAt?: Date } = {},
): Promise<UpsertSummary> {
  const observedAt = options.observedAt ?? new Date();
  const readings = dedupeByUrl(batch);
  const summary: UpsertSummary = { new: 0, changed: 0, unchanged: 0, listingIds: [], priceChangedIds: [], matchCandidateIds: [], confirmedIds: [] };
  if (readings.length === 0) return summary;

  return db.transaction(async (tx) => {
    const urls = readings.map((r) => r.url);
    const existingRows = await tx
      .select()
      .from(listings)
      .where(and(eq(listings.storeId, storeId), inArray(listings.url, urls)))
      .for('update');
    const existingByUrl = new Map(existingRows.map((row) => [row.url, row]));

    const rows = readings.map((r) => ({
      storeId,
      url: r.url,
      title: r.title,
      sku: r.sku ?? null,
      brand: r.brand ?? null,
      gtin: r.gtin ?? null,
      mpn: r.mpn ?? null,
      image: r.image ?? null,
      category: r.category ?? null,
      price: r.price,
      listPrice: r.listPrice ?? null,
      currency: r.currency,
      shippingCost: r.shippingCost ?? null,
      deliveryMinDays: r.deliveryMinDays ?? null,
      deliveryMaxDays: r.deliveryMaxDays ?? null,
      deliveryText: r.deliveryText ?? null,
      availability: r.availability,
      seller: r.seller ?? null,
      condition: r.condition ?? 'new',
      extractedBy: r.extractedBy ?? null,
      etag: r.etag ?? null,
      lastModified: r.lastModified ?? null,
      status: 'active' as const,
      firstSeenAt: observedAt,
      lastSeenAt: observedAt,
      lastCheckedAt: observedAt,
      updatedAt: observedAt,
    }));

    const excluded = (column: string) => sql.raw(`excluded.${column}`);
    const upserted = await tx
      .insert(listings)
      .values(rows)
      .onConflictDoUpdate({
        target: [listings.storeId, listings.url],
        set: {
          title: excluded('title'),
          sku: excluded('sku'),
          brand: excluded('brand'),
          gtin: excluded('gtin'),
          mpn: excluded('mpn'),
          image: excluded('image'),
          category: excluded('category'),
          price: excluded('price'),
          listPrice: excluded('list_price'),
          currency: excluded('currency'),
          shippingCost: excluded('shipping_cost'),
          deliveryMinDays: excluded('delivery_min_days'),
          deliveryMaxDays: excluded('delivery_max_days'),
          deliveryText: excluded('delivery_text'),
          availability: excluded('availability'),
          seller: excluded('seller'),
          condition: excluded('condition'),
          extractedBy: excluded('extracted_by'),
          etag: excluded('etag'),
          lastModified: excluded('last_modified'),
          status: sql`'active'`,
          lastSeenAt: excluded('last_seen_at'),
          lastCheckedAt: excluded('last_checked_at'),
          updatedAt: excluded('updated_at'),
        },
      })
      .returning({ id: listings.id, url: listings.url });
    const idByUrl = new Map(upserted.map((row) => [row.url, row.id]));

    const observations: (typeof priceObservations.$inferInsert)[] = [];
    const seenAgainIds: number[] = [];
    for (const reading of readings) {
      const id = idByUrl.get(reading.url);
      if (id === undefined) throw new Error(`Upserting listing ${reading.url} of store ${storeId} returned no id`);
      summary.listingIds.push(id);
      const existing = existingByUrl.get(reading.url);
      const priceChanged = !existing || priceStateChanged(existing, reading);
      const describedDifferently = !existing || descriptiveChanged(existing, reading);
      if (!existing) summary.new++;
      else if (priceChanged || describedDifferently || offerChanged(existing, reading)) summary.changed++;
      else summary.unchanged++;
      if (describedDifferently || existing?.productId == null) summary.matchCandidateIds.push(id);
      if (!priceChanged) seenAgainIds.push(id);
      if (priceChanged) {
        summary.priceChangedIds.push(id);
        const confirmed = confirmedOnArrival(existing, reading);
        if (confirmed) summary.confirmedIds.push(id);
        observations.push({
          confirmed,
          listingId: id,
          observedAt,
          price: reading.price,
          shippingCost: reading.shippingCost ?? null,
          currency: reading.currency,
          availability: reading.availability,
        });
      }
    }
    if (observations.length > 0) await tx.insert(priceObservations).values(observations);
    // The same price seen again confirms a reading that was waiting (a deep drop, a first price).
    summary.confirmedIds.push(...(await confirmLatestReadings(tx, seenAgainIds)));
    return summary;
  });
}

/**
 * A fetch that found the page unchanged (304, same content): the reading still stands, and a
 * reading that waited for confirmation is now confirmed (`confirmedIds`).
 */
export async function markListingsChecked(
  db: Database,
  storeId: string,
  urls: string[],
  at = new Date(),
): Promise<{ checked: number; confirmedIds: number[] }> {
  if (urls.length === 0) return { checked: 0, confirmedIds: [] };
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(listings)
      .set({ lastCheckedAt: at, lastSeenAt: at, status: 'active' })
      .where(and(eq(listings.storeId, storeId), inArray(listings.url, urls)))
      .returning({ id: listings.id });
    const confirmedIds = await confirmLatestReadings(tx, updated.map((row) => row.id));
    return { checked: updated.length, confirmedIds };
  });
}

/** The store says the page no longer exists (404/410): keep the listing and its history, mark it gone. */
export async function markListingsGone(db: Database, storeId: string, urls: string[], at = new Date()): Promise<number> {
  if (urls.length === 0) return 0;
  const updated = await db
    .update(listings)
    .set({ status: 'gone', lastCheckedAt: at, updatedAt: at })
    .where(and(eq(listings.storeId, storeId), inArray(listings.url, urls)))
    .returning({ id: listings.id });
  return updated.length;
}

/** Active listings the store no longer links to become stale (never deleted: their history stays). */
export async function markListingsStale(db: Database, storeId: string, urls: string[]): Promise<number> {
  let marked = 0;
  for (let i = 0; i < urls.length; i += 1_000) {
    const updated = await db
      .update(listings)
      .set({ status: 'stale' })
      .where(and(eq(listings.storeId, storeId), eq(listings.status, 'active'), inArray(listings.url, urls.slice(i, i + 1_000))))
      .returning({ id: listings.id });
    marked += updated.length;
  }
  return marked;
}

/** HTTP validators of a store's known pages, for conditional requests. */
export async function getListingValidators(
  db: Database,
  storeId: string,
): Promise<Map<string, { etag: string | null; lastModified: string | null; lastCheckedAt: Date }>> {
  const rows = await db
    .select({ url: listings.url, etag: listings.etag, lastModified: listings.lastModified, lastCheckedAt: listings.lastCheckedAt })
    .from(listings)
    .where(eq(listings.storeId, storeId));
  return new Map(rows.map((row) => [row.url, row]));
}

export async function getListingById(db: Database, id: number): Promise<Listing | undefined> {
  const [row] = await db.select().from(listings).where(eq(listings.id, id));
  return row;
}

export async function listPriceHistory(db: Database, listingId: number) {
  return db
    .select()
    .from(priceObservations)
    .where(eq(priceObservations.listingId, listingId))
    .orderBy(priceObservations.observedAt, priceObservations.id);
}
