/**
 * Interface text from `_locales` (English, Simplified or Traditional Chinese, chosen by the browser's language).
 * Messages use `{name}` slots filled here rather than the `$1` syntax, whose escaping differs
 * between browsers.
 */
import { browser } from 'wxt/browser';
import { generic, siteRules } from './sites/index';

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

/**
 * The interface's BCP 47 tag for `lang` attributes and date formats: `zh-TW` where the browser's
 * language is written in Traditional characters (zh-TW, zh-HK, zh-MO, zh-Hant), `zh-CN`
 * for other Chinese, else `en`. A Traditional interface marked zh-CN would take Simplified glyph
 * forms from CJK fonts.
 */
export function uiLocale(): 'zh-TW' | 'zh-CN' | 'en' {
  let tag = '';
  try {
    tag = browser.i18n.getUILanguage().toLowerCase().replace(/_/g, '-');
  } catch {
    return 'en';
  }
  if (!tag.startsWith('zh')) return 'en';
  return /^zh-(tw|hk|mo|hant)\b/.test(tag) ? 'zh-TW' : 'zh-CN';
}

/**
 * Fills an extension page's interface text: `<html lang>` in the interface language, and every
 * `data-i18n` (text), `data-i18n-title` (title and accessible name) and `data-i18n-aria`.
 */
export function localizePage(doc: Document): void {
  doc.documentElement.lang = uiLocale();
  for (const el of doc.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n as MessageKey);
  for (const el of doc.querySelectorAll<HTMLElement>('[data-i18n-title]')) {
    const text = t(el.dataset.i18nTitle as MessageKey);
    el.title = text;
    el.setAttribute('aria-label', text);
  }
  for (const el of doc.querySelectorAll<HTMLElement>('[data-i18n-aria]')) el.setAttribute('aria-label', t(el.dataset.i18nAria as MessageKey));
}

/**
 * A site rule's name in the interface language ("Xinhua", "新华网", "新華網"): the rule's own
 * `label` for that language (src/sites/). An unknown id (a record from elsewhere) is the generic
 * rule's; ids are matched against the rules, never looked up as object keys.
 */
export function siteLabel(siteId: string, locale: 'zh-TW' | 'zh-CN' | 'en' = uiLocale()): string {
  const rule = siteRules.find((r) => r.id === siteId) ?? generic;
  return locale === 'zh-TW' ? rule.label.zh_TW : locale === 'zh-CN' ? rule.label.zh_CN : rule.label.en;
}
