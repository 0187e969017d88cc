/**
 * `npm run store-shots`: the store listing's images, rendered from the local news site in real
 * Chromium with the built extension, in the English (`en`), Simplified Chinese (`zh`, zh-CN) and
 * Traditional Chinese (`zh-TW`) interface:
 *
 *   <lang>-1-control.png         a Xinhua article's page 7 of 12 with the in-page "阅读全文（共12页）"
 *                                control (zh-TW: the Big5 gateway's page 4 of 5, 閱讀全文（共5頁）)
 *   <lang>-2-article-light.png   the whole article merged in the reader, light
 *   <lang>-3-article-dark.png    the same, dark, at page 3 with the table of contents open
 *   <lang>-4-library.png         the library page with eight saved articles
 *   <lang>-5-failed-page.png     a People's Daily article whose page 3 failed: the banner naming it, Retry
 *   promo-tile-<lang>.png        the 440×280 promo tile (an HTML page of its own)
 *
 * Screenshots are 1280×800, the tile 440×280 (PNG, device scale 1); the script reads each file's
 * PNG header back and exits 1 if a size is off. Output: `$WHOLESTORY_OUT_DIR/store/` (default
 * `.output/store/`, ignored by git) or `--out DIR`; `--only tile` renders just the tiles (no
 * extension build), `--only shots` just the screenshots, `--lang en|zh|zh-TW` one interface.
 * Nothing leaves 127.0.0.1 (every host name is mapped to the local site).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { buildExtension, chromiumPath, launchWithExtension, OUT_DIR, ROOT, type ExtensionBrowser } from '../test/e2e/browser';
import { clickControl, controlLabelIn } from '../test/e2e/control';
import { startE2eSite, type E2eSite } from '../test/e2e/site';
import { PAGES_DIR, readCase, type CaseFile, type CasePage } from '../test/server/news-site';
import { haveCjkFonts, missingBrowserMessage } from '../test/support/browsers';

export const SHOT_SIZE = { width: 1280, height: 800 };
export const TILE_SIZE = { width: 440, height: 280 };
/** The interfaces shot: English, Simplified Chinese (zh-CN), Traditional Chinese (zh-TW). */
export type StoreLang = 'en' | 'zh' | 'zh-TW';
export const STORE_LANGS: readonly StoreLang[] = ['en', 'zh', 'zh-TW'];
const LOCALES: Record<StoreLang, string> = { en: 'en-US', zh: 'zh-CN', 'zh-TW': 'zh-TW' };

export const SHOT_NAMES = ['1-control', '2-article-light', '3-article-dark', '4-library', '5-failed-page'] as const;

/** Every file the script writes for these parts and languages, with the size it must have. */
export function expectedFiles(parts: { shots: boolean; tile: boolean }, langs: readonly StoreLang[] = STORE_LANGS): Array<{ name: string; width: number; height: number }> {
  return langs.flatMap((lang) => [
    ...(parts.shots ? SHOT_NAMES.map((s) => ({ name: `${lang}-${s}.png`, ...SHOT_SIZE })) : []),
    ...(parts.tile ? [{ name: `promo-tile-${lang}.png`, ...TILE_SIZE }] : []),
  ]);
}

/** Width and height from a PNG's IHDR chunk; null when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null;
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The files that are missing or the wrong size, one line each (empty: all good). */
export function checkFiles(dir: string, expected: ReturnType<typeof expectedFiles>): string[] {
  const problems: string[] = [];
  for (const file of expected) {
    let size: { width: number; height: number } | null;
    try {
      size = pngSize(readFileSync(path.join(dir, file.name)));
    } catch {
      problems.push(`${file.name}: missing`);
      continue;
    }
    if (!size) problems.push(`${file.name}: not a PNG`);
    else if (size.width !== file.width || size.height !== file.height) {
      problems.push(`${file.name}: ${size.width}×${size.height}, not ${file.width}×${file.height}`);
    }
  }
  return problems;
}

// The articles: the control and the merged article on the 12-page Xinhua article entered on
// page 7 (the demo's), the failed page on People's Daily's failed-middle-page (its page 3 is a
// 503), and a few more saved for the library.
const ARTICLE = 'xinhua-2012-windowed-pager';
const ARTICLE_PAGE = 7;
// The Traditional set shows a Traditional article: Xinhua's Big5 gateway, entered on page 4 of 5.
const TRADITIONAL_ARTICLE = 'xinhua-2012-big5-gateway';
const TRADITIONAL_PAGE = 4;
const SCENES: Record<StoreLang, { slug: string; page: number }> = {
  en: { slug: ARTICLE, page: ARTICLE_PAGE },
  zh: { slug: ARTICLE, page: ARTICLE_PAGE },
  'zh-TW': { slug: TRADITIONAL_ARTICLE, page: TRADITIONAL_PAGE },
};
const FAILED = 'failed-middle-page';
const LIBRARY = [
  'xinhua-2012-gb2312-bytes',
  'people-n2-2022-gb2312',
  'people-n1-2019-utf8-under-gb2312-meta',
  'xinhua-2020-newscn',
  'xinhua-2012-big5-gateway',
  'people-en-seed',
  'xinhua-2019-p-detail',
  ARTICLE,
];

function pageUrl(slug: string, page?: number): string {
  const file = readCase(path.join(PAGES_DIR, slug));
  return page ? Object.keys(file.pages)[page - 1]! : file.start;
}

// The fixtures keep the pages, not their pictures (the site answers 404 for those): in the images
// a photo (.jpg) is a neutral landscape-like placeholder and a logo, icon or spacer (.gif/.png)
// a transparent pixel, so no broken-image icons, served by a case of their own.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** An RGBA PNG of `width`×`height` whose pixels `paint(x, y)` gives. */
export function encodePng(width: number, height: number, paint: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1);
    for (let x = 0; x < width; x++) raw.set(paint(x, y), row + 1 + x * 4);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A soft sky-and-hills picture standing in for a news photo; `seed` varies the hills and the sun. */
function photoPlaceholder(width: number, height: number, seed = 0): Buffer {
  const phase = seed * 1.7;
  const sunX = 0.2 + ((seed * 0.37) % 0.6);
  return encodePng(width, height, (x, y) => {
    const u = x / width;
    const v = y / height;
    const hill = 0.62 + 0.1 * Math.sin(u * 5.5 + 0.8 + phase) + 0.05 * Math.sin(u * 13 + phase);
    const far = 0.55 + 0.08 * Math.sin(u * 3.1 + 2 + phase);
    const sun = Math.hypot(u - sunX, (v - 0.28) * (height / width)) < 0.07;
    if (v > hill) return [116 - 30 * v, 146 - 30 * v, 122 - 30 * v, 255].map(Math.round) as [number, number, number, number];
    if (v > far) return [150, 172, 168, 255];
    if (sun) return [250, 236, 196, 255];
    return [176 + 40 * v, 200 + 30 * v, 226 + 10 * v, 255].map(Math.round) as [number, number, number, number];
  });
}

/** A case serving a stand-in for every image (and frame) the given cases' pages show and do not serve. */
function writeImageCase(dir: string, slugs: readonly string[]): void {
  const served = new Set<string>();
  const wanted = new Map<string, { width: number; height: number }>();
  const frames = new Set<string>();
  for (const slug of slugs) {
    const caseDir = path.join(PAGES_DIR, slug);
    const file = readCase(caseDir);
    for (const url of Object.keys(file.pages)) served.add(new URL(url).href);
    for (const [url, page] of Object.entries(file.pages)) {
      if (!page.file || !/\.s?html?$/i.test(page.file)) continue;
      const html = readFileSync(path.join(caseDir, page.file), 'latin1');
      for (const tag of html.match(/<img\b[^>]*>/gi) ?? []) {
        const src = /\ssrc\s*=\s*["']?([^"'\s>]+)/i.exec(tag)?.[1];
        if (!src) continue;
        let abs: URL;
        try {
          abs = new URL(src, url);
        } catch {
          continue;
        }
        if (!/^https?:$/.test(abs.protocol)) continue;
        abs.hash = '';
        const width = Number(/\swidth\s*=\s*["']?(\d+)/i.exec(tag)?.[1] ?? 0);
        const height = Number(/\sheight\s*=\s*["']?(\d+)/i.exec(tag)?.[1] ?? 0);
        wanted.set(abs.href, { width, height });
      }
      for (const tag of html.match(/<iframe\b[^>]*>/gi) ?? []) {
        const src = /\ssrc\s*=\s*["']?([^"'\s>]+)/i.exec(tag)?.[1];
        if (!src) continue;
        try {
          const abs = new URL(src, url);
          abs.hash = '';
          if (/^https?:$/.test(abs.protocol)) frames.add(abs.href);
        } catch {
          // not a URL: nothing to serve
        }
      }
    }
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'pixel.png'), encodePng(1, 1, () => [0, 0, 0, 0]));
  const pages: Record<string, CasePage> = {};
  let n = 0;
  for (const [url, size] of wanted) {
    if (served.has(url)) continue;
    if (/\.jpe?g$/i.test(new URL(url).pathname)) {
      const file = `photo-${++n}.png`;
      const width = size.width > 40 ? size.width : 480;
      const height = size.height > 30 ? size.height : Math.round(width * 0.62);
      writeFileSync(path.join(dir, file), photoPlaceholder(width, height, n));
      pages[url] = { file, contentType: 'image/png' };
    } else pages[url] = { file: 'pixel.png', contentType: 'image/png' };
  }
  // An embedded frame (a related-links box, an ad) shows nothing rather than the site's 404 page.
  for (const url of frames) if (!served.has(url)) pages[url] = { body: '<!doctype html><title></title>', contentType: 'text/html; charset=utf-8' };
  const data: CaseFile = { start: Object.keys(pages)[0] ?? 'http://images.invalid/', pages };
  writeFileSync(path.join(dir, 'case.json'), `${JSON.stringify(data, null, 2)}\n`);
}

const say = (line: string) => process.stderr.write(`store-shots: ${line}\n`);

async function settled(page: Page): Promise<string> {
  await page.waitForFunction(() => ['ready', 'partial', 'error'].includes(document.documentElement.dataset.state ?? ''), null, { timeout: 120_000 });
  await page.evaluate(() => document.fonts.ready);
  return page.evaluate(() => document.documentElement.dataset.state ?? '');
}

/** Images still loading get a moment; a picture the site does not have is hidden by the reader. */
async function imagesDone(page: Page): Promise<void> {
  await page
    .waitForFunction(() => [...document.images].every((img) => img.complete), null, { timeout: 10_000 })
    .catch(() => undefined);
}

async function shoot(page: Page, file: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  say(`wrote ${path.relative(ROOT, file)}`);
}

async function shootInterface(site: E2eSite, lang: StoreLang, out: string): Promise<void> {
  const b: ExtensionBrowser = await launchWithExtension(site.port, { locale: LOCALES[lang] });
  const ext = (p: string) => `chrome-extension://${b.extensionId}${p}`;
  const name = (shot: (typeof SHOT_NAMES)[number]) => path.join(out, `${lang}-${shot}.png`);
  try {
    // 1. The article's page 7 (Traditional: page 4) as the site shows it, with the control.
    const scene = SCENES[lang];
    const tab = b.context.pages()[0] ?? (await b.context.newPage());
    await tab.setViewportSize(SHOT_SIZE);
    await tab.goto(pageUrl(scene.slug, scene.page), { timeout: 120_000 });
    await controlLabelIn(tab);
    await imagesDone(tab);
    await tab.evaluate(() => window.scrollTo(0, 0));
    await shoot(tab, name('1-control'));

    // 2, 3. A click on the control: the reader with all 12 pages, light then dark.
    const [reader] = await Promise.all([b.context.waitForEvent('page'), clickControl(tab)]);
    await reader.setViewportSize(SHOT_SIZE);
    await reader.emulateMedia({ colorScheme: 'light' });
    const state = await settled(reader);
    if (state !== 'ready') throw new Error(`the reader on ${scene.slug} ended ${state}`);
    await imagesDone(reader);
    await shoot(reader, name('2-article-light'));
    // Dark: further in, at page 3, with the table of contents open beside the text (when the
    // reader has one: the contents button is shown for an article with pages or headings).
    await reader.emulateMedia({ colorScheme: 'dark' });
    const toc = reader.locator('#toggle-toc');
    if (await toc.isVisible()) {
      await toc.click();
      await reader.locator('#reader-toc').waitFor({ state: 'visible', timeout: 5_000 }).catch(() => undefined);
    }
    await reader.evaluate(() => {
      const section = document.querySelector('#reader-content section[data-page="3"]');
      const toolbar = document.querySelector('header.toolbar')?.getBoundingClientRect().height ?? 48;
      if (section) window.scrollTo(0, section.getBoundingClientRect().top + window.scrollY - toolbar - 64);
    });
    await reader.waitForTimeout(300);
    await shoot(reader, name('3-article-dark'));
    if (await reader.locator('#reader-toc').isVisible()) await reader.keyboard.press('Escape');
    await reader.evaluate(() => window.scrollTo(0, 0));
    await reader.emulateMedia({ colorScheme: 'light' });

    // 4. A few articles saved from the reader, then the library page.
    for (const slug of LIBRARY) {
      await reader.goto(ext(`/reader.html?url=${encodeURIComponent(pageUrl(slug))}`), { timeout: 120_000 });
      await settled(reader);
      await reader.locator('#save-article').click();
      await reader.waitForFunction(() => ['saved', 'failed'].includes(document.documentElement.dataset.save ?? ''), null, { timeout: 60_000 });
      if ((await reader.evaluate(() => document.documentElement.dataset.save)) !== 'saved') throw new Error(`saving ${slug} failed`);
    }
    const library = await b.context.newPage();
    await library.setViewportSize(SHOT_SIZE);
    await library.goto(ext('/library.html'), { timeout: 120_000 });
    await library.locator('li.library-item').nth(LIBRARY.length - 1).waitFor({ timeout: 15_000 });
    // The file picker is the browser's own widget, worded by its language packs (Debian's chromium
    // has English only without chromium-l10n): left out of the picture so a Chinese shot has no
    // English; the import button's label stays.
    await library.addStyleTag({ content: 'input[type=file] { display: none !important; }' });
    await shoot(library, name('4-library'));

    // 5. An article whose page 3 answers 503: the rest is shown, the failed page named with Retry.
    await reader.goto(ext(`/reader.html?url=${encodeURIComponent(pageUrl(FAILED))}`), { timeout: 120_000 });
    const failedState = await settled(reader);
    if (failedState !== 'partial') throw new Error(`the reader on ${FAILED} ended ${failedState}, not partial`);
    // The Traditional set reads this Simplified article in Taiwan's script (the toolbar's choice).
    const choice = reader.locator('#script-choice');
    if (lang === 'zh-TW' && (await choice.isVisible())) {
      await choice.selectOption('tw');
      await reader.waitForFunction(() => !document.querySelector('#reader-content')?.textContent?.includes('发展'), null, { timeout: 15_000 }).catch(() => undefined);
    }
    // (No named functions inside evaluate: tsx would wrap them in a helper the page lacks.)
    await reader.evaluate(() => {
      // The banner above the article names the missing page, with Retry all and Jump to the gap:
      // the top of the article says it all. Without a banner: the page's own notice, in place.
      const banner = document.getElementById('failures-banner');
      if (banner && !banner.hidden && banner.getBoundingClientRect().height > 0) {
        window.scrollTo(0, 0);
        return;
      }
      const failed = document.querySelector('.page-failed');
      if (!failed) return;
      // The notice a little below the middle, the end of page 2 above it from a paragraph's start.
      const toolbar = document.querySelector('header.toolbar')?.getBoundingClientRect().height ?? 48;
      const want = failed.getBoundingClientRect().top + window.scrollY - window.innerHeight * 0.45;
      let top = want;
      for (const el of document.querySelectorAll('#reader-content p, #reader-content h2, #reader-content h3')) {
        const y = el.getBoundingClientRect().top + window.scrollY;
        if (y >= want) {
          top = y;
          break;
        }
      }
      window.scrollTo(0, Math.max(0, top - toolbar - 20));
    });
    await shoot(reader, name('5-failed-page'));
  } finally {
    await b.close();
  }
}

interface TileText {
  tagline: string;
  merged: string;
  /** The article card: Simplified, or Traditional for the zh-TW tile. */
  title: string;
  meta: string;
  first: string;
  second: string;
  page: (n: number) => string;
}
const SIMPLIFIED_CARD = {
  title: '“中国网事·感动2011”年度网络人物颁奖典礼侧记',
  meta: '新华网 · 2012-01-17',
  first: '“像等待一场天籁的洗礼，我们众里寻你。”伴随着童声清唱《众里寻你》，颁奖典礼在北京拉开序幕。',
  second: '一束暖光打亮舞台上一支巨大的话筒，传递着典礼的主题……',
  page: (n: number) => `第 ${n} 页`,
};
const TILE_TEXT: Record<StoreLang, TileText> = {
  en: { tagline: 'Multi-page news,<br>read as one article', merged: 'All 12 pages, one article', ...SIMPLIFIED_CARD },
  zh: { tagline: '多页新闻，<br>一页读完', merged: '共 12 页，合为一篇', ...SIMPLIFIED_CARD },
  'zh-TW': {
    tagline: '多頁新聞，<br>一頁讀完',
    merged: '共 12 頁，合為一篇',
    title: '「中國網事·感動2011」年度網路人物頒獎典禮側記',
    meta: '新華網 · 2012-01-17',
    first: '「像等待一場天籟的洗禮，我們眾裡尋你。」伴隨著童聲清唱《眾裡尋你》，頒獎典禮在北京拉開序幕。',
    second: '一束暖光打亮舞台上一支巨大的話筒，傳遞著典禮的主題……',
    page: (n) => `第 ${n} 頁`,
  },
};

/** The promo tile: the name, one line, and a hint of pages merging into one Chinese article. */
export function tileHtml(lang: StoreLang, iconDataUrl: string): string {
  const text = TILE_TEXT[lang];
  const latin = 'system-ui, "DejaVu Sans", sans-serif';
  const cjk = lang === 'zh-TW' ? 'TC' : 'SC';
  const chinese = lang !== 'en';
  const uiFont = chinese ? `"Noto Sans CJK ${cjk}", sans-serif` : latin;
  const lines = (widths: number[]) => widths.map((w) => `<i style="width:${w}%"></i>`).join('');
  return `<!doctype html>
<html lang="${LOCALES[lang]}"><head><meta charset="utf-8"><style>
* { box-sizing: border-box; margin: 0; }
html, body { width: ${TILE_SIZE.width}px; height: ${TILE_SIZE.height}px; overflow: hidden; }
body { font-family: ${uiFont}; background: linear-gradient(135deg, #16324f 0%, #1f4e79 60%, #2a6496 100%); color: #fff; position: relative; }
.left { position: absolute; left: 24px; top: 26px; bottom: 24px; width: 200px; display: flex; flex-direction: column; }
.brand { display: flex; align-items: center; gap: 9px; }
.brand img { width: 30px; height: 30px; }
.brand b { font: 700 23px/1 ${latin}; }
.tagline { margin-top: 18px; font-size: ${chinese ? 22 : 18}px; line-height: 1.35; font-weight: ${chinese ? 700 : 600}; color: #e3edf7; }
.pages { margin-top: auto; display: flex; align-items: center; gap: 5px; }
.pages span { width: 26px; height: 34px; border-radius: 4px; background: rgba(255,255,255,.16); border: 1px solid rgba(255,255,255,.35);
  font: 600 12px/32px ${latin}; text-align: center; color: #dbe7f3; }
.pages .arrow { margin-left: 4px; font: 700 20px/1 ${latin}; color: #9cc3e6; }
.merged { margin-top: 9px; font: 600 ${chinese ? 14 : 13}px/1.3 ${uiFont}; color: #9cc3e6; }
.article { position: absolute; right: 20px; top: 20px; bottom: 0; width: 184px; background: #fffdf8; color: #1f2933; border-radius: 8px 8px 0 0;
  box-shadow: 0 8px 24px rgba(0,0,0,.35); padding: 14px 13px 0; overflow: hidden; font-family: "Noto Serif CJK ${cjk}", "Noto Sans CJK ${cjk}", serif; }
.article::after { content: ""; position: absolute; left: 0; right: 0; bottom: 0; height: 40px; background: linear-gradient(rgba(255,253,248,0), #fffdf8); }
.article h2 { font-size: 13.5px; line-height: 1.4; font-weight: 700; }
.article .meta { font: 9.5px/1.4 "Noto Sans CJK ${cjk}", sans-serif; color: #6b7785; margin: 5px 0 7px; }
.article p { font-size: 10px; line-height: 1.65; color: #323f4b; }
.article .marker { margin: 8px 0 6px; font: 600 9px/1 "Noto Sans CJK ${cjk}", sans-serif; color: #1f4e79; display: flex; align-items: center; gap: 6px; }
.article .marker::after { content: ""; flex: 1; border-top: 1px solid #c9d6e3; }
.article .lines i { display: block; height: 5px; border-radius: 3px; background: #dde2e8; margin: 6px 0; }
</style></head><body>
<div class="left">
  <div class="brand"><img src="${iconDataUrl}" alt=""><b>WholeStory</b></div>
  <p class="tagline">${text.tagline}</p>
  <div class="pages"><span>1</span><span>2</span><span>3</span><span>…</span><span>12</span><b class="arrow">→</b></div>
  <p class="merged">${text.merged}</p>
</div>
<div class="article">
  <h2 lang="${chinese ? LOCALES[lang] : 'zh-CN'}">${text.title}</h2>
  <p class="meta">${text.meta}</p>
  <p>${text.first}</p>
  <div class="lines">${lines([100, 90, 55])}</div>
  <div class="marker">${text.page(2)}</div>
  <p>${text.second}</p>
  <div class="lines">${lines([100, 84, 96, 40])}</div>
  <div class="marker">${text.page(3)}</div>
  <div class="lines">${lines([100, 94, 70])}</div>
</div>
</body></html>`;
}

async function renderTiles(langs: readonly StoreLang[], out: string, executablePath: string): Promise<void> {
  const icon = `data:image/png;base64,${readFileSync(path.join(ROOT, 'public/icon/128.png')).toString('base64')}`;
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    for (const lang of langs) {
      const page = await browser.newPage({ viewport: TILE_SIZE, deviceScaleFactor: 1, locale: LOCALES[lang] });
      // No network at all: the tile is this page and an inline icon.
      await page.route('**/*', (route) => route.abort());
      await page.setContent(tileHtml(lang, icon), { waitUntil: 'load' });
      await shoot(page, path.join(out, `promo-tile-${lang}.png`));
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

interface Options {
  out: string;
  shots: boolean;
  tile: boolean;
  langs: StoreLang[];
}

export function parseArgs(argv: readonly string[]): Options {
  const options: Options = { out: path.join(OUT_DIR, 'store'), shots: true, tile: true, langs: [...STORE_LANGS] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--out') options.out = path.resolve(value());
    else if (arg === '--only') {
      const only = value();
      if (only !== 'tile' && only !== 'shots') throw new Error(`--only tile or --only shots, not ${only}`);
      options.shots = only === 'shots';
      options.tile = only === 'tile';
    } else if (arg === '--lang') {
      const lang = value();
      if (!STORE_LANGS.includes(lang as StoreLang)) throw new Error(`--lang ${STORE_LANGS.join('|')}, not ${lang}`);
      options.langs = [lang as StoreLang];
    } else throw new Error(`unknown argument ${arg} (--out DIR, --only tile|shots, --lang ${STORE_LANGS.join('|')})`);
  }
  return options;
}

export async function main(argv: readonly string[]): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    say((error as Error).message);
    return 2;
  }
  const executablePath = chromiumPath();
  if (!executablePath) {
    process.stderr.write(`${missingBrowserMessage(['chromium'], { consequence: 'the store images are rendered in it', fonts: !haveCjkFonts() })}\n`);
    return 1;
  }
  if (!haveCjkFonts()) {
    process.stderr.write(`${missingBrowserMessage([], { fonts: true })}\n(the Chinese text of the images would be boxes)\n`);
    return 1;
  }
  mkdirSync(options.out, { recursive: true });
  if (options.tile) await renderTiles(options.langs, options.out, executablePath);
  if (options.shots) {
    say('building the extension (wxt build)…');
    buildExtension('chrome');
    const slugs = [...new Set([ARTICLE, TRADITIONAL_ARTICLE, FAILED, ...LIBRARY])];
    const images = mkdtempSync(path.join(os.tmpdir(), 'wholestory-store-images-'));
    writeImageCase(images, slugs);
    const site = await startE2eSite({ cases: [...slugs.map((slug) => path.join(PAGES_DIR, slug)), images] });
    try {
      for (const lang of options.langs) await shootInterface(site, lang, options.out);
    } finally {
      await site.close();
      rmSync(images, { recursive: true, force: true });
    }
  }
  const expected = expectedFiles(options, options.langs);
  const problems = checkFiles(options.out, expected);
  for (const line of problems) say(line);
  if (problems.length > 0) return 1;
  writeFileSync(path.join(options.out, 'README.txt'), `WholeStory store images (npm run store-shots), ${new Date().toISOString()}\n${expected.map((f) => `${f.name}  ${f.width}x${f.height}`).join('\n')}\n`);
  say(`${expected.length} images in ${path.relative(ROOT, options.out) || '.'}, each its exact size`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
