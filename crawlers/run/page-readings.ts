// One fetched (or rendered) product page → the readings to store, through the same extractors and
// normalising as every other path: the page's listing, or on a marketplace page one listing per
// seller offer (`<page url>#seller=<slug>`), each with its seller and condition.
import type { StoreConfig } from '../config/store-config.ts';
import { extractListing } from '../extract/index.ts';
import { extractOfferList, sellerListings, type RefusedOffer } from '../extract/offers.ts';
import { sellerListingUrl } from '../extract/seller-url.ts';
import type { ExtractedListing, ExtractionError } from '../extract/types.ts';
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
  /**
   * The page already has seller listings: a seller list down to one seller keeps that seller's
   * listing (and its history) rather than going back to one listing under the page URL.
   */
  hasSellerListings?: boolean;
}

/** A seller the page still lists whose offer could not be read: its listing keeps its last good reading. */
export interface UnreadSellerListing {
  url: string;
  kind: 'extract_absurd_price' | 'extract_no_price' | 'extract_malformed';
  message: string;
}

export type PageReadings =
  | { ok: true; readings: ListingReading[]; unread: UnreadSellerListing[] }
  | { ok: false; error: ExtractionError };

function unreadOf(pageUrl: string, refused: RefusedOffer[]): UnreadSellerListing[] {
  return refused.map((offer) => ({
    url: sellerListingUrl(pageUrl, offer.seller, offer.condition),
    kind: offer.absurd ? 'extract_absurd_price' : offer.reason.startsWith('failed validation') ? 'extract_malformed' : 'extract_no_price',
    message: `The offer of seller ${JSON.stringify(offer.seller.slice(0, 80))} (${offer.condition}) could not be read: ${offer.reason}`,
  }));
}

export function readingsOfPage(html: string, context: PageReadingContext): PageReadings {
  const { store } = context;
  const options = {
    url: context.finalUrl,
    fetchedAt: context.fetchedAt,
    currencyHint: store.currency,
    country: store.country,
    selectors: store.selectors,
  };
  const result = extractListing(html, options);
  const offers = extractOfferList(html, options, { singleSeller: context.hasSellerListings });
  const from = { url: context.url, ...context.validators };
  // Several sellers (or one, on a page that had several): one listing per seller. The page's product
  // fields come from the page's listing; a page whose chosen offer had an absurd price still has them.
  const base: ExtractedListing | undefined = result.ok
    ? result.listing
    : result.error.code === 'absurd_price' ? (result.partial as ExtractedListing | undefined) : undefined;
  if (base && offers.sellerList) {
    const { listings, refused } = sellerListings(base, offers.offers);
    const unread = unreadOf(context.url, [...offers.refused, ...refused]);
    if (listings.length === 0) {
      return { ok: false, error: { code: offers.refused.some((r) => r.absurd) ? 'absurd_price' : 'no_price', message: `no seller offer could be read: ${unread.map((u) => u.message).join('; ').slice(0, 2_000)}` } };
    }
    const readings = listings.map(({ listing, condition }) =>
      toListingReading({ ...listing, condition }, { ...from, url: sellerListingUrl(context.url, listing.seller!, condition) }),
    );
    return { ok: true, readings, unread };
  }
  if (!result.ok) return { ok: false, error: result.error };
  return { ok: true, readings: [toListingReading({ ...result.listing, condition: offers.condition }, from)], unread: [] };
}
