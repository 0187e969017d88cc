/**
 * The reader as a picky reader sees it, in real Chromium and real Firefox (issue 10): captions by
 * evidence (bug 4), the 400 px layout (bug 5), settings and the save notice where the person is
 * reading (bug 2), photos' words in a Markdown copy (bug 11). What needs Chromium's own tools (the platform fonts of each glyph, bug 3) and
 * its screenshots: reader-look-chromium.e2e.test.ts.
 *
 * Run: `npx vitest run --config vitest.e2e.config.ts test/e2e/reader-look.e2e.test.ts`.
 */
import path from 'node:path';
import { ROOT } from './browser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachBrowser, type Tab } from './driver';
import { PARAGRAPH_AFTER_PHOTO, PHOTO_CAPTIONS, PHOTO_START, PHOTOS, writePhotoArticle } from './photo-fixtures';
import { readerTabs, urlQuery } from './reader-pages';
import { fixtureSite } from './site';

const fixture = fixtureSite('look', (root) => {
  const photos = path.join(root, 'photos');
  writePhotoArticle(photos);
  // Xinhua's Big5 gateway, served as Big5 bytes (test/pages): a photo before the lead and before
  // each numbered subhead (①、…⑤、), and no caption at all: the article the position rule greyed.
  return [photos, path.join(ROOT, 'test/pages/xinhua-2012-big5-gateway')];
});
const BIG5_START = 'http://big5.xinhuanet.com/gate/big5/news.xinhuanet.com/food/2012-01/16/c_122592817_4.htm';

/** Whether the element is drawn with a box inside the window. */
const inView = (tab: Tab, selector: string) =>
  tab.evaluate((s) => {
    const el = document.querySelector(s) as HTMLElement | null;
    if (!el || !el.checkVisibility()) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;
  }, selector);
const shown = (tab: Tab, selector: string) => tab.evaluate((s) => (document.querySelector(s) as HTMLElement | null)?.checkVisibility() ?? false, selector);

forEachBrowser((browser) =>
  browser.describe('the reader, looked at closely', () => {
    const b = readerTabs(browser, {
      sitePort: () => fixture.site.port,
      bootUrl: PHOTO_START,
      // Photos in (or given up): the layout below them has settled.
      ready: (tab) => tab.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('#reader-content img')].every((i) => i.hidden || i.complete), undefined, 15_000),
    });
    beforeAll(() => b.launch());
    afterAll(() => b.close());

    // Was a bug (issue 10, bug 4): every paragraph after an image was drawn as a caption.
    it('draws captions small and muted by evidence; the paragraph after a photo stays body text', async () => {
      const reader = await b.open(urlQuery(PHOTO_START));
      const sizes = await reader.evaluate(
        ({ captions, after }) => {
          const blocks = [...document.querySelectorAll<HTMLElement>('#reader-content .article-body :is(p, figcaption)')];
          const size = (el: HTMLElement | undefined) => (el ? parseFloat(getComputedStyle(el).fontSize) : NaN);
          return {
            body: size(blocks.find((x) => x.textContent?.startsWith('第1页第2段'))),
            captions: captions.map((c) => size(blocks.find((x) => x.textContent?.trim() === c))),
            after: size(blocks.find((x) => x.textContent?.startsWith(after))),
          };
        },
        { captions: PHOTO_CAPTIONS, after: PARAGRAPH_AFTER_PHOTO },
      );
      expect(sizes.body).toBeGreaterThan(0);
      expect(sizes.after).toBe(sizes.body);
      expect(sizes.captions).toHaveLength(PHOTO_CAPTIONS.length);
      for (const c of sizes.captions) expect(c).toBeLessThan(sizes.body);
      await reader.close();
    });

    // The same bug as the issue saw it: on a Big5 article its lead and numbered subheads, each
    // after a photo, were drawn as captions.
    it('on a Big5 article, the lead and the numbered subheads after its photos stay body text', async () => {
      const reader = await b.open(urlQuery(BIG5_START));
      const seen = await reader.evaluate(() => {
        const body = document.querySelector<HTMLElement>('#reader-content .article-body');
        const blocks = [...(body?.querySelectorAll<HTMLElement>('p, figcaption') ?? [])].filter((x) => x.textContent?.trim());
        const look = (el: HTMLElement) => `${getComputedStyle(el).fontSize} ${getComputedStyle(el).color}`;
        // The first block with words after each photo.
        const afterPhotos = [...(body?.querySelectorAll('img') ?? [])].map((img) => blocks.find((x) => img.compareDocumentPosition(x) & Node.DOCUMENT_POSITION_FOLLOWING));
        const plain = blocks.find((x) => x.textContent!.trim().startsWith('為了擁有一口'));
        return {
          pages: document.querySelectorAll('#reader-content section[data-page]').length,
          body: plain ? look(plain) : '',
          afterPhotos: afterPhotos.map((x) => (x ? `${x.textContent!.trim().slice(0, 6)} ${look(x)}` : '')),
          captions: [...(body?.querySelectorAll('.reader-caption, figcaption') ?? [])].map((x) => x.textContent?.trim()),
        };
      });
      expect(seen.pages).toBe(5);
      expect(seen.body).not.toBe('');
      expect(seen.afterPhotos.length).toBeGreaterThanOrEqual(5);
      for (const after of seen.afterPhotos) expect(after.replace(/^\S+ /, '')).toBe(seen.body);
      expect(seen.afterPhotos.map((x) => x.split(' ')[0])).toEqual(['牙好，胃口好', '在我們的日常', '②、少喝碳酸', '③、定期洗牙', '④、牙齦出血', '⑤、選對牙刷']);
      expect(seen.captions).toEqual([]);
      await reader.close();
    });

    // Was a bug (issue 10, bug 5): at 400 px the title was justified character by character and the
    // toolbar wrapped to two rows of seven controls.
    it('at 400 px: one toolbar row, copy/export behind "more", headings start-aligned and balanced', async () => {
      const reader = await b.open(urlQuery(PHOTO_START), 400, 800);
      const layout = await reader.evaluate(() => {
        const toolbar = document.querySelector('.toolbar') as HTMLElement;
        const items = [...toolbar.querySelectorAll<HTMLElement>(':scope > *')].filter((el) => el.getBoundingClientRect().width > 0);
        const tops = items.map((el) => Math.round(el.getBoundingClientRect().top + el.getBoundingClientRect().height / 2));
        const h1 = getComputedStyle(document.querySelector('#reader-content h1') as HTMLElement);
        return {
          rows: new Set(tops).size,
          height: toolbar.getBoundingClientRect().height,
          right: Math.max(...items.map((el) => el.getBoundingClientRect().right)),
          width: document.documentElement.clientWidth,
          h1Align: h1.textAlign,
          h1Wrap: h1.textWrap || h1.getPropertyValue('text-wrap-style'),
        };
      });
      expect(layout.rows).toBe(1);
      expect(layout.height).toBeLessThan(60);
      expect(layout.right).toBeLessThanOrEqual(layout.width);
      expect(['start', 'left']).toContain(layout.h1Align);
      expect(layout.h1Wrap).toMatch(/balance/);
      expect(await shown(reader, '#copy-text')).toBe(false);
      await reader.click('#toggle-more');
      await reader.waitForFunction(() => document.getElementById('copy-text')?.checkVisibility());
      expect(await reader.attribute('#toggle-more', 'aria-expanded')).toBe('true');
      await reader.press('Escape');
      expect(await shown(reader, '#copy-text')).toBe(false);
      await reader.close();
    });

    // Was a bug (issue 10, bug 11): Markdown copies wrote `![](…)` for every photo.
    it('a Markdown copy gives every photo its words: ![alt or caption](its http: address)', async () => {
      const reader = await b.open(urlQuery(PHOTO_START));
      await reader.evaluate(() => {
        const w = window as unknown as { copied?: string };
        const keep = async (text: string) => void (w.copied = text);
        const keepItem = async (items: ClipboardItem[]) => void (w.copied = await (await items[0]!.getType('text/plain')).text());
        Object.defineProperty(navigator.clipboard, 'writeText', { configurable: true, value: keep });
        Object.defineProperty(navigator.clipboard, 'write', { configurable: true, value: keepItem });
      });
      await reader.waitForFunction(() => !(document.getElementById('copy-markdown') as HTMLButtonElement).disabled);
      await reader.evaluate(() => document.getElementById('copy-markdown')?.dispatchEvent(new MouseEvent('click', { bubbles: true })));
      await reader.waitForFunction(() => typeof (window as unknown as { copied?: string }).copied === 'string');
      const markdown = await reader.evaluate(() => (window as unknown as { copied: string }).copied);
      const images = [...markdown.matchAll(/!\[([^\]]*)\]\((\S+?)\)/g)].map((m) => ({ alt: m[1]!, src: m[2]! }));
      expect(images.map((i) => i.src).sort()).toEqual([...PHOTOS].sort());
      for (const i of images) expect(i.alt.trim(), i.src).not.toBe('');
      await reader.close();
    });

    // Was a bug (issue 10, bug 2): settings and "Saved" opened in the page flow above the article,
    // 3,000 px above the viewport of a person reading the end of it.
    it('settings opened mid-article and the save notice are in the viewport', async () => {
      const reader = await b.open(urlQuery(PHOTO_START), 1100, 600);
      await reader.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      const scrolled = await reader.evaluate(() => window.scrollY);
      expect(scrolled).toBeGreaterThan(300);
      await reader.click('#toggle-settings');
      expect(await inView(reader, '#settings')).toBe(true);
      expect(await reader.evaluate(() => window.scrollY)).toBe(scrolled);
      await reader.press('Escape');
      expect(await shown(reader, '#settings')).toBe(false);
      await reader.click('#save-article');
      await reader.waitForFunction(() => ['saved', 'failed'].includes(document.documentElement.dataset.save ?? ''), undefined, 30_000);
      expect(await reader.evaluate(() => document.documentElement.dataset.save)).toBe('saved');
      expect(await inView(reader, '#save-notice')).toBe(true);
      expect(await reader.text('#save-status')).toMatch(/^Saved for offline reading\./);
      await reader.click('#close-save-notice');
      expect(await shown(reader, '#save-notice')).toBe(false);
      await reader.close();
    });
  }),
);
