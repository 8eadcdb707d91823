// Barcodes as typed or scanned: EAN-8, UPC-A (12), EAN-13 and GTIN-14, validated by check digit
// and normalised to GTIN-14 (left-padded with zeros), the form the catalogue stores.

export type GtinCheck =
  | { ok: true; gtin14: string }
  | { ok: false; reason: string };

const LENGTHS = new Set([8, 12, 13, 14]);

/** GS1 check digit of the digits before it (mod 10, weights 3 and 1 from the right). */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = body.length - 1, weight = 3; i >= 0; i--, weight = weight === 3 ? 1 : 3) {
    sum += Number(body[i]) * weight;
  }
  return (10 - (sum % 10)) % 10;
}

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
  return { ok: true, gtin14: code.padStart(14, '0') };
}
