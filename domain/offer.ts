// One store's current offer for a product, as shoppers, retailers and alerts see it. Pure types.
import type { Availability, ListingStatus } from './availability.ts';
import type { ListingCondition } from './listing.ts';

/** One store's offer for a product: a listing plus the store's name, as the product page shows it. */
export interface Offer {
  listingId: number;
  storeId: string;
  storeName: string;
  url: string;
  title: string;
  /** The marketplace seller (null: the store itself, or not said). */
  seller: string | null;
  /** Absent: new. Used and refurbished offers are shown apart and never compared with new ones. */
  condition?: ListingCondition;
  price: string | null;
  currency: string | null;
  /** null = the store did not say; "0" = free. */
  shippingCost: string | null;
  /** price + shipping (price alone when shipping is unknown); null when there is no price. */
  total: string | null;
  deliveryMinDays: number | null;
  deliveryMaxDays: number | null;
  deliveryText: string | null;
  availability: Availability;
  status: ListingStatus;
  lastCheckedAt: Date;
}
