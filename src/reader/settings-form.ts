/**
 * A form of reading settings (the reader's popover and the options page share it): inputs named
 * after the settings, filled from them, every change applied at once (live preview) and saved.
 * Each slider shows its value beside it (`<output data-output="name">`, localized units) and says
 * it as `aria-valuetext`; `[data-when-theme]` blocks show only under that theme; the Kai option
 * says whether a Kai face is installed; "Reset to defaults" (`[data-action="reset-settings"]`)
 * resets what the form shows.
 */
import { t, uiLocale, type MessageKey } from '../ui-text';
import { contrastRatio } from './contrast';
import { kaiStatus, weightStatus, type KaiStatus, type WeightStatus } from './font-check';
import { DEFAULT_SETTINGS, FONT_WEIGHTS, LIMITS, normalizeSettings, saveSettings, stepDecimals, type FontFamily, type ReaderSettings } from './settings';

export interface SettingsForm {
  /** Shows these settings in the form. */
  fill(settings: ReaderSettings): void;
}

export interface SettingsFormOptions {
  /** What the Kai setting draws with; default: measured in the form's document (font-check.ts). */
  kai?: KaiStatus | null;
  /** Which weights a font setting's Chinese face lacks here; default: measured (font-check.ts). */
  weights?: (family: FontFamily) => WeightStatus | null;
}

type SliderName = keyof typeof LIMITS;
const UNITS: Record<SliderName, MessageKey> = {
  fontSize: 'unitPx',
  lineHeight: 'unitTimes',
  width: 'unitEm',
  letterSpacing: 'unitEm',
  paragraphSpacing: 'unitEm',
  pageTimeout: 'unitSeconds',
};

function isSlider(name: string): name is SliderName {
  return Object.prototype.hasOwnProperty.call(LIMITS, name);
}

/** A slider's value as shown and spoken: "19 px", "1.8×", "0.05 em" ("19 像素", "1.8 倍", "0.05 字"). */
export function sliderText(name: SliderName, value: number): string {
  const decimals = stepDecimals(LIMITS[name].step);
  const number = new Intl.NumberFormat(uiLocale(), { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
  return t(UNITS[name], { value: number });
}

/** "Contrast 11.4 : 1", with a warning below 4.5 : 1 (WCAG AA for body text). */
export function contrastText(text: string, background: string): { text: string; low: boolean } {
  const ratio = contrastRatio(text, background);
  const low = !(ratio >= 4.5);
  const shown = new Intl.NumberFormat(uiLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.floor(ratio * 10) / 10);
  return { text: t(low ? 'settingsCustomContrastLow' : 'settingsCustomContrast', { ratio: shown }), low };
}

type Field = HTMLInputElement | HTMLSelectElement;

/**
 * Binds `form`. Every change is saved to `browser.storage.local` and handed to `onChange`
 * (apply it to the page). Inputs the form lacks are skipped; inputs named after no setting are
 * left alone.
 */
export function bindSettingsForm(form: HTMLFormElement, initial: ReaderSettings, onChange: (settings: ReaderSettings) => void, options: SettingsFormOptions = {}): SettingsForm {
  let current = initial;
  const doc = form.ownerDocument;
  const fields = () => [...form.querySelectorAll<Field>('input[name], select[name]')].filter((el) => Object.prototype.hasOwnProperty.call(DEFAULT_SETTINGS, el.name));
  // Looking for the Kai faces measures text on a canvas (4-12 ms): done when the page is idle, not
  // before the article shows; its cost goes in data-font-check-ms for the browser tests to report.
  let kai: KaiStatus | null = options.kai ?? null;
  if (options.kai === undefined) {
    const view = doc.defaultView;
    const check = () => {
      const started = performance.now();
      kai = kaiStatus(doc);
      form.dataset.fontCheckMs = (performance.now() - started).toFixed(1);
      showKai(current);
    };
    if (view?.requestIdleCallback) view.requestIdleCallback(check, { timeout: 1000 });
    else setTimeout(check, 0);
  }
  const weightCache = new Map<FontFamily, WeightStatus | null>();
  const weights = (family: FontFamily) => {
    if (!weightCache.has(family)) weightCache.set(family, options.weights ? options.weights(family) : weightStatus(doc, family, FONT_WEIGHTS));
    return weightCache.get(family) ?? null;
  };

  /** A shown note describes its control (screen readers say it with the select). */
  const describe = (name: string, note: HTMLElement) => {
    const control = form.querySelector(`[name="${name}"]`);
    if (!control || !note.id) return;
    if (note.hidden) control.removeAttribute('aria-describedby');
    else control.setAttribute('aria-describedby', note.id);
  };

  /** Under the weight: a weight the face lacks here draws as Regular; say so while it is chosen. */
  const showWeight = (settings: ReaderSettings) => {
    const note = form.querySelector<HTMLElement>('#weight-note');
    if (!note) return;
    const status = settings.fontWeight === 400 ? null : weights(settings.fontFamily);
    const lacking = status?.likeRegular.includes(settings.fontWeight) ?? false;
    note.hidden = !lacking;
    note.dataset.face = status?.face ?? '';
    if (status && lacking) {
      const label = form.querySelector(`select[name="fontWeight"] option[value="${settings.fontWeight}"]`)?.textContent ?? String(settings.fontWeight);
      note.textContent = t('weightLikeRegular', { face: status.face, weight: label });
    }
    describe('fontWeight', note);
  };

  const showKai = (settings: ReaderSettings) => {
    const note = form.querySelector<HTMLElement>('#kai-note');
    const option = form.querySelector<HTMLOptionElement>('select[name="fontFamily"] option[value="kai"]');
    if (!kai) {
      if (note) note.hidden = true;
      return;
    }
    if (option && !kai.kaiFace) option.textContent = t('fontKaiMissing');
    if (!note) return;
    note.dataset.kaiFace = kai.kaiFace ?? '';
    note.dataset.kaiFallback = kai.fallback ?? '';
    note.textContent = kai.kaiFace ? t('kaiFoundNote', { face: kai.kaiFace }) : t('kaiMissingNote', { face: kai.fallback ?? t('kaiFallbackGeneric') });
    note.hidden = settings.fontFamily !== 'kai';
    describe('fontFamily', note);
  };

  const fill = (settings: ReaderSettings) => {
    current = settings;
    for (const el of fields()) {
      const value = settings[el.name as keyof ReaderSettings];
      if (el.type === 'checkbox') (el as HTMLInputElement).checked = value === true;
      else if (el.type === 'radio') (el as HTMLInputElement).checked = el.value === String(value);
      else {
        if (el.type === 'range' && isSlider(el.name)) {
          const limit = LIMITS[el.name];
          el.setAttribute('min', String(limit.min));
          el.setAttribute('max', String(limit.max));
          el.setAttribute('step', String(limit.step));
        }
        el.value = String(value);
      }
      if (el.type === 'range' && isSlider(el.name)) {
        const text = sliderText(el.name, settings[el.name]);
        el.setAttribute('aria-valuetext', text);
        for (const out of form.querySelectorAll<HTMLOutputElement>(`output[data-output="${el.name}"]`)) out.textContent = text;
      }
    }
    for (const block of form.querySelectorAll<HTMLElement>('[data-when-theme]')) block.hidden = block.dataset.whenTheme !== settings.theme;
    for (const out of form.querySelectorAll<HTMLOutputElement>('output[data-output="contrast"]')) {
      const c = contrastText(settings.customText, settings.customBackground);
      out.textContent = c.text;
      out.toggleAttribute('data-low', c.low);
    }
    showKai(settings);
    showWeight(settings);
  };

  const change = (next: ReaderSettings) => {
    fill(next);
    onChange(current);
    void saveSettings(current);
  };

  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('input', (event) => {
    const target = event.target as Field;
    const name = target.name as keyof ReaderSettings;
    if (!name || !Object.prototype.hasOwnProperty.call(DEFAULT_SETTINGS, name)) return;
    const before = current[name];
    let value: unknown;
    if (target.type === 'checkbox') value = (target as HTMLInputElement).checked;
    else if (typeof before === 'number') value = Number(target.value);
    else value = target.value;
    const patch: Partial<Record<keyof ReaderSettings, unknown>> = { [name]: value };
    // Picking a colour means using it.
    if ((name === 'customText' || name === 'customBackground') && current.theme !== 'custom') patch.theme = 'custom';
    change(normalizeSettings({ ...current, ...patch }));
  });
  form.addEventListener('click', (event) => {
    if (!(event.target as Element | null)?.closest('[data-action="reset-settings"]')) return;
    // What this form shows goes back to its default; what it does not show (the reader's popover
    // has no "open automatically") is kept.
    const shown = new Set(fields().map((el) => el.name));
    const reset = { ...current } as Record<string, unknown>;
    for (const name of shown) reset[name] = DEFAULT_SETTINGS[name as keyof ReaderSettings];
    change(normalizeSettings(reset));
  });
  fill(initial);
  return { fill };
}
