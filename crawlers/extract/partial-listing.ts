// A PartialListing is what one source (JSON-LD, microdata, OpenGraph, selectors, generic) found on a page,
// already normalised field by field. index.ts merges the partials of all sources into one ExtractedListing.
import type { ExtractionSource } from './types.ts';
import type { Availability } from '../../domain/availability.ts';
import type { DeliveryPromise } from '../../domain/delivery.ts';
import type { ListingCondition } from '../../domain/listing.ts';

export interface PartialListing {
  title?: string;
  brand?: string;
  sku?: string;
  /** Validated GTIN-14. */
  gtin?: string;
  mpn?: string;
  image?: string;
  category?: string;
  /** Exact decimal string, not yet checked against the valid-price rule (merge.ts does). */
  price?: string;
  /** The source's price field when it was refused as no one number ("12abc"), with the reason. */
  refusedPrice?: { value: string; reason: string };
  listPrice?: string;
  /** ISO 4217 code. */
  currency?: string;
  /** Currency as written. */
  currencyText?: string;
  shippingCost?: string;
  delivery?: DeliveryPromise;
  availability?: Availability;
  seller?: string;
}

export type PartialListingField = keyof PartialListing;

export interface SourcedPartial {
  source: ExtractionSource;
  reading: PartialListing;
  /** Notes for the result's warnings ("3 offers, chose the one matching the URL"). */
  notes?: string[];
  /** Other offers the markup lists (other sellers, other variants), for the "what does the page show" check. */
  alternatives?: PartialListing[];
  /** How many products the source's markup describes (a category page may mark up every tile). */
  products?: number;
}

/** One seller's offer on a marketplace page as a source found it, before checks (offers.ts). */
export interface DraftOffer {
  seller?: string;
  condition: ListingCondition | null;
  reading: PartialListing;
}

/** Trims a scraped string to a sane length; undefined for empty or non-string values. */
export function cleanText(value: unknown, max = 500): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/[\s\u00a0]+/g, ' ').trim();
  if (!text) return undefined;
  return text.length > max ? text.slice(0, max) : text;
}
