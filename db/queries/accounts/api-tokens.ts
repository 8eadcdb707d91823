// API tokens: "tulna_<id>_<secret>", shown once when made. The id finds the row, the secret's
// SHA-256 (compared in constant time) proves it; the table keeps the hash and the last four
// characters, so a list can tell tokens apart without showing one.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../client.ts';
import { accounts, apiTokens } from '../../retailers-schema.ts';
import { hashesMatch, newSecret, secretHash } from './secrets.ts';
import type { SessionAccount } from './sessions.ts';

/** last_used_at is written at most this often: not a write per request. */
export const TOKEN_TOUCH_INTERVAL_MS = 60_000;
const TOKEN_PATTERN = /^tulna_([1-9]\d{0,15})_([A-Za-z0-9_-]{43})$/;

/** A token as its owner's list shows it: never the secret, never its hash. */
export interface ApiTokenSummary {
  id: number;
  name: string;
  lastFour: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The id and secret of a token, or null when it is not shaped like one. */
export function parseApiToken(token: string): { id: number; secret: string } | null {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return null;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) ? { id, secret: match[2] } : null;
}

/** Makes a token for the account; `token` is the only time the full value exists. */
export async function createApiToken(db: Database, accountId: number, name: string, now = new Date()): Promise<{ token: string; summary: ApiTokenSummary }> {
  const label = name.trim();
  if (label.length === 0 || label.length > 100) throw new TypeError(`expected a token name of 1 to 100 characters, got ${label.length}`);
  const secret = newSecret();
  const [row] = await db
    .insert(apiTokens)
    .values({ accountId, name: label, tokenHash: secretHash(secret), lastFour: secret.slice(-4), createdAt: now })
    .returning({ id: apiTokens.id, name: apiTokens.name, lastFour: apiTokens.lastFour, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt });
  return { token: `tulna_${row.id}_${secret}`, summary: row };
}

/** The account's tokens, newest first, revoked ones included (marked). */
export async function listApiTokens(db: Database, accountId: number): Promise<ApiTokenSummary[]> {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, lastFour: apiTokens.lastFour, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.accountId, accountId))
    .orderBy(desc(apiTokens.id));
}

/** Revokes one of the account's own tokens; false when it is not theirs or was revoked already. */
export async function revokeApiToken(db: Database, accountId: number, tokenId: number, now = new Date()): Promise<boolean> {
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.accountId, accountId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return revoked.length > 0;
}

/** The account a token opens, or undefined: malformed, unknown, wrong secret, revoked, or its account disabled. */
export async function verifyApiToken(db: Database, token: string, now = new Date()): Promise<{ account: SessionAccount; tokenId: number } | undefined> {
  const parsed = parseApiToken(token);
  if (!parsed) return undefined;
  const [row] = await db
    .select({
      tokenHash: apiTokens.tokenHash,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
      id: accounts.id,
      email: accounts.email,
      role: accounts.role,
      disabledAt: accounts.disabledAt,
    })
    .from(apiTokens)
    .innerJoin(accounts, eq(accounts.id, apiTokens.accountId))
    .where(eq(apiTokens.id, parsed.id));
  // The hash is compared even for a revoked token: the answer's time does not tell which it was.
  const matches = hashesMatch(secretHash(parsed.secret), row?.tokenHash ?? '');
  if (!row || !matches || row.revokedAt !== null || row.disabledAt !== null) return undefined;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= TOKEN_TOUCH_INTERVAL_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, parsed.id));
  }
  return { account: { id: row.id, email: row.email, role: row.role }, tokenId: parsed.id };
}
