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
