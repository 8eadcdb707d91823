import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DbHandle } from '../../../../db/client.ts';
import {
  MAX_CHECK_ERROR_LENGTH,
  NotFoundError,
  claimedStoreIds,
  claimsDueForCheck,
  createClaim,
  getClaimOf,
  grantClaim,
  isStoreClaimedBy,
  listAllClaims,
  listClaimsOf,
  markClaimCheckFailed,
  markClaimVerified,
  requestClaimCheck,
  revokeClaim,
} from '../../../../db/queries/retailers/claims.ts';
import { accounts, storeClaims } from '../../../../db/retailers-schema.ts';
import { stores } from '../../../../db/schema.ts';
import { openTestDatabase, testDrivers } from '../../../helpers/db.ts';

const TOKEN = /^tulna-verify-[0-9a-f]{32}$/;

describe.each(testDrivers)('store claim queries on %s', (driver) => {
  let handle: DbHandle;
  let owner: number;
  let agency: number;
  let stranger: number;
  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    await handle.db.insert(stores).values(
      ['alpha', 'beta', 'gamma', 'delta'].map((id) => ({ id, name: `Store ${id}`, baseUrl: `https://${id}.test`, currency: 'EUR', sourceKind: 'jsonld' })),
    );
    const rows = await handle.db
      .insert(accounts)
      .values(['owner@shop.test', 'agency@agency.test', 'stranger@else.test'].map((email) => ({ email, passwordHash: 'x' })))
      .returning({ id: accounts.id });
    [owner, agency, stranger] = rows.map((row) => row.id);
  });
  afterAll(() => handle.close());

  it('creates a pending claim with a random token and a check requested, and returns it again unchanged', async () => {
    const claim = await createClaim(handle.db, owner, 'alpha');
    expect(claim).toMatchObject({ accountId: owner, storeId: 'alpha', status: 'pending', verifiedBy: null, verifiedAt: null });
    expect(claim.verificationToken).toMatch(TOKEN);
    expect(claim.checkRequestedAt).toBeInstanceOf(Date);
    const again = await createClaim(handle.db, owner, 'alpha');
    expect(again).toEqual(claim);
    const other = await createClaim(handle.db, agency, 'alpha');
    expect(other.id).not.toBe(claim.id);
    expect(other.verificationToken).not.toBe(claim.verificationToken);
  });

  it('refuses an unknown store with a NotFoundError', async () => {
    const error = await createClaim(handle.db, owner, 'nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ entity: 'store', key: 'nope', status: 404 });
  });

  it('lists and reads only the account\'s own claims, with the store', async () => {
    const mine = await listClaimsOf(handle.db, owner);
    expect(mine.map((c) => [c.accountId, c.storeId, c.storeName, c.storeBaseUrl])).toEqual([[owner, 'alpha', 'Store alpha', 'https://alpha.test']]);
    const agencyClaim = (await listClaimsOf(handle.db, agency))[0];
    expect(agencyClaim.accountId).toBe(agency);
    expect(await getClaimOf(handle.db, owner, mine[0].id)).toMatchObject({ id: mine[0].id, storeName: 'Store alpha' });
    expect(await getClaimOf(handle.db, owner, agencyClaim.id)).toBeUndefined();
    expect(await getClaimOf(handle.db, stranger, mine[0].id)).toBeUndefined();
    expect(await listClaimsOf(handle.db, stranger)).toEqual([]);
  });

  it('lets only the owner request a check, and only of a pending claim', async () => {
    const [mine] = await listClaimsOf(handle.db, owner);
    await handle.db.update(storeClaims).set({ checkRequestedAt: null }).where(eq(storeClaims.id, mine.id));
    expect(await requestClaimCheck(handle.db, stranger, mine.id)).toBe(false);
    expect(await requestClaimCheck(handle.db, agency, mine.id)).toBe(false);
    expect((await getClaimOf(handle.db, owner, mine.id))!.checkRequestedAt).toBeNull();
    expect(await requestClaimCheck(handle.db, owner, mine.id)).toBe(true);
    expect((await getClaimOf(handle.db, owner, mine.id))!.checkRequestedAt).toBeInstanceOf(Date);
    expect(await requestClaimCheck(handle.db, owner, 999_999)).toBe(false);
  });

  it('hands due claims to the checker oldest first, not twice within a minute, and records failures', async () => {
    const now = new Date(Date.now() + 1000);
    const due = await claimsDueForCheck(handle.db, 10, now);
    expect(due.map((d) => [d.claim.accountId, d.store.id, d.store.baseUrl])).toEqual([
      [agency, 'alpha', 'https://alpha.test'],
      [owner, 'alpha', 'https://alpha.test'],
    ]);
    expect(await claimsDueForCheck(handle.db, 1, now)).toHaveLength(1);

    const ownerClaim = due[1].claim;
    await markClaimCheckFailed(handle.db, ownerClaim.id, `no token ${'x'.repeat(2000)}`);
    const failed = (await getClaimOf(handle.db, owner, ownerClaim.id))!;
    expect(failed).toMatchObject({ status: 'pending', checkRequestedAt: null });
    expect(failed.lastCheckedAt).toBeInstanceOf(Date);
    expect(failed.lastCheckError!.length).toBeLessThanOrEqual(MAX_CHECK_ERROR_LENGTH);
    expect(failed.lastCheckError).toMatch(/^no token x+…$/);

    // Asked again at once: due only a minute after the last check.
    expect(await requestClaimCheck(handle.db, owner, ownerClaim.id)).toBe(true);
    expect((await claimsDueForCheck(handle.db, 10, new Date())).map((d) => d.claim.id)).not.toContain(ownerClaim.id);
    expect((await claimsDueForCheck(handle.db, 10, new Date(Date.now() + 61_000))).map((d) => d.claim.id)).toContain(ownerClaim.id);
  });

  it('counts only verified and granted claims as the account\'s stores, never another account\'s', async () => {
    const [mine] = await listClaimsOf(handle.db, owner);
    expect(await claimedStoreIds(handle.db, owner)).toEqual([]);
    expect(await isStoreClaimedBy(handle.db, owner, 'alpha')).toBe(false);

    expect(await markClaimVerified(handle.db, mine.id, 'meta')).toBe(true);
    expect(await markClaimVerified(handle.db, mine.id, 'meta')).toBe(false); // already verified: no second refresh
    const verified = (await getClaimOf(handle.db, owner, mine.id))!;
    expect(verified).toMatchObject({ status: 'verified', verifiedBy: 'meta', checkRequestedAt: null, lastCheckError: null });
    expect(verified.verifiedAt).toBeInstanceOf(Date);
    expect(await claimedStoreIds(handle.db, owner)).toEqual(['alpha']);
    expect(await isStoreClaimedBy(handle.db, owner, 'alpha')).toBe(true);
    // The agency's claim on the same store is still pending: it sees nothing.
    expect(await claimedStoreIds(handle.db, agency)).toEqual([]);
    expect(await isStoreClaimedBy(handle.db, agency, 'alpha')).toBe(false);
    expect(await claimedStoreIds(handle.db, stranger)).toEqual([]);
    expect(await isStoreClaimedBy(handle.db, stranger, 'alpha')).toBe(false);
    // A verified claim asks for no more checks.
    expect(await requestClaimCheck(handle.db, owner, mine.id)).toBe(false);
    expect((await claimsDueForCheck(handle.db, 10, new Date(Date.now() + 120_000))).map((d) => d.claim.id)).not.toContain(mine.id);
  });

  it('grants a store by email or id, creating or updating the claim', async () => {
    const byEmail = await grantClaim(handle.db, { accountEmail: ' Agency@Agency.test ', storeId: 'alpha' });
    expect(byEmail).toMatchObject({ accountId: agency, storeId: 'alpha', status: 'granted', verifiedBy: 'admin', checkRequestedAt: null });
    expect((await listClaimsOf(handle.db, agency)).map((c) => c.id)).toEqual([byEmail.id]); // updated, not a second claim
    const byId = await grantClaim(handle.db, { accountId: agency, storeId: 'beta' });
    expect(byId).toMatchObject({ status: 'granted', verifiedBy: 'admin' });
    expect(byId.verificationToken).toMatch(TOKEN);
    expect(await claimedStoreIds(handle.db, agency)).toEqual(['alpha', 'beta']);
    expect(await claimedStoreIds(handle.db, owner)).toEqual(['alpha']);
    await expect(grantClaim(handle.db, { accountEmail: 'nobody@x.test', storeId: 'alpha' })).rejects.toMatchObject({ entity: 'account' });
    await expect(grantClaim(handle.db, { accountId: 999_999, storeId: 'alpha' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(grantClaim(handle.db, { accountId: agency, storeId: 'nope' })).rejects.toMatchObject({ entity: 'store' });
  });

  it('gives a disabled account no stores', async () => {
    await grantClaim(handle.db, { accountId: stranger, storeId: 'delta' });
    expect(await claimedStoreIds(handle.db, stranger)).toEqual(['delta']);
    await handle.db.update(accounts).set({ disabledAt: new Date() }).where(eq(accounts.id, stranger));
    expect(await claimedStoreIds(handle.db, stranger)).toEqual([]);
    expect(await isStoreClaimedBy(handle.db, stranger, 'delta')).toBe(false);
    await handle.db.update(accounts).set({ disabledAt: null }).where(eq(accounts.id, stranger));
    const [claim] = await listClaimsOf(handle.db, stranger);
    await revokeClaim(handle.db, claim.id);
  });

  it('revokes a claim, says whether the store is still claimed, and re-opens it as pending with a new token', async () => {
    const [mine] = await listClaimsOf(handle.db, owner);
    const revoked = await revokeClaim(handle.db, mine.id);
    expect(revoked).toMatchObject({ claim: { id: mine.id, status: 'revoked' }, storeStillClaimed: true }); // the agency's grant
    expect(await claimedStoreIds(handle.db, owner)).toEqual([]);
    expect(await revokeClaim(handle.db, 999_999)).toBeUndefined();

    const agencyBeta = (await listClaimsOf(handle.db, agency)).find((c) => c.storeId === 'beta')!;
    expect(await revokeClaim(handle.db, agencyBeta.id)).toMatchObject({ storeStillClaimed: false });

    const reopened = await createClaim(handle.db, owner, 'alpha');
    expect(reopened).toMatchObject({ id: mine.id, status: 'pending', verifiedBy: null, verifiedAt: null, lastCheckError: null });
    expect(reopened.verificationToken).toMatch(TOKEN);
    expect(reopened.verificationToken).not.toBe(mine.verificationToken);
    expect(reopened.checkRequestedAt).toBeInstanceOf(Date);
  });

  it('lists every claim for administrators, by status, with account email and store name', async () => {
    const all = await listAllClaims(handle.db, { limit: 100 });
    expect(all.length).toBe(4);
    expect(all.every((c) => typeof c.accountEmail === 'string' && c.storeName.startsWith('Store '))).toBe(true);
    const granted = await listAllClaims(handle.db, { status: 'granted', limit: 100 });
    expect(granted.map((c) => [c.accountEmail, c.storeId])).toEqual([['agency@agency.test', 'alpha']]);
    expect(await listAllClaims(handle.db, { limit: 1 })).toHaveLength(1);
  });
});
