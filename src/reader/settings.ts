/**
 * Reading settings: what they are, their defaults and limits, and where they live
 * (`browser.storage.local`, one key). Applying them to the page is `applySettings`.
 */
import { browser } from 'wxt/browser';
import { SETTINGS_STORAGE_KEY } from '../storage-keys';
import { isDark } from './contrast';

/** `contrast` is black on white, `contrastDark` white on black; `custom` is the two colours below. */
export const THEMES = ['system', 'light', 'sepia', 'dark', 'contrast', 'contrastDark', 'custom'] as const;
export type Theme = (typeof THEMES)[number];
export const FONT_FAMILIES = ['sans', 'serif', 'kai'] as const;
export type FontFamily = (typeof FONT_FAMILIES)[number];
/** `auto`: justified for Chinese (every line ends flush), start-aligned for Latin text. */
export const TEXT_ALIGNS = ['auto', 'justify', 'start'] as const;
export type TextAlign = (typeof TEXT_ALIGNS)[number];
/** Light, regular, medium, semibold: what the face has (a weight it lacks draws the nearest). */
export const FONT_WEIGHTS = [300, 400, 500, 600] as const;
export type FontWeight = (typeof FONT_WEIGHTS)[number];
/** Chinese shown as written, or in Simplified, Traditional, Taiwan's or Hong Kong's (script-view.ts). */
export const SCRIPT_CHOICES = ['original', 'hans', 'hant', 'tw', 'hk'] as const;
export type ScriptChoice = (typeof SCRIPT_CHOICES)[number];
/** Lines across, or columns from right to left (竖排, vertical.ts). */
export const LAYOUTS = ['horizontal', 'vertical'] as const;
export type Layout = (typeof LAYOUTS)[number];

export interface ReaderSettings {
  /** `system` follows the operating system's light or dark preference. */
  theme: Theme;
  fontFamily: FontFamily;
  /** px */
  fontSize: number;
  lineHeight: number;
  /** Column width, in units of the text size (36 ≈ 36 Chinese characters a line). */
  width: number;
  /** Body text: alignment, spacing between characters (em), between paragraphs (em), weight. */
  textAlign: TextAlign;
  letterSpacing: number;
  paragraphSpacing: number;
  /** 首行缩进: each body paragraph's first line indented by two characters. */
  textIndent: boolean;
  fontWeight: FontWeight;
  /** The `custom` theme's text and background colours, `#rrggbb`. */
  customText: string;
  customBackground: string;
  /** A rule with "Page 2" and a link to the original page between pages. */
  pageMarkers: boolean;
  /** Copied text starts with title, source, date and URL. */
  copyHeader: boolean;
  /** The content script opens the reader by itself on a paginated article. */
  autoOpen: boolean;
  /** Single-key shortcuts in the reader (t, c, ?…); off, no character key does anything (WCAG 2.1.4). */
  shortcuts: boolean;
  /** The script Chinese articles are shown in unless one is picked for the article. */
  script: ScriptChoice;
  layout: Layout;
  /**
   * Seconds the reader waits for one page before it gives that page up and says so ("no answer
   * within 15 s"; Retry asks again). Longer on a slow connection, shorter to hear sooner.
   */
  pageTimeout: number;
}

export const DEFAULT_SETTINGS: ReaderSettings = {
  theme: 'system',
  fontFamily: 'sans',
  fontSize: 19,
  lineHeight: 1.8,
  width: 36,
  textAlign: 'auto',
  letterSpacing: 0,
  paragraphSpacing: 1,
  textIndent: false,
  fontWeight: 400,
  // 护眼绿: the pale green many Chinese readers pick, with dark green-grey text (12:1).
  customText: '#1b2b1c',
  customBackground: '#cce8cf',
  pageMarkers: true,
  copyHeader: true,
  autoOpen: false,
  shortcuts: true,
  script: 'original',
  layout: 'horizontal',
  pageTimeout: 15,
};

export const LIMITS = {
  fontSize: { min: 14, max: 30, step: 1 },
  lineHeight: { min: 1.3, max: 2.4, step: 0.1 },
  width: { min: 24, max: 60, step: 2 },
  letterSpacing: { min: 0, max: 0.2, step: 0.01 },
  paragraphSpacing: { min: 0, max: 2, step: 0.1 },
  pageTimeout: { min: 2, max: 60, step: 1 },
} as const;

/**
 * Font stacks: Latin faces first (they carry no Han glyphs, so Chinese falls through), then the
 * CJK faces of macOS, Windows and Linux, then the generic family.
 */
export const FONT_STACKS: Record<FontFamily, string> = {
  sans: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif',
  serif: 'Georgia, Charter, "Times New Roman", "Songti SC", "STSong", "SimSun", "Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN", serif',
  kai: 'Georgia, "Times New Roman", "Kaiti SC", "STKaiti", "KaiTi", "LXGW WenKai", "AR PL UKai CN", "Noto Serif CJK SC", serif',
};

/**
 * Every Kai (楷体) face the Kai setting's stacks name (style.css `:root[data-font="kai"]`, Simplified,
 * Traditional and Hong Kong), in stack order, and what Chinese text falls back to without one.
 * font-check.ts looks for them: most Linux systems have none, and Kai then draws 宋体.
 */
export const KAI_FACES = ['Kaiti SC', 'STKaiti', 'KaiTi', 'LXGW WenKai', 'AR PL UKai CN', 'Kaiti TC', 'BiauKai', 'DFKai-SB', 'LXGW WenKai TC', 'AR PL UKai TW', 'AR PL UKai HK'] as const;
export const KAI_FALLBACK_FACES = ['Noto Serif CJK SC', 'Source Han Serif SC', 'Noto Serif CJK TC', 'Source Han Serif TC'] as const;
/** The Simplified Chinese faces of each font setting, in order (style.css `--zh-sc`). */
export const CJK_FACES_SC: Record<FontFamily, readonly string[]> = {
  sans: ['PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Source Han Sans CN', 'WenQuanYi Micro Hei'],
  serif: ['Songti SC', 'STSong', 'SimSun', 'Noto Serif CJK SC', 'Source Han Serif SC', 'Source Han Serif CN', 'AR PL UMing CN'],
  kai: ['Kaiti SC', 'STKaiti', 'KaiTi', 'LXGW WenKai', 'AR PL UKai CN', 'Noto Serif CJK SC', 'Source Han Serif SC'],
};

const STORAGE_KEY = SETTINGS_STORAGE_KEY;

/** Decimal places of a step (0.01 → 2), for rounding and for showing values. */
export function stepDecimals(step: number): number {
  const text = String(step);
  return text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
}

/** A number within the limit, on its steps (counted from `min`); anything else is `fallback`. */
function clamp(value: unknown, limit: { min: number; max: number; step: number }, fallback: number): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  const within = Math.min(limit.max, Math.max(limit.min, n));
  const stepped = limit.min + Math.round((within - limit.min) / limit.step) * limit.step;
  return Number(Math.min(limit.max, stepped).toFixed(stepDecimals(limit.step)));
}

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;
function colour(value: unknown, fallback: string): string {
  return typeof value === 'string' && HEX_COLOUR.test(value) ? value.toLowerCase() : fallback;
}

/** Settings from anything stored: unknown or broken values fall back to the defaults. */
export function normalizeSettings(raw: unknown): ReaderSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof ReaderSettings, unknown>>;
  return {
    theme: THEMES.includes(r.theme as Theme) ? (r.theme as Theme) : DEFAULT_SETTINGS.theme,
    fontFamily: FONT_FAMILIES.includes(r.fontFamily as FontFamily) ? (r.fontFamily as FontFamily) : DEFAULT_SETTINGS.fontFamily,
    fontSize: clamp(r.fontSize, LIMITS.fontSize, DEFAULT_SETTINGS.fontSize),
    lineHeight: clamp(r.lineHeight, LIMITS.lineHeight, DEFAULT_SETTINGS.lineHeight),
    width: clamp(r.width, LIMITS.width, DEFAULT_SETTINGS.width),
    textAlign: TEXT_ALIGNS.includes(r.textAlign as TextAlign) ? (r.textAlign as TextAlign) : DEFAULT_SETTINGS.textAlign,
    letterSpacing: clamp(r.letterSpacing, LIMITS.letterSpacing, DEFAULT_SETTINGS.letterSpacing),
    paragraphSpacing: clamp(r.paragraphSpacing, LIMITS.paragraphSpacing, DEFAULT_SETTINGS.paragraphSpacing),
    textIndent: typeof r.textIndent === 'boolean' ? r.textIndent : DEFAULT_SETTINGS.textIndent,
    fontWeight: FONT_WEIGHTS.includes(r.fontWeight as FontWeight) ? (r.fontWeight as FontWeight) : DEFAULT_SETTINGS.fontWeight,
    customText: colour(r.customText, DEFAULT_SETTINGS.customText),
    customBackground: colour(r.customBackground, DEFAULT_SETTINGS.customBackground),
    pageMarkers: typeof r.pageMarkers === 'boolean' ? r.pageMarkers : DEFAULT_SETTINGS.pageMarkers,
    copyHeader: typeof r.copyHeader === 'boolean' ? r.copyHeader : DEFAULT_SETTINGS.copyHeader,
    autoOpen: typeof r.autoOpen === 'boolean' ? r.autoOpen : DEFAULT_SETTINGS.autoOpen,
    shortcuts: typeof r.shortcuts === 'boolean' ? r.shortcuts : DEFAULT_SETTINGS.shortcuts,
    script: SCRIPT_CHOICES.includes(r.script as ScriptChoice) ? (r.script as ScriptChoice) : DEFAULT_SETTINGS.script,
    layout: LAYOUTS.includes(r.layout as Layout) ? (r.layout as Layout) : DEFAULT_SETTINGS.layout,
    pageTimeout: clamp(r.pageTimeout, LIMITS.pageTimeout, DEFAULT_SETTINGS.pageTimeout),
  };
}

export async function loadSettings(): Promise<ReaderSettings> {
  const stored = await browser.storage.local.get(STORAGE_KEY);
  return normalizeSettings(stored[STORAGE_KEY]);
}

/**
 * What this page wrote and has not heard back yet. `storage.onChanged` reports a page's own writes
 * too, and late: three quick changes (a slider dragged, then a select) came back as the first one
 * after the third was made, and taking that echo for news undid the other two.
 */
const ownWrites: string[] = [];

export async function saveSettings(settings: ReaderSettings): Promise<void> {
  const value = normalizeSettings(settings);
  ownWrites.push(JSON.stringify(value));
  if (ownWrites.length > 100) ownWrites.shift();
  await browser.storage.local.set({ [STORAGE_KEY]: value });
}

/**
 * Calls `listener` when another page (the options page, another reader) changes the settings; the
 * echoes of this page's own writes are not news (one listener a page: it consumes them).
 */
export function onSettingsChanged(listener: (settings: ReaderSettings) => void): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !changes[STORAGE_KEY]) return;
    const next = normalizeSettings(changes[STORAGE_KEY].newValue);
    const own = ownWrites.indexOf(JSON.stringify(next));
    if (own >= 0) {
      ownWrites.splice(0, own + 1);
      return;
    }
    listener(next);
  });
}

/** The next theme in the cycle (keyboard `t`). */
export function nextTheme(theme: Theme): Theme {
  return THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length] as Theme;
}

/**
 * Puts the settings on the root element: `data-theme`, `data-font`, `data-page-markers`,
 * `data-align`, `data-indent`, `data-custom-scheme` and CSS variables (style.css reads them).
 */
export function applySettings(root: HTMLElement, settings: ReaderSettings): void {
  root.dataset.theme = settings.theme;
  root.dataset.font = settings.fontFamily;
  root.dataset.pageMarkers = settings.pageMarkers ? 'on' : 'off';
  root.dataset.align = settings.textAlign;
  root.dataset.indent = settings.textIndent ? 'on' : 'off';
  root.style.setProperty('--reader-letter-spacing', `${settings.letterSpacing}em`);
  root.style.setProperty('--reader-paragraph-spacing', `${settings.paragraphSpacing}em`);
  root.style.setProperty('--reader-font-weight', String(settings.fontWeight));
  root.style.setProperty('--custom-fg', settings.customText);
  root.style.setProperty('--custom-bg', settings.customBackground);
  root.dataset.customScheme = isDark(settings.customBackground) ? 'dark' : 'light';
  root.style.setProperty('--reader-font', FONT_STACKS[settings.fontFamily]);
  root.style.setProperty('--reader-font-size', `${settings.fontSize}px`);
  root.style.setProperty('--reader-line-height', String(settings.lineHeight));
  // In units of the text size, so the status line and the article share one column.
  root.style.setProperty('--reader-measure', String(settings.width));
}
