import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DbHandle } from '../../../../db/client.ts';
import { createAccount, getAccount } from '../../../../db/queries/accounts/accounts.ts';
import { hashPassword, verifyPassword } from '../../../../db/queries/accounts/passwords.ts';
import { consumeReset, createReset, findReset, RESET_LIFETIME_MS, RESETS_PER_ACCOUNT_PER_HOUR } from '../../../../db/queries/accounts/password-resets.ts';
import { secretHash } from '../../../../db/queries/accounts/secrets.ts';
import { createSession, resolveSession } from '../../../../db/queries/accounts/sessions.ts';
import { openTestDatabase, testDrivers } from '../../../helpers/db.ts';

const T0 = new Date('2026-12-01T10:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

describe.each(testDrivers)('password resets on %s', (driver) => {
  let handle: DbHandle;
  let newHash: string;
  const account = (email: string) => createAccount(handle.db, { email, password: 'old password 123' }, new Date(T0.getTime() - 60_000));

  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    newHash = await hashPassword('new password 456');
  });
  afterAll(() => handle?.close());

  it('stores only the SHA-256 of the link, valid for an hour', async () => {
    const { id } = await account('asha@shop.example');
    const reset = await createReset(handle.db, id, T0);
    expect(reset?.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(reset!.expiresAt.getTime()).toBe(T0.getTime() + RESET_LIFETIME_MS);
    const [row] = await queryRows<{ token_hash: string }>(handle.db, sql`SELECT token_hash FROM password_resets WHERE id = ${reset!.resetId}`);
    expect(row.token_hash).toBe(secretHash(reset!.secret));
    expect((await findReset(handle.db, reset!.secret, later(59 * 60_000)))?.id).toBe(id);
    expect(await findReset(handle.db, reset!.secret, later(61 * 60_000)), 'expired').toBeUndefined();
    expect(await consumeReset(handle.db, reset!.secret, newHash, later(61 * 60_000)), 'expired').toBeUndefined();
  });

  it(`issues at most ${RESETS_PER_ACCOUNT_PER_HOUR} links per account an hour`, async () => {
    const { id } = await account('busy@shop.example');
    for (let i = 0; i < RESETS_PER_ACCOUNT_PER_HOUR; i++) expect(await createReset(handle.db, id, later(i * 1000))).toBeDefined();
    expect(await createReset(handle.db, id, later(10_000))).toBeUndefined();
    expect(await createReset(handle.db, id, later(3_600_000 + 1000))).toBeDefined();
  });

  it('uses a link once: sets the password, voids the other links, ends every session', async () => {
    const { id } = await account('ravi@shop.example');
    const first = (await createReset(handle.db, id, T0))!;
    const second = (await createReset(handle.db, id, T0))!;
    const session = await createSession(handle.db, id, T0);
    const used = await consumeReset(handle.db, first.secret, newHash, later(1000));
    expect(used).toMatchObject({ id, email: 'ravi@shop.example' });
    expect(await verifyPassword('new password 456', (await getAccount(handle.db, id))!.passwordHash)).toBe(true);
    expect(await consumeReset(handle.db, first.secret, newHash, later(2000)), 'used twice').toBeUndefined();
    expect(await consumeReset(handle.db, second.secret, newHash, later(2000)), 'the other link').toBeUndefined();
    expect(await resolveSession(handle.db, session.secret, later(2000))).toBeUndefined();
  });

  it('gives one success to two uses racing', async () => {
    const { id } = await account('race@shop.example');
    const reset = (await createReset(handle.db, id, T0))!;
    const results = await Promise.all([consumeReset(handle.db, reset.secret, newHash, later(1000)), consumeReset(handle.db, reset.secret, newHash, later(1000))]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('refuses a link of a disabled account, and junk', async () => {
    const { id } = await account('gone@shop.example');
    const reset = (await createReset(handle.db, id, T0))!;
    await handle.db.execute(sql`UPDATE accounts SET disabled_at = now() WHERE id = ${id}`);
    expect(await findReset(handle.db, reset.secret, later(1000))).toBeUndefined();
    expect(await consumeReset(handle.db, 'x'.repeat(43), newHash, later(1000))).toBeUndefined();
    expect(await consumeReset(handle.db, '../../etc', newHash, later(1000))).toBeUndefined();
  });
});
