// Honest deals: a product's current lowest buyable total measured against the lowest total the
// whole market (every store of the product, same currency) charged in the 30 days before the drop,
// as the EU Omnibus Directive (2019/2161, art. 6a of 98/6/EC) defines a "prior price". Never
// against the store's own "was" price. Only confirmed readings count (domain/price-signal.ts).
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../../client.ts';
import { BUYABLE_AVAILABILITY } from '../../../domain/availability.ts';
import { buyableSql } from '../site-catalog.ts';

export interface MarketDeal {
  productId: number;
  title: string;
  category: string | null;
  storeId: string;
  storeName: string;
  listingId: number;
  /** The price observation that started the drop: with the product, a stable id of the deal. */
  readingId: number;
  /** Today's lowest buyable total (price + shipping, shipping unknown counted as 0). */
  total: string;
  /** The market's lowest buyable total in the 30 days before `since`. */
  reference: string;
  currency: string;
  /** Whole percent below `reference`, rounded down, e.g. 12. */
  dropPercent: number;
  /** When the current reading (the drop) was first observed. */
  since: Date;
  deliveryMinDays: number | null;
  deliveryMaxDays: number | null;
}

export interface ListMarketDealsOptions {
  /** How far back before the drop the market's low is looked for, in days (default 30, the Omnibus window). */
  windowDays?: number;
  /** A drop older than this many days is today's normal price, no longer a deal (default 30). */
  maxAgeDays?: number;
  /** Smallest drop that counts, percent (default 5). */
  minDropPercent?: number;
  /** Only products of this category (products.category, exactly). */
  category?: string;
  /** Only deals whose cheapest offer is this store's. */
  storeId?: string;
  /** Only deals delivered within this many days (delivery_max_days <= N; unknown delivery is left out). */
  deliveryWithinDays?: number;
  /** Only this currency (ISO code); default every currency, each product once per currency. */
  currency?: string;
  /** Page size (default 20) and how many deals to skip (default 0). */
  limit?: number;
  offset?: number;
  now?: Date;
}

export interface MarketDealPage {
  deals: MarketDeal[];
  /** All deals matching the filters, for paging. */
  total: number;
}

export const DEFAULT_MIN_DROP_PERCENT = 5;
export const DEAL_WINDOW_DAYS = 30;

function wholeNumber(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`listMarketDeals: expected ${name} to be a whole number from ${min} to ${max}, found ${value}`);
  }
  return value;
}

/** The SQL of "buyable" for a stored observation `alias` (constants only). */
function buyableReadingSql(alias: string): SQL {
  const list = BUYABLE_AVAILABILITY.map((a) => `'${a}'`).join(', ');
  return sql.raw(`(${alias}.price IS NOT NULL AND ${alias}.availability IN (${list}))`);
}

/**
 * The current deals, biggest real drop first. For each product and currency: the cheapest buyable
 * offer whose current reading is confirmed (ties: the one that dropped first). Its reference is the
 * lowest buyable total among the confirmed readings of all the product's listings in that currency
 * within [since − window, since), each listing's reading in force when the window opened included,
 * the drop's own reading excluded. It is a deal when the total is at least `minDropPercent` below.
 * Filters (store, delivery) apply to that cheapest offer: they never promote a dearer one.
 */
export async function listMarketDeals(db: Database, options: ListMarketDealsOptions = {}): Promise<MarketDealPage> {
  const now = options.now ?? new Date();
  const windowDays = wholeNumber('windowDays', options.windowDays ?? DEAL_WINDOW_DAYS, 1, 365);
  const maxAgeDays = wholeNumber('maxAgeDays', options.maxAgeDays ?? DEAL_WINDOW_DAYS, 1, 365);
  const minDrop = wholeNumber('minDropPercent', options.minDropPercent ?? DEFAULT_MIN_DROP_PERCENT, 1, 99);
  const limit = wholeNumber('limit', options.limit ?? 20, 1, 200);
  const offset = wholeNumber('offset', options.offset ?? 0, 0, 1_000_000);
  const filters: SQL[] = [];
  if (options.category !== undefined) filters.push(sql`AND p.category = ${options.category}`);
  if (options.storeId !== undefined) filters.push(sql`AND f.store_id = ${options.storeId}`);
  if (options.deliveryWithinDays !== undefined) {
    filters.push(sql`AND f.delivery_max_days <= ${wholeNumber('deliveryWithinDays', options.deliveryWithinDays, 0, 365)}::int`);
  }
  if (options.currency !== undefined) filters.push(sql`AND f.currency = ${options.currency.trim().toUpperCase()}`);
  const nowAt = now.toISOString();
  const oldest = new Date(now.getTime() - maxAgeDays * 86_400_000).toISOString();

  const rows = await queryRows<{
    product_id: string | number;
    title: string;
    category: string | null;
    store_id: string;
    store_name: string;
    listing_id: string | number;
    reading_id: string | number;
    total: string;
    reference: string;
    currency: string;
    drop_percent: string | number;
    since: Date | string;
    delivery_min_days: number | null;
    delivery_max_days: number | null;
    total_count: string | number;
  }>(
    db,
    sql`WITH current_reading AS (
          -- each buyable new listing's newest observation is its current reading (used and
          -- refurbished offers are never compared with new ones)
          SELECT DISTINCT ON (o.listing_id) o.listing_id, o.id AS reading_id, o.observed_at, o.confirmed
            FROM price_observations o JOIN listings l ON l.id = o.listing_id
           WHERE l.product_id IS NOT NULL AND ${buyableSql('l')} AND l.condition = 'new' AND o.observed_at <= ${nowAt}::timestamptz
           ORDER BY o.listing_id, o.observed_at DESC, o.id DESC
        ), lowest AS (
          -- the product's cheapest believable offer per currency; ties: the one that dropped first
          SELECT DISTINCT ON (l.product_id, btrim(l.currency))
                 l.id AS listing_id, l.product_id, btrim(l.currency) AS currency, l.store_id,
                 l.price + coalesce(l.shipping_cost, 0) AS total,
                 l.delivery_min_days, l.delivery_max_days, c.reading_id, c.observed_at AS since
            FROM listings l JOIN current_reading c ON c.listing_id = l.id
           WHERE c.confirmed AND ${buyableSql('l')} AND l.currency IS NOT NULL
           ORDER BY l.product_id, btrim(l.currency), l.price + coalesce(l.shipping_cost, 0), c.observed_at, l.id
        ), fresh AS (
          SELECT * FROM lowest WHERE since >= ${oldest}::timestamptz
        ), reference AS (
          SELECT f.product_id, f.currency, min(h.price + coalesce(h.shipping_cost, 0)) AS low
            FROM fresh f
            JOIN listings m ON m.product_id = f.product_id AND m.condition = 'new'
            CROSS JOIN LATERAL (
              (SELECT b.id, b.price, b.shipping_cost, b.currency, b.availability, b.confirmed FROM price_observations b
                WHERE b.listing_id = m.id AND b.observed_at < f.since - ${windowDays}::int * interval '1 day'
                ORDER BY b.observed_at DESC, b.id DESC LIMIT 1)
              UNION ALL
              (SELECT w.id, w.price, w.shipping_cost, w.currency, w.availability, w.confirmed FROM price_observations w
                WHERE w.listing_id = m.id
                  AND w.observed_at >= f.since - ${windowDays}::int * interval '1 day' AND w.observed_at < f.since)
            ) h
           WHERE h.confirmed AND ${buyableReadingSql('h')} AND btrim(h.currency) = f.currency AND h.id <> f.reading_id
           GROUP BY f.product_id, f.currency
        )
        SELECT f.product_id, p.title, p.category, f.store_id, s.name AS store_name, f.listing_id, f.reading_id,
               f.total::text AS total, r.low::text AS reference, f.currency,
               floor(100 * (r.low - f.total) / r.low) AS drop_percent, f.since,
               f.delivery_min_days, f.delivery_max_days, count(*) OVER () AS total_count
          FROM fresh f
          JOIN reference r ON r.product_id = f.product_id AND r.currency = f.currency
          JOIN products p ON p.id = f.product_id
          JOIN stores s ON s.id = f.store_id
         WHERE r.low > 0 AND 100 * f.total <= r.low * (100 - ${minDrop}::int)
               ${sql.join(filters, sql` `)}
         ORDER BY drop_percent DESC, f.since DESC, f.product_id, f.currency
         LIMIT ${limit}::int OFFSET ${offset}::int`,
  );
  return {
    total: rows.length > 0 ? Number(rows[0].total_count) : 0,
    deals: rows.map((row) => ({
      productId: Number(row.product_id),
      title: row.title,
      category: row.category,
      storeId: row.store_id,
      storeName: row.store_name,
      listingId: Number(row.listing_id),
      readingId: Number(row.reading_id),
      total: row.total,
      reference: row.reference,
      currency: row.currency,
      dropPercent: Number(row.drop_percent),
      since: row.since instanceof Date ? row.since : new Date(row.since),
      deliveryMinDays: row.delivery_min_days,
      deliveryMaxDays: row.delivery_max_days,
    })),
  };
}
