/**
 * The interface's real catalogues (public/_locales) in unit tests, behind a stand-in for WXT's
 * `browser.i18n` whose language and catalogue the test sets:
 *
 *   vi.mock('wxt/browser', () => import('../../test/support/ui-catalogue').then((m) => m.i18nBrowser));
 *   import { useLocale } from '../../test/support/ui-catalogue';
 *   useLocale('zh-TW', 'zh_TW');
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Catalogue = Record<string, { message: string }>;

export const LOCALES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../public/_locales');

/** One locale folder's messages.json (`en`, `zh_CN`, `zh_TW`). */
export function catalogue(folder: string): Catalogue {
  return JSON.parse(readFileSync(path.join(LOCALES_DIR, folder, 'messages.json'), 'utf8')) as Catalogue;
}

/** What the stand-in answers: the browser's language and the catalogue its messages come from (English to start). */
export const ui: { lang: string; catalogue: Catalogue } = { lang: 'en-US', catalogue: catalogue('en') };

/** The interface in `lang` (as `getUILanguage` says it) with the messages of `folder`. */
export function useLocale(lang: string, folder: string): void {
  ui.lang = lang;
  ui.catalogue = catalogue(folder);
}

/** The `wxt/browser` module for `vi.mock`: i18n only. */
export const i18nBrowser = {
  browser: { i18n: { getUILanguage: () => ui.lang, getMessage: (key: string) => ui.catalogue[key]?.message ?? '' } },
};
