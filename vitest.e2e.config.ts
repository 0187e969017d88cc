import { defineConfig } from 'vitest/config';

/**
 * Real-browser tests (`npm run test:e2e`): the global setup builds both extensions once, then the
 * files run two at a time (each starts its own browsers and its own local site on a free port;
 * most of a browser test's time is spent waiting on the browser, so two overlap well on 2 cores).
 * `WHOLESTORY_E2E_WORKERS=1` runs them one at a time.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: Number(process.env.WHOLESTORY_E2E_WORKERS ?? 2),
  },
});
