CREATE TABLE "accounts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text DEFAULT 'retailer' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone,
	"email_verified_at" timestamp with time zone,
	CONSTRAINT "accounts_role" CHECK ("accounts"."role" IN ('retailer', 'admin'))
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" bigint NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"last_four" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "listing_floors" (
	"account_id" bigint NOT NULL,
	"listing_id" bigint NOT NULL,
	"floor_price" numeric(18, 4) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "listing_floors_account_id_listing_id_pk" PRIMARY KEY("account_id","listing_id"),
	CONSTRAINT "listing_floors_valid" CHECK ("listing_floors"."floor_price" IS NULL OR ("listing_floors"."floor_price" >= 0.0001 AND "listing_floors"."floor_price" <= 999999999.9999))
);
--> statement-breakpoint
CREATE TABLE "password_resets" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"account_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "price_index_days" (
	"store_id" text NOT NULL,
	"day" date NOT NULL,
	"category" text DEFAULT '' NOT NULL,
	"listings" integer NOT NULL,
	"vs_lowest" real,
	"vs_median" real,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_index_days_store_id_day_category_pk" PRIMARY KEY("store_id","day","category")
);
--> statement-breakpoint
CREATE TABLE "repricing_rules" (
	"account_id" bigint NOT NULL,
	"store_id" text NOT NULL,
	"strategy" text DEFAULT 'match' NOT NULL,
	"beat_by" numeric(18, 4),
	"max_above_median_percent" integer,
	"max_daily_change_percent" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repricing_rules_account_id_store_id_pk" PRIMARY KEY("account_id","store_id"),
	CONSTRAINT "repricing_rules_strategy" CHECK ("repricing_rules"."strategy" IN ('match', 'beat_amount', 'beat_percent')),
	CONSTRAINT "repricing_rules_beat_by" CHECK ("repricing_rules"."beat_by" IS NULL OR "repricing_rules"."beat_by" = 0 OR ("repricing_rules"."beat_by" >= 0.0001 AND "repricing_rules"."beat_by" <= 999999999.9999)),
	CONSTRAINT "repricing_rules_median_range" CHECK ("repricing_rules"."max_above_median_percent" IS NULL OR "repricing_rules"."max_above_median_percent" BETWEEN 0 AND 500),
	CONSTRAINT "repricing_rules_daily_range" CHECK ("repricing_rules"."max_daily_change_percent" IS NULL OR "repricing_rules"."max_daily_change_percent" BETWEEN 1 AND 100)
);
--> statement-breakpoint
CREATE TABLE "retailer_alert_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" bigint NOT NULL,
	"listing_id" bigint NOT NULL,
	"store_id" text NOT NULL,
	"kind" text NOT NULL,
	"event_key" text NOT NULL,
	"details" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retailer_alert_settings" (
	"account_id" bigint PRIMARY KEY NOT NULL,
	"kinds" text[] DEFAULT '{undercut,raise,out_of_stock,faster}'::text[] NOT NULL,
	"email" boolean DEFAULT true NOT NULL,
	"webhook_url" text,
	"webhook_salt" text NOT NULL,
	"daily_digest" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retailer_positions" (
	"listing_id" bigint PRIMARY KEY NOT NULL,
	"store_id" text NOT NULL,
	"product_id" bigint,
	"title" text NOT NULL,
	"category" text,
	"currency" char(3),
	"own_price" numeric(18, 4),
	"own_shipping" numeric(18, 4),
	"own_total" numeric(18, 4),
	"own_buyable" boolean DEFAULT false NOT NULL,
	"own_delivery_days" integer,
	"competitors" integer DEFAULT 0 NOT NULL,
	"competitors_out_of_stock" integer DEFAULT 0 NOT NULL,
	"competitors_pending" integer DEFAULT 0 NOT NULL,
	"cheapest_listing_id" bigint,
	"cheapest_store_id" text,
	"cheapest_total" numeric(18, 4),
	"median_total" numeric(18, 4),
	"rank" integer,
	"gap" numeric(18, 4),
	"gap_percent" real,
	"fastest_competitor_days" integer,
	"competitors_faster" integer DEFAULT 0 NOT NULL,
	"competitors_slower" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"account_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "store_claims" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" bigint NOT NULL,
	"store_id" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"verification_token" text NOT NULL,
	"verified_by" text,
	"check_requested_at" timestamp with time zone,
	"last_checked_at" timestamp with time zone,
	"last_check_error" text,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "store_claims_status" CHECK ("store_claims"."status" IN ('pending', 'verified', 'granted', 'revoked'))
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "account_id" bigint;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_floors" ADD CONSTRAINT "listing_floors_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_floors" ADD CONSTRAINT "listing_floors_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_index_days" ADD CONSTRAINT "price_index_days_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repricing_rules" ADD CONSTRAINT "repricing_rules_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repricing_rules" ADD CONSTRAINT "repricing_rules_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retailer_alert_events" ADD CONSTRAINT "retailer_alert_events_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retailer_alert_events" ADD CONSTRAINT "retailer_alert_events_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retailer_alert_settings" ADD CONSTRAINT "retailer_alert_settings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retailer_positions" ADD CONSTRAINT "retailer_positions_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_claims" ADD CONSTRAINT "store_claims_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_claims" ADD CONSTRAINT "store_claims_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_email_idx" ON "accounts" USING btree ("email");--> statement-breakpoint
CREATE INDEX "api_tokens_account_idx" ON "api_tokens" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "password_resets_token_hash_idx" ON "password_resets" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "password_resets_account_idx" ON "password_resets" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "retailer_alert_events_key_idx" ON "retailer_alert_events" USING btree ("account_id","event_key");--> statement-breakpoint
CREATE INDEX "retailer_alert_events_account_time_idx" ON "retailer_alert_events" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "retailer_positions_store_gap_idx" ON "retailer_positions" USING btree ("store_id",coalesce("gap_percent", '-Infinity'::real) DESC,"listing_id" DESC);--> statement-breakpoint
CREATE INDEX "retailer_positions_product_idx" ON "retailer_positions" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_token_hash_idx" ON "sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "sessions_account_idx" ON "sessions" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "store_claims_account_store_idx" ON "store_claims" USING btree ("account_id","store_id");--> statement-breakpoint
CREATE INDEX "store_claims_store_idx" ON "store_claims" USING btree ("store_id") WHERE "store_claims"."status" IN ('verified', 'granted');--> statement-breakpoint
CREATE INDEX "store_claims_pending_idx" ON "store_claims" USING btree ("check_requested_at") WHERE "store_claims"."status" = 'pending';--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_account_idx" ON "outbox" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "outbox_destination_time_idx" ON "outbox" USING btree ("destination","created_at");