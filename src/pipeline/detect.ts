import { generic, ruleForUrl } from '../sites/index';
import type { PageScheme, SiteRule } from '../sites/types';
import type { Detection } from './types';
import { queryAll } from './query';
import { absoluteHttpUrl, parseHttpUrl, sameSite } from './url';

/** Pages past this number are never believed, whatever a pager says. */
const MAX_PAGE_NUMBER = 200;

/** Query parameters that carry a page number on generic sites (`?page=2`). */
const PAGE_PARAMS = ['page', 'p', 'pn', 'pg', 'pageno', 'curpage', 'pagenum'];

/** Link texts that mean "next page", in Chinese and English (SITES.md, generic fallback). */
const NEXT_TEXT = /^(下一页|下一頁|下页|下頁|后页|後頁|下一页\s*[>»›]+|next|next\s*page|next\s*[>»›]+|[»›>]{1,2})$/i;
/** Image next links: `news_xy.gif` (Xinhua 2005), `articler.gif` (photos), `next_page.jpg`, `Next.jpg`. */
const NEXT_IMAGE = /(next|_xy\.gif|articler\.gif|xiayiye|下一页)/i;
const NUMBER_TEXT = /^[[［【(（]?\s*(\d{1,3})\s*[\]］】)）]?$/;

/** Where one URL sits in an article: the article's key (scheme + stem) and the 1-based page. */
export interface PagePosition {
  key: string;
  page: number;
  /** Builds page N's URL of the same article. */
  build(page: number): string;
}

/** Detection plus the page map the fetcher grows while it reads. */
export interface DetectionDetail extends Detection {
  rule: SiteRule;
  /** Known pages by 1-based number. */
  pages: Map<number, string>;
  /** Page number of the current page. */
  currentPage: number;
  /** The current page's position, when its URL follows a known scheme. */
  position: PagePosition | null;
}

function schemePosition(scheme: PageScheme, url: URL): PagePosition | null {
  const match = scheme.path.exec(url.pathname);
  if (!match) return null;
  const [, stem = '', num, ext = ''] = match;
  let page = 1;
  if (num !== undefined) {
    const n = Number(num);
    page = scheme.zeroBased ? n + 1 : scheme.suffixOnFirstPage ? n : n;
    if (!scheme.zeroBased && n === 0) return null;
  }
  if (page < 1 || page > MAX_PAGE_NUMBER) return null;
  const origin = `${url.protocol}//${url.host}`;
  const registrable = url.hostname.toLowerCase().replace(/^www\./, '');
  return {
    // The key ignores scheme, query and fragment: `c_123.htm?from=pager` is page 1 too
    // (fixture back-link-query-string).
    key: `${scheme.name}|${registrable}|${stem.toLowerCase()}${ext.toLowerCase()}`,
    page,
    build(n: number): string {
      if (n === 1 && !scheme.suffixOnFirstPage) return `${origin}${stem}${ext}`;
      const suffix = scheme.zeroBased ? n - 1 : n;
      return `${origin}${stem}${scheme.separator}${suffix}${ext}`;
    },
  };
}

function queryPosition(url: URL): PagePosition | null {
  const param = PAGE_PARAMS.find((name) => url.searchParams.has(name));
  const base = new URL(url.href);
  base.hash = '';
  let page = 1;
  if (param) {
    const value = Number(url.searchParams.get(param));
    if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_NUMBER) return null;
    page = value;
    base.searchParams.delete(param);
  }
  const name = param ?? 'page';
  const registrable = base.hostname.toLowerCase().replace(/^www\./, '');
  return {
    key: `query:${name}|${registrable}${base.pathname}${base.search}`,
    page,
    build(n: number): string {
      const u = new URL(base.href);
      if (n > 1) u.searchParams.set(name, String(n));
      return u.href;
    },
  };
}

/** All positions a URL could have under a rule's schemes (generic sites: query scheme too). */
export function positionsOf(rule: SiteRule, url: URL): PagePosition[] {
  const out: PagePosition[] = [];
  for (const scheme of rule.schemes) {
    const pos = schemePosition(scheme, url);
    if (pos) out.push(pos);
  }
  if (rule === generic) {
    const q = queryPosition(url);
    if (q) out.push(q);
  }
  return out;
}

function positionWithKey(rule: SiteRule, url: URL, key: string): PagePosition | null {
  return positionsOf(rule, url).find((p) => p.key === key) ?? null;
}

function textOf(el: Element): string {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Whether a link is an image-only "next" link (People's Daily `next_page.jpg`, Xinhua `news_xy.gif`). */
export function isImageNextLink(a: Element): boolean {
  if (textOf(a) !== '') return false;
  const img = a.getElementsByTagName('img')[0];
  if (!img) return false;
  const probe = `${img.getAttribute('src') ?? ''} ${img.getAttribute('alt') ?? ''} ${img.getAttribute('title') ?? ''}`;
  return NEXT_IMAGE.test(probe) && !/prev|previous|上一/i.test(probe);
}

/** Whether a link's text says "next page". */
export function isTextNextLink(a: Element): boolean {
  const text = textOf(a).replace(/[\s>»›→]+$/, (m) => (m.trim() ? m.replace(/\s+/g, '') : ''));
  return NEXT_TEXT.test(text) || NEXT_TEXT.test(textOf(a));
}

interface Candidate {
  url: string;
  page: number;
}

/**
 * Finds whether `doc` (at `url`) is one page of a paginated article, and which pages it has.
 * Cheap: it reads a few containers and links, it fetches nothing. Correct from any page
 * (the user often lands on page 3); never "paginated" for a single page, whose empty pager shell
 * carries no links (fixture people-single-empty-pager).
 */
export function detectPagination(doc: Document, url: string): Detection {
  const { rule: _rule, pages: _pages, position: _position, currentPage: _currentPage, ...detection } = detectPaginationDetail(doc, url);
  return detection;
}

/** {@link detectPagination} with the page map and rule the fetcher needs. */
export function detectPaginationDetail(doc: Document, url: string, ruleOverride?: SiteRule): DetectionDetail {
  const here = parseHttpUrl(url);
  const rule = ruleOverride ?? (here ? ruleForUrl(here) : generic);
  const empty: DetectionDetail = {
    site: rule.id, paginated: false, pageUrls: [url], complete: true, currentIndex: 0, nextUrl: null, pageCount: 1,
    rule, pages: new Map([[1, url]]), currentPage: 1, position: null,
  };
  if (!here) return empty;

  const positions = positionsOf(rule, here);
  const pager = queryAll(doc, rule.pager);
  const pagerLinks = new Set<Element>();
  for (const container of pager) for (const a of container.querySelectorAll('a[href]')) pagerLinks.add(a);

  // Pick the scheme under which the pager's links agree with this URL; else the first that parsed.
  let position: PagePosition | null = positions[0] ?? null;
  const candidates: Candidate[] = [];
  if (positions.length > 1) {
    // The scheme under which the page's links name the most distinct pages wins: `story.html`
    // with links `?page=2`, `?page=3` is a query-paged article, not three copies of page 1.
    const links = pagerLinks.size > 0 ? [...pagerLinks] : rule === generic ? [...doc.links] : [];
    let best = -1;
    for (const pos of positions) {
      const numbers = new Set<number>();
      for (const a of links) {
        const href = absoluteHttpUrl(a.getAttribute('href'), url);
        const u = href ? parseHttpUrl(href) : null;
        const hit = u ? positionWithKey(rule, u, pos.key) : null;
        if (hit && hit.page !== pos.page) numbers.add(hit.page);
      }
      if (numbers.size > best) {
        best = numbers.size;
        position = pos;
      }
    }
  }

  const linkPosition = (a: Element): Candidate | null => {
    const href = absoluteHttpUrl(a.getAttribute('href'), url);
    if (!href) return null;
    const u = parseHttpUrl(href);
    if (!u || !sameSite(u, here)) return null;
    if (position) {
      const pos = positionWithKey(rule, u, position.key);
      // Known sites: canonical URLs built from the scheme (no `?from=…`, one scheme and host).
      // Generic sites: the link as written (`_1.html` may be page 1 there).
      if (pos) return { url: rule === generic ? href : position.build(pos.page), page: pos.page };
    }
    return null;
  };

  // Numbered links: by URL scheme where it applies, else by the number the reader sees ("【2】", "[2]").
  // Generic pages carry no pager selector worth trusting alone: links of this article's own
  // scheme anywhere on the page count as its pager.
  const numberedLinks = rule === generic && position ? new Set([...pagerLinks, ...doc.links]) : pagerLinks;
  for (const a of numberedLinks) {
    const byUrl = linkPosition(a);
    if (byUrl) {
      // Only numbered links list pages; a next/previous arrow in the same box is not a list.
      if (NUMBER_TEXT.test(textOf(a))) candidates.push(byUrl);
      continue;
    }
    if (!pagerLinks.has(a)) continue;
    const m = NUMBER_TEXT.exec(textOf(a));
    const href = absoluteHttpUrl(a.getAttribute('href'), url);
    if (!m || !href) continue;
    const u = parseHttpUrl(href);
    if (!u || !sameSite(u, here) || !sameDirectory(u, here)) continue;
    const n = Number(m[1]);
    if (n >= 1 && n <= MAX_PAGE_NUMBER) candidates.push({ url: href, page: n });
  }

  // The current page's number: from its URL, else the pager's unlinked number, else 1.
  let currentPage = position?.page ?? 0;
  if (!currentPage) {
    for (const el of queryAll(doc, rule.currentPage)) {
      if (el.closest('a')) continue;
      const m = NUMBER_TEXT.exec(textOf(el));
      if (m && pager.some((p) => p.contains(el))) {
        currentPage = Number(m[1]);
        break;
      }
    }
  }
  if (!currentPage) currentPage = 1;

  // The highest page a pager names: only a pager proves how many pages there are.
  const pagerMax = candidates.reduce((max, c) => Math.max(max, c.page), 0);

  // "Next": the rule's selectors, rel=next, next texts, image-only next links.
  const nextUrl = findNext(doc, url, here, rule, position, pagerLinks);
  if (nextUrl) {
    const u = parseHttpUrl(nextUrl);
    const pos = u && position ? positionWithKey(rule, u, position.key) : null;
    candidates.push({ url: pos && position && rule !== generic ? position.build(pos.page) : nextUrl, page: pos ? pos.page : currentPage + 1 });
  }

  const pages = new Map<number, string>();
  const selfUrl = position && rule !== generic ? position.build(currentPage) : stripHash(url);
  pages.set(currentPage, selfUrl);
  for (const c of candidates) {
    if (c.page === currentPage) continue;
    if (!pages.has(c.page)) pages.set(c.page, c.url);
  }

  // A known scheme fills the gaps: page 3 of c_123_3.htm implies pages 1 and 2 exist.
  const maxPage = Math.max(...pages.keys());
  if (position && rule !== generic) {
    for (let n = 1; n <= maxPage; n++) if (!pages.has(n)) pages.set(n, position.build(n));
  }

  const numbers = [...pages.keys()].sort((a, b) => a - b);
  const paginated = numbers.length > 1;
  if (!paginated) return { ...empty, pageUrls: [selfUrl], pages, currentPage: 1, position, rule };

  const contiguous = numbers[0] === 1 && numbers.every((n, i) => n === i + 1);
  const nextNumber = nextUrl ? [...pages.entries()].find(([, u]) => u === nextUrl)?.[0] ?? currentPage + 1 : null;
  // Complete when the list runs 1..max with no hole and nothing points past it. A windowed pager
  // that shows 1-5 of 12 without its hidden roll lists is incomplete: the fetcher grows it.
  // A lone "next" link, or a page number in the URL, says nothing of the last page (galleries,
  // next-only articles): incomplete, and every loaded page extends the list.
  const complete =
    contiguous && pagerMax >= maxPage && (nextNumber === null || nextNumber <= maxPage) && !hasMoreMarker(pager, pagerLinks);
  const pageUrls = numbers.map((n) => pages.get(n) as string);
  return {
    site: rule.id,
    paginated: true,
    pageUrls,
    complete,
    currentIndex: numbers.indexOf(currentPage),
    nextUrl: nextNumber !== null ? (pages.get(nextNumber) ?? nextUrl) : null,
    pageCount: maxPage,
    rule,
    pages,
    currentPage,
    position,
  };
}

function stripHash(url: string): string {
  const i = url.indexOf('#');
  return i === -1 ? url : url.slice(0, i);
}

/** `/a/3519238_2.shtml` and `/a/3519238.shtml?page=2` share the stem of `/a/3519238.shtml`. */
export function sharesStem(candidate: URL, article: URL): boolean {
  const stem = (u: URL) => u.pathname.replace(/\.[a-z]{2,5}$/i, '').replace(/[_-]\d{1,3}$/, '').replace(/\/+$/, '');
  const base = stem(article);
  if (!base || base === '' || base.endsWith('/')) return false;
  const other = candidate.pathname.replace(/\.[a-z]{2,5}$/i, '').replace(/\/+$/, '');
  return other === base || other.startsWith(`${base}_`) || other.startsWith(`${base}-`) || other.startsWith(`${base}/`);
}

function sameDirectory(a: URL, b: URL): boolean {
  const dir = (u: URL) => u.pathname.slice(0, u.pathname.lastIndexOf('/') + 1);
  return dir(a) === dir(b);
}

/** A pager that says more pages follow than it lists ("…", "末页" past the last number). */
function hasMoreMarker(pager: Element[], pagerLinks: Set<Element>): boolean {
  return pager.some((p) => {
    if (![...pagerLinks].some((a) => p.contains(a))) return false;
    const text = p.textContent ?? '';
    // A pager says "…" between its numbers; a caption with an ellipsis is not a pager.
    return text.length <= 300 && /(\.\.\.|…)/.test(text);
  });
}

function findNext(
  doc: Document,
  url: string,
  here: URL,
  rule: SiteRule,
  position: PagePosition | null,
  pagerLinks: Set<Element>,
): string | null {
  const accept = (href: string | null): string | null => {
    const abs = absoluteHttpUrl(href, url);
    if (!abs) return null;
    const u = parseHttpUrl(abs);
    if (!u || !sameSite(u, here)) return null;
    if (stripHash(abs) === stripHash(url)) return null;
    if (position) {
      const pos = positionWithKey(rule, u, position.key);
      // A next link under the article's own scheme must point forward.
      if (pos) return pos.page > position.page ? abs : null;
      // Known sites: a "next" outside the article's URL scheme is another article.
      if (rule !== generic) return null;
    }
    // Generic sites: a guessed next page extends this article's own URL stem
    // (`3519238.shtml` → `3519238_2.shtml`), never a sibling article in the same folder.
    return sharesStem(u, here) ? abs : null;
  };

  for (const el of queryAll(doc, rule.next)) {
    const link = el.closest('a[href]');
    const found = link ? accept(link.getAttribute('href')) : null;
    if (found) return found;
  }
  for (const el of [...doc.getElementsByTagName('link'), ...doc.links]) {
    if (!/(^|\s)next(\s|$)/i.test(el.getAttribute('rel') ?? '')) continue;
    const found = accept(el.getAttribute('href'));
    if (found) return found;
  }
  // Text and image next links: in the pager first, then anywhere (People's Daily puts its image
  // link in a bare <center><table> below the pager).
  // Known sites with a pager in hand name their next link by the rule; only the others need
  // the whole-document scan.
  const scan = rule !== generic && pagerLinks.size > 0 ? [...pagerLinks] : [...pagerLinks, ...doc.links];
  for (const a of scan) {
    // Next links are short: skip the long ones before any regex or child lookup.
    if ((a.textContent ?? '').length > 16) continue;
    if (!isTextNextLink(a) && !isImageNextLink(a)) continue;
    const found = accept(a.getAttribute('href'));
    if (found) return found;
  }
  return null;
}
