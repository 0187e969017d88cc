/**
 * Contrast as drawn, in real Chromium and real Firefox (issue 10, bug 11): in every theme of the
 * reader (light, sepia, dark, high contrast both ways, custom) its text is ≥ 4.5 : 1 and its
 * controls' boundaries ≥ 3 : 1 (the article with a failed page: banner, notice and Retry; the
 * settings popover open; the Export menu open), the options page in every theme, the popup and
 * the library page with a saved article (light, and dark in Chromium, which can emulate it).
 * The check is contrast-probe.ts, on computed colours; on each page also every ARIA reference
 * resolves, no `lang=""`, every article image has an alt (bug 11).
 *
 * Run: `npx vitest run --config vitest.e2e.config.ts test/e2e/contrast.e2e.test.ts`.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { contrastProblems, referenceProblems, type ContrastReport } from './contrast-probe';
import { forEachBrowser, type Tab } from './driver';
import { PHOTO_PAGE2, PHOTO_START, writePhotoArticle } from './photo-fixtures';
import { readerTabs, storeSettings, urlQuery } from './reader-pages';
import { fixtureSite } from './site';

const fixture = fixtureSite('contrast', (root) => {
  const photos = path.join(root, 'photos');
  writePhotoArticle(photos);
  return [photos];
});

const THEMES = ['light', 'sepia', 'dark', 'contrast', 'contrastDark', 'custom'] as const;

/** The problems on `tab` now (contrast; ARIA references, lang, alt), each as one line (an empty list passes). */
async function problemsOn(tab: Tab, label: string): Promise<string[]> {
  const report: ContrastReport = await tab.evaluate(contrastProblems);
  // Something was looked at: the headline, labels and buttons at least.
  expect(report.texts, `${label}: texts checked`).toBeGreaterThan(5);
  expect(report.controls, `${label}: controls checked`).toBeGreaterThan(1);
  const references = await tab.evaluate(referenceProblems);
  return [...report.problems.map((p) => `${label}: ${p.what} ${p.ratio} < ${p.needed} at ${p.where} (${p.colours})${p.text ? ` "${p.text}"` : ''}`), ...references.map((r) => `${label}: ${r}`)];
}

/** Saves the article shown (the button, as a person would) and waits until it is saved. */
async function saveArticle(reader: Tab): Promise<void> {
  await reader.click('#save-article');
  await reader.waitForFunction(() => ['saved', 'failed'].includes(document.documentElement.dataset.save ?? ''), undefined, 30_000);
  expect(await reader.evaluate(() => document.documentElement.dataset.save)).toBe('saved');
}

forEachBrowser((browser) =>
  browser.describe('contrast as drawn', () => {
    const b = readerTabs(browser, { sitePort: () => fixture.site.port, bootUrl: PHOTO_START });
    beforeAll(() => b.launch());
    afterAll(async () => {
      await storeSettings(b.driver, { theme: null }).catch(() => undefined);
      await b.close();
    });

    it('the reader, every theme: text ≥ 4.5 : 1, control boundaries ≥ 3 : 1 (a failed page, the settings and the Export menu open)', async () => {
      fixture.site.failing.add(PHOTO_PAGE2);
      const problems: string[] = [];
      try {
        const reader = await b.open(urlQuery(PHOTO_START));
        expect(await reader.evaluate(() => document.documentElement.dataset.state)).toBe('partial');
        // Saved: the save notice is on screen and the Export menu is there.
        await saveArticle(reader);
        for (const theme of THEMES) {
          await storeSettings(b.driver, { theme });
          await reader.waitForFunction((t) => document.documentElement.dataset.theme === t, theme, 5_000);
          problems.push(...(await problemsOn(reader, `${theme}, article`)));
          await reader.click('#toggle-settings');
          await reader.waitForSelector('#settings');
          problems.push(...(await problemsOn(reader, `${theme}, settings open`)));
          await reader.press('Escape');
          await reader.click('#export-menu summary');
          await reader.waitForFunction(() => (document.getElementById('export-menu') as HTMLDetailsElement).open);
          problems.push(...(await problemsOn(reader, `${theme}, Export open`)));
          await reader.press('Escape');
        }
        await reader.close();
      } finally {
        fixture.site.failing.delete(PHOTO_PAGE2);
      }
      expect(problems).toEqual([]);
    });

    it('the options page, every theme', async () => {
      const options = await b.driver.openExtension('/options.html', { width: 900, height: 900 });
      await options.waitForSelector('#settings input[name="theme"]');
      const problems: string[] = [];
      for (const theme of THEMES) {
        await options.click(`#settings input[name="theme"][value="${theme}"]`);
        await options.waitForFunction((t) => document.documentElement.dataset.theme === t, theme, 5_000);
        problems.push(...(await problemsOn(options, `options, ${theme}`)));
      }
      await options.close();
      expect(problems).toEqual([]);
    });

    it('the popup and the library page with a saved article: light (and dark in Chromium)', async () => {
      await storeSettings(b.driver, { theme: null });
      const reader = await b.open(urlQuery(PHOTO_START));
      await saveArticle(reader);
      await reader.close();
      const problems: string[] = [];
      for (const [page, size] of [['/popup.html', { width: 380, height: 640 }], ['/library.html', { width: 900, height: 800 }]] as const) {
        const tab = await b.driver.openExtension(page, size);
        await tab.waitForSelector('.library-item');
        for (const scheme of tab.playwright ? (['light', 'dark'] as const) : (['light'] as const)) {
          await tab.playwright?.emulateMedia({ colorScheme: scheme });
          problems.push(...(await problemsOn(tab, `${page} ${scheme}`)));
        }
        await tab.close();
      }
      expect(problems).toEqual([]);
    });
  }),
);
