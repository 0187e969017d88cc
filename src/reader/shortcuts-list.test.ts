/**
 * The one place shortcuts live is the `actions` map of `setUpShortcuts` (reader-app.ts); the `?`
 * help dialog shows the footer list of index.html. Every key of the map is in that list, so a
 * shortcut another feature adds (listen, contents…) shows up in the help.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Keys that do what a listed key does (`=` is `+` without Shift). */
const ALIASES: Record<string, string> = { '=': '+' };

function actionKeys(): string[] {
  const source = readFileSync(path.join(ROOT, 'src/reader/reader-app.ts'), 'utf8');
  const start = source.indexOf('const actions: Record<string, () => void> = {');
  expect(start).toBeGreaterThan(0);
  const body = source.slice(start, source.indexOf('\n  };', start));
  return [...body.matchAll(/^ {4}(?:'([^']+)'|([\w]+)):/gm)].map((m) => (m[1] ?? m[2]) as string);
}

describe('the shortcuts list', () => {
  it('names every key of the actions map (the help dialog shows that list)', () => {
    const keys = actionKeys();
    expect(keys).toEqual(expect.arrayContaining(['t', 'c', '?']));
    const html = readFileSync(path.join(ROOT, 'entrypoints/reader/index.html'), 'utf8').replace(/<script[^>]*><\/script>/g, '');
    const doc = new JSDOM(html).window.document;
    const listed = new Set([...doc.querySelectorAll('#shortcuts dl dt kbd')].map((k) => k.textContent?.trim() ?? ''));
    for (const key of keys) expect(listed.has(ALIASES[key] ?? key), `"${key}" is not in the footer list of index.html`).toBe(true);
    // Each entry has its words (a locale key).
    for (const dd of doc.querySelectorAll('#shortcuts dl dd')) expect(dd.getAttribute('data-i18n')).toBeTruthy();
  });
});
