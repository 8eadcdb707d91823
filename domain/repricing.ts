// What price to suggest to a retailer for one listing: pure, exact decimals, suggestions only (never
// applied). Shoppers compare totals, so the target is a total and the item price is that total
// minus the listing's own shipping. The constraints apply in a fixed order, each on the result of
// the one before:
//   1. the strategy's target: match the cheapest competitor's total, or beat it by an amount or a percent;
//   2. the median ceiling: never more than N % above the market's median total;
//   3. the daily limit: the item price moves at most N % from what it was a day ago;
//   4. the floor, last: never below the retailer's floor, whatever came before.
// No competitor: nothing to suggest. A suggestion is never zero or less.
import { canonicalDecimal } from './decimal.ts';

export type RepricingStrategyName = 'match' | 'beat_amount' | 'beat_percent';
const STRATEGIES: readonly string[] = ['match', 'beat_amount', 'beat_percent'] satisfies RepricingStrategyName[];

export interface RepricingRuleInput {
  strategy: RepricingStrategyName;
  /** beat_amount: money under the cheapest total; beat_percent: percent under it (null or 0: match). */
  beatBy: string | null;
  /** The total stays at most this percent above the median total (null: no ceiling). */
  maxAboveMedianPercent: number | null;
  /** The item price moves at most this percent from a day ago (null: no limit). */
  maxDailyChangePercent: number | null;
}

export interface RepricingInput {
  /** The listing's item price now (null: it has none, so nothing to suggest). */
  ownPrice: string | null;
  /** The listing's shipping (null: none stated, counted as 0). */
  ownShipping: string | null;
  /** ISO 4217 code, for the reasons' amounts (null: amounts shown bare). */
  currency: string | null;
  /** The cheapest competitor's total (null: no competitor). */
  cheapestTotal: string | null;
  /** The competitors' median total (null: unknown). */
  medianTotal: string | null;
  rules: RepricingRuleInput;
  /** The lowest item price the retailer accepts (null: none). */
  floorPrice: string | null;
  /** The item price a day ago, which the daily limit counts from (default: ownPrice). */
  priceYesterday?: string | null;
}

/** What decided the suggestion: the last constraint that moved it, or why there is none. */
export type RepricingBinding = 'strategy' | 'median' | 'daily_limit' | 'floor' | 'only_seller' | 'no_own_price' | 'unreachable';

export interface RepricingSuggestion {
  /** The suggested item price, 2 decimals; null when there is nothing to suggest. */
  price: string | null;
  /** The suggested total (price + own shipping); null with price. */
  total: string | null;
  /** price − ownPrice (negative: lower it); null with price. */
  change: string | null;
  /** Why, in order, one sentence per step that counted. */
  reasons: string[];
  binding: RepricingBinding;
}

// Amounts as integers of 10⁻¹²: money has 4 decimals and percents at most 4, so every product and
// quotient below is exact at this scale (rounding happens once, to cents, at the end).
const SCALE = 12;
const ONE = 10n ** BigInt(SCALE);
const CENT = 10n ** BigInt(SCALE - 2);
const HUNDRED = 100n * ONE;

function units(value: string, what: string): bigint {
  let canonical: string;
  try {
    canonical = canonicalDecimal(value);
  } catch (error) {
    throw new TypeError(`Expected ${what} as a decimal string such as "12.50", got ${JSON.stringify(value)}`, { cause: error });
  }
  const negative = canonical.startsWith('-');
  const [int, frac = ''] = (negative ? canonical.slice(1) : canonical).split('.');
  if (frac.length > SCALE) throw new TypeError(`Expected ${what} with at most ${SCALE} decimals, got ${JSON.stringify(value)}`);
  const amount = BigInt(int) * ONE + BigInt(frac.padEnd(SCALE, '0') || '0');
  return negative ? -amount : amount;
}

function percentUnits(value: number | string, what: string): bigint {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`Expected ${what} as a finite number, got ${String(value)}`);
  return units(String(value), what);
}

/** a / b rounded down (towards −∞) or up (towards +∞); b > 0. */
function divide(a: bigint, b: bigint, direction: 'down' | 'up'): bigint {
  const quotient = a / b;
  const remainder = a % b;
  if (remainder === 0n) return quotient;
  if (direction === 'down') return a < 0n ? quotient - 1n : quotient;
  return a > 0n ? quotient + 1n : quotient;
}

/** amount × (100 + percent) / 100, rounded the safe way for the bound it makes. */
const scaleBy = (amount: bigint, percent: bigint, direction: 'down' | 'up') => divide(amount * (HUNDRED + percent), HUNDRED, direction);

const toCents = (amount: bigint, direction: 'down' | 'up') => divide(amount, CENT, direction) * CENT;

/** An amount as a decimal string: at least 2 decimals, more only when it has them. */
function decimalText(amount: bigint): string {
  const negative = amount < 0n;
  const magnitude = negative ? -amount : amount;
  const int = magnitude / ONE;
  const frac = (magnitude % ONE).toString().padStart(SCALE, '0').replace(/0+$/, '').padEnd(2, '0');
  return `${negative ? '-' : ''}${int}.${frac}`;
}

// Making a NumberFormat costs far more than using one: one per currency, kept.
const formats = new Map<string, Intl.NumberFormat | null>();

/** An amount for a reason: "€19.49", or "19.49 XYZ" for a code Intl does not know. */
function shown(amount: bigint, currency: string): string {
  const code = currency.trim().toUpperCase();
  let format = formats.get(code);
  if (format === undefined) {
    try {
      const digits = new Intl.NumberFormat('en-GB', { style: 'currency', currency: code }).resolvedOptions().minimumFractionDigits ?? 2;
      format = new Intl.NumberFormat('en-GB', { style: 'currency', currency: code, minimumFractionDigits: digits, maximumFractionDigits: Math.max(digits, 4) });
    } catch {
      format = null;
    }
    formats.set(code, format);
  }
  // Display only: the amount has at most 4 decimals here, well inside a double's exact range.
  return format ? format.format(Number(decimalText(amount))) : `${decimalText(amount)} ${code}`.trim();
}

const percentText = (percent: bigint) => decimalText(percent).replace(/\.?0+$/, '');

/** The suggested item price for one listing under the retailer's rules; see the file's header for the order. */
export function suggestPrice(input: RepricingInput): RepricingSuggestion {
  const { rules } = input;
  const currency = input.currency ?? '';
  if (input.ownPrice === null) return { price: null, total: null, change: null, reasons: ['You have no price here yet: nothing to suggest'], binding: 'no_own_price' };
  const own = units(input.ownPrice, 'ownPrice');
  const shipping = input.ownShipping === null ? 0n : units(input.ownShipping, 'ownShipping');
  const floor = input.floorPrice === null ? null : units(input.floorPrice, 'floorPrice');
  const yesterday = input.priceYesterday == null ? own : units(input.priceYesterday, 'priceYesterday');
  const money = (amount: bigint) => shown(amount, currency);

  if (input.cheapestTotal === null) {
    return { price: null, total: null, change: null, reasons: ['Only seller: keep your price'], binding: 'only_seller' };
  }
  const cheapest = units(input.cheapestTotal, 'cheapestTotal');
  const reasons: string[] = [];
  let binding: RepricingBinding = 'strategy';

  // 1. The strategy's target total, and the item price that reaches it.
  if (!STRATEGIES.includes(rules.strategy)) {
    throw new TypeError(`Expected strategy match, beat_amount or beat_percent, got ${JSON.stringify(rules.strategy)}`);
  }
  const beatBy = rules.beatBy === null ? 0n : units(rules.beatBy, 'beatBy');
  if (beatBy < 0n) throw new TypeError(`Expected beatBy to be 0 or more, got ${JSON.stringify(rules.beatBy)}`);
  let targetTotal: bigint;
  if (rules.strategy === 'match' || beatBy === 0n) {
    targetTotal = cheapest;
    reasons.push(`Cheapest competitor total ${money(cheapest)}; match it → total ${money(toCents(targetTotal, 'down'))}`);
  } else if (rules.strategy === 'beat_amount') {
    targetTotal = cheapest - beatBy;
    reasons.push(`Cheapest competitor total ${money(cheapest)}; beat by ${money(beatBy)} → total ${money(toCents(targetTotal, 'down'))}`);
  } else {
    if (beatBy >= HUNDRED) throw new TypeError(`Expected beatBy under 100 (percent) for beat_percent, got ${JSON.stringify(rules.beatBy)}`);
    targetTotal = scaleBy(cheapest, -beatBy, 'down');
    reasons.push(`Cheapest competitor total ${money(cheapest)}; beat by ${percentText(beatBy)} % → total ${money(toCents(targetTotal, 'down'))}`);
  }
  let price = targetTotal - shipping;
  // Whether the value is a lower bound (rounded up to cents) or a target / upper bound (rounded down).
  let roundUp = false;

  // 2. The median ceiling, on the total.
  if (rules.maxAboveMedianPercent !== null && input.medianTotal !== null) {
    const percent = percentUnits(rules.maxAboveMedianPercent, 'maxAboveMedianPercent');
    const ceiling = scaleBy(units(input.medianTotal, 'medianTotal'), percent, 'down') - shipping;
    if (price > ceiling) {
      price = ceiling;
      binding = 'median';
      reasons.push(`Within ${percentText(percent)} % of the median ${money(units(input.medianTotal, 'medianTotal'))}`);
    }
  }

  // 3. The daily limit, on the item price against a day ago.
  if (rules.maxDailyChangePercent !== null) {
    const percent = percentUnits(rules.maxDailyChangePercent, 'maxDailyChangePercent');
    const lowest = scaleBy(yesterday, -percent, 'up');
    const highest = scaleBy(yesterday, percent, 'down');
    if (price < lowest || price > highest) {
      roundUp = price < lowest;
      price = roundUp ? lowest : highest;
      binding = 'daily_limit';
      reasons.push(`Limited to ${percentText(percent)} % change a day`);
    }
  }

  // Cents, rounded towards the side the binding constraint allows.
  price = toCents(price, roundUp ? 'up' : 'down');

  // 4. The floor, last: it always wins.
  if (floor !== null && price < floor) {
    price = toCents(floor, 'up');
    binding = 'floor';
    reasons.push(`Held at your floor ${money(floor)}`);
  }

  if (price <= 0n) {
    reasons.push(`Your shipping ${money(shipping)} alone reaches the target total ${money(targetTotal)}: no item price gets there`);
    return { price: null, total: null, change: null, reasons, binding: 'unreachable' };
  }
  return { price: decimalText(price), total: decimalText(price + shipping), change: decimalText(price - own), reasons, binding };
}
