// GS1 check digits for the demo catalogue's barcodes.
// https://www.gs1.org/services/how-calculate-check-digit-manually

/** The check digit for the first 12 digits of a GTIN-13 (or any GTIN body without its last digit). */
export function gtinCheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new TypeError(`gtinCheckDigit expected digits only, found "${body}"`);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = Number(body[body.length - 1 - i]);
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when `code` is 8, 12, 13 or 14 digits with a correct check digit. */
export function isValidGtin(code: string): boolean {
  if (!/^(\d{8}|\d{12,14})$/.test(code)) return false;
  return gtinCheckDigit(code.slice(0, -1)) === Number(code[code.length - 1]);
}

/** A GTIN-13 from a company prefix and an item number, padded to 12 digits, plus its check digit. */
export function makeGtin13(prefix: string, item: number): string {
  const body = (prefix + String(item).padStart(12 - prefix.length, '0')).slice(0, 12);
  if (body.length !== 12) throw new TypeError(`makeGtin13 expected a prefix of at most 11 digits, found "${prefix}"`);
  return body + gtinCheckDigit(body);
}
