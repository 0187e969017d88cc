/**
 * Images in the reader, in real Chromium and real Firefox, one site for both.
 *
 * "Nothing fetched that is not shown" (issue 12, item 8; Chromium): the reader opens an article
 * whose body holds an image in a closed `<details>`, an image whose `srcset` points at another
 * host, a 1×1 beacon, a beacon that answers 204, a hidden image and one with only a `srcset`.
 * Every image request the reader makes is compared with the images it shows. The policy
 * (src/pipeline/sanitize.ts): article images from any host are shown; `<details>` is unwrapped
 * (its image shown); an image is its http(s) `src` (srcset candidates held to the same rule, then
 * dropped); images declared 2 px or smaller and hidden content are not kept at all. The one request
 * that cannot be avoided is an image that answers with nothing (204) without saying its size: the
 * reader cannot know before asking; it asks once and hides it (also when the final article replaces
 * the pages shown while the others came: progressive.ts `skipFailedImages`). Saving (issue 12, item 4;
 * Chromium): images that stream forever stop at the 5 MB cap.
 *
 * Plain `http:` photos (issue 10, bug 1; Firefox): every photo shown, every one asked of the site
 * over http, later pages' too; screenshots at 400 and 1100 px, light and dark, English and Chinese
 * interface, only with WHOLESTORY_SHOTS (`npm run shots`).
 *
 * Run: `npx vitest run --config vitest.e2e.config.ts test/e2e/images.e2e.test.ts`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from './browser';
import { forEachBrowser, settled, type Driver, type Tab } from './driver';
import { peopleFrame } from './fixtures';
import { PHOTO_START, PHOTOS, writePhotoArticle } from './photo-fixtures';
import { itShots, shot, shotsDir } from './reader-pages';
import { startE2eSite, type E2eSite } from './site';
import { writeCase, type CasePage } from '../server/news-site';

const HOST = 'society.people.com.cn';
const START = `http://${HOST}/n1/2023/0311/c1008-32360001.html`;
const PAGE2 = START.replace('.html', '-2.html');
const img = (name: string, host = HOST) => `http://${host}/NMediaFile/2023/0311/${name}`;
const IMAGES = {
  plain: img('plain.png'),
  inDetails: img('in-details.png'),
  withSrcset: img('with-srcset.png'),
  srcsetOtherHost: img('swapped-2x.png', 'img.cdn-elsewhere.example'),
  srcsetOnly: img('srcset-only.png', 'img.people.com.cn'),
  pixel: img('pixel.gif', 'beacon.tracker.example'),
  beacon204: img('beacon-204.gif', 'stats.tracker.example'),
  hidden: img('hidden.png'),
  page2: img('page-2.png'),
};

/** A second article, saved with images that stream forever (issue 12, item 4). */
const SAVE_START = `http://${HOST}/n1/2023/0311/c1008-32360002.html`;
const SAVE_IMAGES = { plain: img('save-plain.png'), endless1: img('endless-1.png'), endless2: img('endless-2.png') };

function writeImagesCase(dir: string): void {
  const pages: Record<string, CasePage> = {};
  const files: Record<string, Uint8Array> = {};
  const png = readFileSync(path.join(ROOT, 'public/icon/48.png'));
  for (const [key, url] of Object.entries(IMAGES)) {
    if (key === 'beacon204') {
      pages[url] = { status: 204, body: '', contentType: 'image/gif' };
    } else {
      pages[url] = { file: `${key}.png`, contentType: 'image/png' };
      files[`${key}.png`] = png;
    }
  }
  const para = (n: number, k: number) => `<p style="text-indent: 2em;">第${n}页第${k}段：夜行列车准时驶出山谷，车厢里坐满了回乡的学生、赶集的农民和出差的工人，列车员一遍遍检查车票。</p>`;
  const frame = peopleFrame({ title: '图片的规矩', date: '2023年03月11日08:15', channel: '社会', urls: [START, PAGE2] });
  const page1 = [
    para(1, 1),
    `<p style="text-align: center;"><img src="${IMAGES.plain}" alt="普通图片"></p>`,
    para(1, 2),
    `<details><summary>展开更多图片</summary><p>折叠起来的段落，里面还有一张图片，读者打开之前看不到它。</p><p><img src="${IMAGES.inDetails}" alt="折叠的图片"></p></details>`,
    `<p style="text-align: center;"><img src="${IMAGES.withSrcset}" srcset="${IMAGES.srcsetOtherHost} 2000w" sizes="100vw" alt="带 srcset 的图片"></p>`,
    para(1, 3),
    `<p><img src="${IMAGES.pixel}" width="1" height="1" alt=""><img src="${IMAGES.beacon204}" alt=""></p>`,
    `<p hidden><img src="${IMAGES.hidden}" alt="隐藏的图片">隐藏的文字</p>`,
    `<p style="text-align: center;"><img srcset="${IMAGES.srcsetOnly} 1x" alt="只有 srcset 的图片"></p>`,
    para(1, 4),
  ].join('\n');
  const page2 = [para(2, 1), `<p style="text-align: center;"><img src="${IMAGES.page2}" alt="第二页的图片"></p>`, para(2, 2), para(2, 3)].join('\n');
  pages[START] = { file: 'page-1.html', contentType: 'text/html' };
  pages[PAGE2] = { file: 'page-2.html', contentType: 'text/html' };
  writeCase(dir, { start: START, pages }, { ...files, 'page-1.html': frame(1, page1), 'page-2.html': frame(2, page2) });
}

function writeSaveCase(dir: string): void {
  const para = (k: number) => `<p style="text-indent: 2em;">第${k}段：夜行列车准时驶出山谷，车厢里坐满了回乡的学生、赶集的农民和出差的工人，列车员一遍遍检查车票，提醒乘客保管好行李。</p>`;
  // One page: no pager.
  const html = peopleFrame({ title: '无尽的图片', date: '2023年03月11日08:15', channel: '社会', urls: [] })(
    1,
    `${para(1)}<p style="text-align: center;"><img src="${SAVE_IMAGES.plain}" alt="普通图片"></p>${para(2)}
<p style="text-align: center;"><img src="${SAVE_IMAGES.endless1}" alt="无尽的图片一"></p>${para(3)}
<p style="text-align: center;"><img src="${SAVE_IMAGES.endless2}" alt="无尽的图片二"></p>${para(4)}`,
  );
  const pages = { [SAVE_START]: { file: 'page-1.html', contentType: 'text/html' }, [SAVE_IMAGES.plain]: { file: 'plain.png', contentType: 'image/png' } };
  writeCase(dir, { start: SAVE_START, pages }, { 'page-1.html': html, 'plain.png': readFileSync(path.join(ROOT, 'public/icon/48.png')) });
}

let root: string | undefined;
let site: E2eSite;

/** One site for both browsers (the first browser's suite starts it). */
async function startSite(): Promise<void> {
  if (root) return;
  root = mkdtempSync(path.join(os.tmpdir(), 'wholestory-images-e2e-'));
  writeImagesCase(path.join(root, 'images'));
  writeSaveCase(path.join(root, 'save'));
  writePhotoArticle(path.join(root, 'photos'));
  site = await startE2eSite({ cases: ['images', 'save', 'photos'].map((c) => path.join(root!, c)) });
  site.endless.add(SAVE_IMAGES.endless1);
  site.endless.add(SAVE_IMAGES.endless2);
}

afterAll(async () => {
  await site?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

const readerPath = (url: string, more = '') => `/reader.html?url=${encodeURIComponent(url)}${more}`;

/** Picks `theme` in the settings popover and closes it. */
async function useTheme(reader: Tab, theme: string): Promise<void> {
  await reader.click('#toggle-settings');
  await reader.click(`#settings input[name="theme"][value="${theme}"]`);
  await reader.press('Escape');
  await reader.waitForFunction((t) => document.documentElement.dataset.theme === t, theme, 5_000);
}

/** This host's largest TCP receive + send buffers (Linux: /proc; elsewhere 16 MB assumed). */
function socketBufferBytes(): number {
  const max = (name: string) => {
    try {
      return Number(readFileSync(`/proc/sys/net/ipv4/${name}`, 'utf8').trim().split(/\s+/)[2]) || 8 * 1048576;
    } catch {
      return 8 * 1048576;
    }
  };
  return max('tcp_rmem') + max('tcp_wmem');
}

forEachBrowser((b) =>
  b.describe(b.name === 'chromium' ? 'the reader fetches no image it does not show' : 'http photos in the reader', () => {
    let driver: Driver;
    beforeAll(async () => {
      await startSite();
      // Firefox: the first extension page is the reader the photo article's control opens.
      driver = await b.launch({ sitePort: site.port, bootUrl: PHOTO_START });
    });
    afterAll(async () => {
      await driver?.close();
    });

    if (b.name === 'chromium') {
      it('requests vs images shown: details unwrapped, srcset never swaps the host, beacons and hidden images never asked for', async () => {
        const before = site.requests.length;
        // Page 2 is held until page 1 is on screen (progressive.ts) and its 204 beacon has been
        // asked for and failed: the final article, put in when page 2 comes, then holds the same
        // images again, and must not ask for that one a second time (it did: a 204 is not cached,
        // a new element asks again; the CI run that saw it twice had page 2 come late).
        site.hold([PAGE2]);
        let reader: Tab;
        try {
          reader = await driver.openExtension(readerPath(START));
          await reader.waitForFunction(
            (beacon) => {
              const img = [...document.querySelectorAll<HTMLImageElement>('#reader-content section[data-page="1"] img')].find((i) => i.src === beacon);
              return img !== undefined && img.complete && img.hidden && document.documentElement.dataset.state === 'loading';
            },
            IMAGES.beacon204,
            15_000,
          );
        } finally {
          site.release();
        }
        expect(await settled(reader)).toBe('ready');
        // Let every image of the article settle (loaded, or failed and hidden by the reader): an image
        // is complete only once its answer came, so every request it made is in the site's log.
        await reader.waitForFunction(() => [...document.querySelectorAll('#reader-content img')].every((i) => (i as HTMLImageElement).complete), undefined, 10_000);
        const imageUrls = new Set(Object.values(IMAGES));
        const requested = [...new Set(site.requests.slice(before).filter((u) => imageUrls.has(u)))].sort();
        const shown = (
          await reader.evaluate(() =>
            [...document.querySelectorAll<HTMLImageElement>('#reader-content img')]
              .filter((i) => !i.hidden && i.naturalWidth > 0 && i.getBoundingClientRect().width > 0)
              .map((i) => i.currentSrc || i.src),
          )
        ).sort();
        const text = await reader.evaluate(() => (document.getElementById('reader-content') as HTMLElement).innerText);
        console.log(`images requested by the reader: ${requested.length}, shown: ${shown.length}`);
        // Shown: the plain image, the one that was in <details> (its text too), the srcset image by its
        // own src, page 2's image. (The srcset-only image is shown by its candidate when it reaches the
        // sanitizer: sanitize.test.ts; the pipeline's extraction drops an image without src first, so
        // here it is neither shown nor asked for.)
        expect(shown).toEqual(expect.arrayContaining([IMAGES.inDetails, IMAGES.page2, IMAGES.plain, IMAGES.withSrcset]));
        expect(text).toContain('折叠起来的段落');
        expect(text).not.toContain('隐藏的文字');
        // Requested: exactly what is shown, and the 204 beacon (asked once, then hidden).
        expect(requested).toEqual([...shown, IMAGES.beacon204].sort());
        expect(site.requests.slice(before).filter((u) => u === IMAGES.beacon204)).toHaveLength(1);
        for (const never of [IMAGES.srcsetOtherHost, IMAGES.pixel, IMAGES.hidden]) expect(requested).not.toContain(never);
        await reader.close();
      });

      // Was a bug (issue 12, item 4): each image was read whole (arrayBuffer()) before its size was
      // compared with the 5 MB cap, so an image streaming forever was read until the 20 s time limit.
      it('saving: images that stream forever without a length stop at the 5 MB cap, the save finishes', async () => {
        const started = Date.now();
        const reader = await driver.openExtension(readerPath(SAVE_START, '&save=1'));
        await reader.waitForFunction(() => ['saved', 'failed'].includes(document.documentElement.dataset.save ?? ''), undefined, 40_000);
        const ms = Date.now() - started;
        expect(await reader.evaluate(() => document.documentElement.dataset.save)).toBe('saved');
        const id = (await reader.evaluate(() => document.documentElement.dataset.savedId)) as string;
        const saved = await reader.evaluate(
          (articleId) =>
            new Promise<{ images: string[]; failures: Array<{ url: string; reason: string }> }>((resolve, reject) => {
              const open = indexedDB.open('wholestory-library');
              open.onerror = () => reject(open.error);
              open.onsuccess = () => {
                const get = open.result.transaction('articles').objectStore('articles').get(articleId);
                get.onsuccess = () => {
                  const a = get.result as { images: Array<{ url: string }>; imageFailures: Array<{ url: string; reason: string }> };
                  resolve({ images: a.images.map((i) => i.url), failures: a.imageFailures });
                  open.result.close();
                };
              };
            }),
          id,
        );
        // The save's own requests (its Accept header; the reader's display fetches the images too).
        const saving = site.endlessResponses.filter((r) => r.accept.includes('q=0.5'));
        console.log(`save with 2 endless images: ${ms} ms; per save request ${saving.map((r) => `${(r.bytes / 1048576).toFixed(1)} MB${r.closed ? ' (closed)' : ''}`).join(', ')}`);
        expect(saved.images).toEqual([SAVE_IMAGES.plain]);
        expect(saved.failures).toEqual([
          { url: SAVE_IMAGES.endless1, reason: 'larger than 5 MB' },
          { url: SAVE_IMAGES.endless2, reason: 'larger than 5 MB' },
        ]);
        expect(ms).toBeLessThan(15_000);
        expect(saving.map((r) => r.url).sort()).toEqual([SAVE_IMAGES.endless1, SAVE_IMAGES.endless2]);
        for (const r of saving) {
          expect(r.closed).toBe(true);
          // Closed short of endless: the 5 MB cap plus what can sit in buffers when the cancel comes
          // late on a loaded machine (this host's largest TCP receive and send buffers, and 4 MB of
          // the browser's own read-ahead). A fixed 16 MB was too tight: 16.25 MB in a CI
          // simulation at load 11, on a host whose receive buffer may grow to 32 MB.
          expect(r.bytes).toBeLessThan(5 * 1048576 + socketBufferBytes() + 4 * 1048576);
        }
        await reader.close();
      });
    }

    if (b.name === 'firefox') {
      // Was a bug (issue 10, bug 1): the extension page is a secure context, so Firefox upgraded every
      // http: photo to https: (mixed display content), which the site does not serve: all were hidden
      // and the site saw no request for them.
      it('shows every http: photo of every page, each asked of the site over plain http', async () => {
        const before = site.requests.length;
        const reader = await driver.openExtension(readerPath(PHOTO_START));
        await settled(reader);
        expect(await reader.evaluate(() => document.documentElement.dataset.state)).toBe('ready');
        await reader.waitForFunction(
          (n) => {
            const imgs = [...document.querySelectorAll<HTMLImageElement>('#reader-content img')];
            return imgs.length === n && imgs.every((i) => i.hidden || (i.complete && i.naturalWidth > 0));
          },
          PHOTOS.length,
          15_000,
        );
        const shown = await reader.evaluate(() =>
          [...document.querySelectorAll<HTMLImageElement>('#reader-content img')].filter((i) => !i.hidden && i.naturalWidth > 0 && i.getBoundingClientRect().width > 0).length,
        );
        expect(shown).toBe(PHOTOS.length);
        const asked = new Set(site.requests.slice(before));
        for (const url of PHOTOS) expect(asked.has(url)).toBe(true);
        await reader.close();
      });

      // Only with WHOLESTORY_SHOTS (`npm run shots`).
      itShots('screenshots (400 and 1100 px, light and dark, English and Chinese interface): writes them, photos shown in each', async () => {
        for (const locale of ['en-US', 'zh-CN']) {
          const d = locale === 'en-US' ? driver : await b.launch({ sitePort: site.port, bootUrl: PHOTO_START, locale });
          try {
            for (const theme of ['light', 'dark']) {
              for (const width of [400, 1100]) {
                const reader = await d.openExtension(readerPath(PHOTO_START), { width, height: 900 });
                await reader.waitForFunction(() => document.documentElement.dataset.state === 'ready', undefined, 30_000);
                await reader.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('#reader-content img')].every((i) => !i.hidden && i.complete && i.naturalWidth > 0), undefined, 15_000);
                await useTheme(reader, theme);
                const name = `look-firefox-${locale}-${theme}-${width}`;
                await shot(name, (file) => reader.screenshot(file));
                await reader.evaluate(() => document.querySelector('#reader-content .reader-caption')?.scrollIntoView({ block: 'center' }));
                await reader.click('#toggle-settings');
                await shot(`${name}-settings`, (file) => reader.screenshot(file));
                await reader.press('Escape');
                expect(await reader.evaluate(() => (document.getElementById('settings') as HTMLElement).hidden)).toBe(true);
                if (width === 400) {
                  await reader.click('#toggle-more');
                  await shot(`${name}-more`, (file) => reader.screenshot(file));
                  await reader.press('Escape');
                }
                await useTheme(reader, 'system');
                await reader.close();
              }
            }
          } finally {
            if (d !== driver) await d.close();
          }
        }
        console.log(`screenshots: ${shotsDir()}/look-firefox-*.png`);
      });
    }
  }),
);
