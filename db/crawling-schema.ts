// Crawling's own bookkeeping, shared by every crawler process: how each store is best read (static
// HTML or a real browser, which platform it runs), the per-host politeness budget all workers draw
// from, the validators of feeds and API pages for conditional requests, and when each listing is
// due for its next visit. Owned by db/queries/crawling.
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { at } from './columns.ts';
import { listings, stores } from './schema.ts';

export const RENDER_MODES = ['static', 'browser'] as const;
export type RenderMode = (typeof RENDER_MODES)[number];

/** What crawls learned about a store, so later crawls go straight to the right path. */
export const storeCrawlProfiles = pgTable(
  'store_crawl_profiles',
  {
    storeId: text('store_id')
      .primaryKey()
      .references(() => stores.id, { onDelete: 'cascade' }),
    /** 'browser' once a static page was seen to be a script-rendered shell that a browser could read. */
    renderMode: text('render_mode').$type<RenderMode>().notNull().default('static'),
    /** Why the mode was chosen, in words ("3 of 3 sampled pages were script shells"). */
    reason: text('reason'),
    decidedAt: at('decided_at').notNull().defaultNow(),
  },
  (t) => [check('store_crawl_profiles_mode', sql`${t.renderMode} IN ('static', 'browser')`)],
);

/**
 * One row per host: the next free request slot. Every process reserves its request's start time
 * here in one atomic UPDATE, so the configured rate holds across all workers and all stores on the host.
 */
export const hostBudgets = pgTable('host_budgets', {
  host: text('host').primaryKey(),
  nextSlotAt: at('next_slot_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

// host_budgets and host_leases are UNLOGGED (set in migration 0015, drizzle has no word for it): live
// state that a crash may wipe, and a reservation's commit then waits for no WAL flush.

/** Concurrency across processes: a request in flight holds one of the host's slots until its lease ends. */
export const hostLeases = pgTable(
  'host_leases',
  {
    host: text('host').notNull(),
    slot: integer('slot').notNull(),
    /** Which process holds it (for the logs); null when free. */
    holder: text('holder'),
    leaseUntil: at('lease_until').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.host, t.slot] })],
);

/**
 * The pg-boss crawl job each worker process is running, with that process's sign of life (database
 * clock). A claim gone silent is a dead worker's: another worker fails its job over to a live one
 * (crawlers/schedule/takeover.ts). Deleted when the job ends.
 */
export const crawlJobClaims = pgTable('crawl_job_claims', {
  /** pg-boss job id. */
  jobId: text('job_id').primaryKey(),
  queue: text('queue').notNull(),
  storeId: text('store_id').notNull(),
  /** "machine:pid" of the worker process running it. */
  worker: text('worker').notNull(),
  claimedAt: at('claimed_at').notNull().defaultNow(),
  heartbeatAt: at('heartbeat_at').notNull().defaultNow(),
});

/** Validators of a structured source's documents (feed, API page), for conditional requests. */
export const sourceDocuments = pgTable(
  'source_documents',
  {
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    etag: text('etag'),
    lastModified: text('last_modified'),
    /** The listing URLs the document held when last read in full (what a 304 confirms unchanged). */
    listingUrls: text('listing_urls').array().notNull().default(sql`'{}'::text[]`),
    /** The document had a next page (paged APIs): a 304 on it still leads on. */
    hasNext: integer('has_next').notNull().default(0),
    fetchedAt: at('fetched_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.url] })],
);

/** When each listing is due again: sooner when it changes often or people follow it, later when stable. */
export const listingFreshness = pgTable(
  'listing_freshness',
  {
    listingId: bigint('listing_id', { mode: 'number' })
      .primaryKey()
      .references(() => listings.id, { onDelete: 'cascade' }),
    nextVisitAt: at('next_visit_at').notNull().defaultNow(),
    intervalSeconds: integer('interval_seconds').notNull(),
    /** Visits, and visits that found a change (price, stock, delivery). */
    checks: integer('checks').notNull().default(0),
    changes: integer('changes').notNull().default(0),
    lastChangedAt: at('last_changed_at'),
  },
  (t) => [index('listing_freshness_due_idx').on(t.nextVisitAt)],
);

/**
 * What the revisit loop (crawlers/freshness) does for each store, written when it starts and on
 * each tick: whether the store's listings are revisited between full crawls (product pages) or read
 * only whole on its cron (a feed or API), its per-tick request budget, and its last tick (the
 * status tells a stopped loop by it).
 */
export const storeRevisits = pgTable('store_revisits', {
  storeId: text('store_id')
    .primaryKey()
    .references(() => stores.id, { onDelete: 'cascade' }),
  revisited: boolean('revisited').notNull(),
  tickSeconds: integer('tick_seconds').notNull(),
  requestsPerTick: integer('requests_per_tick').notNull(),
  lastTickAt: at('last_tick_at'),
  updatedAt: at('updated_at').notNull().defaultNow(),
});
