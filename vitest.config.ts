import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Vite's default list ends with .json: an exported `rules.json` at the root would shadow the
    // `rules/` folder for `import '../rules'`.
    extensions: ['.mjs', '.js', '.mts', '.ts', '.jsx', '.tsx'],
  },
  test: {
    // Temporal's native bridge is not safe in worker threads; each file gets its own process.
    pool: 'forks',
    // A flaky test must fail, not pass on a second try.
    retry: 0,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          // Property tests run hundreds of cases: 5 s is not enough on a busy 2-core machine.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'servers',
          include: ['tests/workflow/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          // Time-skipping servers and the shared dev server do not like competing for 2 cores.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        // Run on its own after the others (launcher/test.ts): it replays what they recorded.
        extends: true,
        test: {
          name: 'replay',
          include: ['tests/replay/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
