/**
 * A form of reading settings (the reader's panel and the options page share it): inputs named after
 * the settings, filled from them, saving every change.
 */
import { LIMITS, saveSettings, type ReaderSettings } from './settings';

export interface SettingsForm {
  /** Shows these settings in the form. */
  fill(settings: ReaderSettings): void;
}

/**
 * Binds `form`. Every change is saved to `browser.storage.local` and handed to `onChange`
 * (apply it to the page). Inputs the form lacks are skipped.
 */
export function bindSettingsForm(form: HTMLFormElement, initial: ReaderSettings, onChange: (settings: ReaderSettings) => void): SettingsForm {
  let current = initial;
  const input = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
  const fill = (settings: ReaderSettings) => {
    current = settings;
    for (const radio of form.querySelectorAll<HTMLInputElement>('input[name="theme"]')) radio.checked = radio.value === settings.theme;
    const family = input('fontFamily');
    if (family) family.value = settings.fontFamily;
    for (const name of ['fontSize', 'lineHeight', 'width'] as const) {
      const range = input(name) as HTMLInputElement | null;
      if (!range) continue;
      range.min = String(LIMITS[name].min);
      range.max = String(LIMITS[name].max);
      range.step = String(LIMITS[name].step);
      range.value = String(settings[name]);
    }
    for (const name of ['pageMarkers', 'copyHeader', 'autoOpen'] as const) {
      const box = input(name) as HTMLInputElement | null;
      if (box) box.checked = settings[name];
    }
  };
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('input', (event) => {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    if (!target.name) return;
    let value: unknown;
    if (target instanceof HTMLInputElement && target.type === 'checkbox') value = target.checked;
    else if (target instanceof HTMLInputElement && target.type === 'range') value = Number(target.value);
    else value = target.value;
    current = { ...current, [target.name]: value };
    onChange(current);
    void saveSettings(current);
  });
  fill(initial);
  return { fill };
}
