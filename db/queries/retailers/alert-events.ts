// Retailer alerts' reads and writes: the accounts that claim a changed listing's store and want its
// kind, each announcement recorded once per (account, event key) with its mail and webhook call
// queued in the same transaction (a re-run or a second worker adds nothing), and the daily digest's
// figures, queued once per account and day.
import { and, count, desc, eq, gt, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../../client.ts';
import { outbox, type EmailPayload, type WebhookPayload } from '../../alerts-schema.ts';
import {
  accounts,
  RETAILER_ALERT_KINDS,
  retailerAlertEvents,
  retailerAlertSettings,
  retailerPositions,
  storeClaims,
  type RetailerAlertEvent,
  type RetailerAlertKind,
} from '../../retailers-schema.ts';
import { stores } from '../../schema.ts';

/** The claims that let an account see a store, and so get its alerts. */
export const LIVE_CLAIM_STATUS = ['verified', 'granted'] as const;

export type RetailerAlertDetails = Record<string, string | number | null>;

/** One change of one claimed listing worth announcing, before knowing who claims its store. */
export interface RetailerAlertDecision {
  listingId: number;
  storeId: string;
  kind: RetailerAlertKind;
  /** Unique per account: the same key twice is the same announcement. */
  eventKey: string;
  details: RetailerAlertDetails;
}

/** How a recorded event's messages read; rendered when queued, so every retry sends the same bytes. */
export interface RetailerMessageRenderer {
  email(event: RetailerAlertEvent): EmailPayload;
  webhook(event: RetailerAlertEvent): WebhookPayload;
}

interface Recipient {
  accountId: number;
  storeId: string;
  email: string;
  kinds: RetailerAlertKind[];
  sendEmail: boolean;
  webhookUrl: string | null;
}

/** The enabled accounts with a live claim on these stores, with their settings (defaults when none saved). */
async function recipientsOf(db: Database, storeIds: string[]): Promise<Recipient[]> {
  const rows = await db
    .select({
      accountId: accounts.id,
      storeId: storeClaims.storeId,
      email: accounts.email,
      kinds: retailerAlertSettings.kinds,
      sendEmail: retailerAlertSettings.email,
      webhookUrl: retailerAlertSettings.webhookUrl,
    })
    .from(storeClaims)
    .innerJoin(accounts, and(eq(accounts.id, storeClaims.accountId), isNull(accounts.disabledAt)))
    .leftJoin(retailerAlertSettings, eq(retailerAlertSettings.accountId, accounts.id))
    .where(and(inArray(storeClaims.storeId, storeIds), inArray(storeClaims.status, [...LIVE_CLAIM_STATUS])));
  return rows.map((row) => ({
    accountId: Number(row.accountId),
    storeId: row.storeId,
    email: row.email,
    kinds: row.kinds ?? [...RETAILER_ALERT_KINDS],
    sendEmail: row.sendEmail ?? true,
    webhookUrl: row.webhookUrl ?? null,
  }));
}

/**
 * Records each decision for every account that claims its store and wants its kind (a key already
 * recorded for an account inserts nothing), and queues the new events' messages: mail when the
 * account wants mail, a webhook call when it set one. One transaction; returns the new events.
 */
export async function recordRetailerAlerts(
  db: Database,
  decisions: readonly RetailerAlertDecision[],
  render: RetailerMessageRenderer,
  now = new Date(),
): Promise<RetailerAlertEvent[]> {
  if (decisions.length === 0) return [];
  return db.transaction(async (tx) => {
    const recipients = await recipientsOf(tx, [...new Set(decisions.map((decision) => decision.storeId))]);
    // One row per (account, key): the same change listed twice is one announcement.
    const rows = new Map<string, typeof retailerAlertEvents.$inferInsert>();
    for (const decision of decisions) {
      for (const recipient of recipients) {
        if (recipient.storeId !== decision.storeId || !recipient.kinds.includes(decision.kind)) continue;
        const { listingId, storeId, kind, eventKey, details } = decision;
        rows.set(`${recipient.accountId} ${eventKey}`, { accountId: recipient.accountId, listingId, storeId, kind, eventKey, details, createdAt: now });
      }
    }
    const values = [...rows.values()];
    const created: RetailerAlertEvent[] = [];
    for (let i = 0; i < values.length; i += 500) {
      const inserted = await tx
        .insert(retailerAlertEvents)
        .values(values.slice(i, i + 500))
        .onConflictDoNothing({ target: [retailerAlertEvents.accountId, retailerAlertEvents.eventKey] })
        .returning();
      created.push(...inserted);
    }
    const recipientOf = new Map(recipients.map((recipient) => [recipient.accountId, recipient]));
    const messages = created.flatMap((event) => {
      const recipient = recipientOf.get(event.accountId)!;
      const queued: (typeof outbox.$inferInsert)[] = [];
      if (recipient.sendEmail) {
        queued.push({ channel: 'email', dedupeKey: `retailer:${event.id}:email`, destination: recipient.email, payload: render.email(event), accountId: event.accountId });
      }
      if (recipient.webhookUrl) {
        queued.push({ channel: 'webhook', dedupeKey: `retailer:${event.id}:webhook`, destination: recipient.webhookUrl, payload: render.webhook(event), accountId: event.accountId });
      }
      return queued;
    });
    for (let i = 0; i < messages.length; i += 500) await tx.insert(outbox).values(messages.slice(i, i + 500)).onConflictDoNothing({ target: outbox.dedupeKey });
    return created;
  });
}

/** Store id → name, for what messages show. */
export async function storeNames(db: Database, storeIds: readonly string[]): Promise<Map<string, string>> {
  if (storeIds.length === 0) return new Map();
  const rows = await db.select({ id: stores.id, name: stores.name }).from(stores).where(inArray(stores.id, [...new Set(storeIds)]));
  return new Map(rows.map((row) => [row.id, row.name]));
}

// ─── The daily digest ───

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A "YYYY-MM-DD" day's start (UTC); throws TypeError on anything else. */
export function dayStart(day: string): Date {
  const match = DAY.exec(day);
  const start = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!start || start.toISOString().slice(0, 10) !== day) throw new TypeError(`Expected a day such as "2025-03-14", got ${JSON.stringify(day)}`);
  return start;
}

export const digestDedupeKey = (accountId: number, day: string) => `retailer-digest:${accountId}:${day}`;

export interface DigestRecipient {
  accountId: number;
  email: string;
  storeIds: string[];
}

/** Enabled accounts wanting the digest (the default) with at least one live claim and no digest queued for the day yet. */
export async function listDigestRecipients(db: Database, day: string): Promise<DigestRecipient[]> {
  dayStart(day);
  const rows = await db
    .select({ accountId: accounts.id, email: accounts.email, storeId: storeClaims.storeId })
    .from(accounts)
    .innerJoin(storeClaims, and(eq(storeClaims.accountId, accounts.id), inArray(storeClaims.status, [...LIVE_CLAIM_STATUS])))
    .leftJoin(retailerAlertSettings, eq(retailerAlertSettings.accountId, accounts.id))
    .where(
      and(
        isNull(accounts.disabledAt),
        sql`coalesce(${retailerAlertSettings.dailyDigest}, true)`,
        sql`NOT EXISTS (SELECT 1 FROM outbox o WHERE o.dedupe_key = 'retailer-digest:' || ${accounts.id} || ':' || ${day})`,
      ),
    )
    .orderBy(accounts.id, storeClaims.storeId);
  const byAccount = new Map<number, DigestRecipient>();
  for (const row of rows) {
    const id = Number(row.accountId);
    const recipient = byAccount.get(id) ?? { accountId: id, email: row.email, storeIds: [] };
    recipient.storeIds.push(row.storeId);
    byAccount.set(id, recipient);
  }
  return [...byAccount.values()];
}

export interface DigestGap {
  listingId: number;
  title: string;
  currency: string | null;
  ownTotal: string | null;
  cheapestTotal: string | null;
  gap: string;
  gapPercent: number | null;
  cheapestStoreId: string | null;
  cheapestStoreName: string | null;
}

export interface RetailerDigest {
  accountId: number;
  day: string;
  stores: { id: string; name: string }[];
  listings: number;
  /** A competitor is cheaper by total. */
  undercut: number;
  /** Cheapest (or tied) with at least one competitor. */
  cheapest: number;
  /** Buyable with no competitor. */
  onlySeller: number;
  /** The biggest gaps by percent, at most 10. */
  gaps: DigestGap[];
  /** The account's announcements of the day before. */
  eventsYesterday: number;
}

/** The digest's figures for an account's stores, from their positions now and the previous day's events. */
export async function loadDigest(db: Database, recipient: DigestRecipient, day: string): Promise<RetailerDigest> {
  const start = dayStart(day);
  const inStores = inArray(retailerPositions.storeId, recipient.storeIds);
  const [totals] = await db
    .select({
      listings: sql<number>`count(*)::int`,
      undercut: sql<number>`(count(*) FILTER (WHERE ${retailerPositions.rank} > 1))::int`,
      cheapest: sql<number>`(count(*) FILTER (WHERE ${retailerPositions.rank} = 1 AND ${retailerPositions.competitors} > 0))::int`,
      onlySeller: sql<number>`(count(*) FILTER (WHERE ${retailerPositions.ownBuyable} AND ${retailerPositions.competitors} = 0))::int`,
    })
    .from(retailerPositions)
    .where(inStores);
  const gaps = await db
    .select({
      listingId: retailerPositions.listingId,
      title: retailerPositions.title,
      currency: retailerPositions.currency,
      ownTotal: retailerPositions.ownTotal,
      cheapestTotal: retailerPositions.cheapestTotal,
      gap: retailerPositions.gap,
      gapPercent: retailerPositions.gapPercent,
      cheapestStoreId: retailerPositions.cheapestStoreId,
      cheapestStoreName: stores.name,
    })
    .from(retailerPositions)
    .leftJoin(stores, eq(stores.id, retailerPositions.cheapestStoreId))
    .where(and(inStores, gt(retailerPositions.gap, '0')))
    .orderBy(sql`${retailerPositions.gapPercent} DESC NULLS LAST`, desc(retailerPositions.gap), retailerPositions.listingId)
    .limit(10);
  const [events] = await db
    .select({ n: count() })
    .from(retailerAlertEvents)
    .where(
      and(
        eq(retailerAlertEvents.accountId, recipient.accountId),
        gte(retailerAlertEvents.createdAt, new Date(start.getTime() - 86_400_000)),
        lt(retailerAlertEvents.createdAt, start),
      ),
    );
  const names = await storeNames(db, recipient.storeIds);
  return {
    accountId: recipient.accountId,
    day,
    stores: recipient.storeIds.map((id) => ({ id, name: names.get(id) ?? id })),
    listings: Number(totals?.listings ?? 0),
    undercut: Number(totals?.undercut ?? 0),
    cheapest: Number(totals?.cheapest ?? 0),
    onlySeller: Number(totals?.onlySeller ?? 0),
    gaps: gaps.map((row) => ({
      ...row,
      listingId: Number(row.listingId),
      currency: row.currency?.trim() ?? null,
      gap: row.gap ?? '0',
    })),
    eventsYesterday: Number(events?.n ?? 0),
  };
}

/** Queues the day's digest mail for the account; false when it was queued already. */
export async function queueDigest(db: Database, recipient: DigestRecipient, day: string, payload: EmailPayload, now = new Date()): Promise<boolean> {
  const queued = await db
    .insert(outbox)
    .values({
      channel: 'email',
      dedupeKey: digestDedupeKey(recipient.accountId, day),
      destination: recipient.email,
      payload,
      accountId: recipient.accountId,
      createdAt: now,
    })
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .returning({ id: outbox.id });
  return queued.length > 0;
}
