/**
 * The offline library in real Chromium: save an illustrated article from the reader and from the
 * popup, quit, start again on the same profile with the news site stopped and read the saved copy
 * (text and images, not one request to the network); export the library, import it into a fresh
 * profile and find the same library there. Also the per-article exports.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension, chromiumPath, launchWithExtension, type ExtensionBrowser } from './browser';
import { writeIllustratedArticle, type IllustratedArticle } from './library-fixtures';
import { controlLabelIn } from './control';
import { startE2eSite, type E2eSite } from './site';
import type { LibraryFile } from '../../src/library/library-file';

const haveChromium = chromiumPath() !== null;

let root: string;
let article: IllustratedArticle;
let site: E2eSite | null = null;
let profile: string;
let savedId: string;
let exportedFile: string;

async function waitForSettled(page: Page): Promise<string> {
  await page.waitForFunction(() => ['ready', 'partial', 'error'].includes(document.documentElement.dataset.state ?? ''), null, { timeout: 30_000 });
  return page.evaluate(() => document.documentElement.dataset.state ?? '');
}

/** Every request that leaves the browser (not the extension's own files, not blob: URLs). */
function networkLog(context: BrowserContext): string[] {
  const log: string[] = [];
  context.on('request', (request) => {
    if (/^https?:/i.test(request.url())) log.push(request.url());
  });
  return log;
}

function page(b: ExtensionBrowser, pathAndQuery: string): string {
  return `chrome-extension://${b.extensionId}${pathAndQuery}`;
}

/** What the reader shows of a saved copy. */
async function savedView(reader: Page) {
  return reader.evaluate(() => ({
    title: document.querySelector('#reader-content h1')?.textContent ?? '',
    text: (document.getElementById('reader-content') as HTMLElement).innerText,
    images: [...document.querySelectorAll<HTMLImageElement>('#reader-content img:not([hidden])')].map((img) => ({
      local: img.src.startsWith('blob:'),
      loaded: img.complete && img.naturalWidth > 0,
    })),
    missing: document.querySelectorAll('#reader-content .missing-image').length,
    source: document.documentElement.dataset.source,
  }));
}

beforeAll(async () => {
  if (!haveChromium) return;
  buildExtension('chrome');
  root = mkdtempSync(path.join(os.tmpdir(), 'wholestory-library-e2e-'));
  profile = path.join(root, 'profile');
  exportedFile = path.join(root, 'library.json');
  article = writeIllustratedArticle(path.join(root, 'illustrated'));
  site = await startE2eSite({ cases: [article.dir] });
});

afterAll(async () => {
  await site?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe.skipIf(!haveChromium)('Chromium: the offline library', () => {
  it('saves an article with its images from the reader and from the popup', async () => {
    const b = await launchWithExtension(site!.port, { userDataDir: profile });
    try {
      const reader = await b.context.newPage();
      await reader.goto(page(b, `/reader.html?url=${encodeURIComponent(article.start)}`));
      expect(await waitForSettled(reader)).toBe('ready');
      const started = Date.now();
      await reader.locator('#save-article').click();
      await reader.waitForFunction(() => document.documentElement.dataset.save === 'saved', null, { timeout: 20_000 });
      console.log(`Chromium: save with ${article.images.length} images: ${Date.now() - started} ms`);
      expect(await reader.locator('#save-status').innerText()).toMatch(/^Saved for offline reading\. 6 of 7 images saved\. Open the saved copy$/);
      savedId = (await reader.evaluate(() => document.documentElement.dataset.savedId)) ?? '';
      expect(savedId).toMatch(/^[0-9a-f]{16}$/);

      // The popup's "Save" opens the reader with save=1 on the tab's article: the same entry again.
      const tab = await b.context.newPage();
      await tab.goto(article.start);
      await controlLabelIn(tab);
      const tabId = await b.worker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, article.start);
      const popup = await b.context.newPage();
      await popup.goto(page(b, `/popup.html?tab=${tabId}`));
      await expect.poll(() => popup.locator('li.library-item').count()).toBe(1);
      const [second] = await Promise.all([b.context.waitForEvent('page'), popup.locator('#save-article').click()]);
      await second.waitForFunction(() => ['saved', 'failed'].includes(document.documentElement.dataset.save ?? ''), null, { timeout: 30_000 });
      expect(await second.evaluate(() => document.documentElement.dataset.savedId)).toBe(savedId);

      // The library page exports the whole library as one file.
      const library = await b.context.newPage();
      await library.goto(page(b, '/library.html'));
      await expect.poll(() => library.locator('li.library-item').count()).toBe(1);
      const [download] = await Promise.all([library.waitForEvent('download'), library.locator('#export-library').click()]);
      await download.saveAs(exportedFile);
    } finally {
      await b.close();
    }
    const file = JSON.parse(readFileSync(exportedFile, 'utf8')) as LibraryFile;
    expect(file.articles.map((a) => [a.article.title, a.article.pageCount, a.images.length, a.article.imageFailures.length])).toEqual([[article.title, 3, 6, 1]]);
  });

  it('reads the saved copy after a restart with the news site stopped: text and images, no network', async () => {
    await site!.close();
    site = null;
    // Every host still resolves to this (now closed) port: any request would fail, and is logged.
    const b = await launchWithExtension(1, { userDataDir: profile });
    try {
      const requests = networkLog(b.context);
      const popup = await b.context.newPage();
      await popup.goto(page(b, '/popup.html'));
      await expect.poll(() => popup.locator('li.library-item .library-title').allTextContents()).toEqual([article.title]);
      expect(await popup.locator('li.library-item .library-meta').textContent()).toMatch(/^人民网 · 3 pages · \d\d\/\d\d\/\d{4} · \d+(\.\d)? KB$/);
      await popup.setViewportSize({ width: 380, height: 560 });
      await popup.screenshot({ path: path.join(process.env.WHOLESTORY_SHOTS ?? '/tmp/wholestory-shots', 'library-popup.png') });
      await popup.locator('#library-search').fill('山谷');
      await expect.poll(() => popup.evaluate(() => document.documentElement.dataset.libraryShown)).toBe('1');
      await popup.locator('#library-search').fill('书房');
      await expect.poll(() => popup.evaluate(() => document.documentElement.dataset.libraryShown)).toBe('0');

      const [reader] = await Promise.all([
        b.context.waitForEvent('page'),
        (async () => {
          await popup.locator('#library-search').fill('夜行列车');
          await popup.locator('li.library-item .library-title').click();
        })(),
      ]);
      expect(await waitForSettled(reader)).toBe('ready');
      expect(reader.url()).toBe(page(b, `/reader.html?id=${savedId}`));
      const view = await savedView(reader);
      expect(view.source).toBe('library');
      expect(view.title).toBe(article.title);
      const order = article.markers.map((m) => view.text.indexOf(m));
      expect(order.every((i) => i >= 0)).toBe(true);
      expect([...order].sort((x, y) => x - y)).toEqual(order);
      expect(view.images).toHaveLength(6);
      expect(view.images.every((i) => i.local && i.loaded)).toBe(true);
      expect(view.missing).toBe(1);
      expect(await reader.locator('#save-status').innerText()).toMatch(/^Saved copy of .+\. Images not saved: 1\.$/);
      expect(requests).toEqual([]);
      await reader.screenshot({ path: path.join(process.env.WHOLESTORY_SHOTS ?? '/tmp/wholestory-shots', 'library-saved-copy.png') });

      // Exports of the saved copy: Markdown and an EPUB with the images inside.
      await reader.locator('#export-menu summary').click();
      const [md] = await Promise.all([reader.waitForEvent('download'), reader.locator('button[data-export="markdown"]').click()]);
      expect(md.suggestedFilename()).toBe(`${article.title}.md`);
      const markdown = readFileSync(await md.path(), 'utf8');
      expect(markdown.startsWith(`# ${article.title}\n`)).toBe(true);
      expect(markdown).toContain(article.images[0]);
      await reader.locator('#export-menu summary').click();
      const [epub] = await Promise.all([reader.waitForEvent('download'), reader.locator('button[data-export="epub"]').click()]);
      const files = unzipSync(new Uint8Array(readFileSync(await epub.path())));
      expect(strFromU8(files.mimetype!)).toBe('application/epub+zip');
      expect(Object.keys(files).filter((f) => f.startsWith('OEBPS/images/'))).toHaveLength(6);
      expect(requests).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it('imports the exported library into a fresh profile: the same library', async () => {
    const b = await launchWithExtension(1);
    try {
      const requests = networkLog(b.context);
      const library = await b.context.newPage();
      await library.goto(page(b, '/library.html'));
      await library.waitForFunction(() => document.documentElement.dataset.libraryCount === '0');
      await library.locator('#import-library').setInputFiles(exportedFile);
      await expect.poll(() => library.evaluate(() => document.documentElement.dataset.lastImport)).toBe(JSON.stringify({ added: 1, updated: 0, kept: 0, skipped: 0, repaired: 0, problems: [] }));
      await expect.poll(() => library.locator('li.library-item').count()).toBe(1);
      const [download] = await Promise.all([library.waitForEvent('download'), library.locator('#export-library').click()]);
      const again = JSON.parse(readFileSync(await download.path(), 'utf8')) as LibraryFile;
      const first = JSON.parse(readFileSync(exportedFile, 'utf8')) as LibraryFile;
      expect(again.articles).toEqual(first.articles);

      const reader = await b.context.newPage();
      await reader.goto(page(b, `/reader.html?id=${savedId}`));
      expect(await waitForSettled(reader)).toBe('ready');
      const view = await savedView(reader);
      expect(view.images).toHaveLength(6);
      expect(view.images.every((i) => i.local && i.loaded)).toBe(true);
      expect(requests).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
