/**
 * A hostile library file for the browsers' import suite (import.e2e.test.ts, both browsers): every
 * hostile payload raw in imported articles' HTML (one article per payload category and one with
 * them all), a record with `"site": "__proto__"`, one with `failedPages: [null]`, and one with a
 * `javascript:` page address (refused). One article per line, as exportLibrary writes.
 */
import { testArticle } from '../support/library-articles';
import type { SavedArticle } from '../../src/library/types';
import { ALL_PAYLOADS, joined } from '../hostile/payloads';

export interface HostileLibraryFile {
  text: string;
  /** Imported articles holding payloads. */
  hostile: SavedArticle[];
  /** Imported articles repaired on the way in. */
  damaged: SavedArticle[];
  /** Records the import must refuse. */
  refused: number;
  /** Titles of articles holding a payload that legitimately swallows what follows it. */
  mayLoseRest: Set<string>;
}

export const IMPORTED_START = '导入的正文开头。';
export const IMPORTED_END = '导入的正文结尾。';

export function hostileLibraryFile(): HostileLibraryFile {
  const hostile: SavedArticle[] = [];
  const mayLoseRest = new Set<string>();
  const section = (payloads: readonly (typeof ALL_PAYLOADS)[number][]) =>
    `<section data-page="1"><p>${IMPORTED_START}</p>${payloads.map((p) => `<div>${joined(p)}</div><p>隔开 ${p.id}</p>`).join('')}<p>${IMPORTED_END}</p></section>`;
  [...new Set(ALL_PAYLOADS.map((p) => p.category))].forEach((category, i) => {
    const payloads = ALL_PAYLOADS.filter((p) => p.category === category);
    hostile.push(testArticle(5000 + i, { title: `payloads: ${category}`, contentHtml: section(payloads) }));
    if (payloads.some((p) => p.swallowsRest)) mayLoseRest.add(`payloads: ${category}`);
  });
  hostile.push(testArticle(5100, { title: 'payloads: all', contentHtml: section(ALL_PAYLOADS) }));
  mayLoseRest.add('payloads: all');
  const damaged = [testArticle(5200, { title: 'site __proto__', site: '__proto__', siteName: null }), testArticle(5201, { title: 'failedPages [null]', failedPages: [null as never] })];
  const refused = [testArticle(5202, { title: 'javascript: page address', pageUrls: ['http://culture.people.com.cn/a.html', 'javascript:alert(1)'] })];
  const entries = [...hostile, ...damaged, ...refused].map((article) => ({ article, images: [] }));
  const text = `{"format":"wholestory-library","version":1,"exportedAt":"","articles":[${entries.map((e, i) => `${i ? ',' : ''}\n${JSON.stringify(e)}`).join('')}\n]}\n`;
  return { text, hostile, damaged, refused: refused.length, mayLoseRest };
}

/** Runs in a reader showing an imported article: links that are not http(s) or a fragment. */
export const NON_HTTP_LINKS_PROBE = `[...document.querySelectorAll('#reader-content [href], #reader-content [src]')].map((a) => a.getAttribute('href') || a.getAttribute('src') || '').filter((h) => !/^(https?:\\/\\/|#|blob:)/i.test(h))`;
