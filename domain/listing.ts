// The stored reading of one listing: the contract between the crawlers (which produce it) and the
// database's write path. Pure types.
import type { Availability } from './availability.ts';

/**
 * One listing as read from a store (a product page or a structured source's record), in the terms
 * storage keeps: what the write path (db/queries/listings.ts) stores and compares. Exact decimal
 * strings for money; a validated GTIN-14.
 */
export const LISTING_CONDITIONS = ['new', 'used', 'refurbished'] as const;
/** Used and refurbished offers are shown apart and never compared with new ones. */
export type ListingCondition = (typeof LISTING_CONDITIONS)[number];

export interface ListingReading {
  url: string;
  title: string;
  sku?: string | null;
  brand?: string | null;
  gtin?: string | null;
  mpn?: string | null;
  image?: string | null;
  category?: string | null;
  price: string | null;
  listPrice?: string | null;
  currency: string | null;
  shippingCost?: string | null;
  deliveryMinDays?: number | null;
  deliveryMaxDays?: number | null;
  deliveryText?: string | null;
  availability: Availability;
  seller?: string | null;
  /** Default 'new'. */
  condition?: ListingCondition;
  extractedBy?: string | null;
  etag?: string | null;
  lastModified?: string | null;
}
