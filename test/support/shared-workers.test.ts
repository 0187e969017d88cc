import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isolationReasons, splitByIsolation, testFiles } from './shared-workers';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('which unit files share a worker process', () => {
  it.each([
    ['// @vitest-environment jsdom\nimport { it } from "vitest";', ['environment']],
    ['vi.mock("../x", () => ({}));', ['vi']],
    ['const spy = vi.spyOn(console, "warn");', ['vi']],
    ['vi.useFakeTimers();', ['vi']],
    ["import 'fake-indexeddb/auto';", ['fake-indexeddb']],
    ['globalThis.fetch = fake;', ['global write']],
    ['(globalThis as unknown as { browser: unknown }).browser = fakeBrowser;', ['global write']],
    ['Object.defineProperty(globalThis, "navigator", { value: {} });', ['global define']],
    ['process.env.TZ = "UTC";', ['env write']],
    ['delete process.env.HTTP_PROXY;', ['env write']],
    ['setLocale("zh_CN");', ['locale']],
    ['process.chdir(dir);', ['process']],
  ])('%s keeps its file in a process of its own', (source, reasons) => {
    expect(isolationReasons(source)).toEqual(reasons);
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
