import { generic, ruleForUrl } from '../sites/index';
import type { PageScheme, SiteRule } from '../sites/types';
import type { Detection } from './types';
import { isImageOnlyLink, isImageNextLink, isTextNextLink, isWholeArticleLink, NUMBER_TEXT, textOf } from './pager-words';
import { descendants, queryAll } from './query';
import { scriptPageNumber, scriptPagerOf, type ScriptPager } from './script-data';
import { absoluteHttpUrl, documentBase, pageKey, parseHttpUrl, sameSite, stripHash } from './url';

/** Pages past this number are never believed, whatever a pager says. */
const MAX_PAGE_NUMBER = 200;

/** Query parameters that carry a page number on generic sites (`?page=2`). */
const PAGE_PARAMS = ['page', 'p', 'pn', 'pg', 'pageno', 'curpage', 'pagenum'];

/** Where one URL sits in an article: the article's key (scheme + stem) and the 1-based page. */
export interface PagePosition {
  key: string;
  page: number;
  /** The number the URL itself carries (null for the unnumbered first page). */
  suffix: number | null;
  /** Builds page N's URL of the same article. */
  build(page: number): string;
  /** Where another URL sits in the same article (same scheme, stem and numbering), or null. */
  locate(url: URL): PagePosition | null;
  /** The same URL read with another numbering: page = suffix + offset (1 when `_1` is page 2). */
  rebase(offset: number): PagePosition | null;
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
  /** A same-article link to the whole article on one page ("全文", "单页阅读", `_all.html`). */
  wholeUrl: string | null;
}

function schemePosition(scheme: PageScheme, url: URL, offset = scheme.zeroBased ? 1 : 0): PagePosition | null {
  const match = scheme.path.exec(url.pathname);
  if (!match) return null;
  const [, stem = '', num, ext = ''] = match;
  const suffix = num === undefined ? null : Number(num);
  const page = suffix === null ? 1 : suffix + offset;
  if (page < 1 || page > MAX_PAGE_NUMBER) return null;
  const origin = `${url.protocol}//${url.host}`;
  const registrable = url.hostname.toLowerCase().replace(/^www\./, '');
  // The key ignores scheme, query and fragment: `c_123.htm?from=pager` is page 1 too
  // (fixture back-link-query-string).
  const key = `${scheme.name}|${registrable}|${stem.toLowerCase()}${ext.toLowerCase()}`;
  return {
    key,
    page,
    suffix,
    build(n: number): string {
      if (n === 1 || n - offset < 1) return `${origin}${stem}${ext}`;
      return `${origin}${stem}${scheme.separator}${n - offset}${ext}`;
    },
    locate(other: URL): PagePosition | null {
      const p = schemePosition(scheme, other, offset);
      return p && p.key === key ? p : null;
    },
    rebase(to: number): PagePosition | null {
      return to === offset ? this : schemePosition(scheme, url, to);
    },
  };
}

function queryPosition(url: URL, offset = 0): PagePosition | null {
  const param = PAGE_PARAMS.find((name) => url.searchParams.has(name));
  const base = new URL(url.href);
  base.hash = '';
  let suffix: number | null = null;
  if (param) {
    const value = Number(url.searchParams.get(param));
    // `?page=0` is page 1 where the site counts from 0 (Drupal: `?page=1` is the second page).
    if (!Number.isInteger(value) || value < 1 - offset || value + offset > MAX_PAGE_NUMBER) return null;
    suffix = value;
    base.searchParams.delete(param);
  }
  const page = suffix === null ? 1 : suffix + offset;
  const name = param ?? 'page';
  const registrable = base.hostname.toLowerCase().replace(/^www\./, '');
  // The parameter's name is not in the key: page 1 (`view.php?id=7`) has none, page 2 may say `p`.
  const key = `query|${registrable}${base.pathname}${base.search}`;
  return {
    key,
    page,
    suffix,
    build(n: number): string {
      const u = new URL(base.href);
      if (n > 1) u.searchParams.set(name, String(n - offset));
      return u.href;
    },
    locate(other: URL): PagePosition | null {
      const p = queryPosition(other, offset);
      if (!p || p.key !== key) return null;
      // Both numbered: by the same parameter.
      const otherParam = PAGE_PARAMS.find((n) => other.searchParams.has(n));
      if (param && otherParam) return otherParam === param ? p : null;
      // Page 1 (no parameter) beside `?p=2`: one article where the address names it by other
      // parameters too (`view.php?tid=7&p=2`); on a static page (`story.html?p=2`) a short
      // parameter is as likely a comment list's or a post id.
      const numberedBy = param ?? otherParam;
      return numberedBy && numberedBy !== 'page' && !base.search ? null : p;
    },
    rebase(to: number): PagePosition | null {
      return to === offset ? this : queryPosition(url, to);
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
  if (rule.queryPages) {
    const q = queryPosition(url);
    if (q) out.push(q);
  }
  return out;
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
  const { rule: _rule, pages: _pages, position: _position, currentPage: _currentPage, wholeUrl: _wholeUrl, ...detection } = detectPaginationDetail(doc, url);
  return detection;
}

/** A same-site link, resolved once. */
interface LinkInfo {
  a: Element;
  href: string;
  u: URL;
  text: string;
}

function linkInfos(links: Iterable<Element>, base: string, here: URL): LinkInfo[] {
  const out: LinkInfo[] = [];
  for (const a of links) {
    const href = absoluteHttpUrl(a.getAttribute('href'), base);
    const u = href ? parseHttpUrl(href) : null;
    if (!href || !u || !sameSite(u, here)) continue;
    out.push({ a, href, u, text: textOf(a) });
  }
  return out;
}

/** Where a URL sits under `position`'s scheme, whichever way that scheme counts (`_0` is page 1 once counted from 0). */
function locateAnyBase(position: PagePosition, u: URL): PagePosition | null {
  return position.locate(u) ?? position.rebase(0)?.locate(u) ?? position.rebase(1)?.locate(u) ?? null;
}

/**
 * How the URL's number counts: the pager's own numbers decide (a link "2" to `ID_1.htm` means the
 * suffix counts from 0), else the pager's unlinked current number next to this URL's suffix, else
 * the scheme's default. Returns the offset (page = suffix + offset), or null when nothing says.
 */
function learnOffset(position: PagePosition, links: readonly LinkInfo[], marker: number | null, others: readonly LinkInfo[] = links): number | null {
  let from0 = 0;
  let from1 = 0;
  for (const l of links) {
    const m = NUMBER_TEXT.exec(l.text);
    if (!m) continue;
    const p = locateAnyBase(position, l.u);
    if (!p || p.suffix === null) continue;
    const diff = Number(m[1]) - p.suffix;
    if (diff === 1) from0++;
    else if (diff === 0) from1++;
  }
  if (from0 !== from1) return from0 > from1 ? 1 : 0;
  if (marker !== null && position.suffix !== null) {
    const diff = marker - position.suffix;
    if (diff === 0 || diff === 1) return diff;
  }
  // `ID_1` cannot be page 1 when the pager links `ID` as a page too ("首页", "上一页"): the suffix
  // counts from 0.
  // The same when the page is `ID` and its "next" is `ID_1`.
  const suffixes = new Set<number | null | undefined>([position.suffix]);
  for (const l of others) if (l.text.length <= 16) suffixes.add(locateAnyBase(position, l.u)?.suffix);
  return suffixes.has(1) && suffixes.has(null) ? 1 : null;
}

/**
 * How the URL's number counts by what a script pager says of this page: its own page number
 * (`var curPage = 3` on `ID_2.htm`), else the CMS's convention (TRS counts from 0).
 */
function scriptOffset(position: PagePosition, script: ScriptPager | null): number | null {
  if (!script || script.name || script.count < 2) return null;
  const shown = scriptPageNumber(script);
  if (shown !== null && position.suffix !== null) {
    const diff = shown - position.suffix;
    return diff === 0 || diff === 1 ? diff : null;
  }
  return script.zeroBased ? 1 : null;
}

/**
 * The pager's unlinked current-page number inside `containers`: an element ("<span>3</span>"
 * between links) or bare text ("<a>[1]</a>&nbsp;[2]&nbsp;").
 */
function markerNumber(doc: Document, rule: SiteRule, containers: readonly Element[]): number | null {
  if (!containers.length) return null;
  for (const el of queryAll(doc, rule.currentPage)) {
    if (el.closest('a')) continue;
    const m = NUMBER_TEXT.exec(textOf(el));
    if (m && containers.some((p) => p.contains(el))) return Number(m[1]);
  }
  for (const container of containers) {
    for (const node of container.childNodes) {
      if (node.nodeType !== 3) continue;
      for (const token of (node.nodeValue ?? '').split(/[\s\u00a0|｜]+/)) {
        const m = token ? NUMBER_TEXT.exec(token) : null;
        if (m) return Number(m[1]);
      }
    }
  }
  return null;
}

/** A page's links, in document order: `a[href]`, and `link[rel][href], a[rel][href]`. */
interface LinkElements {
  aHref: Element[];
  rel: Element[];
}

/**
 * What `querySelectorAll('a[href]')` and `querySelectorAll('link[rel][href], a[rel][href]')` find,
 * in one walk (jsdom compiles each selector anew per document: most of a small page's detection).
 */
function linkElements(doc: Document): LinkElements {
  const found: LinkElements = { aHref: [], rel: [] };
  const root = doc.documentElement;
  if (root) {
    for (const el of descendants(root)) {
      const tag = el.localName;
      if (tag !== 'a' && tag !== 'link') continue;
      if (!el.hasAttribute('href')) continue;
      if (tag === 'a') found.aHref.push(el);
      if (el.hasAttribute('rel')) found.rel.push(el);
    }
  }
  return found;
}

/** {@link detectPagination} with the page map and rule the fetcher needs. */
export function detectPaginationDetail(doc: Document, url: string, ruleOverride?: SiteRule): DetectionDetail {
  const here = parseHttpUrl(url);
  const rule = ruleOverride ?? (here ? ruleForUrl(here) : generic);
  const empty: DetectionDetail = {
    site: rule.id, paginated: false, pageUrls: [url], complete: true, currentIndex: 0, nextUrl: null, pageCount: 1,
    rule, pages: new Map([[1, url]]), currentPage: 1, position: null, wholeUrl: null,
  };
  if (!here) return empty;
  const base = documentBase(doc, url);

  const positions = positionsOf(rule, here);
  const pager = queryAll(doc, rule.pager);
  const pagerSet = new Set<Element>();
  for (const container of pager) for (const a of container.querySelectorAll('a[href]')) pagerSet.add(a);
  const pagerLinks = linkInfos(pagerSet, base, here);
  // Sites without a pager selector worth trusting alone (and pages where the rule's pager is not
  // there): every link on the page may be part of the pager, judged by its address.
  const wide = rule.pagerAnywhere || pagerLinks.length === 0;
  // A static list: indexing jsdom's live `doc.links` walks its named items each time (seconds on a
  // large page).
  let links: LinkElements | null = null;
  const linksOf = (): LinkElements => (links ??= linkElements(doc));
  const allLinks = wide ? linkInfos(linksOf().aHref, base, here) : pagerLinks;
  let options: Array<{ href: string; u: URL }> | null = null;
  const optionsOf = () => (options ??= pickerOptions(doc, base, here));

  // Pick the scheme under which the page's links name the most distinct pages: `story.html` with
  // links `?page=2`, `?page=3` is a query-paged article, not three copies of page 1.
  let position: PagePosition | null = positions[0] ?? null;
  if (positions.length > 1) {
    let best = -1;
    // …or the page-number picker's options, where the page shows no page links (`<select>` of 第N页).
    const named = [...allLinks.map((l) => l.u), ...optionsOf().map((o) => o.u)];
    for (const pos of positions) {
      const numbers = new Set<number>();
      for (const u of named) {
        const hit = locateAnyBase(pos, u);
        if (hit && hit.page !== pos.page) numbers.add(hit.page);
      }
      if (numbers.size > best) {
        best = numbers.size;
        position = pos;
      }
    }
  }

  // Numbered links and the pager's own current number decide how the URL's number counts.
  const numbered = allLinks.filter((l) => NUMBER_TEXT.test(l.text));
  const containers = pager.length ? pager : [...new Set(numbered.flatMap((l) => (l.a.parentElement ? [l.a.parentElement as Element] : [])))];
  const marker = markerNumber(doc, rule, containers);
  let script = scriptPagerOf(doc);
  if (position) {
    const offset = learnOffset(position, numbered, marker, allLinks) ?? scriptOffset(position, script);
    if (offset !== null) position = position.rebase(offset) ?? position;
    // A count-only script that names another page number than this one's is some other list's
    // (comments, a gallery), not the article's.
    const shown = script ? scriptPageNumber(script) : null;
    if (script && !script.name && script.count > 1 && shown !== null && shown !== position.page) script = null;
  }
  // "createPageHTML(1, 0, …)": the CMS says this is a single page, whatever markup it left.
  if (script?.count === 1) return { ...empty, pageUrls: [stripHash(url)], pages: new Map([[1, stripHash(url)]]), position };
  const fromScript = script ? scriptPages(script, base, url, here) : null;
  if (fromScript) return withPages(empty, rule, fromScript.pages, fromScript.current, locateScriptPosition(positions, fromScript), true, null, wholeLink(allLinks, here, url));

  const candidates: Candidate[] = [];
  for (const l of numbered) {
    const pos = position?.locate(l.u);
    if (pos) {
      // Known sites: canonical URLs built from the scheme (no `?from=…`, one scheme and host).
      // Other sites: the link as written (`_0.html` may be page 1 there).
      candidates.push({ url: rule.strictSchemes && position ? position.build(pos.page) : l.href, page: pos.page });
      continue;
    }
    // No scheme: the number the reader sees ("【2】", "[2]"), in the pager, in this folder.
    if (!pagerSet.has(l.a) || !sameDirectory(l.u, here)) continue;
    const n = Number((NUMBER_TEXT.exec(l.text) as RegExpExecArray)[1]);
    if (n >= 1 && n <= MAX_PAGE_NUMBER) candidates.push({ url: l.href, page: n });
  }

  // The current page's number: from its URL, else the pager's unlinked number, else 1.
  const currentPage = position?.page ?? marker ?? 1;

  // A counter "2/5" in the pager (or a page-number <select>) says how many pages there are.
  // …next to the article's own page links (their box, and the box around that).
  const navBoxes = new Set<Element>(containers);
  for (const l of position ? allLinks : []) {
    if (l.text.length > 16 || !position?.locate(l.u)) continue;
    const box = l.a.parentElement;
    if (box) navBoxes.add(box);
    if (box?.parentElement) navBoxes.add(box.parentElement);
  }
  const counted = pageCounter([...navBoxes], currentPage);
  // Previous/next beside a link to the contents ("返目录", "目录") and no page numbers: a chapter of
  // a book, each chapter its own piece, not a page of one article.
  if (!numbered.length && !counted && !script && hasContentsLink(navBoxes)) {
    return { ...empty, pageUrls: [stripHash(url)], pages: new Map([[1, stripHash(url)]]) };
  }
  // The highest page a pager names: only a pager (or the CMS's script) proves how many pages there are.
  const pagerMax = Math.max(candidates.reduce((max, c) => Math.max(max, c.page), 0), script?.count ?? 0, counted ?? 0);

  // Other links to this article's own pages ("上一页", "首页", a <select>'s options): pages too,
  // though they prove no count. Only where the rule does not build its URLs itself.
  if (position && !rule.strictSchemes) {
    for (const l of allLinks) {
      if (l.text.length > 16) continue;
      const pos = position.locate(l.u);
      if (pos && pos.page !== currentPage) candidates.push({ url: l.href, page: pos.page });
    }
    for (const { href, u } of optionsOf()) {
      const pos = position.locate(u);
      if (pos && pos.page !== currentPage) candidates.push({ url: href, page: pos.page });
    }
    // `<link rel="prev">` in the head (paged posts that show no pager links): the page before.
    for (const el of linksOf().rel) {
      if (el.localName !== 'link') continue;
      if (!/(^|\s)(prev|previous|first)(\s|$)/i.test(el.getAttribute('rel') ?? '')) continue;
      const href = absoluteHttpUrl(el.getAttribute('href'), base);
      const u = href ? parseHttpUrl(href) : null;
      const pos = u && sameSite(u, here) ? position.locate(u) : null;
      if (href && pos && pos.page < currentPage) candidates.push({ url: href, page: pos.page });
    }
  }

  // "Next": the rule's selectors, rel=next, next texts, image-only next links.
  const nextUrl = findNext(doc, url, here, rule, position, wide ? allLinks : pagerLinks, base, () => linksOf().rel);
  if (nextUrl) {
    const u = parseHttpUrl(nextUrl);
    const pos = u && position ? position.locate(u) : null;
    candidates.push({ url: pos && position && rule.strictSchemes ? position.build(pos.page) : nextUrl, page: pos ? pos.page : currentPage + 1 });
  }

  const pages = new Map<number, string>();
  const selfUrl = position && rule.strictSchemes ? position.build(currentPage) : stripHash(url);
  pages.set(currentPage, selfUrl);
  for (const c of candidates) {
    if (c.page === currentPage) continue;
    if (!pages.has(c.page)) pages.set(c.page, c.url);
  }

  // A known scheme fills the gaps: page 3 of c_123_3.htm implies pages 1 and 2 exist. So does a
  // script's page count ("var countPage = 4") on a page whose URL follows a scheme.
  const declared = script?.count ?? counted ?? 0;
  const maxPage = Math.max(...pages.keys(), position ? declared : 0);
  if (position && (rule.strictSchemes || declared)) {
    for (let n = 1; n <= maxPage; n++) if (!pages.has(n)) pages.set(n, position.build(n));
  }

  const numbers = [...pages.keys()].sort((a, b) => a - b);
  if (numbers.length <= 1) return { ...empty, pageUrls: [selfUrl], pages, currentPage: 1, position, rule };

  const contiguous = numbers[0] === 1 && numbers.every((n, i) => n === i + 1);
  const nextNumber = nextUrl ? [...pages.entries()].find(([, u]) => u === nextUrl)?.[0] ?? currentPage + 1 : null;
  // Complete when the list runs 1..max with no hole and nothing points past it. A windowed pager
  // that shows 1-5 of 12 without its hidden roll lists is incomplete: the fetcher grows it.
  // A lone "next" link, or a page number in the URL, says nothing of the last page (galleries,
  // next-only articles): incomplete, and every loaded page extends the list.
  const complete =
    contiguous && pagerMax >= maxPage && (nextNumber === null || nextNumber <= maxPage) && !hasMoreMarker(pager);
  const detail = withPages(empty, rule, pages, currentPage, position, complete, nextNumber, wholeLink(allLinks, here, url));
  return { ...detail, nextUrl: nextNumber !== null ? (pages.get(nextNumber) ?? nextUrl) : null };
}

/**
 * The same-site addresses in a page picker's options (`<select>` of 第N页, `<option value=URL>`), as
 * absolute hrefs and parsed: an `<option>` outside a `<select>` (a `<datalist>`'s suggestions) picks no page.
 */
function pickerOptions(doc: Document, base: string, here: URL): Array<{ href: string; u: URL }> {
  const out: Array<{ href: string; u: URL }> = [];
  for (const select of doc.getElementsByTagName('select')) {
    for (const option of select.getElementsByTagName('option')) {
      const href = absoluteHttpUrl(option.getAttribute('value'), base);
      const u = href ? parseHttpUrl(href) : null;
      if (href && u && sameSite(u, here)) out.push({ href, u });
    }
  }
  return out;
}

function withPages(
  empty: DetectionDetail,
  rule: SiteRule,
  pages: Map<number, string>,
  currentPage: number,
  position: PagePosition | null,
  complete: boolean,
  nextNumber: number | null,
  wholeUrl: string | null,
): DetectionDetail {
  const numbers = [...pages.keys()].sort((a, b) => a - b);
  const next = nextNumber ?? (pages.has(currentPage + 1) ? currentPage + 1 : null);
  return {
    ...empty,
    site: rule.id,
    paginated: true,
    pageUrls: numbers.map((n) => pages.get(n) as string),
    complete,
    currentIndex: numbers.indexOf(currentPage),
    nextUrl: next !== null ? (pages.get(next) ?? null) : null,
    pageCount: Math.max(...numbers),
    rule,
    pages,
    currentPage,
    position,
    wholeUrl,
  };
}

const CONTENTS_WORDS = /^[[【(（]?\s*(返回?目录|回目录|返回?目錄|回目錄|目录|目錄|章节目录|章節目錄|书目|書目|contents|table of contents)\s*[\]】)）]?$/i;

function hasContentsLink(boxes: Iterable<Element>): boolean {
  for (const box of boxes) for (const a of box.querySelectorAll('a')) if (CONTENTS_WORDS.test(textOf(a))) return true;
  return false;
}

/** "2/5" (or "第2页/共5页", "2 of 5") standing alone in the pager, for the current page: the page count. */
function pageCounter(containers: readonly Element[], currentPage: number): number | null {
  for (const container of containers) {
    for (const el of [container, ...container.querySelectorAll('span, em, b, strong, i, font, div, p, td, li')]) {
      const text = textOf(el);
      if (text.length > 24) continue;
      const m = /^(?:第\s*)?(\d{1,3})\s*[页頁]?\s*(?:\/|of|／)\s*(?:共\s*)?(\d{1,3})\s*[页頁]?$/i.exec(text);
      if (m && Number(m[1]) === currentPage && Number(m[2]) >= currentPage && Number(m[2]) <= MAX_PAGE_NUMBER) return Number(m[2]);
    }
  }
  return null;
}

/** TRS's `createPageHTML(count, current, "name", "ext")`: page 1 is `name.ext`, page k is `name_{k-1}.ext`. */
function scriptPages(script: ScriptPager, base: string, url: string, here: URL): { pages: Map<number, string>; current: number } | null {
  if (script.count < 2 || !script.name || !script.ext) return null;
  const pages = new Map<number, string>();
  for (let i = 0; i < script.count; i++) {
    const href = absoluteHttpUrl(`${script.name}${i ? `_${i}` : ''}.${script.ext}`, base);
    const u = href ? parseHttpUrl(href) : null;
    if (!href || !u || !sameSite(u, here) || !sameDirectory(u, here)) return null;
    pages.set(i + 1, href);
  }
  // The script must describe this very page, else it is some other list's.
  const self = pageKey(stripHash(url));
  const current = [...pages.entries()].find(([, u]) => pageKey(u) === self)?.[0];
  return current === undefined ? null : { pages, current };
}

function locateScriptPosition(positions: readonly PagePosition[], found: { pages: Map<number, string>; current: number }): PagePosition | null {
  for (const pos of positions) {
    const p = pos.rebase(1);
    if (p && p.page === found.current && p.build(1) === found.pages.get(1)) return p;
  }
  return null;
}

/** A same-article link to the whole article on one page, if the page offers one. */
function wholeLink(links: readonly LinkInfo[], here: URL, url: string): string | null {
  for (const l of links) {
    if (stripHash(l.href) === stripHash(url)) continue;
    if (!isWholeArticleLink(l.a, l.href)) continue;
    if (sharesStem(l.u, here) || (l.u.pathname === here.pathname && l.u.search !== here.search)) return l.href;
  }
  return null;
}

/** `/a/3519238_2.shtml` and `/a/3519238.shtml?page=2` share the stem of `/a/3519238.shtml`. */
export function sharesStem(candidate: URL, article: URL): boolean {
  const stem = (u: URL) => u.pathname.replace(/\.[a-z]{2,5}$/i, '').replace(/[_-](\d{1,3}|all)$/i, '').replace(/\/+$/, '');
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
function hasMoreMarker(pager: readonly Element[]): boolean {
  return pager.some((p) => {
    if (!p.querySelector('a[href]')) return false;
    const text = p.textContent ?? '';
    // A pager says "…" between its numbers; a caption with an ellipsis is not a pager.
    return text.length <= 300 && /(\.\.\.|…)/.test(text);
  });
}

/** An image that looks like a button (small, or a gif/png/svg that is no photo), not a body photo. */
function isButtonImage(a: Element): boolean {
  const img = a.querySelector('img');
  if (!img) return false;
  const w = Number(img.getAttribute('width') ?? 0);
  const h = Number(img.getAttribute('height') ?? 0);
  if (w || h) return w <= 160 && h <= 80;
  return /\.(gif|png|svg)(\?|$)/i.test(img.getAttribute('src') ?? '');
}

function findNext(
  doc: Document,
  url: string,
  here: URL,
  rule: SiteRule,
  position: PagePosition | null,
  scan: readonly LinkInfo[],
  base: string,
  /** The page's `link[rel][href], a[rel][href]`, in document order. */
  relLinks: () => readonly Element[],
): string | null {
  const accept = (href: string | null): string | null => {
    const abs = absoluteHttpUrl(href, base);
    if (!abs) return null;
    const u = parseHttpUrl(abs);
    if (!u || !sameSite(u, here)) return null;
    if (stripHash(abs) === stripHash(url)) return null;
    if (position) {
      const pos = position.locate(u);
      // A next link under the article's own scheme must point forward.
      if (pos) return pos.page > position.page ? abs : null;
      // Known sites: a "next" outside the article's URL scheme is another article.
      if (rule.strictSchemes) return null;
    }
    // Other sites: a guessed next page extends this article's own URL stem
    // (`3519238.shtml` → `3519238_2.shtml`), never a sibling article in the same folder.
    return sharesStem(u, here) ? abs : null;
  };

  for (const el of queryAll(doc, rule.next)) {
    const link = el.closest('a[href]');
    const found = link ? accept(link.getAttribute('href')) : null;
    if (found) return found;
  }
  for (const el of relLinks()) {
    if (!/(^|\s)next(\s|$)/i.test(el.getAttribute('rel') ?? '')) continue;
    const found = accept(el.getAttribute('href'));
    if (found) return found;
  }
  // Text and image next links: in the pager first, then anywhere (People's Daily puts its image
  // link in a bare <center><table> below the pager; other sites end the body with "（接下一頁）").
  for (const l of scan) {
    // Next links are short: skip the long ones before any regex or child lookup.
    if (l.text.length > 16) continue;
    if (isTextNextLink(l.a) || isImageNextLink(l.a)) {
      const found = accept(l.href);
      if (found) return found;
    }
  }
  // An image-only button with no words at all ("arr_r.gif"): next when it points at the very next
  // page under the article's own scheme. Not a body photo linking on (People's Daily does that on
  // single pages too); sites with a rule name their buttons in it.
  if (position && !rule.strictSchemes) {
    for (const l of scan) {
      if (l.text !== '' || !isImageOnlyLink(l.a) || !isButtonImage(l.a)) continue;
      if (position.locate(l.u)?.page === position.page + 1) return l.href;
    }
  }
  return null;
}
