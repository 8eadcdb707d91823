// Reads a price as shoppers see it ("₹1,23,456.00", "1.234,56 €", "CHF 1'049.95", "from $12.99", "$10 - $20")
// into an exact decimal string and the currency. Pure: text in, values out; decimals never pass through floats.
import {
  findCurrencies,
  hintCode,
  minorUnitDigits,
  minorUnitMark,
  pickCurrency,
  resolveWithCode,
  type CurrencyMatch,
} from './currency.ts';
import { priceRole, ROLE_RANK, type PriceRole } from './price-context.ts';
import { stripPriceMarkup } from './price-markup.ts';
import {
  asciiDigit,
  compareDecimals,
  FOREIGN_DIGIT,
  formatDecimal,
  fromCents,
  GROUP_SPACES,
  interpret,
  isDigit,
  readNumber,
  type Decimal,
  type NumberContext,
} from './price-number.ts';

export interface ParsedPrice {
  /** Exact decimal string ("1234.5"), or null when no price could be read. The lower end of a range.
   *  Negative ("-5") when a minus sign touches the amount: callers refuse it rather than read 5. */
  amount: string | null;
  /** The substring that held the amount, as written ("1.234,50"). */
  amountText: string | null;
  /** Currency as written ("₹", "Rs.", "US$", "руб"), or null. */
  currencyText: string | null;
  /** ISO 4217 code when it can be told (using the hint for ambiguous "$", "kr"…), else null. */
  currency: string | null;
  /** Upper end when the text states a range ("$10 - $20" → "20"), else null. */
  amountMax: string | null;
  /** True when the amount "0" comes from a word such as "Free" rather than from digits. */
  free: boolean;
  /** Unit of a unit price as written ("kg", "lb", "100g", "mo" in "$2.99/lb"), else null. The amount is per unit. */
  perUnit: string | null;
}

export interface ParsePriceOptions {
  /**
   * Text of a separate currency element ("€", "Pris NOK 899,00"), or the store's ISO currency ("GBP").
   * Used when the text names no currency, and to tell ambiguous symbols apart ("$" + "CAD" → CAD).
   * Default: none.
   */
  currencyHint?: string | null;
  /** Known decimal separator for this source ("." / "," / "€"); other separators are then grouping. Default: guessed. */
  decimalSeparator?: string | null;
}

/** Only the start of a longer string is read: prices are short, and junk must not cost time. */
export const MAX_PRICE_SCAN = 2048;
const MAX_CANDIDATES = 32;

const NO_AMOUNT = { amount: null, amountText: null, amountMax: null, free: false, perUnit: null } as const;
const NO_PRICE: Readonly<ParsedPrice> = { ...NO_AMOUNT, currencyText: null, currency: null };

interface Candidate {
  start: number;
  end: number;
  value: Decimal;
  /** "amount", or a number that reads as a count ("2 x", "12x") or a measure ("16 ft", "500 ml"). */
  kind: 'amount' | 'quantity' | 'measure';
  /** What the words around it make of it (price-context.ts); set once all candidates are known. */
  role: PriceRole;
  /** Unit of a unit price ("kg"), else null. */
  unit: string | null;
  /** True when a currency is written next to it (markPriced). */
  priced: boolean;
}

// Dates are not prices: "15.08.2017", "2017-08-15", "15/08/2017".
const DATE = /(?:\d{1,2}([./-])\d{1,2}\1\d{4}|\d{4}([./-])\d{1,2}\2\d{1,2})(?!\d)/y;
// "20 %", "20％OFF" (full-width), "٢٠٪" (Arabic percent sign).
const PERCENT_AFTER = /^\s{0,2}[%％٪]/;
// "July 4, 2004", "4 July 2004": the year and day are not prices.
const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![\\p{L}\\p{M}])';
const MONTH_DATE = new RegExp(
  `(?<![\\p{L}\\p{M}])(?:${MONTH}\\.?,?\\s+(?:\\d{1,2}(?:st|nd|rd|th)?,?\\s+)?|\\d{1,2}(?:st|nd|rd|th)?\\.?\\s+${MONTH}\\.?,?\\s+)(?:19|20)\\d\\d(?!\\d)`,
  'giu',
);
const MULTIPLIER_AFTER = /^\s?[x×](?![\p{L}\p{M}])/u;
// "2.5e3", "1E9": exponent notation is no shop price, and its mantissa alone would be a smaller number.
const EXPONENT_AFTER = /^[eE][+-]?\d+/;
// Sizes, and spans of days ("lowest price in the last 30 days", "30 Tage", "30 dni"), are not prices.
const MEASURE_AFTER =
  /^\s?(?:mm|cm|km|m²|m2|ft|sq\.? ?ft|sqft|inch|inches|kg|g|mg|lb|lbs|oz|l|ml|cl|dl|GB|MB|TB|mAh|kW|kWh|GHz|MHz|pcs|[Dd]ays?|Tagen?|jours|días|dias|giorni|dni|dní|dagen|dagar|dage|päivän|napig|zile|gün|дней)(?![\p{L}\p{M}])/u;
// Clock times are not prices ("Ends in 02:15:30", "Opens 10:30"), except where a colon is the decimal mark.
const TIME = /(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?![\d:])/y;
// Three or more digit runs joined by dashes are phone, model or order numbers ("1-800-555-0199"), not prices;
// two are a range ("10-20 €").
const DASHED_IDENTIFIER = /\d+(?:-\d+){2,}/y;
const DIGIT_SEARCH = /\d/g;

function textualDates(s: string): Array<[number, number]> {
  if (!/[a-z]{3}/i.test(s)) return [];
  const spans: Array<[number, number]> = [];
  MONTH_DATE.lastIndex = 0;
  for (let m = MONTH_DATE.exec(s); m; m = MONTH_DATE.exec(s)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

function findCandidates(s: string, ctx: NumberContext): Candidate[] {
  const found: Candidate[] = [];
  const dates = textualDates(s);
  const mayHoldTimes = !ctx.colonDecimal && s.includes(':');
  const mayHoldIdentifiers = s.includes('-');
  let pos = 0;
  while (found.length < MAX_CANDIDATES) {
    DIGIT_SEARCH.lastIndex = pos;
    const hit = DIGIT_SEARCH.exec(s);
    if (!hit) break;
    const i = hit.index;
    const inDate = dates.find(([from, to]) => i >= from && i < to);
    if (inDate) {
      pos = inDate[1];
      continue;
    }
    DATE.lastIndex = i;
    const date = DATE.exec(s);
    if (date) {
      pos = i + date[0].length;
      continue;
    }
    TIME.lastIndex = i;
    const time = !mayHoldTimes || (i > 0 && isDigit(s[i - 1])) ? null : TIME.exec(s);
    if (time) {
      pos = i + time[0].length;
      continue;
    }
    DASHED_IDENTIFIER.lastIndex = i;
    const identifier = !mayHoldIdentifiers || (i > 0 && isDigit(s[i - 1])) ? null : DASHED_IDENTIFIER.exec(s);
    if (identifier) {
      pos = i + identifier[0].length;
      continue;
    }
    const token = readNumber(s, i, ctx);
    pos = Math.max(token.end, i + 1);
    const after = s.slice(token.end, token.end + 4);
    if (PERCENT_AFTER.test(after)) continue;
    const exponent = EXPONENT_AFTER.exec(s.slice(token.end, token.end + 8));
    if (exponent) {
      pos = token.end + exponent[0].length; // the exponent's digits are no price of their own either
      continue;
    }
    const value = interpret(token, ctx);
    if (!value) continue;
    const tail = s.slice(token.end, token.end + 8);
    const kind = MULTIPLIER_AFTER.test(tail) ? 'quantity' : MEASURE_AFTER.test(tail) ? 'measure' : 'amount';
    found.push({ start: token.start, end: token.end, value, kind, role: 'plain', unit: null, priced: false });
  }
  return found;
}

// "～" and "〜" join Japanese ranges ("1,000円〜2,000円"), "至" Chinese ones.
const RANGE_BETWEEN = /^[\s:]*(?:-|–|—|−|~|～|〜|至|to|bis|à|a|até|al|до|tot|till)[\s:]*$/iu;
const NEAR_GAP = /^(?:[.,][-–—]{1,2})?[\s:]{0,12}$/u;

const touchesBefore = (s: string, m: CurrencyMatch, c: Candidate) =>
  m.end <= c.start && NEAR_GAP.test(s.slice(m.end, c.start));
const touchesAfter = (s: string, m: CurrencyMatch, c: Candidate) =>
  m.index >= c.end && NEAR_GAP.test(s.slice(c.end, m.index));

/** Longest gap between a number and its currency that NEAR_GAP can accept (",- " then 12 spaces). */
const MAX_NEAR_GAP = 16;

/**
 * Marks the candidates that carry a currency: one right before or after it, or inside it ("12€50"). A currency
 * between two numbers belongs to the closer one: in "Ends in 02:15:30 $9.99" the "$" is the 9.99's; at equal
 * distance ("10 € 20 €") to both.
 */
function markPriced(s: string, all: Candidate[], currencies: readonly CurrencyMatch[]): void {
  for (const m of currencies) {
    let before: Candidate | null = null;
    let after: Candidate | null = null;
    for (const c of all) {
      if (m.index < c.end && m.end > c.start) c.priced = true;
      else if (c.end <= m.index && m.index - c.end <= MAX_NEAR_GAP && touchesAfter(s, m, c)) before = c;
      else if (!after && c.start >= m.end && c.start - m.end <= MAX_NEAR_GAP && touchesBefore(s, m, c)) after = c;
    }
    const gapBefore = before ? m.index - before.end : Infinity;
    const gapAfter = after ? after.start - m.end : Infinity;
    if (before && gapBefore <= gapAfter) before.priced = true;
    if (after && gapAfter <= gapBefore) after.priced = true;
  }
}

const isPriced = (c: Candidate) => c.priced;

/**
 * True when two numbers form a range ("$10 - $20", "10 to 20 €", "841,00 zł – 995,00 zł"): only a connector
 * and currencies between them, each currency written the same way on both ends. "Size 10 - $45" is no range.
 */
function isRangeBetween(s: string, a: Candidate, b: Candidate, currencies: readonly CurrencyMatch[]): boolean {
  if (b.start - a.end > 24) return false;
  let between = '';
  let at = a.end;
  for (const m of currencies) {
    if (m.index < a.end || m.end > b.start) continue;
    if (touchesBefore(s, m, b) && !currencies.some((other) => touchesBefore(s, other, a))) return false;
    if (touchesAfter(s, m, a) && !currencies.some((other) => touchesAfter(s, other, b))) return false;
    between += s.slice(at, m.index);
    at = m.end;
  }
  between += s.slice(at, b.start);
  return RANGE_BETWEEN.test(between);
}

/** How far before a number its label is read ("Lowest price in the last 30 days: "), and after it ("/kg"). */
const LABEL_WINDOW = 64;
const AFTER_WINDOW = 32;

/** The text in [from, to) with its currency tokens blanked, so that the words around a price show. */
function wordsBetween(s: string, from: number, to: number, currencies: readonly CurrencyMatch[]): string {
  let out = '';
  let at = from;
  for (const m of currencies) {
    if (m.end <= from || m.index >= to) continue;
    out += s.slice(at, Math.max(at, m.index)) + ' ';
    at = Math.max(at, Math.min(to, m.end));
  }
  return out + s.slice(at, to);
}

/**
 * Sets each candidate's role from its label (the words since the amount before it, within LABEL_WINDOW) and the
 * words right after it: "Was $20 Now $15" has an old and a current price, "€1,99/kg" is a unit price.
 */
function assignRoles(s: string, all: Candidate[], currencies: readonly CurrencyMatch[]): void {
  let labelFrom = 0;
  for (const c of all) {
    const label = wordsBetween(s, Math.max(labelFrom, c.start - LABEL_WINDOW), c.start, currencies);
    const after = wordsBetween(s, c.end, Math.min(s.length, c.end + AFTER_WINDOW), currencies);
    const { role, unit } = priceRole(label, after);
    c.role = role;
    c.unit = unit;
    if (c.kind === 'amount') labelFrom = c.end;
  }
}

type Choice = { low: Candidate; high: Candidate | null };

const ZERO_RANK = 10;
const isZero = (d: Decimal) => /^0*$/.test(d.int + d.frac);

/**
 * The price among the numbers of a text. Savings are never it; current prices come first, then unlabelled ones,
 * unit prices, and old prices last (price-context.ts). Within that order: the first number (or rising range)
 * next to a currency when the text names one, else the first. Counts and measures ("2 x", "12x de R$ 44,00",
 * "500 ml") are passed over, and read only when nothing else is there and a currency is known
 * (`currencyKnown`): "16.00 ft" alone is no price.
 */
function choose(
  s: string,
  all: Candidate[],
  currencies: readonly CurrencyMatch[],
  currencyKnown: boolean,
): Choice | null {
  const usable = all.filter((c) => c.role !== 'saving');
  const amounts = usable.filter((c) => c.kind === 'amount' || isPriced(c)); // "$5 x 2" is $5
  const pool = amounts.length > 0 ? amounts : currencyKnown ? usable : [];
  const units: Choice[] = [];
  for (let i = 0; i < pool.length; i += 1) {
    const next = pool[i + 1];
    const rising = next !== undefined && compareDecimals(pool[i].value, next.value) < 0;
    if (rising && isRangeBetween(s, pool[i], next, currencies)) {
      units.push({ low: pool[i], high: next });
      i += 1;
    } else {
      units.push({ low: pool[i], high: null });
    }
  }
  if (units.length === 0) return null;
  const named = currencies.length > 0;
  let best = Infinity;
  let chosen: Choice | null = null;
  for (const u of units) {
    // Lower rank first; within a rank, the first priced one when the text names a currency, else the first.
    const r = rank(u, named) * 2 + (named && !isChoicePriced(u) ? 1 : 0);
    if (r < best) (best = r), (chosen = u);
  }
  return chosen;
}

const isChoicePriced = (u: Choice) => isPriced(u.low) || (u.high !== null && isPriced(u.high));

/** Order of preference of a price (ROLE_RANK), given whether the text names a currency. */
function rank(u: Choice, named: boolean): number {
  const role = u.low.role === 'saving' ? 'plain' : u.low.role;
  // "Only 3 left! $15.99": a "current" label counts only on a number that carries the currency.
  const base = role === 'current' && named && !isChoicePriced(u) ? ROLE_RANK.plain : ROLE_RANK[role];
  // "Was: $124.95 Now: $0.00": a zero beside another price is a placeholder of the page, read last.
  return isZero(u.low.value) ? base + ZERO_RANK : base;
}

const FREE =
  /(?<![\p{L}\p{M}])(?:free|gratis|gratuit|gratuite|gratuito|grátis|kostenlos|zdarma|darmowa|darmowy|ingyenes|ücretsiz|бесплатно|безкоштовно)(?![\p{L}\p{M}])/iu;
const FREE_NOT_PRICE = /(?<![\p{L}\p{M}])free\s+(?:shipping|delivery|returns?|postage|gift|trial|sample)/iu;

function usableSeparator(sep: string | null | undefined): string | null {
  if (typeof sep !== 'string' || sep.length !== 1 || isDigit(sep) || /\s/u.test(sep)) return null;
  return sep;
}

const amountOf = (c: Candidate, cents: boolean) => formatDecimal(cents ? fromCents(c.value) : c.value);

/** A cents sign or word after the amount. Before it, "¢" stands in for the colón sign ("¢15 000"). */
const CENTS_AFTER = /^\s?(?:¢|cents?(?![\p{L}\p{M}]))/u;

const MINUS = new Set(['-', '\u2212', '\u2012', '\u2013']);

/**
 * True when a minus sign touches the amount, or the currency written before it ("-5", "₹-5",
 * "-₹5", "-$ 5"): callers then refuse the price instead of reading "5". A dash set apart by a
 * space is punctuation ("- $44.99"), and one after a number is a range ("10-20").
 */
function isNegated(s: string, start: number, currencies: readonly CurrencyMatch[]): boolean {
  let i = start - 1;
  if (!MINUS.has(s[i] ?? '')) {
    while (i >= 0 && GROUP_SPACES.has(s[i])) i--;
    const currency = currencies.find((c) => c.end === i + 1);
    if (!currency) return false;
    i = currency.index - 1;
    if (!MINUS.has(s[i] ?? '')) return false;
  }
  return !isDigit(s[i - 1] ?? '');
}

/**
 * The currency tokens of the text. Weak ones (one or two letters: "Nu", "R", "KM") that cannot stand for the
 * hinted currency are words here: "Normalpris 1.299,- Nu 999,-" on a Danish store is "now", not ngultrum.
 */
function currenciesOf(s: string, hinted: string | null): CurrencyMatch[] {
  const found = findCurrencies(s);
  if (hinted === null || !found.some((m) => m.weak)) return found;
  return found.filter((m) => !m.weak || m.codes.length === 0 || m.codes.includes(hinted));
}

/** Characters a number is written with (digits of any script, separators, grouping spaces and apostrophes). */
const NUMBER_CHAR = /[\p{Nd}.,'\u2019\u02bc\u2032\s\uff0c\uff0e\u066b\u066c]/u;

/** Where the scanned start of a long text ends: MAX_PRICE_SCAN, or before a number the cut would split. */
function scanEnd(text: string): number {
  let end = MAX_PRICE_SCAN;
  if (!NUMBER_CHAR.test(text[end])) return end;
  while (end > 0 && NUMBER_CHAR.test(text[end - 1])) end -= 1;
  return end;
}

/**
 * Parses a price string. Never throws; returns `amount: null` when the text holds no price.
 * `amount` is an exact decimal string without grouping ("1234.50"); for a range it is the lower end.
 */
export function parsePrice(text: string | null | undefined, options: ParsePriceOptions = {}): ParsedPrice {
  const hint = typeof options.currencyHint === 'string' ? options.currencyHint : null;
  const raw = typeof text === 'string' ? text : '';
  const scan = raw.length > MAX_PRICE_SCAN ? raw.slice(0, scanEnd(raw)) : raw;
  const decimalSeparator = usableSeparator(options.decimalSeparator);
  // `written` is the text as shown (markup gone); `s` has the same length with every digit in ASCII.
  const written = stripPriceMarkup(scan, decimalSeparator);
  const s = written.replace(FOREIGN_DIGIT, asciiDigit);

  const hinted = hintCode(hint); // the hint's ISO code
  const textCurrencies = currenciesOf(s, hinted);
  const picked = pickCurrency(textCurrencies) ?? pickCurrency(findCurrencies(hint));
  const currency = resolveWithCode(picked, hinted);
  const currencyPart = { currencyText: picked ? picked.text : null, currency };

  const ctx: NumberContext = {
    decimalSeparator,
    minorDigits: currency ? minorUnitDigits(currency) : null,
    minorMark: minorUnitMark(currency),
    // Swedish prices: the store's currency is SEK, or the text's "kr" can be it ("12:50 kr").
    colonDecimal: currency === 'SEK' || (picked?.codes.includes('SEK') ?? false),
  };
  const candidates = findCandidates(s, ctx);
  markPriced(s, candidates, textCurrencies);
  assignRoles(s, candidates, textCurrencies);
  const choice = choose(s, candidates, textCurrencies, picked !== null);
  if (!choice) {
    const free = FREE.exec(s);
    if (free && !FREE_NOT_PRICE.test(s)) {
      return { ...NO_PRICE, ...currencyPart, amount: '0', amountText: free[0], free: true };
    }
    return { ...NO_PRICE, ...currencyPart };
  }
  const negative = isNegated(s, choice.low.start, textCurrencies);
  // "99¢": cents of the store's currency, of the dollar when nothing says which.
  const cents = CENTS_AFTER.test(s.slice(choice.low.end, choice.low.end + 8));
  return {
    amount: (negative ? '-' : '') + amountOf(choice.low, cents),
    amountText: written.slice(choice.low.start, choice.low.end).trim(),
    ...currencyPart,
    currency: cents ? (hinted ?? 'USD') : currency,
    amountMax: choice.high ? amountOf(choice.high, cents) : null,
    free: false,
    perUnit: choice.low.unit,
  };
}
