// The one mapping into what storage keeps: a listing read from a page (ExtractedListing) or from a
// structured source's record becomes a ListingReading, every text field capped the same way.
import type { DeliveryPromise } from '../../domain/delivery.ts';
import type { ListingReading } from '../../domain/listing.ts';
import { capField } from './field-caps.ts';
import { normaliseGtin } from './identifiers.ts';

/** The fields any reader produces (the stored reading's, delivery as read); money already exact and checked. */
export type ReadListing = Pick<ListingReading, 'url' | 'title' | 'price' | 'currency' | 'availability'> &
  Partial<Pick<ListingReading, 'sku' | 'brand' | 'gtin' | 'mpn' | 'image' | 'category' | 'listPrice' | 'shippingCost' | 'seller' | 'condition'>> & {
    delivery?: DeliveryPromise | null;
    /** The extractor that read it (a page's), unless `from.extractedBy` says otherwise. */
    source?: string;
  };

export interface ReadFrom {
  /** The address the listing was fetched at, when it differs from the one it names. */
  url?: string;
  /** Which reader: a page extractor ("jsonld") or a source kind ("shopify"). */
  extractedBy?: string;
  etag?: string | null;
  lastModified?: string | null;
}

export function toListingReading(read: ReadListing, from: ReadFrom = {}): ListingReading {
  const url = from.url ?? read.url;
  const delivery = read.delivery ?? null;
  // "FREE delivery" with no stated cost is a shipping cost of zero.
  const shippingCost = read.shippingCost ?? (delivery?.free ? '0' : null);
  return {
    url,
    title: capField('title', read.title) ?? url,
    sku: capField('sku', read.sku),
    brand: capField('brand', read.brand),
    gtin: normaliseGtin(read.gtin ?? null),
    mpn: capField('mpn', read.mpn),
    image: capField('image', read.image),
    category: capField('category', read.category),
    price: read.price,
    listPrice: read.listPrice ?? null,
    currency: read.currency,
    shippingCost,
    deliveryMinDays: delivery?.minDays ?? null,
    deliveryMaxDays: delivery?.maxDays ?? null,
    deliveryText: capField('deliveryText', delivery?.text),
    availability: read.availability,
    seller: capField('seller', read.seller),
    condition: read.condition ?? 'new',
    extractedBy: from.extractedBy ?? read.source ?? null,
    etag: from.etag ?? null,
    lastModified: from.lastModified ?? null,
  };
}
