import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DbHandle } from '../../../../db/client.ts';
import { createAccount, setAccountDisabled } from '../../../../db/queries/accounts/accounts.ts';
import { createApiToken, listApiTokens, parseApiToken, revokeApiToken, TOKEN_TOUCH_INTERVAL_MS, verifyApiToken } from '../../../../db/queries/accounts/api-tokens.ts';
import { secretHash } from '../../../../db/queries/accounts/secrets.ts';
import { openTestDatabase, testDrivers } from '../../../helpers/db.ts';

const T0 = new Date('2026-12-01T10:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

describe.each(testDrivers)('API tokens on %s', (driver) => {
  let handle: DbHandle;
  let asha: number;
  let ravi: number;
  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    asha = (await createAccount(handle.db, { email: 'asha@shop.example', password: 'asha password 1' })).id;
    ravi = (await createAccount(handle.db, { email: 'ravi@shop.example', password: 'ravi password 1' })).id;
  });
  afterAll(() => handle?.close());

  it('shows the token once as tulna_<id>_<secret> and keeps its hash and last four characters', async () => {
    const { token, summary } = await createApiToken(handle.db, asha, '  price sync  ', T0);
    const parsed = parseApiToken(token);
    expect(parsed).toEqual({ id: summary.id, secret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(summary).toMatchObject({ name: 'price sync', lastFour: token.slice(-4), lastUsedAt: null, revokedAt: null });
    const [row] = await queryRows<{ token_hash: string }>(handle.db, sql`SELECT token_hash FROM api_tokens WHERE id = ${summary.id}`);
    expect(row.token_hash).toBe(secretHash(parsed!.secret));
    const listed = await listApiTokens(handle.db, asha);
    expect(listed.map((t) => t.id)).toEqual([summary.id]);
    expect(JSON.stringify(listed)).not.toContain(row.token_hash);
    expect(JSON.stringify(listed)).not.toContain(parsed!.secret);
    expect(Object.keys(listed[0]).sort()).toEqual(['createdAt', 'id', 'lastFour', 'lastUsedAt', 'name', 'revokedAt']);
    expect(await listApiTokens(handle.db, ravi)).toEqual([]);
    await expect(createApiToken(handle.db, asha, '   ')).rejects.toThrow(TypeError);
  });

  it('verifies the right token only, and notes its use at most once a minute', async () => {
    const { token, summary } = await createApiToken(handle.db, asha, 'reader', T0);
    expect(await verifyApiToken(handle.db, token, later(1000))).toEqual({ account: { id: asha, email: 'asha@shop.example', role: 'retailer' }, tokenId: summary.id });
    const used = async () => (await listApiTokens(handle.db, asha)).find((t) => t.id === summary.id)!.lastUsedAt?.getTime();
    expect(await used()).toBe(later(1000).getTime());
    await verifyApiToken(handle.db, token, later(30_000));
    expect(await used(), 'half a minute later: not written').toBe(later(1000).getTime());
    await verifyApiToken(handle.db, token, later(1000 + TOKEN_TOUCH_INTERVAL_MS));
    expect(await used()).toBe(later(1000 + TOKEN_TOUCH_INTERVAL_MS).getTime());
    const secret = parseApiToken(token)!.secret;
    const wrongSecret = `tulna_${summary.id}_${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [wrongSecret, `tulna_${summary.id + 1000}_${secret}`, token.toUpperCase(), `${token}x`, 'Bearer x', '']) {
      expect(await verifyApiToken(handle.db, bad), bad).toBeUndefined();
    }
  });

  it("revokes only the owner's token, after which it opens nothing", async () => {
    const { token, summary } = await createApiToken(handle.db, asha, 'to revoke', T0);
    expect(await revokeApiToken(handle.db, ravi, summary.id), "another account's").toBe(false);
    expect(await verifyApiToken(handle.db, token)).toBeDefined();
    expect(await revokeApiToken(handle.db, asha, summary.id)).toBe(true);
    expect(await revokeApiToken(handle.db, asha, summary.id), 'twice').toBe(false);
    expect(await verifyApiToken(handle.db, token)).toBeUndefined();
    expect((await listApiTokens(handle.db, asha)).find((t) => t.id === summary.id)?.revokedAt).toBeInstanceOf(Date);
  });

  it('opens nothing while its account is disabled', async () => {
    const { token } = await createApiToken(handle.db, ravi, 'ravi', T0);
    await setAccountDisabled(handle.db, ravi, true);
    expect(await verifyApiToken(handle.db, token)).toBeUndefined();
    await setAccountDisabled(handle.db, ravi, false);
    expect(await verifyApiToken(handle.db, token)).toBeDefined();
  });
});
