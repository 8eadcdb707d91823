// The boundary check on what extraction hands downstream: scraped values are untrusted, so the finished
// listing is validated against the contract (types.ts) before it leaves the extractor.
import { z } from 'zod';
import { checkPrice, checkShippingCost, MONEY_SCALE, type MoneyCheck } from '../../domain/price.ts';
import { AVAILABILITY } from '../../domain/availability.ts';

/** An amount the money columns hold as it is: valid by `check` (domain/price.ts), at most MONEY_SCALE decimals. */
const money = (check: (amount: string) => MoneyCheck) =>
  z.string().superRefine((amount, ctx) => {
    const checked = check(amount);
    if (!checked.ok) ctx.addIssue({ code: z.ZodIssueCode.custom, message: checked.reason });
    else if ((amount.split('.')[1]?.length ?? 0) > MONEY_SCALE) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expected at most ${MONEY_SCALE} decimals, found "${amount}"` });
  });
const source = z.enum(['jsonld', 'microdata', 'opengraph', 'selectors', 'generic']);

export const extractedListingSchema = z
  .object({
    url: z.string(),
    title: z.string().max(500),
    brand: z.string().max(200).nullable(),
    sku: z.string().max(200).nullable(),
    gtin: z.string().regex(/^\d{14}$/, 'must be a GTIN-14').nullable(),
    mpn: z.string().max(200).nullable(),
    image: z.string().max(2_000).nullable(),
    category: z.string().max(500).nullable(),
    price: money(checkPrice).nullable(),
    listPrice: money(checkPrice).nullable(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code').nullable(),
    currencyText: z.string().max(40).nullable(),
    shippingCost: money(checkShippingCost).nullable(),
    delivery: z
      .object({
        minDays: z.number().int().min(0).max(400).nullable(),
        maxDays: z.number().int().min(0).max(400).nullable(),
        text: z.string().max(300).nullable(),
        free: z.boolean(),
      })
      .nullable(),
    availability: z.enum(AVAILABILITY),
    seller: z.string().max(300).nullable(),
    source,
    fieldSources: z.record(source),
  })
  .strict();
