/**
 * The extension in real Firefox (Debian's firefox-esr, puppeteer-core over WebDriver BiDi), the
 * MV2 build installed as a temporary add-on, all traffic through the local news site acting as
 * the proxy. Also `web-ext lint` on that build.
 *
 * Run: `npm run test:e2e` (builds `.output/firefox-mv2` first).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension, FIREFOX_DIR, ROOT } from './browser';
import { FIREFOX_ORIGIN, firefoxPath, launchFirefox, type FirefoxWithExtension } from './firefox';
import { writeE2eFixtures, type E2eFixtures } from './fixtures';
import { clickControlFf, waitForControl } from './control';
import { expectCloseAbandons, startE2eSite, type E2eSite } from './site';
import { missingBrowserMessage } from '../support/browsers';

const SHOTS = process.env.WHOLESTORY_SHOTS ?? '/tmp/wholestory-shots';
const LATENCY_MS = 100;
const haveFirefox = firefoxPath() !== null;

// Off CI a machine without the browser skips these suites (and says so); on CI a missing browser
// is a failure, never a silent skip.
if (!haveFirefox) console.warn(missingBrowserMessage(['firefox'], { consequence: 'skipping its real-browser tests' }));
describe('Firefox is installed where CI runs', () => {
  it.runIf(Boolean(process.env.CI))('finds the browser binary', () => expect(haveFirefox).toBe(true));
});

let root: string;
let fx: E2eFixtures;
let site: E2eSite;
let firefox: FirefoxWithExtension;


async function waitForSettled(page: Page): Promise<string> {
  await page.waitForFunction(() => ['ready', 'partial', 'error'].includes(document.documentElement.dataset.state ?? ''), { timeout: 30_000 });
  return page.evaluate(() => document.documentElement.dataset.state ?? '');
}

/** BiDi reports extension tabs as about:blank: find one by asking each tab where it is. */
async function waitForExtensionPage(pathPart: string, known: Set<Page>): Promise<Page> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    for (const page of await firefox.browser.pages()) {
      if (known.has(page)) continue;
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.startsWith(FIREFOX_ORIGIN) && href.includes(pathPart)) return page;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no extension page ${pathPart} opened`);
}

/**
 * An extension page kept open for the tests: WebDriver BiDi may not navigate to moz-extension URLs,
 * so extension pages are opened from it (`tabs.create`) and `browser.*` calls run in it.
 */
let extensionPage: Page;

/** The part of Firefox's promise-based `browser` namespace these tests call. */
type FirefoxApi = {
  browser: {
    tabs: { query(query: { url: string }): Promise<Array<{ id?: number }>>; create(props: { url: string }): Promise<unknown> };
    browserAction: { getBadgeText(details: { tabId: number }): Promise<string> };
  };
};

/** Opens an extension page (path and query) in a new tab and returns it. */
async function openExtensionPage(pathAndQuery: string): Promise<Page> {
  const known = new Set(await firefox.browser.pages());
  await extensionPage.evaluate((url) => (globalThis as unknown as FirefoxApi).browser.tabs.create({ url }), `${FIREFOX_ORIGIN}${pathAndQuery}`);
  return waitForExtensionPage(pathAndQuery.split('?')[0]!, known);
}

/** Runs `fn` inside the extension (where `browser.*` is). */
async function inExtension<T>(fn: (arg: string) => Promise<T>, arg: string): Promise<T> {
  return extensionPage.evaluate(fn, arg);
}

async function tabIdOf(url: string): Promise<number> {
  const id = await inExtension(async (u) => (await (globalThis as unknown as { browser: typeof chrome }).browser.tabs.query({ url: u }))[0]?.id, url);
  if (id === undefined) throw new Error(`no tab shows ${url}`);
  return id;
}

function readerPath(articleUrl: string): string {
  return `/reader.html?url=${encodeURIComponent(articleUrl)}`;
}

async function markerOrder(page: Page, markers: string[]): Promise<number[]> {
  const text = await page.$eval('#reader-content', (el) => (el as HTMLElement).innerText);
  return markers.map((m) => text.indexOf(m));
}

beforeAll(async () => {
  if (!haveFirefox) return;
  buildExtension('firefox');
  root = mkdtempSync(path.join(os.tmpdir(), 'wholestory-e2e-ff-'));
  fx = writeE2eFixtures(root);
  site = await startE2eSite({ cases: fx.dirs, latencyMs: LATENCY_MS });
  firefox = await launchFirefox(site.port);
  mkdirSync(SHOTS, { recursive: true });
  // The first extension page comes from the control on an article, as a person would open it.
  const article = await firefox.browser.newPage();
  await article.goto(fx.english.start);
  await waitForControl(article);
  const known = new Set(await firefox.browser.pages());
  await clickControlFf(article);
  extensionPage = await waitForExtensionPage('/reader.html', known);
  await article.close();
});

afterAll(async () => {
  await firefox?.close();
  await site?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe.skipIf(!haveFirefox)('Firefox: content script', () => {
  it('marks a paginated article, shows the control and sets the badge', async () => {
    const page = await firefox.browser.newPage();
    await page.goto(fx.chinese.start);
    const control = await waitForControl(page);
    expect(await control.evaluate((host) => host.getAttribute('data-label'))).toBe('阅读全文（共5页）');
    expect(await page.evaluate(() => document.documentElement.dataset.wholestoryPages)).toBe('5');
    const tabId = await tabIdOf(fx.chinese.start);
    const badge = await inExtension(
      async (id) => (globalThis as unknown as FirefoxApi).browser.browserAction.getBadgeText({ tabId: Number(id) }),
      String(tabId),
    );
    expect(badge).toBe('5');
    await page.close();
  });

  it('leaves a single-page article untouched', async () => {
    const page = await firefox.browser.newPage();
    await page.goto(fx.single.start);
    await new Promise((r) => setTimeout(r, 800));
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-wholestory-pages'))).toBe(false);
    expect(await page.$('wholestory-control')).toBeNull();
    await page.close();
  });
});

describe.skipIf(!haveFirefox)('Firefox: the control cannot be pressed by the page', () => {
  /** Reader tabs open now (BiDi reports extension tabs as about:blank: each is asked). */
  async function readerTabs(): Promise<Page[]> {
    const out: Page[] = [];
    for (const page of await firefox.browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.startsWith(`${FIREFOX_ORIGIN}/reader.html`)) out.push(page);
    }
    return out;
  }

  // Was a bug (issue 12, item 12): the shadow root was open and clicks were not checked, so a
  // page's own script opened 5 reader tabs with no user action, and could loop.
  it("a page's script gets no handle and its clicks do nothing; a person's double click opens one reader", async () => {
    const page = await firefox.browser.newPage();
    await page.goto(fx.english.start);
    await waitForControl(page);
    const before = (await readerTabs()).length;
    const seen = await page.evaluate(() => {
      const host = document.querySelector('wholestory-control') as HTMLElement;
      const box = host.getBoundingClientRect();
      const atButton = document.elementFromPoint(box.left + 24, box.top + box.height / 2);
      for (let i = 0; i < 5; i++) {
        // What the page did before: reach into an open root and press the button.
        (host.shadowRoot?.querySelector('button.open') as HTMLElement | null)?.click();
        host.click();
        host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
        atButton?.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      }
      return { shadowRoot: host.shadowRoot !== null, reachable: host.querySelectorAll('button').length, atButton: atButton?.localName };
    });
    expect(seen).toEqual({ shadowRoot: false, reachable: 0, atButton: 'wholestory-control' });
    await new Promise((r) => setTimeout(r, 1000));
    expect((await readerTabs()).length).toBe(before);
    const host = await waitForControl(page);
    const box = (await host.boundingBox())!;
    await page.mouse.click(box.x + 24, box.y + box.height / 2, { count: 2 });
    const deadline = Date.now() + 10_000;
    while ((await readerTabs()).length < before + 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 1000));
    const after = await readerTabs();
    expect(after.length).toBe(before + 1);
    for (const reader of after.slice(before)) await reader.close();
    await page.close();
  });
});

describe.skipIf(!haveFirefox)('Firefox: reader', () => {
  it('opens from the control with every page in order and no site chrome', async () => {
    const page = await firefox.browser.newPage();
    await page.goto(fx.chinese.start);
    await waitForControl(page);
    const known = new Set(await firefox.browser.pages());
    const started = Date.now();
    await clickControlFf(page);
    const reader = await waitForExtensionPage('/reader.html', known);
    expect(await waitForSettled(reader)).toBe('ready');
    console.log(`Firefox: click to full 5-page article (${LATENCY_MS} ms latency per page): ${Date.now() - started} ms`);
    expect(await reader.$eval('#reader-content', (el) => el.getAttribute('data-page-count'))).toBe('5');
    expect(await reader.$eval('#reader-content h1', (el) => el.textContent)).toBe(fx.chinese.title);
    const order = await markerOrder(reader, fx.chinese.markers);
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const text = await reader.$eval('#reader-content', (el) => (el as HTMLElement).innerText);
    for (const chrome of ['相关新闻', '另一条新闻', '版权所有', '责编', '【1】']) expect(text).not.toContain(chrome);
    await reader.screenshot({ path: path.join(SHOTS, 'firefox-reader-zh-article.png') });
    await reader.close();
    await page.close();
  });

  it('shows a failed page in place, and Retry brings in that page only', async () => {
    const failing = fx.chinese.urls[1]!;
    site.failing.add(failing);
    const reader = await openExtensionPage(readerPath(fx.chinese.start));
    expect(await waitForSettled(reader)).toBe('partial');
    expect(await reader.$eval('.page-failed[data-failed-page="2"] .page-failed-text', (el) => el.textContent)).toMatch(/^Page 2 of 5 could not be loaded: the site answered with an error \(HTTP 503\)/);
    site.failing.delete(failing);
    const before = site.requests.length;
    await reader.click('.page-failed[data-failed-page="2"] button.retry');
    await reader.waitForFunction(() => document.documentElement.dataset.state === 'ready', { timeout: 20_000 });
    expect(site.requests.slice(before).filter((u) => !/\.(jpg|png|gif|ico)$/.test(u))).toEqual([failing]);
    const order = await markerOrder(reader, fx.chinese.markers);
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    await reader.close();
  });

  it('never hangs in loading: a page that never answers is given up after the per-page timeout', async () => {
    const stalled = fx.chinese.urls[3]!;
    site.stalling.add(stalled);
    try {
      const started = Date.now();
      const reader = await openExtensionPage(readerPath(fx.chinese.start));
      expect(await waitForSettled(reader)).toBe('partial');
      console.log(`Firefox reader settled with a page that never answers: ${Date.now() - started} ms (per-page timeout 15 s)`);
      expect(await reader.$eval('.page-failed[data-failed-page="4"] .page-failed-text', (el) => el.textContent)).toMatch(/^Page 4 of 5 could not be loaded: no answer within \d+ s/);
      await expect.poll(() => site.abandoned.includes(stalled), { timeout: 5_000 }).toBe(true);
      await reader.close();
    } finally {
      site.stalling.clear();
    }
  });

  it('closing the reader aborts the fetches it still has open', async () => {
    const stalled = fx.chinese.urls.filter((u) => u !== fx.chinese.start);
    const ms = await expectCloseAbandons(site, stalled, async () => {
      const reader = await openExtensionPage(readerPath(fx.chinese.start));
      return { state: () => reader.evaluate(() => document.documentElement.dataset.state), close: () => reader.close() };
    });
    console.log(`Firefox reader closed with ${stalled.length} fetches open: all abandoned after ${ms} ms`);
  });

  it('copies plain text (no spaces between CJK characters), Markdown and HTML', async () => {
    const reader = await openExtensionPage(readerPath(fx.chinese.start));
    expect(await waitForSettled(reader)).toBe('ready');
    const readClipboard = () =>
      reader.evaluate(async () => {
        const [item] = await navigator.clipboard.read();
        const get = async (type: string) => (item!.types.includes(type) ? await (await item!.getType(type)).text() : null);
        return { plain: (await get('text/plain')) ?? '', html: await get('text/html') };
      });
    await reader.click('#copy-text');
    await reader.waitForFunction(() => document.documentElement.dataset.lastCopy === 'text');
    const text = await reader.evaluate(() => navigator.clipboard.readText());
    const paragraphs = text.trim().split('\n\n');
    expect(paragraphs[0]).toBe(`${fx.chinese.title}\n人民网－人民日报 · 2022-02-13 07:48\n${fx.chinese.urls[0]}`);
    expect(paragraphs[1]).toBe(fx.chinese.markers[0]);
    expect(paragraphs).toHaveLength(21);
    expect(text).not.toMatch(/[\u4e00-\u9fff] [\u4e00-\u9fff]/);

    await reader.keyboard.press('m');
    await reader.waitForFunction(() => document.documentElement.dataset.lastCopy === 'markdown');
    const markdown = (await readClipboard()).plain;
    expect(markdown.startsWith(`# ${fx.chinese.title}\n\n人民网－人民日报 · 2022-02-13 07:48 · <${fx.chinese.urls[0]}>\n\n${fx.chinese.markers[0]}\n\n`)).toBe(true);

    await reader.click('#copy-html');
    await reader.waitForFunction(() => document.documentElement.dataset.lastCopy === 'html');
    const html = await readClipboard();
    expect(html.html).toContain(`<h1>${fx.chinese.title}</h1>`);
    expect(html.html).toContain('<section data-page="5">');
    expect(html.html).not.toContain('page-marker');
    expect(html.plain.split('\n\n')[1]).toBe(fx.chinese.markers[0]);
    await reader.close();
  });
});

describe.skipIf(!haveFirefox)('Firefox: popup', () => {
  it('says what was detected and opens the reader', async () => {
    const article = await firefox.browser.newPage();
    await article.goto(fx.english.start);
    await waitForControl(article);
    const tabId = await tabIdOf(fx.english.start);
    const popup = await openExtensionPage(`/popup.html?tab=${tabId}`);
    await popup.waitForFunction(() => document.getElementById('detected')?.textContent === 'Xinhua · 3 pages', { timeout: 10_000 });
    const known = new Set(await firefox.browser.pages());
    await popup.click('#open-reader');
    const reader = await waitForExtensionPage('/reader.html', known);
    expect(await waitForSettled(reader)).toBe('ready');
    expect(await reader.$eval('#reader-content', (el) => el.getAttribute('data-page-count'))).toBe('3');
    await reader.close();
    await article.close();
  });
});

describe.skipIf(!haveFirefox)('web-ext lint', () => {
  it('finds no errors in the Firefox build', async () => {
    const webExt = path.join(ROOT, 'node_modules/.bin/web-ext');
    const { stdout } = await promisify(execFile)(webExt, ['lint', '--source-dir', FIREFOX_DIR, '--output', 'json'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }).catch(
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
    );
    const report = JSON.parse(stdout) as { summary: { errors: number }; errors: Array<{ code: string; message: string }> };
    expect(report.errors.map((e) => `${e.code}: ${e.message}`)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  });
});
