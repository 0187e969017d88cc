/**
 * Completing a partial saved copy later (complete-article.ts): the pages that came in go in page
 * order into the stored HTML, only their images are fetched (the kept ones are not asked for
 * again), the list says how many pages are still missing, and the copy opens whole.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeDom } from '../cli/node-dom';
import { failure } from '../pipeline/errors';
import { imageFetch, pngBytes } from '../../test/support/fake-fetch';
import { testArticle, testImages } from '../../test/support/library-articles';
import { completeSavedArticle, mergeMissingPages } from './complete-article';
import { openLibrary, type Library } from './library';

const dom = createNodeDom();
const parse = (html: string) => dom.parse(html, 'http://culture.people.com.cn/');
const BASE = 'http://culture.people.com.cn/n1/2022/0213/c1013-32351234.html';
const pageUrl = (n: number) => (n === 1 ? BASE : BASE.replace('.html', `-${n}.html`));
const img = (name: string) => `http://culture.people.com.cn/img/${name}`;
const missing = (page: number) => ({ page, url: pageUrl(page), reason: 'HTTP 503', failure: failure('http-status', { status: 503 }) });
const pages = (html: string) => [...parse(html).querySelectorAll('section[data-page]')].map((s) => s.getAttribute('data-page'));

let library: Library | undefined;
afterEach(() => library?.close());

describe('mergeMissingPages', () => {
  it('puts each page in page order, whatever order they come in; a page already there is replaced', () => {
    const stored = '<article><section data-page="1"><p>一</p></section><section data-page="4"><p>四</p></section></article>';
    const merged = mergeMissingPages(stored, [{ page: 3, html: '<section data-page="3"><p>三</p></section>' }, { page: 2, html: '<section data-page="9"><p>二</p></section>' }], parse);
    expect(pages(merged.html)).toEqual(['1', '2', '3', '4']);
    expect(merged.text.replace(/\s+/g, '')).toBe('一二三四');
    const again = mergeMissingPages(merged.html, [{ page: 3, html: '<section data-page="3"><p>三（新）</p></section>' }], parse);
    expect(pages(again.html)).toEqual(['1', '2', '3', '4']);
    expect(again.text).toContain('三（新）');
    expect(again.text).not.toMatch(/三\s*$/m);
  });

  it('a stored body without <article> (older copies) and a part without a section', () => {
    const merged = mergeMissingPages('<section data-page="1"><p>一</p></section><section data-page="3"><p>三</p></section>', [{ page: 2, html: '<p>二</p>' }], parse);
    expect(merged.html.startsWith('<article>')).toBe(true);
    expect(pages(merged.html)).toEqual(['1', '2', '3']);
  });
});

describe('completeSavedArticle', () => {
  it('writes the copy whole: pages in order, the new page\'s images fetched and kept, the old ones not fetched again', async () => {
    library = await openLibrary({ name: `complete-${Math.random()}` });
    const saved = testArticle(1, {
      url: BASE,
      pageUrls: [1, 2, 3].map(pageUrl),
      pageCount: 3,
      failedPages: [missing(2)],
      contentHtml: `<article><section data-page="1"><p>第一页</p><img src="${img('1.jpg')}"></section><section data-page="3"><p>第三页</p></section></article>`,
      images: [{ url: img('1.jpg'), type: 'image/jpeg', size: 4 }],
    });
    await library.put(saved, testImages(saved));
    expect((await library.entry(saved.id))?.missingPages).toBe(1);

    const fetch = imageFetch({ [img('2.png')]: { body: pngBytes(64) } });
    const updated = await completeSavedArticle(
      library,
      saved,
      [{ page: 2, html: `<section data-page="2"><p>第二页</p><figure><img src="${img('2.png')}"></figure></section>` }],
      [],
      { fetch, parse, now: 1_800_000_000_000 },
    );
    expect(fetch.calls).toEqual([img('2.png')]);
    expect(pages(updated.contentHtml)).toEqual(['1', '2', '3']);
    expect(updated.textContent.replace(/\s+/g, '')).toBe('第一页第二页第三页');
    expect(updated.failedPages).toEqual([]);

    const stored = await library.get(saved.id);
    expect(stored?.contentHtml).toBe(updated.contentHtml);
    expect(stored?.savedAt).toBe(1_800_000_000_000);
    const images = await library.images(saved.id);
    expect(images.map((i) => i.url).sort()).toEqual([img('1.jpg'), img('2.png')]);
    expect(images.find((i) => i.url === img('2.png'))?.blob.size).toBe(64);
    expect(stored?.images.map((i) => i.url).sort()).toEqual([img('1.jpg'), img('2.png')]);
    // The list no longer says a page is missing.
    expect((await library.entry(saved.id))?.missingPages).toBeUndefined();
    expect((await library.entries()).map((e) => e.id)).toEqual([saved.id]);
  });

  it('a page that failed again stays missing, with its latest reason; an image that cannot be fetched is recorded', async () => {
    library = await openLibrary({ name: `complete-${Math.random()}` });
    const saved = testArticle(2, {
      url: BASE,
      pageUrls: [1, 2, 3, 4].map(pageUrl),
      pageCount: 4,
      failedPages: [missing(2), missing(4)],
      contentHtml: '<article><section data-page="1"><p>一</p></section><section data-page="3"><p>三</p></section></article>',
      images: [],
    });
    await library.put(saved, []);
    const still = { page: 4, url: pageUrl(4), reason: 'timed out after 15000 ms', failure: failure('timeout', { seconds: 15 }) };
    const updated = await completeSavedArticle(library, saved, [{ page: 2, html: `<section data-page="2"><p>二</p><img src="${img('gone.png')}"></section>` }], [still], {
      fetch: imageFetch({}),
      parse,
    });
    expect(pages(updated.contentHtml)).toEqual(['1', '2', '3']);
    expect(updated.failedPages).toEqual([still]);
    expect(updated.imageFailures.map((f) => f.url)).toEqual([img('gone.png')]);
    expect((await library.entry(saved.id))?.missingPages).toBe(1);
    // The code survives the trip through IndexedDB and the record check.
    expect((await library.get(saved.id))?.failedPages).toEqual([still]);
  });
});
