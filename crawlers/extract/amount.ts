// Amounts from markup: numbers, plain decimals ("119.01"), or display text ("1.234,50 €") → exact decimal strings.
import { parsePrice } from '../normalise/price.ts';

const PLAIN_DECIMAL = /^\d{1,15}(?:\.\d{1,8})?$/;

/** Drops leading zeros ("007.50" → "7.50") without touching the fraction. */
function tidy(decimal: string): string {
  return decimal.replace(/^0+(?=\d)/, '');
}

/**
 * A structured amount (schema.org `price`, `content=` attribute): a number or a machine-written decimal.
 * Falls back to the display parser for text that is not plain ("1.234,50", "€ 12,99").
 */
export function structuredAmount(value: unknown, currencyHint?: string | null): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    const text = String(value);
    return /e/i.test(text) ? undefined : text;
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!text || text.length > 200) return undefined;
  // Negative amounts are kept negative so that the sanity check refuses them, not read as positive.
  if (/^-\s*\d/.test(text)) {
    const magnitude = structuredAmount(text.replace(/^-\s*/, ''), currencyHint);
    return magnitude ? `-${magnitude}` : undefined;
  }
  if (PLAIN_DECIMAL.test(text)) return tidy(text);
  // "12,99" written in a machine field is a decimal comma; "1,299" as well, when there is no dot.
  if (/^\d{1,15},\d{1,2}$/.test(text)) return tidy(text.replace(',', '.'));
  return displayAmount(text, currencyHint)?.amount;
}

/** A price as displayed ("£49.00", "1.234,50 €", "NT$ 294") → amount and currency. */
export function displayAmount(
  text: string,
  currencyHint?: string | null,
): { amount: string; currency: string | null; currencyText: string | null } | undefined {
  const parsed = parsePrice(text, { currencyHint: currencyHint ?? null });
  if (!parsed.amount) return undefined;
  return { amount: parsed.amount, currency: parsed.currency, currencyText: parsed.currencyText };
}

/** True when the amount is a price any store could mean: > 0 and < 10^9. */
export function isSaneAmount(amount: string): boolean {
  if (!/^\d+(?:\.\d+)?$/.test(amount)) return false;
  const [whole] = amount.split('.');
  if (whole.replace(/^0+/, '').length > 9) return false;
  return /[1-9]/.test(amount);
}

/** Compares two decimal strings exactly (-1, 0, 1). */
export { compareDecimal as compareAmounts } from '../../db/decimal.ts';
