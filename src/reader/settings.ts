/**
 * Reading settings: what they are, their defaults and limits, and where they live
 * (`browser.storage.local`, one key). Applying them to the page is `applySettings`.
 */
import { browser } from 'wxt/browser';
import { SETTINGS_STORAGE_KEY } from '../storage-keys';

export const THEMES = ['system', 'light', 'sepia', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const FONT_FAMILIES = ['sans', 'serif', 'kai'] as const;
export type FontFamily = (typeof FONT_FAMILIES)[number];

export interface ReaderSettings {
  /** `system` follows the operating system's light or dark preference. */
  theme: Theme;
  fontFamily: FontFamily;
  /** px */
  fontSize: number;
  lineHeight: number;
  /** Column width, in units of the text size (36 ≈ 36 Chinese characters a line). */
  width: number;
  /** A rule with "Page 2" and a link to the original page between pages. */
  pageMarkers: boolean;
  /** Copied text starts with title, source, date and URL. */
  copyHeader: boolean;
  /** The content script opens the reader by itself on a paginated article. */
  autoOpen: boolean;
}

export const DEFAULT_SETTINGS: ReaderSettings = {
  theme: 'system',
  fontFamily: 'sans',
  fontSize: 19,
  lineHeight: 1.8,
  width: 36,
  pageMarkers: true,
  copyHeader: true,
  autoOpen: false,
};

export const LIMITS = {
  fontSize: { min: 14, max: 30, step: 1 },
  lineHeight: { min: 1.3, max: 2.4, step: 0.1 },
  width: { min: 24, max: 60, step: 2 },
} as const;

/**
 * Font stacks: Latin faces first (they carry no Han glyphs, so Chinese falls through), then the
 * CJK faces of macOS, Windows and Linux, then the generic family.
 */
export const FONT_STACKS: Record<FontFamily, string> = {
  sans: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif',
  serif: 'Georgia, Charter, "Times New Roman", "Songti SC", "STSong", "SimSun", "Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN", serif',
  kai: 'Georgia, "Times New Roman", "Kaiti SC", "STKaiti", "KaiTi", "AR PL UKai CN", "Noto Serif CJK SC", serif',
};

const STORAGE_KEY = SETTINGS_STORAGE_KEY;

function clamp(value: unknown, limit: { min: number; max: number }, fallback: number): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  return Math.round(Math.min(limit.max, Math.max(limit.min, n)) * 10) / 10;
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
    pageMarkers: typeof r.pageMarkers === 'boolean' ? r.pageMarkers : DEFAULT_SETTINGS.pageMarkers,
    copyHeader: typeof r.copyHeader === 'boolean' ? r.copyHeader : DEFAULT_SETTINGS.copyHeader,
    autoOpen: typeof r.autoOpen === 'boolean' ? r.autoOpen : DEFAULT_SETTINGS.autoOpen,
  };
}

export async function loadSettings(): Promise<ReaderSettings> {
  const stored = await browser.storage.local.get(STORAGE_KEY);
  return normalizeSettings(stored[STORAGE_KEY]);
}

export async function saveSettings(settings: ReaderSettings): Promise<void> {
  await browser.storage.local.set({ [STORAGE_KEY]: normalizeSettings(settings) });
}

/** Calls `listener` when another page (the options page, another reader) changes the settings. */
export function onSettingsChanged(listener: (settings: ReaderSettings) => void): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[STORAGE_KEY]) listener(normalizeSettings(changes[STORAGE_KEY].newValue));
  });
}

/** The next theme in the cycle (keyboard `t`). */
export function nextTheme(theme: Theme): Theme {
  return THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length] as Theme;
}

/** Puts the settings on the root element: `data-theme`, `data-page-markers` and CSS variables. */
export function applySettings(root: HTMLElement, settings: ReaderSettings): void {
  root.dataset.theme = settings.theme;
  root.dataset.pageMarkers = settings.pageMarkers ? 'on' : 'off';
  root.style.setProperty('--reader-font', FONT_STACKS[settings.fontFamily]);
  root.style.setProperty('--reader-font-size', `${settings.fontSize}px`);
  root.style.setProperty('--reader-line-height', String(settings.lineHeight));
  // In units of the text size, so the status line and the article share one column.
  root.style.setProperty('--reader-measure', String(settings.width));
}
