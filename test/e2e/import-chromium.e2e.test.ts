/**
 * A hostile library file imported in real Chromium (issue 12, items 6 and 10): through the library
 * page's own import, into a profile that already holds the person's article. The file carries
 * every hostile payload raw in imported articles' HTML (one article per payload class, and one
 * holding them all), records with `"site": "__proto__"`, `failedPages: [null]` and `javascript:`
 * page addresses. Then: the popup and the library still list every article; each imported one
 * opens in the reader with nothing run, no CSP report at all (none parses a handler: the HTML was
 * defused at import, exactly as a fetched page's), and no link that is not http(s).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension, chromiumPath, launchWithExtension, type ExtensionBrowser } from './browser';
import { DANGER_PROBE, OUTCOME_PROBE, WATCH_SCRIPT, type HostileOutcome } from './hostile';
import { startE2eSite, type E2eSite } from './site';
import type { SavedArticle } from '../../src/library/types';
import { hostileLibraryFile, IMPORTED_END, IMPORTED_START, NON_HTTP_LINKS_PROBE, type HostileLibraryFile } from './import-fixtures';
import { writeIllustratedArticle, type IllustratedArticle } from './library-fixtures';

const haveChromium = chromiumPath() !== null;

let root: string;
let site: E2eSite;
let browser: ExtensionBrowser;
let own: IllustratedArticle;
let file: string;
const hostile: SavedArticle[] = [];
const damaged: SavedArticle[] = [];
let lib: HostileLibraryFile;

const ext = (p: string) => `chrome-extension://${browser.extensionId}${p}`;

async function settled(page: Page): Promise<string> {
  await page.waitForFunction(() => ['ready', 'partial', 'error'].includes(document.documentElement.dataset.state ?? ''), null, { timeout: 30_000 });
  return page.evaluate(() => document.documentElement.dataset.state ?? '');
}

beforeAll(async () => {
  if (!haveChromium) return;
  buildExtension('chrome');
  root = mkdtempSync(path.join(os.tmpdir(), 'wholestory-import-e2e-'));
  own = writeIllustratedArticle(path.join(root, 'own'), { pages: 2, missingImage: false });
  site = await startE2eSite({ cases: [own.dir], latencyMs: 0 });
  browser = await launchWithExtension(site.port);
  await browser.context.addInitScript({ content: WATCH_SCRIPT });

  lib = hostileLibraryFile();
  hostile.push(...lib.hostile);
  damaged.push(...lib.damaged);
  file = path.join(root, 'hostile-library.json');
  writeFileSync(file, lib.text);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe.skipIf(!haveChromium)('Chromium: a hostile library file imported', () => {
  it('leaves the person\'s own article listed, refuses or repairs each bad record alone, and every imported article opens clean', async () => {
    // The person's own article, saved from the reader.
    const reader = await browser.context.newPage();
    await reader.goto(ext(`/reader.html?url=${encodeURIComponent(own.start)}&save=1`));
    await reader.waitForFunction(() => document.documentElement.dataset.save === 'saved', null, { timeout: 30_000 });
    await reader.close();

    const library = await browser.context.newPage();
    await library.goto(ext('/library.html'));
    await library.locator('#import-library').setInputFiles(file);
    await library.waitForFunction(() => document.documentElement.dataset.lastImport !== undefined, null, { timeout: 30_000 });
    const result = JSON.parse((await library.evaluate(() => document.documentElement.dataset.lastImport)) ?? '{}') as { added: number; skipped: number; repaired: number };
    expect(result).toMatchObject({ added: hostile.length + damaged.length, skipped: lib.refused, repaired: damaged.length });
    const total = 1 + hostile.length + damaged.length;
    await expect.poll(() => library.locator('li.library-item').count()).toBe(total);
    await library.close();

    const popup = await browser.context.newPage();
    await popup.goto(ext('/popup.html'));
    await expect.poll(() => popup.locator('li.library-item').count(), { timeout: 10_000 }).toBe(total);
    await popup.close();

    const problems: string[] = [];
    let violations = 0;
    for (const article of [...hostile, ...damaged]) {
      const page = await browser.context.newPage();
      try {
        await page.goto(ext(`/reader.html?id=${article.id}`));
        const state = await settled(page);
        await page.waitForTimeout(200);
        const danger = (await page.evaluate(DANGER_PROBE)) as string[];
        const out = { ...((await page.evaluate(OUTCOME_PROBE)) as Omit<HostileOutcome, 'danger'>), danger };
        const links = (await page.evaluate(NON_HTTP_LINKS_PROBE)) as string[];
        violations += out.violations.length;
        if (state !== 'ready' && state !== 'partial') problems.push(`${article.title}: state ${state}`);
        if (out.pwned !== undefined || out.topPwned !== undefined || out.messages.length) problems.push(`${article.title}: ran ${String(out.pwned ?? out.topPwned ?? out.messages[0])}`);
        if (out.violations.length) problems.push(`${article.title}: ${out.violations.length} CSP reports, first ${JSON.stringify(out.violations[0])}`);
        if (danger.length) problems.push(`${article.title}: script-capable ${danger.slice(0, 3).join(' ')}`);
        if (links.length) problems.push(`${article.title}: links ${links.join(' ')}`);
        if (!out.text.includes(hostile.includes(article) ? IMPORTED_START : article.textContent.slice(0, 10))) problems.push(`${article.title}: text not shown`);
        if (hostile.includes(article) && !lib.mayLoseRest.has(article.title) && !out.text.includes(IMPORTED_END)) problems.push(`${article.title}: text after the payloads lost`);
      } finally {
        await page.close();
      }
    }
    console.info(`import-chromium: ${hostile.length + damaged.length} imported articles opened, CSP reports ${violations}, problems ${problems.length}`);
    expect(problems).toEqual([]);
  });
});
