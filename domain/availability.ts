// Whether an offer can be bought: the availability and listing-status vocabularies Tulna stores,
// and the one rule of "buyable" that every "from", "lowest" and alert figure counts by. Pure.

export const AVAILABILITY = ['in_stock', 'out_of_stock', 'preorder', 'backorder', 'limited', 'discontinued', 'unknown'] as const;
export type Availability = (typeof AVAILABILITY)[number];

/** active: seen on the last crawl; stale: missed by one; gone: the store no longer lists it. */
export const LISTING_STATUS = ['active', 'stale', 'gone'] as const;
export type ListingStatus = (typeof LISTING_STATUS)[number];

/**
 * Availabilities at which an offer can be bought now (preorder and backorder ship later). Out of
 * stock, discontinued and unknown cannot; nor can a listing no longer seen (status other than
 * active) or one without a price.
 */
export const BUYABLE_AVAILABILITY: readonly Availability[] = ['in_stock', 'limited', 'preorder', 'backorder'];

export function isBuyable(offer: { price: string | null; availability: Availability; status?: ListingStatus }): boolean {
  return offer.price !== null && BUYABLE_AVAILABILITY.includes(offer.availability) && (offer.status ?? 'active') === 'active';
}
