import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration suites start real servers and databases: give them room, and keep files apart.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
