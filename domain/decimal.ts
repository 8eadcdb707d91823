// Exact decimal strings: money stays a string end to end, never a float. Pure, and imports nothing.

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Drops the leading zeros of a digit string, keeping one digit ("007" → "7", "000" → "0", "" stays ""). */
export function trimLeadingZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

/** Canonical form of a decimal string: no leading zeros, no trailing fractional zeros ("0120.50" → "120.5"). */
export function canonicalDecimal(value: string): string {
  if (!DECIMAL.test(value)) throw new TypeError(`Expected a decimal string such as "12.50", got ${JSON.stringify(value)}`);
  const negative = value.startsWith('-');
  const [intPart, fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const int = trimLeadingZeros(intPart);
  const frac = fraction.replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return negative && body !== '0' ? `-${body}` : body;
}

/** True when both are null, or both are the same number ("12.5" equals "12.5000"). */
export function sameDecimal(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a == null || b == null) return a == null && b == null;
  return canonicalDecimal(a) === canonicalDecimal(b);
}

/** Compares two decimal strings exactly: -1, 0 or 1. */
export function compareDecimal(a: string, b: string): number {
  const [x, y] = [canonicalDecimal(a), canonicalDecimal(b)];
  const negX = x.startsWith('-');
  const negY = y.startsWith('-');
  if (negX !== negY) return negX ? -1 : 1;
  const sign = negX ? -1 : 1;
  const [xi, xf = ''] = x.replace('-', '').split('.');
  const [yi, yf = ''] = y.replace('-', '').split('.');
  if (xi.length !== yi.length) return (xi.length < yi.length ? -1 : 1) * sign;
  const width = Math.max(xf.length, yf.length);
  const xs = xi + xf.padEnd(width, '0');
  const ys = yi + yf.padEnd(width, '0');
  return xs === ys ? 0 : (xs < ys ? -1 : 1) * sign;
}

/** A machine-written number read whole: its exact decimal string, or why the text is not one number. */
export type MachineDecimal = { ok: true; value: string } | { ok: false; reason: string };

// JSON's number grammar, also with a "+" sign or a bare point (".5", "5."), as schema.org values carry them.
const MACHINE_NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,6}))?$/;
/** 10^±1000 is far outside any amount; larger exponents are refused rather than expanded into huge strings. */
const MAX_EXPONENT = 1000;

/** How a refused value is shown in a reason: quoted, and cut when long ("1000000000000…" (309 characters)). */
export function shownValue(text: string): string {
  return text.length > 40 ? `${JSON.stringify(`${text.slice(0, 24)}…`)} (${text.length} characters)` : JSON.stringify(text);
}

/**
 * Reads a machine-written number ("19.99", "-5", "2.5e3", "1.5E-2", ".5") into an exact decimal string
 * ("2500", "0.015", "0.5"), with no float in between. Surrounding spaces are allowed; anything else that is
 * not part of the number ("12abc", "12.5.3", "1,299", "0x1F", "12e", "Infinity") refuses the whole value.
 * Without an exponent the fraction is kept as written ("19.90"); only leading zeros are dropped.
 */
export function parseMachineDecimal(text: string): MachineDecimal {
  const match = MACHINE_NUMBER.exec(text.trim());
  const [, sign = '', int = '', frac = '', exponentText] = match ?? [];
  if (!match || (int === '' && frac === '')) {
    return { ok: false, reason: `expected a number such as "12.50" or "2.5e3", found ${shownValue(text)}` };
  }
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  if (Math.abs(exponent) > MAX_EXPONENT) {
    return { ok: false, reason: `expected an exponent between -${MAX_EXPONENT} and ${MAX_EXPONENT}, found ${shownValue(text)}` };
  }
  const negative = sign === '-';
  let body: string;
  if (exponentText === undefined) {
    body = (trimLeadingZeros(int) || '0') + (frac ? `.${frac}` : '');
  } else {
    // Move the point: the digits stay as written, so the value is exact.
    const digits = int + frac;
    const point = int.length + exponent;
    const whole = point <= 0 ? '0' : digits.slice(0, point).padEnd(point, '0');
    const fraction = point >= digits.length ? '' : point < 0 ? '0'.repeat(-point) + digits : digits.slice(point);
    const trimmedFraction = fraction.replace(/0+$/, '');
    body = (trimLeadingZeros(whole) || '0') + (trimmedFraction ? `.${trimmedFraction}` : '');
  }
  return { ok: true, value: negative ? `-${body}` : body };
}

/**
 * A JSON number as an exact decimal string. JS prints large and small numbers in exponent form
 * (1e21 → "1e+21", 1.5e-7 → "1.5e-7"), which is expanded here. The value is the double's shortest form:
 * digits past 17 significant ones were lost when the JSON was parsed (no amount has that many).
 */
export function decimalFromNumber(value: number): MachineDecimal {
  if (!Number.isFinite(value)) return { ok: false, reason: `expected a finite number, found ${String(value)}` };
  return parseMachineDecimal(String(value));
}
