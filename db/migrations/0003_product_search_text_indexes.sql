-- Typo-tolerant matching (trigram) and word matching (full text) on the search documents.
CREATE INDEX IF NOT EXISTS product_search_text_trgm_idx ON product_search USING gin (search_text gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS product_search_text_fts_idx ON product_search USING gin (to_tsvector('simple', search_text));
