/**
 * The extension in real Chromium (Debian's, playwright-core) and real Firefox (firefox-esr,
 * puppeteer-core over WebDriver BiDi, the MV2 build as a temporary add-on) against the local news
 * site, one suite over the driver (driver.ts): every host name reaches the site (Chromium resolves
 * them to it, Firefox uses it as its proxy), so pages load under their real URLs and the content
 * script's match patterns and the host permissions are the real ones.
 *
 * This half is the page side: the content script (detection, the in-page control, the badge), the
 * popup, the options page's auto-open and a site without a rule, and every fixture article of
 * test/pages read in the browser. The reader itself: extension-reader.e2e.test.ts (the two halves
 * share extension-site.ts). `web-ext lint` runs on the Firefox package in src/packages.test.ts.
 *
 * What only one browser can do (Chromium: the service worker's session storage, the access prompt
 * of a site without a rule of its own) is tested there only.
 *
 * Run: `npx vitest run --config vitest.e2e.config.ts test/e2e/extension.e2e.test.ts`. Screenshots
 * of fixture articles go to $WHOLESTORY_SHOTS, only when it is set (`npm run shots`).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clickControl, controlLabel, settled, type Tab } from './driver';
import { contentScriptRan, extensionSuites, readerPath, readerTabs, REAL_PAGES, type ExtensionSite } from './extension-site';
import type { E2eFixtures } from './fixtures';
import { shot, shotsWanted } from './reader-pages';
import type { E2eSite } from './site';
import { listCases, readCase } from '../server/news-site';
import { ruleForUrl } from '../../src/sites/index';

/** Fixture articles worth a look in the reader: the seed (English) and GB2312 Xinhua. */
const SCREENSHOT_CASES = ['people-en-seed', 'xinhua-2012-gb2312-bytes'];

/** The fixture cases of test/pages that a browser can reach here (http, a site with a rule). */
const FIXTURE_CASES = listCases()
  .map((dir) => ({ dir, slug: path.basename(dir), start: readCase(dir).start, expectedFile: path.join(dir, 'expected-metadata.json') }))
  .filter((c) => c.start.startsWith('http:') && ruleForUrl(c.start).id !== 'generic' && existsSync(c.expectedFile));

let fx: E2eFixtures;
let site: E2eSite;
let servedDirs: string[];
/** The site (one for both browsers) with the real saved pages too. */
const SITE_OPTIONS = { realPages: true };
const onSite = (served: ExtensionSite) => ({ fx, site, servedDirs } = served);

extensionSuites('the extension', SITE_OPTIONS, onSite, (_b, s) => {
  describe('content script', () => {
    it('marks a paginated article, shows the control in the page language and sets the badge', async () => {
      const page = await s.driver.openSite(fx.chinese.start);
      expect(await controlLabel(page)).toBe('阅读全文（共5页）');
      expect(await page.evaluate(() => document.documentElement.dataset.wholestoryPages)).toBe('5');
      const tabId = await s.driver.tabIdOf(fx.chinese.start);
      await expect.poll(() => s.driver.badgeOf(tabId)).toBe('5');
      await page.close();
    });

    if (s.chromiumOnly) {
      it('speaks English on an English article (GB2312 bytes)', async () => {
        const page = await s.driver.openSite(fx.english.start);
        expect(await controlLabel(page)).toBe('Read all 3 pages');
        expect(await page.evaluate(() => document.documentElement.dataset.wholestoryPages)).toBe('3');
        await page.close();
      });
    }

    it('leaves a single-page article untouched', async () => {
      const page = await s.driver.openSite(fx.single.start);
      // The content script runs at document_idle: wait until it has run (and not acted).
      await contentScriptRan(s.driver, fx.single.start);
      expect(await page.evaluate(() => document.documentElement.hasAttribute('data-wholestory-pages'))).toBe(false);
      expect(await page.count('wholestory-control')).toBe(0);
      expect(await s.driver.badgeOf(await s.driver.tabIdOf(fx.single.start))).toBe('');
      await page.close();
    });

    if (s.chromiumOnly) {
      it('can be dismissed', async () => {
        const page = await s.driver.openSite(fx.english.start);
        await clickControl(page, 'close');
        expect(await page.count('wholestory-control')).toBe(0);
        await page.close();
      });
    }

    // Was a bug (issue 12, item 12): the shadow root was open and clicks were not checked, so a
    // page's own script opened 5 reader tabs with no user action, and could loop.
    it("cannot be pressed by the page itself; a person's double click opens one reader", async () => {
      const page = await s.driver.openSite(fx.english.start);
      await controlLabel(page);
      const before = (await readerTabs(s.driver)).length;
      // The page's own script (the main world): no way into the control, and clicks it makes do nothing.
      const seen = await page.evaluate(() => {
        const host = document.querySelector('wholestory-control') as HTMLElement;
        const box = host.getBoundingClientRect();
        const atButton = document.elementFromPoint(box.left + 24, box.top + box.height / 2);
        for (let i = 0; i < 5; i++) {
          // What the page did before: reach into an open root and press the button.
          (host.shadowRoot?.querySelector('button.open') as HTMLElement | null)?.click();
          host.click();
          host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
          atButton?.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, clientX: box.left + 24, clientY: box.top + 10 }));
        }
        return { shadowRoot: host.shadowRoot !== null, reachable: host.querySelectorAll('button').length, atButton: atButton?.localName };
      });
      expect(seen).toEqual({ shadowRoot: false, reachable: 0, atButton: 'wholestory-control' });
      expect((await readerTabs(s.driver)).length).toBe(before);
      // A person: a double click is one action, one reader. Once that reader has read the whole
      // article (its own fetches, long after any second "open" would have made a tab), there is
      // still one: none from the page's clicks above (they would have come first), none from the
      // second click.
      const reader = await s.driver.newExtensionTab('/reader.html', () => clickControl(page, 'open', 2), 10_000);
      expect(await settled(reader)).toBe('ready');
      const after = await readerTabs(s.driver);
      expect(after.length).toBe(before + 1);
      await reader.close();
      await page.close();
    });

    if (s.chromiumOnly) {
      it.skipIf(REAL_PAGES.length === 0)('detects real saved pages quickly', async () => {
        for (const real of REAL_PAGES) {
          // The time is the content script's own (performance.now around the detection), wall
          // time: on a loaded machine one run can be slowed by others, so the page is opened
          // again (up to 5 times) until one detection is under 100 ms; the fastest is the cost.
          const times: number[] = [];
          for (let run = 0; run < 5 && !times.some((ms) => ms < 100); run++) {
            // The saved pages ask for many scripts and images the news site does not have: do not wait for them.
            const page = await s.driver.openSite(real.url, 'domcontentloaded');
            await controlLabel(page);
            expect(await page.evaluate(() => document.documentElement.dataset.wholestoryPages)).toBe(String(real.pages));
            const tabId = await s.driver.tabIdOf(real.url);
            const detectMs = await s.driver.inExtension(async (id) => {
              const key = `tab-detection:${id}`;
              return ((await chrome.storage.session.get(key))[key] as { detectMs: number } | undefined)?.detectMs;
            }, tabId);
            expect(detectMs).toBeTypeOf('number');
            times.push(detectMs!);
            await page.close();
          }
          console.log(`detection on ${real.slug}: ${times.join(', ')} ms`);
          expect(Math.min(...times)).toBeLessThan(100);
        }
      });
    }
  });

  describe('popup', () => {
    it('says what was detected and opens the reader', async () => {
      const article = await s.driver.openSite(fx.english.start);
      await controlLabel(article);
      const tabId = await s.driver.tabIdOf(fx.english.start);
      const popup = await s.driver.openExtension(`/popup.html?tab=${tabId}`);
      await popup.waitForFunction(() => document.getElementById('detected')?.textContent === 'Xinhua · 3 pages', undefined, 10_000);
      const reader = await s.driver.newExtensionTab('/reader.html', () => popup.click('#open-reader'));
      expect(await settled(reader)).toBe('ready');
      expect(await reader.attribute('#reader-content', 'data-page-count')).toBe('3');
      // Opened from the tab: the loaded page is reused, not fetched again.
      expect(await reader.evaluate(() => document.documentElement.dataset.source)).toBe('tab');
      await reader.close();
      await popup.close().catch(() => undefined);
      await article.close();
    });
  });

  if (!s.chromiumOnly) return;

  describe('options and other sites', () => {
    it('opens the reader by itself when the options page says so', async () => {
      const options = await s.driver.openExtension('/options.html');
      await options.playwright!.locator('input[name="autoOpen"]').check();
      await expect
        .poll(() => options.evaluate(async () => ((await chrome.storage.local.get('readerSettings')).readerSettings as { autoOpen?: boolean } | undefined)?.autoOpen))
        .toBe(true);
      let article: Tab | undefined;
      const reader = await s.driver.newExtensionTab('/reader.html', async () => (article = await s.driver.openSite(fx.english.start)));
      expect(await settled(reader)).toBe('ready');
      expect(await reader.url()).toContain('/reader.html?url=');
      await options.playwright!.locator('input[name="autoOpen"]').uncheck();
      await options.evaluate(() => chrome.storage.local.clear());
      await reader.close();
      await article?.close();
      await options.close();
    });

    it('asks for access before reading a site without a rule of its own', async () => {
      const reader = await s.driver.openExtension(readerPath('http://www.example.org/news/2024/story.html'));
      await reader.waitForSelector('#access');
      expect(await reader.evaluate(() => document.getElementById('grant-access')?.textContent)).toBe('Allow access to www.example.org');
      expect(await reader.evaluate(() => document.documentElement.dataset.state)).toBe('loading');
      await reader.close();
    });
  });

  describe.skipIf(FIXTURE_CASES.length === 0)('the fixture articles of test/pages', () => {
    /** One case: its page (is the control there exactly when the article has pages?) and its reader; the problems found. */
    async function check(c: (typeof FIXTURE_CASES)[number]): Promise<string[]> {
      const problems: string[] = [];
      const expected = JSON.parse(readFileSync(c.expectedFile, 'utf8')) as { title: string; pageCount: number; failedPages: unknown[] };
      const t0 = Date.now();
      const page = await s.driver.openSite(c.start, 'domcontentloaded');
      const paginated = expected.pageCount > 1;
      // Once the content script has run, the mark is there or not (it sets it before it answers).
      const ran = await contentScriptRan(s.driver, c.start).then(
        () => true,
        () => false,
      );
      if (!ran && paginated) await page.waitForFunction(() => document.documentElement.dataset.wholestoryPages, undefined, 5_000).catch(() => undefined);
      const marked = await page.evaluate(() => document.documentElement.dataset.wholestoryPages ?? null);
      if (Boolean(marked) !== paginated) problems.push(`${c.slug}: control ${marked ?? 'absent'}, expected ${paginated ? 'present' : 'absent'}`);
      await page.close();
      const reader = await s.driver.openExtension(readerPath(c.start));
      const state = await settled(reader);
      const got = await reader.evaluate(() => ({
        title: document.querySelector('#reader-content h1')?.textContent ?? '',
        pageCount: Number(document.getElementById('reader-content')?.dataset.pageCount),
        failed: document.querySelectorAll('.page-failed').length,
      }));
      const want = { title: expected.title, pageCount: expected.pageCount, failed: expected.failedPages.length };
      if (JSON.stringify(got) !== JSON.stringify(want) || state === 'error') problems.push(`${c.slug}: ${state} ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
      console.log(`${c.slug}: control ${marked ?? '-'}, reader ${state}, ${got.pageCount} pages (${Date.now() - t0} ms)`);
      if (SCREENSHOT_CASES.includes(c.slug) && shotsWanted()) {
        await reader.evaluate(() => document.fonts.ready);
        await shot(`fixture-${c.slug}`, (file) => reader.screenshot(file));
      }
      await reader.close();
      return problems;
    }

    it('detects and reads every one in the browser as the pipeline does in Node', async () => {
      // Served together where their URLs allow (two cases may share a URL: those go in separate
      // batches), checked two at a time.
      const batches: Array<{ cases: typeof FIXTURE_CASES; urls: Set<string> }> = [];
      for (const c of FIXTURE_CASES) {
        const urls = Object.keys(readCase(c.dir).pages).map((u) => u.replace(/#.*/, ''));
        let batch = batches.find((x) => urls.every((u) => !x.urls.has(u)));
        if (!batch) batches.push((batch = { cases: [], urls: new Set() }));
        batch.cases.push(c);
        for (const u of urls) batch.urls.add(u);
      }
      const problems: string[] = [];
      try {
        for (const batch of batches) {
          let cases = batch.cases;
          try {
            await site.serve({ cases: cases.map((c) => c.dir) });
          } catch {
            // A case in a form the shared server does not read yet: not this test's business.
            cases = [];
            for (const c of batch.cases) {
              try {
                await site.serve({ cases: [c.dir] });
                cases.push(c);
              } catch (error) {
                console.log(`${c.slug}: not served (${error instanceof Error ? error.message : String(error)})`);
              }
            }
            await site.serve({ cases: cases.map((c) => c.dir) });
          }
          const queue = [...cases];
          const found = new Map<string, string[]>();
          await Promise.all(
            [1, 2].map(async () => {
              for (let c = queue.shift(); c; c = queue.shift()) found.set(c.slug, await check(c));
            }),
          );
          for (const c of cases) problems.push(...(found.get(c.slug) ?? []));
        }
      } finally {
        await site.serve({ cases: servedDirs });
      }
      expect(problems).toEqual([]);
      // (Every fixture case read in turn: a minute on an idle machine, several on a loaded one.)
    }, 300_000);
  });
});
