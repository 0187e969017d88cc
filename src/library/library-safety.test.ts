/**
 * Library safety (issue 5): one broken thing — a damaged record, a database from a newer
 * WholeStory, a migration that fails — never costs the other saved articles, and the broken one is
 * reported in plain words, not as a stack trace.
 *
 * Quota exceeded on save is covered in library.test.ts ("failures leave nothing half-written" →
 * "a full disk (quota exceeded) in the middle of a save"): the save fails with a `quota`
 * LibraryError in plain words and every other record stays exactly as it was.
 */
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { libraryErrorText } from './error-text';
import { openLibrary, type Library } from './library';
import { LibraryError } from './library-error';
import { testArticle, testImages, writeV1Library } from '../../test/support/library-articles';
import type { SavedArticle } from './types';

let dbCount = 0;
const opened: Array<{ close(): void }> = [];

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

async function freshLibrary(): Promise<Library> {
  const library = await openLibrary({ name: `safety-library-${dbCount++}` });
  opened.push(library);
  return library;
}

/** Plain words: one sentence or two, no stack frames, no "TypeError:"-style prefixes. */
function expectPlainWords(message: string): void {
  expect(message).not.toMatch(/\n\s*at /);
  expect(message).not.toMatch(/^\w*Error:/);
  expect(message).not.toMatch(/undefined|null|\[object /);
  expect(message.length).toBeLessThan(400);
}

/** Every article in `articles` is listed (the popup's list API) and opens by id with its text. */
async function expectReadable(library: Library, articles: SavedArticle[]): Promise<void> {
  const listed = (await library.entries()).map((e) => e.id);
  const newest = (await library.newest(100)).map((e) => e.id);
  for (const article of articles) {
    expect(listed).toContain(article.id);
    expect(newest).toContain(article.id);
    const got = await library.get(article.id);
    expect(got?.textContent).toBe(article.textContent);
    expect(got?.contentHtml).toBe(article.contentHtml);
  }
}

/** Three good articles, saved through the library. */
async function seedGood(library: Library): Promise<SavedArticle[]> {
  const good = [testArticle(1), testArticle(2, { title: 'Night trains', textContent: 'Night trains bring valleys closer.' }), testArticle(3)];
  for (const article of good) await library.put(article, testImages(article));
  return good;
}

describe('a damaged record', () => {
  it('an article whose text is of the wrong type: the others stay readable, opening it says it is damaged', async () => {
    const library = await freshLibrary();
    const good = await seedGood(library);
    const bad = testArticle(9);
    await library.put(bad, testImages(bad));
    // Damage it behind the library's back, straight in the store.
    await library.db.put('articles', { ...bad, textContent: 42, contentHtml: { html: true } } as unknown as SavedArticle);

    await expectReadable(library, good);
    const error = await library.get(bad.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibraryError);
    expectPlainWords((error as LibraryError).message);
    expect((error as LibraryError).message).toMatch(/damaged/);
    expectPlainWords(libraryErrorText(error));
    // Searching and listing still work with the damaged record in the store.
    expect(await library.search('valleys')).toEqual(new Set([good[1]!.id]));
  });

  it('an article whose text is missing altogether', async () => {
    const library = await freshLibrary();
    const good = await seedGood(library);
    const bad = testArticle(9);
    await library.put(bad, []);
    const { textContent: _text, contentHtml: _html, ...rest } = bad;
    await library.db.put('articles', rest as unknown as SavedArticle);

    await expectReadable(library, good);
    const error = await library.get(bad.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibraryError);
    expectPlainWords((error as LibraryError).message);
  });

  it('a list entry pointing to an article that is not there', async () => {
    const library = await freshLibrary();
    const good = await seedGood(library);
    const ghost = testArticle(9);
    await library.put(ghost, []);
    await library.db.delete('articles', ghost.id);

    await expectReadable(library, good);
    // The reader shows "not in the library" for undefined: no exception to leak.
    expect(await library.get(ghost.id)).toBeUndefined();
    // Deleting the ghost entry works and leaves the others alone.
    await library.remove(ghost.id);
    expect((await library.entries()).map((e) => e.id)).not.toContain(ghost.id);
    await expectReadable(library, good);
  });

  it('a list entry with no savedAt is left out of the list instead of breaking it', async () => {
    const library = await freshLibrary();
    const good = await seedGood(library);
    const odd = testArticle(9);
    await library.put(odd, []);
    const entry = await library.db.get('list', odd.id);
    const { savedAt: _savedAt, ...rest } = entry!;
    await library.db.put('list', rest as never);

    await expectReadable(library, good);
    expect((await library.get(odd.id))?.textContent).toBe(odd.textContent);
  });
});

describe('a library written by a newer WholeStory', () => {
  it('is refused with a plain message and nothing in it is deleted', async () => {
    const library = await freshLibrary();
    const good = await seedGood(library);
    const name = library.db.name;
    library.close();

    // A future version: same stores, higher version number.
    const future = await openDB(name, 99, {
      upgrade(db) {
        db.createObjectStore('future-only');
      },
    });
    const before = await future.getAll('articles');
    future.close();

    const error = await openLibrary({ name }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibraryError);
    expect((error as LibraryError).code).toBe('newer-version');
    expect((error as LibraryError).message).toBe('The library could not be read: the library was written by a newer version of WholeStory. Update WholeStory and try again.');
    expectPlainWords(libraryErrorText(error));

    // Everything is still there, at version 99.
    const after = await openDB(name);
    opened.push(after);
    expect(after.version).toBe(99);
    expect(await after.getAll('articles')).toEqual(before);
    expect((await after.getAll('articles')).map((a: SavedArticle) => a.id).sort()).toEqual(good.map((a) => a.id).sort());
    expect(await after.count('list')).toBe(3);
  });
});

describe('a migration meeting a damaged article', () => {
  it('v1 → v2 still completes: the others are searchable and readable, the damaged one is listed and says so', async () => {
    const good = [testArticle(1, { savedAt: 1000 }), testArticle(2, { savedAt: 2000, title: 'Night trains', textContent: 'Night trains bring valleys closer.' })];
    // Its text is not a string and its title neither: nothing of it can be indexed.
    const damaged = { ...testArticle(3, { savedAt: 3000 }), textContent: 12345, title: { not: 'a string' } } as unknown as SavedArticle;
    const name = `safety-library-v1-${dbCount++}`;
    await writeV1Library(name, [...good, damaged]);
    const library = await openLibrary({ name });
    opened.push(library);
    await expectReadable(library, good);
    expect([...((await library.search('Night trains')) ?? [])]).toEqual([good[1]!.id]);
    expect((await library.entries()).map((e) => e.id)).toContain(damaged.id);
    const error = await library.get(damaged.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibraryError);
    expect((error as LibraryError).code).toBe('damaged');
    expectPlainWords((error as LibraryError).message);
  });
});
