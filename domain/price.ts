// What a valid amount of money is, once: extraction, the structured sources and the database's check
// constraints (db/schema.ts) all use these numbers, so nothing passes one and breaks another.
import { compareDecimal, shownValue, trimLeadingZeros } from './decimal.ts';

/** The money columns are numeric(MONEY_PRECISION, MONEY_SCALE): 14 integer digits and 4 decimals. */
export const MONEY_PRECISION = 18;
export const MONEY_SCALE = 4;

/** Integer digits of the largest price any store could mean: at 10^9 and above, a number is a misreading. */
export const MAX_PRICE_INTEGER_DIGITS = 9;

/** The smallest price a money column holds: one unit of its scale (0.0001). Less rounds to 0 there. */
export const MIN_PRICE = `0.${'1'.padStart(MONEY_SCALE, '0')}`;
/** The largest valid price: just under 10^9 at the column's scale, so rounding never pushes it over. */
export const MAX_PRICE = `${'9'.repeat(MAX_PRICE_INTEGER_DIGITS)}.${'9'.repeat(MONEY_SCALE)}`;

export type MoneyCheck = { ok: true } | { ok: false; reason: string };

const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/**
 * Whether an exact decimal string is a price Tulna stores: from MIN_PRICE to MAX_PRICE. Checked on the
 * value as read, before the column rounds it: anything in range stays in range after rounding.
 */
export function checkPrice(amount: string): MoneyCheck {
  if (!DECIMAL.test(amount)) return { ok: false, reason: `expected a decimal string such as "12.50", found ${shownValue(amount)}` };
  if (amount.startsWith('-') && /[1-9]/.test(amount)) return { ok: false, reason: `a price is never negative, found ${shownValue(amount)}` };
  if (!/[1-9]/.test(amount)) return { ok: false, reason: `a price of zero is no price, found ${shownValue(amount)}` };
  if (compareDecimal(amount, MIN_PRICE) < 0) {
    return { ok: false, reason: `expected a price of at least ${MIN_PRICE} (the money columns keep ${MONEY_SCALE} decimals), found ${shownValue(amount)}` };
  }
  if (compareDecimal(amount, MAX_PRICE) > 0) return { ok: false, reason: `expected a price of at most ${MAX_PRICE}, found ${shownValue(amount)}` };
  return { ok: true };
}

export const isValidPrice = (amount: string): boolean => checkPrice(amount).ok;

/** A shipping cost is zero (free shipping is a real cost) or a valid price. */
export function checkShippingCost(amount: string): MoneyCheck {
  return DECIMAL.test(amount) && !amount.startsWith('-') && !/[1-9]/.test(amount) ? { ok: true } : checkPrice(amount);
}

export const isValidShippingCost = (amount: string): boolean => checkShippingCost(amount).ok;

/**
 * A non-negative decimal string rounded to the money columns' scale, half away from zero as numeric does
 * ("12.34565" → "12.3457"), so a reading equals what the database gives back. Fewer decimals stay as written.
 */
export function toMoneyScale(amount: string): string {
  const match = /^(\d+)\.(\d+)$/.exec(amount);
  if (!match || match[2].length <= MONEY_SCALE) return amount;
  const [, int, frac] = match;
  const kept = int + frac.slice(0, MONEY_SCALE);
  const digits = frac[MONEY_SCALE] >= '5' ? increment(kept) : kept;
  const point = digits.length - MONEY_SCALE;
  return `${trimLeadingZeros(digits.slice(0, point)) || '0'}.${digits.slice(point)}`;
}

/** A digit string plus one ("0999" → "1000"). */
function increment(digits: string): string {
  const chars = digits.split('');
  for (let i = chars.length - 1; i >= 0; i -= 1) {
    if (chars[i] !== '9') {
      chars[i] = String(Number(chars[i]) + 1);
      return chars.join('');
    }
    chars[i] = '0';
  }
  return `1${chars.join('')}`;
}
