/**
 * Typography settings (issue 11 item 5, issue 10 bug 9) in real Chromium and real Firefox: options
 * changed in the reader's popover show at once on a body paragraph (computed text-align,
 * letter-spacing, text-indent, font-weight, margins, colours), each slider says its value (the
 * `<output>` beside it and `aria-valuetext`), native controls wear the theme (`accent-color`,
 * `color-scheme`), "Reset to defaults" restores them, a setting persists across a reload, and the
 * Kai (楷体) note says what the browser really draws (Chromium: the platform font CDP reports;
 * both: the faces fontconfig has). Screenshots of the popover and the article with the new options,
 * light/sepia/dark/high contrast (both), English and Chinese interface, 400 and 1100 px, and of the options
 * page, in $WHOLESTORY_SHOTS, only when it is set (`npm run shots`).
 *
 * Run: `WHOLESTORY_OUT_DIR=.output-typography npx vitest run --config vitest.e2e.config.ts test/e2e/typography.e2e.test.ts`.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KAI_FACES } from '../../src/reader/settings';
import { forEachBrowser, settled, until, type BrowserName, type Driver, type Tab } from './driver';
import { PHOTO_CAPTIONS, PHOTO_START, writePhotoArticle } from './photo-fixtures';
import { itShots, shotsDir, urlQuery } from './reader-pages';
import { fixtureSite } from './site';

/** A screenshot named `name` in the shots folder. */
async function shoot(d: Tab, name: string): Promise<void> {
  await d.screenshot(path.join(shotsDir(), `${name}.png`));
}

/** Reloads the page in place. */
async function reload(d: Tab): Promise<void> {
  if (d.playwright) return void (await d.playwright.reload());
  // page.reload() waits for a navigation event BiDi never sends for a moz-extension page.
  await d.evaluate(() => {
    (window as unknown as { beforeReload?: boolean }).beforeReload = true;
    setTimeout(() => location.reload(), 0);
  });
  await until('the page to reload', () => d.evaluate(() => !(window as unknown as { beforeReload?: boolean }).beforeReload && document.readyState === 'complete'), 20_000);
}

// ---- page-side helpers (serialized into the page: self-contained) ----------------------------

/** Sets a control of the settings form as a person would change it (value, then an input event). */
async function set(d: Tab, name: string, value: string | boolean): Promise<void> {
  await d.evaluate(
    ({ name, value }) => {
      const form = document.getElementById('settings') as HTMLFormElement;
      const el = form.querySelector<HTMLInputElement | HTMLSelectElement>(typeof value === 'string' && name === 'theme' ? `[name="theme"][value="${value}"]` : `[name="${name}"]`);
      if (!el) throw new Error(`no control ${name}`);
      if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) el.checked = el.type === 'radio' || value === true;
      else el.value = String(value);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    },
    { name, value },
  );
}

interface Look {
  align: string;
  letterSpacing: string;
  indent: string;
  weight: string;
  color: string;
  background: string;
  marginBottom: number;
  fontSize: number;
  captionIndent: string;
  titleIndent: string;
  scheme: string;
}

/** Computed styles of the first body paragraph, a caption, the title and the page. */
async function look(d: Tab, caption: string): Promise<Look> {
  return d.evaluate((captionText) => {
    const paragraphs = [...document.querySelectorAll<HTMLElement>('#reader-content .article-body p')];
    const body = paragraphs.find((p) => p.textContent?.startsWith('第1页第1段'));
    const cap = paragraphs.find((p) => p.textContent?.trim() === captionText) ?? document.querySelector<HTMLElement>('#reader-content .reader-caption');
    if (!body || !cap) throw new Error('no body paragraph or caption');
    const s = getComputedStyle(body);
    const root = getComputedStyle(document.documentElement);
    return {
      align: s.textAlign,
      letterSpacing: s.letterSpacing,
      indent: s.textIndent,
      weight: s.fontWeight,
      color: s.color,
      background: root.backgroundColor,
      marginBottom: parseFloat(s.marginBottom),
      fontSize: parseFloat(s.fontSize),
      captionIndent: getComputedStyle(cap).textIndent,
      titleIndent: getComputedStyle(document.querySelector('#reader-content h1') as HTMLElement).textIndent,
      scheme: root.colorScheme,
    };
  }, caption);
}

/** A slider's shown value and `aria-valuetext`. */
async function sliderSays(d: Tab, name: string): Promise<{ output: string; valuetext: string; value: string }> {
  return d.evaluate((n) => {
    const input = document.querySelector<HTMLInputElement>(`#settings input[name="${n}"]`) as HTMLInputElement;
    return { output: document.querySelector(`#settings output[data-output="${n}"]`)?.textContent ?? '', valuetext: input.getAttribute('aria-valuetext') ?? '', value: input.value };
  }, name);
}

/** The stored settings (the extension's storage.local), once `done` says so. */
async function storedSettings(d: Tab, wanted: Record<string, unknown>): Promise<Record<string, unknown>> {
  return d.evaluate(async (want) => {
    const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
    const deadline = Date.now() + 5_000;
    for (;;) {
      const got = ((await api.storage.local.get('readerSettings')).readerSettings ?? {}) as Record<string, unknown>;
      if (Object.entries(want).every(([k, v]) => got[k] === v) || Date.now() > deadline) return got;
      await new Promise((r) => setTimeout(r, 50));
    }
  }, wanted);
}

async function clearSettings(d: Tab): Promise<void> {
  await d.evaluate(async () => {
    const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
    await api.storage.local.remove('readerSettings');
    // The reader hears the change and goes back to the defaults.
    const deadline = Date.now() + 5_000;
    while (document.documentElement.dataset.theme !== 'system' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  });
}

/** The faces fontconfig knows (what Chromium and Firefox draw with on Linux). */
function systemFamilies(): string[] {
  try {
    return execFileSync('fc-list', [':', 'family'], { encoding: 'utf8' }).split('\n').flatMap((l) => l.split(',')).map((f) => f.trim()).filter(Boolean);
  } catch {
    return [];
  }
}

/** The styles fontconfig has for a family ("Regular", "Bold", …). */
function systemStyles(family: string): string[] {
  try {
    return execFileSync('fc-list', [family, 'style'], { encoding: 'utf8' }).split('\n').map((l) => l.replace(/^:?style=/, '').split(',')[0]!.trim()).filter(Boolean);
  } catch {
    return [];
  }
}

// ---- the tests, the same for both browsers ----------------------------------------------------

interface Opener {
  /** The reader on the photo article, settled, at `width` × 900. */
  open(width?: number): Promise<Tab>;
  /** The same in the Chinese interface (a second browser, started on first use). */
  openZh(width?: number): Promise<Tab>;
  /** The options page, its form filled, the stored settings cleared. */
  openOptions(zh: boolean, width: number): Promise<Tab>;
}

/**
 * A test body: `check` on a reader opened with `open`, the stored settings cleared before and
 * after, the settings popover open.
 */
function withSettingsOpen(open: Opener['open'], check: (d: Tab) => Promise<void>): () => Promise<void> {
  return async () => {
    const d = await open();
    await clearSettings(d);
    await d.click('#toggle-settings');
    await check(d);
    await clearSettings(d);
    await d.close();
  };
}

function typographyTests(browserName: BrowserName, { open, openZh, openOptions }: Opener): void {
  it('changes made in the popover show at once on a body paragraph; sliders say their values', async () => {
    const d = await open();
    await clearSettings(d);
    const before = await look(d, PHOTO_CAPTIONS[0]!);
    // The defaults: Chinese justified, no indent, regular weight, 1em between paragraphs.
    expect(before.align).toBe('justify');
    expect(before.indent).toBe('0px');
    expect(before.weight).toBe('400');
    expect(before.marginBottom).toBeCloseTo(before.fontSize, 1);
    await d.click('#toggle-settings');
    expect(await sliderSays(d, 'fontSize')).toMatchObject({ output: '19 px', valuetext: '19 px' });
    expect(await sliderSays(d, 'lineHeight')).toMatchObject({ output: '1.8×', valuetext: '1.8×' });

    await set(d, 'textAlign', 'start');
    await set(d, 'letterSpacing', '0.1');
    await set(d, 'textIndent', true);
    await set(d, 'fontWeight', '300');
    await set(d, 'paragraphSpacing', '1.5');
    await set(d, 'theme', 'contrastDark');
    const after = await look(d, PHOTO_CAPTIONS[0]!);
    const size = after.fontSize;
    expect(after.align).toBe('start');
    expect(parseFloat(after.letterSpacing)).toBeCloseTo(0.1 * size, 1);
    // Two characters: two ems plus the spacing after each.
    expect(parseFloat(after.indent)).toBeCloseTo(2 * (size + 0.1 * size), 1);
    expect(after.weight).toBe('300');
    expect(after.marginBottom).toBeCloseTo(1.5 * size, 1);
    expect(after.color).toBe('rgb(255, 255, 255)');
    expect(after.background).toBe('rgb(0, 0, 0)');
    expect(after.scheme).toBe('dark');
    // Not on captions or headings.
    expect(after.captionIndent).toBe('0px');
    expect(after.titleIndent).toBe('0px');
    expect(await sliderSays(d, 'letterSpacing')).toMatchObject({ output: '0.10 em', valuetext: '0.10 em', value: '0.1' });
    expect(await sliderSays(d, 'paragraphSpacing')).toMatchObject({ output: '1.5 em', valuetext: '1.5 em' });

    await set(d, 'textAlign', 'justify');
    await set(d, 'theme', 'contrast');
    const justified = await look(d, PHOTO_CAPTIONS[0]!);
    expect(justified.align).toBe('justify');
    expect([justified.color, justified.background]).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);

    // Custom colours: the pickers show under the custom theme; the page takes the colours at once.
    await set(d, 'theme', 'custom');
    expect(await d.evaluate(() => (document.querySelector('#settings [data-when-theme="custom"]') as HTMLElement).hidden)).toBe(false);
    await set(d, 'customText', '#f0e6d2');
    await set(d, 'customBackground', '#202a36');
    const custom = await look(d, PHOTO_CAPTIONS[0]!);
    expect([custom.color, custom.background, custom.scheme]).toEqual(['rgb(240, 230, 210)', 'rgb(32, 42, 54)', 'dark']);
    expect(await d.evaluate(() => document.querySelector('#settings output[data-output="contrast"]')?.textContent)).toMatch(/^Contrast 1\d\.\d : 1$/);
    await clearSettings(d);
    await d.close();
  });

  it('native controls wear the theme: accent-color and color-scheme on the sliders', withSettingsOpen(open, async (d) => {
    const accent = () =>
      d.evaluate(() => {
        const s = getComputedStyle(document.querySelector('#settings input[name="fontSize"]') as HTMLElement);
        return { accent: s.accentColor, scheme: s.colorScheme };
      });
    await set(d, 'theme', 'dark');
    expect(await accent()).toEqual({ accent: 'rgb(138, 180, 248)', scheme: 'dark' });
    await set(d, 'theme', 'sepia');
    expect(await accent()).toEqual({ accent: 'rgb(138, 75, 15)', scheme: 'light' });
    await set(d, 'theme', 'light');
    expect((await accent()).accent).toBe('rgb(11, 87, 208)');
  }));

  it('a setting persists across a reload; "Reset to defaults" restores the defaults', withSettingsOpen(open, async (d) => {
    await set(d, 'fontSize', '24');
    await set(d, 'letterSpacing', '0.05');
    await set(d, 'textIndent', true);
    await set(d, 'theme', 'sepia');
    expect(await storedSettings(d, { fontSize: 24, letterSpacing: 0.05, textIndent: true, theme: 'sepia' })).toMatchObject({ fontSize: 24, letterSpacing: 0.05, textIndent: true, theme: 'sepia' });
    await reload(d);
    await settled(d);
    const reloaded = await look(d, PHOTO_CAPTIONS[0]!);
    expect(reloaded.fontSize).toBe(24);
    expect(parseFloat(reloaded.indent)).toBeCloseTo(2 * (24 + 1.2), 1);
    expect(reloaded.background).toBe('rgb(246, 239, 226)');
    expect(await sliderSays(d, 'fontSize')).toMatchObject({ value: '24', output: '24 px' });

    await d.click('#toggle-settings');
    await d.click('#settings [data-action="reset-settings"]');
    const reset = await look(d, PHOTO_CAPTIONS[0]!);
    expect(reset.fontSize).toBe(19);
    expect(reset.indent).toBe('0px');
    expect(['normal', '0px']).toContain(reset.letterSpacing);
    expect(reset.align).toBe('justify');
    expect(await d.evaluate(() => document.documentElement.dataset.theme)).toBe('system');
    expect(await sliderSays(d, 'fontSize')).toMatchObject({ value: '19', output: '19 px' });
    expect(await storedSettings(d, { fontSize: 19, theme: 'system' })).toMatchObject({ fontSize: 19, letterSpacing: 0, textIndent: false, theme: 'system' });
  }));

  it('the Kai note says what this system has, as the browser draws it', withSettingsOpen(open, async (d) => {
    await set(d, 'fontFamily', 'kai');
    // The check runs once the page is idle.
    await d.evaluate(async () => {
      while (!(document.getElementById('settings') as HTMLElement).dataset.fontCheckMs) await new Promise((r) => setTimeout(r, 20));
    });
    const note = await d.evaluate(() => {
      const el = document.getElementById('kai-note') as HTMLElement;
      return { hidden: el.hidden, text: el.textContent ?? '', face: el.dataset.kaiFace ?? '', fallback: el.dataset.kaiFallback ?? '', option: document.querySelector('#settings option[value="kai"]')?.textContent ?? '' };
    });
    console.log(`${browserName} Kai check (run when idle): ${await d.evaluate(() => (document.getElementById('settings') as HTMLElement).dataset.fontCheckMs)} ms`);
    const families = systemFamilies();
    const installedKai = KAI_FACES.find((f) => families.includes(f)) ?? '';
    console.log(`${browserName} Kai note: ${JSON.stringify(note)}; fontconfig Kai face: ${installedKai || 'none'}`);
    expect(note.hidden).toBe(false);
    expect(note.face).toBe(installedKai);
    if (!installedKai) {
      expect(note.option).toBe('Kai (楷体): not installed');
      expect(families).toContain(note.fallback);
      expect(note.text).toContain(note.fallback);
    }
    if (browserName === 'chromium') {
      // What Chromium really drew a Chinese paragraph with under the Kai setting.
      const drawn = await chromiumFonts(d, '#reader-content .article-body p');
      expect(drawn[0]).toBe(installedKai || note.fallback);
    }
  }));

  it('the weight note says when the Chinese face lacks the weight, as fontconfig has the face', withSettingsOpen(open, async (d) => {
    const note = () => d.evaluate(() => {
      const el = document.getElementById('weight-note') as HTMLElement;
      return { hidden: el.hidden, text: el.textContent ?? '', face: el.dataset.face ?? '' };
    });
    await set(d, 'fontWeight', '300');
    const light = await note();
    const styles = systemStyles(light.face || 'Noto Sans CJK SC');
    console.log(`${browserName} weight note at 300: ${JSON.stringify(light)}; fontconfig styles: ${styles.join(', ')}`);
    // Light exists when fontconfig has a face of weight ≤ 300 (ExtraLight, Light, Thin…).
    const hasLight = styles.some((st) => /light|thin/i.test(st) && !/demi|semi/i.test(st));
    expect(light.hidden).toBe(hasLight);
    if (!hasLight) expect(light.text).toContain(light.face);
    // 600 draws the Bold face here (or a synthesized bold): never "looks like Regular".
    await set(d, 'fontWeight', '600');
    expect((await note()).hidden).toBe(true);
  }));

  itShots('screenshots: popover and article with the new options, five themes, 400 and 1100 px, English and Chinese interface', async () => {
    for (const locale of ['en-US', 'zh-CN'] as const) {
      const lang = locale === 'en-US' ? 'en' : 'zh';
      const openIn = locale === 'en-US' ? open : openZh;
      for (const width of [400, 1100]) {
        const d = await openIn(width);
        await clearSettings(d);
        await d.click('#toggle-settings');
        await set(d, 'textIndent', true);
        await set(d, 'letterSpacing', '0.04');
        await set(d, 'paragraphSpacing', '1.2');
        for (const theme of ['light', 'sepia', 'dark', 'contrast', 'contrastDark'] as const) {
          await set(d, 'theme', theme);
          const name = `typography-${browserName}-${lang}-${theme}-${width}`;
          await shoot(d, `${name}-settings`);
          await d.press('Escape');
          await d.evaluate(() => document.querySelector('#reader-content .reader-caption')?.scrollIntoView({ block: 'center' }));
          await shoot(d, name);
          await d.evaluate(() => window.scrollTo(0, 0));
          await d.click('#toggle-settings');
        }
        await set(d, 'theme', 'custom');
        await set(d, 'fontFamily', 'kai');
        await shoot(d, `typography-${browserName}-${lang}-custom-kai-${width}-settings`);
        await clearSettings(d);
        await d.close();
      }
      const options = await openOptions(locale !== 'en-US', 1100);
      await set(options, 'theme', 'sepia');
      await set(options, 'textIndent', true);
      await set(options, 'width', '30');
      await shoot(options, `typography-${browserName}-${lang}-options-sepia-1100`);
      await set(options, 'theme', 'dark');
      await options.setViewport(400, 900);
      await shoot(options, `typography-${browserName}-${lang}-options-dark-400`);
      await clearSettings(options);
      await options.close();
    }
    console.log(`screenshots: ${shotsDir()}/typography-${browserName}-*.png`);
  }, 300_000);
}

// ---- the browsers ------------------------------------------------------------------------------

const fixture = fixtureSite('typography', (root) => {
  const photos = path.join(root, 'photos');
  writePhotoArticle(photos);
  return [photos];
});

/** The fonts Chromium drew an element's text with (CDP CSS.getPlatformFontsForNode), most used first. */
async function chromiumFonts(d: Tab, selector: string): Promise<string[]> {
  const page = d.playwright;
  if (!page) throw new Error('not a Chromium page');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root: doc } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: doc.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return [...fonts].sort((a, b) => b.glyphCount - a.glyphCount).map((f) => f.familyName);
}

forEachBrowser((b) => {
  b.describe('typography settings', () => {
    let driver: Driver;
    let zh: Driver | undefined;
    beforeAll(async () => {
      driver = await b.launch({ sitePort: fixture.site.port, bootUrl: PHOTO_START });
    }, 120_000);
    afterAll(async () => {
      await zh?.close();
      await driver?.close();
    });
    const reader = async (d: Driver, width = 1100) => {
      const tab = await d.openExtension(`/reader.html?${urlQuery(PHOTO_START)}`, { width, height: 900 });
      await settled(tab);
      return tab;
    };
    const chinese = async () => (zh ??= await b.launch({ sitePort: fixture.site.port, bootUrl: PHOTO_START, locale: 'zh-CN' }));
    const opener: Opener = {
      open: (width) => reader(driver, width),
      openZh: async (width) => reader(await chinese(), width),
      async openOptions(inChinese, width) {
        const d = await (inChinese ? await chinese() : driver).openExtension('/options.html', { width, height: 900 });
        await d.waitForFunction(() => document.querySelector('#settings output[data-output="fontSize"]')?.textContent);
        await clearSettings(d);
        return d;
      },
    };
    typographyTests(b.name, opener);
    optionsSample(opener);
    if (b.name === 'chromium') chromiumOnly(opener);
  });
});

/** What only Chromium can be asked to emulate: print, the system's contrast preference. */
function chromiumOnly({ open }: Opener): void {
  it('prints black on white whatever the theme', async () => {
    const d = await open();
    const page = d.playwright!;
    await clearSettings(d);
    await d.click('#toggle-settings');
    for (const theme of ['contrastDark', 'custom', 'dark', 'sepia']) {
      await set(d, 'theme', theme);
      if (theme === 'custom') await set(d, 'customBackground', '#000000');
      await page.emulateMedia({ media: 'print' });
      const printed = await look(d, PHOTO_CAPTIONS[0]!);
      expect([theme, printed.color]).toEqual([theme, 'rgb(0, 0, 0)']);
      await page.emulateMedia({ media: 'screen' });
    }
    await clearSettings(d);
    await d.close();
  });

  it('the system theme turns high contrast when the system asks for more contrast', async () => {
    const d = await open();
    const page = d.playwright!;
    await clearSettings(d);
    const colours = async () => {
      const l = await look(d, PHOTO_CAPTIONS[0]!);
      return [l.color, l.background];
    };
    await page.emulateMedia({ contrast: 'more', colorScheme: 'light' });
    expect(await colours()).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
    await page.emulateMedia({ contrast: 'more', colorScheme: 'dark' });
    expect(await colours()).toEqual(['rgb(255, 255, 255)', 'rgb(0, 0, 0)']);
    await page.emulateMedia({ contrast: 'no-preference', colorScheme: 'dark' });
    expect(await colours()).toEqual(['rgb(227, 227, 227)', 'rgb(27, 28, 30)']);
    await d.close();
  });
}

/** The options page's sample column wears the theme and width (both browsers). */
function optionsSample({ openOptions }: Opener): void {
  it('the options page sample follows theme, width and the typography options', async () => {
    const d = await openOptions(false, 1100);
    await set(d, 'theme', 'dark');
    await set(d, 'width', '30');
    await set(d, 'fontSize', '20');
    await set(d, 'textIndent', true);
    const sample = await d.evaluate(() => {
      const p = document.querySelector('#sample p') as HTMLElement;
      const article = document.getElementById('reader-content') as HTMLElement;
      return { bg: getComputedStyle(document.documentElement).backgroundColor, indent: getComputedStyle(p).textIndent, width: article.getBoundingClientRect().width };
    });
    expect(sample.bg).toBe('rgb(27, 28, 30)');
    expect(sample.indent).toBe('40px');
    // 30 × 20 px, plus the sample's padding and border.
    expect(sample.width).toBeCloseTo(30 * 20 + 34, 0);
    await d.click('#settings [data-action="reset-settings"]');
    expect(await d.evaluate(() => document.documentElement.dataset.theme)).toBe('system');
    await d.close();
  });
}
