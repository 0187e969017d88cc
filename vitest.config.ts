import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Unit tests (`npm run test:unit`), in two projects: `unit` (everything under src/ and test/, plain
 * Node or jsdom) and `background` (test/wxt/: the background entrypoint over WXT's fake browser,
 * vitest.wxt.config.ts with the `WxtVitest()` plugin). Loading WXT for that plugin costs seconds,
 * so a run given only file paths none of which is under test/wxt/ (`npx vitest run src/x.test.ts`)
 * leaves that project out; any other run (the whole suite, a name filter) has it.
 * Real browsers: vitest.e2e.config.ts.
 */
const BACKGROUND_TESTS = 'test/wxt/background.test.ts';
const positionals = process.argv.slice(2).filter((arg) => !arg.startsWith('-') && !['run', 'watch', 'dev', 'related'].includes(arg));
const onlyOtherFiles = positionals.length > 0 && positionals.every((arg) => /[/\\]|\.test\.ts$/.test(arg) && !BACKGROUND_TESTS.includes(arg.replace(/^\.\//, '')) && !arg.replace(/^\.\//, '').startsWith('test/wxt'));

export default defineConfig({
  test: {
    pool: 'forks',
    // Vitest's default is one worker less than the cores: a single worker on a 2-core machine,
    // where much of a file's time is waiting (local servers, child processes, imports).
    maxWorkers: Number(process.env.WHOLESTORY_TEST_WORKERS ?? Math.max(2, availableParallelism())),
    projects: [
      {
        test: {
          name: 'unit',
          pool: 'forks',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/wxt/**', 'node_modules/**'],
          environment: 'node',
          // A hang still fails; a test beside another file on a loaded 2-core machine does not.
          testTimeout: 90_000,
        },
      },
      ...(onlyOtherFiles ? [] : ['vitest.wxt.config.ts']),
    ],
  },
});
