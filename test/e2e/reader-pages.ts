/**
 * What the reader's browser suites (listen, script-layout, toc, typography, keyboard-a11y,
 * failures, control-label, store-shots) do the same way, written once:
 * - the screenshot matrix is written only when `WHOLESTORY_SHOTS` is set (`npm run shots`):
 *   `shotsWanted()`, `itShots` for a test that exists only to write screenshots, `shot()` for a
 *   screenshot taken inside a test that also asserts;
 * - Firefox: the theme picked in the settings popover (BiDi cannot emulate prefers-color-scheme);
 * - waiting for the reader to settle (`<html data-state>` ready, partial or error).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page as PpPage } from 'puppeteer-core';
import { it } from 'vitest';
import { settled, until, type BrowserSuite, type Driver, type Tab } from './driver';

// ---- screenshots ---------------------------------------------------------------------------------

/** Whether this run writes the screenshot matrix (`WHOLESTORY_SHOTS=<folder>`, as `npm run shots` sets it). */
export function shotsWanted(): boolean {
  return Boolean(process.env.WHOLESTORY_SHOTS);
}

/** The screenshot folder (made on first use): `$WHOLESTORY_SHOTS`, else `fallback`. */
export function shotsDir(fallback = '/tmp/wholestory-shots'): string {
  const dir = process.env.WHOLESTORY_SHOTS || fallback;
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A test whose only job is writing screenshots: run only when shots are wanted. */
export const itShots: typeof it = it.runIf(shotsWanted()) as typeof it;

/** Takes a screenshot (`take(file)`) only when shots are wanted; `name` is the file name in the folder. */
export async function shot(name: string, take: (file: string) => Promise<unknown>, fallback?: string): Promise<void> {
  if (!shotsWanted()) return;
  await take(path.join(shotsDir(fallback), name.endsWith('.png') ? name : `${name}.png`));
}

// ---- the reader's state --------------------------------------------------------------------------

/** In the page: the reader has settled (`data-state` ready, partial or error). */
export const readerSettled = (): boolean => ['ready', 'partial', 'error'].includes(document.documentElement.dataset.state ?? '');

/** `url=<encoded>` for `reader.html?…`. */
export const urlQuery = (url: string): string => `url=${encodeURIComponent(url)}`;

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// ---- Firefox (puppeteer-core over BiDi) ------------------------------------------------------------

/** Picks `theme` in the reader's settings popover and closes it (kept in storage: set back to `system` after). */
export async function useFirefoxTheme(reader: PpPage, theme: string): Promise<void> {
  await reader.click('#toggle-settings');
  await reader.click(`#settings input[name="theme"][value="${theme}"]`);
  await reader.keyboard.press('Escape');
  await reader.waitForFunction((t) => document.documentElement.dataset.theme === t, { timeout: 5_000 }, theme);
}

// ---- reader tabs over the driver (driver.ts) ------------------------------------------------------

/** A reader suite's browsers: one launch for the suite, a Chinese-interface one on first use. */
export interface ReaderTabs {
  /** The suite's browser (launched by `launch`). */
  readonly driver: Driver;
  launch(): Promise<void>;
  /** `reader.html?<query>` in a new tab at `width`×`height`, once the article has settled (and `ready`, if given). */
  open(query: string, width?: number, height?: number): Promise<Tab>;
  /** The same in the Chinese interface (a second browser, started on first use). */
  openZh(query: string, width?: number, height?: number): Promise<Tab>;
  /**
   * The same reader again, once it has settled: Chromium reloads the tab; Firefox (BiDi cannot
   * reload a moz-extension page) closes it (pagehide) and opens the same URL at the same size.
   */
  reload(tab: Tab): Promise<Tab>;
  close(): Promise<void>;
}

/** `bootUrl`: a paginated article on the site (Firefox opens its first extension page from its control); a function when it is known only once the site is up. */
export function readerTabs(b: BrowserSuite, options: { sitePort: () => number; bootUrl: string | (() => string); ready?: (tab: Tab) => Promise<unknown> }): ReaderTabs {
  const bootUrl = () => (typeof options.bootUrl === 'string' ? options.bootUrl : options.bootUrl());
  let driver: Driver | undefined;
  let zh: Driver | undefined;
  const ready = async (tab: Tab): Promise<Tab> => {
    await settled(tab);
    await options.ready?.(tab);
    return tab;
  };
  /** Which browser each tab is in. */
  const owner = new WeakMap<Tab, Driver>();
  const openIn = async (d: Driver, pathAndQuery: string, size?: { width: number; height: number }) => {
    const tab = await d.openExtension(pathAndQuery, size);
    owner.set(tab, d);
    return ready(tab);
  };
  const open = (d: Driver, query: string, width = 1100, height = 800) => openIn(d, `/reader.html?${query}`, { width, height });
  return {
    get driver() {
      if (!driver) throw new Error('readerTabs: launch() first');
      return driver;
    },
    async launch() {
      driver = await b.launch({ sitePort: options.sitePort(), bootUrl: bootUrl() });
    },
    open(query, width, height) {
      return open(this.driver, query, width, height);
    },
    async openZh(query, width, height) {
      zh ??= await b.launch({ sitePort: options.sitePort(), bootUrl: bootUrl(), locale: 'zh-CN' });
      return open(zh, query, width, height);
    },
    async reload(tab) {
      if (tab.playwright) {
        await tab.playwright.reload();
        return ready(tab);
      }
      const d = owner.get(tab) ?? this.driver;
      const href = await tab.url();
      const size = tab.puppeteer!.viewport();
      await tab.close();
      return openIn(d, href.slice(d.origin.length), size ? { width: size.width, height: size.height } : undefined);
    },
    async close() {
      await zh?.close();
      await driver?.close();
    },
  };
}

/** Light or dark: Chromium emulates the system's scheme; Firefox (BiDi cannot) picks the theme in the settings popover. */
export async function useScheme(tab: Tab, value: 'light' | 'dark'): Promise<void> {
  if (tab.playwright) return tab.playwright.emulateMedia({ colorScheme: value });
  await tab.click('#toggle-settings');
  await tab.click(`#settings input[name="theme"][value="${value}"]`);
  await tab.press('Escape');
  await tab.waitForFunction((t) => document.documentElement.dataset.theme === t, value, 5000);
}

/**
 * Waits until the reader has stored a reading position at or after `since` (the page's clock):
 * it saves while scrolling at most once a second (reading-position.ts), and a new visit restores
 * what was stored.
 */
export async function positionSavedSince(tab: Tab, since: number): Promise<void> {
  await until('the reading position to be saved', () =>
    tab.evaluate(async (t) => {
      const g = globalThis as unknown as { browser?: typeof chrome; chrome?: typeof chrome };
      const api = (g.browser ?? g.chrome) as typeof chrome;
      const stored = (await api.storage.local.get('readingPositions')).readingPositions as { entries?: Record<string, { at: number }> } | undefined;
      return Object.values(stored?.entries ?? {}).some((p) => p.at >= t);
    }, since),
  );
}

/**
 * Merges `patch` into the stored reading settings (the extension's storage.local, as the options
 * page writes them); a `null` value removes that setting (back to its default). Open readers hear
 * the change; a reader opened after it starts with it.
 */
export async function storeSettings(driver: Driver, patch: Record<string, unknown>): Promise<void> {
  await driver.inExtension(async (p) => {
    const g = globalThis as unknown as { browser?: typeof chrome; chrome?: typeof chrome };
    const api = (g.browser ?? g.chrome) as typeof chrome;
    const key = 'readerSettings';
    const stored = ((await api.storage.local.get(key)) as Record<string, Record<string, unknown> | undefined>)[key] ?? {};
    const next: Record<string, unknown> = { ...stored };
    for (const [name, value] of Object.entries(p)) {
      if (value === null) delete next[name];
      else next[name] = value;
    }
    await api.storage.local.set({ [key]: next });
  }, patch);
}
