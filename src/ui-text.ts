/**
 * Interface text from `_locales` (English or Simplified Chinese, chosen by the browser's language).
 * Messages use `{name}` slots filled here rather than the `$1` syntax, whose escaping differs
 * between browsers.
 */
import { browser } from 'wxt/browser';

/** Every message name, from the English catalogue (type only: nothing is bundled). */
export type MessageKey = keyof typeof import('../public/_locales/en/messages.json');

/** The message for `key` with `{slots}` filled; the key itself when no catalogue answers (tests). */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  let text = '';
  try {
    text = browser.i18n.getMessage(key);
  } catch {
    // Outside an extension (unit tests): fall through to the key.
  }
  if (!text) text = key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The interface language in use ("zh" or "en"), for `lang` attributes. */
export function uiLanguage(): 'zh' | 'en' {
  try {
    return browser.i18n.getUILanguage().toLowerCase().startsWith('zh') ? 'zh' : 'en';
  } catch {
    return 'en';
  }
}
