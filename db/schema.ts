// Tulna's source of truth. Money is numeric (exact decimal), never float; times are timestamptz.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  bigint,
  boolean,
  char,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { at, money, validMoney } from './columns.ts';
import { accessorySql, titleWordsSql } from './title-words.ts';
import type { Availability, ListingStatus } from '../domain/availability.ts';
import type { ListingCondition } from '../domain/listing.ts';

export const stores = pgTable('stores', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  baseUrl: text('base_url').notNull(),
  country: char('country', { length: 2 }),
  currency: char('currency', { length: 3 }).notNull(),
  /** How the store is read: jsonld, microdata, html (selectors), shopify, feed, browser… */
  sourceKind: text('source_kind').notNull(),
  /** Cron expression for recurring crawls. */
  schedule: text('schedule'),
  /** Politeness settings as configured: concurrency, requests per second, user agent overrides. */
  politeness: jsonb('politeness').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/** The canonical product that matched listings of several stores point to. */
export const products = pgTable(
  'products',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    title: text('title').notNull(),
    brand: text('brand'),
    model: text('model'),
    /** Valid GTIN-14s of the product (all its barcodes). */
    gtins: text('gtins').array().notNull().default(sql`'{}'::text[]`),
    category: text('category'),
    image: text('image'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [index('products_gtins_idx').using('gin', t.gtins)],
);

/** One row per store × product page (or SKU where a page sells several). */
export const listings = pgTable(
  'listings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    /** Canonical page URL, plus `#sku=` when one page carries several SKUs. */
    url: text('url').notNull(),
    sku: text('sku'),
    title: text('title').notNull(),
    brand: text('brand'),
    /** Validated GTIN, normalised to 14 digits. */
    gtin: char('gtin', { length: 14 }),
    mpn: text('mpn'),
    image: text('image'),
    category: text('category'),
    price: money('price'),
    listPrice: money('list_price'),
    currency: char('currency', { length: 3 }),
    shippingCost: money('shipping_cost'),
    deliveryMinDays: integer('delivery_min_days'),
    deliveryMaxDays: integer('delivery_max_days'),
    /** The store's own wording, e.g. "Get it by Wed, 25 Nov". */
    deliveryText: text('delivery_text'),
    availability: text('availability').$type<Availability>().notNull().default('unknown'),
    seller: text('seller'),
    /** new, used or refurbished: used and refurbished offers are shown apart, never compared with new ones. */
    condition: text('condition').$type<ListingCondition>().notNull().default('new'),
    status: text('status').$type<ListingStatus>().notNull().default('active'),
    productId: bigint('product_id', { mode: 'number' }).references(() => products.id, {
      onDelete: 'set null',
    }),
    matchMethod: text('match_method'),
    matchConfidence: real('match_confidence'),
    /** How the reading was obtained: jsonld, microdata, opengraph, selectors, generic. */
    extractedBy: text('extracted_by'),
    firstSeenAt: at('first_seen_at').notNull().defaultNow(),
    lastSeenAt: at('last_seen_at').notNull().defaultNow(),
    /** Last time the page was fetched successfully, even when nothing changed (304 included). */
    lastCheckedAt: at('last_checked_at').notNull().defaultNow(),
    /** HTTP validators for conditional requests. */
    etag: text('etag'),
    lastModified: text('last_modified'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('listings_store_url_idx').on(t.storeId, t.url),
    index('listings_gtin_idx').on(t.gtin),
    index('listings_product_idx').on(t.productId),
    check('listings_price_valid', validMoney(t.price)),
    check('listings_list_price_valid', validMoney(t.listPrice)),
    check('listings_shipping_cost_valid', validMoney(t.shippingCost, { zero: true })),
    check('listings_condition_known', sql`${t.condition} IN ('new', 'used', 'refurbished')`),
  ],
);

// ─── Matching: human decisions and run bookkeeping (owned by crawlers/match) ───

export const MATCH_DECISION_KINDS = ['merge', 'split'] as const;
export type MatchDecisionKind = (typeof MATCH_DECISION_KINDS)[number];

/**
 * Human matching decisions, respected by every later run, rebuilds included: "merge" (these two
 * listings are the same product) or "split" (they must never be). One row per listing pair, stored
 * with the smaller id first; a newer decision on the same pair replaces the older one.
 */
export const matchDecisions = pgTable(
  'match_decisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').$type<MatchDecisionKind>().notNull(),
    listingId: bigint('listing_id', { mode: 'number' })
      .notNull()
      .references(() => listings.id, { onDelete: 'cascade' }),
    otherListingId: bigint('other_listing_id', { mode: 'number' })
      .notNull()
      .references(() => listings.id, { onDelete: 'cascade' }),
    /** Who or what decided, free text ("cli", a user name…). */
    source: text('source').notNull().default('cli'),
    createdAt: at('created_at').notNull().defaultNow(),
    /**
     * When the matcher re-matched the decision's listings; null while it waits for the applier
     * (crawlers/schedule/decision-applier.ts). The default is "now" because whoever records without
     * saying otherwise (the CLI) re-matches at once; the admin site records null.
     */
    appliedAt: at('applied_at').defaultNow(),
    /** The listing the person moved (the one split off, or one of the merged product's), which the applier re-matches. */
    subjectListingId: bigint('subject_listing_id', { mode: 'number' }),
  },
  (t) => [
    index('match_decisions_pending_idx').on(t.id).where(sql`${t.appliedAt} IS NULL`),
    uniqueIndex('match_decisions_pair_idx').on(t.listingId, t.otherListingId),
    index('match_decisions_other_idx').on(t.otherListingId),
    check('match_decisions_kind', sql`${t.kind} IN ('merge', 'split')`),
    check('match_decisions_ordered_pair', sql`${t.listingId} < ${t.otherListingId}`),
  ],
);

/**
 * A listing's normalised matching keys, written when it is matched: title terms, model codes
 * ("#code"), brand ("@brand"), GTIN ("g:…"), code blocking keys ("k:…") and a version marker
 * ("v:N") that every keyed listing carries. Incremental matching finds a batch's candidates and
 * the catalogue's term frequencies here instead of reloading every listing.
 */
export const listingMatchKeys = pgTable(
  'listing_match_keys',
  {
    listingId: bigint('listing_id', { mode: 'number' })
      .notNull()
      .references(() => listings.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.listingId, t.key] }), index('listing_match_keys_key_idx').on(t.key, t.listingId)],
);

export const MATCH_RUN_MODES = ['incremental', 'rebuild'] as const;
export type MatchRunMode = (typeof MATCH_RUN_MODES)[number];

/** One row per matching run; an incremental run re-matches listings updated since the last finished run started. */
export const matchRuns = pgTable(
  'match_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    mode: text('mode').$type<MatchRunMode>().notNull(),
    startedAt: at('started_at').notNull().defaultNow(),
    finishedAt: at('finished_at'),
    listingsMatched: integer('listings_matched').notNull().default(0),
    productsCreated: integer('products_created').notNull().default(0),
    productsRemoved: integer('products_removed').notNull().default(0),
    /**
     * How often each pair of stores shares products ("storeA|storeB" → 0..1), as a full run
     * estimated it; incremental runs use the latest instead of estimating from a batch.
     */
    storeOverlap: jsonb('store_overlap').$type<Record<string, number>>(),
  },
  (t) => [index('match_runs_finished_idx').on(t.finishedAt)],
);

/** Append-only price history: a row only when price, shipping or availability changed. */
export const priceObservations = pgTable(
  'price_observations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    listingId: bigint('listing_id', { mode: 'number' })
      .notNull()
      .references(() => listings.id, { onDelete: 'cascade' }),
    observedAt: at('observed_at').notNull().defaultNow(),
    price: money('price'),
    shippingCost: money('shipping_cost'),
    currency: char('currency', { length: 3 }),
    availability: text('availability').$type<Availability>().notNull(),
    /**
     * The reading may be believed (domain/price-signal.ts): set at once unless it is a listing's first
     * price or a deep drop, else when a later fetch sees it again. Deals, history verdicts and alerts
     * count only confirmed readings.
     */
    confirmed: boolean('confirmed').notNull().default(false),
  },
  (t) => [
    index('price_observations_listing_time_idx').on(t.listingId, t.observedAt),
    check('price_observations_price_valid', validMoney(t.price)),
    check('price_observations_shipping_cost_valid', validMoney(t.shippingCost, { zero: true })),
  ],
);

export const CRAWL_RUN_STATUS = ['running', 'succeeded', 'failed', 'interrupted'] as const;
export type CrawlRunStatus = (typeof CRAWL_RUN_STATUS)[number];

export const crawlRuns = pgTable(
  'crawl_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    status: text('status').$type<CrawlRunStatus>().notNull().default('running'),
    trigger: text('trigger').notNull().default('manual'),
    startedAt: at('started_at').notNull().defaultNow(),
    finishedAt: at('finished_at'),
    /** Last sign of life of the process running it: a run silent for long belongs to a dead process. */
    heartbeatAt: at('heartbeat_at').notNull().defaultNow(),
    pages: integer('pages').notNull().default(0),
    listingsSeen: integer('listings_seen').notNull().default(0),
    listingsNew: integer('listings_new').notNull().default(0),
    listingsChanged: integer('listings_changed').notNull().default(0),
    listingsUnchanged: integer('listings_unchanged').notNull().default(0),
    errors: integer('errors').notNull().default(0),
    /** Why a run failed as a whole (robots forbids everything, discovery failed…). */
    message: text('message'),
  },
  (t) => [
    index('crawl_runs_store_started_idx').on(t.storeId, t.startedAt),
    // At most one running crawl per store: the database enforces it, not just the scheduler.
    uniqueIndex('crawl_runs_one_running_idx').on(t.storeId).where(sql`${t.status} = 'running'`),
  ],
);

export const crawlErrors = pgTable(
  'crawl_errors',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: bigint('run_id', { mode: 'number' })
      .notNull()
      .references(() => crawlRuns.id, { onDelete: 'cascade' }),
    storeId: text('store_id').notNull(),
    url: text('url').notNull(),
    occurredAt: at('occurred_at').notNull().defaultNow(),
    /** Machine-readable class: timeout, http_status, blocked, robots, too_large, extract, network… */
    kind: text('kind').notNull(),
    httpStatus: integer('http_status'),
    message: text('message').notNull(),
    retryable: boolean('retryable').notNull().default(false),
  },
  (t) => [
    uniqueIndex('crawl_errors_run_url_idx').on(t.runId, t.url),
    index('crawl_errors_store_time_idx').on(t.storeId, t.occurredAt),
  ],
);

export type Store = typeof stores.$inferSelect;
export type NewStore = typeof stores.$inferInsert;
export type Product = typeof products.$inferSelect;
export type Listing = typeof listings.$inferSelect;
export type NewListing = typeof listings.$inferInsert;
export type PriceObservation = typeof priceObservations.$inferSelect;
export type CrawlRun = typeof crawlRuns.$inferSelect;
export type CrawlError = typeof crawlErrors.$inferSelect;
export type NewProduct = typeof products.$inferInsert;
export type MatchDecision = typeof matchDecisions.$inferSelect;
export type MatchRun = typeof matchRuns.$inferSelect;

/** Currency code → lowest buyable price and total in it ("EUR" → { price: "779", total: "794.99" }). */
export type BuyablePrices = Record<string, { price: string; total: string }>;

/**
 * One search document per product, denormalised from its listings after each crawl: the embedded
 * search engine (pg_trgm + full text) reads only this table. Trigram and full-text indexes are in
 * the custom migration that follows the generated one.
 */
export const productSearch = pgTable(
  'product_search',
  {
    productId: bigint('product_id', { mode: 'number' })
      .primaryKey()
      .references(() => products.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    /** The title as padded words, what relevance tests query words against (db/title-words.ts). */
    titleWords: text('title_words').notNull().generatedAlwaysAs(sql.raw(titleWordsSql('title'))),
    /** The title names an accessory ("… case for …"): ranked below devices unless asked for. */
    accessory: boolean('accessory').notNull().generatedAlwaysAs(sql.raw(accessorySql('title'))),
    brand: text('brand'),
    model: text('model'),
    category: text('category'),
    image: text('image'),
    gtins: text('gtins').array().notNull().default(sql`'{}'::text[]`),
    /** Title, brand, model and every store's title of the product, lowercased: what search matches. */
    searchText: text('search_text').notNull(),
    storeIds: text('store_ids').array().notNull().default(sql`'{}'::text[]`),
    offerCount: integer('offer_count').notNull().default(0),
    storeCount: integer('store_count').notNull().default(0),
    /**
     * Lowest price and lowest total (price + shipping) among buyable offers in `currency`, the
     * product's main currency (the one most buyable offers use, else most offers); null when nothing is buyable.
     */
    lowestPrice: money('lowest_price'),
    lowestTotal: money('lowest_total'),
    currency: char('currency', { length: 3 }),
    /** ISO 4217 codes of the currencies the product's priced offers use. */
    currencies: text('currencies').array().notNull().default(sql`'{}'::text[]`),
    /** Per currency with a buyable offer: its lowest price and lowest total, exact decimal strings. */
    buyablePrices: jsonb('buyable_prices').$type<BuyablePrices>().notNull().default({}),
    /** Some offer is buyable (domain/availability.ts isBuyable). */
    inStock: boolean('in_stock').notNull().default(false),
    fastestDeliveryDays: integer('fastest_delivery_days'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('product_search_category_idx').on(t.category),
    index('product_search_brand_idx').on(t.brand),
    index('product_search_lowest_total_idx').on(t.lowestTotal),
    index('product_search_gtins_idx').using('gin', t.gtins),
  ],
);

export type ProductSearchDocument = typeof productSearch.$inferSelect;
