// Amounts from markup: numbers, machine decimals ("119.01", "2.5e3"), or a field that is wholly a displayed
// price ("1.234,50 €") → exact decimal strings. A field is read whole or refused, never partly.
import { decimalFromNumber, parseMachineDecimal, shownValue, trimLeadingZeros } from '../../domain/decimal.ts';
import { isValidPrice } from '../../domain/price.ts';
import { parsePrice } from '../normalise/price.ts';
import { stripPriceMarkup } from '../normalise/price-markup.ts';

/** A structured amount read whole (`amount`), or why the field holds no one amount. */
export type StructuredAmount = { ok: true; amount: string } | { ok: false; reason: string };

const MAX_FIELD_LENGTH = 200;
/** What may surround a displayed amount in a machine field besides its currency: spaces and marks ("/-", ",-"). */
const ONLY_MARKS = /^[\s\p{P}\p{S}]*$/u;

/**
 * A structured amount (schema.org `price`, `content=` attribute, a meta tag): a number or a machine-written
 * decimal, exponent notation included ("2.5e3" → "2500"). Other text is display text put in a machine field:
 * one that names a currency ("€ 12,99", "71,91 € 79,90 €") is read as shop text is; one that names none
 * must be wholly one displayed number ("1.234,50"), so "12abc", "12 34", "0x1F" or "10 - 20" are refused.
 */
export function readStructuredAmount(value: unknown, currencyHint?: string | null): StructuredAmount {
  if (typeof value === 'number') {
    const read = decimalFromNumber(value);
    return read.ok ? { ok: true, amount: read.value } : read;
  }
  if (typeof value !== 'string') return { ok: false, reason: `expected a number or a decimal string, found ${typeof value}` };
  const text = value.trim();
  if (!text || text.length > MAX_FIELD_LENGTH) return { ok: false, reason: `expected an amount, found ${shownValue(text)}` };
  const machine = parseMachineDecimal(text);
  if (machine.ok) return { ok: true, amount: machine.value };
  // Negative amounts are kept negative so that the sanity check refuses them, not read as positive.
  if (/^-\s*\d/.test(text)) {
    const magnitude = readStructuredAmount(text.replace(/^-\s*/, ''), currencyHint);
    return magnitude.ok ? { ok: true, amount: `-${magnitude.amount}` } : magnitude;
  }
  // "12,99" written in a machine field is a decimal comma.
  if (/^\d{1,15},\d{1,2}$/.test(text)) return { ok: true, amount: tidy(text.replace(',', '.')) };
  const shown = wholeDisplayAmount(text, currencyHint);
  return shown ?? machine;
}

/** The structured amount, or undefined when the field holds none (see readStructuredAmount for why). */
export function structuredAmount(value: unknown, currencyHint?: string | null): string | undefined {
  const read = readStructuredAmount(value, currencyHint);
  return read.ok ? read.amount : undefined;
}

/** Drops leading zeros ("007.50" → "7.50") without touching the fraction. */
const tidy = trimLeadingZeros;

/** A character that may touch an amount: space, punctuation or a symbol ("€", "/-"), not a letter or digit. */
const APART = /[\s\p{P}\p{S}]/u;

/**
 * The displayed price in a machine field: read as shop text when the field itself names a currency and the
 * amount stands apart (touching only its currency, spaces or marks: "12EUR", not "12abc"), else only when the
 * field is nothing but that one number (and marks such as "/-").
 */
function wholeDisplayAmount(text: string, currencyHint?: string | null): StructuredAmount | null {
  const named = parsePrice(text).currencyText;
  const parsed = named ? parsePrice(text, { currencyHint: currencyHint ?? null }) : parsePrice(text);
  if (!parsed.amount || parsed.free || !parsed.amountText) return null;
  const written = stripPriceMarkup(text, null);
  const at = written.indexOf(parsed.amountText);
  if (at < 0) return null;
  if (named) {
    const before = written.slice(0, at);
    const after = written.slice(at + parsed.amountText.length);
    const currency = parsed.currencyText ?? named;
    const apartBefore = before === '' || APART.test(before.at(-1)!) || before.endsWith(currency);
    const apartAfter = after === '' || APART.test(after[0]) || after.startsWith(currency);
    return apartBefore && apartAfter ? { ok: true, amount: parsed.amount } : null;
  }
  if (parsed.amountMax !== null || parsed.perUnit !== null) return null;
  const rest = written.slice(0, at) + written.slice(at + parsed.amountText.length);
  return ONLY_MARKS.test(rest) ? { ok: true, amount: parsed.amount } : null;
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

/** True when the amount is a price the store could mean and the database can hold (domain/price.ts). */
export const isSaneAmount = isValidPrice;

/** Compares two decimal strings exactly (-1, 0, 1). */
export { compareDecimal as compareAmounts } from '../../domain/decimal.ts';
