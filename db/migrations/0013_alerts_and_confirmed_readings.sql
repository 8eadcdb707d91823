CREATE TABLE "alert_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"follow_id" bigint NOT NULL,
	"event_key" text NOT NULL,
	"kind" text NOT NULL,
	"product_id" bigint NOT NULL,
	"listing_id" bigint,
	"store_id" text,
	"store_name" text,
	"title" text NOT NULL,
	"total" numeric(18, 4),
	"currency" char(3),
	"reference_total" numeric(18, 4),
	"drop_percent" integer,
	"delivery_max_days" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "followers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"token_salt" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"unsubscribed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "follows" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"follower_id" bigint NOT NULL,
	"product_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"target_price" numeric(18, 4),
	"currency" char(3) NOT NULL,
	"min_drop_percent" integer,
	"max_delivery_days" integer,
	"store_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"webhook_url" text,
	"confirm_salt" text NOT NULL,
	"confirmed_at" timestamp with time zone,
	"armed" boolean DEFAULT true NOT NULL,
	"arm_generation" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follows_kind" CHECK ("follows"."kind" IN ('target', 'drop', 'restock')),
	CONSTRAINT "follows_target_price_valid" CHECK ("follows"."target_price" IS NULL OR ("follows"."target_price" >= 0.0001 AND "follows"."target_price" <= 999999999.9999)),
	CONSTRAINT "follows_target_needs_price" CHECK ("follows"."kind" <> 'target' OR "follows"."target_price" IS NOT NULL),
	CONSTRAINT "follows_min_drop_range" CHECK ("follows"."min_drop_percent" IS NULL OR ("follows"."min_drop_percent" BETWEEN 1 AND 90)),
	CONSTRAINT "follows_delivery_range" CHECK ("follows"."max_delivery_days" IS NULL OR ("follows"."max_delivery_days" BETWEEN 0 AND 60))
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"destination" text NOT NULL,
	"payload" jsonb NOT NULL,
	"follower_id" bigint,
	"event_id" bigint,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"delivered_via" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_channel" CHECK ("outbox"."channel" IN ('email', 'webhook')),
	CONSTRAINT "outbox_status" CHECK ("outbox"."status" IN ('pending', 'sent', 'given_up'))
);
--> statement-breakpoint
CREATE TABLE "site_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "price_observations" ADD COLUMN "confirmed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_events" ADD CONSTRAINT "alert_events_follow_id_follows_id_fk" FOREIGN KEY ("follow_id") REFERENCES "public"."follows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_events" ADD CONSTRAINT "alert_events_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_follower_id_followers_id_fk" FOREIGN KEY ("follower_id") REFERENCES "public"."followers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_follower_id_followers_id_fk" FOREIGN KEY ("follower_id") REFERENCES "public"."followers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_event_id_alert_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."alert_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alert_events_follow_key_idx" ON "alert_events" USING btree ("follow_id","event_key");--> statement-breakpoint
CREATE INDEX "alert_events_created_idx" ON "alert_events" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "followers_email_idx" ON "followers" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "follows_follower_product_kind_idx" ON "follows" USING btree ("follower_id","product_id","kind");--> statement-breakpoint
CREATE INDEX "follows_live_product_idx" ON "follows" USING btree ("product_id") WHERE "follows"."active" AND "follows"."confirmed_at" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_dedupe_key_idx" ON "outbox" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("next_attempt_at") WHERE "outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_follower_idx" ON "outbox" USING btree ("follower_id");--> statement-breakpoint
-- Readings stored before this rule were believed as they were: they stay history.
UPDATE "price_observations" SET "confirmed" = true;
