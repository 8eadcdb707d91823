// Tulna's shopper site: server-rendered on demand (prices move), Node adapter, no client JS but /scan.
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'server',
  // Standalone: cli/site-server.ts imports the built handler with autostart disabled, so the
  // process that owns the database sets it up before the site answers.
  adapter: node({ mode: 'standalone' }),
  build: { inlineStylesheets: 'never' },
  compressHTML: true,
  devToolbar: { enabled: false },
  // Astro's origin check compares Origin with a request URL whose host is "localhost" unless
  // security.allowedDomains lists every domain the site is served on, so it refuses every form
  // POST; src/middleware.ts checks Origin against the Host header instead (src/lib/same-origin.ts).
  security: { checkOrigin: false },
  server: { host: '127.0.0.1' },
  vite: {
    // Never bundle the drivers: the site must share the process's single PGlite/Postgres instance.
    ssr: { external: ['@electric-sql/pglite', 'postgres', 'drizzle-orm', 'typesense', 'pino', 'zod'] },
    // No inlined scripts or assets: the CSP allows our own files only, and the .wasm stays a file.
    build: { assetsInlineLimit: 0 },
  },
});
