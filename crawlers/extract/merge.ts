// Merges the readings of all sources field by field: earlier sources win, except that the price, its
// currency and its list price travel together, and prices that are no valid price are passed over (never stored).
import { checkPrice } from '../../domain/price.ts';
import { compareAmounts, isSaneAmount } from './amount.ts';
import type { PartialListing, PartialListingField, SourcedPartial } from './partial-listing.ts';
import type { ExtractionSource } from './types.ts';

export interface Merged {
  reading: PartialListing;
  sources: Partial<Record<PartialListingField, ExtractionSource>>;
  /**
   * Prices refused, with their source and the reason: `absurd` ones were read but are no valid price
   * (0, negative, below the money columns' scale, ≥ 10^9: domain/price.ts); the others were no one number.
   */
  refused: RefusedPrice[];
}

export interface RefusedPrice {
  source: ExtractionSource;
  price: string;
  reason: string;
  absurd: boolean;
}

const PRICE_FIELDS = new Set<PartialListingField>(['price', 'listPrice', 'currency', 'currencyText']);
const FIELDS: PartialListingField[] = [
  'title', 'brand', 'sku', 'gtin', 'mpn', 'image', 'category', 'shippingCost', 'delivery', 'availability', 'seller',
];

export function mergeReadings(readings: SourcedPartial[]): Merged {
  const merged: Merged = { reading: {}, sources: {}, refused: [] };
  const { reading, sources } = merged;
  const priced = readings.find((r) => {
    const { price, refusedPrice } = r.reading;
    if (price === undefined) {
      if (refusedPrice) merged.refused.push({ source: r.source, price: refusedPrice.value, reason: refusedPrice.reason, absurd: false });
      return false;
    }
    const check = checkPrice(price);
    if (check.ok) return true;
    merged.refused.push({ source: r.source, price, reason: check.reason, absurd: true });
    return false;
  });
  if (priced) {
    reading.price = priced.reading.price;
    sources.price = priced.source;
    const list = priced.reading.listPrice;
    if (list && isSaneAmount(list) && compareAmounts(list, reading.price!) > 0) {
      reading.listPrice = list;
      sources.listPrice = priced.source;
    }
  }
  // The currency goes with the price; other sources only fill it in when the price source has none.
  const currencySources = priced ? [priced, ...readings.filter((r) => r !== priced)] : readings;
  for (const field of ['currency', 'currencyText'] as const) {
    const from = currencySources.find((r) => r.reading[field]);
    if (from) {
      reading[field] = from.reading[field];
      sources[field] = from.source;
    }
  }
  for (const field of FIELDS) {
    if (PRICE_FIELDS.has(field)) continue;
    for (const r of readings) {
      const value = r.reading[field];
      if (value === undefined || value === null || value === '') continue;
      (reading as Record<string, unknown>)[field] = value;
      sources[field] = r.source;
      break;
    }
  }
  return merged;
}
