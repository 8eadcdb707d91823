// One record of a product feed as read from its XML item or its TSV/CSV row, before mapping:
// attribute values by their Merchant/Meta names, shipping entries apart. Both the XML and the
// delimited readers produce these; parse.ts maps them onto listings.
import type { SourceDocumentErrorKind } from '../types.ts';

/** The Google Merchant namespace: fields are read under whatever prefix the feed binds to it. */
export const MERCHANT_NAMESPACE = 'http://base.google.com/ns/1.0';

/** Largest single record read (a product, not a catalogue), in characters. */
export const MAX_RECORD_CHARS = 256 * 1024;

/** One g:shipping entry (or "IN::Standard:49 INR" text): its sub-attributes by name. */
export type FeedShipping = Partial<Record<ShippingPart, string>>;

export const SHIPPING_PARTS = [
  'country',
  'region',
  'service',
  'price',
  'min_handling_time',
  'max_handling_time',
  'min_transit_time',
  'max_transit_time',
] as const;
export type ShippingPart = (typeof SHIPPING_PARTS)[number];

export interface FeedRecord {
  /** 1-based position of the record in the feed. */
  number: number;
  /** Attribute values by lower-case name without prefix ("id", "price", "sale_price", "image_link"); the first value wins. */
  fields: Map<string, string>;
  shipping: FeedShipping[];
  /** Why the record could not be read whole (malformed markup, a row with the wrong number of fields). */
  error?: string;
}

/**
 * What a record reader gives: a record, or the failure that ends the document (not a feed, cut
 * off mid-record). Records before a failure still count; the read is then incomplete.
 */
export type FeedItem =
  | { kind: 'record'; record: FeedRecord }
  /** `errorKind`: why, for the document error (default 'source_parse'; the fetch's own kind when the body failed). */
  | { kind: 'failure'; message: string; retryable: boolean; errorKind?: SourceDocumentErrorKind };

/** "g:Sale Price", "sale_price", " SALE-PRICE " → "sale_price". */
export function fieldName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/^g:/, '')
    .replace(/[\s-]+/g, '_');
}

/**
 * A shipping entry in text form, as TSV/CSV feeds and some XML feeds write it:
 * "country:region:service:price[:min_handling:max_handling:min_transit:max_transit]"
 * ("IN::Standard:49 INR", "US:CA:Overnight:16.00 USD:1:1:2:3"). `parts` names the positions when the
 * header says so ("shipping(country:price)").
 */
export function parseShippingText(text: string, parts: readonly string[] = SHIPPING_PARTS): FeedShipping[] {
  // Several entries are separated by commas, which prices may contain too ("1,299.00 INR"):
  // a new entry starts where a country code and a colon follow the comma.
  return text
    .split(/,(?=\s*[A-Za-z]{2}\s*:)/)
    .map((entry) => {
      const values = entry.split(':');
      const shipping: FeedShipping = {};
      parts.forEach((part, i) => {
        const value = values[i]?.trim();
        if (value && (SHIPPING_PARTS as readonly string[]).includes(part)) shipping[part as ShippingPart] = value;
      });
      return shipping;
    })
    .filter((entry) => Object.keys(entry).length > 0);
}
