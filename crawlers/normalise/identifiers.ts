// Product identifiers: GTIN-8/12/13/14 (EAN, UPC) and ISBN-10/13, validated by check digit and
// normalised to GTIN-14, the form Tulna stores and matches on. Pure: text in, value out.

/** GS1 mod-10 check: weights 3,1,3,1… from the right, excluding the check digit. */
function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = body.length - 1, weight = 3; i >= 0; i -= 1, weight = 4 - weight) {
    sum += (body.charCodeAt(i) - 48) * weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when `digits` (8, 12, 13 or 14 digits) carries a correct GS1 check digit. */
export function isValidGtin(digits: string): boolean {
  if (!/^(?:\d{8}|\d{12,14})$/.test(digits)) return false;
  if (/^0+$/.test(digits)) return false;
  const body = digits.slice(0, -1);
  return gs1CheckDigit(body) === digits.charCodeAt(digits.length - 1) - 48;
}

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
  return body + String(gs1CheckDigit(body));
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
  if (code.length === 10 && isValidIsbn10(code)) return isbn10ToGtin13(code).padStart(14, '0');
  if (!/^\d+$/.test(code)) return null;
  // Leading zeros may have been dropped by a number-typed field: try the lengths the code can stand for.
  if (code.length > 14) return null;
  const padded = code.padStart(14, '0');
  if (isValidGtin(code) || (code.length < 14 && code.length > 8 && isValidGtin(padded))) return padded;
  return null;
}
