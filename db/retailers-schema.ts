// Retailers' tables: accounts (retailers and administrators) with their sessions, reset links and
// API tokens; the stores an account may see (claims); each claimed listing's competitive position,
// refreshed when its product changes; the price index by day; repricing rules; retailer alerts.
// Owned by db/queries/accounts and db/queries/retailers.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, char, check, date, index, integer, jsonb, pgTable, primaryKey, real, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { at, money, validMoney } from './columns.ts';
import { listings, stores } from './schema.ts';

export const ACCOUNT_ROLES = ['retailer', 'admin'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export const accounts = pgTable(
  'accounts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Lowercased, validated address: the login name. */
    email: text('email').notNull(),
    /** "scrypt$N$r$p$<salt b64>$<hash b64>" (db/queries/accounts/passwords.ts). */
    passwordHash: text('password_hash').notNull(),
    role: text('role').$type<AccountRole>().notNull().default('retailer'),
    createdAt: at('created_at').notNull().defaultNow(),
    /** Sessions and reset links issued before this are void. */
    passwordChangedAt: at('password_changed_at').notNull().defaultNow(),
    disabledAt: at('disabled_at'),
    /** The owner followed the link mailed at sign-up (or a reset link); null: cannot log in yet. */
    emailVerifiedAt: at('email_verified_at'),
  },
  (t) => [uniqueIndex('accounts_email_idx').on(t.email), check('accounts_role', sql`${t.role} IN ('retailer', 'admin')`)],
);

/** A login: the cookie holds a random secret, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tokenHash: text('token_hash').notNull(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: at('created_at').notNull().defaultNow(),
    lastSeenAt: at('last_seen_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
  },
  (t) => [uniqueIndex('sessions_token_hash_idx').on(t.tokenHash), index('sessions_account_idx').on(t.accountId)],
);

/** A password reset link, single use, short-lived; stored as the SHA-256 of its secret. */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tokenHash: text('token_hash').notNull(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: at('created_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
  },
  (t) => [uniqueIndex('password_resets_token_hash_idx').on(t.tokenHash), index('password_resets_account_idx').on(t.accountId, t.createdAt)],
);

/** An API token: "tulna_<id>_<secret>", shown once; the table keeps the secret's SHA-256 and its last 4 characters. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    lastFour: text('last_four').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    lastUsedAt: at('last_used_at'),
    revokedAt: at('revoked_at'),
  },
  (t) => [index('api_tokens_account_idx').on(t.accountId)],
);

export const CLAIM_STATUS = ['pending', 'verified', 'granted', 'revoked'] as const;
/** pending: waiting for the crawler to find the token; verified: found; granted: by an administrator. */
export type ClaimStatus = (typeof CLAIM_STATUS)[number];

/** An account's claim on a store: the only thing that lets it see that store's dashboard. */
export const storeClaims = pgTable(
  'store_claims',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    status: text('status').$type<ClaimStatus>().notNull().default('pending'),
    /** What the retailer puts on the store's site (meta tag or /.well-known file); random, per claim. */
    verificationToken: text('verification_token').notNull(),
    /** How it was proven: "meta", "well-known" or "admin". */
    verifiedBy: text('verified_by'),
    /** The retailer asked for a check; the claim checker takes the oldest first. */
    checkRequestedAt: at('check_requested_at'),
    lastCheckedAt: at('last_checked_at'),
    lastCheckError: text('last_check_error'),
    verifiedAt: at('verified_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('store_claims_account_store_idx').on(t.accountId, t.storeId),
    index('store_claims_store_idx').on(t.storeId).where(sql`${t.status} IN ('verified', 'granted')`),
    index('store_claims_pending_idx').on(t.checkRequestedAt).where(sql`${t.status} = 'pending'`),
    check('store_claims_status', sql`${t.status} IN ('pending', 'verified', 'granted', 'revoked')`),
  ],
);

/**
 * A claimed store's listing against its competitors on the same product, in the listing's
 * currency, counting competitors' confirmed readings only. Refreshed for the products a crawl batch
 * or a confirmation touched (db/queries/retailers/positions.ts); what the dashboard, the export,
 * the price index and the retailer alerts read.
 */
export const retailerPositions = pgTable(
  'retailer_positions',
  {
    listingId: bigint('listing_id', { mode: 'number' })
      .primaryKey()
      .references(() => listings.id, { onDelete: 'cascade' }),
    storeId: text('store_id').notNull(),
    productId: bigint('product_id', { mode: 'number' }),
    title: text('title').notNull(),
    category: text('category'),
    currency: char('currency', { length: 3 }),
    ownPrice: money('own_price'),
    ownShipping: money('own_shipping'),
    /** price + shipping; null when the listing has no price. */
    ownTotal: money('own_total'),
    ownBuyable: boolean('own_buyable').notNull().default(false),
    ownDeliveryDays: integer('own_delivery_days'),
    /** Other stores' listings of the product in the currency, buyable, from confirmed readings. */
    competitors: integer('competitors').notNull().default(0),
    competitorsOutOfStock: integer('competitors_out_of_stock').notNull().default(0),
    /** Buyable competitor offers whose latest reading waits for a second one: not counted above, told apart. */
    competitorsPending: integer('competitors_pending').notNull().default(0),
    cheapestListingId: bigint('cheapest_listing_id', { mode: 'number' }),
    cheapestStoreId: text('cheapest_store_id'),
    cheapestTotal: money('cheapest_total'),
    medianTotal: money('median_total'),
    /** 1 + competitors strictly cheaper by total; null without an own buyable price. */
    rank: integer('rank'),
    /** own − cheapest competitor, by total; positive = undercut. */
    gap: money('gap'),
    gapPercent: real('gap_percent'),
    fastestCompetitorDays: integer('fastest_competitor_days'),
    competitorsFaster: integer('competitors_faster').notNull().default(0),
    competitorsSlower: integer('competitors_slower').notNull().default(0),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // The dashboard's default order (biggest gap first, no gap last), keyset-paged by the export.
    index('retailer_positions_store_gap_idx').on(t.storeId, sql`coalesce(${t.gapPercent}, '-Infinity'::real) DESC`, sql`${t.listingId} DESC`),
    index('retailer_positions_product_idx').on(t.productId),
  ],
);

/** The price index of a claimed store per day (category '' = the whole catalogue): own totals against the market's. */
export const priceIndexDays = pgTable(
  'price_index_days',
  {
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    category: text('category').notNull().default(''),
    listings: integer('listings').notNull(),
    /** 100 × Σ own totals / Σ market lowest totals (own included): 100 = cheapest everywhere. */
    vsLowest: real('vs_lowest'),
    /** 100 × Σ own totals / Σ market median totals. */
    vsMedian: real('vs_median'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.day, t.category] })],
);

export const REPRICING_STRATEGIES = ['match', 'beat_amount', 'beat_percent'] as const;
export type RepricingStrategy = (typeof REPRICING_STRATEGIES)[number];

/** A retailer's repricing rules for one store: suggestions only, never applied. */
export const repricingRules = pgTable(
  'repricing_rules',
  {
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    strategy: text('strategy').$type<RepricingStrategy>().notNull().default('match'),
    /** beat_amount: money under the cheapest; beat_percent: percent under it. */
    beatBy: money('beat_by'),
    /** Never more than this percent above the market median (null: no such limit). */
    maxAboveMedianPercent: integer('max_above_median_percent'),
    /** Never move the price more than this percent in a day (null: no limit). */
    maxDailyChangePercent: integer('max_daily_change_percent'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.storeId] }),
    check('repricing_rules_strategy', sql`${t.strategy} IN ('match', 'beat_amount', 'beat_percent')`),
    check('repricing_rules_beat_by', validMoney(t.beatBy, { zero: true })),
    check('repricing_rules_median_range', sql`${t.maxAboveMedianPercent} IS NULL OR ${t.maxAboveMedianPercent} BETWEEN 0 AND 500`),
    check('repricing_rules_daily_range', sql`${t.maxDailyChangePercent} IS NULL OR ${t.maxDailyChangePercent} BETWEEN 1 AND 100`),
  ],
);

/** The lowest item price a retailer will sell a listing at: no suggestion goes under it. */
export const listingFloors = pgTable(
  'listing_floors',
  {
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    listingId: bigint('listing_id', { mode: 'number' })
      .notNull()
      .references(() => listings.id, { onDelete: 'cascade' }),
    floorPrice: money('floor_price').notNull(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.listingId] }), check('listing_floors_valid', validMoney(t.floorPrice))],
);

export const RETAILER_ALERT_KINDS = ['undercut', 'raise', 'out_of_stock', 'faster'] as const;
/** undercut: a competitor is now cheaper; raise: the cheapest competitor raised its price; out_of_stock: a competitor ran out; faster: a competitor now delivers sooner. */
export type RetailerAlertKind = (typeof RETAILER_ALERT_KINDS)[number];

/** How an account wants its alerts: which kinds, mail and/or a signed webhook, and the daily digest. */
export const retailerAlertSettings = pgTable('retailer_alert_settings', {
  accountId: bigint('account_id', { mode: 'number' })
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  kinds: text('kinds').array().$type<RetailerAlertKind[]>().notNull().default(sql`'{undercut,raise,out_of_stock,faster}'::text[]`),
  email: boolean('email').notNull().default(true),
  webhookUrl: text('webhook_url'),
  /** Random; the webhook's signing secret is derived from it. */
  webhookSalt: text('webhook_salt').notNull(),
  dailyDigest: boolean('daily_digest').notNull().default(true),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/** Each retailer announcement, made once per (account, event key): a re-run or a second worker adds nothing. */
export const retailerAlertEvents = pgTable(
  'retailer_alert_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    listingId: bigint('listing_id', { mode: 'number' })
      .notNull()
      .references(() => listings.id, { onDelete: 'cascade' }),
    storeId: text('store_id').notNull(),
    kind: text('kind').$type<RetailerAlertKind>().notNull(),
    eventKey: text('event_key').notNull(),
    /** What the message says: titles, stores, totals, days (plain JSON, rendered escaped). */
    details: jsonb('details').$type<Record<string, string | number | null>>().notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('retailer_alert_events_key_idx').on(t.accountId, t.eventKey), index('retailer_alert_events_account_time_idx').on(t.accountId, t.createdAt)],
);

export type Account = typeof accounts.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;
export type StoreClaim = typeof storeClaims.$inferSelect;
export type RetailerPosition = typeof retailerPositions.$inferSelect;
export type PriceIndexDay = typeof priceIndexDays.$inferSelect;
export type RepricingRules = typeof repricingRules.$inferSelect;
export type RetailerAlertSettings = typeof retailerAlertSettings.$inferSelect;
export type RetailerAlertEvent = typeof retailerAlertEvents.$inferSelect;
