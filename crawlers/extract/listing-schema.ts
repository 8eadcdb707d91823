// The boundary check on what extraction hands downstream: scraped values are untrusted, so the finished
// listing is validated against the contract (types.ts) before it leaves the extractor.
import { z } from 'zod';
import { AVAILABILITY } from '../../db/schema.ts';

const decimal = z.string().regex(/^\d{1,14}(?:\.\d{1,8})?$/, 'must be a decimal string such as "1234.50"');
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
    price: decimal.nullable(),
    listPrice: decimal.nullable(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code').nullable(),
    currencyText: z.string().max(40).nullable(),
    shippingCost: decimal.nullable(),
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
