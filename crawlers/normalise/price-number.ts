// One number as shops write it ("1.234,56", "1 299", "1'049.95", "12,34,567", "12€50") → an exact decimal.
// Pure; decimals never pass through floats. The choice among the numbers of a text is in price.ts.
import { compareDecimal, trimLeadingZeros } from '../../domain/decimal.ts';

/** An exact decimal: integer digits without leading zeros ("0" at least), fraction digits as written. */
export type Decimal = { int: string; frac: string };

/** What is known about how the source writes numbers. */
export interface NumberContext {
  /** Known decimal separator ("." / "," / "€"); the others are then grouping. Null: guessed. */
  decimalSeparator: string | null;
  /** Digits of the currency's minor unit (2 for EUR, 0 for JPY, 3 for KWD), or null when the currency is unknown. */
  minorDigits: number | null;
  /** The mark before a three-digit minor unit ("KD 1.250", "12,500 DT"), or null. */
  minorMark: '.' | ',' | null;
  /** True when a colon before two digits is the decimal mark: Swedish prices ("29:90 kr", "1 299:-"). */
  colonDecimal: boolean;
}

// Digits of other scripts (Arabic-Indic, Persian, Devanagari, Bengali, full-width), the Arabic decimal and
// thousands separators, and the full-width comma and full stop that go with full-width digits ("１，９８０円").
export const FOREIGN_DIGIT = /[\u0660-\u066c\u06f0-\u06f9\u0966-\u096f\u09e6-\u09ef\uff10-\uff19\uff0c\uff0e]/g;
/** Same-length replacement for FOREIGN_DIGIT, so offsets in the folded text are offsets in the original. */
export function asciiDigit(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code === 0x066b || code === 0xff0e) return '.';
  if (code === 0x066c || code === 0xff0c) return ',';
  for (const zero of [0x0660, 0x06f0, 0x0966, 0x09e6, 0xff10]) {
    if (code >= zero && code <= zero + 9) return String(code - zero);
  }
  return ch;
}

export const isDigit = (ch: string) => ch >= '0' && ch <= '9';
export const GROUP_SPACES = new Set([' ', '\u00a0', '\u202f', '\u2009', '\u2007', '\u2008']);
const GROUP_APOSTROPHES = new Set(["'", '\u2019', '\u02bc', '\u2032']);
/** Separator kinds as stored: ".", ",", " " (space grouping), "'" (apostrophe grouping), or the hinted decimal. */
const SPACE: string = ' ';
const APOSTROPHE: string = "'";

export interface NumberToken {
  start: number;
  end: number;
  groups: string[];
  seps: string[];
}

function digitsAt(s: string, i: number): number {
  let j = i;
  while (j < s.length && isDigit(s[j])) j += 1;
  return j;
}

/** A colon, two digits and no more digits: the öre of "29:90 kr" (not a time such as "02:15:30"). */
const COLON_CENTS = /:\d\d(?![\d:])/y;

/**
 * Reads the digit groups and separators of one number starting at the digit `start`. Spaces and apostrophes
 * join only thousands groups ("1 234 567"); "." "," (and a hinted separator) join anything; a separator
 * then a space joins a final one- or two-digit group ("1.837, 32").
 */
export function readNumber(s: string, start: number, ctx: NumberContext): NumberToken {
  const { decimalSeparator } = ctx;
  const extraSep = decimalSeparator && !isPoint(decimalSeparator) ? decimalSeparator : null;
  const euroDecimal = decimalSeparator === null;
  let first = start;
  const groups: string[] = [];
  const seps: string[] = [];
  // A leading decimal point: ".75", "$..75"; not "No.5".
  if (start > 0 && (s[start - 1] === '.' || s[start - 1] === ',')) {
    const sep = s[start - 1];
    let k = start - 1;
    while (k > 0 && s[k - 1] === sep) k -= 1;
    const before = k > 0 ? s[k - 1] : '';
    if (!before || !/[\p{L}\p{M}\d]/u.test(before)) {
      first = k;
      groups.push('');
      seps.push(sep);
    }
  }
  let end = digitsAt(s, start);
  groups.push(s.slice(start, end));
  for (;;) {
    const ch = s[end];
    if (ch === undefined) break;
    if (ch === '.' || ch === ',' || (extraSep !== null && ch === extraSep)) {
      let k = end + 1;
      while (s[k] === ch) k += 1; // "1..5" is a typo for "1.5"
      if (isDigit(s[k] ?? '')) {
        const next = digitsAt(s, k);
        seps.push(ch);
        groups.push(s.slice(k, next));
        end = next;
        continue;
      }
      if (GROUP_SPACES.has(s[k] ?? '') && isDigit(s[k + 1] ?? '')) {
        const next = digitsAt(s, k + 1);
        if (next - (k + 1) <= 2) {
          seps.push(ch);
          groups.push(s.slice(k + 1, next));
          end = next;
        }
      }
      break;
    }
    // "12€50", "35€ 99", "1 299€99": the French way of writing 12.50 €, after space grouping at most.
    if (ch === '€' && euroDecimal && seps.every((sep) => sep === SPACE || sep === APOSTROPHE)) {
      const from = GROUP_SPACES.has(s[end + 1] ?? '') ? end + 2 : end + 1;
      const next = digitsAt(s, from);
      if (next - from === 2) {
        seps.push('€');
        groups.push(s.slice(from, next));
        end = next;
      }
      break;
    }
    if (ch === ':' && ctx.colonDecimal && seps.every((sep) => sep === SPACE)) {
      COLON_CENTS.lastIndex = end;
      if (COLON_CENTS.test(s)) {
        seps.push(':');
        groups.push(s.slice(end + 1, end + 3));
        end += 3;
      }
      break;
    }
    const spaceLike = GROUP_SPACES.has(ch) ? SPACE : GROUP_APOSTROPHES.has(ch) ? APOSTROPHE : null;
    if (spaceLike && isDigit(s[end + 1] ?? '')) {
      const next = digitsAt(s, end + 1);
      const onlyGrouping = seps.every((sep) => sep === spaceLike) && groups[0].length <= 3 && groups[0] !== '';
      if (next - (end + 1) === 3 && onlyGrouping) {
        seps.push(spaceLike);
        groups.push(s.slice(end + 1, next));
        end = next;
        continue;
      }
    }
    break;
  }
  return { start: first, end, groups, seps };
}

const isPoint = (sep: string) => sep === '.' || sep === ',';

/** Which separator is the decimal one, without a hint: -1 when the number has none. */
function guessDecimalAt(groups: string[], seps: string[], minorMark: string | null): number {
  // A leading point counts only alone (".75"); before more separators it is noise ("$.750.30", ".75,333").
  const from = groups[0] === '' && seps.length > 1 ? 1 : 0;
  let last = -1;
  for (let i = seps.length - 1; i >= from; i -= 1) {
    if (isPoint(seps[i]) || seps[i] === '€' || seps[i] === ':') {
      last = i;
      break;
    }
  }
  if (last < 0) return -1;
  const sep = seps[last];
  if (sep === '€' || sep === ':') return last;
  const fracLen = groups[last + 1].length;
  const earlier = seps.slice(from, last);
  // "1.234,56", "1 234,56", "1'049,95": the last separator differs from the grouping before it.
  if (earlier.some((other) => other !== sep)) return last;
  if (earlier.some((other) => other === sep)) return fracLen === 3 ? -1 : last; // "1.144.000" / "1.234.56"
  if (fracLen !== 3) return last; // "12.5", "29.1583"
  const intGroups = groups.slice(from, last + 1);
  if (/^0*$/.test(intGroups.join(''))) return last; // "0.750", ".750": no thousands group starts with zero
  if (intGroups.some((g) => g.length > 3)) return last; // "1234.567"
  if (sep === minorMark) return last; // "KD 423.923", "12,500 DT"
  return -1; // "1.234 €", "12,000원": thousands
}

/** True when the groups read as thousands ("1,234,567") or Indian lakhs ("1,23,45,678"). */
function validGrouping(groups: string[], seps: string[]): boolean {
  if (seps.length === 0) return true;
  if (groups[0].length < 1 || groups[0].length > 3) return false;
  const rest = groups.slice(1);
  if (rest.every((g) => g.length === 3)) return new Set(seps).size === 1;
  const indian =
    seps.every((sep) => sep === ',') &&
    groups[0].length <= 2 &&
    rest[rest.length - 1].length === 3 &&
    rest.slice(0, -1).every((g) => g.length === 2);
  return indian;
}

/** Larger amounts are not prices (the database holds 14 integer digits); such digit runs are skipped. */
const MAX_INTEGER_DIGITS = 15;
const MAX_FRACTION_DIGITS = 24;

/**
 * "1.29999 Lei" is "1.299<sup>99</sup> Lei" with its tags gone: one separator, then a thousands group and
 * the cents run together. Read so only when the currency is known to have cents and the source does not say
 * that this separator is its decimal one; no real shop price has five decimals ("0,12345 €/kWh" starts with 0).
 */
function runTogetherCents(token: NumberToken, ctx: NumberContext): Decimal | null {
  const { groups, seps } = token;
  if (seps.length !== 1 || !isPoint(seps[0]) || seps[0] === ctx.decimalSeparator || !ctx.minorDigits) return null;
  if (!/^[1-9]\d{0,2}$/.test(groups[0]) || groups[1].length !== 3 + ctx.minorDigits) return null;
  return { int: groups[0] + groups[1].slice(0, 3), frac: groups[1].slice(3) };
}

/** The exact decimal a token stands for, or null when its separators make no sense as a number. */
export function interpret(token: NumberToken, ctx: NumberContext): Decimal | null {
  const cents = runTogetherCents(token, ctx);
  if (cents) return cents;
  const { groups, seps } = token;
  const { decimalSeparator } = ctx;
  const colonAt = seps.indexOf(':'); // read only where colons are decimal marks (readNumber)
  const decimalAt =
    colonAt >= 0
      ? colonAt
      : decimalSeparator
        ? seps.lastIndexOf(decimalSeparator)
        : guessDecimalAt(groups, seps, ctx.minorMark);
  let intGroups = decimalAt >= 0 ? groups.slice(0, decimalAt + 1) : groups.slice();
  let intSeps = decimalAt >= 0 ? seps.slice(0, decimalAt) : seps.slice();
  if (intGroups[0] === '' && intGroups.length > 1) {
    // A stray leading point that is not the decimal one (".750.30").
    intGroups = intGroups.slice(1);
    intSeps = intSeps.slice(1);
  }
  if (!decimalSeparator && !validGrouping(intGroups, intSeps)) return null;
  const frac = decimalAt >= 0 ? groups.slice(decimalAt + 1).join('') : '';
  const int = trimLeadingZeros(intGroups.join('')) || '0';
  if (int.length > MAX_INTEGER_DIGITS || frac.length > MAX_FRACTION_DIGITS) return null;
  return { int, frac };
}

/** Exact comparison of two decimals (domain/decimal.ts compareDecimal): negative when a < b. */
export function compareDecimals(a: Decimal, b: Decimal): number {
  return compareDecimal(formatDecimal(a), formatDecimal(b));
}

/** The decimal divided by 100: cents written with "¢" ("99¢" → 0.99). */
export function fromCents(d: Decimal): Decimal {
  const digits = d.int.padStart(3, '0');
  const int = trimLeadingZeros(digits.slice(0, -2));
  return { int, frac: digits.slice(-2) + d.frac };
}

export const formatDecimal = (d: Decimal) => (d.frac ? `${d.int}.${d.frac}` : d.int);
