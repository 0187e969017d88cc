import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isolationReasons, splitByIsolation, testFiles } from './shared-workers';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('which unit files share a worker process', () => {
  /** Sources that keep their file in a process of its own, by the reason given. */
  const isolating: Record<string, string[]> = {
    environment: ['// @vitest-environment jsdom\nimport { it } from "vitest";'],
    vi: ['vi.mock("../x", () => ({}));', 'const spy = vi.spyOn(console, "warn");', 'vi.useFakeTimers();'],
    'fake-indexeddb': ["import 'fake-indexeddb/auto';"],
    'global write': ['globalThis.fetch = fake;', '(globalThis as unknown as { browser: unknown }).browser = fakeBrowser;'],
    'global define': ['Object.defineProperty(globalThis, "navigator", { value: {} });'],
    'env write': ['process.env.TZ = "UTC";', 'delete process.env.HTTP_PROXY;'],
    locale: ['setLocale("zh_CN");'],
    process: ['process.chdir(dir);'],
  };
  it.each(Object.entries(isolating).flatMap(([reason, sources]) => sources.map((source) => [source, reason])))('%s keeps its file in a process of its own (%s)', (source, reason) => {
    expect(isolationReasons(source)).toEqual([reason]);
  });

  it.each([
    'const { window } = new JSDOM("<body>");\nwindow.scrollTo = () => undefined;',
    'const fuzz = Number(process.env.FUZZ_CASES ?? 30);',
    'const html = "<script>window.__PAGE__ = {}</script>";',
    'expect(globalThis.fetch).toBeDefined();',
    'if (a === b) run();',
  ])('%s may share', (source) => {
    expect(isolationReasons(source)).toEqual([]);
  });

  it('splits every unit file of the repository, the browser and WXT suites left out', () => {
    const files = testFiles(ROOT, ['src', 'test'], ['e2e', 'wxt', 'node_modules']);
    expect(files).toContain('test/support/shared-workers.test.ts');
    expect(files.some((f) => f.startsWith('test/e2e/') || f.startsWith('test/wxt/'))).toBe(false);
    const { shared, isolated } = splitByIsolation(ROOT, files);
    expect([...shared, ...isolated].sort()).toEqual(files);
    expect(shared).toEqual(expect.arrayContaining(['src/pipeline/query.test.ts', 'test/hostile/fuzz.test.ts']));
    // This file's own examples name the patterns.
    expect(isolated).toEqual(expect.arrayContaining(['src/reader/listen.test.ts', 'test/support/shared-workers.test.ts']));
  });
});
