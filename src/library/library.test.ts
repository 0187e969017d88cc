import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { articleIdFor } from './article-id';
import { openLibrary, type Library } from './library';
import { LibraryError } from './library-error';
import { testArticle, testImages, writeV1Library } from '../../test/support/library-articles';
import { LIBRARY_VERSION, upgradeLibrary, type LibraryDb } from './schema';
import type { SavedArticle } from './types';
import { openDB } from 'idb';

let dbCount = 0;
const opened: Library[] = [];

async function freshLibrary(): Promise<Library> {
  const library = await openLibrary({ name: `test-library-${dbCount++}` });
  opened.push(library);
  return library;
}

afterEach(() => {
  for (const library of opened.splice(0)) library.close();
});

async function blobBytes(blob: Blob): Promise<number[]> {
  return [...new Uint8Array(await blob.arrayBuffer())];
}

/** Every record of every store, for "nothing changed" checks. */
async function snapshot(library: Library): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const store of ['articles', 'list', 'search', 'postings', 'meta'] as const) out[store] = await library.db.getAll(store);
  out.images = (await library.db.getAll('images')).map((image) => [image.articleId, image.url, image.blob.size]);
  return out;
}

describe('saving and reading', () => {
  it('stores the article, its images, a list entry and its search terms', async () => {
    const library = await freshLibrary();
    const article = testArticle(1);
    expect(await library.put(article, testImages(article))).toBe('added');
    expect(await library.get(article.id)).toEqual(article);
    const images = await library.images(article.id);
    expect(images.map((i) => i.url)).toEqual([article.images[0]!.url]);
    expect(await blobBytes(images[0]!.blob)).toEqual([0xff, 0xd8, 0xff, 0]);
    expect(await library.entries()).toEqual([
      { id: article.id, url: article.url, title: article.title, site: 'people', siteName: '人民网', pageCount: 2, savedAt: article.savedAt, size: 1000, imageCount: 1, ord: 0 },
    ]);
    expect(await library.search('城市书房')).toEqual(new Set([article.id]));
  });

  it('lists newest first', async () => {
    const library = await freshLibrary();
    const a = testArticle(1, { savedAt: 1000 });
    const b = testArticle(2, { savedAt: 3000 });
    const c = testArticle(3, { savedAt: 2000 });
    for (const x of [a, b, c]) await library.put(x, []);
    expect((await library.entries()).map((e) => e.id)).toEqual([b.id, c.id, a.id]);
  });

  it('keeps one entry per canonical URL: saving again updates the article, its images and its index', async () => {
    const library = await freshLibrary();
    const first = testArticle(1);
    await library.put(first, testImages(first));
    const again = testArticle(1, {
      url: `${first.url}#comments`,
      id: articleIdFor(`${first.url}#comments`),
      title: 'Night trains',
      textContent: 'Night trains bring remote valleys closer.',
      images: [{ url: 'http://culture.people.com.cn/img/other.png', type: 'image/png', size: 4 }],
      savedAt: first.savedAt + 1,
    });
    expect(again.id).toBe(first.id);
    expect(await library.put(again, testImages(again))).toBe('updated');
    expect(await library.entries()).toHaveLength(1);
    expect((await library.get(first.id))?.title).toBe('Night trains');
    expect((await library.images(first.id)).map((i) => i.url)).toEqual(['http://culture.people.com.cn/img/other.png']);
    expect(await library.search('城市书房')).toEqual(new Set());
    expect(await library.search('valleys')).toEqual(new Set([first.id]));
    // Only the new terms remain in the postings.
    const terms = (await library.db.getAll('postings')).map((p) => p.term);
    expect(terms).not.toContain('书房');
    expect(terms).toContain('valleys');
  });

  it('finds Chinese text without spaces, one character, and English words as they are typed', async () => {
    const library = await freshLibrary();
    const a = testArticle(1, { title: '夜行列车', textContent: '夜行列车把偏远山谷和城市连在一起。Night trains run every day.' });
    const b = testArticle(2, { title: '城市书房', textContent: '城市书房点亮市民文化生活。Readers come every evening.' });
    await library.put(a, []);
    await library.put(b, []);
    expect(await library.search('山谷')).toEqual(new Set([a.id]));
    expect(await library.search('城市')).toEqual(new Set([a.id, b.id]));
    expect(await library.search('市民文化')).toEqual(new Set([b.id]));
    expect(await library.search('谷')).toEqual(new Set([a.id]));
    expect(await library.search('起')).toEqual(new Set([a.id]));
    expect(await library.search('nig')).toEqual(new Set([a.id]));
    expect(await library.search('every')).toEqual(new Set([a.id, b.id]));
    expect(await library.search('every even')).toEqual(new Set([b.id]));
    expect(await library.search('城市 readers')).toEqual(new Set([b.id]));
    expect(await library.search('火车')).toEqual(new Set());
    expect(await library.search('  ，')).toBeNull();
  });

  it('never misses an article that contains the query (checked against a plain substring search)', async () => {
    const library = await freshLibrary();
    const chars = '城市书房市民文化生活阅读老区的和在一起中国人民经济发展';
    let seed = 3;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const word = (n: number) => Array.from({ length: n }, () => chars[Math.floor(rnd() * chars.length)]).join('');
    const articles = Array.from({ length: 60 }, (_, i) => testArticle(100 + i, { title: word(6), textContent: `${word(80)}，${word(40)}。Night ${i % 2 ? 'trains' : 'buses'}` }));
    for (const article of articles) await library.put(article, []);
    const queries = ['城市', '书房', '人民经济', '的', '生活阅读', '文化生', 'train', 'night bus', ...Array.from({ length: 30 }, () => word(2 + Math.floor(rnd() * 3)))];
    for (const query of queries) {
      const found = (await library.search(query)) ?? new Set();
      const norm = (a: (typeof articles)[number]) => `${a.title}\n${a.textContent}`.toLowerCase();
      const words = query.toLowerCase().split(/\s+/);
      for (const a of articles) {
        const contains = words.every((w) => norm(a).includes(w));
        if (contains) expect(found.has(a.id), `${query} in ${a.title}`).toBe(true);
      }
    }
  });

  it('lets two saves run at once, of different articles and of the same one', async () => {
    const library = await freshLibrary();
    const other = await openLibrary({ name: library.db.name });
    opened.push(other);
    const a = testArticle(1);
    const b = testArticle(2);
    const results = await Promise.all([library.put(a, testImages(a)), other.put(b, testImages(b))]);
    expect(results).toEqual(['added', 'added']);
    const same = testArticle(1, { savedAt: a.savedAt + 5 });
    await Promise.all([library.put(same, testImages(same)), other.put(same, testImages(same))]);
    const entries = await library.entries();
    expect(entries.map((e) => e.id).sort()).toEqual([a.id, b.id].sort());
    expect(new Set(entries.map((e) => e.ord)).size).toBe(2);
    expect(await library.images(a.id)).toHaveLength(1);
    expect(await library.search('城市书房')).toEqual(new Set([a.id, b.id]));
  });
});

describe('failures leave nothing half-written', () => {
  it('a full disk (quota exceeded) in the middle of a save', async () => {
    const library = await freshLibrary();
    const kept = testArticle(1);
    await library.put(kept, testImages(kept));
    const before = await snapshot(library);

    const article = testArticle(2, { images: Array.from({ length: 3 }, (_, i) => ({ url: `http://x.people.com.cn/${i}.jpg`, type: 'image/jpeg', size: 4 })) });
    const proto = globalThis.IDBObjectStore.prototype;
    const put = proto.put;
    let calls = 0;
    proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      // The third image does not fit.
      if (this.name === 'images' && ++calls === 3) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
    try {
      const error = await library.put(article, testImages(article)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LibraryError);
      expect((error as LibraryError).code).toBe('quota');
      expect((error as LibraryError).message).toBe('The article was not saved: there is not enough storage space. Delete some saved articles or free disk space, then try again.');
    } finally {
      proto.put = put;
    }
    expect(await snapshot(library)).toEqual(before);
    expect(await library.get(article.id)).toBeUndefined();
  });

  it('a value that cannot be stored, after the images were written', async () => {
    const library = await freshLibrary();
    const before = await snapshot(library);
    const article = testArticle(3);
    // A value IndexedDB cannot store, written last: every earlier write in the transaction is undone.
    const broken = { ...article, contentHtml: article.contentHtml, extra: () => undefined } as unknown as SavedArticle;
    const error = await library.put(broken, testImages(article)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibraryError);
    expect((error as LibraryError).message).toMatch(/^The article was not saved: /);
    expect(await snapshot(library)).toEqual(before);
  });

  it('a closed database', async () => {
    const library = await freshLibrary();
    library.close();
    const error = await library.put(testArticle(4), []).catch((e: unknown) => e);
    expect((error as LibraryError).code).toBe('closed');
    expect((error as LibraryError).message).toBe('The article was not saved: the library was closed (the browser may be shutting down or WholeStory was updated). Try again.');
  });
});

describe('deleting', () => {
  it('hides an article, undoes that, and purges it for good with its images and index entries', async () => {
    const library = await freshLibrary();
    const a = testArticle(1);
    const b = testArticle(2, { title: '另一篇', textContent: '完全不同的文字' });
    await library.put(a, testImages(a));
    await library.put(b, testImages(b));
    await library.markDeleted(a.id, 5000);
    expect((await library.entries()).map((e) => e.id)).toEqual([b.id]);
    await library.restore(a.id);
    expect((await library.entries()).map((e) => e.id)).toEqual([b.id, a.id]);
    await library.markDeleted(a.id, 5000);
    expect(await library.purgeDeleted(4999)).toBe(0);
    expect(await library.purgeDeleted(5000)).toBe(1);
    expect(await library.get(a.id)).toBeUndefined();
    expect(await library.images(a.id)).toEqual([]);
    expect(await library.search('城市书房')).toEqual(new Set());
    expect((await library.db.getAll('postings')).every((p) => p.ords.length > 0 && !p.ords.includes(0))).toBe(true);
    expect(await library.get(b.id)).toEqual(b);
  });
});

describe('schema migrations', () => {
  it('opens a library written by version 1 and loses nothing', async () => {
    const name = `test-library-v1-${dbCount++}`;
    const articles = [testArticle(1, { savedAt: 3000 }), testArticle(2, { savedAt: 1000, title: 'Night trains', textContent: 'Night trains bring valleys closer.' }), testArticle(3, { savedAt: 2000 })];
    await writeV1Library(name, articles);

    const library = await openLibrary({ name });
    opened.push(library);
    expect(library.db.version).toBe(LIBRARY_VERSION);
    for (const article of articles) {
      expect(await library.get(article.id)).toEqual(article);
      expect(await library.images(article.id)).toHaveLength(1);
    }
    // Numbered oldest first; the list as before, newest first.
    const entries = await library.entries();
    expect(entries.map((e) => [e.id, e.ord])).toEqual([
      [articles[0]!.id, 2],
      [articles[2]!.id, 1],
      [articles[1]!.id, 0],
    ]);
    expect(await library.search('城市书房')).toEqual(new Set([articles[0]!.id, articles[2]!.id]));
    expect(await library.search('valleys')).toEqual(new Set([articles[1]!.id]));
    // The next article saved gets the next number.
    await library.put(testArticle(4), []);
    expect((await library.entries())[0]?.ord).toBe(3);
  });

  it('rebuilds a version-2 index so that Traditional and Simplified find each other (v3)', async () => {
    const name = `test-library-v2-${dbCount++}`;
    // Version 2 as it was: terms unfolded (中國 indexed as 中國, 國).
    const v2 = await openDB(name, 2, {
      upgrade(db, oldVersion, newVersion, tx) {
        void upgradeLibrary(db as unknown as LibraryDb, oldVersion, newVersion ?? 2, tx as never);
      },
    });
    const article = testArticle(1, { savedAt: 1000, title: '中國經濟', textContent: '中國經濟穩中向好。', lang: 'zh-TW' });
    const tx = v2.transaction(['articles', 'list', 'search', 'postings', 'meta'], 'readwrite');
    void tx.objectStore('articles').put(article);
    const { id, url, title, site, siteName, pageCount, savedAt, size } = article;
    void tx.objectStore('list').put({ id, url, title, site, siteName, pageCount, savedAt, size, imageCount: 0, ord: 0 });
    void tx.objectStore('search').put({ id, ord: 0, terms: '中國\n國經\n經濟\n濟' });
    for (const term of ['中國', '國經', '經濟', '濟']) void tx.objectStore('postings').put({ term, shard: 0, ords: Uint32Array.of(0) });
    void tx.objectStore('meta').put(1, 'nextOrd');
    await tx.done;
    v2.close();

    const library = await openLibrary({ name });
    opened.push(library);
    expect(library.db.version).toBe(LIBRARY_VERSION);
    for (const query of ['中國', '中国', '中国经济', '經濟']) expect(await library.search(query)).toEqual(new Set([id]));
    expect(await library.get(id)).toEqual(article);
    // A Simplified article saved now is found by a Traditional query.
    const simplified = testArticle(2, { title: '城市书房', textContent: '发展经济。' });
    await library.put(simplified, []);
    expect(await library.search('發展')).toEqual(new Set([simplified.id]));
  });
});
