// The follow form, as a visitor sends it: every field checked (zod), nothing trusted.
import { z } from 'zod';
import { FOLLOW_KINDS } from '../../../db/alerts-schema.ts';
import { parseMachineDecimal } from '../../../domain/decimal.ts';
import { isValidPrice } from '../../../domain/price.ts';

const optionalNumber = (min: number, max: number, what: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z.coerce.number({ invalid_type_error: `${what} must be a whole number` }).int(`${what} must be a whole number`).min(min, `${what} must be at least ${min}`).max(max, `${what} must be at most ${max}`).optional(),
  );

/** An address as mail servers accept it: one @, a dotted domain, no spaces or control characters, at most 254 characters. */
const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'the email address is too long')
  .regex(/^[^\s@<>()[\]\\,;:"\u0000-\u001f\u007f]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'enter an email address such as you@example.com');

const webhookSchema = z
  .string()
  .trim()
  .max(500, 'the webhook address is too long')
  .transform((raw, ctx) => {
    if (raw === '') return null;
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'the webhook must be a full address such as https://example.com/hooks/tulna' });
      return z.NEVER;
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'the webhook must be an http(s) address without a user name or password' });
      return z.NEVER;
    }
    // Private and loopback addresses are refused when it is called (crawlers/alerts/dispatch.ts).
    return url.toString();
  });

export const followRequestSchema = z
  .object({
    product: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    email: emailSchema,
    kind: z.enum(FOLLOW_KINDS, { errorMap: () => ({ message: 'choose what to be told about' }) }),
    target: z.string().trim().max(20).optional(),
    min_drop: optionalNumber(1, 90, 'The smallest drop'),
    within_days: optionalNumber(0, 60, 'Delivery days'),
    store: z.string().trim().max(100).regex(/^[a-z0-9-]*$/, 'unknown store').optional(),
    webhook: webhookSchema.optional(),
  })
  .transform((form, ctx) => {
    let targetPrice: string | null = null;
    if (form.kind === 'target') {
      const parsed = form.target ? parseMachineDecimal(form.target.replace(/[,\s₹€$]/g, '')) : null;
      if (!parsed?.ok || !isValidPrice(parsed.value)) {
        ctx.addIssue({ code: 'custom', path: ['target'], message: 'enter the price you want to pay, such as 14999' });
        return z.NEVER;
      }
      targetPrice = parsed.value;
    }
    return {
      productId: form.product,
      email: form.email,
      kind: form.kind,
      targetPrice,
      minDropPercent: form.kind === 'drop' ? (form.min_drop ?? null) : null,
      maxDeliveryDays: form.within_days ?? null,
      storeIds: form.store ? [form.store] : [],
      webhookUrl: form.webhook ?? null,
    };
  });

export type FollowRequest = z.output<typeof followRequestSchema>;
