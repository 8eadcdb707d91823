// The search documents: one product_search row per product with an active listing, recomputed from
// products + listings in set-based SQL. Both search engines read these rows.
import { asc, gt, inArray, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { queryRows } from '../client.ts';
import { productSearch, products, type ProductSearchDocument } from '../schema.ts';
import { buyableSql } from './site-catalog.ts';
import { idArray } from './id-array.ts';

/** Products per refresh statement in refreshAllProductSearch. */
export const REFRESH_BATCH_SIZE = 1000;

export interface RefreshSummary {
  /** Documents written (inserted or updated). */
  upserted: number;
  /** Documents removed: product gone, or no active listing left. */
  deleted: number;
}

const buyable = buyableSql('l');
/** Used and refurbished offers are never compared with new ones: prices, stock and delivery count new offers only. */
const buyableNew = sql`(${buyable} AND l.condition = 'new')`;

function uniqueIds(productIds: readonly number[]): number[] {
  const ids = new Set<number>();
  for (const id of productIds) {
    if (!Number.isSafeInteger(id) || id <= 0) throw new TypeError(`Expected positive integer product ids, got ${String(id)}`);
    ids.add(id);
  }
  return [...ids];
}

/**
 * Recomputes the search documents of these products. A product that no longer exists, or has no
 * active listing, loses its document. Listings without a product are never searchable.
 */
export async function refreshProductSearch(db: Database, productIds: readonly number[]): Promise<RefreshSummary> {
  const ids = uniqueIds(productIds);
  if (ids.length === 0) return { upserted: 0, deleted: 0 };
  const idList = idArray(ids);
  return db.transaction(async (tx) => {
    const upserted = await queryRows<{ product_id: string }>(
      tx as unknown as Database,
      sql`
      INSERT INTO product_search (product_id, title, brand, model, category, image, gtins, search_text, store_ids,
        offer_count, store_count, lowest_price, lowest_total, currency, currencies, buyable_prices, in_stock,
        fastest_delivery_days, updated_at)
      SELECT p.id, p.title,
        coalesce(p.brand, agg.brand), coalesce(p.model, agg.mpn), coalesce(p.category, agg.category),
        coalesce(p.image, agg.image),
        CASE WHEN cardinality(p.gtins) > 0 THEN p.gtins ELSE agg.gtins END,
        words.search_text, agg.store_ids, agg.offer_count, agg.store_count,
        (prices.per -> main.currency ->> 'price')::numeric, (prices.per -> main.currency ->> 'total')::numeric,
        main.currency, agg.currencies, coalesce(prices.per, '{}'::jsonb), agg.in_stock, agg.fastest, now()
      FROM products p
      -- Prices are compared within one currency: the main one is what most buyable new offers use
      -- (most new offers when none is buyable), so "from" never quotes an offer nobody can buy.
      LEFT JOIN LATERAL (
        SELECT coalesce(mode() WITHIN GROUP (ORDER BY l.currency) FILTER (WHERE ${buyable}),
                        mode() WITHIN GROUP (ORDER BY l.currency))::text AS currency
          FROM listings l WHERE l.product_id = p.id AND l.status = 'active' AND l.price IS NOT NULL AND l.condition = 'new'
      ) main ON true
      -- Per currency, the lowest buyable new price and total: what search sorts, filters and quotes.
      LEFT JOIN LATERAL (
        SELECT jsonb_object_agg(c.currency, jsonb_build_object('price', trim_scale(c.price)::text, 'total', trim_scale(c.total)::text)) AS per
          FROM (SELECT l.currency::text AS currency, min(l.price) AS price, min(l.price + coalesce(l.shipping_cost, 0)) AS total
                  FROM listings l WHERE l.product_id = p.id AND l.currency IS NOT NULL AND ${buyableNew}
                 GROUP BY 1) c
      ) prices ON true
      CROSS JOIN LATERAL (
        SELECT
          (array_agg(l.brand ORDER BY l.id) FILTER (WHERE l.brand IS NOT NULL))[1] AS brand,
          (array_agg(l.mpn ORDER BY l.id) FILTER (WHERE l.mpn IS NOT NULL))[1] AS mpn,
          (array_agg(l.category ORDER BY l.id) FILTER (WHERE l.category IS NOT NULL))[1] AS category,
          (array_agg(l.image ORDER BY l.id) FILTER (WHERE l.image IS NOT NULL))[1] AS image,
          coalesce(array_agg(DISTINCT l.gtin::text) FILTER (WHERE l.gtin IS NOT NULL), '{}'::text[]) AS gtins,
          coalesce(array_agg(DISTINCT l.store_id) FILTER (WHERE l.price IS NOT NULL), '{}'::text[]) AS store_ids,
          coalesce(array_agg(DISTINCT l.currency::text) FILTER (WHERE l.price IS NOT NULL AND l.currency IS NOT NULL), '{}'::text[]) AS currencies,
          count(*) FILTER (WHERE l.price IS NOT NULL)::int AS offer_count,
          count(DISTINCT l.store_id) FILTER (WHERE l.price IS NOT NULL)::int AS store_count,
          coalesce(bool_or(${buyableNew}), false) AS in_stock,
          min(l.delivery_min_days) FILTER (WHERE ${buyableNew}) AS fastest,
          string_agg(l.title, ' ' ORDER BY l.id) AS titles
        FROM listings l
        WHERE l.product_id = p.id AND l.status = 'active'
        HAVING count(*) > 0
      ) agg
      CROSS JOIN LATERAL (
        SELECT coalesce(string_agg(w.word, ' ' ORDER BY w.first), '') AS search_text
        FROM (
          SELECT t.word, min(t.ord) AS first
          FROM regexp_split_to_table(lower(concat_ws(' ', p.title, p.brand, p.model, agg.titles)), '\\s+')
            WITH ORDINALITY AS t(word, ord)
          WHERE t.word <> ''
          GROUP BY t.word
        ) w
      ) words
      WHERE p.id = ANY(${idList})
      ON CONFLICT (product_id) DO UPDATE SET
        title = excluded.title, brand = excluded.brand, model = excluded.model, category = excluded.category,
        image = excluded.image, gtins = excluded.gtins, search_text = excluded.search_text,
        store_ids = excluded.store_ids, offer_count = excluded.offer_count, store_count = excluded.store_count,
        lowest_price = excluded.lowest_price, lowest_total = excluded.lowest_total, currency = excluded.currency,
        currencies = excluded.currencies, buyable_prices = excluded.buyable_prices,
        in_stock = excluded.in_stock, fastest_delivery_days = excluded.fastest_delivery_days,
        updated_at = excluded.updated_at
      RETURNING product_id`,
    );
    const deleted = await queryRows<{ product_id: string }>(
      tx as unknown as Database,
      sql`
      DELETE FROM product_search ps
      WHERE ps.product_id = ANY(${idList})
        AND NOT EXISTS (SELECT 1 FROM listings l WHERE l.product_id = ps.product_id AND l.status = 'active')
      RETURNING ps.product_id`,
    );
    return { upserted: upserted.length, deleted: deleted.length };
  });
}

/**
 * Rebuilds every document in batches of products (by id), then drops documents of products that
 * are gone. Reports progress after each batch.
 */
export async function refreshAllProductSearch(
  db: Database,
  onProgress?: (done: number, total: number) => void,
  batchSize = REFRESH_BATCH_SIZE,
): Promise<RefreshSummary> {
  const [{ count: total }] = await db.select({ count: sql<number>`count(*)::int` }).from(products);
  const summary: RefreshSummary = { upserted: 0, deleted: 0 };
  let lastId = 0;
  let done = 0;
  onProgress?.(0, total);
  for (;;) {
    const batch = await db
      .select({ id: products.id })
      .from(products)
      .where(gt(products.id, lastId))
      .orderBy(asc(products.id))
      .limit(batchSize);
    if (batch.length === 0) break;
    const ids = batch.map((row) => Number(row.id));
    const result = await refreshProductSearch(db, ids);
    summary.upserted += result.upserted;
    summary.deleted += result.deleted;
    lastId = ids[ids.length - 1];
    done += ids.length;
    onProgress?.(Math.min(done, total), total);
  }
  const orphans = await queryRows<{ product_id: string }>(
    db,
    sql`DELETE FROM product_search ps WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.id = ps.product_id)
        RETURNING ps.product_id`,
  );
  summary.deleted += orphans.length;
  await tidyProductSearchIndexes(db);
  return summary;
}

/**
 * After a bulk rewrite: merges the GIN indexes' pending lists (which every query would otherwise
 * scan linearly, and which PGlite has no autovacuum to merge) and refreshes planner statistics.
 */
export async function tidyProductSearchIndexes(db: Database): Promise<void> {
  try {
    await db.execute(sql`SELECT gin_clean_pending_list(c.oid)
      FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
      WHERE i.indrelid = 'product_search'::regclass AND am.amname = 'gin'`);
    await db.execute(sql`ANALYZE product_search`);
  } catch (error) {
    throw new Error(`Tidying the product_search indexes failed: ${(error as Error).message}`, { cause: error });
  }
}

/** The stored documents of these products (missing ids are simply absent). */
export async function getProductSearchDocuments(db: Database, productIds: readonly number[]): Promise<ProductSearchDocument[]> {
  const ids = uniqueIds(productIds);
  if (ids.length === 0) return [];
  return db.select().from(productSearch).where(inArray(productSearch.productId, ids));
}

/** Documents in product id order after `afterId`: keyset pages for exports and full reindexing. */
export async function listProductSearchDocuments(db: Database, afterId: number, limit: number): Promise<ProductSearchDocument[]> {
  return db
    .select()
    .from(productSearch)
    .where(gt(productSearch.productId, afterId))
    .orderBy(asc(productSearch.productId))
    .limit(limit);
}

export async function countProductSearchDocuments(db: Database): Promise<number> {
  const [{ count }] = await db.select({ count: sql<number>`count(*)::int` }).from(productSearch);
  return count;
}
