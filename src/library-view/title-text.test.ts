/**
 * Titles inside the library's notices (issue 10, bug 12: the English delete notice read
 * `Deleted ““…”侧记”.`) and their `lang` (bug 11: titles carried `lang=""`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { titleForQuotes, titleLang } from './title-text';

const ROOT = path.resolve(import.meta.dirname, '../..');
const message = (locale: string, key: string, vars: Record<string, string>) => {
  const catalogue = JSON.parse(readFileSync(path.join(ROOT, `public/_locales/${locale}/messages.json`), 'utf8')) as Record<string, { message: string }>;
  return (catalogue[key]?.message ?? '').replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');
};

describe('titleForQuotes', () => {
  it('never doubles the English quotes: a quoted title gets the inner marks', () => {
    const deleted = (title: string) => message('en', 'libraryDeleted', { title: titleForQuotes(title, 'en') });
    expect(deleted('“两会”侧记')).toBe('Deleted “‘两会’侧记”.');
    expect(deleted('“A quiet revolution”')).toBe('Deleted “‘A quiet revolution’”.');
    expect(deleted('The "Belt and Road" at ten')).toBe('Deleted “The ‘Belt and Road’ at ten”.');
    expect(deleted('Plain title')).toBe('Deleted “Plain title”.');
    expect(deleted('“两会”侧记')).not.toMatch(/““|””/);
  });

  it('nests Chinese book-title marks and leaves Chinese quotes alone', () => {
    expect(message('zh_CN', 'libraryDeleted', { title: titleForQuotes('《求是》杂志发表重要文章', 'zh-CN') })).toBe('已删除《〈求是〉杂志发表重要文章》。');
    expect(message('zh_TW', 'libraryDeleted', { title: titleForQuotes('“两会”侧记', 'zh-TW') })).toBe('已刪除《“两会”侧记》。');
  });
});

describe('titleLang', () => {
  it('says zh for Chinese, en for Latin text, and nothing (never "") otherwise', () => {
    expect(titleLang('“两会”侧记')).toBe('zh');
    expect(titleLang('Full Text: China\'s white paper')).toBe('en');
    expect(titleLang('2023')).toBeNull();
    expect(titleLang('Москва')).toBeNull();
  });
});
