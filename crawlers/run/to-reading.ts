// Maps what extraction read from a page to what storage keeps.
import type { ListingReading } from '../../db/queries/listings.ts';
import type { ExtractedListing } from '../extract/types.ts';

/** Title cap: stores sometimes stuff whole descriptions into the title. */
const MAX_TITLE = 500;
const MAX_TEXT = 1_000;

function cap(value: string | null | undefined, max = MAX_TEXT): string | null {
  if (value == null) return null;
  const trimmed = value.trim();
  return trimmed ? trimmed.slice(0, max) : null;
}

export function toListingReading(
  extracted: ExtractedListing,
  page: { url: string; etag?: string | null; lastModified?: string | null },
): ListingReading {
  const delivery = extracted.delivery;
  // "FREE delivery" with no stated cost is a shipping cost of zero.
  const shippingCost = extracted.shippingCost ?? (delivery?.free ? '0' : null);
  return {
    url: page.url,
    title: cap(extracted.title, MAX_TITLE) ?? page.url,
    sku: cap(extracted.sku, 200),
    brand: cap(extracted.brand, 200),
    gtin: extracted.gtin,
    mpn: cap(extracted.mpn, 200),
    image: cap(extracted.image, 2_000),
    category: cap(extracted.category, 300),
    price: extracted.price,
    listPrice: extracted.listPrice,
    currency: extracted.currency,
    shippingCost,
    deliveryMinDays: delivery?.minDays ?? null,
    deliveryMaxDays: delivery?.maxDays ?? null,
    deliveryText: cap(delivery?.text, 300),
    availability: extracted.availability,
    seller: cap(extracted.seller, 200),
    extractedBy: extracted.source,
    etag: page.etag ?? null,
    lastModified: page.lastModified ?? null,
  };
}
