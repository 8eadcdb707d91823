// The read side of the shopper site: a product with its offers, products by barcode, a store's
// page, current deals and price history. Money stays an exact decimal string throughout.
import { eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../client.ts';
import { products, stores, type Product, type Store } from '../schema.ts';
import { BUYABLE_AVAILABILITY, isBuyable, type Availability, type ListingStatus } from '../../domain/availability.ts';
import type { Offer } from '../../domain/offer.ts';


export interface ProductWithOffers {
  product: Product;
  /** Buyable offers by total price (cheapest first), then the ones that cannot be bought now. */
  offers: Offer[];
}

/** The SQL of isBuyable for the listings row `alias` (constants only: no user value). */
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
}

const toDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

function toOffer(row: OfferQueryRow): Offer {
  return {
    listingId: Number(row.listing_id),
    storeId: row.store_id,
    storeName: row.store_name,
    url: row.url,
    title: row.title,
    seller: row.seller,
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
  };
}

/**
 * Offers of a product (listings not marked gone), in the order the product page shows them:
 * buyable offers (isBuyable) in the product's main currency by total, then other currencies (never
 * compared across: there are no exchange rates here), then what cannot be bought now.
 */
export async function listOffersByProduct(db: Database, productId: number): Promise<Offer[]> {
  const rows = await queryRows<OfferQueryRow>(
    db,
    sql`SELECT l.id AS listing_id, l.store_id, s.name AS store_name, l.url, l.title, l.seller,
               l.price::text AS price, l.currency, l.shipping_cost::text AS shipping_cost,
               (l.price + coalesce(l.shipping_cost, 0))::text AS total,
               l.delivery_min_days, l.delivery_max_days, l.delivery_text, l.availability, l.status,
               l.last_checked_at
          FROM listings l JOIN stores s ON s.id = l.store_id
          -- Prices are compared within one currency: the one most buyable offers use (else most offers).
          LEFT JOIN LATERAL (
            SELECT coalesce(mode() WITHIN GROUP (ORDER BY m.currency) FILTER (WHERE ${buyableSql('m')}),
                            mode() WITHIN GROUP (ORDER BY m.currency)) AS currency
              FROM listings m WHERE m.product_id = ${productId} AND m.status <> 'gone' AND m.price IS NOT NULL
          ) main ON true
         WHERE l.product_id = ${productId} AND l.status <> 'gone'
         ORDER BY ${buyableSql('l')} DESC,
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

export interface Deal {
  productId: number;
  title: string;
  storeId: string;
  storeName: string;
  price: string;
  /** The listing's own median price over the window, before today's price. */
  medianPrice: string;
  currency: string | null;
  /** Whole percent below the median, e.g. 15. */
  dropPercent: number;
  since: Date;
}

export interface ListDealsOptions {
  limit?: number;
  /** How far back the median looks (default 30 days). */
  windowDays?: number;
  /** Smallest drop that counts, in percent (default 5). */
  minDropPercent?: number;
  now?: Date;
}

/**
 * Real drops: in-stock listings whose current price is below the median of their own earlier
 * observed prices over the window (at least two before the current one), biggest drop first,
 * one per product.
 */
export async function listCurrentDeals(db: Database, options: ListDealsOptions = {}): Promise<Deal[]> {
  const { limit = 6, windowDays = 30, minDropPercent = 5, now = new Date() } = options;
  const since = new Date(now.getTime() - windowDays * 86_400_000);
  const rows = await queryRows<{
    product_id: string | number;
    title: string;
    store_id: string;
    store_name: string;
    price: string;
    median_price: string;
    currency: string | null;
    drop_percent: string | number;
    since: Date | string;
  }>(
    db,
    sql`WITH changing AS (
          -- only listings whose price moved at least twice in the window can show a drop
          SELECT listing_id FROM price_observations
           WHERE observed_at >= ${since.toISOString()}::timestamptz
           GROUP BY listing_id HAVING count(*) >= 3
        ), ranked AS (
          SELECT o.listing_id, o.price, o.observed_at,
                 row_number() OVER (PARTITION BY o.listing_id ORDER BY o.observed_at DESC, o.id DESC) AS recency
            FROM price_observations o JOIN changing c ON c.listing_id = o.listing_id
           WHERE o.observed_at >= ${since.toISOString()}::timestamptz
        ), history AS (
          -- the newest observation is the current price: the median is of the prices before it
          SELECT listing_id,
                 percentile_cont(0.5) WITHIN GROUP (ORDER BY price) AS median_price,
                 max(observed_at) AS last_change
            FROM ranked WHERE recency > 1 AND price IS NOT NULL
           GROUP BY listing_id HAVING count(*) >= 2
        ), drops AS (
          SELECT DISTINCT ON (l.product_id)
                 l.product_id, p.title, l.store_id, s.name AS store_name, l.price, l.currency,
                 h.median_price, h.last_change,
                 round(100 * (1 - l.price / h.median_price::numeric)) AS drop_percent
            FROM history h
            JOIN listings l ON l.id = h.listing_id
            JOIN products p ON p.id = l.product_id
            JOIN stores s ON s.id = l.store_id
           WHERE ${buyableSql('l')}
             AND l.price <= h.median_price::numeric * (1 - ${minDropPercent}::numeric / 100)
           ORDER BY l.product_id, l.price / h.median_price::numeric ASC
        )
        SELECT product_id, title, store_id, store_name, price::text AS price,
               round(median_price::numeric, 2)::text AS median_price, currency, drop_percent, last_change AS since
          FROM drops ORDER BY drop_percent DESC, product_id LIMIT ${limit}`,
  );
  return rows.map((row) => ({
    productId: Number(row.product_id),
    title: row.title,
    storeId: row.store_id,
    storeName: row.store_name,
    price: row.price,
    medianPrice: row.median_price,
    currency: row.currency?.trim() ?? null,
    dropPercent: Number(row.drop_percent),
    since: toDate(row.since),
  }));
}

export interface PricePoint {
  at: Date;
  /** Lowest known price among the product's offers at that moment. */
  price: number;
}

export interface ProductObservation {
  listingId: number;
  observedAt: Date;
  price: string | null;
  currency: string | null;
  availability: Availability;
}

/**
 * Price observations of a product's offers over the last `days`, oldest first, each offer's last
 * observation before the window included (its price when the window opened).
 */
export async function listProductObservations(
  db: Database,
  productId: number,
  options: { days?: number; now?: Date } = {},
): Promise<{ since: Date; observations: ProductObservation[] }> {
  const { days = 90, now = new Date() } = options;
  const since = new Date(now.getTime() - days * 86_400_000);
  const rows = await queryRows<{ listing_id: string | number; observed_at: Date | string; price: string | null; currency: string | null; availability: Availability }>(
    db,
    sql`SELECT o.listing_id, o.observed_at, o.price::text AS price, o.currency, o.availability
          FROM listings l
          CROSS JOIN LATERAL (
            (SELECT b.listing_id, b.observed_at, b.price, b.currency, b.availability, b.id FROM price_observations b
              WHERE b.listing_id = l.id AND b.observed_at < ${since.toISOString()}::timestamptz
              ORDER BY b.observed_at DESC, b.id DESC LIMIT 1)
            UNION ALL
            (SELECT w.listing_id, w.observed_at, w.price, w.currency, w.availability, w.id FROM price_observations w
              WHERE w.listing_id = l.id AND w.observed_at >= ${since.toISOString()}::timestamptz)
          ) o
         WHERE l.product_id = ${productId} AND l.status <> 'gone'
         ORDER BY o.observed_at, o.id`,
  );
  return {
    since,
    observations: rows.map((row) => ({
      listingId: Number(row.listing_id),
      observedAt: toDate(row.observed_at),
      price: row.price,
      currency: row.currency?.trim() ?? null,
      availability: row.availability,
    })),
  };
}

/**
 * The lowest price among buyable offers in `currency` over time, one point per change, oldest
 * first. Numbers here are for drawing only; displayed prices come from the offers.
 */
export function toLowestPriceSeries(observations: ProductObservation[], currency: string | null, since: Date): PricePoint[] {
  const current = new Map<number, number>();
  const points: PricePoint[] = [];
  for (const row of observations) {
    if (isBuyable(row) && row.currency === currency) current.set(row.listingId, Number(row.price));
    else current.delete(row.listingId);
    if (current.size === 0) continue;
    const at = row.observedAt < since ? since : row.observedAt;
    const price = Math.min(...current.values());
    const last = points[points.length - 1];
    if (last && last.at.getTime() === at.getTime()) last.price = price;
    else if (!last || last.price !== price) points.push({ at, price });
  }
  return points;
}

/** The product's lowest-price series (in `currency`, default the first observed one). */
export async function listProductPriceHistory(
  db: Database,
  productId: number,
  options: { currency?: string | null; days?: number; now?: Date } = {},
): Promise<PricePoint[]> {
  const { since, observations } = await listProductObservations(db, productId, options);
  const currency = options.currency ?? observations.find((row) => row.currency)?.currency ?? null;
  return toLowestPriceSeries(observations, currency, since);
}
