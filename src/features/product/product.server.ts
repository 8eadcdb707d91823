// The product page's data: the product, its offers in words, and (for the page) its price history.
import { getProductWithOffers } from '../../../db/queries/site-catalog.ts';
import { DEFAULT_HISTORY_RANGE, listConfirmedObservations, type HistoryRange } from '../../../db/queries/price-history/observations.ts';
import type { Product } from '../../../db/schema.ts';
import { getDb, siteTimeZone } from '../../lib/context.server.ts';
import { toProductHistory, type ProductHistory } from '../history/history.ts';
import { lowestBuyableTotal, toOfferRows, type OfferRow } from './offers.ts';

/** A product with its offers in words: what the APIs and the follow form need. */
export interface ProductOffersData {
  product: Product;
  offers: OfferRow[];
  currency: string | null;
  /** The "from" figure: lowest buyable total in `currency`; null when nothing is buyable now. */
  lowest: { total: string; currency: string | null } | null;
  now: Date;
}

export interface ProductPageData extends ProductOffersData {
  /** Confirmed readings only: the chart of `range` and the verdict on the whole history. */
  history: ProductHistory;
}

type FoundProduct = NonNullable<Awaited<ReturnType<typeof getProductWithOffers>>>;

function toOffersData(found: FoundProduct, now: Date): ProductOffersData {
  const offers = toOfferRows(found.offers, now, siteTimeZone());
  // The main currency is the new offers': second-hand ones are never compared with them.
  const currency = (offers.find((offer) => offer.buyable && offer.isNew) ?? offers.find((offer) => offer.isNew) ?? offers[0])?.currency ?? null;
  return { product: found.product, offers, currency, lowest: lowestBuyableTotal(offers), now };
}

/** The product and its offers without the price history (the JSON APIs, barcode answers, sign-up). */
export async function getProductOffersData(productId: number, now = new Date()): Promise<ProductOffersData | undefined> {
  const found = await getProductWithOffers(await getDb(), productId);
  return found ? toOffersData(found, now) : undefined;
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
  const data = toOffersData(found, now);
  return { ...data, history: toProductHistory(observations, { currency: data.currency, range, now }) };
}

/** The public JSON shape of `GET /api/products/<id>`. */
export function toApiProduct({ product, offers, lowest }: ProductOffersData) {
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
      seller: offer.seller,
      condition: offer.condition ?? 'new',
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
