/**
 * The list the popup and the library page share, in jsdom over fake IndexedDB: a record imported
 * with `"site": "__proto__"` (or damaged in any listed field) must not empty the list (issue 12,
 * item 6: the popup and the library listed 0 articles, the person's own included).
 */
import 'fake-indexeddb/auto';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { sharedLibrary } from '../library/shared-library';
import { testArticle, testImages } from '../../test/support/library-articles';
import { mountLibraryList } from './library-list';

describe('mountLibraryList', () => {
  it('lists every article, the person\'s own and records damaged outside WholeStory alike', async () => {
    const library = await sharedLibrary();
    const own = [testArticle(1), testArticle(2, { site: 'xinhua', siteName: null })];
    for (const a of own) await library.put(a, testImages(a));
    const damaged = [
      testArticle(3, { site: '__proto__', siteName: null, title: 'proto site' }),
      testArticle(4, { site: 'constructor', siteName: null, title: 'constructor site' }),
      testArticle(5, { site: 'hasOwnProperty', siteName: 7 as never, title: 'odd site name' }),
    ];
    for (const a of damaged) await library.put(a, []);
    // A list entry changed outside WholeStory: title and site of other types.
    const tx = library.db.transaction('list', 'readwrite');
    const entry = await tx.store.get(damaged[2]!.id);
    await tx.store.put({ ...entry!, title: 42 as never, site: { toString: null } as never, pageCount: 'x' as never });
    await tx.done;

    const { window } = new JSDOM('<!doctype html><body><div id="library"></div>', { url: 'chrome-extension://x/popup.html' });
    (globalThis as { navigator?: unknown }).navigator ??= {};
    const list = await mountLibraryList(window.document, { container: window.document.getElementById('library') as HTMLElement });
    const ids = [...window.document.querySelectorAll('li.library-item')].map((li) => (li as HTMLElement).dataset.id);
    expect(ids.sort()).toEqual([...own, ...damaged].map((a) => a.id).sort());
    expect(list.shown()).toHaveLength(5);
    expect(window.document.documentElement.dataset.libraryCount).toBe('5');
    // Each names a site (the generic one for an unknown id) and nothing reads "[object".
    for (const li of window.document.querySelectorAll('.library-meta')) expect(li.textContent).not.toMatch(/\[object|undefined|NaN/);
    library.close();
  });
});
