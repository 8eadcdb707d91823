// The outbox's delivery side: senders claim due messages (several processes never take the same
// one), record each result, and retry on a schedule until a message is sent or given up.
import { and, desc, eq, or, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../client.ts';
import { alertEvents, followers, outbox, type AlertEvent, type EmailPayload, type Follower, type OutboxMessage, type WebhookPayload } from '../../alerts-schema.ts';

/** Claims up to `limit` due messages for `leaseMs`; a sender that dies leaves them to the next once it passes. */
export async function claimDueMessages(db: Database, { limit = 20, leaseMs = 120_000, now = new Date() } = {}): Promise<OutboxMessage[]> {
  const rows = await queryRows<{ id: string | number }>(
    db,
    sql`UPDATE outbox SET locked_until = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz, attempts = attempts + 1
         WHERE id IN (SELECT id FROM outbox
                       WHERE status = 'pending' AND next_attempt_at <= ${now.toISOString()}::timestamptz
                         AND (locked_until IS NULL OR locked_until <= ${now.toISOString()}::timestamptz)
                       ORDER BY next_attempt_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
         RETURNING id`,
  );
  if (rows.length === 0) return [];
  const ids = rows.map((row) => Number(row.id));
  return db.select().from(outbox).where(sql`${outbox.id} = ANY(${`{${ids.join(',')}}`}::bigint[])`).orderBy(outbox.id);
}

export async function markMessageSent(db: Database, id: number, deliveredVia: string, at = new Date()): Promise<void> {
  await db.update(outbox).set({ status: 'sent', sentAt: at, deliveredVia, lockedUntil: null, lastError: null }).where(eq(outbox.id, id));
}

/** A failed attempt: retried at `retryAt`, or given up (null) with the error kept for the record. */
export async function markMessageFailed(db: Database, id: number, error: string, retryAt: Date | null): Promise<void> {
  await db
    .update(outbox)
    .set(retryAt ? { lastError: error.slice(0, 500), nextAttemptAt: retryAt, lockedUntil: null } : { status: 'given_up', lastError: error.slice(0, 500), lockedUntil: null })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'pending')));
}

/** The local outbox: mail kept instead of sent (no SMTP_URL), and mail still waiting, newest first. */
export async function listLocalOutbox(db: Database, limit = 50): Promise<OutboxMessage[]> {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.channel, 'email'), or(eq(outbox.deliveredVia, 'local outbox'), eq(outbox.status, 'pending'))))
    .orderBy(desc(outbox.id))
    .limit(limit);
}

/** Stores a message's rendered form before its first attempt: every retry then sends the same bytes. */
export async function storeRenderedPayload(db: Database, id: number, payload: EmailPayload | WebhookPayload): Promise<void> {
  await db.update(outbox).set({ payload }).where(eq(outbox.id, id));
}

/** The announcement behind a message and the follower it goes to. */
export async function getEventForDelivery(db: Database, eventId: number, followerId: number): Promise<{ event: AlertEvent; follower: Follower } | undefined> {
  const [event] = await db.select().from(alertEvents).where(eq(alertEvents.id, eventId));
  const [follower] = await db.select().from(followers).where(eq(followers.id, followerId));
  return event && follower ? { event, follower } : undefined;
}
