import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DbHandle } from '../../../../db/client.ts';
import { createAccount, setAccountDisabled } from '../../../../db/queries/accounts/accounts.ts';
import { secretHash } from '../../../../db/queries/accounts/secrets.ts';
import {
  createSession,
  deleteExpiredSessions,
  resolveSession,
  revokeAllSessions,
  revokeSession,
  SESSION_LIFETIME_MS,
  SESSION_TOUCH_INTERVAL_MS,
} from '../../../../db/queries/accounts/sessions.ts';
import { openTestDatabase, testDrivers } from '../../../helpers/db.ts';

const T0 = new Date('2026-12-01T10:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

describe.each(testDrivers)('sessions on %s', (driver) => {
  let handle: DbHandle;
  let accountId: number;
  const lastSeen = async (sessionId: number) =>
    (await queryRows<{ seen: string }>(handle.db, sql`SELECT last_seen_at::text AS seen FROM sessions WHERE id = ${sessionId}`))[0]?.seen;

  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    accountId = (await createAccount(handle.db, { email: 'asha@shop.example', password: 'asha password 1' }, new Date(T0.getTime() - 1000))).id;
  });
  afterAll(() => handle?.close());

  it('hands out a 32-byte secret once and keeps only its SHA-256', async () => {
    const { secret, sessionId, expiresAt } = await createSession(handle.db, accountId, T0);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    expect(expiresAt.getTime()).toBe(T0.getTime() + SESSION_LIFETIME_MS);
    const [row] = await queryRows<{ token_hash: string }>(handle.db, sql`SELECT token_hash FROM sessions WHERE id = ${sessionId}`);
    expect(row.token_hash).toBe(secretHash(secret));
    expect(row.token_hash).not.toContain(secret);
    const resolved = await resolveSession(handle.db, secret, later(1000));
    expect(resolved).toMatchObject({ account: { id: accountId, email: 'asha@shop.example', role: 'retailer' }, sessionId });
    expect(await resolveSession(handle.db, secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A'), later(1000))).toBeUndefined();
    expect(await resolveSession(handle.db, 'not a secret', later(1000))).toBeUndefined();
  });

  it('slides its expiry, writing last_seen_at at most once every few minutes', async () => {
    const { secret, sessionId } = await createSession(handle.db, accountId, T0);
    const before = await lastSeen(sessionId);
    await resolveSession(handle.db, secret, later(60_000));
    expect(await lastSeen(sessionId), 'a minute later: not written').toBe(before);
    const touched = await resolveSession(handle.db, secret, later(SESSION_TOUCH_INTERVAL_MS + 1));
    expect(await lastSeen(sessionId)).not.toBe(before);
    expect(touched!.expiresAt.getTime()).toBe(T0.getTime() + SESSION_TOUCH_INTERVAL_MS + 1 + SESSION_LIFETIME_MS);
    // Used within 30 days of its last use, it lives on past 30 days from its start.
    const day = 86_400_000;
    expect(await resolveSession(handle.db, secret, later(25 * day))).toBeDefined();
    expect(await resolveSession(handle.db, secret, later(50 * day))).toBeDefined();
    // Left alone for 30 days, it is gone.
    expect(await resolveSession(handle.db, secret, later(81 * day))).toBeUndefined();
  });

  it('opens nothing once the account is disabled', async () => {
    const { secret } = await createSession(handle.db, accountId, T0);
    await setAccountDisabled(handle.db, accountId, true, T0);
    expect(await resolveSession(handle.db, secret, later(1000))).toBeUndefined();
    await setAccountDisabled(handle.db, accountId, false);
    expect(await resolveSession(handle.db, secret, later(1000))).toBeDefined();
  });

  it('opens nothing when it began before the last password change', async () => {
    const other = await createAccount(handle.db, { email: 'ravi@shop.example', password: 'ravi password 1' }, T0);
    const { secret } = await createSession(handle.db, other.id, later(1000));
    await handle.db.execute(sql`UPDATE accounts SET password_changed_at = ${later(2000).toISOString()}::timestamptz WHERE id = ${other.id}`);
    expect(await resolveSession(handle.db, secret, later(3000))).toBeUndefined();
  });

  it('revokes one session, or all of an account, and sweeps expired ones', async () => {
    const one = await createSession(handle.db, accountId, T0);
    const two = await createSession(handle.db, accountId, T0);
    expect(await revokeSession(handle.db, one.secret)).toBe(true);
    expect(await revokeSession(handle.db, one.secret)).toBe(false);
    expect(await resolveSession(handle.db, one.secret, later(1000))).toBeUndefined();
    expect(await resolveSession(handle.db, two.secret, later(1000))).toBeDefined();
    expect(await revokeAllSessions(handle.db, accountId)).toBeGreaterThanOrEqual(1);
    expect(await resolveSession(handle.db, two.secret, later(1000))).toBeUndefined();
    await createSession(handle.db, accountId, T0);
    expect(await deleteExpiredSessions(handle.db, later(SESSION_LIFETIME_MS + 1))).toBeGreaterThanOrEqual(1);
  });
});
