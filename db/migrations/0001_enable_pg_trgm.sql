-- Trigram similarity powers typo-tolerant search on Postgres (server and PGlite alike).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
