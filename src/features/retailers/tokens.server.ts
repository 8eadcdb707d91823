// The API tokens page: create (the token is shown once, then only its last four characters),
// list and revoke, each only for the signed-in account.
import { z } from 'zod';
import { createApiToken, listApiTokens, revokeApiToken } from '../../../db/queries/accounts/api-tokens.ts';
import { getDb } from '../../lib/context.server.ts';
import type { AccountRef } from './retailer.server.ts';

/** Enough for any honest use; a cap so a script cannot fill the table. */
export const MAX_LIVE_TOKENS = 20;

const tokenFormSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('create'), name: z.string().trim().min(1, 'name the token').max(80) }),
  z.object({ action: z.literal('revoke'), token: z.string().regex(/^\d{1,15}$/, 'expected a token id').transform(Number) }),
]);

export type TokenForm = z.output<typeof tokenFormSchema>;

export function parseTokenForm(form: FormData): { ok: true; value: TokenForm } | { ok: false; message: string } {
  const parsed = tokenFormSchema.safeParse({ action: form.get('action'), name: form.get('name') ?? undefined, token: form.get('token') ?? undefined });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'invalid form' };
  return { ok: true, value: parsed.data };
}

export async function tokensOf(account: AccountRef) {
  return listApiTokens(await getDb(), account.id);
}

/** The new token in full (shown once), or null when the account already has the most it may. */
export async function newToken(account: AccountRef, name: string): Promise<string | null> {
  const db = await getDb();
  const live = (await listApiTokens(db, account.id)).filter((token) => token.revokedAt === null);
  if (live.length >= MAX_LIVE_TOKENS) return null;
  const created = await createApiToken(db, account.id, name);
  return typeof created === 'string' ? created : created.token;
}

/** False when the token is not this account's (or already revoked). */
export async function revokeToken(account: AccountRef, tokenId: number): Promise<boolean> {
  return revokeApiToken(await getDb(), account.id, tokenId);
}
