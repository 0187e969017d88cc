/**
 * The reading settings' controls, written once for the reader's Aa popover and the options page:
 * the rows of their `#settings` form, built from the lists in settings.ts (every theme, font,
 * weight, alignment, script and layout there gets its option here, typed, so a value cannot go
 * without a label). settings-form.ts binds what is built; each page's stylesheet lays it out.
 * The text is the interface language's (`t()`), with `data-i18n` as on the rest of the page.
 */
import { t, type MessageKey } from '../ui-text';
import {
  FONT_FAMILIES,
  FONT_WEIGHTS,
  LAYOUTS,
  SCRIPT_CHOICES,
  TEXT_ALIGNS,
  THEMES,
  type FontFamily,
  type FontWeight,
  type Layout,
  type LIMITS,
  type ReaderSettings,
  type ScriptChoice,
  type TextAlign,
  type Theme,
} from './settings';
import { element, type Attributes } from './ui-elements';

/** The pages with a settings form. */
export type SettingsPage = 'reader' | 'options';

/**
 * What each page leaves out: the popover has no "open automatically" or page time limit (choices
 * about browsing and the connection, made on the options page); the options page has no script or layout (the reader's choices, with the
 * article in front of you; its sample column is horizontal).
 */
export const LEFT_OUT: Record<SettingsPage, readonly (keyof ReaderSettings)[]> = {
  reader: ['autoOpen', 'pageTimeout'],
  options: ['script', 'layout'],
};

type Choice = readonly [value: string, label: MessageKey];
function choices<T extends string | number>(values: readonly T[], labels: Record<T, MessageKey>): Choice[] {
  return values.map((value) => [String(value), labels[value]]);
}

const THEME_LABELS: Record<Theme, MessageKey> = {
  system: 'themeSystem',
  light: 'themeLight',
  sepia: 'themeSepia',
  dark: 'themeDark',
  contrast: 'themeContrast',
  contrastDark: 'themeContrastDark',
  custom: 'themeCustom',
};
const FONT_LABELS: Record<FontFamily, MessageKey> = { sans: 'fontSans', serif: 'fontSerif', kai: 'fontKai' };
const WEIGHT_LABELS: Record<FontWeight, MessageKey> = { 300: 'weightLight', 400: 'weightRegular', 500: 'weightMedium', 600: 'weightSemibold' };
const ALIGN_LABELS: Record<TextAlign, MessageKey> = { auto: 'alignAuto', justify: 'alignJustify', start: 'alignStart' };
/** Also the reader toolbar's script menu and its back-and-forth button (script-view.ts). */
export const SCRIPT_LABELS: Record<ScriptChoice, MessageKey> = { original: 'scriptOriginal', hans: 'scriptHans', hant: 'scriptHant', tw: 'scriptTw', hk: 'scriptHk' };
const LAYOUT_LABELS: Record<Layout, MessageKey> = { horizontal: 'layoutHorizontal', vertical: 'layoutVertical' };

type CheckSetting = { [K in keyof ReaderSettings]: ReaderSettings[K] extends boolean ? K : never }[keyof ReaderSettings];

type Row =
  /** The theme radios, then the custom theme's colours (shown while it is chosen) and their contrast. */
  | { kind: 'theme'; name: 'theme' }
  /** A labelled menu; `note`: the id of the font note under it (settings-form.ts fills it). */
  | { kind: 'select'; name: keyof ReaderSettings; label: MessageKey; choices: readonly Choice[]; note?: string }
  /** A range with its value beside it (`<output data-output>`); min/max/step come from LIMITS. */
  | { kind: 'slider'; name: keyof typeof LIMITS; label: MessageKey }
  | { kind: 'check'; name: CheckSetting; label: MessageKey };

/** The form, in order. A new setting is a row here (or a page's LEFT_OUT). */
const ROWS: readonly Row[] = [
  { kind: 'theme', name: 'theme' },
  { kind: 'select', name: 'fontFamily', label: 'settingsFont', choices: choices(FONT_FAMILIES, FONT_LABELS), note: 'kai-note' },
  { kind: 'select', name: 'fontWeight', label: 'settingsFontWeight', choices: choices(FONT_WEIGHTS, WEIGHT_LABELS), note: 'weight-note' },
  { kind: 'slider', name: 'fontSize', label: 'settingsFontSize' },
  { kind: 'slider', name: 'lineHeight', label: 'settingsLineHeight' },
  { kind: 'slider', name: 'letterSpacing', label: 'settingsLetterSpacing' },
  { kind: 'slider', name: 'paragraphSpacing', label: 'settingsParagraphSpacing' },
  { kind: 'slider', name: 'width', label: 'settingsWidth' },
  { kind: 'select', name: 'textAlign', label: 'settingsAlign', choices: choices(TEXT_ALIGNS, ALIGN_LABELS) },
  { kind: 'select', name: 'script', label: 'settingsScript', choices: choices(SCRIPT_CHOICES, SCRIPT_LABELS) },
  { kind: 'select', name: 'layout', label: 'settingsLayout', choices: choices(LAYOUTS, LAYOUT_LABELS) },
  { kind: 'check', name: 'textIndent', label: 'settingsTextIndent' },
  { kind: 'check', name: 'pageMarkers', label: 'settingsPageMarkers' },
  { kind: 'check', name: 'copyHeader', label: 'settingsCopyHeader' },
  { kind: 'check', name: 'autoOpen', label: 'settingsAutoOpen' },
  { kind: 'check', name: 'shortcuts', label: 'settingsShortcuts' },
  { kind: 'slider', name: 'pageTimeout', label: 'settingsPageTimeout' },
];

/** Puts `page`'s rows and the "Reset to defaults" button into `form` (replacing what it holds). */
export function renderSettingsRows(form: HTMLFormElement, page: SettingsPage): void {
  const doc = form.ownerDocument;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attributes = {}, ...children: (Node | string)[]) => element(doc, tag, attrs, ...children);
  const text = (tag: keyof HTMLElementTagNameMap, key: MessageKey, attrs: Attributes = {}): HTMLElement => el(tag, { ...attrs, 'data-i18n': key }, t(key));
  /** An input with its label text after it: a radio, a colour, a checkbox. */
  const labelled = (input: Attributes, key: MessageKey, attrs: Attributes = {}) => el('label', attrs, el('input', input), ' ', text('span', key));

  const build = (row: Row): HTMLElement[] => {
    switch (row.kind) {
      case 'theme':
        return [
          el('fieldset', { class: 'themes' }, text('legend', 'settingsTheme'), ...choices(THEMES, THEME_LABELS).map(([value, key]) => labelled({ type: 'radio', name: 'theme', value }, key))),
          el(
            'div',
            { class: 'custom-colours', 'data-when-theme': 'custom' },
            labelled({ type: 'color', name: 'customText' }, 'settingsCustomText'),
            labelled({ type: 'color', name: 'customBackground' }, 'settingsCustomBackground'),
            el('output', { class: 'contrast-note', 'data-output': 'contrast' }),
          ),
        ];
      case 'select': {
        const menu = el('select', { name: row.name }, ...row.choices.map(([value, key]) => text('option', key, { value })));
        const shown: HTMLElement[] = [el('label', { class: 'row' }, text('span', row.label), menu)];
        if (row.note) shown.push(el('p', { class: 'font-note', id: row.note, hidden: '' }));
        return shown;
      }
      case 'slider': {
        const id = `set-${row.name}`;
        return [el('div', { class: 'row slider' }, text('label', row.label, { for: id }), ' ', el('input', { type: 'range', id, name: row.name }), ' ', el('output', { 'aria-hidden': 'true', for: id, 'data-output': row.name }))];
      }
      case 'check':
        return [labelled({ type: 'checkbox', name: row.name }, row.label, { class: 'check' })];
    }
  };

  const rows = ROWS.filter((row) => !LEFT_OUT[page].includes(row.name)).flatMap(build);
  form.replaceChildren(...rows, text('button', 'settingsReset', { type: 'button', class: 'reset-settings', 'data-action': 'reset-settings' }));
}
