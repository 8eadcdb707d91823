// Exact decimal helpers: money stays a string end to end, never a float.

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Canonical form of a decimal string: no leading zeros, no trailing fractional zeros ("0120.50" → "120.5"). */
export function canonicalDecimal(value: string): string {
  if (!DECIMAL.test(value)) throw new TypeError(`Expected a decimal string such as "12.50", got ${JSON.stringify(value)}`);
  const negative = value.startsWith('-');
  const [intPart, fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const int = intPart.replace(/^0+(?=\d)/, '');
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
