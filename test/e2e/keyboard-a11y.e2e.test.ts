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
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachBrowser, type Tab } from './driver';
import { PHOTO_PAGE2, PHOTO_START, writePhotoArticle } from './photo-fixtures';
import { itShots, readerTabs, shot, shotsDir, urlQuery, useFirefoxTheme, useScheme } from './reader-pages';
import { fixtureSite } from './site';

const fixture = fixtureSite('keys', (root) => {
  const photos = path.join(root, 'photos');
  writePhotoArticle(photos);
  return [photos];
});

/** Stubs the page's clipboard (every write succeeds) and logs each `data-last-copy` the reader sets, in order. */
function recordCopies(): void {
  const log: string[] = [];
  (window as unknown as { copies: string[] }).copies = log;
  Object.defineProperty(navigator.clipboard, 'writeText', { configurable: true, value: async () => undefined });
  Object.defineProperty(navigator.clipboard, 'write', { configurable: true, value: async () => undefined });
  new MutationObserver(() => {
    const value = document.documentElement.dataset.lastCopy;
    if (value) log.push(value);
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-last-copy'] });
}

/**
 * After keys the reader must ignore: a copy as HTML by its button, then every copy the page made,
 * in order, once that one is done. A copy a key had started would have started first, and goes the
 * same way (the stubbed clipboard answers at once): it would come first.
 */
async function copiesUpToOneAsHtml(d: Tab): Promise<string[]> {
  await d.evaluate(() => document.getElementById('copy-html')?.dispatchEvent(new MouseEvent('click', { bubbles: true })));
  await d.waitForFunction(() => (window as unknown as { copies: string[] }).copies.includes('html'), undefined, 15_000);
  return d.evaluate(() => [...(window as unknown as { copies: string[] }).copies]);
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

async function helpDialogOpensAndCloses(d: Tab): Promise<void> {
  await d.evaluate(() => (document.getElementById('toggle-settings') as HTMLElement).focus());
  const scrolledBefore = await d.evaluate(() => window.scrollY);
  await d.press('?');
  await d.waitForFunction(() => !!document.querySelector('dialog#shortcuts-help[open]'));
  const shown = await d.evaluate(() => {
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
  await d.evaluate(() => delete document.documentElement.dataset.lastCopy);
  await d.evaluate(recordCopies);
  await d.press('c');
  expect(await d.evaluate(() => document.documentElement.dataset.lastCopy ?? null)).toBeNull();
  // Nothing came of it: the only copy is the one made by the button after it.
  expect(await copiesUpToOneAsHtml(d)).toEqual(['html']);
  for (let i = 0; i < 4; i++) {
    await d.press('Tab');
    expect((await d.evaluate(focusedNow)).inDialog, `Tab ${i + 1} stays in the dialog`).toBe(true);
  }
  await d.press('Escape');
  await d.waitForFunction(() => !document.querySelector('dialog#shortcuts-help[open]'));
  expect((await d.evaluate(focusedNow)).id).toBe('toggle-settings');
}

async function tabNeverEntersAriaHidden(d: Tab, partial = false): Promise<void> {
  await d.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  const seen: Focused[] = [];
  for (let i = 0; i < 60; i++) {
    await d.press('Tab');
    const now = await d.evaluate(focusedNow);
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
  await d.evaluate(() => (document.querySelector('[role="toolbar"] [tabindex="0"]') as HTMLElement).focus());
  const before = (await d.evaluate(focusedNow)).id;
  await d.press('ArrowRight');
  const after = await d.evaluate(focusedNow);
  expect(after.inToolbar).toBe(true);
  expect(after.id).not.toBe(before);
}

/** At 400 px: the ⋯ menu opened from the keyboard is in the Tab order; Esc closes it, focus back on ⋯. */
async function narrowMoreMenuByKeyboard(d: Tab): Promise<void> {
  await d.waitForFunction(() => !(document.getElementById('copy-text') as HTMLButtonElement).disabled);
  await d.evaluate(() => (document.getElementById('toggle-more') as HTMLElement).focus());
  expect((await d.evaluate(focusedNow)).inToolbar).toBe(true);
  await d.press('Enter');
  expect(await d.evaluate(() => document.getElementById('toggle-more')?.getAttribute('aria-expanded'))).toBe('true');
  await d.press('Tab');
  const inMenu = await d.evaluate(() => ({ id: document.activeElement?.id ?? '', inMenu: !!document.activeElement?.closest('#toolbar-more') }));
  expect(inMenu.inMenu, `Tab from ⋯ went to #${inMenu.id}`).toBe(true);
  await d.press('Escape');
  const after = await d.evaluate(() => ({ expanded: document.getElementById('toggle-more')?.getAttribute('aria-expanded'), focus: document.activeElement?.id ?? '' }));
  expect(after).toEqual({ expanded: 'false', focus: 'toggle-more' });
}

async function exportMenuClosesOnOutsideClick(d: Tab): Promise<void> {
  await d.click('#save-article');
  await d.waitForFunction(() => ['saved', 'failed'].includes(document.documentElement.dataset.save ?? ''));
  expect(await d.evaluate(() => document.documentElement.dataset.save)).toBe('saved');
  await d.click('#close-save-notice');
  await d.click('#export-menu summary');
  expect(await d.evaluate(() => (document.getElementById('export-menu') as HTMLDetailsElement).open)).toBe(true);
  await d.click('#reader-content .article-body p');
  expect(await d.evaluate(() => (document.getElementById('export-menu') as HTMLDetailsElement).open)).toBe(false);
  // Esc closes it too, focus back on its summary.
  await d.click('#export-menu summary');
  await d.press('Escape');
  const state = await d.evaluate(() => ({ open: (document.getElementById('export-menu') as HTMLDetailsElement).open, focus: document.activeElement?.matches('#export-menu summary') }));
  expect(state).toEqual({ open: false, focus: true });
}

async function shortcutsOffMeansCDoesNothing(d: Tab, shotName: string): Promise<void> {
  await d.click('#toggle-settings');
  await d.click('#settings input[name="shortcuts"]');
  await d.press('Escape');
  expect(await d.evaluate(() => (document.querySelector('#settings input[name="shortcuts"]') as HTMLInputElement).checked)).toBe(false);
  await d.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    delete document.documentElement.dataset.lastCopy;
  });
  await d.evaluate(recordCopies);
  await d.press('c');
  await d.press('?');
  const status = await d.evaluate(() => document.getElementById('copy-status')?.textContent ?? '');
  // Nothing came of the keys: the only copy is the one made by the button after them.
  const copies = await copiesUpToOneAsHtml(d);
  const off = { copy: copies.length === 1 ? null : (copies[0] ?? null), status, help: await d.evaluate(() => !!document.querySelector('dialog[open]')) };
  expect(off).toEqual({ copy: null, status: '', help: false });
  await d.evaluate(() => {
    delete document.documentElement.dataset.lastCopy;
    (document.getElementById('copy-status') as HTMLElement).textContent = '';
  });
  // On again: `c` copies (or says it could not), and says so on screen.
  await d.click('#toggle-settings');
  await d.click('#settings input[name="shortcuts"]');
  await d.press('Escape');
  await d.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await d.press('c');
  await d.waitForFunction(() => !!document.documentElement.dataset.lastCopy);
  const shown = await d.evaluate(() => {
    const el = document.getElementById('copy-status') as HTMLElement;
    const r = el.getBoundingClientRect();
    return { text: el.textContent ?? '', inView: r.width > 0 && r.top >= 0 && r.bottom <= window.innerHeight };
  });
  expect(shown.text).toBeTruthy();
  expect(shown.inView).toBe(true);
  await shot(shotName, (file) => d.screenshot(file));
}

/** Opens the help dialog and shoots it, then the toolbar with keyboard focus in it. */
async function shootHelpAndToolbar(d: Tab, name: string): Promise<void> {
  await d.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await d.press('?');
  await d.waitForFunction(() => !!document.querySelector('dialog#shortcuts-help[open]'));
  await d.screenshot(path.join(shotsDir(), `${name}-help.png`));
  await d.press('Escape');
  // Keyboard focus into the toolbar: Tab from the brand link (to the control last focused there, the
  // roving Tab stop), then one arrow step.
  await d.evaluate(() => (document.querySelector('.brand') as HTMLElement).focus());
  await d.press('Tab');
  await d.press('ArrowRight');
  await d.screenshot(path.join(shotsDir(), `${name}-toolbar-focus.png`));
}

// ---- the suites, one per browser ----------------------------------------------------------------

forEachBrowser((browser) =>
  browser.describe(browser.name === 'chromium' ? 'keyboard, accessibility and print' : 'keyboard and accessibility', () => {
    const b = readerTabs(browser, { sitePort: () => fixture.site.port, bootUrl: PHOTO_START });
    beforeAll(() => b.launch());
    afterAll(() => b.close());
    const openReader = (width = 1100) => b.open(urlQuery(PHOTO_START), width, 800);
    /** A test body: `check` on the photo article's reader at `width`, the tab closed after. */
    const inReader = (check: (reader: Tab) => Promise<void>, width = 1100) => async () => {
      const reader = await openReader(width);
      await check(reader);
      await reader.close();
    };

    it('? opens the help dialog; Esc closes it and focus goes back', inReader(helpDialogOpensAndCloses));
    it('Tab never enters aria-hidden content; the toolbar is one Tab stop with arrow keys', inReader((reader) => tabNeverEntersAriaHidden(reader)));

    it('a partial article (page 2 failing): Tab still never enters aria-hidden content', async () => {
      fixture.site.failing.add(PHOTO_PAGE2);
      try {
        await inReader(async (reader) => {
          expect(await reader.evaluate(() => document.documentElement.dataset.state)).toBe('partial');
          await tabNeverEntersAriaHidden(reader, true);
        })();
      } finally {
        fixture.site.failing.delete(PHOTO_PAGE2);
      }
    });

    it('at 400 px the ⋯ menu works from the keyboard: in the Tab order when open, Esc closes it', inReader(narrowMoreMenuByKeyboard, 400));
    it('the Export menu closes on a click outside it and on Esc', inReader(exportMenuClosesOnOutsideClick));
    it('with single-key shortcuts off, c copies nothing and ? opens nothing', inReader((reader) => shortcutsOffMeansCDoesNothing(reader, `keyboard-${browser.name}-copied`)));

    if (browser.name === 'chromium') {
      it('print: no toolbar, settings or dialog; page markers kept with what follows', async () => {
        const tab = await openReader();
        const reader = tab.playwright!;
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
        await tab.close();
      });

      it('the in-page control takes keyboard focus with a ring inside its bar (screenshot)', async () => {
        const tab = await b.driver.openSite(PHOTO_START);
        const article = tab.playwright!;
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
    }

    itShots('screenshots: help dialog and toolbar focus (400 and 1100 px, light and dark, English and Chinese)', async () => {
      for (const locale of ['en-US', 'zh-CN']) {
        for (const scheme of ['light', 'dark'] as const) {
          for (const width of [400, 1100]) {
            const reader = locale === 'en-US' ? await openReader(width) : await b.openZh(urlQuery(PHOTO_START), width, 800);
            await useScheme(reader, scheme);
            await shootHelpAndToolbar(reader, `keyboard-${browser.name}-${locale}-${scheme}-${width}`);
            // Firefox picked the theme in the settings (kept in storage): back to the system's.
            if (!reader.playwright) await useFirefoxTheme(reader.puppeteer!, 'system');
            await reader.close();
          }
        }
      }
    }, 240_000);
  }),
);
