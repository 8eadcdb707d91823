// One fetched (or rendered) product page → the readings to store: the page's listing, through the
// same extractors and normalising as every other path.
import type { StoreConfig } from '../config/store-config.ts';
import { extractListing } from '../extract/index.ts';
import type { ExtractionError } from '../extract/types.ts';
import { toListingReading } from '../normalise/listing-reading.ts';
import type { ListingReading } from '../../domain/listing.ts';

export interface PageReadingContext {
  /** The URL the listing is stored under (the one asked for). */
  url: string;
  /** Where the page was finally read from (after redirects). */
  finalUrl: string;
  fetchedAt: Date;
  store: StoreConfig;
  /** The response's validators, kept for the next conditional request. */
  validators: { etag: string | null; lastModified: string | null };
}

export type PageReadings = { ok: true; readings: ListingReading[] } | { ok: false; error: ExtractionError };

export function readingsOfPage(html: string, context: PageReadingContext): PageReadings {
  const { store } = context;
  const result = extractListing(html, {
    url: context.finalUrl,
    fetchedAt: context.fetchedAt,
    currencyHint: store.currency,
    country: store.country,
    selectors: store.selectors,
  });
  if (!result.ok) return { ok: false, error: result.error };
  return { ok: true, readings: [toListingReading(result.listing, { url: context.url, ...context.validators })] };
}
