// Deal followers' tables: who follows what, the announcements made (once each), and the outbox
// every email and webhook call is delivered from. Owned by db/queries/alerts and crawlers/alerts.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, char, check, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { at, money, validMoney } from './columns.ts';
import { listings, products } from './schema.ts';
import { accounts } from './retailers-schema.ts';

export const FOLLOW_KINDS = ['target', 'drop', 'restock'] as const;
/** target: the price reaches a target; drop: any real drop (at least N %); restock: back in stock. */
export type FollowKind = (typeof FOLLOW_KINDS)[number];

/** One row per email address that asked for alerts; no account, no password. */
export const followers = pgTable(
  'followers',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Lowercased, validated address. */
    email: text('email').notNull(),
    /** Random; the follower's feed, manage and webhook tokens are derived from it (rotating it revokes them). */
    tokenSalt: text('token_salt').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    /** Unsubscribed from everything: no mail, no webhook, until they follow and confirm again. */
    unsubscribedAt: at('unsubscribed_at'),
  },
  (t) => [uniqueIndex('followers_email_idx').on(t.email)],
);

export const follows = pgTable(
  'follows',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    followerId: bigint('follower_id', { mode: 'number' })
      .notNull()
      .references(() => followers.id, { onDelete: 'cascade' }),
    productId: bigint('product_id', { mode: 'number' })
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<FollowKind>().notNull(),
    /** kind 'target': the lowest buyable total (shipping included) that fires. */
    targetPrice: money('target_price'),
    /** The currency compared in: offers in other currencies are not compared. */
    currency: char('currency', { length: 3 }).notNull(),
    /** kind 'drop': the smallest real drop that counts, in percent. */
    minDropPercent: integer('min_drop_percent'),
    /** Only offers promising delivery within this many days (null: any). */
    maxDeliveryDays: integer('max_delivery_days'),
    /** Only offers of these stores (empty: any store). */
    storeIds: text('store_ids').array().notNull().default(sql`'{}'::text[]`),
    /** Also POST each alert here, signed (null: email and feed only). */
    webhookUrl: text('webhook_url'),
    /** Random; the confirmation link's token is derived from it. */
    confirmSalt: text('confirm_salt').notNull(),
    /** Double opt-in: nothing is sent for a follow before its link was followed. */
    confirmedAt: at('confirmed_at'),
    /** Ready to fire (target, restock); false after firing until the price re-arms it. */
    armed: boolean('armed').notNull().default(true),
    /** How often it re-armed: part of the event key, so each arming fires at most once. */
    armGeneration: integer('arm_generation').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('follows_follower_product_kind_idx').on(t.followerId, t.productId, t.kind),
    // What alert evaluation reads: the live follows of the products a batch changed.
    index('follows_live_product_idx').on(t.productId).where(sql`${t.active} AND ${t.confirmedAt} IS NOT NULL`),
    check('follows_kind', sql`${t.kind} IN ('target', 'drop', 'restock')`),
    check('follows_target_price_valid', validMoney(t.targetPrice)),
    check('follows_target_needs_price', sql`${t.kind} <> 'target' OR ${t.targetPrice} IS NOT NULL`),
    check('follows_min_drop_range', sql`${t.minDropPercent} IS NULL OR (${t.minDropPercent} BETWEEN 1 AND 90)`),
    check('follows_delivery_range', sql`${t.maxDeliveryDays} IS NULL OR (${t.maxDeliveryDays} BETWEEN 0 AND 60)`),
  ],
);

/**
 * Each announcement, made once: the unique (follow, event key) is what keeps a re-run, a restart or
 * a second worker from announcing the same change again.
 */
export const alertEvents = pgTable(
  'alert_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    followId: bigint('follow_id', { mode: 'number' })
      .notNull()
      .references(() => follows.id, { onDelete: 'cascade' }),
    /** "target:<arming>", "restock:<arming>" or "drop:<observation id>". */
    eventKey: text('event_key').notNull(),
    kind: text('kind').$type<FollowKind>().notNull(),
    productId: bigint('product_id', { mode: 'number' }).notNull(),
    /** The offer that fired it: the lowest buyable total the follow's filters allow. */
    listingId: bigint('listing_id', { mode: 'number' }).references(() => listings.id, { onDelete: 'set null' }),
    storeId: text('store_id'),
    storeName: text('store_name'),
    title: text('title').notNull(),
    total: money('total'),
    currency: char('currency', { length: 3 }),
    /** kind 'drop': the market's lowest buyable total over the previous 30 days. */
    referenceTotal: money('reference_total'),
    dropPercent: integer('drop_percent'),
    deliveryMaxDays: integer('delivery_max_days'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('alert_events_follow_key_idx').on(t.followId, t.eventKey), index('alert_events_created_idx').on(t.createdAt)],
);

export const OUTBOX_CHANNELS = ['email', 'webhook'] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];
export const OUTBOX_STATUS = ['pending', 'sent', 'given_up'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUS)[number];

/** An email: what nodemailer sends (or the embedded outbox keeps). */
export interface EmailPayload {
  subject: string;
  text: string;
  html?: string;
  /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post…). */
  headers?: Record<string, string>;
}

/** A webhook call: the JSON body, fixed when queued so every retry signs the same bytes. */
export interface WebhookPayload {
  body: string;
}

/**
 * An announcement's message, written at evaluation as a reference only (evaluation stays cheap);
 * rendered on its first delivery attempt and stored, so retries send the same bytes.
 */
export interface UnrenderedAlert {
  render: 'alert';
}

export type OutboxPayload = EmailPayload | WebhookPayload | UnrenderedAlert;

export function isUnrendered(payload: OutboxPayload): payload is UnrenderedAlert {
  return (payload as UnrenderedAlert).render === 'alert';
}

/**
 * Every message Tulna sends, written in the same transaction as what caused it and delivered
 * from here: sent state recorded, retried with backoff after a failure or a crash, given up visibly.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    channel: text('channel').$type<OutboxChannel>().notNull(),
    /** One message per cause: "alert:<event>:email", "confirm:<follow>:<n>"… */
    dedupeKey: text('dedupe_key').notNull(),
    /** An email address or a webhook URL. */
    destination: text('destination').notNull(),
    payload: jsonb('payload').$type<OutboxPayload>().notNull(),
    followerId: bigint('follower_id', { mode: 'number' }).references(() => followers.id, { onDelete: 'cascade' }),
    eventId: bigint('event_id', { mode: 'number' }).references(() => alertEvents.id, { onDelete: 'cascade' }),
    /** A retailer's message (alert, digest, password reset): its webhook is signed with the account's secret. */
    accountId: bigint('account_id', { mode: 'number' }).references(() => accounts.id, { onDelete: 'cascade' }),
    status: text('status').$type<OutboxStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at').notNull().defaultNow(),
    /** A sender claimed it until then; after a crash another takes it once this passes. */
    lockedUntil: at('locked_until'),
    lastError: text('last_error'),
    /** Where it went: "smtp", "local outbox" (embedded default, no SMTP_URL) or "webhook <status>". */
    deliveredVia: text('delivered_via'),
    sentAt: at('sent_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('outbox_dedupe_key_idx').on(t.dedupeKey),
    index('outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('outbox_follower_idx').on(t.followerId),
    index('outbox_account_idx').on(t.accountId),
    // What the sign-up limits count: messages to one address lately.
    index('outbox_destination_time_idx').on(t.destination, t.createdAt),
    check('outbox_channel', sql`${t.channel} IN ('email', 'webhook')`),
    check('outbox_status', sql`${t.status} IN ('pending', 'sent', 'given_up')`),
  ],
);

/** Secrets Tulna makes for itself when none is configured (the token key), shared by every process. */
export const siteSecrets = pgTable('site_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});

export type Follower = typeof followers.$inferSelect;
export type Follow = typeof follows.$inferSelect;
export type AlertEvent = typeof alertEvents.$inferSelect;
export type OutboxMessage = typeof outbox.$inferSelect;
