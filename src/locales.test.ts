/**
 * Every interface catalogue in `public/_locales` against every other: the same messages, the same
 * `{slots}` in each (src/ui-text.ts fills `{name}` itself), none of the browsers' `$` placeholder
 * syntax, and the name and description the stores show within both stores' limits.
 * A catalogue added later (a new folder) is checked the same way without listing it here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

/** The browser's interface language, as the tests below set it. */
let uiLanguageTag = 'en-US';
vi.mock('wxt/browser', () => ({ browser: { i18n: { getUILanguage: () => uiLanguageTag, getMessage: () => '' } } }));

const localesDir = path.resolve(import.meta.dirname, '../public/_locales');
type Catalogue = Record<string, { message: string; description?: string; placeholders?: unknown }>;

const locales = readdirSync(localesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const catalogues = new Map<string, Catalogue>(
  locales.map((l) => [l, JSON.parse(readFileSync(path.join(localesDir, l, 'messages.json'), 'utf8')) as Catalogue]),
);

/** The `{name}` slots of a message, sorted, repeats kept (a slot used twice must be used twice everywhere). */
const slots = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

/** Every message name, with the locales that lack it; every message whose slots differ between locales. */
function compareCatalogues(cats: Map<string, Catalogue>): { missing: string[]; slotMismatch: string[] } {
  const all = new Set<string>();
  for (const cat of cats.values()) for (const key of Object.keys(cat)) all.add(key);
  const missing: string[] = [];
  const slotMismatch: string[] = [];
  for (const key of [...all].sort()) {
    const lacking = [...cats].filter(([, cat]) => !Object.hasOwn(cat, key)).map(([l]) => l);
    if (lacking.length) missing.push(`${key}: missing in ${lacking.join(', ')}`);
    const shapes = new Map<string, string[]>();
    for (const [l, cat] of cats) {
      if (!Object.hasOwn(cat, key)) continue;
      const shape = slots(cat[key]!.message).join(',');
      shapes.set(shape, [...(shapes.get(shape) ?? []), l]);
    }
    if (shapes.size > 1) slotMismatch.push(`${key}: ${[...shapes].map(([s, ls]) => `${ls.join('+')} {${s}}`).join(' vs ')}`);
  }
  return { missing, slotMismatch };
}

/** The stores' limits: Chrome Web Store name 75 / description 132 characters, addons-linter's name 45. */
const NAME_MAX = 45;
const DESCRIPTION_MAX = 132;

describe('interface catalogues (public/_locales)', () => {
  it('English, Simplified Chinese and Traditional Chinese are all there', () => {
    expect(locales).toEqual(expect.arrayContaining(['en', 'zh_CN', 'zh_TW']));
  });

  it('every locale has every message any other locale has', () => {
    expect(compareCatalogues(catalogues).missing).toEqual([]);
  });

  it('every message has the same {slots} in every locale', () => {
    expect(compareCatalogues(catalogues).slotMismatch).toEqual([]);
  });

  it('no message uses the browsers\' $placeholder$ syntax or a placeholders block, and none is empty', () => {
    for (const [l, cat] of catalogues) {
      for (const [key, entry] of Object.entries(cat)) {
        expect(entry.message, `${l}/${key}`).not.toMatch(/\$/);
        expect(entry.placeholders, `${l}/${key}`).toBeUndefined();
        expect(entry.message.trim(), `${l}/${key}`).not.toBe('');
      }
    }
  });

  it('the Traditional catalogue is a translation: no Simplified-only characters', () => {
    // Characters that exist only in Simplified script (their Traditional forms differ).
    const simplifiedOnly = /[们这个为国网页读开关页载设择简体图标签击发说话时间过还没从对区号连线应将无问删录]/u;
    for (const [key, entry] of Object.entries(catalogues.get('zh_TW')!)) expect(entry.message, key).not.toMatch(simplifiedOnly);
  });

  it('the name and description the stores show fit both stores in every locale', () => {
    for (const [l, cat] of catalogues) {
      const name = [...(cat.extName?.message ?? '')].length;
      const description = [...(cat.extDescription?.message ?? '')].length;
      expect(name, `${l} extName`).toBeGreaterThanOrEqual(2);
      expect(name, `${l} extName`).toBeLessThanOrEqual(NAME_MAX);
      expect(description, `${l} extDescription`).toBeGreaterThan(0);
      expect(description, `${l} extDescription`).toBeLessThanOrEqual(DESCRIPTION_MAX);
    }
  });
});

describe('compareCatalogues', () => {
  it('names a message a locale lacks and a message whose slots differ', () => {
    const cats = new Map<string, Catalogue>([
      ['en', { a: { message: 'Page {page} of {total}' }, b: { message: 'x' } }],
      ['zh_TW', { a: { message: '第{page}頁' } }],
    ]);
    expect(compareCatalogues(cats)).toEqual({
      missing: ['b: missing in zh_TW'],
      slotMismatch: ['a: en {page,total} vs zh_TW {page}'],
    });
  });
});

describe('uiLocale (the interface language for lang attributes and dates)', () => {
  it('Traditional Chinese browsers (Taiwan, Hong Kong, Macau, zh-Hant) get zh-TW, other Chinese zh-CN, the rest en', async () => {
    const { uiLanguage, uiLocale } = await import('./ui-text');
    const cases: Record<string, string> = {
      'zh-TW': 'zh-TW',
      zh_TW: 'zh-TW',
      'zh-HK': 'zh-TW',
      'zh-MO': 'zh-TW',
      'zh-Hant-TW': 'zh-TW',
      'zh-CN': 'zh-CN',
      zh: 'zh-CN',
      'zh-Hans-HK': 'zh-CN',
      'zh-SG': 'zh-CN',
      'en-US': 'en',
      fr: 'en',
    };
    for (const [tag, expected] of Object.entries(cases)) {
      uiLanguageTag = tag;
      expect(uiLocale(), tag).toBe(expected);
      expect(uiLanguage(), tag).toBe(expected === 'en' ? 'en' : 'zh');
    }
  });

  it('localizePage marks a Traditional interface zh-TW', async () => {
    const { JSDOM } = await import('jsdom');
    const { localizePage } = await import('./ui-text');
    uiLanguageTag = 'zh-TW';
    const { document } = new JSDOM('<!doctype html><p data-i18n="readerRetry">x</p>').window;
    localizePage(document);
    expect(document.documentElement.lang).toBe('zh-TW');
  });
});
