/**
 * One small driver over both real browsers, so a browser suite is written once and run per browser:
 * Chromium through playwright-core (browser.ts), Firefox through puppeteer-core over WebDriver BiDi
 * (firefox.ts). A suite asks for a `Driver` (open a site page, open an extension page, run code
 * inside the extension, find the tab the extension opened) and drives `Tab`s (evaluate, wait for a
 * function, click, type, press, screenshot, viewport, close).
 *
 *   forEachBrowser((b) => {
 *     let driver: Driver;
 *     beforeAll(async () => { if (b.available) driver = await b.launch({ sitePort: site.port, bootUrl }); });
 *     afterAll(() => driver?.close());
 *     b.describe('the reader', () => { it('…', async () => { const tab = await driver.openExtension('/reader.html?url=…'); … }); });
 *   });
 *
 * What differs between the two is kept here, not in the suites:
 * - Firefox: BiDi may not navigate a tab to a `moz-extension:` URL, so the driver keeps one
 *   extension page (any open one, else the reader opened from the in-page control on `bootUrl`,
 *   with a real click, as a person would) and opens extension pages from it with `tabs.create`; BiDi reports extension
 *   tabs as about:blank, so tabs are told apart by asking each for its `location`.
 * - Chromium: extension pages are opened directly; code "inside the extension" runs in the
 *   background service worker.
 * A browser-specific test reaches the underlying page with `tab.playwright` / `tab.puppeteer`.
 */
import type { BrowserContext, Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { missingBrowserMessage } from '../support/browsers';
import { buildExtension, chromiumPath, launchWithExtension, type ExtensionBrowser } from './browser';
import { CONTROL_HOST } from './control';
import { FIREFOX_ORIGIN, firefoxPath, launchFirefox, type FirefoxWithExtension } from './firefox';

export type BrowserName = 'chromium' | 'firefox';

export interface LaunchOptions {
  /** The local news site's port (Chromium resolves every host to it; Firefox uses it as its proxy). */
  sitePort: number;
  /** Firefox: a paginated article on the site whose control opens the first extension page. */
  bootUrl?: string;
  locale?: string;
  /** Chromium: emulated; Firefox: 'dark' is a dark system (BiDi cannot emulate prefers-color-scheme), else light. */
  colorScheme?: 'light' | 'dark';
  /** A profile folder kept between launches. */
  userDataDir?: string;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One tab of either browser. */
export interface Tab {
  readonly browser: BrowserName;
  /** Where the tab is (asked of the page: BiDi reports extension pages as about:blank). */
  url(): Promise<string>;
  /** Navigates to a site page (not an extension page: see Driver.openExtension). */
  goto(url: string): Promise<void>;
  /** Runs `fn(arg)` in the page, or evaluates an expression given as a string (the probes of hostile.ts). */
  evaluate<R, A = undefined>(fn: ((arg: A) => R | Promise<R>) | string, arg?: A): Promise<R>;
  /** Waits until `fn(arg)` is truthy in the page. */
  waitForFunction<A = undefined>(fn: (arg: A) => unknown, arg?: A, timeoutMs?: number): Promise<void>;
  /** Waits for a visible element. */
  waitForSelector(selector: string, timeoutMs?: number): Promise<void>;
  click(selector: string): Promise<void>;
  /** A real mouse click at page coordinates (`count` 2: a double click). */
  clickAt(x: number, y: number, count?: number): Promise<void>;
  /** The mouse moved to page coordinates (no button pressed). */
  hoverAt(x: number, y: number): Promise<void>;
  boundingBox(selector: string): Promise<Box | null>;
  /** Types into the element (focused first). */
  type(selector: string, text: string): Promise<void>;
  press(key: string): Promise<void>;
  /** The mouse moved to page coordinates, then the wheel turned by `deltaY` px. */
  wheel(x: number, y: number, deltaY: number): Promise<void>;
  /** `innerText` of the first match. */
  text(selector: string): Promise<string>;
  attribute(selector: string, name: string): Promise<string | null>;
  count(selector: string): Promise<number>;
  screenshot(file: string, fullPage?: boolean): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  close(): Promise<void>;
  /** The underlying page, for what only one browser can do. */
  readonly playwright?: PlaywrightPage;
  readonly puppeteer?: PuppeteerPage;
}

export interface Driver {
  readonly name: BrowserName;
  /** "Chromium" / "Firefox". */
  readonly label: string;
  /** `chrome-extension://<id>` / `moz-extension://<uuid>`. */
  readonly origin: string;
  /** A new tab on a site page, once it has loaded (`domcontentloaded`: once its HTML is parsed, for pages with resources that never finish). */
  openSite(url: string, waitUntil?: 'load' | 'domcontentloaded'): Promise<Tab>;
  /** A new tab on an extension page (`/reader.html?url=…`), at `size` when given (Chromium: before it loads). */
  openExtension(pathAndQuery: string, size?: { width: number; height: number }): Promise<Tab>;
  /** Runs `action` and returns the extension tab (path starting `pathPart`) it opened. */
  newExtensionTab(pathPart: string, action: () => Promise<unknown>, timeoutMs?: number): Promise<Tab>;
  /** Every open tab. */
  tabs(): Promise<Tab[]>;
  /** Runs `fn(arg)` inside the extension, where `browser.*` (or `chrome.*`) is. */
  inExtension<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** The extension's own tab id of the tab showing `url`. */
  tabIdOf(url: string): Promise<number>;
  /** The toolbar badge of a tab. */
  badgeOf(tabId: number): Promise<string>;
  /** Playwright's context / puppeteer's browser, for what only one browser can do. */
  readonly chromium?: ExtensionBrowser;
  readonly firefox?: FirefoxWithExtension;
  close(): Promise<void>;
}

/** The promise-based `browser` of Firefox or Chromium's `chrome`, inside extension code. */
type Api = {
  tabs: {
    query(q: { url?: string }): Promise<Array<{ id?: number; url?: string; status?: string; active?: boolean; discarded?: boolean }>>;
    create(p: { url: string }): Promise<{ id?: number }>;
    remove(id: number): Promise<void>;
  };
  action?: { getBadgeText(d: { tabId: number }): Promise<string> };
  browserAction?: { getBadgeText(d: { tabId: number }): Promise<string> };
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * How long openSite waits for a site page (both drivers' default is 30 s). The saved Xinhua pages'
 * 14 ad slots (`<iframe src="#">`) each loaded the page again with all its scripts (a page may
 * frame itself once), 15 documents per open: 7-9 s in Firefox on CI, over 30 s at load 20-25.
 * The site now answers a page framed in itself with 204 (news-site.ts), about 2 s; the longer
 * limit stays for a loaded machine.
 */
const NAVIGATION_MS = 90_000;

/** Polls `probe` (every `everyMs`) until it gives something truthy. */
export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const got = await probe().catch(() => null);
    if (got) return got;
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for ${what}`);
}

// Chromium (playwright-core) ----------------------------------------------------------------------

function playwrightTab(page: PlaywrightPage): Tab {
  return {
    browser: 'chromium',
    playwright: page,
    url: async () => page.url(),
    goto: async (url) => void (await page.goto(url)),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    waitForFunction: async (fn, arg, timeoutMs = 30_000) => void (await page.waitForFunction(fn as never, arg, { timeout: timeoutMs })),
    waitForSelector: async (selector, timeoutMs = 15_000) => void (await page.locator(selector).first().waitFor({ timeout: timeoutMs })),
    click: (selector) => page.click(selector),
    clickAt: (x, y, count = 1) => page.mouse.click(x, y, { clickCount: count }),
    hoverAt: (x, y) => page.mouse.move(x, y),
    boundingBox: (selector) => page.locator(selector).first().boundingBox(),
    type: async (selector, text) => {
      await page.focus(selector);
      await page.keyboard.type(text);
    },
    press: (key) => page.keyboard.press(key),
    wheel: async (x, y, deltaY) => {
      await page.mouse.move(x, y);
      await page.mouse.wheel(0, deltaY);
    },
    text: (selector) => page.locator(selector).first().innerText(),
    attribute: (selector, name) => page.locator(selector).first().getAttribute(name),
    count: (selector) => page.locator(selector).count(),
    screenshot: async (file, fullPage = false) => void (await page.screenshot({ path: file, fullPage })),
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    close: () => page.close(),
  };
}

async function launchChromium(options: LaunchOptions): Promise<Driver> {
  buildExtension('chrome');
  const chromium = await launchWithExtension(options.sitePort, { locale: options.locale, colorScheme: options.colorScheme, userDataDir: options.userDataDir });
  const context: BrowserContext = chromium.context;
  const origin = `chrome-extension://${chromium.extensionId}`;
  const tabs = new Map<PlaywrightPage, Tab>();
  const tabOf = (page: PlaywrightPage): Tab => tabs.get(page) ?? (tabs.set(page, playwrightTab(page)), tabs.get(page)!);
  const inExtension = <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> => chromium.worker.evaluate(fn as never, arg) as Promise<R>;
  const driver: Driver = {
    name: 'chromium',
    label: 'Chromium',
    origin,
    chromium,
    async openSite(url, waitUntil = 'load') {
      const page = await context.newPage();
      await page.goto(url, { waitUntil, timeout: NAVIGATION_MS });
      return tabOf(page);
    },
    async openExtension(pathAndQuery, size) {
      const page = await context.newPage();
      if (size) await page.setViewportSize(size);
      await page.goto(`${origin}${pathAndQuery}`);
      return tabOf(page);
    },
    async newExtensionTab(pathPart, action, timeoutMs = 15_000) {
      const known = new Set(context.pages());
      await action();
      const page = await until(`an extension tab ${pathPart}`, async () => context.pages().find((p) => !known.has(p) && p.url().startsWith(`${origin}${pathPart}`)), timeoutMs);
      await page.waitForLoadState('domcontentloaded');
      return tabOf(page);
    },
    tabs: async () => context.pages().map(tabOf),
    inExtension,
    async tabIdOf(url) {
      const id = await inExtension(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, url);
      if (id === undefined) throw new Error(`no tab shows ${url}`);
      return id;
    },
    badgeOf: (tabId) => inExtension((id) => chrome.action.getBadgeText({ tabId: id }), tabId),
    close: () => chromium.close(),
  };
  return driver;
}

// Firefox (puppeteer-core over WebDriver BiDi) -------------------------------------------------------

function puppeteerTab(page: PuppeteerPage): Tab {
  return {
    browser: 'firefox',
    puppeteer: page,
    url: () => page.evaluate(() => location.href),
    goto: async (url) => void (await page.goto(url)),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    waitForFunction: async (fn, arg, timeoutMs = 30_000) => void (await page.waitForFunction(fn as never, { timeout: timeoutMs }, arg)),
    waitForSelector: async (selector, timeoutMs = 15_000) => void (await page.waitForSelector(selector, { timeout: timeoutMs, visible: true })),
    click: (selector) => page.click(selector),
    clickAt: (x, y, count = 1) => page.mouse.click(x, y, { count }),
    hoverAt: (x, y) => page.mouse.move(x, y),
    boundingBox: async (selector) => (await (await page.$(selector))?.boundingBox()) ?? null,
    type: (selector, text) => page.type(selector, text),
    press: (key) => page.keyboard.press(key as never),
    wheel: async (x, y, deltaY) => {
      await page.mouse.move(x, y);
      await page.mouse.wheel({ deltaY });
    },
    text: (selector) => page.$eval(selector, (el) => (el as HTMLElement).innerText),
    attribute: (selector, name) => page.$eval(selector, (el, n) => el.getAttribute(n), name),
    count: async (selector) => (await page.$$(selector)).length,
    screenshot: async (file, fullPage = false) => void (await page.screenshot({ path: file as `${string}.png`, fullPage })),
    setViewport: (width, height) => page.setViewport({ width, height }),
    close: () => page.close(),
  };
}

async function launchFirefoxDriver(options: LaunchOptions): Promise<Driver> {
  buildExtension('firefox');
  const prefs = options.colorScheme === 'dark' ? { 'ui.systemUsesDarkTheme': 1, 'layout.css.prefers-color-scheme.content-override': 0 } : undefined;
  // launchFirefox sees to a non-English interface on a new profile (firefox.ts).
  const firefox = await launchFirefox(options.sitePort, { locale: options.locale, userDataDir: options.userDataDir, prefs });
  const origin = FIREFOX_ORIGIN;
  const tabs = new Map<PuppeteerPage, Tab>();
  const tabOf = (page: PuppeteerPage): Tab => tabs.get(page) ?? (tabs.set(page, puppeteerTab(page)), tabs.get(page)!);
  const hrefOf = (page: PuppeteerPage) => page.evaluate(() => location.href).catch(() => '');
  /** The extension page kept open to run `browser.*` in and open other extension pages from. */
  let home: PuppeteerPage | undefined;

  /** The extension's own view of its tabs (for a failure message): id, status, URL. */
  const extensionTabs = async (): Promise<string[]> => {
    if (!home || home.isClosed()) return ['(no extension page open to ask)'];
    const ask = home.evaluate(async () =>
      (await (globalThis as unknown as { browser: Api }).browser.tabs.query({})).map((t) => `${t.id} ${t.status}${t.active ? ' active' : ''}${t.discarded ? ' discarded' : ''} ${t.url}`),
    );
    return Promise.race([ask, sleep(3000).then(() => ['(no answer in 3 s)'])]).catch((error: unknown) => [`(tabs.query failed: ${String(error)})`]);
  };

  /** The extension's tabs as id and address, asked from the kept extension page; null while there is none. */
  const extensionTabList = async (): Promise<Array<{ id?: number; url?: string }> | null> => {
    if (!home || home.isClosed()) return null;
    const ask = home.evaluate(async () => (await (globalThis as unknown as { browser: Api }).browser.tabs.query({})).map((t) => ({ id: t.id, url: t.url })));
    return Promise.race([ask, sleep(3000).then(() => null)]).catch(() => null);
  };

  /**
   * Runs `action`, then waits for a tab that was not there before and whose page is at
   * `${origin}${pathPart}`. On a timeout the error says what both sides saw: puppeteer's pages
   * (new ones with the last location they gave) and the extension's tabs.
   *
   * Seen in one CI simulation of three (two browser files at a time): the extension opened the
   * tab and its page loaded (tabs.query: complete, at the address), but puppeteer never reported
   * the new browsing context. Such a tab, opened by the action yet never shown to puppeteer, is
   * closed and the action run once more, with a warning; any other timeout fails at once.
   */
  const newExtensionTab = async (pathPart: string, action: () => Promise<unknown>, timeoutMs = 15_000, again = true): Promise<Tab> => {
    const known = new Set(await firefox.browser.pages());
    const tabsBefore = again ? await extensionTabList() : null;
    const started = Date.now();
    await action();
    const acted = Date.now() - started;
    const seen = new Map<PuppeteerPage, string>();
    try {
      const page = await until(
        `an extension tab ${pathPart}`,
        async () => {
          for (const p of await firefox.browser.pages()) {
            if (known.has(p)) continue;
            const href = await hrefOf(p);
            seen.set(p, href);
            if (href.startsWith(`${origin}${pathPart}`)) return p;
          }
          return null;
        },
        timeoutMs,
      );
      return tabOf(page);
    } catch (error) {
      const oldIds = new Set(tabsBefore?.map((t) => t.id));
      const unseen = tabsBefore ? ((await extensionTabList()) ?? []).filter((t) => t.id !== undefined && !oldIds.has(t.id) && t.url?.startsWith(`${origin}${pathPart}`)) : [];
      if (unseen.length) {
        console.warn(`Firefox: the extension opened ${unseen.map((t) => t.url).join(', ')} but puppeteer never reported it in ${timeoutMs} ms; closed and the action run once more`);
        for (const t of unseen) await inExtension((id) => (globalThis as unknown as { browser: Api }).browser.tabs.remove(id), t.id!);
        return newExtensionTab(pathPart, action, timeoutMs, false);
      }
      const pages = (await firefox.browser.pages()).map((p) => `${known.has(p) ? 'old' : 'new'} ${p.url()}${seen.has(p) ? ` (location ${seen.get(p) || 'not readable'})` : ''}`);
      throw new Error(
        `${(error as Error).message}: the action took ${acted} ms, then ${Date.now() - started - acted} ms without it\n` +
          `puppeteer's pages:\n  ${pages.join('\n  ')}\nthe extension's tabs:\n  ${(await extensionTabs()).join('\n  ')}`,
      );
    }
  };

  /** An open extension page: the kept one, else any open one, else one opened from the control on `bootUrl`. */
  const ensureHome = async (): Promise<PuppeteerPage> => {
    if (home && !home.isClosed()) return home;
    for (const page of await firefox.browser.pages()) {
      if ((await hrefOf(page)).startsWith(`${origin}/`)) return (home = page);
    }
    if (!options.bootUrl) throw new Error('Firefox: no extension page is open; launch with bootUrl (a paginated article) to open one from its control');
    const article = await firefox.browser.newPage();
    await article.goto(options.bootUrl);
    const tab = await newExtensionTab('/reader.html', () => clickControl(tabOf(article)));
    await article.close();
    home = tab.puppeteer!;
    return home;
  };

  const inExtension = async <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> => (await ensureHome()).evaluate(fn as never, arg) as Promise<R>;

  return {
    name: 'firefox',
    label: 'Firefox',
    origin,
    firefox,
    async openSite(url, waitUntil = 'load') {
      const page = await firefox.browser.newPage();
      await page.goto(url, { waitUntil, timeout: NAVIGATION_MS });
      return tabOf(page);
    },
    async openExtension(pathAndQuery, size) {
      await ensureHome();
      let created: number | undefined;
      const create = async () => {
        created = await inExtension(async (url) => (await (globalThis as unknown as { browser: Api }).browser.tabs.create({ url })).id, `${origin}${pathAndQuery}`);
      };
      const pathPart = pathAndQuery.split('?')[0]!;
      // The tab is there and at its address, and its document is the extension page's own: every
      // extension page has its module script. Seen once in seven runs at load 20-35 (and once in
      // CI): a reader tab at reader.html?id=… whose document stayed empty (no data-state, no
      // toolbar, nothing ran) for 30 s.
      const opened = async (timeoutMs?: number): Promise<Tab> => {
        // Its own retry (below) covers a tab that never shows: none inside newExtensionTab too.
        const t = await newExtensionTab(pathPart, create, timeoutMs, false);
        try {
          await t.waitForFunction(() => document.querySelector('script[type="module"]') !== null, undefined, 15_000);
        } catch {
          const seen = await t.evaluate(() => `${document.readyState}, ${document.documentElement.outerHTML.length} characters`).catch((e: Error) => e.message);
          await t.close().catch(() => undefined);
          throw new Error(`the tab at ${pathAndQuery} kept an empty document (${seen})`);
        }
        return t;
      };
      let tab: Tab;
      try {
        tab = await opened();
      } catch (error) {
        // Seen twice in five CI runs (two workers, a loaded machine): the tab was asked for and
        // never showed up. A fresh extension page is all the caller asked for: close the tab the
        // extension made, if it is there, and open the page once more, saying so.
        console.warn(`Firefox: opening ${pathAndQuery} once more. ${(error as Error).message}`);
        if (created !== undefined) await inExtension((id) => (globalThis as unknown as { browser: Api }).browser.tabs.remove(id), created).catch(() => undefined);
        tab = await opened(30_000);
      }
      if (size) await tab.setViewport(size.width, size.height);
      return tab;
    },
    newExtensionTab: (pathPart, action, timeoutMs) => newExtensionTab(pathPart, action, timeoutMs),
    tabs: async () => (await firefox.browser.pages()).map(tabOf),
    inExtension,
    async tabIdOf(url) {
      const id = await inExtension(async (u) => (await (globalThis as unknown as { browser: Api }).browser.tabs.query({ url: u }))[0]?.id, url);
      if (id === undefined) throw new Error(`no tab shows ${url}`);
      return id;
    },
    badgeOf: (tabId) => inExtension((id) => (globalThis as unknown as { browser: Api }).browser.browserAction!.getBadgeText({ tabId: id }), tabId),
    close: async () => {
      await firefox.close();
    },
  };
}

// Both ------------------------------------------------------------------------------------------

/** Whether the browser is installed. */
export function available(name: BrowserName): boolean {
  return (name === 'chromium' ? chromiumPath() : firefoxPath()) !== null;
}

/** Builds the browser's extension (once per run) and starts the browser with it. */
export function launch(name: BrowserName, options: LaunchOptions): Promise<Driver> {
  return name === 'chromium' ? launchChromium(options) : launchFirefoxDriver(options);
}

/** Waits for the in-page control (its shadow root is closed) and returns its label. */
export async function controlLabel(tab: Tab, timeoutMs = 30_000): Promise<string> {
  await tab.waitForSelector(CONTROL_HOST, timeoutMs);
  return (await tab.attribute(CONTROL_HOST, 'data-label')) ?? '';
}

/** A real click on the control's "open" (default) or "×" button: the host is the bar, "×" its last ~36 px. */
export async function clickControl(tab: Tab, part: 'open' | 'close' = 'open', count = 1): Promise<void> {
  await tab.waitForSelector(CONTROL_HOST);
  const box = await tab.boundingBox(CONTROL_HOST);
  if (!box) throw new Error('the control has no box');
  await tab.clickAt(box.x + (part === 'open' ? 24 : box.width - 14), box.y + box.height / 2, count);
}

/** The mouse moved onto the in-page control's open button, as a person's does before the click. */
export async function hoverControl(tab: Tab): Promise<void> {
  await tab.waitForSelector(CONTROL_HOST);
  const box = await tab.boundingBox(CONTROL_HOST);
  if (!box) throw new Error('the control has no box');
  await tab.hoverAt(box.x + 24, box.y + box.height / 2);
}

/**
 * Gives a file input the file at `file` (`text` is its content): Chromium through the file chooser
 * path (as a person picks it), Firefox through a DataTransfer and a change event (BiDi has no file
 * chooser for extension pages).
 */
export async function chooseFile(tab: Tab, selector: string, file: string, text: string, type = 'application/json'): Promise<void> {
  if (tab.playwright) return tab.playwright.locator(selector).setInputFiles(file);
  await tab.evaluate(
    ([sel, name, body, mime]) => {
      const input = document.querySelector(sel) as HTMLInputElement;
      const files = new DataTransfer();
      files.items.add(new File([body], name, { type: mime }));
      input.files = files.files;
      input.dispatchEvent(new Event('change'));
    },
    [selector, file.split('/').pop() ?? 'file', text, type] as const,
  );
}

/** Waits for the reader to settle and returns `data-state` (ready, partial or error). */
export async function settled(tab: Tab, timeoutMs = 30_000): Promise<string> {
  await tab.waitForFunction(() => ['ready', 'partial', 'error'].includes(document.documentElement.dataset.state ?? ''), undefined, timeoutMs);
  return tab.evaluate(() => document.documentElement.dataset.state ?? '');
}

export interface BrowserSuite {
  name: BrowserName;
  label: string;
  available: boolean;
  /** `describe` named "<Label>: title", skipped when the browser is missing. */
  describe(title: string, fn: () => void): void;
  launch(options: LaunchOptions): Promise<Driver>;
}

const warned = new Set<BrowserName>();

/**
 * Calls `fn` once per browser. Off CI a machine without one skips its suites with a warning; on CI
 * (`CI=true`) a missing browser fails ("finds the browser binary").
 */
export function forEachBrowser(fn: (browser: BrowserSuite) => void, names: readonly BrowserName[] = ['chromium', 'firefox']): void {
  for (const name of names) {
    const label = name === 'chromium' ? 'Chromium' : 'Firefox';
    const have = available(name);
    if (!have && !warned.has(name)) {
      warned.add(name);
      console.warn(missingBrowserMessage([name], { consequence: 'skipping its real-browser tests' }));
    }
    describe(`${label} is installed where CI runs`, () => {
      it.runIf(Boolean(process.env.CI))('finds the browser binary', () => expect(have).toBe(true));
    });
    fn({
      name,
      label,
      available: have,
      describe: (title, body) => describe.skipIf(!have)(`${label}: ${title}`, body),
      launch: (options) => launch(name, options),
    });
  }
}
