CREATE TABLE "product_search" (
	"product_id" bigint PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"brand" text,
	"model" text,
	"category" text,
	"image" text,
	"gtins" text[] DEFAULT '{}'::text[] NOT NULL,
	"search_text" text NOT NULL,
	"store_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"offer_count" integer DEFAULT 0 NOT NULL,
	"store_count" integer DEFAULT 0 NOT NULL,
	"lowest_price" numeric(18, 4),
	"lowest_total" numeric(18, 4),
	"currency" char(3),
	"in_stock" boolean DEFAULT false NOT NULL,
	"fastest_delivery_days" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "product_search" ADD CONSTRAINT "product_search_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "product_search_category_idx" ON "product_search" USING btree ("category");--> statement-breakpoint
CREATE INDEX "product_search_brand_idx" ON "product_search" USING btree ("brand");--> statement-breakpoint
CREATE INDEX "product_search_lowest_total_idx" ON "product_search" USING btree ("lowest_total");--> statement-breakpoint
CREATE INDEX "product_search_gtins_idx" ON "product_search" USING gin ("gtins");