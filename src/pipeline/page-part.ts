/**
 * What a page shown early is told of the article besides its body (ArticlePart's title and meta),
 * and its body as the HTML that gets sanitized and shown: one pair of functions for the pipeline's
 * part reporter (read-whole-article.ts) and for the news tab's content script, which extracts page
 * 1 when a person is about to open the reader and hands it over ready to sanitize and insert
 * (src/content/page-part.ts, issue 10), so both give the same page 1 for the same HTML; and the
 * run of pages both read under the page cap (pageWindow).
 */
import type { SiteRule } from '../sites/types';
import { guessLang } from './cjk-text';
import { removeRepeatedTitle } from './extract';
import { articleLang, siteNameOf, stripPageSuffix, type PageMetadata } from './metadata';
import type { ArticlePart } from './types';

export type PartHead = Pick<ArticlePart, 'title' | 'meta'>;

/** The headline and header facts of the page in hand (`m`: its metadata), `body`: its extracted body. */
export function partHead(m: PageMetadata, ownSiteName: string | null, rule: SiteRule, body: Element): PartHead {
  const title = stripPageSuffix(m.title ?? '');
  const lang = articleLang(m.lang, guessLang(`${title}\n${body.textContent ?? ''}`));
  return { title, meta: { byline: m.byline, source: m.source, publishedTime: m.publishedTime, siteName: siteNameOf(rule, ownSiteName, lang), lang, dir: m.dir ?? (lang ? 'ltr' : null) } };
}

/** A page's extracted body as HTML, its repeated headline removed (a copy: `body` stays as it is). Not sanitized yet. */
export function partBodyHtml(body: Element, title: string): string {
  const copy = body.cloneNode(true) as Element;
  removeRepeatedTitle(copy, title);
  return copy.outerHTML;
}

/**
 * Under a cap of `maxPages`, the contiguous run of pages a read takes of `known` pages, holding
 * the `current` one: from page 1 when the whole list fits, else from the current page on (shifted
 * back near the end). Never a gapped selection that would pass for a shorter whole article.
 */
export function pageWindow(known: number, current: number, maxPages: number): { first: number; last: number } {
  const first = known <= maxPages ? 1 : Math.max(1, Math.min(current, known - maxPages + 1));
  return { first, last: first + maxPages - 1 };
}
