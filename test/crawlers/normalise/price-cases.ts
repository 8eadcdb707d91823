// Shared shape of the price-string tables: one row is what a careful shopper reads from a displayed price,
// given the hints the real page would give (the store's currency, its decimal separator).
import { describe, expect, it } from 'vitest';
import { parsePrice, type ParsedPrice } from '../../../crawlers/normalise/price.ts';

export interface Expect {
  /** Store currency or currency element next to the price. */
  hint?: string;
  /** Decimal separator the store is known to use. */
  sep?: string;
  /** Upper end of a range. */
  max?: string | null;
  /** Currency as written, when it matters. */
  currencyText?: string | null;
  /** Unit of a unit price ("kg", "lb"). */
  unit?: string | null;
  free?: boolean;
}

/** [displayed text, amount, ISO currency, extras]. */
export type PriceRow = [text: string, amount: string | null, currency: string | null, extra?: Expect];

/** What the parser reads from a row's text, and what the row says a careful shopper reads. */
export function readRow([text, amount, currency, extra = {}]: PriceRow): { got: ParsedPrice; want: Partial<ParsedPrice> } {
  const got = parsePrice(text, { currencyHint: extra.hint ?? null, decimalSeparator: extra.sep ?? null });
  const want: Partial<ParsedPrice> = { amount, currency };
  if (extra.max !== undefined) want.amountMax = extra.max;
  if (extra.currencyText !== undefined) want.currencyText = extra.currencyText;
  if (extra.unit !== undefined) want.perUnit = extra.unit;
  if (extra.free !== undefined) want.free = extra.free;
  return { got, want };
}

/** Test title: the text with its hints, quoted so that invisible spaces show. */
export const title = ([text, , , extra = {}]: PriceRow) =>
  JSON.stringify(text).replace(/[\u00a0\u2009\u202f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16)}`) +
  (extra.hint ? ` hint=${extra.hint}` : '') +
  (extra.sep ? ` sep=${extra.sep}` : '');

/** One describe block per table ("parsePrice, <name>"), one test per row: the parser reads what the row says. */
export function describePriceTables(tables: Record<string, PriceRow[]>): void {
  for (const [name, rows] of Object.entries(tables)) {
    describe(`parsePrice, ${name}`, () => {
      it.each(rows.map((row) => [title(row), row] as const))('%s', (_, row) => {
        const { got, want } = readRow(row);
        expect(got).toMatchObject(want);
      });
    });
  }
}
