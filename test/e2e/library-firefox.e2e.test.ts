/**
 * The offline library in real Firefox (MV2, puppeteer-core over WebDriver BiDi): save an
 * illustrated article, quit, start again on the same profile with the news site stopped and read
 * the saved copy (text and images, no request to the network); export the library and import it
 * into a fresh profile: the same library.
 *
 * BiDi may not navigate to moz-extension: URLs, so each launch gets its first extension page from
 * the control on a small "launcher" article (another article, from a server of its own), and that
 * server is stopped before anything saved is opened.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension } from './browser';
import { FIREFOX_ORIGIN, firefoxPath, launchFirefox, type FirefoxWithExtension } from './firefox';
import { clickControlFf, waitForControl } from './control';
import { writeIllustratedArticle, type IllustratedArticle } from './library-fixtures';
import { startE2eSite, type E2eSite } from './site';
import { writeSyntheticArticle, type SyntheticArticle } from '../server/synthetic-article';
import type { LibraryFile } from '../../src/library/library-file';

const haveFirefox = firefoxPath() !== null;

let root: string;
let article: IllustratedArticle;
let launcher: SyntheticArticle;
let profile: string;
let savedId = '';
let exported = '';

/** The part of Firefox's `browser` namespace these tests call. */
type FirefoxApi = { browser: { tabs: { create(props: { url: string }): Promise<unknown> } } };

async function waitForSettled(page: Page): Promise<string> {
  await page.waitForFunction(() => ['ready', 'partial', 'error'].includes(document.documentElement.dataset.state ?? ''), { timeout: 30_000 });
  return page.evaluate(() => document.documentElement.dataset.state ?? '');
}

async function findExtensionPage(ff: FirefoxWithExtension, pathPart: string, known: Set<Page>): Promise<Page> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    for (const page of await ff.browser.pages()) {
      if (known.has(page)) continue;
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.startsWith(FIREFOX_ORIGIN) && href.includes(pathPart)) return page;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no extension page ${pathPart} opened`);
}

/**
 * Launches Firefox and returns it with a first extension page, from the launcher article's
 * control. The server (the launcher and `cases`) is stopped at once unless `keepServer`.
 */
async function launch(options: { userDataDir?: string; cases?: string[]; keepServer?: boolean } = {}): Promise<{ ff: FirefoxWithExtension; extensionPage: Page; server: E2eSite }> {
  const server = await startE2eSite({ cases: [launcher.dir, ...(options.cases ?? [])] });
  const ff = await launchFirefox(server.port, options.userDataDir ? { userDataDir: options.userDataDir } : {});
  try {
    const tab = await ff.browser.newPage();
    await tab.goto(launcher.start);
    await waitForControl(tab);
    const known = new Set(await ff.browser.pages());
    await clickControlFf(tab);
    const extensionPage = await findExtensionPage(ff, '/reader.html', known);
    await waitForSettled(extensionPage);
    await tab.close();
    return { ff, extensionPage, server };
  } catch (error) {
    await ff.close();
    throw error;
  } finally {
    if (!options.keepServer) await server.close();
  }
}

async function open(ff: FirefoxWithExtension, from: Page, pathAndQuery: string): Promise<Page> {
  const known = new Set(await ff.browser.pages());
  await from.evaluate((url) => (globalThis as unknown as FirefoxApi).browser.tabs.create({ url }), `${FIREFOX_ORIGIN}${pathAndQuery}`);
  return findExtensionPage(ff, pathAndQuery.split('?')[0]!, known);
}

/** The library page's export, caught on its way to the downloads (the blob given to the link). */
async function exportLibraryText(library: Page): Promise<string> {
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

/** Requests that left the page: none may be http(s) for a saved copy. */
function networkEntries(page: Page): Promise<string[]> {
  return page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /^https?:/i.test(n)));
}

beforeAll(() => {
  if (!haveFirefox) return;
  buildExtension('firefox');
  root = mkdtempSync(path.join(os.tmpdir(), 'wholestory-library-ff-'));
  profile = path.join(root, 'profile');
  article = writeIllustratedArticle(path.join(root, 'illustrated'));
  launcher = writeSyntheticArticle(path.join(root, 'launcher'), { pages: 2, startPage: 1, id: 30000001 });
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe.skipIf(!haveFirefox)('Firefox: the offline library', () => {
  it('saves an article with its images, and exports the library', async () => {
    const { ff, extensionPage, server } = await launch({ userDataDir: profile, cases: [article.dir], keepServer: true });
    try {
      const reader = await open(ff, extensionPage, `/reader.html?url=${encodeURIComponent(article.start)}&save=1`);
      await reader.waitForFunction(() => ['saved', 'failed'].includes(document.documentElement.dataset.save ?? ''), { timeout: 30_000 });
      expect(await reader.$eval('#save-status', (el) => (el as HTMLElement).innerText)).toMatch(/^Saved for offline reading\. 6 of 7 images saved\./);
      savedId = (await reader.evaluate(() => document.documentElement.dataset.savedId)) ?? '';
      expect(savedId).toMatch(/^[0-9a-f]{16}$/);
      const library = await open(ff, extensionPage, '/library.html');
      await library.waitForFunction(() => document.documentElement.dataset.libraryCount === '1');
      exported = await exportLibraryText(library);
      const file = JSON.parse(exported) as LibraryFile;
      expect(file.articles.map((a) => [a.article.title, a.images.length])).toEqual([[article.title, 6]]);
    } finally {
      await ff.close();
      await server.close();
    }
  });

  it('reads the saved copy after a restart with the news site stopped', async () => {
    const { ff, extensionPage } = await launch({ userDataDir: profile });
    try {
      const popup = await open(ff, extensionPage, '/popup.html');
      await popup.waitForFunction(() => document.documentElement.dataset.libraryCount === '1');
      await popup.type('#library-search', '夜行');
      await popup.waitForFunction(() => document.documentElement.dataset.libraryShown === '1' && document.documentElement.dataset.searchQuery === '夜行');
      const reader = await open(ff, extensionPage, `/reader.html?id=${savedId}`);
      expect(await waitForSettled(reader)).toBe('ready');
      const view = await reader.evaluate(() => ({
        title: document.querySelector('#reader-content h1')?.textContent,
        text: (document.getElementById('reader-content') as HTMLElement).innerText,
        images: [...document.querySelectorAll<HTMLImageElement>('#reader-content img:not([hidden])')].map((img) => img.src.startsWith('blob:') && img.complete && img.naturalWidth > 0),
        missing: document.querySelectorAll('#reader-content .missing-image').length,
      }));
      expect(view.title).toBe(article.title);
      for (const marker of article.markers) expect(view.text).toContain(marker);
      expect(view.images).toEqual([true, true, true, true, true, true]);
      expect(view.missing).toBe(1);
      expect(await networkEntries(reader)).toEqual([]);
    } finally {
      await ff.close();
    }
  });

  it('imports the exported library into a fresh profile: the same library', async () => {
    const { ff, extensionPage } = await launch();
    try {
      const library = await open(ff, extensionPage, '/library.html');
      await library.waitForFunction(() => document.documentElement.dataset.libraryCount === '0');
      await library.evaluate((text) => {
        const input = document.getElementById('import-library') as HTMLInputElement;
        const files = new DataTransfer();
        files.items.add(new File([text], 'library.json', { type: 'application/json' }));
        input.files = files.files;
        input.dispatchEvent(new Event('change'));
      }, exported);
      await library.waitForFunction(() => document.documentElement.dataset.lastImport !== undefined);
      expect(await library.evaluate(() => document.documentElement.dataset.lastImport)).toBe(JSON.stringify({ added: 1, updated: 0, kept: 0, skipped: 0, repaired: 0, problems: [] }));
      const again = JSON.parse(await exportLibraryText(library)) as LibraryFile;
      expect(again.articles).toEqual((JSON.parse(exported) as LibraryFile).articles);
      const reader = await open(ff, extensionPage, `/reader.html?id=${savedId}`);
      expect(await waitForSettled(reader)).toBe('ready');
      expect(await reader.$$eval('#reader-content img:not([hidden])', (imgs) => imgs.filter((img) => (img as HTMLImageElement).naturalWidth > 0).length)).toBe(6);
      expect(await networkEntries(reader)).toEqual([]);
    } finally {
      await ff.close();
    }
  });
});
