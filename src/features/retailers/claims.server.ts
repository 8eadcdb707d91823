// The "My stores" page's reads and actions: the account's claims, a new claim, a check request.
// Every action takes the account and touches only its own claims.
import { NotFoundError, createClaim, listClaimsOf, requestClaimCheck } from '../../../db/queries/retailers/claims.ts';
import { listStores } from '../../../db/queries/stores.ts';
import { getDb } from '../../lib/context.server.ts';
import type { AccountRef } from './retailer.server.ts';

/** Where the token goes: a file under /.well-known/ or a meta tag on the home page. */
export const VERIFICATION_FILE = '/.well-known/tulna-verification.txt';
export const VERIFICATION_META = 'tulna-verification';

export async function claimsPageData(account: AccountRef) {
  const db = await getDb();
  const [claims, stores] = await Promise.all([listClaimsOf(db, account.id), listStores(db)]);
  const claimed = new Set(claims.map((claim) => claim.storeId));
  return { claims, claimable: stores.filter((store) => !claimed.has(store.id)).map((store) => ({ id: store.id, name: store.name, baseUrl: store.baseUrl })) };
}

/** A new (or re-opened) claim; false for a store we do not know. */
export async function claimStore(account: AccountRef, storeId: string): Promise<boolean> {
  try {
    await createClaim(await getDb(), account.id, storeId);
    return true;
  } catch (error) {
    if (error instanceof NotFoundError) return false;
    throw error;
  }
}

/** Asks the claim checker to look for the token soon; false when the claim is not this account's pending one. */
export async function askForCheck(account: AccountRef, claimId: number): Promise<boolean> {
  return requestClaimCheck(await getDb(), account.id, claimId);
}
