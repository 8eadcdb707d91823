CREATE TABLE "listing_match_keys" (
	"listing_id" bigint NOT NULL,
	"key" text NOT NULL,
	CONSTRAINT "listing_match_keys_listing_id_key_pk" PRIMARY KEY("listing_id","key")
);
--> statement-breakpoint
ALTER TABLE "listing_match_keys" ADD CONSTRAINT "listing_match_keys_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "listing_match_keys_key_idx" ON "listing_match_keys" USING btree ("key","listing_id");