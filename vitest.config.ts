import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/helpers/plain-summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests spawn the bundled CLI; two cores, so keep the pool small and predictable.
    pool: 'forks',
    maxWorkers: 2,
  },
});
