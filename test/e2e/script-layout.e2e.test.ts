/**
 * Simplified ↔ Traditional display and vertical reading (issue 11, items 2 and 3), in real
 * Chromium and real Firefox: `&script=tw` shows the article in Taiwan's script and words
 * (`<html data-script="tw">`, 软件 → 軟體 phrase by phrase, links and code untouched), the toggle
 * brings the original back and goes again, a copy carries the script shown, a saved copy
 * (`?id=…&script=hk`) converts too; `&layout=vertical` gives `<html data-layout="vertical">`,
 * `#reader-content` in `writing-mode: vertical-rl`, wider than the window and opened at its right
 * edge, and the wheel and keys move it sideways. Prints the conversion time the reader measured
 * (several runs; no timed asserts). Screenshots at 400 and 1100 px, light and dark, English and
 * Chinese interface, in $WHOLESTORY_SHOTS, only when it is set (`npm run shots`).
 *
 * Run: `WHOLESTORY_OUT_DIR=.output-script npx vitest run --config vitest.e2e.config.ts test/e2e/script-layout.e2e.test.ts`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeCase, type CasePage } from '../server/news-site';
import { forEachBrowser, type Tab } from './driver';
import { peopleFrame } from './fixtures';
import { itShots, median, readerTabs, shotsDir, urlQuery, useScheme } from './reader-pages';
import { fixtureSite } from './site';

// ---- the article: 2 pages of Simplified Chinese with the phrases character tables get wrong ----

const TITLE = '软件园里的头发与发展';
const TITLE_TW = '軟體園裡的頭髮與發展';
const ID = 32359301;
const HOST = 'tech.people.com.cn';
const pagePath = (n: number) => `/n1/2024/0512/c1007-${ID}${n === 1 ? '' : `-${n}`}.html`;
const URLS = [1, 2].map((n) => `http://${HOST}${pagePath(n)}`);
const START = URLS[0]!;
const FIRST = '他心神不宁状态下打开软件，用鼠标点了12次，头发都快掉光了。';
const FIRST_TW = '他心神不寧狀態下開啟軟體，用滑鼠點了12次，頭髮都快掉光了。';
const FIRST_HK = '他心神不寧狀態下打開軟件，用鼠標點了12次，頭髮都快掉光了。';
const LINK_HREF = 'http://www.people.com.cn/软件/发展.html';
const SENTENCES = [
  '2024年5月，园区里的年轻人谈论最多的仍是经济发展和产业升级。',
  '一位程序员说，他每天写代码到深夜，头发白了不少，但看到产品上线就觉得值得。',
  '园区管委会表示，今年将新建3个孵化器，为创业团队提供免费的办公空间。',
  '在展示厅里，参观者戴上头盔，用手柄和鼠标体验虚拟现实软件。',
  '有企业负责人坦言，人才是发展的关键，留住人才要靠事业也要靠生活。',
  'Some teams write their documentation in English, and the cafés are full of laptops.',
  '每到周末，园区的篮球场和图书馆都挤满了人，这里渐渐有了社区的样子。',
];
function paragraph(n: number, m: number): string {
  const parts = [`第${n}页第${m}段：`];
  for (let k = 0; k < 5; k++) parts.push(SENTENCES[(n * 3 + m * 2 + k) % SENTENCES.length]!);
  return parts.join('');
}

function writeArticle(dir: string): void {
  const frame = peopleFrame({ title: TITLE, date: '2024年05月12日08:12', channel: '科技', urls: URLS, lang: 'zh-CN', editor: '王五、赵六' });
  const pages: Record<string, CasePage> = {};
  const files: Record<string, string> = {};
  for (let n = 1; n <= 2; n++) {
    const body: string[] = [];
    if (n === 1) body.push(`<p>${FIRST}</p>`, `<p>详情见<a href="${LINK_HREF}" title="软件发展">软件发展报告</a>，命令是<code>软件 --发展</code>。</p>`);
    for (let m = 1; m <= 12; m++) body.push(`<p>${paragraph(n, m)}</p>`);
    files[`page-${n}.html`] = frame(n, body.join('\n'));
    pages[URLS[n - 1]!] = { file: `page-${n}.html`, contentType: 'text/html; charset=utf-8' };
  }
  writeCase(dir, { start: START, pages }, files);
}

// ---- the browsers, over the driver (driver.ts) ---------------------------------------------

/**
 * A screenshot of what is on screen. Chromium: Playwright's own screenshot clips by the page's
 * left-to-right origin, so a right-to-left page scrolled to its right edge (vertical layout) came
 * out blank: CDP takes what is on screen.
 */
async function screenshot(tab: Tab, file: string): Promise<void> {
  const page = tab.playwright;
  if (!page) return tab.screenshot(file);
  const cdp = await page.context().newCDPSession(page);
  const { data } = await cdp.send('Page.captureScreenshot', { format: 'png' });
  writeFileSync(file, Buffer.from(data, 'base64'));
  await cdp.detach();
}

// ---- in the page ---------------------------------------------------------------------------

const query = (extra: string) => `${urlQuery(START)}${extra}`;
/** scrollX once it stops changing (a smooth scroll has ended). */
async function scrollSettled(tab: Tab): Promise<number> {
  let last = NaN;
  for (let i = 0; i < 40; i++) {
    const now = await tab.evaluate(() => scrollX);
    if (now === last) return now;
    last = now;
    await new Promise((r) => setTimeout(r, 120));
  }
  return last;
}
/** Picks `value` in the menu `selector` as a person would: its value, then the event the page listens for (the toolbar's `change`, the settings form's `input`). */
async function pick(tab: Tab, selector: string, value: string, event: 'change' | 'input'): Promise<void> {
  await tab.evaluate(
    (a) => {
      const select = document.querySelector(a.selector) as HTMLSelectElement;
      select.value = a.value;
      select.dispatchEvent(new Event(a.event, { bubbles: true }));
    },
    { selector, value, event },
  );
}

/** Picks the Layout setting in the settings form and waits for the page to follow. */
async function setLayout(tab: Tab, layout: 'horizontal' | 'vertical'): Promise<void> {
  await pick(tab, '#settings select[name="layout"]', layout, 'input');
  await tab.waitForFunction((value) => document.documentElement.dataset.layout === value, layout);
}
const scriptIs = (tab: Tab, script: string) => tab.waitForFunction((s) => document.documentElement.dataset.script === s, script, 20_000);
const firstParagraph = () => document.querySelector('#reader-content .article-body p')?.textContent ?? '';
/** What the reader shows and where the page is scrolled, for the vertical layout. */
const verticalFacts = () => {
  const content = document.getElementById('reader-content') as HTMLElement;
  const box = content.getBoundingClientRect();
  const scroller = document.scrollingElement as HTMLElement;
  const h1 = (document.querySelector('#reader-content h1') as HTMLElement).getBoundingClientRect();
  return {
    layout: document.documentElement.dataset.layout,
    writingMode: getComputedStyle(content).writingMode,
    contentWidth: box.width,
    windowWidth: innerWidth,
    scrollX,
    // Right to left: 0 at the right edge, negative onwards.
    maxScrollX: scroller.scrollWidth - scroller.clientWidth,
    scrollY,
    // The title (the beginning) is on screen, at the right.
    titleVisible: h1.right <= innerWidth + 1 && h1.left >= 0 && h1.right > innerWidth / 2,
    tcy: [...content.querySelectorAll('.tcy')].slice(0, 3).map((s) => [s.textContent, getComputedStyle(s).textCombineUpright]),
  };
};

// ---- the tests, run for each browser -------------------------------------------------------

const fixture = fixtureSite('script', (root) => {
  const article = path.join(root, 'article');
  writeArticle(article);
  return [article];
});

forEachBrowser((browser) =>
  browser.describe('Simplified/Traditional display and vertical reading', () => {
    const name = browser.name;
    const b = readerTabs(browser, { sitePort: () => fixture.site.port, bootUrl: START });
    beforeAll(() => b.launch());
    afterAll(() => b.close());

    it('&script=tw shows Taiwan script and words; attributes and code untouched; the toggle goes back and again; a copy is in the script shown', async () => {
      const tab = await b.open(query('&script=tw'));
      await scriptIs(tab, 'tw');
      const shown = await tab.evaluate(
        () => ({
          first: document.querySelector('#reader-content .article-body p')?.textContent,
          h1: document.querySelector('#reader-content h1')?.textContent,
          title: document.title,
          lang: document.getElementById('reader-content')?.lang,
          link: [document.querySelector('#reader-content .article-body a')?.getAttribute('href'), document.querySelector('#reader-content .article-body a')?.getAttribute('title'), document.querySelector('#reader-content .article-body a')?.textContent],
          code: document.querySelector('#reader-content code')?.textContent,
          toggle: [(document.getElementById('script-original') as HTMLElement).hidden, document.getElementById('script-original')?.textContent],
          choice: (document.getElementById('script-choice') as HTMLSelectElement).value,
          ms: Number(document.documentElement.dataset.scriptMs),
        }),
        null,
      );
      expect(shown.first).toBe(FIRST_TW);
      expect(shown.h1).toBe(TITLE_TW);
      expect(shown.title).toBe(`${TITLE_TW} — WholeStory`);
      expect(shown.lang).toBe('zh-TW');
      expect(shown.link).toEqual([new URL(LINK_HREF).href, '软件发展', '軟體發展報告']);
      expect(shown.code).toBe('软件 --发展');
      expect(shown.toggle).toEqual([false, 'Original']);
      expect(shown.choice).toBe('tw');
      expect(shown.ms).toBeGreaterThanOrEqual(0);

      // A copy carries the script shown: the header too.
      await tab.evaluate(() => {
        Object.defineProperty(navigator.clipboard, 'writeText', { configurable: true, value: async (text: string) => void ((globalThis as unknown as { copied: string }).copied = text) });
      });
      await tab.press('c');
      await tab.waitForFunction(() => typeof (globalThis as unknown as { copied?: string }).copied === 'string');
      const copied = await tab.evaluate(() => (globalThis as unknown as { copied: string }).copied);
      expect(copied).toContain(FIRST_TW);
      expect(copied.split('\n')[0]).toBe(TITLE_TW);
      expect(copied).not.toContain('头发');
      expect(copied).toContain('软件 --发展'); // code as it was

      // One click to the original, one click back.
      await tab.click('#script-original');
      await scriptIs(tab, 'original');
      expect(await tab.evaluate(firstParagraph)).toBe(FIRST);
      expect(await tab.evaluate(() => [document.title, document.getElementById('reader-content')?.lang, document.getElementById('script-original')?.textContent])).toEqual([`${TITLE} — WholeStory`, 'zh-CN', 'Traditional (Taiwan)']);
      await tab.click('#script-original');
      await scriptIs(tab, 'tw');
      expect(await tab.evaluate(firstParagraph)).toBe(FIRST_TW);

      // Another script starts from the original, not from the Taiwan text.
      await pick(tab, '#script-choice', 'hk', 'change');
      await scriptIs(tab, 'hk');
      expect(await tab.evaluate(firstParagraph)).toBe(FIRST_HK);

      // Conversion time on this article (about 2,000 characters), first conversion and later ones.
      const times: number[] = [];
      for (let i = 0; i < 6; i++) {
        const next = i % 2 === 0 ? 'tw' : 'hant';
        await pick(tab, '#script-choice', next, 'change');
        await scriptIs(tab, next);
        times.push(await tab.evaluate(() => Number(document.documentElement.dataset.scriptMs)));
      }
      console.log(`${name}: conversion of the shown article (text walk included), ms: first ${shown.ms}, then ${times.join(', ')} (median ${median(times)})`);
      await tab.close();
    });

    it('a saved copy converts too (?id=…&script=hk), its vertical EPUB export is in that script; the default setting applies to the next article', async () => {
      const tab = await b.open(`${query('')}&save=1`);
      await tab.waitForFunction(() => document.documentElement.dataset.save === 'saved', null, 20_000);
      const id = await tab.evaluate(() => document.documentElement.dataset.savedId ?? '');
      expect(id).not.toBe('');
      expect(await tab.evaluate(() => document.documentElement.dataset.script)).toBe('original');
      // The default, chosen in the settings popover: the article shown follows it.
      await tab.click('#toggle-settings');
      await pick(tab, '#settings select[name="script"]', 'hans', 'input');
      await scriptIs(tab, 'hans');
      await tab.press('Escape');
      await tab.close();

      const saved = await b.open(`id=${encodeURIComponent(id)}&script=hk`);
      await scriptIs(saved, 'hk');
      expect(await saved.evaluate(firstParagraph)).toBe(FIRST_HK);
      // The vertical EPUB from the Export menu: right to left, vertical-rl, in the script shown.
      await saved.evaluate(() => {
        const keep = URL.createObjectURL.bind(URL);
        URL.createObjectURL = (blob: Blob | MediaSource) => {
          (globalThis as unknown as { exported: Blob }).exported = blob as Blob;
          return keep(blob);
        };
        (document.querySelector('#export-menu button[data-export="epub-vertical"]') as HTMLButtonElement).click();
      });
      await saved.waitForFunction(() => document.documentElement.dataset.lastExport === 'epub-vertical');
      const bytes = await saved.evaluate(async () => {
        const buffer = new Uint8Array(await (globalThis as unknown as { exported: Blob }).exported.arrayBuffer());
        let text = '';
        for (const byte of buffer) text += String.fromCharCode(byte);
        return btoa(text);
      });
      const book = unzipSync(new Uint8Array(Buffer.from(bytes, 'base64')));
      expect(strFromU8(book.mimetype!)).toBe('application/epub+zip');
      expect(strFromU8(book['OEBPS/content.opf']!)).toContain('<spine page-progression-direction="rtl">');
      expect(strFromU8(book['OEBPS/style.css']!)).toContain('writing-mode:vertical-rl');
      const chapter = strFromU8(book['OEBPS/text/chapter-1.xhtml']!);
      expect(chapter).toContain('他心神不寧狀態下打開軟件，用鼠標點了<span class="tcy">12</span>次，頭髮都快掉光了。');
      expect(chapter).toContain('xml:lang="zh-HK"');
      await saved.close();
      // The default (hans) on a Simplified article: the text as it was.
      const next = await b.open(`id=${encodeURIComponent(id)}`);
      await scriptIs(next, 'hans');
      expect(await next.evaluate(firstParagraph)).toBe(FIRST);
      await pick(next, '#settings select[name="script"]', 'original', 'input');
      await scriptIs(next, 'original');
      await next.close();
    });

    it('&layout=vertical: data-layout, writing-mode vertical-rl, wider than the window, opened at the right edge; wheel and keys move sideways', async () => {
      const tab = await b.open(query('&layout=vertical'), 1100, 700);
      const facts = await tab.evaluate(verticalFacts);
      expect(facts.layout).toBe('vertical');
      expect(facts.writingMode).toBe('vertical-rl');
      expect(facts.contentWidth).toBeGreaterThan(facts.windowWidth);
      expect(facts.maxScrollX).toBeGreaterThan(0);
      expect(Math.abs(facts.scrollX)).toBeLessThanOrEqual(1);
      expect(facts.scrollY).toBe(0);
      expect(facts.titleVisible).toBe(true);
      expect(facts.tcy[0]).toEqual(['12', 'all']);

      // The wheel turned down reads on: the page moves left.
      await tab.wheel(500, 400, 300);
      await tab.waitForFunction((x) => scrollX < x - 50, facts.scrollX);
      const afterWheel = await tab.evaluate(() => [scrollX, scrollY]);
      expect(afterWheel[1]).toBe(0);
      await tab.press('PageDown');
      await tab.waitForFunction((x) => scrollX < x - 300, afterWheel[0]!);
      // PageDown scrolls smoothly: let it end before the next key.
      const afterPage = await scrollSettled(tab);
      await tab.press('ArrowUp');
      await tab.waitForFunction((x) => scrollX > x, afterPage);
      await tab.press('End');
      await tab.waitForFunction((max) => Math.abs(scrollX + max) <= 1, facts.maxScrollX);
      await tab.press('Home');
      await tab.waitForFunction(() => Math.abs(scrollX) <= 1);
      await tab.close();
    });

    it('the Layout setting turns the page vertical, opened at its right edge, and back', async () => {
      const tab = await b.open(query('&script=tw'));
      await scriptIs(tab, 'tw');
      // As a person at 400 px: at the start of the article, the settings opened and closed.
      await tab.setViewport(400, 760);
      await tab.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await tab.press('Home');
      await tab.waitForFunction(() => scrollY === 0 && Math.abs(scrollX) <= 1);
      await tab.click('#toggle-settings');
      await tab.press('Escape');
      await setLayout(tab, 'vertical');
      await scrollSettled(tab);
      expect(await tab.evaluate(() => [getComputedStyle(document.getElementById('reader-content') as HTMLElement).writingMode, Math.abs(scrollX) <= 1])).toEqual(['vertical-rl', true]);
      await setLayout(tab, 'horizontal');
      expect(await tab.evaluate(() => getComputedStyle(document.getElementById('reader-content') as HTMLElement).writingMode)).toBe('horizontal-tb');
      await tab.close();
    });

    itShots('screenshots: converted, then vertical by the Layout setting, light and dark, English and Chinese interface, 400 px and wide', async () => {
      const SHOTS = shotsDir();
      for (const lang of ['en', 'zh'] as const) {
        const tab = lang === 'en' ? await b.open(query('&script=tw')) : await b.openZh(query('&script=tw'));
        await scriptIs(tab, 'tw');
        for (const label of ['tw', 'vertical'] as const) {
          for (const value of ['light', 'dark'] as const) {
            await useScheme(tab, value);
            for (const width of [400, 1100]) {
              await tab.setViewport(width, 760);
              // Keys go to the page, not to a toolbar button that has focus.
              await tab.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
              await tab.press('Home');
              await tab.waitForFunction(() => scrollY === 0 && Math.abs(scrollX) <= 1);
              await scrollSettled(tab);
              await screenshot(tab, path.join(SHOTS, `script-${name}-${label}-${lang}-${value}-${width}.png`));
            }
          }
          if (label === 'tw') {
            // The settings popover with the two new rows, and the toolbar's choice in "⋯" at 400 px.
            await tab.setViewport(400, 760);
            await tab.click('#toggle-settings');
            await tab.evaluate(() => document.querySelector('#settings select[name="layout"]')?.scrollIntoView({ block: 'center' }));
            await screenshot(tab, path.join(SHOTS, `script-${name}-settings-${lang}-400.png`));
            await tab.press('Escape');
            await tab.click('#toggle-more');
            await screenshot(tab, path.join(SHOTS, `script-${name}-more-${lang}-400.png`));
            await tab.click('#toggle-more');
            // Vertical from the setting: the page turns and opens at its right edge.
            await setLayout(tab, 'vertical');
            expect(await tab.evaluate(() => [getComputedStyle(document.getElementById('reader-content') as HTMLElement).writingMode, Math.abs(scrollX) <= 1])).toEqual(['vertical-rl', true]);
          }
        }
        await setLayout(tab, 'horizontal');
        expect(await tab.evaluate(() => getComputedStyle(document.getElementById('reader-content') as HTMLElement).writingMode)).toBe('horizontal-tb');
        await tab.close();
      }
    });
  }),
);
