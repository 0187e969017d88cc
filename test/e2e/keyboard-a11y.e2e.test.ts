/**
 * Keyboard, accessibility and print in the reader, in real Chromium and real Firefox (issue 10,
 * bugs 10–12): `?` opens the help dialog and Esc closes it with focus back where it was; Tab never
 * enters aria-hidden content and the toolbar is one Tab stop with arrow keys inside; the Export menu
 * closes on a click outside it; with single-key shortcuts off `c` copies nothing; the print
 * stylesheet hides the toolbar and keeps page markers with what follows (Chromium's print media
 * emulation). Screenshots of the help dialog and of the focused toolbar (both browsers, light and
 * dark, English and Chinese interface, 400 and 1100 px) in $WHOLESTORY_SHOTS/keyboard-*.png, only
 * when WHOLESTORY_SHOTS is set (`npm run shots`).
 *
 * Run: `npx vitest run --config vitest.e2e.config.ts test/e2e/keyboard-a11y.e2e.test.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page as PwPage } from 'playwright-core';
import type { Page as PpPage } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension, chromiumPath, launchWithExtension, type ExtensionBrowser } from './browser';
import { firefoxPath } from './firefox';
import { PHOTO_PAGE2, PHOTO_START, writePhotoArticle } from './photo-fixtures';
import { itShots, openFirefoxExtension, readerSettled, shot, shotsDir, startFirefox, urlQuery, useFirefoxTheme, type StartedFirefox } from './reader-pages';
import { startE2eSite, type E2eSite } from './site';

const haveChromium = chromiumPath() !== null;
const haveFirefox = firefoxPath() !== null;
if (!haveChromium) console.warn('Chromium not found: skipping its keyboard tests (apt-get install -y chromium firefox-esr)');
if (!haveFirefox) console.warn('Firefox not found: skipping its keyboard tests (apt-get install -y chromium firefox-esr)');

let root: string;
let site: E2eSite;

beforeAll(async () => {
  if (!haveChromium && !haveFirefox) return;
  root = mkdtempSync(path.join(os.tmpdir(), 'wholestory-keys-e2e-'));
  writePhotoArticle(path.join(root, 'photos'));
  site = await startE2eSite({ cases: [path.join(root, 'photos')] });
});

afterAll(async () => {
  await site?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** What the tests need of a page, the same for Playwright (Chromium) and Puppeteer (Firefox). */
interface Driver {
  press(key: string): Promise<void>;
  run<T>(fn: () => T): Promise<T>;
  click(selector: string): Promise<void>;
  waitFor(fn: () => boolean): Promise<void>;
  screenshot(file: string): Promise<void>;
}

function playwright(page: PwPage): Driver {
  return {
    press: (key) => page.keyboard.press(key),
    run: (fn) => page.evaluate(fn),
    click: (selector) => page.locator(selector).first().click(),
    waitFor: async (fn) => void (await page.waitForFunction(fn, null, { timeout: 15_000 })),
    screenshot: async (file) => void (await page.screenshot({ path: file })),
  };
}

function puppeteer(page: PpPage): Driver {
  return {
    press: (key) => page.keyboard.press(key as Parameters<PpPage['keyboard']['press']>[0]),
    run: (fn) => page.evaluate(fn) as Promise<Awaited<ReturnType<typeof fn>>>,
    click: (selector) => page.click(selector),
    waitFor: async (fn) => void (await page.waitForFunction(fn, { timeout: 15_000 })),
    screenshot: async (file) => void (await page.screenshot({ path: file as `${string}.png` })),
  };
}

interface Focused {
  id: string;
  tag: string;
  text: string;
  ariaHidden: boolean;
  inToolbar: boolean;
  inMarker: boolean;
  inDialog: boolean;
}

function focusedNow(): Focused {
  const el = document.activeElement as HTMLElement | null;
  return {
    id: el?.id ?? '',
    tag: el?.tagName.toLowerCase() ?? '',
    text: (el?.textContent ?? '').trim().slice(0, 40),
    ariaHidden: !!el?.closest('[aria-hidden="true"]'),
    inToolbar: !!el?.closest('[role="toolbar"]'),
    inMarker: !!el?.closest('.page-marker'),
    inDialog: !!el?.closest('dialog'),
  };
}

// ---- the checks, one body for both browsers -------------------------------------------------

async function helpDialogOpensAndCloses(d: Driver): Promise<void> {
  await d.run(() => (document.getElementById('toggle-settings') as HTMLElement).focus());
  const scrolledBefore = await d.run(() => window.scrollY);
  await d.press('?');
  await d.waitFor(() => !!document.querySelector('dialog#shortcuts-help[open]'));
  const shown = await d.run(() => {
    const dialog = document.querySelector('dialog#shortcuts-help') as HTMLDialogElement;
    return {
      modal: dialog.matches(':modal'),
      focusInside: dialog.contains(document.activeElement),
      rows: dialog.querySelectorAll('dt').length,
      footerRows: document.querySelectorAll('#shortcuts dl dt').length,
      name: document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent ?? '',
      scrollY: window.scrollY,
    };
  });
  expect(shown.modal).toBe(true);
  expect(shown.focusInside).toBe(true);
  expect(shown.rows).toBe(shown.footerRows);
  expect(shown.rows).toBeGreaterThanOrEqual(11);
  expect(shown.name).toBeTruthy();
  // Was the bug: `?` scrolled a long article to its footer.
  expect(shown.scrollY).toBe(scrolledBefore);
  // The page's shortcuts wait while the dialog is open (it is modal).
  await d.run(() => delete document.documentElement.dataset.lastCopy);
  await d.press('c');
  await new Promise((r) => setTimeout(r, 300));
  expect(await d.run(() => document.documentElement.dataset.lastCopy ?? null)).toBeNull();
  for (let i = 0; i < 4; i++) {
    await d.press('Tab');
    expect((await d.run(focusedNow)).inDialog, `Tab ${i + 1} stays in the dialog`).toBe(true);
  }
  await d.press('Escape');
  await d.waitFor(() => !document.querySelector('dialog#shortcuts-help[open]'));
  expect((await d.run(focusedNow)).id).toBe('toggle-settings');
}

async function tabNeverEntersAriaHidden(d: Driver, partial = false): Promise<void> {
  await d.run(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  const seen: Focused[] = [];
  for (let i = 0; i < 60; i++) {
    await d.press('Tab');
    const now = await d.run(focusedNow);
    if (now.tag === 'body' || now.tag === '') break;
    if (seen.length > 3 && now.tag === seen[0]?.tag && now.text === seen[0]?.text) break;
    seen.push(now);
  }
  expect(seen.length).toBeGreaterThan(3);
  for (const f of seen) expect(f.ariaHidden, `${f.tag}#${f.id} "${f.text}" inside aria-hidden`).toBe(false);
  if (partial) {
    // A failed page: its notice's Retry is reachable (and, as the rest, not inside aria-hidden).
    expect(seen.some((f) => f.tag === 'button' && !f.inToolbar && !f.inDialog)).toBe(true);
  } else {
    // The "Page 2" marker's link is reachable (it is not hidden from anyone).
    expect(seen.some((f) => f.inMarker)).toBe(true);
  }
  // The toolbar group is one Tab stop.
  expect(seen.filter((f) => f.inToolbar)).toHaveLength(1);
  // Inside it, arrow keys move.
  await d.run(() => (document.querySelector('[role="toolbar"] [tabindex="0"]') as HTMLElement).focus());
  const before = (await d.run(focusedNow)).id;
  await d.press('ArrowRight');
  const after = await d.run(focusedNow);
  expect(after.inToolbar).toBe(true);
  expect(after.id).not.toBe(before);
}

/** At 400 px: the ⋯ menu opened from the keyboard is in the Tab order; Esc closes it, focus back on ⋯. */
async function narrowMoreMenuByKeyboard(d: Driver): Promise<void> {
  await d.waitFor(() => !(document.getElementById('copy-text') as HTMLButtonElement).disabled);
  await d.run(() => (document.getElementById('toggle-more') as HTMLElement).focus());
  expect((await d.run(focusedNow)).inToolbar).toBe(true);
  await d.press('Enter');
  expect(await d.run(() => document.getElementById('toggle-more')?.getAttribute('aria-expanded'))).toBe('true');
  await d.press('Tab');
  const inMenu = await d.run(() => ({ id: document.activeElement?.id ?? '', inMenu: !!document.activeElement?.closest('#toolbar-more') }));
  expect(inMenu.inMenu, `Tab from ⋯ went to #${inMenu.id}`).toBe(true);
  await d.press('Escape');
  const after = await d.run(() => ({ expanded: document.getElementById('toggle-more')?.getAttribute('aria-expanded'), focus: document.activeElement?.id ?? '' }));
  expect(after).toEqual({ expanded: 'false', focus: 'toggle-more' });
}

async function exportMenuClosesOnOutsideClick(d: Driver): Promise<void> {
  await d.click('#save-article');
  await d.waitFor(() => ['saved', 'failed'].includes(document.documentElement.dataset.save ?? ''));
  expect(await d.run(() => document.documentElement.dataset.save)).toBe('saved');
  await d.click('#close-save-notice');
  await d.click('#export-menu summary');
  expect(await d.run(() => (document.getElementById('export-menu') as HTMLDetailsElement).open)).toBe(true);
  await d.click('#reader-content .article-body p');
  expect(await d.run(() => (document.getElementById('export-menu') as HTMLDetailsElement).open)).toBe(false);
  // Esc closes it too, focus back on its summary.
  await d.click('#export-menu summary');
  await d.press('Escape');
  const state = await d.run(() => ({ open: (document.getElementById('export-menu') as HTMLDetailsElement).open, focus: document.activeElement?.matches('#export-menu summary') }));
  expect(state).toEqual({ open: false, focus: true });
}

async function shortcutsOffMeansCDoesNothing(d: Driver, shotName: string): Promise<void> {
  await d.click('#toggle-settings');
  await d.click('#settings input[name="shortcuts"]');
  await d.press('Escape');
  expect(await d.run(() => (document.querySelector('#settings input[name="shortcuts"]') as HTMLInputElement).checked)).toBe(false);
  await d.run(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    delete document.documentElement.dataset.lastCopy;
  });
  await d.press('c');
  await d.press('?');
  await new Promise((r) => setTimeout(r, 400));
  const off = await d.run(() => ({ copy: document.documentElement.dataset.lastCopy ?? null, status: document.getElementById('copy-status')?.textContent ?? '', help: !!document.querySelector('dialog[open]') }));
  expect(off).toEqual({ copy: null, status: '', help: false });
  // On again: `c` copies (or says it could not), and says so on screen.
  await d.click('#toggle-settings');
  await d.click('#settings input[name="shortcuts"]');
  await d.press('Escape');
  await d.run(() => (document.activeElement as HTMLElement | null)?.blur());
  await d.press('c');
  await d.waitFor(() => !!document.documentElement.dataset.lastCopy);
  const status = await d.run(() => {
    const el = document.getElementById('copy-status') as HTMLElement;
    const r = el.getBoundingClientRect();
    return { text: el.textContent ?? '', inView: r.width > 0 && r.top >= 0 && r.bottom <= window.innerHeight };
  });
  expect(status.text).toBeTruthy();
  expect(status.inView).toBe(true);
  await shot(shotName, (file) => d.screenshot(file));
}

/** Opens the help dialog and shoots it, then the toolbar with keyboard focus in it. */
async function shootHelpAndToolbar(d: Driver, name: string): Promise<void> {
  await d.run(() => (document.activeElement as HTMLElement | null)?.blur());
  await d.press('?');
  await d.waitFor(() => !!document.querySelector('dialog#shortcuts-help[open]'));
  await d.screenshot(path.join(shotsDir(), `${name}-help.png`));
  await d.press('Escape');
  // Keyboard focus into the toolbar: Tab from the brand link (to the control last focused there, the
  // roving Tab stop), then one arrow step.
  await d.run(() => (document.querySelector('.brand') as HTMLElement).focus());
  await d.press('Tab');
  await d.press('ArrowRight');
  await d.screenshot(path.join(shotsDir(), `${name}-toolbar-focus.png`));
}

// ---- Chromium -------------------------------------------------------------------------------

describe.skipIf(!haveChromium)('Chromium: keyboard, accessibility and print', () => {
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    buildExtension('chrome');
    browser = await launchWithExtension(site.port);
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function openReader(b: ExtensionBrowser, width = 1100): Promise<PwPage> {
    const reader = await b.context.newPage();
    await reader.setViewportSize({ width, height: 800 });
    await reader.goto(`chrome-extension://${b.extensionId}/reader.html?${urlQuery(PHOTO_START)}`);
    await reader.waitForFunction(readerSettled, null, { timeout: 30_000 });
    return reader;
  }

  it('? opens the help dialog; Esc closes it and focus goes back', async () => {
    const reader = await openReader(browser);
    await helpDialogOpensAndCloses(playwright(reader));
    await reader.close();
  });

  it('Tab never enters aria-hidden content; the toolbar is one Tab stop with arrow keys', async () => {
    const reader = await openReader(browser);
    await tabNeverEntersAriaHidden(playwright(reader));
    await reader.close();
  });

  it('a partial article (page 2 failing): Tab still never enters aria-hidden content', async () => {
    site.failing.add(PHOTO_PAGE2);
    try {
      const reader = await openReader(browser);
      expect(await reader.evaluate(() => document.documentElement.dataset.state)).toBe('partial');
      await tabNeverEntersAriaHidden(playwright(reader), true);
      await reader.close();
    } finally {
      site.failing.delete(PHOTO_PAGE2);
    }
  });

  it('at 400 px the ⋯ menu works from the keyboard: in the Tab order when open, Esc closes it', async () => {
    const reader = await openReader(browser, 400);
    await narrowMoreMenuByKeyboard(playwright(reader));
    await reader.close();
  });

  it('the Export menu closes on a click outside it and on Esc', async () => {
    const reader = await openReader(browser);
    await exportMenuClosesOnOutsideClick(playwright(reader));
    await reader.close();
  });

  it('with single-key shortcuts off, c copies nothing and ? opens nothing', async () => {
    const reader = await openReader(browser);
    await shortcutsOffMeansCDoesNothing(playwright(reader), 'keyboard-chromium-copied');
    await reader.close();
  });

  it('print: no toolbar, settings or dialog; page markers kept with what follows', async () => {
    const reader = await openReader(browser);
    await reader.emulateMedia({ media: 'print' });
    const print = await reader.evaluate(() => {
      const marker = document.querySelector('#reader-content .page-marker') as HTMLElement;
      const style = getComputedStyle(marker);
      const display = (s: string) => getComputedStyle(document.querySelector(s) as HTMLElement).display;
      return { toolbar: display('.toolbar'), settings: display('#settings'), help: display('#shortcuts-help'), footer: display('#shortcuts'), breakAfter: style.breakAfter, breakInside: style.breakInside, markerShown: style.display };
    });
    expect(print).toEqual({ toolbar: 'none', settings: 'none', help: 'none', footer: 'none', breakAfter: 'avoid', breakInside: 'avoid', markerShown: 'flex' });
    await reader.emulateMedia({ media: 'screen' });
    expect(await reader.evaluate(() => getComputedStyle(document.querySelector('.toolbar') as HTMLElement).display)).not.toBe('none');
    await reader.close();
  });

  it('the in-page control takes keyboard focus with a ring inside its bar (screenshot)', async () => {
    const article = await browser.context.newPage();
    await article.goto(PHOTO_START);
    const host = article.locator('wholestory-control[data-label]');
    await host.waitFor({ timeout: 15_000 });
    // From the end of the page backwards: the control's × and then its "read all" button.
    await article.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await article.keyboard.press('Shift+Tab');
    await article.keyboard.press('Shift+Tab');
    expect(await article.evaluate(() => document.activeElement?.tagName.toLowerCase())).toBe('wholestory-control');
    const box = await host.boundingBox();
    if (!box) throw new Error('the control has no box');
    await shot('keyboard-chromium-control-focus', (file) => article.screenshot({ path: file, clip: { x: box.x - 20, y: box.y - 20, width: box.width + 40, height: box.height + 40 } }));
    await article.close();
  });

  itShots('screenshots: help dialog and toolbar focus (400 and 1100 px, light and dark, English and Chinese)', async () => {
    for (const locale of ['en-US', 'zh-CN']) {
      const b = locale === 'en-US' ? browser : await launchWithExtension(site.port, { locale });
      try {
        for (const scheme of ['light', 'dark'] as const) {
          for (const width of [400, 1100]) {
            const reader = await openReader(b, width);
            await reader.emulateMedia({ colorScheme: scheme });
            await shootHelpAndToolbar(playwright(reader), `keyboard-chromium-${locale}-${scheme}-${width}`);
            await reader.close();
          }
        }
      } finally {
        if (b !== browser) await b.close();
      }
    }
  }, 240_000);
});

// ---- Firefox --------------------------------------------------------------------------------

describe.skipIf(!haveFirefox)('Firefox: keyboard and accessibility', () => {
  let started: StartedFirefox;

  const openReader = async (ff: StartedFirefox, width = 1100): Promise<PpPage> => {
    const reader = await openFirefoxExtension(ff.fx, ff.opener, `/reader.html?${urlQuery(PHOTO_START)}`, width, 800);
    await reader.waitForFunction(readerSettled, { timeout: 30_000 });
    return reader;
  };

  beforeAll(async () => {
    buildExtension('firefox');
    started = await startFirefox(site.port, PHOTO_START);
  });
  afterAll(async () => {
    await started?.close();
  });

  it('? opens the help dialog; Esc closes it and focus goes back', async () => {
    const reader = await openReader(started);
    await helpDialogOpensAndCloses(puppeteer(reader));
    await reader.close();
  });

  it('Tab never enters aria-hidden content; the toolbar is one Tab stop with arrow keys', async () => {
    const reader = await openReader(started);
    await tabNeverEntersAriaHidden(puppeteer(reader));
    await reader.close();
  });

  it('a partial article (page 2 failing): Tab still never enters aria-hidden content', async () => {
    site.failing.add(PHOTO_PAGE2);
    try {
      const reader = await openReader(started);
      expect(await reader.evaluate(() => document.documentElement.dataset.state)).toBe('partial');
      await tabNeverEntersAriaHidden(puppeteer(reader), true);
      await reader.close();
    } finally {
      site.failing.delete(PHOTO_PAGE2);
    }
  });

  it('at 400 px the ⋯ menu works from the keyboard: in the Tab order when open, Esc closes it', async () => {
    const reader = await openReader(started, 400);
    await narrowMoreMenuByKeyboard(puppeteer(reader));
    await reader.close();
  });

  it('the Export menu closes on a click outside it and on Esc', async () => {
    const reader = await openReader(started);
    await exportMenuClosesOnOutsideClick(puppeteer(reader));
    await reader.close();
  });

  it('with single-key shortcuts off, c copies nothing and ? opens nothing', async () => {
    const reader = await openReader(started);
    await shortcutsOffMeansCDoesNothing(puppeteer(reader), 'keyboard-firefox-copied');
    await reader.close();
  });

  itShots('screenshots: help dialog and toolbar focus (400 and 1100 px, light and dark, English and Chinese)', async () => {
    for (const locale of ['en-US', 'zh-CN']) {
      const ff = locale === 'en-US' ? started : await startFirefox(site.port, PHOTO_START, { locale });
      try {
        for (const theme of ['light', 'dark']) {
          for (const width of [400, 1100]) {
            const reader = await openReader(ff, width);
            await useFirefoxTheme(reader, theme);
            await shootHelpAndToolbar(puppeteer(reader), `keyboard-firefox-${locale}-${theme}-${width}`);
            await useFirefoxTheme(reader, 'system');
            await reader.close();
          }
        }
      } finally {
        if (ff !== started) await ff.close();
      }
    }
  }, 240_000);
});
