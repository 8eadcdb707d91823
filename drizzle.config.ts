import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` uses this: migrations are applied by db/migrate.ts at start,
// because drizzle-kit cannot load PGlite's extensions.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./db/schema.ts', './db/alerts-schema.ts', './db/retailers-schema.ts', './db/crawling-schema.ts'],
  out: './db/migrations',
});
