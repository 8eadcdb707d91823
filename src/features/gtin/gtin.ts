// Barcodes as typed or scanned: EAN-8, UPC-A (12), EAN-13 and GTIN-14, validated by check digit
// and normalised to GTIN-14 (left-padded with zeros), the form the catalogue stores.

export type GtinCheck =
  | { ok: true; gtin14: string }
  | { ok: false; reason: string };

import { gtinCheckDigit, toGtin14 } from '../../../domain/gtin.ts';

const LENGTHS = new Set([8, 12, 13, 14]);

/** Validates a barcode (spaces and dashes ignored) and returns its GTIN-14, or why it is not one. */
export function parseGtin(input: string): GtinCheck {
  const code = input.replace(/[\s-]/g, '');
  if (code.length === 0) return { ok: false, reason: 'Enter the digits under the barcode.' };
  if (code.length > 64) return { ok: false, reason: 'That is too long for a barcode.' };
  if (!/^\d+$/.test(code)) return { ok: false, reason: 'A barcode has digits only.' };
  if (!LENGTHS.has(code.length)) {
    return { ok: false, reason: `A barcode has 8, 12, 13 or 14 digits; this one has ${code.length}.` };
  }
  const expected = gtinCheckDigit(code.slice(0, -1));
  if (Number(code[code.length - 1]) !== expected) {
    return { ok: false, reason: `The last digit should be ${expected}: please check the number.` };
  }
  return { ok: true, gtin14: toGtin14(code) };
}
