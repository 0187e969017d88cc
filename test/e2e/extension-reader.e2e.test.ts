/**
 * The extension's reader in real Chromium (playwright-core) and real Firefox (puppeteer-core over
 * WebDriver BiDi), one suite over the driver (driver.ts), against the local news site with the
 * fixture articles (100 ms latency per page): opened from the in-page control with every page in
 * order, a failed page shown in place and brought in by Retry, a page that never answers given up,
 * the fetches aborted when the reader closes, the three copy formats, settings kept across pages,
 * and (Chromium) the reader in the Chinese interface. The page side (content script, popup,
 * options, the fixture articles of test/pages): extension.e2e.test.ts; shared: extension-site.ts.
 *
 * What only one browser can do (Chromium: reload, emulated colour schemes, clipboard permissions
 * for a loopback page, a second launch in the Chinese interface) is tested there only.
 *
 * Run: `npx vitest run --config vitest.e2e.config.ts test/e2e/extension-reader.e2e.test.ts`.
 * Screenshots of the reader go to $WHOLESTORY_SHOTS, only when it is set (`npm run shots`).
 */
import { describe, expect, it } from 'vitest';
import { clickControl, controlLabel, settled, type Driver, type Tab } from './driver';
import { extensionSuites, LATENCY_MS, readerPath, type ExtensionSite } from './extension-site';
import type { E2eFixtures } from './fixtures';
import { itShots, readerSettled, shot, storeSettings } from './reader-pages';
import { expectCloseAbandons, type E2eSite } from './site';

let fx: E2eFixtures;
let site: E2eSite;
/** The site (one for both browsers) with the fixture articles only. */
const SITE_OPTIONS = {};
const onSite = (served: ExtensionSite) => ({ fx, site } = served);

/** The visible article text, with the order of the per-page marker sentences. */
async function markerOrder(tab: Tab, markers: string[]): Promise<number[]> {
  const text = await tab.text('#reader-content');
  return markers.map((m) => text.indexOf(m));
}

/** The per-page time limit the never-answering page is given up after (the default is 15 s). */
const PAGE_TIMEOUT_S = 3;

extensionSuites('the extension', SITE_OPTIONS, onSite, (b, s) => {
  describe('reader', () => {
    it('opens from the control with every page in order and no site chrome', async () => {
      const page = await s.driver.openSite(fx.chinese.start);
      await controlLabel(page);
      const started = Date.now();
      const reader = await s.driver.newExtensionTab('/reader.html', () => clickControl(page));
      expect(await settled(reader)).toBe('ready');
      console.log(`${b.label}: click to full 5-page article (${LATENCY_MS} ms latency per page): ${Date.now() - started} ms`);
      expect(await reader.url()).toContain('/reader.html?url=');
      expect(await reader.attribute('#reader-content', 'data-page-count')).toBe('5');
      expect(await reader.attribute('#reader-content', 'lang')).toMatch(/^zh/);
      expect(await reader.evaluate(() => document.querySelector('#reader-content h1')?.textContent)).toBe(fx.chinese.title);
      const order = await markerOrder(reader, fx.chinese.markers);
      expect(order.every((i) => i >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(await reader.count('#reader-content section[data-page]')).toBe(5);
      const text = await reader.text('#reader-content');
      for (const chrome of ['相关新闻', '另一条新闻', '版权所有', '责编', '【1】', 'prev_page']) expect(text).not.toContain(chrome);
      expect(await reader.attribute('#reader-content .article-original a', 'href')).toBe(fx.chinese.urls[0]);
      await shot(`${b.name}-reader-zh-article`, (file) => reader.screenshot(file));
      await reader.close();
      await page.close();
    });

    it('shows a failed page in place, and Retry brings in that page only', async () => {
      const failing = fx.chinese.urls[3]!;
      site.failing.add(failing);
      const reader = await s.driver.openExtension(readerPath(fx.chinese.start));
      expect(await settled(reader)).toBe('partial');
      const notice = '.page-failed[data-failed-page="4"]';
      expect(await reader.evaluate((sel) => document.querySelector(sel)?.textContent, `${notice} .page-failed-text`)).toMatch(
        /^Page 4 of 5 could not be loaded: the site answered with an error \(HTTP 503\)/,
      );
      expect(await reader.count('#reader-content section[data-page]')).toBe(4);

      site.failing.delete(failing);
      const before = site.requests.length;
      await reader.click(`${notice} button.retry`);
      await reader.waitForFunction(() => document.documentElement.dataset.state === 'ready', undefined, 20_000);
      const fetched = site.requests.slice(before).filter((u) => !/\.(jpg|png|gif|ico)$/.test(u));
      expect(fetched).toEqual([failing]);
      expect(await reader.count('.page-failed')).toBe(0);
      expect(await reader.count('#reader-content section[data-page]')).toBe(5);
      const order = await markerOrder(reader, fx.chinese.markers);
      expect(order.every((i) => i >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      await reader.close();
    });

    it('never hangs in loading: a page that never answers is given up after the per-page timeout', async () => {
      // Page 4 of the article, and the start page of another reader, are held open by the server;
      // the readers are given 3 s a page (the options page's "Page time limit", stored
      // like any setting) instead of the default 15 s.
      const stalled = fx.chinese.urls[3]!;
      const stalledStart = fx.english.start;
      site.stalling.add(stalled);
      site.stalling.add(stalledStart);
      await storeSettings(s.driver, { pageTimeout: PAGE_TIMEOUT_S });
      try {
        const started = Date.now();
        const partial = await s.driver.openExtension(readerPath(fx.chinese.start));
        const failed = await s.driver.openExtension(readerPath(stalledStart));
        // (Two tabs, one in the background: on a loaded machine a browser may take its time past
        // the time limit; what matters is that each settles, in well under the test's minute.)
        const [partialState, failedState] = await Promise.all([
          settled(partial, 45_000).finally(() => console.log(`${b.label}: the reader with a page that never answers settled after ${Date.now() - started} ms`)),
          settled(failed, 45_000).finally(() => console.log(`${b.label}: the reader whose first page never answers settled after ${Date.now() - started} ms`)),
        ]);
        console.log(`${b.label}: reader settled with a page that never answers: ${Date.now() - started} ms (per-page timeout ${PAGE_TIMEOUT_S} s)`);
        expect(partialState).toBe('partial');
        expect(await partial.evaluate(() => document.querySelector('.page-failed[data-failed-page="4"] .page-failed-text')?.textContent)).toMatch(
          new RegExp(`^Page 4 of 5 could not be loaded: no answer within ${PAGE_TIMEOUT_S} s`),
        );
        expect(await partial.count('#reader-content section[data-page]')).toBe(4);
        expect(failedState).toBe('error');
        expect(await failed.evaluate(() => document.getElementById('status')?.textContent)).toMatch(new RegExp(`no answer within ${PAGE_TIMEOUT_S} s`));
        // The reader gave the stalled requests up: nothing is left open (the site sees each
        // connection close a moment after the reader has moved on).
        await expect.poll(() => site.abandoned, { timeout: 5_000 }).toEqual(expect.arrayContaining([stalled, stalledStart]));
        await partial.close();
        await failed.close();
      } finally {
        site.stalling.clear();
        await storeSettings(s.driver, { pageTimeout: null });
      }
    });

    it('closing the reader aborts the fetches it still has open', async () => {
      const stalled = fx.chinese.urls.filter((u) => u !== fx.chinese.start);
      const ms = await expectCloseAbandons(site, stalled, async () => {
        const reader = await s.driver.openExtension(readerPath(fx.chinese.start));
        return { state: () => reader.evaluate(() => document.documentElement.dataset.state), close: () => reader.close() };
      });
      console.log(`${b.label}: reader closed with ${stalled.length} fetches open: all abandoned after ${ms} ms`);
    });

    it('copies plain text (no spaces between CJK characters), Markdown and HTML', async () => {
      const reader = await s.driver.openExtension(readerPath(fx.chinese.start));
      expect(await settled(reader)).toBe('ready');
      const fromClipboard = () =>
        navigator.clipboard.read().then(async ([item]) => {
          const get = async (type: string) => (item!.types.includes(type) ? await (await item!.getType(type)).text() : null);
          return { plain: (await get('text/plain')) ?? '', html: await get('text/html') };
        });
      let readClipboard = () => reader.evaluate(fromClipboard);
      let done = async () => {};
      if (s.driver.chromium) {
        // Chromium: clipboard permissions cannot be granted to an extension origin: read the
        // clipboard from a loopback page (a secure context) of the same browser instead.
        const context = s.driver.chromium.context;
        const clipboardOrigin = `http://127.0.0.1:${site.port}`;
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: clipboardOrigin });
        const clipboardPage = await context.newPage();
        await clipboardPage.goto(`${clipboardOrigin}/clipboard`);
        readClipboard = async () => {
          await clipboardPage.bringToFront();
          const value = await clipboardPage.evaluate(fromClipboard);
          await reader.playwright!.bringToFront();
          return value;
        };
        done = () => clipboardPage.close();
        await reader.playwright!.bringToFront();
      }
      const lastCopy = () => reader.evaluate(() => document.documentElement.dataset.lastCopy);

      await reader.click('#copy-text');
      await expect.poll(lastCopy).toBe('text');
      const text = (await readClipboard()).plain;
      const [head, ...paragraphs] = text.trim().split('\n\n');
      expect(head).toBe(`${fx.chinese.title}\n人民网－人民日报 · 2022-02-13 07:48\n${fx.chinese.urls[0]}`);
      expect(paragraphs).toHaveLength(20);
      expect(paragraphs[0]).toBe(fx.chinese.markers[0]);
      expect(paragraphs[16]).toBe(fx.chinese.markers[4]);
      // No spaces put between CJK characters, no reader UI in the text.
      expect(text).not.toMatch(/[\u4e00-\u9fff] [\u4e00-\u9fff]/);
      expect(text).not.toContain('Page 2');

      await reader.press('m');
      await expect.poll(lastCopy).toBe('markdown');
      const markdown = (await readClipboard()).plain;
      expect(markdown.startsWith(`# ${fx.chinese.title}\n\n人民网－人民日报 · 2022-02-13 07:48 · <${fx.chinese.urls[0]}>\n\n${fx.chinese.markers[0]}\n\n`)).toBe(true);

      await reader.click('#copy-html');
      await expect.poll(lastCopy).toBe('html');
      const html = await readClipboard();
      expect(html.html).toContain(`<h1>${fx.chinese.title}</h1>`);
      expect(html.html).toContain('<section data-page="5">');
      expect(html.html).not.toContain('page-marker');
      expect(html.plain.split('\n\n')[1]).toBe(fx.chinese.markers[0]);
      await reader.close();
      await done();
    });

    if (s.chromiumOnly) {
      it('keeps reading settings across pages', async () => {
        const reader = await s.driver.openExtension(readerPath(fx.english.start));
        expect(await settled(reader)).toBe('ready');
        expect(await reader.evaluate(() => document.documentElement.dataset.theme)).toBe('system');
        await reader.press('t'); // system → light
        await reader.press('t'); // light → sepia
        await reader.press('+');
        expect(await reader.evaluate(() => document.documentElement.dataset.theme)).toBe('sepia');
        await reader.playwright!.reload();
        await settled(reader);
        expect(await reader.evaluate(() => document.documentElement.dataset.theme)).toBe('sepia');
        expect(await reader.evaluate(() => document.documentElement.style.getPropertyValue('--reader-font-size'))).toBe('20px');
        await reader.evaluate(() => chrome.storage.local.clear());
        await reader.close();
      });
    }
  });

  if (!s.chromiumOnly) return;

  describe('screenshots', () => {
    /** A reader in `colorScheme` (emulated before the page loads), its screenshot only with WHOLESTORY_SHOTS. */
    const shoot = async (d: Driver, url: string, name: string, colorScheme: 'light' | 'dark') => {
      const reader = await d.chromium!.context.newPage();
      await reader.emulateMedia({ colorScheme });
      await reader.goto(`${d.origin}${readerPath(url)}`);
      await reader.waitForFunction(readerSettled, null, { timeout: 30_000 });
      expect(await reader.evaluate(() => document.documentElement.dataset.state)).toBe('ready');
      await reader.evaluate(() => document.fonts.ready);
      await shot(name, (file) => reader.screenshot({ path: file }));
      await reader.close();
    };

    itShots('English interface: light and dark, Chinese and English articles', async () => {
      await shoot(s.driver, fx.chinese.start, 'reader-en-ui-zh-article-light', 'light');
      await shoot(s.driver, fx.chinese.start, 'reader-en-ui-zh-article-dark', 'dark');
      await shoot(s.driver, fx.english.start, 'reader-en-ui-en-article-light', 'light');
      await shoot(s.driver, fx.english.start, 'reader-en-ui-en-article-dark', 'dark');
    });

    it('Chinese interface', async () => {
      // The interface language is the browser's own, fixed at launch: a second Chromium.
      const zh = await b.launch({ sitePort: site.port, locale: 'zh-CN' });
      try {
        await shoot(zh, fx.chinese.start, 'reader-zh-ui-zh-article-light', 'light');
        await shoot(zh, fx.chinese.start, 'reader-zh-ui-zh-article-dark', 'dark');
        const page = await zh.openSite(fx.chinese.start);
        await controlLabel(page);
        await shot('article-with-control', (file) => page.screenshot(file));
        await page.close();
        // A failed page in the Chinese interface.
        site.failing.add(fx.chinese.urls[1]!);
        const reader = await zh.openExtension(readerPath(fx.chinese.start));
        expect(await settled(reader)).toBe('partial');
        expect(await reader.evaluate(() => document.querySelector('.page-failed-text')?.textContent)).toMatch(/^第2页（共5页）未能加载：网站返回错误（HTTP 503）/);
        await shot('reader-zh-ui-failed-page', (file) => reader.screenshot(file));
        await reader.close();
      } finally {
        site.failing.clear();
        await zh.close();
      }
    });
  });
});
