import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openLibrary, type Library } from './library';
import { LibraryError } from './library-error';
import { exportableArticles, exportLibrary, importLibrary, type LibraryFile, type SkippedArticle } from './library-file';
import type { SavedArticle } from './types';
import { testArticle, testImages } from '../../test/support/library-articles';

let n = 0;
const opened: Library[] = [];
async function fresh(): Promise<Library> {
  const library = await openLibrary({ name: `library-file-test-${n++}` });
  opened.push(library);
  return library;
}
afterEach(() => {
  for (const library of opened.splice(0)) library.close();
});

/** Everything a person could notice: articles, list, images' bytes, search results. */
async function contents(library: Library) {
  const entries = await library.entries();
  const articles = [];
  for (const entry of entries) {
    const images = await library.images(entry.id);
    articles.push({
      entry: { ...entry, ord: undefined },
      article: await library.get(entry.id),
      images: await Promise.all(images.map(async (i) => [i.url, i.blob.type, [...new Uint8Array(await i.blob.arrayBuffer())]])),
    });
  }
  const search = {} as Record<string, string[]>;
  for (const q of ['城市书房', 'valleys', '书', 'read']) search[q] = [...((await library.search(q)) ?? [])].sort();
  return { articles, search };
}

async function seed(library: Library) {
  const a = testArticle(1, { savedAt: 1000 });
  const b = testArticle(2, { savedAt: 2000, title: 'Night trains', textContent: 'Night trains bring valleys closer.', lang: 'en' });
  const c = testArticle(3, { savedAt: 3000, images: [] });
  await library.put(a, testImages(a));
  await library.put(b, testImages(b));
  await library.put(c, []);
  return [a, b, c] as const;
}

describe('the library file', () => {
  it('is versioned JSON with every article and its images', async () => {
    const library = await fresh();
    await seed(library);
    const file = JSON.parse(await (await exportLibrary(library, { now: new Date('2024-05-01T00:00:00Z') })).blob.text()) as LibraryFile;
    expect(file.format).toBe('wholestory-library');
    expect(file.version).toBe(1);
    expect(file.exportedAt).toBe('2024-05-01T00:00:00.000Z');
    expect(file.articles.map((a) => a.article.savedAt)).toEqual([3000, 2000, 1000]);
    expect(file.articles[2]!.images).toEqual([{ url: 'http://culture.people.com.cn/img/1.jpg', type: 'image/jpeg', data: Buffer.from([0xff, 0xd8, 0xff, 0]).toString('base64') }]);
  });

  it('imports into an empty profile identically', async () => {
    const from = await fresh();
    await seed(from);
    const text = await (await exportLibrary(from)).blob.text();
    const to = await fresh();
    expect(await importLibrary(to, text)).toMatchObject({ added: 3, updated: 0, kept: 0, skipped: 0, repaired: 0 });
    expect(await contents(to)).toEqual(await contents(from));
    // And exported again, the same file (but for the time of export).
    const again = JSON.parse(await (await exportLibrary(to)).blob.text()) as LibraryFile;
    expect(again.articles).toEqual((JSON.parse(text) as LibraryFile).articles);
  });

  it('merges into a non-empty profile without duplicates: the copy saved last wins', async () => {
    const from = await fresh();
    const [a, b] = await seed(from);
    const to = await fresh();
    const newerA = testArticle(1, { savedAt: a.savedAt + 10, title: '城市书房（更新）' });
    const olderB = testArticle(2, { savedAt: b.savedAt - 10, title: 'Old trains' });
    const own = testArticle(9, { savedAt: 5000 });
    await to.put(newerA, testImages(newerA));
    await to.put(olderB, []);
    await to.put(own, []);
    const text = await (await exportLibrary(from)).blob.text();
    expect(await importLibrary(to, text)).toMatchObject({ added: 1, updated: 1, kept: 1, skipped: 0, repaired: 0 });
    const entries = await to.entries();
    expect(entries).toHaveLength(4);
    expect(new Set(entries.map((e) => e.id)).size).toBe(4);
    expect((await to.get(a.id))?.title).toBe('城市书房（更新）');
    expect((await to.get(b.id))?.title).toBe('Night trains');
    expect(await to.images(b.id)).toHaveLength(1);
    // Importing the same file again changes nothing.
    expect(await importLibrary(to, text)).toMatchObject({ added: 0, updated: 0, kept: 3, skipped: 0, repaired: 0 });
  });

  it('refuses what is not a library file, and files from a newer version', async () => {
    const library = await fresh();
    await expect(importLibrary(library, 'not json')).rejects.toThrow(LibraryError);
    await expect(importLibrary(library, '{"format":"something-else","articles":[]}')).rejects.toThrow('this is not a WholeStory library file');
    await expect(importLibrary(library, '{"format":"wholestory-library","version":99,"articles":[]}')).rejects.toThrow('newer version');
  });

  it('skips entries that are not articles and images that are not images; never trusts a file id', async () => {
    const library = await fresh();
    const a = testArticle(1);
    const file: LibraryFile = {
      format: 'wholestory-library',
      version: 1,
      exportedAt: '',
      articles: [
        { article: { ...a, id: 'forged' }, images: [{ url: 'x', type: 'text/html', data: 'PHNjcmlwdD4=' }, { url: 'http://culture.people.com.cn/img/1.jpg', type: 'image/jpeg', data: '/9j/AA==' }] },
        { article: { title: 'no url' } as never, images: [] },
      ],
    };
    expect(await importLibrary(library, JSON.stringify(file))).toMatchObject({ added: 1, updated: 0, kept: 0, skipped: 1, repaired: 0 });
    expect(await library.get('forged')).toBeUndefined();
    expect((await library.images(a.id)).map((i) => i.blob.type)).toEqual(['image/jpeg']);
  });
});

describe('exports with a damaged article in the library', () => {
  it('leave it out, name it, and export every other article whole', async () => {
    const library = await fresh();
    const good = [testArticle(1, { savedAt: 1000 }), testArticle(2, { savedAt: 2000 })];
    for (const article of good) await library.put(article, testImages(article));
    const bad = testArticle(3, { savedAt: 3000, title: '损坏的文章' });
    await library.put(bad, testImages(bad));
    // Damaged behind the library's back, straight in the store.
    await library.db.put('articles', { ...bad, contentHtml: null } as unknown as SavedArticle);

    const { blob, exported, skipped } = await exportLibrary(library);
    expect(exported).toBe(2);
    expect(skipped).toEqual([{ id: bad.id, title: '损坏的文章', reason: expect.stringMatching(/damaged/) }]);
    const file = JSON.parse(await blob.text()) as LibraryFile;
    expect(file.articles.map((a) => a.article.id).sort()).toEqual(good.map((a) => a.id).sort());
    expect(file.articles.every((a) => a.images.length === testImages(a.article).length)).toBe(true);

    // The same walk feeds the EPUB of a selection.
    const picked: string[] = [];
    const skippedToo: SkippedArticle[] = [];
    for await (const item of exportableArticles(library, [bad.id, good[0]!.id], skippedToo)) picked.push(item.article.id);
    expect(picked).toEqual([good[0]!.id]);
    expect(skippedToo.map((s) => s.id)).toEqual([bad.id]);
  });
});

describe('importing a large library file', () => {
  it('reads an exported file line by line: same result as the whole text, lines split across chunks', async () => {
    const from = await fresh();
    // A 300 KB image makes each article line span several stream chunks.
    const big = testArticle(1, { savedAt: 1000 });
    await from.put(big, testImages(big).map((image) => ({ ...image, blob: new Blob([new Uint8Array(300_000).fill(7)], { type: 'image/jpeg' }) })));
    for (const article of [testArticle(2, { savedAt: 2000 }), testArticle(3, { savedAt: 3000 })]) await from.put(article, testImages(article));
    const { blob } = await exportLibrary(from);
    const streamed = await fresh();
    // Never read whole: the streamed path must not fall back to text().
    const streamOnly = Object.assign(new Blob([blob]), { text: () => Promise.reject(new Error('read whole')) });
    expect(await importLibrary(streamed, streamOnly)).toMatchObject({ added: 3, updated: 0, kept: 0, skipped: 0, repaired: 0 });
    const whole = await fresh();
    await importLibrary(whole, await blob.text());
    expect(await contents(streamed)).toEqual(await contents(whole));
    expect(await contents(streamed)).toEqual(await contents(from));
  });

  it('a file cut short keeps every whole article before the cut', async () => {
    const from = await fresh();
    for (const article of [testArticle(1, { savedAt: 1000 }), testArticle(2, { savedAt: 2000 }), testArticle(3, { savedAt: 3000 })]) await from.put(article, testImages(article));
    const text = await (await exportLibrary(from)).blob.text();
    const cut = new Blob([text.slice(0, text.lastIndexOf(',\n') + 40)]);
    const to = await fresh();
    expect(await importLibrary(to, cut)).toMatchObject({ added: 2, updated: 0, kept: 0, skipped: 1, repaired: 0 });
  });

  it('takes a file re-formatted by hand (not one article per line) whole', async () => {
    const from = await fresh();
    const article = testArticle(1);
    await from.put(article, testImages(article));
    const pretty = JSON.stringify(JSON.parse(await (await exportLibrary(from)).blob.text()), null, 2);
    const to = await fresh();
    expect(await importLibrary(to, new Blob([pretty]))).toMatchObject({ added: 1, updated: 0, kept: 0, skipped: 0, repaired: 0 });
    await expect(importLibrary(to, new Blob(['{"format":"wholestory-library","version":99,"articles":['].concat(['\n]}\n'])))).rejects.toThrow('newer version');
  });
});
