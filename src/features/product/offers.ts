// The product page's offer rows: delivery in words, and the "Cheapest" and "Fastest" badges. Used and
// refurbished offers are rows too, shown in their own section: never cheapest, fastest or "from".
import { isBuyable } from '../../../domain/availability.ts';
import { canonicalDecimal, compareDecimal } from '../../../domain/decimal.ts';
import { estimateDelivery, type DeliveryEstimate } from '../../../domain/delivery.ts';
import type { Offer } from '../../../domain/offer.ts';
import type { ProductOffer } from '../../../db/queries/site-catalog.ts';

export interface OfferRow extends Offer {
  /** False for used and refurbished offers: they are shown apart and never compared with new ones. */
  isNew: boolean;
  delivery: DeliveryEstimate;
  buyable: boolean;
  cheapest: boolean;
  fastest: boolean;
  /**
   * The store's "was" price when above today's; `charged` false when no confirmed reading of the
   * last 30 days charged it (an inflated discount, shown as such and never struck through).
   */
  was: { price: string; charged: boolean } | null;
}

/** The "was" price facts the catalogue query adds to an offer (absent: nothing is said). */
type OfferInput = Offer & Partial<Pick<ProductOffer, 'listPrice' | 'listPriceCharged'>>;

/**
 * Keeps the catalogue's order (buyable by total, unavailable last) and marks the cheapest total
 * and the soonest delivery among buyable new offers in the product's main currency (ties all marked).
 */
export function toOfferRows(offers: OfferInput[], now: Date, timeZone: string): OfferRow[] {
  const rows: OfferRow[] = offers.map(({ listPrice, listPriceCharged, ...offer }) => ({
    ...offer,
    isNew: (offer.condition ?? 'new') === 'new',
    was: listPrice ? { price: listPrice, charged: listPriceCharged === true } : null,
    delivery: estimateDelivery(offer, now, timeZone),
    buyable: isBuyable(offer),
    cheapest: false,
    fastest: false,
  }));
  const buyable = rows.filter((row) => row.buyable && row.isNew);
  const currency = buyable[0]?.currency ?? null;
  const sameCurrency = buyable.filter((row) => row.currency === currency && row.total !== null);
  const lowest = sameCurrency.reduce<string | null>(
    (min, row) => (min === null || compareDecimal(row.total!, min) < 0 ? row.total : min),
    null,
  );
  if (lowest !== null && buyable.length > 1) for (const row of sameCurrency) row.cheapest = compareDecimal(row.total!, lowest) === 0;
  const soonest = Math.min(...buyable.map((row) => row.delivery.soonestDays ?? Infinity));
  if (Number.isFinite(soonest) && buyable.length > 1) {
    for (const row of buyable) row.fastest = row.delivery.soonestDays === soonest;
  }
  // New before second-hand, out-of-stock last even if the database order changes; the sort is stable for the rest.
  return rows.sort((a, b) => Number(!a.isNew) - Number(!b.isNew) || Number(!a.buyable) - Number(!b.buyable));
}

/**
 * The product's "from" figure: the lowest total among buyable new offers in the main currency (the
 * first buyable new offer's), or null when no new offer can be bought now.
 */
export function lowestBuyableTotal(rows: readonly OfferRow[]): { total: string; currency: string | null } | null {
  const buyable = rows.filter((row) => row.buyable && row.isNew && row.total !== null);
  const currency = buyable[0]?.currency ?? null;
  let lowest: string | null = null;
  for (const row of buyable) if (row.currency === currency && (lowest === null || compareDecimal(row.total!, lowest) < 0)) lowest = row.total;
  return lowest === null ? null : { total: canonicalDecimal(lowest), currency };
}
