/**
 * The hostile library file of import-fixtures.ts imported in real Firefox through the library
 * page, into a profile holding the person's own article (issue 12, items 6 and 10): every article
 * is listed in the library page and the popup, the record with a `javascript:` page address is
 * refused alone, and each imported article opens in the reader with nothing run, nothing
 * script-capable shown and no link that is not http(s). (Parse-time CSP reports are counted in
 * Chromium, import-chromium.e2e.test.ts: Firefox gives a page no way to install the watch before a
 * saved copy renders.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension } from './browser';
import { clickControlFf, waitForControl } from './control';
import { FIREFOX_ORIGIN, firefoxPath, launchFirefox, type FirefoxWithExtension } from './firefox';
import { DANGER_PROBE, OUTCOME_PROBE, type HostileOutcome } from './hostile';
import { hostileLibraryFile, IMPORTED_START, NON_HTTP_LINKS_PROBE } from './import-fixtures';
import { startE2eSite, type E2eSite } from './site';
import { writeSyntheticArticle, type SyntheticArticle } from '../server/synthetic-article';

const haveFirefox = firefoxPath() !== null;
type FirefoxApi = { browser: { tabs: { create(props: { url: string }): Promise<unknown> } } };

let root: string;
let own: SyntheticArticle;
let site: E2eSite;
let ff: FirefoxWithExtension;

async function findExtensionPage(pathPart: string, known: Set<Page>): Promise<Page> {
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

async function open(from: Page, pathAndQuery: string): Promise<Page> {
  const known = new Set(await ff.browser.pages());
  await from.evaluate((url) => (globalThis as unknown as FirefoxApi).browser.tabs.create({ url }), `${FIREFOX_ORIGIN}${pathAndQuery}`);
  return findExtensionPage(pathAndQuery.split('?')[0]!, known);
}

async function settled(page: Page): Promise<string> {
  await page.waitForFunction(() => ['ready', 'partial', 'error'].includes(document.documentElement.dataset.state ?? ''), { timeout: 30_000 });
  return page.evaluate(() => document.documentElement.dataset.state ?? '');
}

beforeAll(async () => {
  if (!haveFirefox) return;
  buildExtension('firefox');
  root = mkdtempSync(path.join(os.tmpdir(), 'wholestory-import-ff-'));
  own = writeSyntheticArticle(path.join(root, 'own'), { pages: 2, startPage: 1, id: 30000002 });
  site = await startE2eSite({ cases: [own.dir] });
  ff = await launchFirefox(site.port);
});

afterAll(async () => {
  await ff?.close();
  await site?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe.skipIf(!haveFirefox)('Firefox: a hostile library file imported', () => {
  it("leaves the person's own article listed, refuses or repairs each bad record alone, and every imported article opens clean", async () => {
    const lib = hostileLibraryFile();
    // The person's own article: opened from its control (a real click), saved from the reader.
    const tab = await ff.browser.newPage();
    await tab.goto(own.start);
    await waitForControl(tab);
    const known = new Set(await ff.browser.pages());
    await clickControlFf(tab);
    const reader = await findExtensionPage('/reader.html', known);
    expect(await settled(reader)).toBe('ready');
    await reader.click('#save-article');
    await reader.waitForFunction(() => document.documentElement.dataset.save === 'saved', { timeout: 30_000 });

    const library = await open(reader, '/library.html');
    await library.waitForFunction(() => document.documentElement.dataset.libraryCount === '1', { timeout: 10_000 });
    await library.evaluate((text) => {
      const input = document.getElementById('import-library') as HTMLInputElement;
      const files = new DataTransfer();
      files.items.add(new File([text], 'library.json', { type: 'application/json' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change'));
    }, lib.text);
    await library.waitForFunction(() => document.documentElement.dataset.lastImport !== undefined, { timeout: 30_000 });
    const result = JSON.parse((await library.evaluate(() => document.documentElement.dataset.lastImport)) ?? '{}') as { added: number; skipped: number; repaired: number };
    expect(result).toMatchObject({ added: lib.hostile.length + lib.damaged.length, skipped: lib.refused, repaired: lib.damaged.length });
    const total = 1 + lib.hostile.length + lib.damaged.length;
    await library.waitForFunction((n) => document.querySelectorAll('li.library-item').length === n, { timeout: 10_000 }, total);

    const popup = await open(reader, '/popup.html');
    await popup.waitForFunction((n) => document.querySelectorAll('li.library-item').length === n, { timeout: 10_000 }, total);
    await popup.close();

    const problems: string[] = [];
    for (const article of [...lib.hostile, ...lib.damaged]) {
      const page = await open(reader, `/reader.html?id=${article.id}`);
      try {
        const state = await settled(page);
        await new Promise((r) => setTimeout(r, 200));
        const danger = (await page.evaluate(DANGER_PROBE)) as string[];
        const out = (await page.evaluate(OUTCOME_PROBE)) as Omit<HostileOutcome, 'danger'>;
        const links = (await page.evaluate(NON_HTTP_LINKS_PROBE)) as string[];
        if (state !== 'ready' && state !== 'partial') problems.push(`${article.title}: state ${state}`);
        if (out.pwned !== undefined || out.topPwned !== undefined) problems.push(`${article.title}: ran ${String(out.pwned ?? out.topPwned)}`);
        if (danger.length) problems.push(`${article.title}: script-capable ${danger.slice(0, 3).join(' ')}`);
        if (links.length) problems.push(`${article.title}: links ${links.join(' ')}`);
        if (!out.text.includes(lib.hostile.includes(article) ? IMPORTED_START : article.textContent.slice(0, 10))) problems.push(`${article.title}: text not shown`);
      } finally {
        await page.close();
      }
    }
    console.info(`import-firefox: ${lib.hostile.length + lib.damaged.length} imported articles opened, problems ${problems.length}`);
    expect(problems).toEqual([]);
  });
});
