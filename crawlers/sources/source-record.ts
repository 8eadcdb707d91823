// A record of a structured source (already validated and mapped to plain fields) → the
// ListingReading storage keeps, through the same price sanity checks and mapping (toListingReading) as pages.
import { compareDecimal, parseMachineDecimal } from '../../domain/decimal.ts';
import { checkPrice, isValidPrice, isValidShippingCost, toMoneyScale } from '../../domain/price.ts';
import { toListingReading } from '../normalise/listing-reading.ts';
import type { SourceRecordErrorKind } from './types.ts';
import type { DeliveryPromise } from '../../domain/delivery.ts';
import type { ListingReading } from '../../domain/listing.ts';

/**
 * What a source record gives, already mapped to plain fields: the reading's own fields before
 * normalising. The GTIN is validated here by check digit (an invalid code is dropped, not fatal);
 * prices are machine-written numbers ("19.99", "2.5e3"), and ones that are no valid price
 * (domain/price.ts) are refused here.
 */
export type SourceRecord = Pick<ListingReading, 'url' | 'title' | 'price' | 'currency' | 'availability'> &
  Partial<Pick<ListingReading, 'brand' | 'sku' | 'gtin' | 'mpn' | 'image' | 'category' | 'listPrice' | 'shippingCost' | 'condition'>> & {
    /** Delivery days as the source states them (a feed's handling plus transit times). */
    delivery?: DeliveryPromise | null;
  };

export type SourceReadingResult =
  | { ok: true; reading: ListingReading }
  | { ok: false; kind: SourceRecordErrorKind; message: string };

// Amounts are machine-written, read whole by parseMachineDecimal ("007.50" → "7.50", "2.5e3" → "2500";
// "12abc" and "1,299" are refused). Sources hand them over in this form (a feed's display-style amounts are
// read in its own parser), so no display-text guessing happens here; negative ones stay negative for the check.

/** A valid amount of the record at the money columns' scale, or null; `valid` is the rule it must meet. */
function optionalAmount(value: string | null | undefined, valid: (amount: string) => boolean): string | null {
  if (value == null) return null;
  const read = parseMachineDecimal(value);
  if (!read.ok || !valid(read.value)) return null;
  return /[1-9]/.test(read.value) ? toMoneyScale(read.value) : '0'; // free shipping is a real cost of zero
}

/** `source` names the source kind in messages and in the reading's `extractedBy`. */
export function toSourceReading(record: SourceRecord, source: string): SourceReadingResult {
  const read = record.price == null ? null : parseMachineDecimal(record.price);
  if (!read?.ok) {
    const why = read ? read.reason : 'found none';
    return { ok: false, kind: 'source_no_price', message: `${source} record ${record.url} has no readable price: ${why}` };
  }
  const check = checkPrice(read.value);
  if (!check.ok) return { ok: false, kind: 'source_absurd_price', message: `${source} record ${record.url}: ${check.reason}` };
  const price = toMoneyScale(read.value);
  const list = optionalAmount(record.listPrice, isValidPrice);
  // A "was" price only means something above the price (stores often repeat the price there).
  const listPrice = list !== null && compareDecimal(list, price) > 0 ? list : null;
  const reading = toListingReading(
    { ...record, price, listPrice, shippingCost: optionalAmount(record.shippingCost, isValidShippingCost) },
    { extractedBy: source },
  );
  return { ok: true, reading };
}

/** A zod error as one line: "variants.0.price: Required; title: Expected string". */
export function describeIssues(error: { issues: { path: (string | number)[]; message: string }[] }): string {
  return error.issues
    .slice(0, 4)
    .map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`)
    .join('; ');
}
