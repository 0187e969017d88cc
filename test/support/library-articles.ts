/** Saved articles and images for the library's unit and e2e tests. */
import { openDB } from 'idb';
import { articleIdFor } from '../../src/library/article-id';
import { upgradeLibrary, type LibraryDb } from '../../src/library/schema';
import type { SavedArticle, StoredImage } from '../../src/library/types';

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

/**
 * A version-1 library database named `name`, exactly as WholeStory 1 wrote it (articles, images,
 * list; no ord, no search index), holding `articles` and their test images.
 */
export async function writeV1Library(name: string, articles: readonly SavedArticle[]): Promise<void> {
  const v1 = await openDB(name, 1, {
    upgrade(db, oldVersion, newVersion, tx) {
      void upgradeLibrary(db as unknown as LibraryDb, oldVersion, newVersion ?? 1, tx as never);
    },
  });
  const tx = v1.transaction(['articles', 'images', 'list'], 'readwrite');
  for (const article of articles) {
    void tx.objectStore('articles').put(article);
    for (const image of testImages(article)) void tx.objectStore('images').put(image);
    const { id, url, title, site, siteName, pageCount, savedAt, size } = article;
    void tx.objectStore('list').put({ id, url, title, site, siteName, pageCount, savedAt, size, imageCount: article.images.length });
  }
  await tx.done;
  v1.close();
}
