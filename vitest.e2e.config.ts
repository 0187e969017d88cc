import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Seconds each browser file took in a CI run (2 cores, two files at once; test/e2e/). The files
 * start longest first, so that the last ones to start are short and both workers end together
 * (vitest's own order on a fresh checkout is by file size, which put the two small hostile files,
 * whose suite is hostile-suite.ts, last). A file not listed counts as 30 s.
 */
const CI_SECONDS: Record<string, number> = {
  'extension.e2e.test.ts': 55,
  'listen.e2e.test.ts': 54,
  'extension-reader.e2e.test.ts': 50,
  'toc.e2e.test.ts': 49,
  'failures.e2e.test.ts': 47,
  'hostile.e2e.test.ts': 45,
  'import.e2e.test.ts': 41,
  'library.e2e.test.ts': 38,
  'progressive.e2e.test.ts': 37,
  'hostile-tokens.e2e.test.ts': 35,
  'control-label.e2e.test.ts': 26,
  'script-layout.e2e.test.ts': 25,
  'keyboard-a11y.e2e.test.ts': 23,
  'typography.e2e.test.ts': 22,
  'background-fetch.e2e.test.ts': 10,
  'images.e2e.test.ts': 9,
  'reader-look-chromium.e2e.test.ts': 6,
  'store-shots-chromium.e2e.test.ts': 3,
};

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const seconds = (spec: TestSpecification) => CI_SECONDS[path.basename(spec.moduleId)] ?? 30;
    return [...files].sort((a, b) => seconds(b) - seconds(a));
  }
}

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
    maxWorkers: Number(process.env.WHOLESTORY_E2E_WORKERS ?? 2),
    sequence: { sequencer: LongestFirst },
  },
});
