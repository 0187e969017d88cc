import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const localesDir = path.resolve(import.meta.dirname, '../public/_locales');
const load = (locale: string) => JSON.parse(readFileSync(path.join(localesDir, locale, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
const slots = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('interface text catalogues', () => {
  const en = load('en');
  const zh = load('zh_CN');

  it('English and Simplified Chinese have the same messages', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('every translation has the same {slots} and no $ placeholders', () => {
    for (const key of Object.keys(en)) {
      expect(slots(zh[key]!.message), key).toEqual(slots(en[key]!.message));
      expect(en[key]!.message, key).not.toMatch(/\$/);
      expect(zh[key]!.message, key).not.toMatch(/\$/);
    }
  });
});

describe('siteLabel and localizePage', () => {
  it("names a site by its rule's label in the interface language, any other id as the generic rule", async () => {
    const { siteLabel } = await import('./ui-text');
    expect(siteLabel('xinhua')).toBe('Xinhua');
    expect(siteLabel('people')).toBe("People's Daily");
    expect(siteLabel('generic')).toBe('Web page');
    // Ids from a record are matched against the rules, never looked up as object keys.
    for (const id of ['__proto__', 'constructor', 'toString', 'nope']) expect(siteLabel(id)).toBe('Web page');
    // One name per interface language, from the rule.
    expect(siteLabel('xinhua', 'zh-CN')).toBe('新华网');
    expect(siteLabel('xinhua', 'zh-TW')).toBe('新華網');
    expect(siteLabel('people', 'zh-CN')).toBe('人民网');
    expect(siteLabel('nope', 'zh-TW')).toBe('網頁');
  });

  it('fills data-i18n, data-i18n-title and data-i18n-aria and sets the page language', async () => {
    const { JSDOM } = await import('jsdom');
    const { localizePage } = await import('./ui-text');
    const { document } = new JSDOM('<!doctype html><p data-i18n="readerRetry">x</p><button data-i18n-title="copyDone"></button><a data-i18n-aria="readerOriginal"></a>').window;
    localizePage(document);
    expect(document.documentElement.lang).toBe('en');
    expect(document.querySelector('p')?.textContent).toBe('readerRetry');
    expect(document.querySelector('button')?.title).toBe('copyDone');
    expect(document.querySelector('button')?.getAttribute('aria-label')).toBe('copyDone');
    expect(document.querySelector('a')?.getAttribute('aria-label')).toBe('readerOriginal');
  });
});
