ALTER TABLE "match_decisions" ADD COLUMN "applied_at" timestamp with time zone DEFAULT now();--> statement-breakpoint
ALTER TABLE "match_decisions" ADD COLUMN "subject_listing_id" bigint;--> statement-breakpoint
CREATE INDEX "match_decisions_pending_idx" ON "match_decisions" USING btree ("id") WHERE "match_decisions"."applied_at" IS NULL;