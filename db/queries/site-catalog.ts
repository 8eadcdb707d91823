// The read side of the shopper site: a product with its offers, products by barcode, a store's
// page and price history (deals: db/queries/deals/). Money stays an exact decimal string throughout.
import { eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../client.ts';
import { products, stores, type Product, type Store } from '../schema.ts';
import { BUYABLE_AVAILABILITY, type Availability, type ListingStatus } from '../../domain/availability.ts';
import type { ListingCondition } from '../../domain/listing.ts';
import type { Offer } from '../../domain/offer.ts';


export interface ProductWithOffers {
  product: Product;
  /** Buyable offers by total price (cheapest first), then the ones that cannot be bought now. */
  offers: ProductOffer[];
}

/** The SQL of domain/availability.ts isBuyable for the listings row `alias` (constants only: no user value). */
export function buyableSql(alias = 'l'): SQL {
  const list = BUYABLE_AVAILABILITY.map((a) => `'${a}'`).join(', ');
  return sql.raw(`(${alias}.status = 'active' AND ${alias}.price IS NOT NULL AND ${alias}.availability IN (${list}))`);
}

interface OfferQueryRow {
  listing_id: string | number;
  store_id: string;
  store_name: string;
  url: string;
  title: string;
  seller: string | null;
  condition: ListingCondition;
  price: string | null;
  currency: string | null;
  shipping_cost: string | null;
  total: string | null;
  delivery_min_days: number | null;
  delivery_max_days: number | null;
  delivery_text: string | null;
  availability: Availability;
  status: ListingStatus;
  last_checked_at: Date | string;
  list_price: string | null;
  list_price_charged: boolean | null;
}

/** A product page offer: the listing's offer plus the store's "was" price, checked against its history. */
export interface ProductOffer extends Offer {
  /** The store's "was"/MRP price, only when it is above today's price; null otherwise. */
  listPrice: string | null;
  /**
   * Whether a confirmed buyable reading of this listing in the last 30 days (the one in force when
   * they began included) charged at least `listPrice`; false = an inflated "was"; null without one.
   */
  listPriceCharged: boolean | null;
}

/** How far back a "was" price must have been charged to be shown as one. */
export const WAS_PRICE_WINDOW_DAYS = 30;

const toDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

function toOffer(row: OfferQueryRow): ProductOffer {
  return {
    listingId: Number(row.listing_id),
    storeId: row.store_id,
    storeName: row.store_name,
    url: row.url,
    title: row.title,
    seller: row.seller,
    condition: row.condition,
    price: row.price,
    currency: row.currency?.trim() ?? null,
    shippingCost: row.shipping_cost,
    total: row.total,
    deliveryMinDays: row.delivery_min_days,
    deliveryMaxDays: row.delivery_max_days,
    deliveryText: row.delivery_text,
    availability: row.availability,
    status: row.status,
    lastCheckedAt: toDate(row.last_checked_at),
    listPrice: row.list_price,
    listPriceCharged: row.list_price_charged,
  };
}

/**
 * Offers of a product (listings not marked gone), in the order the product page shows them: new
 * offers first, then used and refurbished ones (shown apart, never compared with new); within each,
 * buyable offers (isBuyable) in the product's main currency by total, then other currencies (never
 * compared across: there are no exchange rates here), then what cannot be bought now.
 */
export async function listOffersByProduct(db: Database, productId: number, now = new Date()): Promise<ProductOffer[]> {
  const wasSince = new Date(now.getTime() - WAS_PRICE_WINDOW_DAYS * 86_400_000).toISOString();
  const buyableList = sql.raw(BUYABLE_AVAILABILITY.map((a) => `'${a}'`).join(', '));
  const rows = await queryRows<OfferQueryRow>(
    db,
    sql`SELECT l.id AS listing_id, l.store_id, s.name AS store_name, l.url, l.title, l.seller, l.condition,
               l.price::text AS price, l.currency, l.shipping_cost::text AS shipping_cost,
               (l.price + coalesce(l.shipping_cost, 0))::text AS total,
               l.delivery_min_days, l.delivery_max_days, l.delivery_text, l.availability, l.status,
               l.last_checked_at,
               CASE WHEN l.list_price > l.price THEN l.list_price::text END AS list_price,
               CASE WHEN l.list_price > l.price THEN coalesce(was.charged, false) END AS list_price_charged
          FROM listings l JOIN stores s ON s.id = l.store_id
          -- A "was" price counts only if this listing really charged it lately (confirmed readings).
          LEFT JOIN LATERAL (
            SELECT bool_or(h.price >= l.list_price) AS charged FROM (
              (SELECT b.price, b.currency, b.availability, b.confirmed FROM price_observations b
                WHERE b.listing_id = l.id AND b.observed_at < ${wasSince}::timestamptz
                ORDER BY b.observed_at DESC, b.id DESC LIMIT 1)
              UNION ALL
              (SELECT w.price, w.currency, w.availability, w.confirmed FROM price_observations w
                WHERE w.listing_id = l.id AND w.observed_at >= ${wasSince}::timestamptz)
            ) h
             WHERE h.confirmed AND h.price IS NOT NULL AND h.availability IN (${buyableList})
               AND h.currency IS NOT DISTINCT FROM l.currency
          ) was ON l.list_price > l.price
          -- Prices are compared within one currency: the one most buyable new offers use (else most new
          -- offers, else most offers).
          LEFT JOIN LATERAL (
            SELECT coalesce(mode() WITHIN GROUP (ORDER BY m.currency) FILTER (WHERE ${buyableSql('m')} AND m.condition = 'new'),
                            mode() WITHIN GROUP (ORDER BY m.currency) FILTER (WHERE m.condition = 'new'),
                            mode() WITHIN GROUP (ORDER BY m.currency)) AS currency
              FROM listings m WHERE m.product_id = ${productId} AND m.status <> 'gone' AND m.price IS NOT NULL
          ) main ON true
         WHERE l.product_id = ${productId} AND l.status <> 'gone'
         ORDER BY (l.condition <> 'new') ASC,
                  ${buyableSql('l')} DESC,
                  (l.currency IS DISTINCT FROM main.currency) ASC,
                  l.price + coalesce(l.shipping_cost, 0) ASC,
                  coalesce(l.delivery_min_days, l.delivery_max_days, 999) ASC,
                  s.name ASC, l.id ASC`,
  );
  return rows.map(toOffer);
}

export async function getProductById(db: Database, productId: number): Promise<Product | undefined> {
  const [row] = await db.select().from(products).where(eq(products.id, productId));
  return row;
}

/** The product and its offers, or undefined when no such product exists. */
export async function getProductWithOffers(db: Database, productId: number): Promise<ProductWithOffers | undefined> {
  const [product, offers] = await Promise.all([getProductById(db, productId), listOffersByProduct(db, productId)]);
  return product ? { product, offers } : undefined;
}

/**
 * Products carrying this GTIN-14, best first: the product's own barcodes, then its listings'.
 * Several ids mean the matcher has not merged them (yet).
 */
export async function listProductIdsByGtin(db: Database, gtin14: string): Promise<number[]> {
  const rows = await queryRows<{ id: string | number }>(
    db,
    sql`SELECT id FROM (
          SELECT p.id, 0 AS rank FROM products p WHERE p.gtins @> ARRAY[${gtin14}]::text[]
          UNION ALL
          SELECT l.product_id AS id, 1 AS rank FROM listings l
           WHERE l.gtin = ${gtin14} AND l.product_id IS NOT NULL AND l.status <> 'gone'
        ) found
        GROUP BY id ORDER BY min(rank), count(*) DESC, id LIMIT 10`,
  );
  return rows.map((row) => Number(row.id));
}

export interface StorePageData {
  store: Store;
  listings: { total: number; active: number; stale: number; gone: number; inStock: number; matched: number };
  lastCrawl: { startedAt: Date; finishedAt: Date | null; status: string; pages: number; errors: number } | null;
  /** Recently checked products of this store, with the store's own price. */
  products: { productId: number; title: string; price: string | null; currency: string | null; availability: Availability }[];
}

/** Everything the store page shows, or undefined for an unknown store. */
export async function getStorePageData(db: Database, storeId: string, productLimit = 24): Promise<StorePageData | undefined> {
  const [store] = await db.select().from(stores).where(eq(stores.id, storeId));
  if (!store) return undefined;
  const [counts, runs, products] = await Promise.all([
    queryRows<Record<string, string | number>>(
      db,
      sql`SELECT count(*) AS total,
                 count(*) FILTER (WHERE status = 'active') AS active,
                 count(*) FILTER (WHERE status = 'stale') AS stale,
                 count(*) FILTER (WHERE status = 'gone') AS gone,
                 count(*) FILTER (WHERE ${buyableSql('listings')}) AS in_stock,
                 count(*) FILTER (WHERE product_id IS NOT NULL) AS matched
            FROM listings WHERE store_id = ${storeId}`,
    ),
    queryRows<{ started_at: Date | string; finished_at: Date | string | null; status: string; pages: number; errors: number }>(
      db,
      sql`SELECT started_at, finished_at, status, pages, errors FROM crawl_runs
           WHERE store_id = ${storeId} ORDER BY started_at DESC LIMIT 1`,
    ),
    queryRows<{ product_id: string | number; title: string; price: string | null; currency: string | null; availability: Availability }>(
      db,
      sql`SELECT l.product_id, coalesce(p.title, l.title) AS title, l.price::text AS price, l.currency, l.availability
            FROM listings l JOIN products p ON p.id = l.product_id
           WHERE l.store_id = ${storeId} AND l.status <> 'gone'
           ORDER BY l.last_checked_at DESC, l.id DESC LIMIT ${productLimit}`,
    ),
  ]);
  const c = counts[0] ?? {};
  const run = runs[0];
  return {
    store,
    listings: {
      total: Number(c.total ?? 0),
      active: Number(c.active ?? 0),
      stale: Number(c.stale ?? 0),
      gone: Number(c.gone ?? 0),
      inStock: Number(c.in_stock ?? 0),
      matched: Number(c.matched ?? 0),
    },
    lastCrawl: run
      ? {
          startedAt: toDate(run.started_at),
          finishedAt: run.finished_at ? toDate(run.finished_at) : null,
          status: run.status,
          pages: run.pages,
          errors: run.errors,
        }
      : null,
    products: products.map((row) => ({
      productId: Number(row.product_id),
      title: row.title,
      price: row.price,
      currency: row.currency?.trim() ?? null,
      availability: row.availability,
    })),
  };
}
