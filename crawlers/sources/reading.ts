// A record of a structured source (already validated and mapped to plain fields) → the
// ListingReading storage keeps, through the same normalisers and price sanity checks as pages.
import type { ListingReading } from '../../db/queries/listings.ts';
import { compareAmounts, isSaneAmount } from '../extract/amount.ts';
import { capField } from '../normalise/field-caps.ts';
import { normaliseGtin } from '../normalise/identifiers.ts';
import type { SourceRecordErrorKind } from './types.ts';

/**
 * What a source record gives, already mapped to plain fields: the reading's own fields before
 * normalising. The GTIN is validated here by check digit (an invalid code is dropped, not fatal);
 * prices are machine-written decimals ("19.99"), and zero or negative ones are refused here.
 */
export type SourceRecord = Pick<ListingReading, 'url' | 'title' | 'price' | 'currency' | 'availability'> &
  Partial<Pick<ListingReading, 'brand' | 'sku' | 'gtin' | 'mpn' | 'image' | 'category' | 'listPrice' | 'shippingCost'>>;

export type SourceReadingResult =
  | { ok: true; reading: ListingReading }
  | { ok: false; kind: SourceRecordErrorKind; message: string };

const MACHINE_DECIMAL = /^-?\d{1,15}(?:\.\d{1,8})?$/;

/**
 * A machine-written amount ("19.99", "-5", "007.50" → "7.50"), or undefined. Sources hand over
 * amounts already in this form (a feed's display-style amounts are read in its own parser), so
 * no display-text guessing happens here; negative amounts stay negative for the sanity check.
 */
export function machineAmount(value: string | null | undefined): string | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (!MACHINE_DECIMAL.test(text)) return undefined;
  return text.replace(/^(-?)0+(?=\d)/, '$1');
}

/** "0" or a sane amount, for shipping (free shipping is a real cost of zero). */
function shippingAmount(value: string | null | undefined): string | null {
  if (value == null) return null;
  const amount = machineAmount(value);
  if (amount === undefined) return null;
  return /^0+(?:\.0+)?$/.test(amount) ? '0' : isSaneAmount(amount) ? amount : null;
}

/** `source` names the source kind in messages and in the reading's `extractedBy`. */
export function toSourceReading(record: SourceRecord, source: string): SourceReadingResult {
  const price = record.price == null ? undefined : machineAmount(record.price);
  if (price === undefined) {
    return { ok: false, kind: 'source_no_price', message: `${source} record ${record.url} has no readable price (found ${JSON.stringify(record.price)})` };
  }
  if (!isSaneAmount(price)) {
    return { ok: false, kind: 'source_absurd_price', message: `${source} record ${record.url}: expected a price between 0 and 10^9, found ${price}` };
  }
  const list = record.listPrice == null ? undefined : machineAmount(record.listPrice);
  // A "was" price only means something above the price (stores often repeat the price there).
  const listPrice = list !== undefined && isSaneAmount(list) && compareAmounts(list, price) > 0 ? list : null;
  return {
    ok: true,
    reading: {
      url: record.url,
      title: capField('title', record.title) ?? record.url,
      sku: capField('sku', record.sku),
      brand: capField('brand', record.brand),
      gtin: normaliseGtin(record.gtin ?? null),
      mpn: capField('mpn', record.mpn),
      image: capField('image', record.image),
      category: capField('category', record.category),
      price,
      listPrice,
      currency: record.currency,
      shippingCost: shippingAmount(record.shippingCost),
      deliveryMinDays: null,
      deliveryMaxDays: null,
      deliveryText: null,
      availability: record.availability,
      seller: null,
      extractedBy: source,
      etag: null,
      lastModified: null,
    },
  };
}

/** A zod error as one line: "variants.0.price: Required; title: Expected string". */
export function describeIssues(error: { issues: { path: (string | number)[]; message: string }[] }): string {
  return error.issues
    .slice(0, 4)
    .map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`)
    .join('; ');
}
