// Follow tokens: unguessable, derived (HMAC-SHA256) from one site key and a per-row salt, so none is
// stored and rotating a salt revokes its tokens. "<id>.<mac>": the id finds the row, the mac proves it.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { environmentSection } from '../../../config/environment.ts';
import type { Database } from '../../client.ts';
import { siteSecrets } from '../../alerts-schema.ts';

export type TokenPurpose = 'confirm' | 'manage' | 'feed' | 'webhook' | 'account-verify';

/** A fresh random salt for a follower or a follow. */
export function newSalt(): string {
  return randomBytes(16).toString('base64url');
}

const keys = new WeakMap<Database, Promise<string>>();

/** The site key: TULNA_SECRET, else one made once and kept in the database (all processes share it). */
export function siteKey(db: Database): Promise<string> {
  const configured = environmentSection('alerts').TULNA_SECRET;
  if (configured) return Promise.resolve(configured);
  let key = keys.get(db);
  if (!key) {
    key = (async () => {
      await db.insert(siteSecrets).values({ name: 'token_key', value: randomBytes(32).toString('base64url') }).onConflictDoNothing();
      const [row] = await db.select({ value: siteSecrets.value }).from(siteSecrets).where(eq(siteSecrets.name, 'token_key'));
      if (!row) throw new Error('site_secrets has no token_key after creating it');
      return row.value;
    })();
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

function mac(key: string, purpose: TokenPurpose, id: number, salt: string): string {
  return createHmac('sha256', key).update(`${purpose}:${id}:${salt}`).digest('base64url');
}

export function makeToken(key: string, purpose: TokenPurpose, id: number, salt: string): string {
  return `${id}.${mac(key, purpose, id, salt)}`;
}

/** The id a token names, before checking it (null when it is not shaped like one). */
export function tokenId(token: string): number | null {
  const match = /^([1-9]\d{0,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) ? id : null;
}

/** Whether `token` is the one for (purpose, id, salt), compared in constant time. */
export function isValidToken(key: string, purpose: TokenPurpose, token: string, id: number, salt: string): boolean {
  const expected = Buffer.from(makeToken(key, purpose, id, salt));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The secret a follower's webhooks are signed with (shown to them once they confirm). */
export function webhookSecret(key: string, followerId: number, salt: string): string {
  return `whsec_${mac(key, 'webhook', followerId, salt)}`;
}


/** The site address links in mail and feeds use: TULNA_PUBLIC_URL, else the address `tulna start` listens on. */
export function publicSiteUrl(): string {
  const configured = environmentSection('alerts').TULNA_PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, '');
  const { HOST, PORT } = environmentSection('server');
  return `http://${HOST.includes(':') ? `[${HOST}]` : HOST}:${PORT}`;
}

/** A follower's links: manage (and unsubscribe) and the private feed. */
export function followerLinks(key: string, follower: { id: number; tokenSalt: string }, base = publicSiteUrl()) {
  const manage = makeToken(key, 'manage', follower.id, follower.tokenSalt);
  return {
    manage: `${base}/alerts/manage/${manage}`,
    unsubscribe: `${base}/alerts/unsubscribe/${manage}`,
    feed: `${base}/alerts/feed/${makeToken(key, 'feed', follower.id, follower.tokenSalt)}`,
  };
}
