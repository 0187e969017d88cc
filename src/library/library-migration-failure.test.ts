/**
 * A library migration that fails outright (issue 5, library safety): the v1 → v2 upgrade is
 * aborted, the v1 library stays exactly as it was, and the error says what happened in plain words.
 * Damaged records no longer make a migration fail (library-safety.test.ts, "a migration meeting a
 * damaged article"), so the failure is forced here: the indexer throws on a marked article, standing
 * in for whatever a future migration could trip on (a bug, storage giving out).
 */
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { libraryErrorText } from './error-text';
import { openLibrary } from './library';
import { LibraryError } from './library-error';
import { testArticle, writeV1Library } from '../../test/support/library-articles';

const BOOM = 'MIGRATION-BOOM';

vi.mock('./search-terms', async (importOriginal) => {
  const real = await importOriginal<typeof import('./search-terms')>();
  return {
    ...real,
    articleTerms: (...texts: string[]) => {
      if (texts.some((t) => t.includes(BOOM))) throw new TypeError('indexer failed on purpose');
      return real.articleTerms(...texts);
    },
  };
});

let dbCount = 0;
const opened: Array<{ close(): void }> = [];

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** Plain words: one sentence or two, no stack frames, no "TypeError:"-style prefixes. */
function expectPlainWords(message: string): void {
  expect(message).not.toMatch(/\n\s*at /);
  expect(message).not.toMatch(/^\w*Error:/);
  expect(message).not.toMatch(/undefined|null|\[object /);
  expect(message.length).toBeLessThan(400);
}

describe('a migration that fails', () => {
  it('v1 → v2 aborts, the v1 library stays whole and readable, and the error says what happened', async () => {
    const name = `safety-library-v1-${dbCount++}`;
    const good = [testArticle(1, { savedAt: 1000 }), testArticle(2, { savedAt: 2000 })];
    // Indexing this one throws (see the mock above): the migration itself fails.
    const unindexable = testArticle(3, { savedAt: 3000, textContent: `${BOOM} 正文` });
    await writeV1Library(name, [...good, unindexable]);
    const v1 = await openDB(name);
    const before = { articles: await v1.getAll('articles'), list: await v1.getAll('list'), images: await v1.count('images') };
    v1.close();

    const errors: unknown[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    let error: unknown;
    try {
      error = await openLibrary({ name }).catch((e: unknown) => e);
    } finally {
      console.error = consoleError;
    }
    expect(error).toBeInstanceOf(LibraryError);
    // The cause (for a bug report) goes to the console and stays on the error, not into the message.
    expect(errors).toHaveLength(1);
    expect((error as LibraryError).cause).toBeInstanceOf(TypeError);
    const message = (error as LibraryError).message;
    expectPlainWords(message);
    // It says what happened: the update of the library failed and nothing was changed.
    expect(message).toMatch(/could not be updated/);
    expect(message).toMatch(/nothing .*changed/i);
    expectPlainWords(libraryErrorText(error));

    // Still version 1, every store and record as before.
    const after = await openDB(name);
    opened.push(after);
    expect(after.version).toBe(1);
    expect([...after.objectStoreNames].sort()).toEqual(['articles', 'images', 'list']);
    expect(await after.getAll('articles')).toEqual(before.articles);
    expect(await after.getAll('list')).toEqual(before.list);
    expect(await after.count('images')).toBe(before.images);
    for (const article of good) expect((await after.get('articles', article.id))?.textContent).toBe(article.textContent);
  });
});
