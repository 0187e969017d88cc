/**
 * Page 1 ready for the reader, made in the article's own tab when a person is about to open the
 * reader (news.content.ts; issue 10: first text soon after the click). The tab has its page parsed
 * already, so it extracts the page in hand there before the reader tab has even opened, the way
 * the reader's pipeline does (the same HTML, parsed the same way, the same extraction, header facts
 * and run of pages under the cap: pipeline/page-part.ts), and the background hands the result
 * over with the page's HTML. The reader only has to sanitize it (DOMPurify, in the extension page,
 * as every page's HTML) and insert it; its pipeline still reads the page in hand for the whole
 * article.
 *
 * Not sanitized here: the reader never inserts what a news tab sends without sanitizing it. No
 * Readability here either: a page whose rule finds no body gets no part (the reader extracts it).
 */
import { detectPaginationDetail } from '../pipeline/detect';
import { extractPart, findContentRoot } from '../pipeline/extract';
import { extractMetadata, pageSiteName } from '../pipeline/metadata';
import { pageWindow, partBodyHtml, partHead } from '../pipeline/page-part';
import { parsePage } from '../pipeline/parse-page';
import type { ArticlePart, DomEnvironment } from '../pipeline/types';
import { DEFAULTS } from '../pipeline/read-defaults';
import { pageKey } from '../pipeline/url';

/** What the reader is handed: an ArticlePart whose `html` is not sanitized yet (and no tree). */
export type UnsanitizedPart = Omit<ArticlePart, 'body'>;

/** As many pages as the reader reads. */
const MAX_PAGES = DEFAULTS.maxPages;

/**
 * Page `url`'s part from its serialized HTML (`html`, what the reader is handed as well), or
 * null: not a paginated article, a page the site says was removed, a body its rule cannot find.
 */
export function pagePart(html: string, url: string, dom: DomEnvironment): UnsanitizedPart | null {
  const doc = parsePage(dom, html, url);
  const detail = detectPaginationDetail(doc, url);
  if (!detail.paginated || detail.rule.removedTitle?.test(doc.title ?? '') || !findContentRoot(doc, detail.rule)) return null;
  const extracted = extractPart(doc, url, detail);
  if (!extracted) return null;
  const head = partHead(extractMetadata(doc, detail.rule), pageSiteName(doc), detail.rule, extracted.body);
  const pages = knownPages(detail.pages, detail.currentPage, detail.pages.get(detail.currentPage) ?? url, url);
  return { page: detail.currentPage, pages: [...pages.keys()], pageUrls: [...pages.values()], url, title: head.title, meta: head.meta, html: partBodyHtml(extracted.body, head.title) };
}

/** The pages the reader will ask for first: a run of at most MAX_PAGES holding the current one, one number per address. */
function knownPages(found: ReadonlyMap<number, string>, current: number, currentUrl: string, url: string): Map<number, string> {
  const { first, last } = pageWindow(Math.max(current, ...found.keys()), current, MAX_PAGES);
  const keys = new Set([pageKey(currentUrl), pageKey(url)]);
  const pages = new Map([[current, currentUrl]]);
  for (const [n, u] of [...found].sort((a, b) => a[0] - b[0])) {
    if (pages.has(n) || n < first || n > last || keys.has(pageKey(u))) continue;
    keys.add(pageKey(u));
    pages.set(n, u);
  }
  return new Map([...pages].sort((a, b) => a[0] - b[0]));
}
