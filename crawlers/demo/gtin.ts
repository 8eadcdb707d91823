// GS1 check digits for the demo catalogue's barcodes.
import { gtinCheckDigit } from '../../domain/gtin.ts';

/** A GTIN-13 from a company prefix and an item number, padded to 12 digits, plus its check digit. */
export function makeGtin13(prefix: string, item: number): string {
  const body = (prefix + String(item).padStart(12 - prefix.length, '0')).slice(0, 12);
  if (body.length !== 12) throw new TypeError(`makeGtin13 expected a prefix of at most 11 digits, found "${prefix}"`);
  return body + gtinCheckDigit(body);
}
