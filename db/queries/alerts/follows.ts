// Following a product: the follow starts pending and counts only once its emailed link is followed
// (double opt-in); unsubscribing stops everything the follower gets.
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../client.ts';
import { alertEvents, followers, follows, outbox, type EmailPayload, type Follow, type FollowKind, type Follower } from '../../alerts-schema.ts';
import { products } from '../../schema.ts';
import { newSalt } from './tokens.ts';

export interface NewFollow {
  email: string;
  productId: number;
  kind: FollowKind;
  currency: string;
  targetPrice?: string | null;
  minDropPercent?: number | null;
  maxDeliveryDays?: number | null;
  storeIds?: string[];
  webhookUrl?: string | null;
}

/**
 * Records a pending follow (a second sign-up for the same product and kind replaces its settings
 * and needs confirming again) and queues its confirmation mail, built by `confirmation` from the
 * follow's row, in the same transaction.
 */
export async function createPendingFollow(
  db: Database,
  input: NewFollow,
  confirmation: (follower: Follower, follow: Follow) => EmailPayload,
): Promise<{ follower: Follower; follow: Follow }> {
  return db.transaction(async (tx) => {
    await tx.insert(followers).values({ email: input.email, tokenSalt: newSalt() }).onConflictDoNothing();
    const [follower] = await tx.select().from(followers).where(eq(followers.email, input.email));
    if (!follower) throw new Error(`follower ${input.email} vanished while following product ${input.productId}`);
    const settings = {
      currency: input.currency,
      targetPrice: input.targetPrice ?? null,
      minDropPercent: input.minDropPercent ?? null,
      maxDeliveryDays: input.maxDeliveryDays ?? null,
      storeIds: input.storeIds ?? [],
      webhookUrl: input.webhookUrl ?? null,
      confirmSalt: newSalt(),
      confirmedAt: null,
      // A restock follow waits to see the product gone before it can announce its return.
      armed: input.kind !== 'restock',
      active: true,
      updatedAt: new Date(),
    };
    const [follow] = await tx
      .insert(follows)
      .values({ followerId: follower.id, productId: input.productId, kind: input.kind, ...settings })
      .onConflictDoUpdate({ target: [follows.followerId, follows.productId, follows.kind], set: settings })
      .returning();
    await tx
      .insert(outbox)
      .values({
        channel: 'email',
        dedupeKey: `confirm:${follow.id}:${follow.confirmSalt}`,
        destination: follower.email,
        payload: confirmation(follower, follow),
        followerId: follower.id,
      })
      .onConflictDoNothing();
    return { follower, follow };
  });
}

/** Pending confirmation mails sent to this address since `since` (the per-address sign-up limit). */
export async function countConfirmationsSince(db: Database, email: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(outbox)
    .where(and(eq(outbox.destination, email), sql`${outbox.dedupeKey} LIKE 'confirm:%'`, sql`${outbox.createdAt} >= ${since.toISOString()}::timestamptz`));
  return row?.count ?? 0;
}

export async function getFollowWithFollower(db: Database, followId: number): Promise<{ follow: Follow; follower: Follower } | undefined> {
  const [row] = await db.select({ follow: follows, follower: followers }).from(follows).innerJoin(followers, eq(followers.id, follows.followerId)).where(eq(follows.id, followId));
  return row;
}

export async function getFollower(db: Database, followerId: number): Promise<Follower | undefined> {
  const [row] = await db.select().from(followers).where(eq(followers.id, followerId));
  return row;
}

/** Confirms a follow (idempotent); a follower who had unsubscribed is subscribed again by it. */
export async function confirmFollow(db: Database, followId: number, at = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(follows).set({ confirmedAt: at, active: true, updatedAt: at }).where(and(eq(follows.id, followId), isNull(follows.confirmedAt)));
    const [row] = await tx.select({ followerId: follows.followerId }).from(follows).where(eq(follows.id, followId));
    if (row) await tx.update(followers).set({ unsubscribedAt: null }).where(eq(followers.id, row.followerId));
  });
}

/** Stops every follow of the follower and drops what was still waiting to be sent to them. */
export async function unsubscribeFollower(db: Database, followerId: number, at = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(followers).set({ unsubscribedAt: at }).where(eq(followers.id, followerId));
    await tx.update(follows).set({ active: false, updatedAt: at }).where(eq(follows.followerId, followerId));
    await tx
      .update(outbox)
      .set({ status: 'given_up', lastError: 'unsubscribed' })
      .where(and(eq(outbox.followerId, followerId), eq(outbox.status, 'pending')));
  });
}

export interface FollowSummary {
  follow: Follow;
  productTitle: string;
}

/** The follower's follows, newest first, with their products' titles. */
export async function listFollowsOf(db: Database, followerId: number): Promise<FollowSummary[]> {
  const rows = await db
    .select({ follow: follows, productTitle: products.title })
    .from(follows)
    .innerJoin(products, eq(products.id, follows.productId))
    .where(eq(follows.followerId, followerId))
    .orderBy(desc(follows.createdAt));
  return rows;
}

/** The follower's announcements, newest first: their private feed. */
export async function listEventsOf(db: Database, followerId: number, limit = 50) {
  const ids = db.select({ id: follows.id }).from(follows).where(eq(follows.followerId, followerId));
  return db.select().from(alertEvents).where(inArray(alertEvents.followId, ids)).orderBy(desc(alertEvents.createdAt), desc(alertEvents.id)).limit(limit);
}

/** What was sent (or given up) for the follower, newest first: the visible delivery record. */
export async function listDeliveriesOf(db: Database, followerId: number, limit = 50) {
  return db
    .select({
      id: outbox.id,
      channel: outbox.channel,
      destination: outbox.destination,
      status: outbox.status,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      deliveredVia: outbox.deliveredVia,
      sentAt: outbox.sentAt,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .where(eq(outbox.followerId, followerId))
    .orderBy(desc(outbox.id))
    .limit(limit);
}
