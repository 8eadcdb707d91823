// Product identifiers: GTIN-8/12/13/14 (EAN, UPC) and ISBN-10/13, validated by check digit and
// normalised to GTIN-14, the form Tulna stores and matches on. Pure: text in, value out.
import { gtinCheckDigit, isValidGtin, toGtin14 } from '../../domain/gtin.ts';

/** True when a 10-character ISBN ("030640615X") carries a correct mod-11 check digit. */
export function isValidIsbn10(text: string): boolean {
  if (!/^\d{9}[\dX]$/.test(text)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i += 1) {
    const c = text[i];
    sum += (c === 'X' ? 10 : Number(c)) * (10 - i);
  }
  return sum % 11 === 0;
}

/** ISBN-10 → its GTIN-13 (978 prefix, new check digit). Assumes a valid ISBN-10. */
export function isbn10ToGtin13(isbn10: string): string {
  const body = `978${isbn10.slice(0, 9)}`;
  return body + String(gtinCheckDigit(body));
}

/** Strips the separators people write into codes: spaces, hyphens, dots; and an "ISBN"/"EAN" prefix. */
function compact(text: string): string {
  return text
    .trim()
    .replace(/^(?:isbn(?:-1[03])?|ean(?:-?1[34])?|gtin(?:-?(?:8|12|13|14))?|upc(?:-?a)?)\s*[:#]?\s*/i, '')
    .replace(/[\s\u00a0.-]/g, '')
    .toUpperCase();
}

/**
 * Validates a GTIN/EAN/UPC/ISBN and returns it as 14 digits (left-padded with zeros), or null when the
 * text is not a valid code. Accepts numbers too (JSON-LD often carries `"gtin13": 4006381333931`).
 */
export function normaliseGtin(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value <= 0) return null;
    value = String(value);
  }
  if (typeof value !== 'string' || value.length > 40) return null;
  const code = compact(value);
  if (code.length === 10 && isValidIsbn10(code)) return toGtin14(isbn10ToGtin13(code));
  if (!/^\d+$/.test(code)) return null;
  // Leading zeros may have been dropped by a number-typed field: try the lengths the code can stand for.
  if (code.length > 14) return null;
  const padded = toGtin14(code);
  if (isValidGtin(code) || (code.length < 14 && code.length > 8 && isValidGtin(padded))) return padded;
  return null;
}
