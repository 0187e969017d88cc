import { defineProject } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/** The `background` project of vitest.config.ts: entrypoint tests over WXT's fake browser (`wxt/testing`). */
export default defineProject({
  plugins: [WxtVitest()],
  test: {
    name: 'background',
    include: ['test/wxt/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
