// Logins: the cookie holds a random secret, the table its SHA-256. A session lasts 30 days from
// its last use (sliding), and ends at once when the account is disabled or its password changes.
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../client.ts';
import { accounts, sessions, type AccountRole } from '../../retailers-schema.ts';
import { newSecret, SECRET_PATTERN, secretHash } from './secrets.ts';

export const SESSION_LIFETIME_MS = 30 * 86_400_000;
/** last_seen_at (and the expiry with it) is written at most this often: not a write per request. */
export const SESSION_TOUCH_INTERVAL_MS = 5 * 60_000;

/** The account a session opens, as the site keeps it on a request. */
export interface SessionAccount {
  id: number;
  email: string;
  role: AccountRole;
}

export interface ResolvedSession {
  account: SessionAccount;
  sessionId: number;
  expiresAt: Date;
}

/** Starts a session; returns its secret (the cookie's value), which is not kept anywhere. */
export async function createSession(db: Database, accountId: number, now = new Date()): Promise<{ secret: string; sessionId: number; expiresAt: Date }> {
  const secret = newSecret();
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  const [row] = await db
    .insert(sessions)
    .values({ tokenHash: secretHash(secret), accountId, createdAt: now, lastSeenAt: now, expiresAt })
    .returning({ id: sessions.id });
  return { secret, sessionId: row.id, expiresAt };
}

/**
 * The account behind a session secret, or undefined when there is no such session, it expired, the
 * account is disabled, or its password changed after the session began. Extends the session when
 * it was last seen more than SESSION_TOUCH_INTERVAL_MS ago.
 */
export async function resolveSession(db: Database, secret: string, now = new Date()): Promise<ResolvedSession | undefined> {
  if (!SECRET_PATTERN.test(secret)) return undefined;
  const [row] = await db
    .select({
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      id: accounts.id,
      email: accounts.email,
      role: accounts.role,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(
      and(
        eq(sessions.tokenHash, secretHash(secret)),
        sql`${sessions.expiresAt} > ${now.toISOString()}::timestamptz`,
        sql`${accounts.disabledAt} IS NULL`,
        sql`${sessions.createdAt} >= ${accounts.passwordChangedAt}`,
      ),
    );
  if (!row) return undefined;
  let { expiresAt } = row;
  if (now.getTime() - row.lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS) {
    expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
    await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, row.sessionId));
  }
  return { account: { id: row.id, email: row.email, role: row.role }, sessionId: row.sessionId, expiresAt };
}

/** Ends the session of this secret (logout); false when there was none. */
export async function revokeSession(db: Database, secret: string): Promise<boolean> {
  if (!SECRET_PATTERN.test(secret)) return false;
  const gone = await db.delete(sessions).where(eq(sessions.tokenHash, secretHash(secret))).returning({ id: sessions.id });
  return gone.length > 0;
}

/** Ends every session of the account ("log out everywhere"); returns how many there were. */
export async function revokeAllSessions(db: Database, accountId: number): Promise<number> {
  const gone = await db.delete(sessions).where(eq(sessions.accountId, accountId)).returning({ id: sessions.id });
  return gone.length;
}

/** Removes sessions that expired before `now` (housekeeping; an expired session opens nothing anyway). */
export async function deleteExpiredSessions(db: Database, now = new Date()): Promise<number> {
  const gone = await db.delete(sessions).where(sql`${sessions.expiresAt} <= ${now.toISOString()}::timestamptz`).returning({ id: sessions.id });
  return gone.length;
}
