/**
 * The other pages of an article, read off the first page's markup before any DOM exists: a read
 * from the URL requests them the moment page 1's bytes are decoded, before that page is parsed,
 * detected and extracted (read-whole-article.ts pageLoader `early`), and the command line while
 * jsdom is still loading (src/cli/first-request.ts); the read later gets those responses already
 * under way. A guess, made only from links the pipeline's own detection also reads as pages (a
 * pager's numbered links whose addresses follow the page's URL scheme, detect.ts positionsOf): the
 * read still decides every page from the parsed document, and a page it never asks for is simply
 * never claimed (its request is cancelled when the read ends).
 */
import { ruleForUrl } from '../sites/index';
import { decodeHtml } from './decode';
import { positionsOf } from './detect';
import { isWholeArticleLinkText, NUMBER_TEXT } from './pager-words';
import { absoluteHttpUrl, pageKey, parseHttpUrl, urlKey } from './url';

/**
 * `<a … href=…>text</a>` at the start of a window of the markup, the link's text short (a pager's
 * number, not a story's headline): each `<a` is read within {@link WINDOW} characters, so the scan
 * stays linear in the page whatever its shape (many `<a` with no `>`).
 */
const LINK = /^<a\s[^>]{0,400}?\bhref\s*=\s*(?:"([^"]{0,300})"|'([^']{0,300})'|([^\s"'>]{1,300}))[^>]{0,400}>([^<]{0,40}(?:<(?!\/?a[\s>])[^>]{0,100}>[^<]{0,40}){0,3})<\/a\s*>/i;
const WINDOW = 1_500;
/** Links looked at, at most (a pager is among the first thousands of any real page's links). */
const MAX_LINKS = 5_000;

/**
 * The URLs of the article's other pages that `html` (the page at `pageUrl`) links from its pager:
 * links whose text is a page number (`2`, `【3】`) and whose address is another page of the same
 * article under one of the site rule's URL schemes. Empty when the page names none, when it sets a
 * `<base>` (links then resolve elsewhere: detection knows how), when it links a one-page version of
 * the article (the read may take that instead), or when the pager names more pages than a read of
 * `maxPages` would take from the start. Not the page's twins (another scheme, host, or a query the
 * pipeline ignores), and no page named by two addresses: detection decides those, and a guess
 * that differed from it would ask for the page twice. Lowest page first.
 */
export function pagesNamedIn(html: string, pageUrl: string, maxPages: number): string[] {
  const here = parseHttpUrl(pageUrl);
  if (!here || maxPages < 2 || /<base[\s>]/i.test(html)) return [];
  const positions = positionsOf(ruleForUrl(here), here);
  if (!positions.length) return [];
  const self = urlKey(here.href);
  const selfPage = pageKey(here.href);
  const found = new Map<string, number>();
  const twins = new Set<number>();
  const opening = /<a\s/gi;
  for (let links = 0; links < MAX_LINKS; links++) {
    const at = opening.exec(html);
    if (!at) break;
    const m = LINK.exec(html.slice(at.index, at.index + WINDOW));
    if (!m) continue;
    const raw = m[1] ?? m[2] ?? m[3] ?? '';
    const text = (m[4] ?? '').replace(/<[^>]*>/g, '').replace(/&nbsp;|&#160;/g, ' ').trim();
    // A one-page version offered ("全文", `_all.html`): the read may take it instead of the pages.
    if (isWholeArticleLinkText(text, raw)) return [];
    // An entity other than &amp; is left to the parser (and to detection).
    if (/&(?!amp;)/.test(raw)) continue;
    const number = NUMBER_TEXT.exec(text);
    if (!number) continue;
    const href = absoluteHttpUrl(raw.replace(/&amp;/g, '&'), here.href);
    const u = href ? parseHttpUrl(href) : null;
    if (!href || !u || urlKey(href) === self) continue;
    // Another page under one of the schemes (under a path scheme `view.php?tid=8` is this page).
    let position = null;
    for (const p of positions) {
      const there = p.locate(u);
      if (there && there.page !== p.page) position ??= there;
    }
    if (!position) continue;
    const n = Math.max(Number(number[1]), position.page);
    // A twin (another scheme or host, a query the pipeline ignores) counts as an address of its page, never asked.
    const key = pageKey(href);
    const query = key.split('?')[1];
    const twin = key === selfPage || u.protocol !== here.protocol || u.host !== here.host || [...u.searchParams.keys()].length !== (query ? query.split('&').length : 0);
    if (twin) twins.add(n);
    else found.set(href, n);
  }
  const highest = Math.max(0, ...found.values(), ...positions.map((p) => p.page));
  if (highest > maxPages) return [];
  // A page number named by two addresses is left to detection too: only one of them would be read.
  const named = new Map<number, number>();
  for (const n of found.values()) named.set(n, (named.get(n) ?? 0) + 1);
  return [...found].filter(([, n]) => named.get(n) === 1 && !twins.has(n)).sort((a, b) => a[1] - b[1]).map(([href]) => href);
}

/** {@link pagesNamedIn} over a page's bytes, decoded as the pipeline decodes them. */
export function pagesNamedInBytes(bytes: Uint8Array, contentType: string | null, pageUrl: string, maxPages: number): string[] {
  return pagesNamedIn(decodeHtml(bytes, contentType).html, pageUrl, maxPages);
}
