// Store claims: which accounts may see which stores' retailer pages. An account claims a store,
// proves it runs it by putting the claim's token on the store's site (the claim checker in
// crawlers/retailers/claim-checker.ts looks for it), or an administrator grants the store.
//
// Tenant boundary: `claimedStoreIds` (and `isStoreClaimedBy`, the same rule for one store) is THE
// answer to "which stores' data may this account see". Every retailer query that reads store data
// (positions, price index, exports, repricing, alerts) must be filtered by the store ids it returns,
// never by a store id taken from a request alone. Only verified and granted claims count; pending
// and revoked ones give nothing; a disabled account has no stores. Several accounts may claim the
// same store (its owner and an agency): each sees its own claim, never another's.
import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../client.ts';
import { accounts, storeClaims, type ClaimStatus, type StoreClaim } from '../../retailers-schema.ts';
import { stores } from '../../schema.ts';

/** The statuses that let an account see a store. */
export const GRANTING_STATUSES = ['verified', 'granted'] as const satisfies readonly ClaimStatus[];

/** How a claim was proven by the checker. */
export type VerificationMethod = 'meta' | 'well-known';

/** A claim was checked at most this often, however often its owner asks. */
export const CHECK_INTERVAL_MS = 60_000;

/** Longest check error kept on a claim. */
export const MAX_CHECK_ERROR_LENGTH = 500;

/** Something a claim function was asked about does not exist: a page turns this into a 404. */
export class NotFoundError extends Error {
  readonly status = 404;
  constructor(
    readonly entity: 'store' | 'account' | 'claim',
    readonly key: string | number,
  ) {
    super(`No ${entity} ${JSON.stringify(key)}`);
    this.name = 'NotFoundError';
  }
}

/** A claim with the store it is on, as its owner's pages show it. */
export interface ClaimWithStore extends StoreClaim {
  storeName: string;
  storeBaseUrl: string;
}

/** A claim as the administrator's list shows it. */
export interface ClaimWithAccount extends ClaimWithStore {
  accountEmail: string;
}

/** A pending claim the checker should look at, with what it needs of the store. */
export interface DueClaim {
  claim: StoreClaim;
  store: { id: string; name: string; baseUrl: string };
}

/** "tulna-verify-" and 32 hex characters (128 random bits), fresh for every claim. */
export function newVerificationToken(): string {
  return `tulna-verify-${randomBytes(16).toString('hex')}`;
}

const withStore = {
  claim: storeClaims,
  storeName: stores.name,
  storeBaseUrl: stores.baseUrl,
};

function flatten<T extends { claim: StoreClaim }>(row: T): Omit<T, 'claim'> & StoreClaim {
  const { claim, ...rest } = row;
  return { ...claim, ...rest };
}

async function assertStoreExists(db: Database, storeId: string): Promise<void> {
  const [row] = await db.select({ id: stores.id }).from(stores).where(eq(stores.id, storeId));
  if (!row) throw new NotFoundError('store', storeId);
}

/**
 * The account's claim on the store, created pending with a fresh token and a check requested.
 * An existing claim is returned as it is (a retailer clicking "claim" twice gets the same token),
 * except a revoked one, which re-opens as pending with a new token. Throws NotFoundError for an
 * unknown store.
 */
export async function createClaim(db: Database, accountId: number, storeId: string): Promise<StoreClaim> {
  await assertStoreExists(db, storeId);
  const [created] = await db
    .insert(storeClaims)
    .values({ accountId, storeId, status: 'pending', verificationToken: newVerificationToken(), checkRequestedAt: sql`now()` })
    .onConflictDoNothing({ target: [storeClaims.accountId, storeClaims.storeId] })
    .returning();
  if (created) return created;
  const [reopened] = await db
    .update(storeClaims)
    .set({
      status: 'pending',
      verificationToken: newVerificationToken(),
      verifiedBy: null,
      verifiedAt: null,
      checkRequestedAt: sql`now()`,
      lastCheckedAt: null,
      lastCheckError: null,
    })
    .where(and(eq(storeClaims.accountId, accountId), eq(storeClaims.storeId, storeId), eq(storeClaims.status, 'revoked')))
    .returning();
  if (reopened) return reopened;
  const [existing] = await db
    .select()
    .from(storeClaims)
    .where(and(eq(storeClaims.accountId, accountId), eq(storeClaims.storeId, storeId)));
  return existing;
}

/** Every claim of the account, whatever its status, with the store's name and base URL; by store name. */
export async function listClaimsOf(db: Database, accountId: number): Promise<ClaimWithStore[]> {
  const rows = await db
    .select(withStore)
    .from(storeClaims)
    .innerJoin(stores, eq(stores.id, storeClaims.storeId))
    .where(eq(storeClaims.accountId, accountId))
    .orderBy(asc(stores.name), asc(storeClaims.id));
  return rows.map(flatten);
}

/** The claim if it is the account's; undefined for another account's claim or none. */
export async function getClaimOf(db: Database, accountId: number, claimId: number): Promise<ClaimWithStore | undefined> {
  const [row] = await db
    .select(withStore)
    .from(storeClaims)
    .innerJoin(stores, eq(stores.id, storeClaims.storeId))
    .where(and(eq(storeClaims.id, claimId), eq(storeClaims.accountId, accountId)));
  return row ? flatten(row) : undefined;
}

/**
 * Asks the checker to look at the account's pending claim again. False for another account's
 * claim, an unknown one, or one not pending. A request already waiting keeps its place.
 */
export async function requestClaimCheck(db: Database, accountId: number, claimId: number): Promise<boolean> {
  const rows = await db
    .update(storeClaims)
    .set({ checkRequestedAt: sql`coalesce(${storeClaims.checkRequestedAt}, now())` })
    .where(and(eq(storeClaims.id, claimId), eq(storeClaims.accountId, accountId), eq(storeClaims.status, 'pending')))
    .returning({ id: storeClaims.id });
  return rows.length > 0;
}

/** Verified or granted claims of an enabled account. */
function grantsOf(accountId: number) {
  return and(
    eq(storeClaims.accountId, accountId),
    inArray(storeClaims.status, [...GRANTING_STATUSES]),
    sql`exists (select 1 from ${accounts} where ${accounts.id} = ${storeClaims.accountId} and ${accounts.disabledAt} is null)`,
  );
}

/**
 * THE tenant boundary of the retailer area: the stores whose data this account may see (verified
 * or granted claims; none for a disabled account), sorted. See the note at the top of this file.
 */
export async function claimedStoreIds(db: Database, accountId: number): Promise<string[]> {
  const rows = await db
    .select({ storeId: storeClaims.storeId })
    .from(storeClaims)
    .where(grantsOf(accountId))
    .orderBy(asc(storeClaims.storeId));
  return rows.map((row) => row.storeId);
}

/** The tenant boundary for one store: true when claimedStoreIds(accountId) includes storeId. */
export async function isStoreClaimedBy(db: Database, accountId: number, storeId: string): Promise<boolean> {
  const rows = await db
    .select({ id: storeClaims.id })
    .from(storeClaims)
    .where(and(grantsOf(accountId), eq(storeClaims.storeId, storeId)))
    .limit(1);
  return rows.length > 0;
}

// --- For the claim checker ---------------------------------------------------------------------

/**
 * Pending claims with a check requested, oldest request first, skipping those checked within the
 * last minute (so a retailer asking again and again costs the store one fetch a minute).
 */
export async function claimsDueForCheck(db: Database, limit: number, now: Date = new Date()): Promise<DueClaim[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new TypeError(`Expected limit to be a positive integer, got ${String(limit)}`);
  const checkedBefore = new Date(now.getTime() - CHECK_INTERVAL_MS);
  return db
    .select({ claim: storeClaims, store: { id: stores.id, name: stores.name, baseUrl: stores.baseUrl } })
    .from(storeClaims)
    .innerJoin(stores, eq(stores.id, storeClaims.storeId))
    .where(
      and(
        eq(storeClaims.status, 'pending'),
        isNotNull(storeClaims.checkRequestedAt),
        or(isNull(storeClaims.lastCheckedAt), lt(storeClaims.lastCheckedAt, checkedBefore)),
      ),
    )
    .orderBy(asc(storeClaims.checkRequestedAt), asc(storeClaims.id))
    .limit(limit);
}

/**
 * Marks a pending claim verified by the checker. True when this call made it verified; false when
 * it was no longer pending (revoked meanwhile, or verified by another worker): only a true answer
 * should refresh the store's positions.
 */
export async function markClaimVerified(db: Database, claimId: number, method: VerificationMethod): Promise<boolean> {
  const rows = await db
    .update(storeClaims)
    .set({
      status: 'verified',
      verifiedBy: method,
      verifiedAt: sql`now()`,
      lastCheckedAt: sql`now()`,
      lastCheckError: null,
      checkRequestedAt: null,
    })
    .where(and(eq(storeClaims.id, claimId), eq(storeClaims.status, 'pending')))
    .returning({ id: storeClaims.id });
  return rows.length > 0;
}

/**
 * Records a failed check: the claim stays pending, waits for its owner to ask again, and keeps why
 * (cut to MAX_CHECK_ERROR_LENGTH characters).
 */
export async function markClaimCheckFailed(db: Database, claimId: number, message: string): Promise<void> {
  const text = message.length > MAX_CHECK_ERROR_LENGTH ? `${message.slice(0, MAX_CHECK_ERROR_LENGTH - 1)}…` : message;
  await db
    .update(storeClaims)
    .set({ lastCheckedAt: sql`now()`, lastCheckError: text, checkRequestedAt: null })
    .where(and(eq(storeClaims.id, claimId), eq(storeClaims.status, 'pending')));
}

// --- For administrators ------------------------------------------------------------------------

export type GrantClaimInput = { storeId: string } & ({ accountId: number; accountEmail?: never } | { accountEmail: string; accountId?: never });

/**
 * Grants the store to the account: creates the claim or turns an existing one (of any status)
 * into granted, verified_by 'admin'. Throws NotFoundError for an unknown account or store. The
 * caller refreshes the store's positions (db/queries/retailers/positions.ts).
 */
export async function grantClaim(db: Database, input: GrantClaimInput): Promise<StoreClaim> {
  let accountId: number;
  if (input.accountId !== undefined) {
    const [row] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, input.accountId));
    if (!row) throw new NotFoundError('account', input.accountId);
    accountId = row.id;
  } else {
    const email = input.accountEmail.trim().toLowerCase();
    const [row] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.email, email));
    if (!row) throw new NotFoundError('account', email);
    accountId = row.id;
  }
  await assertStoreExists(db, input.storeId);
  const granted = { status: 'granted' as const, verifiedBy: 'admin', verifiedAt: sql`now()`, checkRequestedAt: null, lastCheckError: null };
  const [claim] = await db
    .insert(storeClaims)
    .values({ accountId, storeId: input.storeId, verificationToken: newVerificationToken(), ...granted })
    .onConflictDoUpdate({ target: [storeClaims.accountId, storeClaims.storeId], set: granted })
    .returning();
  return claim;
}

export interface RevokedClaim {
  claim: StoreClaim;
  /** Another account still holds a verified or granted claim on the store: keep its positions. */
  storeStillClaimed: boolean;
}

/**
 * Revokes a claim: the account no longer sees the store. Undefined for an unknown claim. When
 * `storeStillClaimed` is false, the caller may drop the store's positions.
 */
export async function revokeClaim(db: Database, claimId: number): Promise<RevokedClaim | undefined> {
  const [claim] = await db
    .update(storeClaims)
    .set({ status: 'revoked', checkRequestedAt: null })
    .where(eq(storeClaims.id, claimId))
    .returning();
  if (!claim) return undefined;
  const others = await db
    .select({ id: storeClaims.id })
    .from(storeClaims)
    .where(and(eq(storeClaims.storeId, claim.storeId), inArray(storeClaims.status, [...GRANTING_STATUSES])))
    .limit(1);
  return { claim, storeStillClaimed: others.length > 0 };
}

export interface ListAllClaimsOptions {
  status?: ClaimStatus;
  /** Most rows (default 200, at most 1000). */
  limit?: number;
}

/** Every account's claims, newest first, with the account's email and the store's name. */
export async function listAllClaims(db: Database, options: ListAllClaimsOptions = {}): Promise<ClaimWithAccount[]> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 200), 1), 1000);
  const rows = await db
    .select({ ...withStore, accountEmail: accounts.email })
    .from(storeClaims)
    .innerJoin(stores, eq(stores.id, storeClaims.storeId))
    .innerJoin(accounts, eq(accounts.id, storeClaims.accountId))
    .where(options.status ? eq(storeClaims.status, options.status) : undefined)
    .orderBy(desc(storeClaims.createdAt), desc(storeClaims.id))
    .limit(limit);
  return rows.map(flatten);
}
