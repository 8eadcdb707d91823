CREATE TABLE "match_decisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"listing_id" bigint NOT NULL,
	"other_listing_id" bigint NOT NULL,
	"source" text DEFAULT 'cli' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_decisions_kind" CHECK ("match_decisions"."kind" IN ('merge', 'split')),
	CONSTRAINT "match_decisions_ordered_pair" CHECK ("match_decisions"."listing_id" < "match_decisions"."other_listing_id")
);
--> statement-breakpoint
CREATE TABLE "match_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"mode" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"listings_matched" integer DEFAULT 0 NOT NULL,
	"products_created" integer DEFAULT 0 NOT NULL,
	"products_removed" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "match_decisions" ADD CONSTRAINT "match_decisions_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_decisions" ADD CONSTRAINT "match_decisions_other_listing_id_listings_id_fk" FOREIGN KEY ("other_listing_id") REFERENCES "public"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "match_decisions_pair_idx" ON "match_decisions" USING btree ("listing_id","other_listing_id");--> statement-breakpoint
CREATE INDEX "match_decisions_other_idx" ON "match_decisions" USING btree ("other_listing_id");--> statement-breakpoint
CREATE INDEX "match_runs_finished_idx" ON "match_runs" USING btree ("finished_at");