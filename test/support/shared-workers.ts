/**
 * Which unit test files may share a worker process (vitest `isolate: false`, vitest.config.ts) and
 * which get a fresh one each. Importing jsdom costs about a second per process; in fresh processes
 * the unit run spent some 80 s (summed over files) importing, most of it jsdom again and again.
 * A file shares when its source shows none of the ways a file changes what the next file in the
 * process would see: a vitest environment (`@vitest-environment`), module mocks, spies, stubbed
 * globals or env, fake timers, fake-indexeddb's global IndexedDB, writes to `globalThis` /
 * `global` / `process.env`, the interface-language switch, process listeners or the working
 * folder. (`window.x = …` in a Node-environment file is a JSDOM window of the file's own.)
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** What keeps a file in a process of its own, by name (for the reason in a failure report). */
export const ISOLATING: ReadonlyArray<readonly [string, RegExp]> = [
  ['environment', /@vitest-environment/],
  ['vi', /\bvi\.(mock|doMock|unmock|stubGlobal|stubEnv|useFakeTimers|spyOn|hoisted|resetModules)\b/],
  ['fake-indexeddb', /fake-indexeddb/],
  ['global write', /\b(globalThis|global)\s*(\.\s*\w+|\[[^\]]+\])\s*=[^=]/],
  ['global write', /\(\s*(globalThis|global)\s+as\s+[^)]*\)\s*(\.\s*\w+|\[[^\]]+\])\s*=[^=]/],
  ['global define', /Object\.(defineProperty|defineProperties|assign)\(\s*(globalThis|global|window|self|navigator|document)\b/],
  ['global delete', /delete\s+\(?\s*(globalThis|global)\b/],
  ['env write', /process\.env(\.\w+|\[[^\]]+\])\s*(=[^=]|\?\?=)|delete\s+process\.env|process\.env\s*=[^=]/],
  ['locale', /\b(setLocale|setUiLocale|useLocale)\b|i18n/],
  ['process', /process\.(chdir|on|once|exitCode|umask)\b|setGlobalDispatcher/],
];

/** The reasons `source` keeps its file in a process of its own (none: it may share). */
export function isolationReasons(source: string): string[] {
  return [...new Set(ISOLATING.filter(([, re]) => re.test(source)).map(([name]) => name))];
}

/** `*.test.ts` under `dirs` of `root`, as root-relative paths with `/`, without `skip` folders. */
export function testFiles(root: string, dirs: readonly string[], skip: readonly string[]): string[] {
  const out: string[] = [];
  for (const dir of dirs) {
    for (const entry of readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })) {
      const rel = `${dir}/${entry.split(path.sep).join('/')}`;
      if (rel.endsWith('.test.ts') && !skip.some((s) => rel.startsWith(`${s}/`) || rel.includes(`/${s}/`))) out.push(rel);
    }
  }
  return out.sort();
}

/** The files split: `shared` may run one after another in one process, `isolated` each in its own. */
export function splitByIsolation(root: string, files: readonly string[]): { shared: string[]; isolated: string[] } {
  const shared: string[] = [];
  const isolated: string[] = [];
  for (const file of files) (isolationReasons(readFileSync(path.join(root, file), 'utf8')).length ? isolated : shared).push(file);
  return { shared, isolated };
}
