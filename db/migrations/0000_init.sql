CREATE TABLE "crawl_errors" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" bigint NOT NULL,
	"store_id" text NOT NULL,
	"url" text NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"http_status" integer,
	"message" text NOT NULL,
	"retryable" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "crawl_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"store_id" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"trigger" text DEFAULT 'manual' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"pages" integer DEFAULT 0 NOT NULL,
	"listings_seen" integer DEFAULT 0 NOT NULL,
	"listings_new" integer DEFAULT 0 NOT NULL,
	"listings_changed" integer DEFAULT 0 NOT NULL,
	"listings_unchanged" integer DEFAULT 0 NOT NULL,
	"errors" integer DEFAULT 0 NOT NULL,
	"message" text
);
--> statement-breakpoint
CREATE TABLE "listings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"store_id" text NOT NULL,
	"url" text NOT NULL,
	"sku" text,
	"title" text NOT NULL,
	"brand" text,
	"gtin" char(14),
	"mpn" text,
	"image" text,
	"category" text,
	"price" numeric(18, 4),
	"list_price" numeric(18, 4),
	"currency" char(3),
	"shipping_cost" numeric(18, 4),
	"delivery_min_days" integer,
	"delivery_max_days" integer,
	"delivery_text" text,
	"availability" text DEFAULT 'unknown' NOT NULL,
	"seller" text,
	"status" text DEFAULT 'active' NOT NULL,
	"product_id" bigint,
	"match_method" text,
	"match_confidence" real,
	"extracted_by" text,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"etag" text,
	"last_modified" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "listings_price_positive" CHECK ("listings"."price" IS NULL OR "listings"."price" > 0)
);
--> statement-breakpoint
CREATE TABLE "price_observations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"listing_id" bigint NOT NULL,
	"observed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"price" numeric(18, 4),
	"shipping_cost" numeric(18, 4),
	"currency" char(3),
	"availability" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"brand" text,
	"model" text,
	"gtins" text[] DEFAULT '{}'::text[] NOT NULL,
	"category" text,
	"image" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stores" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"base_url" text NOT NULL,
	"country" char(2),
	"currency" char(3) NOT NULL,
	"source_kind" text NOT NULL,
	"schedule" text,
	"politeness" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "crawl_errors" ADD CONSTRAINT "crawl_errors_run_id_crawl_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."crawl_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crawl_runs" ADD CONSTRAINT "crawl_runs_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_observations" ADD CONSTRAINT "price_observations_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "crawl_errors_run_url_idx" ON "crawl_errors" USING btree ("run_id","url");--> statement-breakpoint
CREATE INDEX "crawl_errors_store_time_idx" ON "crawl_errors" USING btree ("store_id","occurred_at");--> statement-breakpoint
CREATE INDEX "crawl_runs_store_started_idx" ON "crawl_runs" USING btree ("store_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "crawl_runs_one_running_idx" ON "crawl_runs" USING btree ("store_id") WHERE "crawl_runs"."status" = 'running';--> statement-breakpoint
CREATE UNIQUE INDEX "listings_store_url_idx" ON "listings" USING btree ("store_id","url");--> statement-breakpoint
CREATE INDEX "listings_gtin_idx" ON "listings" USING btree ("gtin");--> statement-breakpoint
CREATE INDEX "listings_product_idx" ON "listings" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "price_observations_listing_time_idx" ON "price_observations" USING btree ("listing_id","observed_at");--> statement-breakpoint
CREATE INDEX "products_gtins_idx" ON "products" USING gin ("gtins");