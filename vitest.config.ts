import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { longestFirst } from './test/support/longest-first.ts';
import { splitByIsolation, testFiles } from './test/support/shared-workers.ts';

/**
 * Unit tests (`npm run test:unit`), in three projects: `unit` and `unit-isolated` (everything under
 * src/ and test/, plain Node or jsdom) and `background` (test/wxt/: the background entrypoint over
 * WXT's fake browser, vitest.wxt.config.ts with the `WxtVitest()` plugin). `unit` files run one
 * after another in a worker process kept between them (`isolate: false`: jsdom and the pipeline are
 * imported once per worker, not once per file); `unit-isolated` ones, whose source shows they
 * change what a later file would see (an environment, mocks, globals, fake IndexedDB, the
 * interface language: test/support/shared-workers.ts), each in a fresh process. Loading WXT for
 * the `background` plugin costs seconds, so a run given only file paths none of which is under
 * test/wxt/ (`npx vitest run src/x.test.ts`) leaves that project out; any other run (the whole
 * suite, a name filter) has it.
 * Real browsers: vitest.e2e.config.ts.
 */
const BACKGROUND_TESTS = 'test/wxt/background.test.ts';
/**
 * Seconds of the slowest unit files, for the longest-first start order (test/support/longest-first.ts);
 * the others, about a second or less each, by size after them. Measured per file (environment +
 * import + tests) in a whole run with shared workers at load 10-19, scaled to a 2-core CI run's
 * total (about 330 worker-seconds); only the order matters.
 */
const CI_SECONDS: Record<string, number> = {
  'test/hostile/hostile.test.ts': 64,
  'test/hostile/hostile-cli.test.ts': 57,
  // New this session (issue 10, the part a tab hands the reader); from a whole CI-simulation run
  // (hostile.test 37.6 s there), scaled like the rest, then by their CPU time alone once they
  // shared one Node DOM and page-part stopped its reads at the first part (57 -> 37, 23 -> 15 s).
  'src/reader/handed-part-hostile.test.ts': 36,
  'src/content/page-part.test.ts': 17,
  'test/hostile/fuzz.test.ts': 23,
  'src/packages.test.ts': 19,
  'src/lint.test.ts': 10,
  'test/hostile/traps.test.ts': 10,
  'src/output/markdown-safety.test.ts': 9,
  'src/cli/bundle.test.ts': 9,
  'test/pages.test.ts': 9,
  'test/hostile/heavy.test.ts': 9,
  'test/hostile/library-import.test.ts': 8,
  'test/hostile/faults.test.ts': 6,
  'src/eval/multipage/generate.test.ts': 5,
  'src/manifest-permissions.test.ts': 4,
  'test/cli.test.ts': 4,
  'src/pipeline/unseen-kinds.test.ts': 4,
  'src/release.test.ts': 3,
  'src/pipeline/read-whole-article.test.ts': 3,
  'src/reader/settings-form.test.ts': 3,
  'src/reader/listen.test.ts': 2,
  'src/reader/shortcuts-list.test.ts': 2,
};
const UNIT_FILES = splitByIsolation(import.meta.dirname, testFiles(import.meta.dirname, ['src', 'test'], ['e2e', 'wxt', 'node_modules']));
const positionals = process.argv.slice(2).filter((arg) => !arg.startsWith('-') && !['run', 'watch', 'dev', 'related'].includes(arg));
const onlyOtherFiles = positionals.length > 0 && positionals.every((arg) => /[/\\]|\.test\.ts$/.test(arg) && !BACKGROUND_TESTS.includes(arg.replace(/^\.\//, '')) && !arg.replace(/^\.\//, '').startsWith('test/wxt'));

export default defineConfig({
  test: {
    pool: 'forks',
    // Vitest's default is one worker less than the cores: a single worker on a 2-core machine,
    // where much of a file's time is waiting (local servers, child processes, imports).
    maxWorkers: Number(process.env.WHOLESTORY_TEST_WORKERS ?? Math.max(2, availableParallelism())),
    sequence: { sequencer: longestFirst(CI_SECONDS, 1) },
    projects: [
      ...(['unit', 'unit-isolated'] as const).map((name) => ({
        test: {
          name,
          pool: 'forks' as const,
          isolate: name === 'unit-isolated',
          include: name === 'unit' ? UNIT_FILES.shared : UNIT_FILES.isolated,
          environment: 'node',
          // A hang still fails; a test beside another file on a loaded 2-core machine does not (the
          // CLI and corpus tests took over 30 s at load 15, the hostile CLI runs 45 s each at load 22).
          testTimeout: 180_000,
        },
      })),
      ...(onlyOtherFiles ? [] : ['vitest.wxt.config.ts']),
    ],
  },
});
