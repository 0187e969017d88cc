import { defineConfig } from 'vitest/config';

/**
 * Real-browser tests (`npm run test:e2e`): the global setup builds both extensions once, then the
 * files run one at a time. `WHOLESTORY_E2E_WORKERS=2` runs two at a time (each file starts its own
 * browsers and its own local site on a free port): about 40 % faster, but in one CI simulation of
 * five two Firefox files at once timed out opening an extension tab, so it is not the default.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: Number(process.env.WHOLESTORY_E2E_WORKERS ?? 1),
  },
});
