/**
 * The saved-articles list for a screen reader (issue 10, bug 11): the popup's
 * `<section aria-labelledby="library-heading">` names an element that exists, and titles carry a
 * real `lang` (Chinese, English) or none, never `lang=""`.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { sharedLibrary } from '../library/shared-library';
import { testArticle, testImages } from '../../test/support/library-articles';
import { mountLibraryList } from './library-list';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('the library list, accessible', () => {
  it('names the popup\'s library section and gives titles their language', async () => {
    const library = await sharedLibrary();
    const articles = [testArticle(11, { title: '“两会”侧记' }), testArticle(12, { title: 'Full Text: A quiet revolution' }), testArticle(13, { title: '2023' })];
    for (const a of articles) await library.put(a, testImages(a));
    const popup = readFileSync(path.join(ROOT, 'entrypoints/popup/index.html'), 'utf8').replace(/<script[^>]*><\/script>/g, '');
    const { window } = new JSDOM(popup, { url: 'chrome-extension://x/popup.html' });
    const doc = window.document;
    (globalThis as { navigator?: unknown }).navigator ??= {};
    const section = doc.querySelector('[aria-labelledby]') as HTMLElement;
    await mountLibraryList(doc, { container: section });
    for (const el of doc.querySelectorAll('[aria-labelledby]')) {
      const ids = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/);
      for (const id of ids) expect(doc.getElementById(id)?.textContent, id).toBeTruthy();
    }
    const langs = new Map([...doc.querySelectorAll<HTMLElement>('.library-title')].map((a) => [a.textContent, a.getAttribute('lang')]));
    expect(langs.get('“两会”侧记')).toBe('zh');
    expect(langs.get('Full Text: A quiet revolution')).toBe('en');
    expect(langs.get('2023')).toBeNull();
    expect(doc.querySelector('[lang=""]')).toBeNull();
    library.close();
  });
});
