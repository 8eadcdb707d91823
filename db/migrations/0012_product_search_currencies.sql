ALTER TABLE "product_search" ADD COLUMN "currencies" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "product_search" ADD COLUMN "buyable_prices" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
-- Backfill, so search keeps quoting prices before the next crawl refreshes each product: the same
-- rules as refreshProductSearch (buyable = active, priced, in stock / limited / preorder / backorder).
UPDATE "product_search" ps SET
  "currencies" = coalesce((
    SELECT array_agg(DISTINCT l.currency::text ORDER BY l.currency::text) FROM listings l
     WHERE l.product_id = ps.product_id AND l.status = 'active' AND l.price IS NOT NULL AND l.currency IS NOT NULL), '{}'::text[]),
  "buyable_prices" = coalesce((
    SELECT jsonb_object_agg(c.currency, jsonb_build_object('price', trim_scale(c.price)::text, 'total', trim_scale(c.total)::text))
      FROM (SELECT l.currency::text AS currency, min(l.price) AS price, min(l.price + coalesce(l.shipping_cost, 0)) AS total
              FROM listings l
             WHERE l.product_id = ps.product_id AND l.status = 'active' AND l.price IS NOT NULL AND l.currency IS NOT NULL
               AND l.availability IN ('in_stock', 'limited', 'preorder', 'backorder')
             GROUP BY 1) c), '{}'::jsonb);--> statement-breakpoint
UPDATE "product_search" ps SET "currency" = (
  SELECT coalesce(
    mode() WITHIN GROUP (ORDER BY l.currency) FILTER (WHERE l.availability IN ('in_stock', 'limited', 'preorder', 'backorder')),
    mode() WITHIN GROUP (ORDER BY l.currency))
    FROM listings l WHERE l.product_id = ps.product_id AND l.status = 'active' AND l.price IS NOT NULL);--> statement-breakpoint
UPDATE "product_search" ps SET
  "lowest_price" = (ps.buyable_prices -> trim(ps.currency) ->> 'price')::numeric,
  "lowest_total" = (ps.buyable_prices -> trim(ps.currency) ->> 'total')::numeric,
  "in_stock" = ps.buyable_prices <> '{}'::jsonb;
