// The product page's one data call: the product, its offers in words, and its price history.
import { getProductWithOffers } from '../../../db/queries/site-catalog.ts';
import { DEFAULT_HISTORY_RANGE, listConfirmedObservations, type HistoryRange } from '../../../db/queries/price-history/observations.ts';
import type { Product } from '../../../db/schema.ts';
import { getDb, siteTimeZone } from '../../lib/context.server.ts';
import { toProductHistory, type ProductHistory } from '../history/history.ts';
import { lowestBuyableTotal, toOfferRows, type OfferRow } from './offers.ts';

export interface ProductPageData {
  product: Product;
  offers: OfferRow[];
  /** Confirmed readings only: the chart of `range` and the verdict on the whole history. */
  history: ProductHistory;
  currency: string | null;
  /** The "from" figure: lowest buyable total in `currency`; null when nothing is buyable now. */
  lowest: { total: string; currency: string | null } | null;
  now: Date;
}

export async function getProductPageData(productId: number, now = new Date(), range: HistoryRange = DEFAULT_HISTORY_RANGE): Promise<ProductPageData | undefined> {
  const db = await getDb();
  // Offers and price history in parallel: the page costs one round trip of the database.
  const [found, { observations }] = await Promise.all([
    getProductWithOffers(db, productId),
    // All of it: the verdict (lowest ever, usual range) looks past the range drawn.
    listConfirmedObservations(db, productId, { range: 'all', now }),
  ]);
  if (!found) return undefined;
  const offers = toOfferRows(found.offers, now, siteTimeZone());
  const currency = offers.find((offer) => offer.buyable)?.currency ?? offers[0]?.currency ?? null;
  const history = toProductHistory(observations, { currency, range, now });
  return { product: found.product, offers, history, currency, lowest: lowestBuyableTotal(offers), now };
}

/** The public JSON shape of `GET /api/products/<id>`. */
export function toApiProduct({ product, offers, lowest }: ProductPageData) {
  return {
    id: product.id,
    title: product.title,
    brand: product.brand,
    model: product.model,
    category: product.category,
    gtins: product.gtins,
    url: `/p/${product.id}`,
    /** Lowest buyable total and its currency; null when no offer can be bought now. */
    lowest,
    offers: offers.map((offer) => ({
      store: { id: offer.storeId, name: offer.storeName, url: `/stores/${offer.storeId}` },
      url: offer.url,
      title: offer.title,
      price: offer.price,
      shipping: offer.shippingCost,
      total: offer.total,
      currency: offer.currency,
      availability: offer.availability,
      delivery: offer.delivery.words,
      deliveryMinDays: offer.deliveryMinDays,
      deliveryMaxDays: offer.deliveryMaxDays,
      lastCheckedAt: offer.lastCheckedAt.toISOString(),
      cheapest: offer.cheapest,
      fastest: offer.fastest,
    })),
  };
}
