// @vitest-environment jsdom
/**
 * The settings form as the reader's popover and the options page have it (their real markup):
 * slider values shown and spoken, live changes applied and saved, the custom theme's colours,
 * "Reset to defaults", the Kai note; `applySettings` on the root; font-check's measuring logic.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const messages = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;
const stored: Record<string, unknown> = {};
type ChangeListener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;
const changeListeners: ChangeListener[] = [];
vi.mock('wxt/browser', () => ({
  browser: {
    i18n: { getUILanguage: () => 'en-US', getMessage: (key: string) => messages[key]?.message ?? '' },
    storage: {
      local: {
        get: async (key: string) => (key in stored ? { [key]: stored[key] } : {}),
        set: async (items: Record<string, unknown>) => void Object.assign(stored, structuredClone(items)),
      },
      onChanged: { addListener: (l: ChangeListener) => void changeListeners.push(l) },
    },
  },
}));

const { applySettings, DEFAULT_SETTINGS, loadSettings, onSettingsChanged, saveSettings } = await import('./settings');
const { bindSettingsForm, sliderText } = await import('./settings-form');
const { LEFT_OUT, renderSettingsRows } = await import('./settings-rows');
const { faceAvailable, kaiStatus, weightStatus } = await import('./font-check');
const { localizePage } = await import('../ui-text');
type ReaderSettings = typeof DEFAULT_SETTINGS;
/** jsdom has no canvas to measure fonts with: no Kai or weight notes unless a test gives them. */
const NO_FONTS = { kai: null, weights: () => null };

/** The `#settings` form of an extension page's HTML with its rows, localized as the page does it. */
function loadForm(page: 'reader' | 'options'): HTMLFormElement {
  const html = readFileSync(path.resolve(import.meta.dirname, `../../entrypoints/${page}/index.html`), 'utf8');
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.body.replaceChildren(document.importNode(parsed.getElementById('settings') as HTMLFormElement, true));
  const form = document.getElementById('settings') as HTMLFormElement;
  renderSettingsRows(form, page);
  localizePage(document);
  return form;
}

function setInput(form: HTMLFormElement, name: string, value: string | boolean): void {
  const el = form.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]${typeof value === 'string' && name === 'theme' ? `[value="${value}"]` : ''}`)!;
  if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) el.checked = value === true || el.type === 'radio';
  else el.value = String(value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

const output = (form: HTMLFormElement, name: string) => form.querySelector<HTMLOutputElement>(`output[data-output="${name}"]`)!.textContent;
const range = (form: HTMLFormElement, name: string) => form.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;

beforeEach(() => {
  for (const key of Object.keys(stored)) delete stored[key];
});

describe('the reader popover and the options page', () => {
  it.each(['reader', 'options'] as const)('%s: a labelled control for every setting but those the page leaves out; every slider has an <output> and aria-valuetext with its unit, and the limits', (page) => {
    const form = loadForm(page);
    const names = new Set([...form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input[name], select[name]')].map((el) => el.name));
    expect([...names].sort()).toEqual(Object.keys(DEFAULT_SETTINGS).filter((name) => !LEFT_OUT[page].includes(name as keyof ReaderSettings)).sort());
    for (const el of form.querySelectorAll<HTMLElement>('[data-i18n]')) expect(el.textContent, el.dataset.i18n).toBe(messages[el.dataset.i18n!]!.message);
    expect(form.querySelectorAll('input[name="theme"]')).toHaveLength(7);
    expect([...form.querySelectorAll<HTMLOptionElement>('select[name="fontWeight"] option')].map((o) => [o.value, o.textContent])).toEqual([['300', 'Light'], ['400', 'Regular'], ['500', 'Medium'], ['600', 'Semibold']]);
    expect(form.lastElementChild?.matches('button[data-action="reset-settings"]')).toBe(true);
    bindSettingsForm(form, { ...DEFAULT_SETTINGS, letterSpacing: 0.05 }, () => undefined, NO_FONTS);
    expect(output(form, 'fontSize')).toBe('19 px');
    expect(output(form, 'lineHeight')).toBe('1.8×');
    expect(output(form, 'letterSpacing')).toBe('0.05 em');
    expect(output(form, 'paragraphSpacing')).toBe('1.0 em');
    expect(output(form, 'width')).toBe('36 em');
    for (const name of ['fontSize', 'lineHeight', 'letterSpacing', 'paragraphSpacing', 'width']) {
      expect(range(form, name).getAttribute('aria-valuetext'), name).toBe(output(form, name));
      // The output names its slider.
      expect(form.querySelector<HTMLOutputElement>(`output[data-output="${name}"]`)!.htmlFor.value).toBe(range(form, name).id);
    }
    expect([range(form, 'letterSpacing').min, range(form, 'letterSpacing').max, range(form, 'letterSpacing').step]).toEqual(['0', '0.2', '0.01']);
    expect(form.querySelector(`label[for="${range(form, 'letterSpacing').id}"]`)?.textContent).toBe('Character spacing');
  });

  it('applies and saves each change as it happens, output updated', async () => {
    const form = loadForm('reader');
    const seen: ReaderSettings[] = [];
    bindSettingsForm(form, DEFAULT_SETTINGS, (s) => seen.push(s), NO_FONTS);
    setInput(form, 'letterSpacing', '0.08');
    expect(seen.at(-1)?.letterSpacing).toBe(0.08);
    expect(output(form, 'letterSpacing')).toBe('0.08 em');
    expect(range(form, 'letterSpacing').getAttribute('aria-valuetext')).toBe('0.08 em');
    setInput(form, 'textAlign', 'start');
    setInput(form, 'fontWeight', '300');
    setInput(form, 'textIndent', true);
    setInput(form, 'paragraphSpacing', '1.6');
    expect(seen.at(-1)).toMatchObject({ textAlign: 'start', fontWeight: 300, textIndent: true, paragraphSpacing: 1.6, letterSpacing: 0.08 });
    await Promise.resolve();
    expect(await loadSettings()).toMatchObject({ textAlign: 'start', fontWeight: 300, textIndent: true, paragraphSpacing: 1.6, letterSpacing: 0.08 });
  });

  it('shows the colour pickers under the custom theme only; picking a colour picks that theme; says the contrast', () => {
    const form = loadForm('reader');
    const seen: ReaderSettings[] = [];
    bindSettingsForm(form, DEFAULT_SETTINGS, (s) => seen.push(s), NO_FONTS);
    const block = form.querySelector<HTMLElement>('[data-when-theme="custom"]')!;
    expect(block.hidden).toBe(true);
    setInput(form, 'theme', 'custom');
    expect(block.hidden).toBe(false);
    expect(output(form, 'contrast')).toBe('Contrast 11.3 : 1');
    setInput(form, 'theme', 'dark');
    expect(block.hidden).toBe(true);
    setInput(form, 'customBackground', '#777777');
    expect(seen.at(-1)).toMatchObject({ theme: 'custom', customBackground: '#777777' });
    expect(form.querySelector<HTMLInputElement>('input[name="theme"][value="custom"]')!.checked).toBe(true);
    expect(output(form, 'contrast')).toMatch(/^Contrast 3\.\d : 1: hard to read/);
    expect(form.querySelector('output[data-output="contrast"]')!.hasAttribute('data-low')).toBe(true);
  });

  it('"Reset to defaults" resets what the form shows, keeps the rest, saves it', async () => {
    const form = loadForm('reader');
    const seen: ReaderSettings[] = [];
    const changed = { ...DEFAULT_SETTINGS, theme: 'contrastDark' as const, fontSize: 26, letterSpacing: 0.1, textIndent: true, fontWeight: 600 as const, textAlign: 'justify' as const, autoOpen: true };
    bindSettingsForm(form, changed, (s) => seen.push(s), NO_FONTS);
    expect(output(form, 'fontSize')).toBe('26 px');
    form.querySelector<HTMLButtonElement>('[data-action="reset-settings"]')!.click();
    // The popover has no "open automatically": it stays as it was.
    expect(seen.at(-1)).toEqual({ ...DEFAULT_SETTINGS, autoOpen: true });
    expect(output(form, 'fontSize')).toBe('19 px');
    expect(form.querySelector<HTMLInputElement>('input[name="theme"][value="system"]')!.checked).toBe(true);
    expect(form.querySelector<HTMLInputElement>('input[name="textIndent"]')!.checked).toBe(false);
    await Promise.resolve();
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, autoOpen: true });
    // The options page has "open automatically": everything the test changed goes back.
    const options = loadForm('options');
    const seenOptions: ReaderSettings[] = [];
    bindSettingsForm(options, changed, (s) => seenOptions.push(s), NO_FONTS);
    options.querySelector<HTMLButtonElement>('[data-action="reset-settings"]')!.click();
    expect(seenOptions.at(-1)).toEqual(DEFAULT_SETTINGS);
  });

  it('says when no Kai face is installed and what Chinese falls back to; names the face when there is one', () => {
    let form = loadForm('reader');
    bindSettingsForm(form, DEFAULT_SETTINGS, () => undefined, { kai: { kaiFace: null, fallback: 'Noto Serif CJK SC' } });
    const option = () => form.querySelector('option[value="kai"]')!.textContent;
    const note = () => form.querySelector<HTMLElement>('#kai-note')!;
    expect(option()).toBe('Kai (楷体): not installed');
    expect(note().hidden).toBe(true);
    setInput(form, 'fontFamily', 'kai');
    expect(note().hidden).toBe(false);
    expect(note().textContent).toBe('No Kai (楷体) face on this system: Chinese text falls back to Noto Serif CJK SC.');
    expect(note().dataset.kaiFallback).toBe('Noto Serif CJK SC');
    expect(form.querySelector('select[name="fontFamily"]')!.getAttribute('aria-describedby')).toBe('kai-note');
    setInput(form, 'fontFamily', 'serif');
    expect(note().hidden).toBe(true);
    expect(form.querySelector('select[name="fontFamily"]')!.hasAttribute('aria-describedby')).toBe(false);

    form = loadForm('reader');
    bindSettingsForm(form, { ...DEFAULT_SETTINGS, fontFamily: 'kai' }, () => undefined, { kai: { kaiFace: 'AR PL UKai CN', fallback: null } });
    expect(option()).toBe('Kai (楷体)');
    expect(note().textContent).toBe('Kai face: AR PL UKai CN');
    expect(note().dataset.kaiFace).toBe('AR PL UKai CN');

    form = loadForm('reader');
    bindSettingsForm(form, { ...DEFAULT_SETTINGS, fontFamily: 'kai' }, () => undefined, { kai: { kaiFace: null, fallback: null } });
    expect(note().textContent).toBe("No Kai (楷体) face on this system: Chinese text falls back to the browser's serif face.");
  });

  it('says when the chosen weight is one the Chinese face lacks here (it draws as Regular)', () => {
    const form = loadForm('reader');
    const asked: string[] = [];
    bindSettingsForm(form, DEFAULT_SETTINGS, () => undefined, {
      kai: null,
      weights: (family) => (asked.push(family), { face: family === 'sans' ? 'Noto Sans CJK SC' : 'Noto Serif CJK SC', likeRegular: [300, 500] }),
    });
    const note = () => form.querySelector<HTMLElement>('#weight-note')!;
    expect(note().hidden).toBe(true);
    setInput(form, 'fontWeight', '300');
    expect(note().hidden).toBe(false);
    expect(note().textContent).toBe('Noto Sans CJK SC has no “Light” weight on this system: it looks like Regular.');
    expect(form.querySelector('select[name="fontWeight"]')!.getAttribute('aria-describedby')).toBe('weight-note');
    setInput(form, 'fontWeight', '600');
    expect(note().hidden).toBe(true);
    setInput(form, 'fontWeight', '500');
    setInput(form, 'fontFamily', 'serif');
    expect(note().textContent).toBe('Noto Serif CJK SC has no “Medium” weight on this system: it looks like Regular.');
    setInput(form, 'fontWeight', '400');
    expect(note().hidden).toBe(true);
    // Measured once a font setting.
    expect(asked).toEqual(['sans', 'serif']);
  });

  it('leaves inputs named after no setting alone, and a form without some controls works', () => {
    const form = loadForm('reader');
    form.querySelector('[name="width"]')!.closest('.row')!.remove();
    const extra = document.createElement('input');
    extra.name = 'somethingElse';
    extra.value = 'kept';
    form.append(extra);
    const seen: ReaderSettings[] = [];
    bindSettingsForm(form, DEFAULT_SETTINGS, (s) => seen.push(s), NO_FONTS);
    extra.dispatchEvent(new Event('input', { bubbles: true }));
    expect(seen).toEqual([]);
    expect(extra.value).toBe('kept');
  });
});

describe('onSettingsChanged', () => {
  it('hears other pages\' changes, not the late echoes of this page\'s own writes', async () => {
    const heard: ReaderSettings[] = [];
    onSettingsChanged((s) => heard.push(s));
    const echo = (value: unknown) => {
      for (const l of changeListeners) l({ readerSettings: { newValue: value } }, 'local');
    };
    const a = { ...DEFAULT_SETTINGS, fontSize: 20 };
    const b = { ...a, fontWeight: 300 as const };
    const c = { ...b, textIndent: true };
    await saveSettings(a);
    await saveSettings(b);
    await saveSettings(c);
    // The first write comes back after the third was made: not news (it would undo b and c).
    echo(a);
    echo(b);
    expect(heard).toEqual([]);
    // Another page's change is.
    echo({ ...c, theme: 'dark' });
    expect(heard.at(-1)).toMatchObject({ theme: 'dark', textIndent: true, fontWeight: 300 });
    echo(c);
    expect(heard).toHaveLength(1);
    // Settings removed elsewhere: back to the defaults.
    echo(undefined);
    expect(heard.at(-1)).toEqual(DEFAULT_SETTINGS);
    for (const l of changeListeners) l({ other: { newValue: 1 } }, 'local');
    expect(heard).toHaveLength(2);
  });
});

describe('sliderText', () => {
  it('formats with the step\'s decimals and the unit', () => {
    expect(sliderText('fontSize', 20)).toBe('20 px');
    expect(sliderText('lineHeight', 2)).toBe('2.0×');
    expect(sliderText('letterSpacing', 0)).toBe('0.00 em');
    expect(sliderText('width', 60)).toBe('60 em');
  });
});

describe('applySettings', () => {
  it('puts every setting on the root: data attributes and CSS variables', () => {
    const root = document.documentElement;
    applySettings(root, { ...DEFAULT_SETTINGS, theme: 'custom', fontFamily: 'kai', textAlign: 'start', textIndent: true, letterSpacing: 0.05, paragraphSpacing: 1.5, fontWeight: 300, customText: '#eeeeee', customBackground: '#111111', pageMarkers: false });
    expect({ ...root.dataset }).toMatchObject({ theme: 'custom', font: 'kai', align: 'start', indent: 'on', pageMarkers: 'off', customScheme: 'dark' });
    const v = (name: string) => root.style.getPropertyValue(name);
    expect([v('--reader-letter-spacing'), v('--reader-paragraph-spacing'), v('--reader-font-weight'), v('--custom-fg'), v('--custom-bg')]).toEqual(['0.05em', '1.5em', '300', '#eeeeee', '#111111']);
    expect([v('--reader-font-size'), v('--reader-line-height'), v('--reader-measure')]).toEqual(['19px', '1.8', '36']);
    expect(v('--reader-font')).toContain('"AR PL UKai CN"');
    applySettings(root, DEFAULT_SETTINGS);
    expect({ ...root.dataset }).toMatchObject({ theme: 'system', font: 'sans', align: 'auto', indent: 'off', pageMarkers: 'on', customScheme: 'light' });
    expect(v('--reader-letter-spacing')).toBe('0em');
  });
});

describe('font-check', () => {
  /** A fake canvas: text in a font whose stack starts with an installed face measures differently. */
  const fakeMeasure = (installed: string[]) => (font: string) => {
    const first = /^40px "([^"]+)"/.exec(font)?.[1];
    const generic = font.split(',').at(-1)!.trim().replace(/^40px /, '');
    const width = first && installed.includes(first) ? 700 + first.length : { monospace: 600, serif: 650, 'sans-serif': 640 }[generic] ?? 0;
    return { width, ascent: 30, descent: 8, left: 0, right: width };
  };

  it('finds a face whose metrics differ from a generic family, and not a missing one', () => {
    const measure = fakeMeasure(['Noto Serif CJK SC']);
    expect(faceAvailable(document, 'Noto Serif CJK SC', measure)).toBe(true);
    expect(faceAvailable(document, 'AR PL UKai CN', measure)).toBe(false);
    expect(faceAvailable(document, 'X', null)).toBeNull();
  });

  it('a face that is one of the generics is still found (it differs from the other two)', () => {
    const measure = (font: string) => {
      const r = fakeMeasure([])(font);
      return font.includes('"DejaVu Serif"') ? { ...r, width: 650 } : r;
    };
    expect(faceAvailable(document, 'DejaVu Serif', measure)).toBe(true);
  });

  it('kaiStatus: the first Kai face there, else the fallback Chinese is drawn with', () => {
    expect(kaiStatus(document, fakeMeasure(['Noto Serif CJK SC']))).toEqual({ kaiFace: null, fallback: 'Noto Serif CJK SC' });
    expect(kaiStatus(document, fakeMeasure(['Noto Serif CJK SC', 'AR PL UKai CN', 'LXGW WenKai']))).toEqual({ kaiFace: 'LXGW WenKai', fallback: null });
    expect(kaiStatus(document, fakeMeasure([]))).toEqual({ kaiFace: null, fallback: null });
    expect(kaiStatus(document, null)).toBeNull();
  });

  it('weightStatus: the weights that measure as Regular in the setting\'s first installed Chinese face', () => {
    // Regular and Bold installed only (Debian's Noto CJK): 300 and 500 fall to Regular, 600 to Bold.
    const measure = (font: string) => {
      const m = /^(\d+) 40px "([^"]+)"/.exec(font);
      const base = fakeMeasure(['Noto Sans CJK SC'])(font.replace(/^\d+ /, ''));
      if (!m || m[2] !== 'Noto Sans CJK SC') return base;
      const weight = Number(m[1]);
      return { ...base, width: base.width + (weight >= 600 ? 50 : 0) };
    };
    expect(weightStatus(document, 'sans', [300, 400, 500, 600], measure)).toEqual({ face: 'Noto Sans CJK SC', likeRegular: [300, 500] });
    expect(weightStatus(document, 'serif', [300, 400], measure)).toBeNull();
    expect(weightStatus(document, 'sans', [300], null)).toBeNull();
  });

  it('the Chinese faces of each font setting are the stylesheet\'s --zh-sc', async () => {
    const { CJK_FACES_SC } = await import('./settings');
    const css = readFileSync(path.resolve(import.meta.dirname, '../../entrypoints/reader/style.css'), 'utf8');
    const zhSc = (selector: string) => {
      const rule = css.slice(css.indexOf(`${selector} {`));
      return /--zh-sc:\s*([^;]+);/.exec(rule)![1]!.split(',').map((f) => f.trim().replace(/^"|"$/g, ''));
    };
    expect(zhSc(':root')).toEqual(CJK_FACES_SC.sans);
    expect(zhSc(':root[data-font="serif"]')).toEqual(CJK_FACES_SC.serif);
    expect(zhSc(':root[data-font="kai"]')).toEqual(CJK_FACES_SC.kai);
  });

  it('every Kai face it looks for is in the stylesheet\'s Kai stacks', async () => {
    const { KAI_FACES } = await import('./settings');
    const css = readFileSync(path.resolve(import.meta.dirname, '../../entrypoints/reader/style.css'), 'utf8');
    const kaiRule = css.slice(css.indexOf(':root[data-font="kai"]'), css.indexOf('}', css.indexOf(':root[data-font="kai"]')));
    for (const face of KAI_FACES) expect(kaiRule, face).toContain(`"${face}"`);
  });
});
