// Alert evaluation's reads and writes: the live follows of the products a batch touched with the
// best offer each one's filters allow (confirmed readings only), and the announcements decided,
// recorded once each with their messages queued in the same transaction.
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../client.ts';
import { alertEvents, outbox, type AlertEvent, type FollowKind, type OutboxPayload } from '../../alerts-schema.ts';
import { BUYABLE_AVAILABILITY } from '../../../domain/availability.ts';
import { idArray } from '../id-array.ts';

/** How far back a drop's reference (the market's lowest buyable total) looks: the EU Omnibus window. */
export const DROP_REFERENCE_DAYS = 30;

export interface FollowState {
  followId: number;
  followerId: number;
  email: string;
  tokenSalt: string;
  kind: FollowKind;
  productId: number;
  productTitle: string;
  currency: string;
  targetPrice: string | null;
  minDropPercent: number | null;
  webhookUrl: string | null;
  armed: boolean;
  armGeneration: number;
  /** The lowest buyable total the follow's stores and delivery limit allow, from a confirmed reading; null when none. */
  best: {
    listingId: number;
    storeId: string;
    storeName: string;
    total: string;
    observationId: number;
    deliveryMaxDays: number | null;
  } | null;
  /** kind 'drop': the lowest such total over the 30 days before the best offer's reading (null: no history). */
  referenceTotal: string | null;
}

const buyable = sql.raw(BUYABLE_AVAILABILITY.map((a) => `'${a}'`).join(', '));

/** The live (confirmed, subscribed) follows of the products of these listings, with their best offers now. */
export async function loadFollowStates(db: Database, listingIds: readonly number[], now = new Date()): Promise<FollowState[]> {
  if (listingIds.length === 0) return [];
  const since = new Date(now.getTime() - DROP_REFERENCE_DAYS * 86_400_000).toISOString();
  // Each offer filter appears twice (best offer, drop reference): one fragment keeps them the same.
  // New offers only: a used or refurbished price never fires a follow of the product.
  const eligible = (l: string) =>
    sql.raw(`${l}.product_id = f.product_id AND ${l}.status = 'active' AND ${l}.condition = 'new' AND ${l}.currency = f.currency
      AND (cardinality(f.store_ids) = 0 OR ${l}.store_id = ANY(f.store_ids))
      AND (f.max_delivery_days IS NULL OR ${l}.delivery_max_days <= f.max_delivery_days)`);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`WITH affected AS (
          SELECT DISTINCT product_id FROM listings WHERE id = ANY(${idArray(listingIds)}) AND product_id IS NOT NULL
        )
        SELECT f.id AS follow_id, f.follower_id, fr.email, fr.token_salt, f.kind, f.product_id, p.title AS product_title,
               f.currency, f.target_price::text AS target_price, f.min_drop_percent, f.webhook_url, f.armed, f.arm_generation,
               best.listing_id, best.store_id, best.store_name, best.total::text AS total, best.observation_id,
               best.observed_at, best.delivery_max_days, ref.total::text AS reference_total
          FROM affected a
          JOIN follows f ON f.product_id = a.product_id AND f.active AND f.confirmed_at IS NOT NULL
          JOIN followers fr ON fr.id = f.follower_id AND fr.unsubscribed_at IS NULL
          JOIN products p ON p.id = f.product_id
          LEFT JOIN LATERAL (
            SELECT l.id AS listing_id, l.store_id, s.name AS store_name, l.price + coalesce(l.shipping_cost, 0) AS total,
                   o.id AS observation_id, o.observed_at, l.delivery_max_days
              FROM listings l
              JOIN stores s ON s.id = l.store_id
              JOIN LATERAL (SELECT id, observed_at, confirmed FROM price_observations
                             WHERE listing_id = l.id ORDER BY observed_at DESC, id DESC LIMIT 1) o ON o.confirmed
             WHERE ${eligible('l')} AND l.price IS NOT NULL AND l.availability IN (${buyable})
             ORDER BY total, l.delivery_max_days NULLS LAST, l.id
             LIMIT 1
          ) best ON true
          LEFT JOIN LATERAL (
            SELECT min(ob.price + coalesce(ob.shipping_cost, 0)) AS total
              FROM listings l2
              CROSS JOIN LATERAL (
                (SELECT b.price, b.shipping_cost, b.currency, b.availability FROM price_observations b
                  WHERE b.listing_id = l2.id AND b.confirmed AND b.observed_at < ${since}::timestamptz
                  ORDER BY b.observed_at DESC, b.id DESC LIMIT 1)
                UNION ALL
                (SELECT w.price, w.shipping_cost, w.currency, w.availability FROM price_observations w
                  WHERE w.listing_id = l2.id AND w.confirmed AND w.observed_at >= ${since}::timestamptz
                    AND w.observed_at < best.observed_at)
              ) ob
             WHERE f.kind = 'drop' AND best.listing_id IS NOT NULL AND ${eligible('l2')}
               AND ob.price IS NOT NULL AND ob.currency = f.currency AND ob.availability IN (${buyable})
          ) ref ON true`,
  );
  return rows.map((row) => ({
    followId: Number(row.follow_id),
    followerId: Number(row.follower_id),
    email: String(row.email),
    tokenSalt: String(row.token_salt),
    kind: row.kind as FollowKind,
    productId: Number(row.product_id),
    productTitle: String(row.product_title),
    currency: String(row.currency).trim(),
    targetPrice: (row.target_price as string | null) ?? null,
    minDropPercent: row.min_drop_percent === null ? null : Number(row.min_drop_percent),
    webhookUrl: (row.webhook_url as string | null) ?? null,
    armed: Boolean(row.armed),
    armGeneration: Number(row.arm_generation),
    best:
      row.listing_id === null || row.listing_id === undefined
        ? null
        : {
            listingId: Number(row.listing_id),
            storeId: String(row.store_id),
            storeName: String(row.store_name),
            total: String(row.total),
            observationId: Number(row.observation_id),
            deliveryMaxDays: row.delivery_max_days === null ? null : Number(row.delivery_max_days),
          },
    referenceTotal: (row.reference_total as string | null) ?? null,
  }));
}

/** One announcement decided for a follow. */
export interface AlertDecision {
  state: FollowState;
  eventKey: string;
  dropPercent: number | null;
  /** Disarm the follow (target, restock) once announced. */
  disarm: boolean;
}

/** A message to queue for a recorded event. */
export interface QueuedMessage {
  channel: 'email' | 'webhook';
  destination: string;
  payload: OutboxPayload;
}

/**
 * Records the decided announcements (one per follow and event key: a repeat inserts nothing),
 * queues the messages of those that are new, disarms what fired and re-arms `rearm` (follow id →
 * the arming generation it was seen at; a follow changed meanwhile is left alone). One transaction.
 */
export async function recordAlertDecisions(
  db: Database,
  decisions: AlertDecision[],
  rearm: Map<number, number>,
  messagesFor: (event: AlertEvent, state: FollowState) => QueuedMessage[],
): Promise<AlertEvent[]> {
  if (decisions.length === 0 && rearm.size === 0) return [];
  return db.transaction(async (tx) => {
    const created: AlertEvent[] = [];
    for (let i = 0; i < decisions.length; i += 500) {
      const slice = decisions.slice(i, i + 500);
      const inserted = await tx
        .insert(alertEvents)
        .values(
          slice.map(({ state, eventKey, dropPercent }) => ({
            followId: state.followId,
            eventKey,
            kind: state.kind,
            productId: state.productId,
            listingId: state.best?.listingId ?? null,
            storeId: state.best?.storeId ?? null,
            storeName: state.best?.storeName ?? null,
            title: state.productTitle,
            total: state.best?.total ?? null,
            currency: state.currency,
            referenceTotal: state.kind === 'drop' ? state.referenceTotal : null,
            dropPercent,
            deliveryMaxDays: state.best?.deliveryMaxDays ?? null,
          })),
        )
        .onConflictDoNothing({ target: [alertEvents.followId, alertEvents.eventKey] })
        .returning();
      created.push(...inserted);
    }
    const stateOf = new Map(decisions.map((decision) => [decision.state.followId, decision.state]));
    const messages = created.flatMap((event) =>
      messagesFor(event, stateOf.get(event.followId)!).map((message) => ({
        ...message,
        dedupeKey: `alert:${event.id}:${message.channel}`,
        followerId: stateOf.get(event.followId)!.followerId,
        eventId: event.id,
      })),
    );
    for (let i = 0; i < messages.length; i += 500) await tx.insert(outbox).values(messages.slice(i, i + 500)).onConflictDoNothing();
    const disarm = decisions.filter((decision) => decision.disarm).map((decision) => decision.state.followId);
    if (disarm.length > 0) {
      await tx.execute(sql`UPDATE follows SET armed = false, updated_at = now() WHERE id = ANY(${idArray(disarm)}) AND armed`);
    }
    if (rearm.size > 0) {
      const ids = [...rearm.keys()];
      const generations = `{${ids.map((id) => rearm.get(id)).join(',')}}`;
      await tx.execute(sql`UPDATE follows f SET armed = true, arm_generation = f.arm_generation + 1, updated_at = now()
                             FROM unnest(${idArray(ids)}, ${generations}::int[]) AS seen(id, generation)
                            WHERE f.id = seen.id AND NOT f.armed AND f.arm_generation = seen.generation`);
    }
    return created;
  });
}

