// Maps what extraction read from a page to what storage keeps.
import type { ListingReading } from '../../db/queries/listings.ts';
import type { ExtractedListing } from '../extract/types.ts';
import { capField } from '../normalise/field-caps.ts';

export function toListingReading(
  extracted: ExtractedListing,
  page: { url: string; etag?: string | null; lastModified?: string | null },
): ListingReading {
  const delivery = extracted.delivery;
  // "FREE delivery" with no stated cost is a shipping cost of zero.
  const shippingCost = extracted.shippingCost ?? (delivery?.free ? '0' : null);
  return {
    url: page.url,
    title: capField('title', extracted.title) ?? page.url,
    sku: capField('sku', extracted.sku),
    brand: capField('brand', extracted.brand),
    gtin: extracted.gtin,
    mpn: capField('mpn', extracted.mpn),
    image: capField('image', extracted.image),
    category: capField('category', extracted.category),
    price: extracted.price,
    listPrice: extracted.listPrice,
    currency: extracted.currency,
    shippingCost,
    deliveryMinDays: delivery?.minDays ?? null,
    deliveryMaxDays: delivery?.maxDays ?? null,
    deliveryText: capField('deliveryText', delivery?.text),
    availability: extracted.availability,
    seller: capField('seller', extracted.seller),
    extractedBy: extracted.source,
    etag: page.etag ?? null,
    lastModified: page.lastModified ?? null,
  };
}
