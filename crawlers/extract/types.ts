// The contract between extraction (HTML in) and everything downstream (storage, matching).
import type { Availability } from '../../domain/availability.ts';
import type { DeliveryPromise } from '../../domain/delivery.ts';


/** Which source produced a reading, in the order extraction tries them. */
export type ExtractionSource = 'jsonld' | 'microdata' | 'opengraph' | 'selectors' | 'generic';


/** What Tulna reads from one product page: one listing (the variant the shopper sees). */
export interface ExtractedListing {
  url: string;
  title: string;
  brand: string | null;
  sku: string | null;
  /** Validated GTIN normalised to 14 digits, or null. */
  gtin: string | null;
  mpn: string | null;
  image: string | null;
  category: string | null;
  /** Exact decimal string ("1234.50"), never a float; null when the page shows no price. */
  price: string | null;
  /** The "was"/list price shown beside a sale price. */
  listPrice: string | null;
  /** ISO 4217 code, or null when it cannot be told. */
  currency: string | null;
  /** Currency as written on the page ("₹", "Rs.", "US$"). */
  currencyText: string | null;
  /** Exact decimal; "0" for free shipping; null when unknown. */
  shippingCost: string | null;
  delivery: DeliveryPromise | null;
  availability: Availability;
  seller: string | null;
  /** The source each field came from, for debugging and for the benchmark's split. */
  source: ExtractionSource;
  fieldSources: Partial<Record<keyof ExtractedListing, ExtractionSource>>;
}

export type ExtractionErrorCode =
  | 'not_html' // binary junk, wrong content type
  | 'too_large' // input over the size cap
  | 'no_product' // a page that is not a product page
  | 'no_price' // a product page without a readable price (the listing may still be useful)
  | 'absurd_price' // a price outside what any store could mean (0, negative, > 10^9)
  | 'malformed'; // markup that could not be read at all

export interface ExtractionError {
  code: ExtractionErrorCode;
  message: string;
}

export type ExtractionResult =
  | { ok: true; listing: ExtractedListing; warnings: string[] }
  | { ok: false; error: ExtractionError; partial?: Partial<ExtractedListing> };

export interface ExtractOptions {
  url: string;
  /** When the page was fetched: delivery dates are turned into days from this moment. */
  fetchedAt?: Date;
  /** The store's currency, used when the page does not say. */
  currencyHint?: string;
  /** The store's country (ISO 3166 alpha-2), for dates and decimal conventions. */
  country?: string;
  /** CSS selector overrides from the store config (host-pattern matched). */
  selectors?: StoreSelectors;
}

/** Per-store CSS selectors for pages without usable markup. Each value is a selector list. */
export interface StoreSelectors {
  title?: string;
  price?: string;
  listPrice?: string;
  currency?: string;
  availability?: string;
  sku?: string;
  brand?: string;
  gtin?: string;
  mpn?: string;
  image?: string;
  category?: string;
  shipping?: string;
  delivery?: string;
  seller?: string;
  /** Marketplaces: each seller's offer row; the offer* selectors below are read inside it. */
  offer?: string;
  offerSeller?: string;
  offerPrice?: string;
  offerShipping?: string;
  offerDelivery?: string;
  offerCondition?: string;
  offerAvailability?: string;
}
