import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../../db/client.ts';
import { queryRows } from '../../../../db/client.ts';
import { changePassword, createAccount, DuplicateAccountError, ensureAccount, findAccountByEmail, getAccount } from '../../../../db/queries/accounts/accounts.ts';
import { verifyPassword } from '../../../../db/queries/accounts/passwords.ts';
import { createSession, resolveSession } from '../../../../db/queries/accounts/sessions.ts';
import { openTestDatabase, testDrivers } from '../../../helpers/db.ts';

describe.each(testDrivers)('accounts on %s', (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(driver);
  });
  afterAll(() => handle?.close());

  it('stores the address in lower case and only a scrypt hash of the password', async () => {
    const account = await createAccount(handle.db, { email: '  Asha@Shop.Example ', password: 'asha password 1' });
    expect(account).toMatchObject({ email: 'asha@shop.example', role: 'retailer', disabledAt: null });
    expect(account.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    const [row] = await queryRows<{ dump: string }>(handle.db, sql`SELECT row_to_json(a)::text AS dump FROM accounts a WHERE id = ${account.id}`);
    expect(row.dump).not.toContain('asha password 1');
    expect((await findAccountByEmail(handle.db, 'ASHA@shop.example'))?.id).toBe(account.id);
    expect((await getAccount(handle.db, account.id))?.email).toBe('asha@shop.example');
    expect(await findAccountByEmail(handle.db, 'nobody@shop.example')).toBeUndefined();
  });

  it('refuses a second account for the same address, however it is spelled', async () => {
    await expect(createAccount(handle.db, { email: 'ASHA@shop.example', password: 'another password' })).rejects.toThrow(DuplicateAccountError);
    await expect(createAccount(handle.db, { email: 'ASHA@shop.example', password: 'another password' })).rejects.toThrow(/asha@shop\.example already exists/);
    await expect(createAccount(handle.db, { email: 'not an address', password: 'another password' })).rejects.toThrow(TypeError);
    await expect(createAccount(handle.db, { email: 'x@y.example', password: 'another password', role: 'root' as never })).rejects.toThrow(/role of retailer or admin/);
  });

  it('ends every session when the password changes', async () => {
    const account = await createAccount(handle.db, { email: 'ravi@shop.example', password: 'ravi password 1' });
    const { secret } = await createSession(handle.db, account.id);
    expect(await resolveSession(handle.db, secret)).toBeDefined();
    await changePassword(handle.db, account.id, 'ravi password 2');
    expect(await resolveSession(handle.db, secret)).toBeUndefined();
    const changed = await getAccount(handle.db, account.id);
    expect(await verifyPassword('ravi password 2', changed!.passwordHash)).toBe(true);
    expect(changed!.passwordChangedAt.getTime()).toBeGreaterThan(account.passwordChangedAt.getTime() - 1);
  });

  it('ensures the bootstrap administrator: made once, its password and role updated when they differ', async () => {
    const wanted = { email: 'Admin@Localhost', password: 'first admin password', role: 'admin' as const };
    const made = await ensureAccount(handle.db, wanted);
    expect(made.action).toBe('created');
    expect(made.account).toMatchObject({ email: 'admin@localhost', role: 'admin' });
    expect((await ensureAccount(handle.db, wanted)).action).toBe('unchanged');
    const { secret } = await createSession(handle.db, made.account.id);
    const updated = await ensureAccount(handle.db, { ...wanted, password: 'second admin password' });
    expect(updated.action).toBe('updated');
    expect(await verifyPassword('second admin password', updated.account.passwordHash)).toBe(true);
    expect(await resolveSession(handle.db, secret), 'the old password’s session').toBeUndefined();
    // A retailer named as the administrator becomes one.
    const promoted = await ensureAccount(handle.db, { email: 'asha@shop.example', password: 'asha password 1', role: 'admin' });
    expect(promoted).toMatchObject({ action: 'updated', account: { role: 'admin' } });
  });
});
