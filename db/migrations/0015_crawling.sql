CREATE TABLE "host_budgets" (
	"host" text PRIMARY KEY NOT NULL,
	"next_slot_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "host_leases" (
	"host" text NOT NULL,
	"slot" integer NOT NULL,
	"holder" text,
	"lease_until" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "host_leases_host_slot_pk" PRIMARY KEY("host","slot")
);
--> statement-breakpoint
CREATE TABLE "listing_freshness" (
	"listing_id" bigint PRIMARY KEY NOT NULL,
	"next_visit_at" timestamp with time zone DEFAULT now() NOT NULL,
	"interval_seconds" integer NOT NULL,
	"checks" integer DEFAULT 0 NOT NULL,
	"changes" integer DEFAULT 0 NOT NULL,
	"last_changed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "source_documents" (
	"store_id" text NOT NULL,
	"url" text NOT NULL,
	"etag" text,
	"last_modified" text,
	"listing_urls" text[] DEFAULT '{}'::text[] NOT NULL,
	"has_next" integer DEFAULT 0 NOT NULL,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "source_documents_store_id_url_pk" PRIMARY KEY("store_id","url")
);
--> statement-breakpoint
CREATE TABLE "store_crawl_profiles" (
	"store_id" text PRIMARY KEY NOT NULL,
	"render_mode" text DEFAULT 'static' NOT NULL,
	"reason" text,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "store_crawl_profiles_mode" CHECK ("store_crawl_profiles"."render_mode" IN ('static', 'browser'))
);
--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "condition" text DEFAULT 'new' NOT NULL;--> statement-breakpoint
ALTER TABLE "listing_freshness" ADD CONSTRAINT "listing_freshness_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_documents" ADD CONSTRAINT "source_documents_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_crawl_profiles" ADD CONSTRAINT "store_crawl_profiles_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "listing_freshness_due_idx" ON "listing_freshness" USING btree ("next_visit_at");--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_condition_known" CHECK ("listings"."condition" IN ('new', 'used', 'refurbished'));--> statement-breakpoint
CREATE TABLE "store_revisits" (
	"store_id" text PRIMARY KEY NOT NULL,
	"revisited" boolean NOT NULL,
	"tick_seconds" integer NOT NULL,
	"requests_per_tick" integer NOT NULL,
	"last_tick_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "store_revisits" ADD CONSTRAINT "store_revisits_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE TABLE "crawl_job_claims" (
	"job_id" text PRIMARY KEY NOT NULL,
	"queue" text NOT NULL,
	"store_id" text NOT NULL,
	"worker" text NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- The politeness budget is live state, worthless after a crash: no WAL, so a reservation's commit waits for no disk flush.
ALTER TABLE "host_budgets" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "host_leases" SET UNLOGGED;
