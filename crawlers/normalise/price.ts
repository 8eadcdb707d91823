// Reads a price as shoppers see it ("₹1,23,456.00", "1.234,56 €", "CHF 1'049.95", "from $12.99", "$10 - $20")
// into an exact decimal string and the currency. Pure: text in, values out; decimals never pass through floats.
import { findCurrencies, minorUnitDigits, pickCurrency, resolveCurrency, type CurrencyMatch } from './currency.ts';

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
/** Larger amounts are not prices (the database holds 14 integer digits); such digit runs are skipped. */
const MAX_INTEGER_DIGITS = 15;
const MAX_FRACTION_DIGITS = 24;

const NO_AMOUNT = { amount: null, amountText: null, amountMax: null, free: false } as const;
const NO_PRICE: Readonly<ParsedPrice> = { ...NO_AMOUNT, currencyText: null, currency: null };

// Digits of other scripts (Arabic-Indic, Persian, Devanagari, Bengali, full-width) and the Arabic separators.
const FOREIGN_DIGIT = /[\u0660-\u066c\u06f0-\u06f9\u0966-\u096f\u09e6-\u09ef\uff10-\uff19]/g;
function asciiDigit(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code === 0x066b) return '.';
  if (code === 0x066c) return ',';
  for (const zero of [0x0660, 0x06f0, 0x0966, 0x09e6, 0xff10]) {
    if (code >= zero && code <= zero + 9) return String(code - zero);
  }
  return ch;
}

const isDigit = (ch: string) => ch >= '0' && ch <= '9';
const GROUP_SPACES = new Set([' ', '\u00a0', '\u202f', '\u2009', '\u2007', '\u2008']);
const GROUP_APOSTROPHES = new Set(["'", '\u2019', '\u02bc', '\u2032']);
/** Separator kinds as stored: ".", ",", " " (space grouping), "'" (apostrophe grouping), or the hinted decimal. */
const SPACE = ' ';
const APOSTROPHE = "'";

interface NumberToken {
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

/**
 * Reads the digit groups and separators of one number starting at the digit `start`. Spaces and apostrophes
 * join only thousands groups ("1 234 567"); "." "," (and a hinted separator) join anything; a separator
 * then a space joins a final one- or two-digit group ("1.837, 32").
 */
function readNumber(s: string, start: number, extraSep: string | null, euroDecimal: boolean): NumberToken {
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
    if (ch === '€' && euroDecimal && seps.length === 0) {
      // "12€50", "35€ 99": the French way of writing 12.50 €.
      const from = GROUP_SPACES.has(s[end + 1] ?? '') ? end + 2 : end + 1;
      const next = digitsAt(s, from);
      if (next - from === 2) {
        seps.push('€');
        groups.push(s.slice(from, next));
        end = next;
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

/** An exact decimal: integer digits without leading zeros ("0" at least), fraction digits as written. */
type Decimal = { int: string; frac: string };

const isPoint = (sep: string) => sep === '.' || sep === ',';

/** Which separator is the decimal one, without a hint: -1 when the number has none. */
function guessDecimalAt(groups: string[], seps: string[], threeDecimals: boolean): number {
  // A leading point counts only alone (".75"); before more separators it is noise ("$.750.30", ".75,333").
  const from = groups[0] === '' && seps.length > 1 ? 1 : 0;
  let last = -1;
  for (let i = seps.length - 1; i >= from; i -= 1) {
    if (isPoint(seps[i]) || seps[i] === '€') {
      last = i;
      break;
    }
  }
  if (last < 0) return -1;
  const sep = seps[last];
  if (sep === '€') return last;
  const fracLen = groups[last + 1].length;
  const earlier = seps.slice(from, last);
  // "1.234,56", "1 234,56", "1'049,95": the last separator differs from the grouping before it.
  if (earlier.some((other) => other !== sep)) return last;
  if (earlier.some((other) => other === sep)) return fracLen === 3 ? -1 : last; // "1.144.000" / "1.234.56"
  if (fracLen !== 3) return last; // "12.5", "29.1583"
  const intGroups = groups.slice(from, last + 1);
  if (/^0*$/.test(intGroups.join(''))) return last; // "0.750", ".750": no thousands group starts with zero
  if (intGroups.some((g) => g.length > 3)) return last; // "1234.567"
  if (sep === '.' && threeDecimals) return last; // "KD 423.923"
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

/** The exact decimal a token stands for, or null when its separators make no sense as a number. */
function interpret(token: NumberToken, decimalSeparator: string | null, threeDecimals: boolean): Decimal | null {
  const { groups, seps } = token;
  const decimalAt = decimalSeparator ? seps.lastIndexOf(decimalSeparator) : guessDecimalAt(groups, seps, threeDecimals);
  let intGroups = decimalAt >= 0 ? groups.slice(0, decimalAt + 1) : groups.slice();
  let intSeps = decimalAt >= 0 ? seps.slice(0, decimalAt) : seps.slice();
  if (intGroups[0] === '' && intGroups.length > 1) {
    // A stray leading point that is not the decimal one (".750.30").
    intGroups = intGroups.slice(1);
    intSeps = intSeps.slice(1);
  }
  if (!decimalSeparator && !validGrouping(intGroups, intSeps)) return null;
  const frac = decimalAt >= 0 ? groups.slice(decimalAt + 1).join('') : '';
  const int = intGroups.join('').replace(/^0+(?=\d)/, '') || '0';
  if (int.length > MAX_INTEGER_DIGITS || frac.length > MAX_FRACTION_DIGITS) return null;
  return { int, frac };
}

interface Candidate {
  start: number;
  end: number;
  value: Decimal;
  /** "amount", or a number that reads as a count ("2 x", "12x") or a measure ("16 ft", "500 ml"). */
  kind: 'amount' | 'quantity' | 'measure';
}

// Dates are not prices: "15.08.2017", "2017-08-15", "15/08/2017".
const DATE = /(?:\d{1,2}([./-])\d{1,2}\1\d{4}|\d{4}([./-])\d{1,2}\2\d{1,2})(?!\d)/y;
const PERCENT_AFTER = /^\s{0,2}%/;
// "July 4, 2004", "4 July 2004": the year and day are not prices.
const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![\\p{L}\\p{M}])';
const MONTH_DATE = new RegExp(
  `(?<![\\p{L}\\p{M}])(?:${MONTH}\\.?,?\\s+(?:\\d{1,2}(?:st|nd|rd|th)?,?\\s+)?|\\d{1,2}(?:st|nd|rd|th)?\\.?\\s+${MONTH}\\.?,?\\s+)(?:19|20)\\d\\d(?!\\d)`,
  'giu',
);
const MULTIPLIER_AFTER = /^\s?[x×](?![\p{L}\p{M}])/u;
const MEASURE_AFTER =
  /^\s?(?:mm|cm|km|m²|m2|ft|sq\.? ?ft|sqft|inch|inches|kg|mg|lb|lbs|oz|ml|cl|dl|GB|MB|TB|mAh|kW|kWh|GHz|MHz|pcs)(?![\p{L}\p{M}])/u;
const DIGIT_SEARCH = /\d/g;

function textualDates(s: string): Array<[number, number]> {
  if (!/[a-z]{3}/i.test(s)) return [];
  const spans: Array<[number, number]> = [];
  MONTH_DATE.lastIndex = 0;
  for (let m = MONTH_DATE.exec(s); m; m = MONTH_DATE.exec(s)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

function findCandidates(s: string, decimalSeparator: string | null, threeDecimals: boolean): Candidate[] {
  const extraSep = decimalSeparator && !isPoint(decimalSeparator) ? decimalSeparator : null;
  const found: Candidate[] = [];
  const dates = textualDates(s);
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
    const token = readNumber(s, i, extraSep, decimalSeparator === null);
    pos = Math.max(token.end, i + 1);
    const after = s.slice(token.end, token.end + 4);
    if (PERCENT_AFTER.test(after)) continue;
    const value = interpret(token, decimalSeparator, threeDecimals);
    if (!value) continue;
    const tail = s.slice(token.end, token.end + 8);
    const kind = MULTIPLIER_AFTER.test(tail) ? 'quantity' : MEASURE_AFTER.test(tail) ? 'measure' : 'amount';
    found.push({ start: token.start, end: token.end, value, kind });
  }
  return found;
}

const RANGE_BETWEEN = /^[\s:]*(?:-|–|—|−|~|to|bis|à|a|até|al|до|tot|till)[\s:]*$/iu;
const NEAR_GAP = /^(?:[.,][-–—]{1,2})?[\s:]{0,12}$/u;

const touchesBefore = (s: string, m: CurrencyMatch, c: Candidate) =>
  m.end <= c.start && NEAR_GAP.test(s.slice(m.end, c.start));
const touchesAfter = (s: string, m: CurrencyMatch, c: Candidate) =>
  m.index >= c.end && NEAR_GAP.test(s.slice(c.end, m.index));

/** True when a currency token of the text sits right before or after the candidate (or inside it: "12€50"). */
function isPriced(s: string, c: Candidate, currencies: readonly CurrencyMatch[]): boolean {
  return currencies.some(
    (m) => touchesBefore(s, m, c) || touchesAfter(s, m, c) || (m.index < c.end && m.end > c.start),
  );
}

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

/** Exact comparison of two decimals: negative when a < b. */
function compareDecimals(a: Decimal, b: Decimal): number {
  if (a.int.length !== b.int.length) return a.int.length - b.int.length;
  if (a.int !== b.int) return a.int < b.int ? -1 : 1;
  const width = Math.max(a.frac.length, b.frac.length);
  const fa = a.frac.padEnd(width, '0');
  const fb = b.frac.padEnd(width, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

const format = (d: Decimal) => (d.frac ? `${d.int}.${d.frac}` : d.int);

type Choice = { low: Candidate; high: Candidate | null };

/**
 * The price among the numbers of a text: the first one (or rising range) next to a currency when the text names
 * one, else the first. Counts and measures ("2 x", "12x de R$ 44,00", "500 ml") are passed over, and read only
 * when nothing else is there and a currency is known (`currencyKnown`): "16.00 ft" alone is no price.
 */
function choose(
  s: string,
  all: Candidate[],
  currencies: readonly CurrencyMatch[],
  currencyKnown: boolean,
): Choice | null {
  const amounts = all.filter((c) => c.kind === 'amount' || isPriced(s, c, currencies)); // "$5 x 2" is $5
  const pool = amounts.length > 0 ? amounts : currencyKnown ? all : [];
  const units: Array<{ first: Candidate; second: Candidate | null }> = [];
  for (let i = 0; i < pool.length; i += 1) {
    const next = pool[i + 1];
    const rising = next !== undefined && compareDecimals(pool[i].value, next.value) < 0;
    if (rising && isRangeBetween(s, pool[i], next, currencies)) {
      units.push({ first: pool[i], second: next });
      i += 1;
    } else {
      units.push({ first: pool[i], second: null });
    }
  }
  if (units.length === 0) return null;
  const priced = (u: (typeof units)[number]) =>
    isPriced(s, u.first, currencies) || (u.second !== null && isPriced(s, u.second, currencies));
  const unit = (currencies.length > 0 ? units.find(priced) : undefined) ?? units[0];
  return { low: unit.first, high: unit.second };
}

const FREE =
  /(?<![\p{L}\p{M}])(?:free|gratis|gratuit|gratuite|gratuito|grátis|kostenlos|zdarma|darmowa|darmowy|ingyenes|ücretsiz|бесплатно|безкоштовно)(?![\p{L}\p{M}])/iu;
const FREE_NOT_PRICE = /(?<![\p{L}\p{M}])free\s+(?:shipping|delivery|returns?|postage|gift|trial|sample)/iu;

function usableSeparator(sep: string | null | undefined): string | null {
  if (typeof sep !== 'string' || sep.length !== 1 || isDigit(sep) || /\s/u.test(sep)) return null;
  return sep;
}

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
 * Parses a price string. Never throws; returns `amount: null` when the text holds no price.
 * `amount` is an exact decimal string without grouping ("1234.50"); for a range it is the lower end.
 */
export function parsePrice(text: string | null | undefined, options: ParsePriceOptions = {}): ParsedPrice {
  const hint = typeof options.currencyHint === 'string' ? options.currencyHint : null;
  const raw = typeof text === 'string' ? text : '';
  const scan = raw.length > MAX_PRICE_SCAN ? raw.slice(0, MAX_PRICE_SCAN) : raw;
  const s = scan.replace(FOREIGN_DIGIT, asciiDigit);

  const textCurrencies = findCurrencies(s);
  const picked = pickCurrency(textCurrencies) ?? pickCurrency(findCurrencies(hint));
  const currency = picked || hint ? resolveCurrency(picked, hint) : null;
  const currencyPart = { currencyText: picked ? picked.text : null, currency };

  const decimalSeparator = usableSeparator(options.decimalSeparator);
  const candidates = findCandidates(s, decimalSeparator, minorUnitDigits(currency) === 3);
  const choice = choose(s, candidates, textCurrencies, picked !== null);
  if (!choice) {
    const free = FREE.exec(s);
    if (free && !FREE_NOT_PRICE.test(s)) {
      return { ...NO_PRICE, ...currencyPart, amount: '0', amountText: free[0], free: true };
    }
    return { ...NO_PRICE, ...currencyPart };
  }
  const negative = isNegated(s, choice.low.start, textCurrencies);
  return {
    amount: (negative ? '-' : '') + format(choice.low.value),
    amountText: scan.slice(choice.low.start, choice.low.end).trim(),
    ...currencyPart,
    amountMax: choice.high ? format(choice.high.value) : null,
    free: false,
  };
}
