// Password reset links: a random secret, mailed once, stored as its SHA-256; valid for an hour,
// used once. Using one sets the new password, voids the account's other links and ends its sessions.
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../client.ts';
import { accounts, passwordResets } from '../../retailers-schema.ts';
import { setPasswordHash } from './accounts.ts';
import { newSecret, SECRET_PATTERN, secretHash } from './secrets.ts';
import type { SessionAccount } from './sessions.ts';

export const RESET_LIFETIME_MS = 3_600_000;
/** Links one account may be sent per hour: no one can flood its owner's inbox. */
export const RESETS_PER_ACCOUNT_PER_HOUR = 3;

/**
 * Issues a reset link's secret for the account, or undefined when it was sent
 * RESETS_PER_ACCOUNT_PER_HOUR already in the last hour.
 */
export async function createReset(db: Database, accountId: number, now = new Date()): Promise<{ secret: string; resetId: number; expiresAt: Date } | undefined> {
  const since = new Date(now.getTime() - 3_600_000);
  const [recent] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(passwordResets)
    .where(and(eq(passwordResets.accountId, accountId), sql`${passwordResets.createdAt} > ${since.toISOString()}::timestamptz`));
  if ((recent?.count ?? 0) >= RESETS_PER_ACCOUNT_PER_HOUR) return undefined;
  const secret = newSecret();
  const expiresAt = new Date(now.getTime() + RESET_LIFETIME_MS);
  const [row] = await db
    .insert(passwordResets)
    .values({ tokenHash: secretHash(secret), accountId, createdAt: now, expiresAt })
    .returning({ id: passwordResets.id });
  return { secret, resetId: row.id, expiresAt };
}

/** A link still good: unused, unexpired, issued after the last password change. */
const usable = (now: Date) =>
  and(
    sql`${passwordResets.usedAt} IS NULL`,
    sql`${passwordResets.expiresAt} > ${now.toISOString()}::timestamptz`,
    sql`${passwordResets.createdAt} >= ${accounts.passwordChangedAt}`,
    sql`${accounts.disabledAt} IS NULL`,
  );

/** The account a reset secret would reset, without using it (the page that asks for the new password). */
export async function findReset(db: Database, secret: string, now = new Date()): Promise<SessionAccount | undefined> {
  if (!SECRET_PATTERN.test(secret)) return undefined;
  const [row] = await db
    .select({ id: accounts.id, email: accounts.email, role: accounts.role })
    .from(passwordResets)
    .innerJoin(accounts, eq(accounts.id, passwordResets.accountId))
    .where(and(eq(passwordResets.tokenHash, secretHash(secret)), usable(now)));
  return row;
}

/**
 * Uses a reset secret: once only (two requests racing get one success), then sets the new password
 * hash, which voids the account's other links and ends its sessions. Undefined when the secret is
 * unknown, used, expired or older than the last password change.
 */
export async function consumeReset(db: Database, secret: string, newPasswordHash: string, now = new Date()): Promise<SessionAccount | undefined> {
  if (!SECRET_PATTERN.test(secret)) return undefined;
  return db.transaction(async (tx) => {
    const account = await findReset(tx, secret, now);
    if (!account) return undefined;
    const used = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.tokenHash, secretHash(secret)), sql`${passwordResets.usedAt} IS NULL`))
      .returning({ id: passwordResets.id });
    if (used.length === 0) return undefined;
    await setPasswordHash(tx, account.id, newPasswordHash, now);
    return account;
  });
}

/** Removes reset links used or expired before `before` (housekeeping: neither opens anything). */
export async function deleteStaleResets(db: Database, before: Date): Promise<number> {
  const gone = await db
    .delete(passwordResets)
    .where(sql`${passwordResets.expiresAt} <= ${before.toISOString()}::timestamptz OR ${passwordResets.usedAt} <= ${before.toISOString()}::timestamptz`)
    .returning({ id: passwordResets.id });
  return gone.length;
}
