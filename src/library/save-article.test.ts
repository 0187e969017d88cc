import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeDom } from '../cli/node-dom';
import type { WholeArticle } from '../pipeline/types';
import { fetchArticleImages } from './fetch-images';
import { openLibrary, type Library } from './library';
import { imageUrlsOf, saveArticle } from './save-article';
import { imageFetch, pngBytes } from '../../test/support/fake-fetch';
import { wholeArticle } from '../../test/support/whole-article';

const dom = createNodeDom();
const parse = (html: string) => dom.parse(html, 'http://culture.people.com.cn/');
const BASE = 'http://culture.people.com.cn/n1/2022/0213/c1013-32351234.html';
const img = (name: string) => `http://culture.people.com.cn/img/${name}`;

function articleWith(html: string): WholeArticle {
  const pageUrls = [BASE, BASE.replace('.html', '-2.html')];
  return wholeArticle({ title: '城市书房点亮市民文化生活', source: '人民日报', publishedTime: '2022-02-13T07:48:00+08:00', dir: null, url: `${BASE}#top`, pageUrls, textContent: '城市书房', contentHtml: html, length: 4 });
}

let library: Library | undefined;
afterEach(() => library?.close());

describe('imageUrlsOf', () => {
  it('lists absolute http(s) image URLs once, in order', () => {
    const html = `<p><img src="${img('a.png')}"><img src="/img/b.png"><img src="${img('a.png')}"><img src="data:image/png;base64,AAAA"><img></p>`;
    expect(imageUrlsOf(html, BASE, parse)).toEqual([img('a.png'), img('b.png')]);
  });
});

describe('fetchArticleImages', () => {
  it('keeps what fits and says why the rest was not kept', async () => {
    const fetch = imageFetch(
      {
        [img('ok.png')]: { body: pngBytes(100) },
        [img('sniffed')]: { body: pngBytes(50), contentType: 'application/octet-stream' },
        [img('missing.png')]: { status: 404, body: 'not found', contentType: 'text/plain' },
        [img('page.html')]: { body: '<!doctype html><p>hi', contentType: 'text/html' },
        [img('huge.png')]: { body: pngBytes(10), contentLength: 6 * 1024 * 1024 },
        [img('big.png')]: { body: pngBytes(300) },
        [img('slow.png')]: { body: pngBytes(10), hang: true },
      },
    );
    const urls = ['ok.png', 'sniffed', 'missing.png', 'page.html', 'huge.png', 'big.png', 'slow.png', 'offline.png', 'ok.png'].map(img);
    const result = await fetchArticleImages(urls, fetch, { maxImageBytes: 5 * 1024 * 1024, maxArticleBytes: 200, timeoutMs: 50 });
    expect(result.images.map((i) => [i.url, i.blob.type, i.blob.size])).toEqual([
      [img('ok.png'), 'image/png', 100],
      [img('sniffed'), 'image/png', 50],
    ]);
    expect(result.failures).toEqual([
      { url: img('missing.png'), reason: 'HTTP 404' },
      { url: img('page.html'), reason: 'not an image (text/html)' },
      { url: img('huge.png'), reason: 'larger than 5 MB (6 MB)' },
      { url: img('big.png'), reason: "over the article's 0 MB limit for images" },
      { url: img('slow.png'), reason: 'timed out after 0 s' },
      { url: img('offline.png'), reason: 'network error (Failed to fetch)' },
    ]);
    // Each image once.
    expect(fetch.count(img('ok.png'))).toBe(1);
  });

  it('stops at the count limit', async () => {
    const table = Object.fromEntries([1, 2, 3].map((n) => [img(`${n}.png`), { body: pngBytes(20) }]));
    const result = await fetchArticleImages([1, 2, 3].map((n) => img(`${n}.png`)), imageFetch(table), { maxImages: 2 });
    expect(result.images).toHaveLength(2);
    expect(result.failures).toEqual([{ url: img('3.png'), reason: 'more than 2 images in the article' }]);
  });
});

describe('saveArticle', () => {
  it('saves the HTML untouched, the images, the failures and the size', async () => {
    library = await openLibrary({ name: 'save-article-test' });
    const html = `<article><section data-page="1"><p>城市书房</p><p><img src="${img('a.png')}" alt="书房"></p></section><section data-page="2"><p><img src="${img('gone.png')}"></p></section></article>`;
    const saved = await saveArticle(library, articleWith(html), { fetch: imageFetch({ [img('a.png')]: { body: pngBytes(1000) } }), parse, now: 42 });
    expect(saved.url).toBe(BASE);
    expect(saved.contentHtml).toBe(html);
    expect(saved.savedAt).toBe(42);
    expect(saved.images).toEqual([{ url: img('a.png'), type: 'image/png', size: 1000 }]);
    expect(saved.imageFailures).toEqual([{ url: img('gone.png'), reason: 'network error (Failed to fetch)' }]);
    expect(saved.size).toBe(new TextEncoder().encode(html).length + new TextEncoder().encode('城市书房').length + 1000);
    expect(await library.get(saved.id)).toEqual(saved);
    const images = await library.images(saved.id);
    expect(images.map((i) => [i.url, i.blob.size])).toEqual([[img('a.png'), 1000]]);
  });
});
