-- Custom SQL migration file, put your code below! --
-- Before 0011 adds the money check constraints (domain/price.ts: NULL, or from 0.0001 to 999999999.9999;
-- shipping may also be 0), values they refuse become NULL so that the upgrade cannot fail. Nothing valid is
-- lost: every listing and observation stays, only the bad value goes (the next crawl reads it again).
-- The bounds are written out: a migration records the rule of its time, not the current constants.
UPDATE "listings" SET "price" = NULL WHERE NOT ("price" >= 0.0001 AND "price" <= 999999999.9999);--> statement-breakpoint
UPDATE "listings" SET "list_price" = NULL WHERE NOT ("list_price" >= 0.0001 AND "list_price" <= 999999999.9999);--> statement-breakpoint
UPDATE "listings" SET "shipping_cost" = NULL WHERE NOT ("shipping_cost" = 0 OR ("shipping_cost" >= 0.0001 AND "shipping_cost" <= 999999999.9999));--> statement-breakpoint
UPDATE "price_observations" SET "price" = NULL WHERE NOT ("price" >= 0.0001 AND "price" <= 999999999.9999);--> statement-breakpoint
UPDATE "price_observations" SET "shipping_cost" = NULL WHERE NOT ("shipping_cost" = 0 OR ("shipping_cost" >= 0.0001 AND "shipping_cost" <= 999999999.9999));
