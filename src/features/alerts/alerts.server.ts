// The site's side of alerts: sign-up (validated, rate-limited, double opt-in), the links' tokens
// checked, confirmation, unsubscribing, and what a follower's pages and feed show.
import { environmentSection } from '../../../config/environment.ts';
import type { Follow, Follower } from '../../../db/alerts-schema.ts';
import {
  confirmFollow,
  countConfirmationsSince,
  createPendingFollow,
  getFollowWithFollower,
  getFollower,
  listDeliveriesOf,
  listEventsOf,
  listFollowsOf,
  unsubscribeFollower,
} from '../../../db/queries/alerts/follows.ts';
import { listLocalOutbox } from '../../../db/queries/alerts/outbox.ts';
import { followerLinks, isValidToken, makeToken, publicSiteUrl, siteKey, tokenId, webhookSecret, type TokenPurpose } from '../../../db/queries/alerts/tokens.ts';
import { stripBidiControls } from '../../../domain/text.ts';
import { getDb } from '../../lib/context.server.ts';
import { createFailureLimiter, retryAfterSeconds } from '../../lib/rate-limit.ts';
import { getProductOffersData } from '../product/product.server.ts';
import { followRequestSchema } from './follow-request.ts';

/** Sign-ups per client address: 10 an hour, then a pause of 15 minutes that doubles. */
const signUps = createFailureLimiter({ maxFailures: 10, windowMs: 3_600_000, lockMs: 15 * 60_000, maxLockMs: 24 * 3_600_000 });
/** Confirmation mails one address may be sent a day: no one can flood a stranger's inbox. */
export const CONFIRMATIONS_PER_ADDRESS_PER_DAY = 5;
/** Wrong tokens per client address: 20 in 15 minutes, then a lock. */
const tokenGuesses = createFailureLimiter({ maxFailures: 20, windowMs: 15 * 60_000, lockMs: 60_000, maxLockMs: 3_600_000 });

export type SignUpResult =
  | { ok: true; email: string; productTitle: string }
  | { ok: false; status: 400 | 404 | 429; message: string; retryAfterMs?: number };

function confirmationMail(key: string, follower: Follower, follow: Follow, productTitle: string) {
  const link = `${publicSiteUrl()}/alerts/confirm/${makeToken(key, 'confirm', follow.id, follow.confirmSalt)}`;
  const what = follow.kind === 'target' ? `when it costs ${follow.targetPrice?.replace(/\.?0+$/, '')} ${follow.currency} or less` : follow.kind === 'drop' ? 'when its price really drops' : 'when it is back in stock';
  const title = stripBidiControls(productTitle).slice(0, 120);
  return {
    subject: `Confirm your Tulna alert for ${title}`.slice(0, 180),
    text: `Someone (we hope you) asked Tulna to email ${follower.email} about "${title}" ${what}.\n\nConfirm it here: ${link}\n\nIf it was not you, ignore this mail: nothing is sent without confirming.\n`,
  };
}

/** Validates and records a sign-up, and queues its confirmation mail. */
export async function signUp(form: Record<string, unknown>, clientAddress: string): Promise<SignUpResult> {
  const waitMs = signUps.retryAfterMs(clientAddress);
  if (waitMs > 0) return { ok: false, status: 429, message: 'Too many sign-ups from your address; try again later.', retryAfterMs: waitMs };
  const parsed = followRequestSchema.safeParse(form);
  if (!parsed.success) return { ok: false, status: 400, message: parsed.error.issues.map((issue) => issue.message).join('; ') };
  const request = parsed.data;
  const product = await getProductOffersData(request.productId);
  if (!product) return { ok: false, status: 404, message: `No product with id ${request.productId}` };
  const currency = product.currency ?? product.offers[0]?.currency ?? null;
  if (!currency) return { ok: false, status: 400, message: 'This product has no priced offer to follow yet.' };
  if (request.storeIds.some((id) => !product.offers.some((offer) => offer.storeId === id))) {
    return { ok: false, status: 400, message: 'That store does not sell this product.' };
  }
  signUps.recordFailure(clientAddress);
  const db = await getDb();
  if ((await countConfirmationsSince(db, request.email, new Date(Date.now() - 86_400_000))) >= CONFIRMATIONS_PER_ADDRESS_PER_DAY) {
    return { ok: false, status: 429, message: 'This address was sent enough confirmation mails today; confirm one of those, or try tomorrow.' };
  }
  const key = await siteKey(db);
  await createPendingFollow(db, { ...request, currency }, (follower, follow) => confirmationMail(key, follower, follow, product.product.title));
  return { ok: true, email: request.email, productTitle: product.product.title };
}

export type TokenCheck<T> = { ok: true; value: T } | { ok: false; status: 404 | 429; retryAfterMs?: number };

async function checkToken<T extends { id: number }>(
  token: string,
  purpose: TokenPurpose,
  clientAddress: string,
  load: (id: number) => Promise<(T & { salt: string }) | undefined>,
): Promise<TokenCheck<T>> {
  const waitMs = tokenGuesses.retryAfterMs(clientAddress);
  if (waitMs > 0) return { ok: false, status: 429, retryAfterMs: waitMs };
  const id = tokenId(token);
  const found = id === null ? undefined : await load(id);
  if (found && isValidToken(await siteKey(await getDb()), purpose, token, found.id, found.salt)) return { ok: true, value: found };
  tokenGuesses.recordFailure(clientAddress);
  return { ok: false, status: 404 };
}

/** The follow a confirmation link names. */
export async function checkConfirmToken(token: string, clientAddress: string) {
  return checkToken(token, 'confirm', clientAddress, async (id) => {
    const found = await getFollowWithFollower(await getDb(), id);
    return found && { id, ...found, salt: found.follow.confirmSalt };
  });
}

/** The follower a manage, unsubscribe or feed link names. */
export async function checkFollowerToken(token: string, purpose: 'manage' | 'feed', clientAddress: string) {
  return checkToken(token, purpose, clientAddress, async (id) => {
    const follower = await getFollower(await getDb(), id);
    return follower && { ...follower, salt: follower.tokenSalt };
  });
}

/** Confirms the follow; returns the follower's links and, when the follow calls a webhook, its signing secret. */
export async function confirm(follow: Follow, follower: Follower) {
  const db = await getDb();
  await confirmFollow(db, follow.id);
  const key = await siteKey(db);
  return { links: followerLinks(key, follower), webhookSecret: follow.webhookUrl ? webhookSecret(key, follower.id, follower.tokenSalt) : null };
}

export async function unsubscribe(follower: Follower): Promise<void> {
  await unsubscribeFollower(await getDb(), follower.id);
}

/** What the follower's manage page shows: follows, announcements and the delivery record. */
export async function followerOverview(follower: Follower) {
  const db = await getDb();
  const [follows, events, deliveries, key] = await Promise.all([listFollowsOf(db, follower.id), listEventsOf(db, follower.id, 20), listDeliveriesOf(db, follower.id, 30), siteKey(db)]);
  return { follows, events, deliveries, links: followerLinks(key, follower) };
}

export async function followerEvents(follower: Follower) {
  return listEventsOf(await getDb(), follower.id, 50);
}

/**
 * The local outbox is shown only where it is the newcomer's own: the embedded database, no
 * SMTP_URL, and a visitor on this machine. Anywhere else it is a page that does not exist.
 */
export function isLocalOutboxShown(clientAddress: string): boolean {
  const loopback = clientAddress === '::1' || clientAddress.startsWith('127.') || clientAddress.startsWith('::ffff:127.');
  return !environmentSection('database').DATABASE_URL && !environmentSection('alerts').SMTP_URL && loopback;
}

export async function localOutbox() {
  return listLocalOutbox(await getDb(), 50);
}

/** Status and headers of a page a token opens: never cached, never indexed, its token kept out of referrers. */
export function tokenPageAnswer(check: TokenCheck<unknown>): { status: number; headers: Record<string, string> } {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex' };
  if (!check.ok && check.retryAfterMs) headers['Retry-After'] = retryAfterSeconds(check.retryAfterMs);
  return { status: check.ok ? 200 : check.status, headers };
}
