// The demo market: what each store charges for each product at each tick, and whether it has stock.
// A pure function of (seed, store, product, tick): re-crawling the same tick sees the same page, so
// every change Tulna records is a change the market really made.
//
// Each store × product lives through "segments" of 6–24 ticks. A segment is regular, a real sale,
// or (on even segments) an inflated price whose following segment is a fake "sale" back to normal,
// struck-through inflated price and all. Stock is rolled per segment; a fifth of products also
// drift a little every 6 ticks (day-to-day noise).
import type { DemoProduct } from './catalogue/index.ts';
import { intBetween, unit } from './random.ts';

export type MarketEvent = 'regular' | 'sale' | 'inflated' | 'fake-sale';
export type MarketStock = 'in_stock' | 'limited' | 'out_of_stock';

/** How a store prices: its currency, margin and rounding habit. */
export interface MarketProfile {
  storeId: string;
  currency: 'INR' | 'EUR';
  /** Store-wide multiplier on the base price (after currency conversion). */
  bias: number;
  /** INR only: "nines" ends prices in 9 (₹13,499), "tens" in 0 (₹13,490). */
  rounding: 'nines' | 'tens';
}

export interface MarketQuote {
  /** Price shown, in minor units (paise, cents). */
  priceMinor: number;
  /** "Was" price the store strikes through for this event (sale or fake sale), in minor units. */
  wasMinor: number | null;
  /** Maximum retail price (Indian stores print it beside every price), in minor units. */
  mrpMinor: number;
  /** What the store normally charges at this tick (ground truth: not shown on the page). */
  regularMinor: number;
  event: MarketEvent;
  stock: MarketStock;
  /** Units left when stock is limited. */
  stockLeft: number | null;
  /** First tick of the current quote: nothing about it changed since. */
  sinceTick: number;
}

const NOISE_TICKS = 6;
const EURO_PER_RUPEE = 1 / 90;
/** European street prices run above Indian ones (VAT, distribution). */
const EURO_PREMIUM = 1.12;

function roundPrice(amount: number, profile: MarketProfile): number {
  if (profile.currency === 'EUR') {
    const euros = Math.max(1, Math.round(amount));
    return euros * 100 - 1;
  }
  if (profile.rounding === 'tens') return Math.max(10, Math.round(amount / 10) * 10) * 100;
  const step = amount >= 1000 ? 100 : 10;
  return (Math.max(step, Math.round(amount / step) * step) - 1) * 100;
}

function segmentEvent(seed: number, key: string, segment: number): { event: MarketEvent; depth: number } {
  const raw = (n: number) => unit(seed, 'event', key, n);
  if (segment % 2 !== 0 && raw(segment - 1) < 0.07) {
    return { event: 'fake-sale', depth: 0.1 + unit(seed, 'depth', key, segment - 1) * 0.15 };
  }
  const r = raw(segment);
  if (segment % 2 === 0 && r < 0.07) return { event: 'inflated', depth: 0.1 + unit(seed, 'depth', key, segment) * 0.15 };
  if (r >= 0.07 && r < 0.17) return { event: 'sale', depth: 0.08 + unit(seed, 'depth', key, segment) * 0.17 };
  return { event: 'regular', depth: 0 };
}

/** The market's quote for one product at one store at one tick. */
export function quoteAt(seed: number, profile: MarketProfile, product: DemoProduct, tick: number): MarketQuote {
  if (!Number.isInteger(tick)) throw new TypeError(`quoteAt expected an integer tick, found ${tick}`);
  const key = `${profile.storeId}/${product.id}`;
  const length = intBetween(6, 24, seed, 'length', key);
  const phase = intBetween(0, length - 1, seed, 'phase', key);
  const segment = Math.floor((tick + phase) / length);
  let sinceTick = segment * length - phase;

  const toCurrency = profile.currency === 'EUR' ? EURO_PER_RUPEE * EURO_PREMIUM : 1;
  const storeFactor = 1 + (unit(seed, 'factor', key) - 0.5) * 0.2;
  let base = product.basePriceInr * toCurrency * profile.bias * storeFactor;
  const mrpMinor = roundPrice(product.basePriceInr * toCurrency * (1.15 + unit(seed, 'mrp', product.id) * 0.2), profile);

  if (unit(seed, 'noisy', key) < 0.2) {
    const window = Math.floor(tick / NOISE_TICKS);
    base *= 1 + (unit(seed, 'noise', key, window) - 0.5) * 0.04;
    sinceTick = Math.max(sinceTick, window * NOISE_TICKS);
  }
  const regularMinor = roundPrice(base, profile);
  const { event, depth } = segmentEvent(seed, key, segment);

  let priceMinor = regularMinor;
  let wasMinor: number | null = null;
  if (event === 'sale') {
    priceMinor = roundPrice(base * (1 - depth), profile);
    wasMinor = regularMinor;
  } else if (event === 'inflated') {
    priceMinor = roundPrice(base * (1 + depth), profile);
  } else if (event === 'fake-sale') {
    wasMinor = roundPrice(base * (1 + depth), profile);
  }

  const chronic = unit(seed, 'chronic-oos', key) < 0.02;
  const s = unit(seed, 'stock', key, segment);
  const stock: MarketStock = chronic || s < 0.05 ? 'out_of_stock' : s < 0.15 ? 'limited' : 'in_stock';
  const stockLeft = stock === 'limited' ? intBetween(1, 5, seed, 'left', key, segment) : null;

  return {
    priceMinor,
    wasMinor,
    mrpMinor: Math.max(mrpMinor, priceMinor, wasMinor ?? 0),
    regularMinor,
    event,
    stock,
    stockLeft,
    sinceTick,
  };
}

/** The tick a moment falls in. */
export function tickAt(timeMs: number, tickMs: number): number {
  if (!(tickMs > 0)) throw new TypeError(`tickAt expected a positive tick length in ms, found ${tickMs}`);
  return Math.floor(timeMs / tickMs);
}
