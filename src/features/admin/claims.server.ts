// The administrator's store claims: every claim with its account and store, grant a store to an
// account (positions computed at once, so the dashboard fills), revoke a claim.
import { z } from 'zod';
import { NotFoundError, grantClaim, listAllClaims, revokeClaim } from '../../../db/queries/retailers/claims.ts';
import { dropStorePositions, refreshStorePositions } from '../../../db/queries/retailers/positions.ts';
import { listStores } from '../../../db/queries/stores.ts';
import { getDb } from '../../lib/context.server.ts';

const claimActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('grant'), email: z.string().trim().toLowerCase().email('expected the account\'s email').max(254), store: z.string().trim().min(1).max(100) }),
  z.object({ action: z.literal('revoke'), claim: z.string().regex(/^\d{1,15}$/, 'expected a claim id').transform(Number) }),
]);

export type ClaimAction = z.output<typeof claimActionSchema>;

export function parseClaimAction(form: FormData): { ok: true; value: ClaimAction } | { ok: false; message: string } {
  const parsed = claimActionSchema.safeParse({ action: form.get('action'), email: form.get('email') ?? undefined, store: form.get('store') ?? undefined, claim: form.get('claim') ?? undefined });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'invalid form' };
  return { ok: true, value: parsed.data };
}

export async function adminClaimsData() {
  const db = await getDb();
  const [claims, stores] = await Promise.all([listAllClaims(db, { limit: 200 }), listStores(db)]);
  return { claims, stores: stores.map((store) => ({ id: store.id, name: store.name })) };
}

/** What happened, in words for the page; `ok` false when the account or store is unknown. */
export async function applyClaimAction(action: ClaimAction): Promise<{ ok: boolean; message: string }> {
  const db = await getDb();
  try {
    if (action.action === 'grant') {
      await grantClaim(db, { accountEmail: action.email, storeId: action.store });
      await refreshStorePositions(db, action.store);
      return { ok: true, message: `Store ${action.store} granted to ${action.email}.` };
    }
    const revoked = await revokeClaim(db, action.claim);
    if (revoked && !revoked.storeStillClaimed) await dropStorePositions(db, revoked.claim.storeId);
    return revoked ? { ok: true, message: `Claim ${action.claim} revoked.` } : { ok: false, message: `No claim ${action.claim}.` };
  } catch (error) {
    if (error instanceof NotFoundError) return { ok: false, message: error.message };
    throw error;
  }
}
