/**
 * The reader as a picky reader of Chinese sees it, in real Chromium (issue 10): http: photos shown
 * (bug 1), every glyph class of a Chinese paragraph drawn by the CJK face, Traditional faces for
 * zh-TW/zh-HK (bug 3, the fonts Chromium really used, from CDP `CSS.getPlatformFontsForNode`);
 * screenshots at 400 and 1100 px, light and dark, English and Chinese interface, in
 * $WHOLESTORY_SHOTS (default /tmp/wholestory-shots). Captions (bug 4), the 400 px layout (bug 5)
 * and settings where the person is reading (bug 2), in both browsers: reader-look.e2e.test.ts.
 *
 * Run: `npx vitest run --config vitest.e2e.config.ts test/e2e/reader-look-chromium.e2e.test.ts`.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension, chromiumPath, launchWithExtension, type ExtensionBrowser } from './browser';
import { PHOTO_START, PHOTOS, writePhotoArticle } from './photo-fixtures';
import { itShots } from './reader-pages';
import { startE2eSite, type E2eSite } from './site';

const SHOTS = process.env.WHOLESTORY_SHOTS ?? '/tmp/wholestory-shots';
const haveChromium = chromiumPath() !== null;
if (!haveChromium) console.warn('Chromium not found: skipping its real-browser tests (apt-get install -y chromium firefox-esr)');

let root: string;
let site: E2eSite;
let browser: ExtensionBrowser;

beforeAll(async () => {
  if (!haveChromium) return;
  buildExtension('chrome');
  root = mkdtempSync(path.join(os.tmpdir(), 'wholestory-look-e2e-'));
  writePhotoArticle(path.join(root, 'photos'));
  site = await startE2eSite({ cases: [path.join(root, 'photos')] });
  browser = await launchWithExtension(site.port);
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function openReader(b: ExtensionBrowser, width = 1100, height = 800): Promise<Page> {
  const reader = await b.context.newPage();
  await reader.setViewportSize({ width, height });
  await reader.goto(`chrome-extension://${b.extensionId}/reader.html?url=${encodeURIComponent(PHOTO_START)}`);
  await reader.waitForFunction(() => ['ready', 'partial', 'error'].includes(document.documentElement.dataset.state ?? ''), null, { timeout: 30_000 });
  await reader.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('#reader-content img')].every((i) => i.hidden || (i.complete && i.naturalWidth > 0)), null, { timeout: 15_000 });
  return reader;
}

/** The fonts Chromium drew each element's text with (CDP CSS.getPlatformFontsForNode). */
/**
 * The platform fonts Chromium drew each selector's text with. Text put in just before is not yet
 * laid out (no fonts at all): asked again after the next frames until every node has its fonts.
 */
async function platformFonts(reader: Page, selectors: string[]): Promise<Record<string, string[]>> {
  for (let attempt = 0; ; attempt++) {
    await reader.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
    const cdp = await reader.context().newCDPSession(reader);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root: doc } = await cdp.send('DOM.getDocument', { depth: -1 });
    const out: Record<string, string[]> = {};
    for (const selector of selectors) {
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: doc.nodeId, selector });
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      out[selector] = fonts.map((f) => f.familyName);
    }
    await cdp.detach();
    if (Object.values(out).every((fonts) => fonts.length > 0) || attempt >= 50) return out;
  }
}

describe.skipIf(!haveChromium)('Chromium: the reader, looked at closely', () => {
  it('shows every http: photo of both pages, each asked of the site over plain http', async () => {
    const before = site.requests.length;
    const reader = await openReader(browser);
    const shown = await reader.evaluate(() =>
      [...document.querySelectorAll<HTMLImageElement>('#reader-content img')].filter((i) => !i.hidden && i.naturalWidth > 0 && i.getBoundingClientRect().width > 0).map((i) => i.src),
    );
    expect(shown.sort()).toEqual([...PHOTOS].sort());
    for (const url of PHOTOS) expect(site.requests.slice(before)).toContain(url);
    await reader.close();
  });

  // Was a bug (issue 10, bug 3): with system-ui first, DejaVu Sans drew “ ” … · — and digits inside
  // Chinese paragraphs; a Traditional article got the Simplified face.
  it('draws Han, CJK punctuation, quotes, ellipsis, middle dot, dash and digits of Chinese text with the CJK face; TC/HK for zh-TW/zh-HK', async () => {
    const reader = await openReader(browser);
    const classes = { han: '夜行列车', punct: '，。：；！？', quotes: '“”‘’', ellipsis: '……', dot: '·', dash: '——', digits: '2023', title: '' };
    await reader.evaluate((glyphs) => {
      const p = document.querySelector('#reader-content .article-body p') as HTMLElement;
      for (const [name, text] of Object.entries(glyphs)) {
        if (!text) continue;
        const span = document.createElement('span');
        span.id = `glyph-${name}`;
        span.textContent = text;
        p.append(span);
      }
    }, classes);
    const glyphSelectors = Object.keys(classes).filter((k) => k !== 'title').map((k) => `#glyph-${k}`);
    const simplified = await platformFonts(reader, [...glyphSelectors, '#reader-content h1', '#reader-content .article-meta']);
    console.log(`fonts for zh-CN text: ${JSON.stringify(simplified)}`);
    for (const [selector, fonts] of Object.entries(simplified)) expect(fonts, selector).toEqual(['Noto Sans CJK SC']);
    for (const [lang, face] of [['zh-TW', 'Noto Sans CJK TC'], ['zh-Hant', 'Noto Sans CJK TC'], ['zh-HK', 'Noto Sans CJK HK']] as const) {
      await reader.evaluate((l) => ((document.getElementById('reader-content') as HTMLElement).lang = l), lang);
      const traditional = await platformFonts(reader, glyphSelectors);
      for (const [selector, fonts] of Object.entries(traditional)) expect(fonts, `${lang} ${selector}`).toEqual([face]);
    }
    await reader.close();
  });

  // The popup's and the library's list of saved titles, in the English interface (system-ui
  // first): a Chinese title's quotes, middle dot and digits came from DejaVu Sans.
  it('draws a Chinese saved title (Han, quotes, middle dot, digits) in the popup and the library, and the popup\'s Chinese headline, with the CJK face; an English title keeps the interface face', async () => {
    for (const pageName of ['popup.html', 'library.html']) {
      const page = await browser.context.newPage();
      await page.goto(`chrome-extension://${browser.extensionId}/${pageName}`);
      await page.locator('#library').waitFor({ state: 'attached' });
      await page.evaluate(() => {
        const list = document.getElementById('library') as HTMLElement;
        const title = (lang: string, parts: Record<string, string>, className = 'library-title') => {
          const a = document.createElement('a');
          a.className = className;
          a.lang = lang;
          for (const [id, text] of Object.entries(parts)) {
            const span = document.createElement('span');
            span.id = id;
            span.textContent = text;
            a.append(span);
          }
          list.append(a);
        };
        title('zh', { 'zh-quotes': '“”', 'zh-han': '中国网事', 'zh-dot': '·', 'zh-digits': '2011' });
        title('en', { 'en-words': 'Liberty and Order' });
        // The popup's headline of the tab's article (the same rule; the popup marks its lang).
        title('zh', { 'head-quotes': '“”', 'head-digits': '100' }, 'page-title');
      });
      const fonts = await platformFonts(page, ['#zh-quotes', '#zh-han', '#zh-dot', '#zh-digits', '#en-words', '#head-quotes', '#head-digits']);
      console.log(`${pageName} title fonts: ${JSON.stringify(fonts)}`);
      for (const selector of ['#zh-quotes', '#zh-han', '#zh-dot', '#zh-digits', '#head-quotes', '#head-digits']) expect(fonts[selector], `${pageName} ${selector}`).toEqual(['Noto Sans CJK SC']);
      expect(fonts['#en-words'], `${pageName} English title`).not.toContain('Noto Sans CJK SC');
      await page.close();
    }
  });

  it('draws the popup\'s and the library\'s own text in the Chinese interfaces with the CJK face (SC for zh-CN, TC for zh-TW, titles too)', async () => {
    for (const [locale, face] of [['zh-CN', 'Noto Sans CJK SC'], ['zh-TW', 'Noto Sans CJK TC']] as const) {
      const b = await launchWithExtension(site.port, { locale });
      try {
        for (const pageName of ['popup.html', 'library.html']) {
          const page = await b.context.newPage();
          await page.goto(`chrome-extension://${b.extensionId}/${pageName}`);
          await page.locator('#library h2').waitFor();
          await page.evaluate(() => {
            const a = document.createElement('a');
            a.className = 'library-title';
            a.lang = 'zh';
            a.id = 'zh-title';
            a.textContent = '“感动2011”·第3页';
            (document.getElementById('library') as HTMLElement).append(a);
          });
          const fonts = await platformFonts(page, ['h1', '#library h2', '#zh-title']);
          console.log(`${locale} ${pageName} fonts: ${JSON.stringify(fonts)}`);
          for (const [selector, used] of Object.entries(fonts)) expect(used, `${locale} ${pageName} ${selector}`).toEqual([face]);
          await page.close();
        }
      } finally {
        await b.close();
      }
    }
  });
});

describe.skipIf(!haveChromium)('Chromium: screenshots (400 and 1100 px, light and dark, English and Chinese interface)', () => {
  // Only with WHOLESTORY_SHOTS (`npm run shots`): the matrix, and the Chinese interface's toolbar fonts checked on the way.
  itShots('writes them', async () => {
    for (const locale of ['en-US', 'zh-CN']) {
      const b = locale === 'en-US' ? browser : await launchWithExtension(site.port, { locale });
      try {
        for (const scheme of ['light', 'dark'] as const) {
          for (const width of [400, 1100]) {
            const reader = await openReader(b, width, 900);
            await reader.emulateMedia({ colorScheme: scheme });
            const name = `look-chromium-${locale}-${scheme}-${width}`;
            if (locale === 'zh-CN' && scheme === 'light' && width === 1100) {
              // The Chinese interface's own text (toolbar) from the CJK sans face, not DejaVu.
              const ui = await platformFonts(reader, ['#save-article', '#copy-text', '.article-original']);
              for (const [selector, fonts] of Object.entries(ui)) expect(fonts, selector).toEqual(['Noto Sans CJK SC']);
            }
            await reader.screenshot({ path: path.join(SHOTS, `${name}.png`) });
            // Further down: the captions, and settings opened there.
            await reader.evaluate(() => document.querySelector('#reader-content .reader-caption')?.scrollIntoView({ block: 'center' }));
            await reader.locator('#toggle-settings').click();
            await reader.screenshot({ path: path.join(SHOTS, `${name}-settings.png`) });
            await reader.keyboard.press('Escape');
            if (width === 400) {
              await reader.locator('#toggle-more').click();
              await reader.screenshot({ path: path.join(SHOTS, `${name}-more.png`) });
              await reader.keyboard.press('Escape');
            }
            await reader.close();
          }
        }
      } finally {
        if (b !== browser) await b.close();
      }
    }
    console.log(`screenshots: ${SHOTS}/look-chromium-*.png`);
  });
});
