import { defineConfig } from 'vitest/config';
import { longestFirst } from './test/support/longest-first.ts';

/**
 * Seconds each browser file takes in a run two files at a time, for the longest-first start order
 * (test/support/longest-first.ts; vitest's own order by size put the two small hostile files, whose
 * suite is hostile-suite.ts, last). The mean of two whole runs at load 31 and 39 (other work beside
 * them), each scaled so its eight slowest files add up as in the last CI run; only the order
 * matters. A file not listed counts as 30 s.
 */
const CI_SECONDS: Record<string, number> = {
  'test/e2e/toc.e2e.test.ts': 94,
  'test/e2e/extension.e2e.test.ts': 83,
  'test/e2e/library.e2e.test.ts': 82,
  'test/e2e/hostile.e2e.test.ts': 81,
  'test/e2e/failures.e2e.test.ts': 77,
  'test/e2e/hostile-tokens.e2e.test.ts': 67,
  'test/e2e/extension-reader.e2e.test.ts': 63,
  'test/e2e/listen.e2e.test.ts': 56,
  'test/e2e/contrast.e2e.test.ts': 47,
  'test/e2e/import.e2e.test.ts': 46,
  'test/e2e/progressive.e2e.test.ts': 43,
  'test/e2e/typography.e2e.test.ts': 38,
  'test/e2e/script-layout.e2e.test.ts': 35,
  'test/e2e/reader-look.e2e.test.ts': 32,
  'test/e2e/keyboard-a11y.e2e.test.ts': 27,
  'test/e2e/images.e2e.test.ts': 16,
  'test/e2e/control-label.e2e.test.ts': 14,
  'test/e2e/background-fetch.e2e.test.ts': 13,
  'test/e2e/store-shots-chromium.e2e.test.ts': 8,
  'test/e2e/reader-look-chromium.e2e.test.ts': 7,
};

/**
 * Real-browser tests (`npm run test:e2e`): the global setup builds both extensions once, then the
 * files run two at a time (each file starts its own browsers and its own local site on a free
 * port), longest first. `WHOLESTORY_E2E_WORKERS=1` runs them one at a time.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/global-setup.ts'],
    // A hang still fails; a test beside another browser file on a loaded 2-core machine does not.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Each worker process runs file after file, not one process per file: playwright-core,
    // puppeteer-core and jsdom are imported once per worker, not once per file (3 small files one
    // at a time at load ~32: import 46.8 -> 20.5 s, CPU 48.6 -> 43.5 s user). The browser files
    // share no state at module level (each starts and closes its own site and browsers) and none
    // mocks a module or writes process.env.
    isolate: false,
    maxWorkers: Number(process.env.WHOLESTORY_E2E_WORKERS ?? 2),
    sequence: { sequencer: longestFirst(CI_SECONDS, 30) },
  },
});
