/**
 * Missing pages and failure reasons in real Chromium and Firefox (issue 10, bugs 6-8): a 5-page
 * article whose page 2 answers 503 shows the banner above the article; "Jump to the gap" focuses
 * that page's notice; a retry while the site still fails says it was tried again and when; "Retry
 * all" once the site recovers brings the page in. A partial article saved says "1 page missing" in
 * the library, and its saved copy's "Complete now" fills the gap and updates the copy. An article
 * that fails entirely offers Retry and "Open the original". The popup on a paginated page shows
 * the headline, the page count and whether it is saved. In the Chinese interface the reason is
 * Chinese. Screenshots (light and dark, English and Chinese, 400 px and wide) in
 * $WHOLESTORY_SHOTS, only when it is set (`npm run shots`).
 *
 * Run: `WHOLESTORY_OUT_DIR=.output-failures npx vitest run --config vitest.e2e.config.ts test/e2e/failures.e2e.test.ts`.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CONTROL_HOST } from './control';
import { forEachBrowser, settled, type BrowserSuite, type Driver, type Tab } from './driver';
import { writeE2eFixtures, type E2eFixtures } from './fixtures';
import { PHOTO_PAGE2, PHOTO_START, PHOTOS, writePhotoArticle } from './photo-fixtures';
import { shot, shotsWanted, useFirefoxTheme, useScheme } from './reader-pages';
import { fixtureSite } from './site';

let fx: E2eFixtures;
const fixture = fixtureSite('failures', (root) => {
  fx = writeE2eFixtures(root);
  // An article with http: photos on both pages: completing a saved copy must keep page 2's too.
  const photos = path.join(root, 'photos');
  writePhotoArticle(photos);
  return [...fx.dirs, photos];
});

/** The failing middle page: page 2 of the 5-page article opened on page 3. */
const gapUrl = () => fx.chinese.urls[1]!;
const readerQuery = (url: string) => `/reader.html?url=${encodeURIComponent(url)}`;

/** What the page shows of the failure UI, read in the page. */
function failureFacts() {
  const banner = document.getElementById('failures-banner') as HTMLElement | null;
  const notice = document.querySelector<HTMLElement>('.page-failed[data-failed-page="2"]');
  const box = banner?.getBoundingClientRect();
  const content = document.getElementById('reader-content')?.getBoundingClientRect();
  return {
    state: document.documentElement.dataset.state ?? '',
    bannerShown: Boolean(banner && !banner.hidden && box && box.height > 0),
    bannerText: banner?.querySelector('.failures-text')?.textContent ?? '',
    bannerDetail: banner?.querySelector('.failures-detail')?.textContent ?? '',
    bannerAboveArticle: Boolean(box && content && box.bottom <= content.top + 1),
    bannerInView: Boolean(box && box.top >= 0 && box.top < innerHeight),
    retryAll: document.getElementById('retry-all')?.textContent ?? '',
    noticeText: notice?.querySelector('.page-failed-text')?.textContent ?? '',
    noticeCode: notice?.dataset.failureCode ?? '',
    sections: [...document.querySelectorAll('#reader-content section[data-page]')].map((s) => s.getAttribute('data-page')),
  };
}

function focusFacts() {
  const active = document.activeElement as HTMLElement | null;
  const box = active?.getBoundingClientRect();
  return { focused: active?.dataset.failedPage ?? null, inView: Boolean(box && box.top >= 0 && box.bottom <= innerHeight) };
}

function popupFacts() {
  const text = (id: string) => document.getElementById(id)?.textContent ?? '';
  return {
    state: document.documentElement.dataset.popupState ?? '',
    detected: text('detected'),
    title: text('page-title'),
    read: text('open-reader'),
    saved: text('saved-state'),
    savedFlag: document.documentElement.dataset.saved ?? '',
    missingLabels: [...document.querySelectorAll('.library-missing')].map((el) => el.textContent),
  };
}

/** In the popup: it has read its tab's article and the library. */
const popupReady = () => document.documentElement.dataset.saved !== undefined && document.querySelector('.library-item');

/** A screenshot named `name` in the shots folder, only when shots are wanted. */
const shoot = (tab: Tab, name: string) => shot(name, (file) => tab.screenshot(file));

forEachBrowser((b: BrowserSuite) => {
  b.describe('missing pages, reasons, the popup', () => {
    let driver: Driver;
    beforeAll(async () => {
      // Firefox's first extension page: the reader opened from the control on the English article.
      driver = await b.launch({ sitePort: fixture.site.port, bootUrl: fx.english.start });
    }, 120_000);
    afterAll(async () => {
      await driver?.close();
    });

    const open = (d: Driver, pathAndQuery: string, width = 1100, height = 900): Promise<Tab> => d.openExtension(pathAndQuery, { width, height });
    /** A site page, its control on it (the extension has seen the page). */
    const openArticle = async (d: Driver, url: string): Promise<Tab> => {
      const article = await d.openSite(url);
      if (d.name === 'firefox') await article.waitForSelector(CONTROL_HOST);
      return article;
    };

    /** Reads `url` in a new reader tab and saves it; the saved copy's id. */
    const readAndSave = async (d: Driver, url: string): Promise<string> => {
      const reader = await open(d, readerQuery(url));
      await settled(reader);
      await reader.click('#save-article');
      await reader.waitForFunction(() => document.documentElement.dataset.save === 'saved', undefined, 20_000);
      const id = (await reader.evaluate(() => document.documentElement.dataset.savedId)) as string;
      await reader.close();
      return id;
    };

    /** The banner and the notice at 400 px and wide, light and dark. */
    async function shootReader(d: Driver, locale: string): Promise<void> {
      if (!shotsWanted()) return;
      for (const scheme of ['light', 'dark'] as const) {
        for (const width of [400, 1100]) {
          const reader = await open(d, readerQuery(fx.chinese.start), width, 900);
          await settled(reader);
          await useScheme(reader, scheme);
          // The reader may have brought back where this article was left off: the banner is at the top.
          await reader.evaluate(() => window.scrollTo(0, 0));
          const name = `${b.name}-${locale}-${scheme}-${width}`;
          await shoot(reader, `${name}-banner.png`);
          await reader.click('#jump-to-gap');
          await shoot(reader, `${name}-notice.png`);
          if (reader.puppeteer) await useFirefoxTheme(reader.puppeteer, 'system');
          await reader.close();
        }
      }
    }

    it('a failing middle page: the banner, Jump to the gap, a retry that fails says when, Retry all once the site recovers', async () => {
      fixture.site.failing.add(gapUrl());
      try {
        const reader = await open(driver, readerQuery(fx.chinese.start));
        await settled(reader);
        const facts = await reader.evaluate(failureFacts);
        expect(facts).toMatchObject({
          state: 'partial',
          bannerShown: true,
          bannerText: 'Page 2 of 5 is missing from this article.',
          bannerDetail: 'the site answered with an error (HTTP 503)',
          bannerAboveArticle: true,
          bannerInView: true,
          retryAll: 'Retry all',
          noticeText: 'Page 2 of 5 could not be loaded: the site answered with an error (HTTP 503).',
          noticeCode: 'http-status',
          sections: ['1', '3', '4', '5'],
        });
        // Scrolled down and back: "Jump to the gap" brings the notice into view with focus on it.
        await reader.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        await reader.evaluate(() => window.scrollTo(0, 0));
        await reader.click('#jump-to-gap');
        expect(await reader.evaluate(focusFacts)).toEqual({ focused: '2', inView: true });

        // Still failing: the notice says it was tried again, and when.
        await reader.click('#retry-all');
        await reader.waitForFunction(() => document.querySelector<HTMLElement>('.page-failed[data-failed-page="2"]')?.dataset.retriedAt !== undefined, undefined, 20_000);
        expect(await reader.evaluate(() => document.querySelector('.page-failed[data-failed-page="2"] .page-failed-text')?.textContent)).toMatch(
          /^Page 2 of 5: tried again at \d\d:\d\d — still failing: the site answered with an error \(HTTP 503\)\.$/,
        );
        await shoot(reader, `${b.name}-en-light-1100-retried.png`);
        await shootReader(driver, 'en');

        fixture.site.failing.delete(gapUrl());
        const before = fixture.site.requests.length;
        await reader.click('#retry-all');
        await reader.waitForFunction(() => document.documentElement.dataset.state === 'ready', undefined, 20_000);
        expect(fixture.site.requests.slice(before).filter((u) => !/\.(jpe?g|png|gif|ico)$/.test(u))).toEqual([gapUrl()]);
        const after = await reader.evaluate(failureFacts);
        expect(after.sections).toEqual(['1', '2', '3', '4', '5']);
        expect(after.bannerShown).toBe(false);
        // The button went with the banner: focus is on the page that came in, not lost.
        expect(await reader.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.page)).toBe('2');
        await reader.close();
      } finally {
        fixture.site.failing.clear();
      }
    });

    it('in the Chinese interface: the banner, the reason and the popup in Chinese', async () => {
      // Firefox: a dark system too (BiDi cannot emulate prefers-color-scheme): the popup's dark look.
      const zh = await b.launch({ sitePort: fixture.site.port, bootUrl: fx.english.start, locale: 'zh-CN', ...(b.name === 'firefox' ? { colorScheme: 'dark' as const } : {}) });
      fixture.site.failing.add(gapUrl());
      try {
        const reader = await open(zh, readerQuery(fx.chinese.start));
        await settled(reader);
        expect(await reader.evaluate(failureFacts)).toMatchObject({
          state: 'partial',
          bannerText: '本文缺第2页（共5页）。',
          bannerDetail: '网站返回错误（HTTP 503）',
          retryAll: '全部重试',
          noticeText: '第2页（共5页）未能加载：网站返回错误（HTTP 503）。',
        });
        // Saved with the page missing: the library list says 缺 1 页.
        await reader.click('#save-article');
        await reader.waitForFunction(() => document.documentElement.dataset.save === 'saved', undefined, 20_000);
        await reader.close();
        await shootReader(zh, 'zh');
        const article = await openArticle(zh, fx.english.start);
        const tabId = await zh.tabIdOf(fx.english.start);
        // Chromium emulates each scheme; Firefox's system is dark.
        for (const scheme of b.name === 'chromium' ? (['light', 'dark'] as const) : (['dark'] as const)) {
          const popup = await open(zh, `/popup.html?tab=${tabId}`, 380, 560);
          if (popup.playwright) await useScheme(popup, scheme);
          await popup.waitForFunction(popupReady, undefined, 10_000);
          expect(await popup.evaluate(popupFacts)).toMatchObject({ state: 'paginated', detected: '新华网 · 共3页', read: '阅读全文（共3页）', saved: '尚未保存', title: 'Night trains bring remote valleys closer to the cities', missingLabels: ['缺 1 页'] });
          expect(await popup.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
          await shoot(popup, `${b.name}-zh-${scheme}-popup.png`);
          await popup.close();
        }
        await article.close();
      } finally {
        fixture.site.failing.clear();
        await zh.close();
      }
    });

    if (b.name === 'chromium') {
      it('an article that fails entirely: the reason, Retry and "Open the original"', async () => {
        fixture.site.failing.add(fx.single.start);
        try {
          const reader = await open(driver, readerQuery(fx.single.start), 400);
          await settled(reader);
          expect(await reader.evaluate(() => document.documentElement.dataset.state)).toBe('error');
          expect(await reader.evaluate(() => document.querySelector('#status .read-failed-text')?.textContent)).toBe('This article could not be read: the site answered with an error (HTTP 503)');
          expect(await reader.attribute('#open-original', 'href')).toBe(fx.single.start);
          await shoot(reader, 'chromium-en-light-400-whole-failure.png');
          fixture.site.failing.clear();
          await reader.click('#retry-read');
          await reader.waitForFunction(() => document.documentElement.dataset.state === 'ready', undefined, 20_000);
          await reader.close();
          // The same one-page article in the popup: no "paginated" claim, reading it is the quieter action.
          const article = await openArticle(driver, fx.single.start);
          const popup = await open(driver, `/popup.html?tab=${await driver.tabIdOf(fx.single.start)}`, 380, 560);
          await popup.waitForFunction(() => document.documentElement.dataset.saved !== undefined, undefined, 10_000);
          expect(await popup.evaluate(popupFacts)).toMatchObject({ state: 'single', detected: "People's Daily", read: 'Read this page in the reader', saved: 'Not saved yet' });
          expect(await popup.evaluate(() => document.getElementById('hint')?.textContent)).toBe('This page is not split into several pages.');
          await shoot(popup, 'chromium-en-light-popup-single.png');
          await popup.close();
          await article.close();
        } finally {
          fixture.site.failing.clear();
        }
      });

      it('a partial article saved: "1 page missing" in the library; the copy\'s "Complete now" fills the gap and updates it', async () => {
        fixture.site.failing.add(gapUrl());
        try {
          const id = await readAndSave(driver, fx.chinese.start);

          const article = await openArticle(driver, fx.chinese.start);
          const tabId = await driver.tabIdOf(fx.chinese.start);
          for (const scheme of ['light', 'dark'] as const) {
            const popup = await open(driver, `/popup.html?tab=${tabId}`, 380, 640);
            await useScheme(popup, scheme);
            await popup.waitForFunction(popupReady, undefined, 10_000);
            const facts = await popup.evaluate(popupFacts);
            expect(facts).toMatchObject({ state: 'paginated', detected: "People's Daily · 5 pages", title: fx.chinese.title, read: 'Read all 5 pages', savedFlag: 'yes' });
            expect(facts.saved).toMatch(/^Saved on \d{1,2} [A-Z][a-z]{2} \d{4} · 1 page missing · Open the saved copy$/);
            expect(facts.missingLabels).toEqual(['1 page missing']);
            await shoot(popup, `chromium-en-${scheme}-popup-saved-partial.png`);
            await popup.close();
          }

          // The saved copy offers "Complete now"; the site is back.
          const copy = await open(driver, `/reader.html?id=${encodeURIComponent(id)}`, 400);
          await settled(copy);
          expect(await copy.evaluate(failureFacts)).toMatchObject({ state: 'partial', bannerShown: true, retryAll: 'Complete now', sections: ['1', '3', '4', '5'] });
          await shoot(copy, 'chromium-en-light-400-saved-copy-banner.png');
          fixture.site.failing.clear();
          await copy.click('#retry-all');
          await copy.waitForFunction(() => document.documentElement.dataset.completed === 'true', undefined, 20_000);
          expect((await copy.evaluate(failureFacts)).sections).toEqual(['1', '2', '3', '4', '5']);
          expect(await copy.evaluate(() => document.querySelector('.failures-note')?.textContent)).toBe('All pages are in; the saved copy is updated.');
          expect(await copy.playwright!.locator('.failures-note').isVisible()).toBe(true);
          await shoot(copy, 'chromium-en-light-400-saved-copy-completed.png');
          // Opened again: whole, with page 2's text, and no longer listed as missing a page.
          await copy.playwright!.reload();
          await settled(copy);
          expect(await copy.evaluate(failureFacts)).toMatchObject({ state: 'ready', bannerShown: false, sections: ['1', '2', '3', '4', '5'] });
          expect(await copy.text('#reader-content')).toContain(fx.chinese.markers[1]);
          await copy.close();
          const popup = await open(driver, `/popup.html?tab=${tabId}`, 380, 640);
          await popup.waitForFunction(() => document.documentElement.dataset.saved === 'yes' && document.querySelector('.library-item'), undefined, 10_000);
          expect((await popup.evaluate(popupFacts)).missingLabels).toEqual([]);
          await popup.evaluate(() => chrome.storage.local.clear());
          await popup.close();
          await article.close();
        } finally {
          fixture.site.failing.clear();
        }
      });
    }

    if (b.name === 'firefox') {
      it('the popup on a paginated page: title, page count, saved or not; a partial copy says "1 page missing"', async () => {
        fixture.site.failing.add(gapUrl());
        try {
          await readAndSave(driver, fx.chinese.start);
          const article = await openArticle(driver, fx.chinese.start);
          const tabId = await driver.tabIdOf(fx.chinese.start);
          // Light here; the dark popup is shot in the Chinese launch (a dark system), above.
          const popup = await open(driver, `/popup.html?tab=${tabId}`, 380, 640);
          await popup.waitForFunction(popupReady, undefined, 10_000);
          const facts = await popup.evaluate(popupFacts);
          expect(facts).toMatchObject({ state: 'paginated', detected: "People's Daily · 5 pages", title: fx.chinese.title, read: 'Read all 5 pages', savedFlag: 'yes' });
          expect(facts.missingLabels).toEqual(['1 page missing']);
          await shoot(popup, 'firefox-en-light-popup-saved-partial.png');
          await popup.close();
          await driver.inExtension(() => (globalThis as unknown as { browser: typeof chrome }).browser.storage.local.clear());
          await article.close();
        } finally {
          fixture.site.failing.clear();
        }
      });

      it('"Complete now" on a saved copy fills the gap with the page\'s http: photo kept (Firefox holds http: photos back)', async () => {
        fixture.site.failing.add(PHOTO_PAGE2);
        try {
          const reader = await open(driver, readerQuery(PHOTO_START));
          await settled(reader);
          expect((await reader.evaluate(failureFacts)).state).toBe('partial');
          await reader.click('#save-article');
          await reader.waitForFunction(() => document.documentElement.dataset.save === 'saved', undefined, 20_000);
          const id = (await reader.evaluate(() => document.documentElement.dataset.savedId)) as string;
          await reader.close();
          const copy = await open(driver, `/reader.html?id=${encodeURIComponent(id)}`);
          await settled(copy);
          // Page 1's photos only: page 2's are not in the copy yet.
          const before = Number(await copy.evaluate(() => document.documentElement.dataset.imagesShown));
          expect(before).toBeGreaterThan(0);
          expect(before).toBeLessThan(PHOTOS.length);
          fixture.site.failing.clear();
          await copy.click('#retry-all');
          await copy.waitForFunction(() => document.documentElement.dataset.completed === 'true', undefined, 20_000);
          // Opened again, offline as a saved copy is: both pages, every photo from the library.
          const again = await open(driver, `/reader.html?id=${encodeURIComponent(id)}`);
          await settled(again);
          expect(await again.evaluate(failureFacts)).toMatchObject({ state: 'ready', bannerShown: false, sections: ['1', '2'] });
          expect(await again.evaluate(() => document.documentElement.dataset.imagesShown)).toBe(String(PHOTOS.length));
          await again.close();
          await copy.close();
        } finally {
          fixture.site.failing.clear();
        }
      });
    }
  });
});
