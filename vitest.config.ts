import { defineConfig } from 'vitest/config';

// Two projects, named in every line of the report (`|src|`, `|dist|`):
// - src:  test/unit/, test/integration/ and test/conformance/ import the sources (in-process; integration tests use the emulator
//         over real sockets).
// - dist: test/dist/ spawns the bundle, the way users run it. Its setup bundles the sources first and brings
//         dist/ up to date, so a source edit is never tested through a stale dist/ (test/helpers/dist-setup.ts).
export default defineConfig({
  test: {
    reporters: ['default', './test/helpers/plain-summary-reporter.ts'],
    // Timeouts catch a hang, they never measure speed: a loaded two-core machine running two suites at once
    // makes a process start-up take seconds, so they are generous (speed is `npm run bench`'s business).
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Two cores: keep the pool small and predictable.
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'src',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/conformance/**/*.test.ts'],
          // @actions/core and @actions/github read the environment once when they load (the summary file, the
          // event): processed by vitest, `vi.resetModules()` gives each in-process Action step a fresh copy.
          server: { deps: { inline: [/@actions\//] } },
        },
      },
      {
        extends: true,
        test: {
          name: 'dist',
          include: ['test/dist/**/*.test.ts'],
          globalSetup: ['./test/helpers/dist-setup.ts'],
          // Concurrent rows mostly wait (backoffs, deadlines): let more of them wait at once.
          maxConcurrency: 8,
        },
      },
    ],
  },
});
