/**
 * The offline library in real Chromium and real Firefox: save an illustrated article, quit, start
 * again on the same profile with the news site stopped and read the saved copy (text and images,
 * not one request to the network); export the library, import it into a fresh profile and find the
 * same library there.
 *
 * Chromium also: saving from the popup (the same entry again), the popup's list and search in the
 * saved profile, the per-article exports (Markdown, EPUB with the images inside), every request
 * the browser makes logged (none may leave for a saved copy), downloads and the file chooser as a
 * person uses them. Firefox: BiDi may not navigate to moz-extension: URLs, so each launch gets its
 * first extension page from the control on a small "launcher" article (from a server of its own,
 * stopped before anything saved is opened); the export is caught on its way to the downloads (the
 * blob given to the link), the import given through the file input, requests read from the page's
 * resource timing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chooseFile, clickControl, controlLabel, forEachBrowser, settled, type BrowserSuite, type Driver, type Tab } from './driver';
import { writeIllustratedArticle, type IllustratedArticle } from './library-fixtures';
import { startE2eSite, type E2eSite } from './site';
import { writeSyntheticArticle, type SyntheticArticle } from '../server/synthetic-article';
import type { LibraryFile } from '../../src/library/library-file';

const SHOTS = process.env.WHOLESTORY_SHOTS ?? '/tmp/wholestory-shots';

/** Chromium: every request that leaves the browser (not the extension's own files, not blob: URLs). */
function networkLog(context: BrowserContext): string[] {
  const log: string[] = [];
  context.on('request', (request) => {
    if (/^https?:/i.test(request.url())) log.push(request.url());
  });
  return log;
}

/** Firefox: requests that left the page (resource timing): none may be http(s) for a saved copy. */
function networkEntries(page: Tab): Promise<string[]> {
  return page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /^https?:/i.test(n)));
}

/** Firefox: the library page's export, caught on its way to the downloads (the blob given to the link). */
async function exportLibraryText(library: Tab): Promise<string> {
  await library.evaluate(() => {
    const create = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      (window as unknown as { exported: Blob }).exported = blob as Blob;
      return create.call(URL, blob);
    };
  });
  await library.click('#export-library');
  await library.waitForFunction(() => document.documentElement.dataset.lastExport === 'library');
  return library.evaluate(() => (window as unknown as { exported: Blob }).exported.text());
}

/** What the reader shows of a saved copy. */
/**
 * What the reader shows of a saved article, once every photo has finished loading or failing
 * (`complete`: a blob: photo decodes after the reader says ready; a broken one is complete too, and
 * `loaded` then says false).
 */
async function savedView(reader: Tab) {
  await reader.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('#reader-content img:not([hidden])')].every((img) => img.complete), undefined, 15_000);
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

forEachBrowser((b: BrowserSuite) =>
  b.describe('the offline library', () => {
    let root: string;
    let article: IllustratedArticle;
    /** Chromium: the news site, up for the first test only. */
    let site: E2eSite | null = null;
    /** Firefox: the launcher article, served by each launch's own server. */
    let launcher: SyntheticArticle;
    let profile: string;
    let savedId = '';
    /** The exported library: a file (Chromium's download) and its text. */
    let exportedFile: string;
    let exported = '';

    /**
     * A browser with the extension. Chromium: every host resolved to the site, or to a closed port
     * when it is stopped. Firefox: a server of its own for the launcher (and `cases`), stopped as
     * soon as the first extension page stands, unless `keepServer`.
     */
    async function start(options: { userDataDir?: string; cases?: string[]; keepServer?: boolean } = {}): Promise<{ driver: Driver; stop(): Promise<void> }> {
      if (b.name === 'chromium') {
        const driver = await b.launch({ sitePort: site?.port ?? 1, userDataDir: options.userDataDir });
        return { driver, stop: () => driver.close() };
      }
      const server = await startE2eSite({ cases: [launcher.dir, ...(options.cases ?? [])] });
      let driver: Driver | undefined;
      try {
        driver = await b.launch({ sitePort: server.port, userDataDir: options.userDataDir });
        const tab = await driver.openSite(launcher.start);
        const first = await driver.newExtensionTab('/reader.html', () => clickControl(tab));
        await settled(first);
        await tab.close();
      } catch (error) {
        await driver?.close();
        await server.close();
        throw error;
      }
      if (!options.keepServer) await server.close();
      const d = driver;
      return { driver: d, stop: async () => (await d.close(), options.keepServer ? server.close() : undefined) };
    }

    beforeAll(async () => {
      root = mkdtempSync(path.join(os.tmpdir(), `wholestory-library-${b.name}-`));
      profile = path.join(root, 'profile');
      exportedFile = path.join(root, 'library.json');
      article = writeIllustratedArticle(path.join(root, 'illustrated'));
      if (b.name === 'chromium') site = await startE2eSite({ cases: [article.dir] });
      else launcher = writeSyntheticArticle(path.join(root, 'launcher'), { pages: 2, startPage: 1, id: 30000001 });
    });

    afterAll(async () => {
      await site?.close();
      if (root) rmSync(root, { recursive: true, force: true });
    });

    it('saves an article with its images (from the reader, and in Chromium from the popup), and exports the library', async () => {
      const { driver, stop } = await start({ userDataDir: profile, cases: [article.dir], keepServer: true });
      try {
        if (b.name === 'chromium') {
          const reader = await driver.openExtension(`/reader.html?url=${encodeURIComponent(article.start)}`);
          expect(await settled(reader)).toBe('ready');
          const started = Date.now();
          await reader.click('#save-article');
          await reader.waitForFunction(() => document.documentElement.dataset.save === 'saved', undefined, 20_000);
          console.log(`Chromium: save with ${article.images.length} images: ${Date.now() - started} ms`);
          expect(await reader.text('#save-status')).toMatch(/^Saved for offline reading\. 6 of 7 images saved\. Open the saved copy$/);
          savedId = (await reader.evaluate(() => document.documentElement.dataset.savedId)) ?? '';
          expect(savedId).toMatch(/^[0-9a-f]{16}$/);

          // The popup's "Save" opens the reader with save=1 on the tab's article: the same entry again.
          const tab = await driver.openSite(article.start);
          await controlLabel(tab);
          const tabId = await driver.tabIdOf(article.start);
          const popup = await driver.openExtension(`/popup.html?tab=${tabId}`);
          await expect.poll(() => popup.count('li.library-item')).toBe(1);
          const second = await driver.newExtensionTab('/reader.html', () => popup.click('#save-article'));
          await second.waitForFunction(() => ['saved', 'failed'].includes(document.documentElement.dataset.save ?? ''), undefined, 30_000);
          expect(await second.evaluate(() => document.documentElement.dataset.savedId)).toBe(savedId);

          // The library page exports the whole library as one file.
          const library = await driver.openExtension('/library.html');
          await expect.poll(() => library.count('li.library-item')).toBe(1);
          const page = library.playwright!;
          const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-library').click()]);
          await download.saveAs(exportedFile);
          exported = readFileSync(exportedFile, 'utf8');
        } else {
          const reader = await driver.openExtension(`/reader.html?url=${encodeURIComponent(article.start)}&save=1`);
          await reader.waitForFunction(() => ['saved', 'failed'].includes(document.documentElement.dataset.save ?? ''), undefined, 30_000);
          expect(await reader.text('#save-status')).toMatch(/^Saved for offline reading\. 6 of 7 images saved\./);
          savedId = (await reader.evaluate(() => document.documentElement.dataset.savedId)) ?? '';
          expect(savedId).toMatch(/^[0-9a-f]{16}$/);
          const library = await driver.openExtension('/library.html');
          await library.waitForFunction(() => document.documentElement.dataset.libraryCount === '1');
          exported = await exportLibraryText(library);
        }
      } finally {
        await stop();
      }
      const file = JSON.parse(exported) as LibraryFile;
      expect(file.articles.map((a) => [a.article.title, a.images.length])).toEqual([[article.title, 6]]);
      if (b.name === 'chromium') expect(file.articles.map((a) => [a.article.title, a.article.pageCount, a.images.length, a.article.imageFailures.length])).toEqual([[article.title, 3, 6, 1]]);
    });

    it('reads the saved copy after a restart with the news site stopped: text and images, no network', async () => {
      await site?.close();
      site = null;
      // Chromium: every host still resolves to the (now closed) port: any request would fail, and is logged.
      const { driver, stop } = await start({ userDataDir: profile });
      try {
        const requests = driver.chromium ? networkLog(driver.chromium.context) : [];
        const popup = await driver.openExtension('/popup.html');
        let reader: Tab;
        if (b.name === 'chromium') {
          await expect.poll(() => popup.evaluate(() => [...document.querySelectorAll('li.library-item .library-title')].map((e) => e.textContent))).toEqual([article.title]);
          // The site by its label in the interface language, the date with the month named (library-list.ts).
          expect(await popup.evaluate(() => document.querySelector('li.library-item .library-meta')?.textContent)).toMatch(/^People's Daily · 3 pages · \d{1,2} [A-Z][a-z]{2} \d{4} · \d+(\.\d)? KB$/);
          await popup.setViewport(380, 560);
          await popup.screenshot(path.join(SHOTS, 'library-popup.png'));
          await popup.playwright!.locator('#library-search').fill('山谷');
          await expect.poll(() => popup.evaluate(() => document.documentElement.dataset.libraryShown)).toBe('1');
          await popup.playwright!.locator('#library-search').fill('书房');
          await expect.poll(() => popup.evaluate(() => document.documentElement.dataset.libraryShown)).toBe('0');
          reader = await driver.newExtensionTab('/reader.html', async () => {
            await popup.playwright!.locator('#library-search').fill('夜行列车');
            await popup.click('li.library-item .library-title');
          });
          expect(await settled(reader)).toBe('ready');
          expect(await reader.url()).toBe(`${driver.origin}/reader.html?id=${savedId}`);
        } else {
          await popup.waitForFunction(() => document.documentElement.dataset.libraryCount === '1');
          await popup.type('#library-search', '夜行');
          await popup.waitForFunction(() => document.documentElement.dataset.libraryShown === '1' && document.documentElement.dataset.searchQuery === '夜行');
          reader = await driver.openExtension(`/reader.html?id=${savedId}`);
          expect(await settled(reader)).toBe('ready');
        }
        const view = await savedView(reader);
        if (b.name === 'chromium') expect(view.source).toBe('library');
        expect(view.title).toBe(article.title);
        const order = article.markers.map((m) => view.text.indexOf(m));
        expect(order.every((i) => i >= 0)).toBe(true);
        if (b.name === 'chromium') expect([...order].sort((x, y) => x - y)).toEqual(order);
        expect(view.images).toHaveLength(6);
        expect(view.images.every((i) => i.local && i.loaded)).toBe(true);
        expect(view.missing).toBe(1);
        if (b.name === 'firefox') {
          expect(await networkEntries(reader)).toEqual([]);
          return;
        }
        expect(await reader.text('#save-status')).toMatch(/^Saved copy of .+\. Images not saved: 1\.$/);
        expect(requests).toEqual([]);
        await reader.screenshot(path.join(SHOTS, 'library-saved-copy.png'));

        // Exports of the saved copy: Markdown and an EPUB with the images inside.
        const page = reader.playwright!;
        await reader.click('#export-menu summary');
        const [md] = await Promise.all([page.waitForEvent('download'), page.locator('button[data-export="markdown"]').click()]);
        expect(md.suggestedFilename()).toBe(`${article.title}.md`);
        const markdown = readFileSync(await md.path(), 'utf8');
        expect(markdown.startsWith(`# ${article.title}\n`)).toBe(true);
        expect(markdown).toContain(article.images[0]);
        await reader.click('#export-menu summary');
        const [epub] = await Promise.all([page.waitForEvent('download'), page.locator('button[data-export="epub"]').click()]);
        const files = unzipSync(new Uint8Array(readFileSync(await epub.path())));
        expect(strFromU8(files.mimetype!)).toBe('application/epub+zip');
        expect(Object.keys(files).filter((f) => f.startsWith('OEBPS/images/'))).toHaveLength(6);
        expect(requests).toEqual([]);
      } finally {
        await stop();
      }
    });

    it('imports the exported library into a fresh profile: the same library', async () => {
      const { driver, stop } = await start();
      try {
        const requests = driver.chromium ? networkLog(driver.chromium.context) : [];
        const library = await driver.openExtension('/library.html');
        await library.waitForFunction(() => document.documentElement.dataset.libraryCount === '0');
        await chooseFile(library, '#import-library', exportedFile, exported);
        await library.waitForFunction(() => document.documentElement.dataset.lastImport !== undefined);
        expect(await library.evaluate(() => document.documentElement.dataset.lastImport)).toBe(JSON.stringify({ added: 1, updated: 0, kept: 0, skipped: 0, repaired: 0, problems: [] }));
        if (b.name === 'chromium') await expect.poll(() => library.count('li.library-item')).toBe(1);
        let again: LibraryFile;
        if (library.playwright) {
          const [download] = await Promise.all([library.playwright.waitForEvent('download'), library.playwright.locator('#export-library').click()]);
          again = JSON.parse(readFileSync(await download.path(), 'utf8')) as LibraryFile;
        } else {
          again = JSON.parse(await exportLibraryText(library)) as LibraryFile;
        }
        expect(again.articles).toEqual((JSON.parse(exported) as LibraryFile).articles);

        const reader = await driver.openExtension(`/reader.html?id=${savedId}`);
        expect(await settled(reader)).toBe('ready');
        const view = await savedView(reader);
        expect(view.images).toHaveLength(6);
        expect(view.images.every((i) => i.local && i.loaded)).toBe(true);
        if (b.name === 'chromium') expect(requests).toEqual([]);
        else expect(await networkEntries(reader)).toEqual([]);
      } finally {
        await stop();
      }
    });
  }),
);
