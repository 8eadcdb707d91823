// The "My stores" form: claim a store, or ask for its token to be checked now.
import { z } from 'zod';

const claimFormSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('claim'), store: z.string().trim().min(1, 'choose a store').max(100) }),
  z.object({ action: z.literal('check'), claim: z.string().regex(/^\d{1,15}$/, 'expected a claim id').transform(Number) }),
]);

export type ClaimForm = z.output<typeof claimFormSchema>;

export function parseClaimForm(form: FormData): { ok: true; value: ClaimForm } | { ok: false; message: string } {
  const parsed = claimFormSchema.safeParse({ action: form.get('action'), store: form.get('store') ?? undefined, claim: form.get('claim') ?? undefined });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'invalid form' };
  return { ok: true, value: parsed.data };
}
