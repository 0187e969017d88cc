/** Saved articles and images for the library's unit tests (not bundled: tests import it). */
import { articleIdFor } from './article-id';
import type { SavedArticle, StoredImage } from './types';

let counter = 0;

/** A saved article; `n` makes its URL (and so its id) distinct. */
export function testArticle(n: number, overrides: Partial<SavedArticle> = {}): SavedArticle {
  const url = overrides.url ?? `http://culture.people.com.cn/n1/2022/0213/c1013-${32350000 + n}.html`;
  const pageUrls = [url, url.replace(/\.html$/, '-2.html')];
  const text = overrides.textContent ?? `第${n}篇：城市书房点亮市民文化生活。走进位于老城区的城市书房，阅读区错落有致。\n\nReaders come every evening (article ${n}).`;
  return {
    id: articleIdFor(url),
    url,
    title: `城市书房 ${n}`,
    byline: '记者 张三',
    source: '人民日报',
    publishedTime: '2022-02-13T07:48:00+08:00',
    siteName: '人民网',
    lang: 'zh-CN',
    dir: null,
    site: 'people',
    excerpt: null,
    length: text.length,
    pageUrls,
    pageCount: 2,
    failedPages: [],
    contentHtml: `<section data-page="1"><p>${text}</p><p><img src="http://culture.people.com.cn/img/${n}.jpg" alt="图${n}"></p></section><section data-page="2"><p>第二页</p></section>`,
    textContent: text,
    savedAt: 1_700_000_000_000 + n * 1000 + counter++,
    size: 1000,
    images: [{ url: `http://culture.people.com.cn/img/${n}.jpg`, type: 'image/jpeg', size: 4 }],
    imageFailures: [],
    ...overrides,
  };
}

/** The stored images of `testArticle(n)`. */
export function testImages(article: SavedArticle): StoredImage[] {
  return article.images.map((info, i) => ({
    articleId: article.id,
    url: info.url,
    blob: new Blob([new Uint8Array([0xff, 0xd8, 0xff, i])], { type: info.type }),
  }));
}
