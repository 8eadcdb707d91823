// GTINs (EAN-8, UPC-A, EAN-13, GTIN-14) as Tulna stores them: check digit verified, 14 digits.
// Shared by the crawlers (reading pages), the site (typed and scanned barcodes) and the demo stores.
// Pure, and imports nothing.
// https://www.gs1.org/services/how-calculate-check-digit-manually

/** GS1 mod-10 check digit of the digits before it: weights 3,1,3,1… from the right. */
export function gtinCheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new TypeError(`gtinCheckDigit expected digits only, found "${body}"`);
  let sum = 0;
  for (let i = body.length - 1, weight = 3; i >= 0; i -= 1, weight = 4 - weight) {
    sum += (body.charCodeAt(i) - 48) * weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when `code` is 8, 12, 13 or 14 digits (not all zeros) with a correct check digit. */
export function isValidGtin(code: string): boolean {
  if (!/^(?:\d{8}|\d{12,14})$/.test(code) || /^0+$/.test(code)) return false;
  return gtinCheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

/** The stored form: a valid GTIN left-padded with zeros to 14 digits. */
export function toGtin14(code: string): string {
  return code.padStart(14, '0');
}

/**
 * A stored GTIN-14 as printed under its barcode: EAN-8, UPC-A (12 digits), EAN-13, or all 14 when
 * the packaging indicator is set ("00012345678905" → "012345678905").
 */
export function shownGtin(gtin14: string): string {
  if (!/^\d{14}$/.test(gtin14)) return gtin14;
  if (gtin14.startsWith('000000')) return gtin14.slice(6);
  if (gtin14.startsWith('00')) return gtin14.slice(2);
  if (gtin14.startsWith('0')) return gtin14.slice(1);
  return gtin14;
}
