/** One page's body: found by its site rule (Readability where none fits), its chrome removed. */
import type { SiteRule } from '../sites/types';
import { generic } from '../sites/index';
import type { DetectionDetail } from './detect';

/** What extraction needs from detection: the rule, the pages found and the article's URL scheme. */
export type PagesSeen = Pick<DetectionDetail, 'rule' | 'pages' | 'position'>;
import { isImageNextLink, isImagePrevLink, isTextNextLink, LEFTOVER_PUNCTUATION, PAGER_TEXT, stripPageSuffix } from './pager-words';
import { childElements, closestOf, descendants, hasDescendantOf, queryAll, queryAllSafe } from './query';
import { collapseSpace, normalizeText } from './cjk-text';
import { linkTextLength, shortTextOf, textLength } from './element-text';
import { isBoilerplateName, removeBoilerplate } from './boilerplate';
import { absoluteHttpUrl, documentBase, parseHttpUrl } from './url';
import { readability } from './readability';

/** Never part of an article body. */
const ALWAYS_REMOVE_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'LINK', 'META', 'IFRAME', 'FRAME', 'FRAMESET', 'OBJECT', 'EMBED', 'APPLET',
  'INPUT', 'BUTTON', 'SELECT', 'TEXTAREA', 'TEMPLATE', 'BASE', 'CANVAS', 'AUDIO', 'DIALOG', 'LEGEND',
]);
/**
 * Containers whose own markup goes but whose content stays: an unclosed `<form>` swallows the rest
 * of the article into itself (hostile corpus), and a browser shows that text. (SVG and MathML are
 * unwrapped the same way when the page is parsed: parse-page.ts.)
 */
const UNWRAP_TAGS = new Set(['FORM']);
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

/**
 * Share bars, "+1", QR codes, font-size switches, ads and comment boxes, by class or id: chrome on
 * every site (.bdsharebuttonbox, .jiathis_style, #fontsize, .print, ad_…, .gg).
 */
const CHROME_TOKENS = new Set([
  'print', 'gg', 'adv', 'ad', 'ads', 'fontsize', 'set-font', 'ewm', 'tools',
  'newsletter', 'promo', 'subscribe', 'signup', 'social', 'related', 'sidebar', 'breadcrumb', 'breadcrumbs',
  'credit', 'credits', 'photo-credit', 'image-credit', 'caption-credit', 'byline', 'dateline', 'timestamp',
]);
const CHROME_SUBSTRING = /share(?!d)|fenxiang|jiathis|qrcode|advert|comment/i;

function isChromeToken(value: string | null): boolean {
  if (!value) return false;
  return value
    .split(/\s+/)
    .some((token) => CHROME_TOKENS.has(token.toLowerCase()) || CHROME_SUBSTRING.test(token) || /^ad_/i.test(token) || isBoilerplateName(token));
}

/**
 * A class that names chrome on an element that holds the article is a wrapper's name
 * (`m-advertisement-off-canvas--pusher`, `gigya-share-btns-…-containerParent`), not chrome:
 * chrome is small next to the body.
 */
function holdsTheArticle(el: Element, bodyLength: number): boolean {
  const length = textLength(el);
  return length >= 200 && length >= bodyLength * 0.25;
}

/**
 * One walk over the body removing what never belongs to an article. Plain string tests instead of
 * attribute selectors with the `i` flag: those cost a full, slow walk each in jsdom.
 */
function removeAlwaysChrome(body: Element): void {
  const doomed: Element[] = [];
  const unwrap: Element[] = [];
  const bodyLength = textLength(body);
  // A static list: a live collection is walked again after every change in jsdom (quadratic).
  for (const el of [...descendants(body)]) {
    const tag = el.tagName.toUpperCase();
    // Page content must not forge the reader's page markers.
    if (el.hasAttribute('data-page')) el.removeAttribute('data-page');
    if (UNWRAP_TAGS.has(tag)) {
      unwrap.push(el);
      continue;
    }
    // A fieldset is a form's box (a poll, a follow widget) unless it holds the article.
    if (ALWAYS_REMOVE_TAGS.has(tag) || el.hasAttribute('hidden') || (tag === 'FIELDSET' && !holdsTheArticle(el, bodyLength))) {
      doomed.push(el);
      continue;
    }
    const style = el.getAttribute('style');
    if (style && HIDDEN_STYLE.test(style)) {
      doomed.push(el);
      continue;
    }
    if ((isChromeToken(el.getAttribute('class')) || isChromeToken(el.getAttribute('id'))) && !holdsTheArticle(el, bodyLength)) doomed.push(el);
  }
  for (const el of doomed) if (body.contains(el)) el.remove();
  // Innermost first, so nested containers unwrap cleanly.
  for (const el of unwrap.reverse()) {
    if (!body.contains(el)) continue;
    el.replaceWith(...el.childNodes);
  }
}

/** Headings of related-news and promo blocks. */
const RELATED_HEADING =
  /^(.{0,8}(相关新闻|相關新聞|相关阅读|相關閱讀|相关链接|相关报道|推荐阅读|推薦閱讀|延伸阅读|延伸閱讀|热点推荐|精彩推荐|更多精彩|猜你喜欢|编辑推荐|热门人物|熱門人物|热门文章|热门新闻|熱門新聞|热点新闻|热门推荐|点击排行|點擊排行|排行榜|最新推荐|今日推荐|图片新闻|圖片新聞)|Related( News| Stories| Articles| Content| Posts| Links| Coverage| Reading| Topics| Videos)?|More|See also|Further reading|Read also|More on this( story| topic)?|Top stories|Editor'?s picks|Up next|We Recommend|Most Viewed|Most Popular|Trending|Key Words|Recommended( for you)?|Read more|Read next|Also read|Most read|You may also like\.{0,3}|More( [\w’']+){0,3} (Stories|News)|More from .{2,30})\s*[:：]?$/i;
/** A related-links line: the heading, a colon, then links. */
const RELATED_INLINE = /^(相关阅读|相關閱讀|相关新闻|相關新聞|相关链接|相關鏈接|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|Related|See also|Read more|More)\s*[:：]/i;
const LEADING_CHROME = /^(Email|Print|Comments?|Share|Twitter|Facebook|Sina Microblog|reddit|打印|纠错|收藏|分享|字号|大|中|小|[|｜\s])+$/i;
const LAZY_SRC = ['data-src', 'data-original', 'data-lazy-src', 'data-url', 'original', 'data-echo', 'file'];
const BLOCKS = 'p, div, center, li, td, th, h1, h2, h3, h4, h5, h6, blockquote, span, font, strong, b, table, section, ul, ol, dd, dt, em';

/** What extraction keeps of one page. */
export interface ExtractedPart {
  /** The cleaned body: a detached element owned by the page's document. */
  body: Element;
  /** Readability found the body (no rule's selector did): it has judged this page already. */
  byReadability: boolean;
}

/** The element holding the article body by the rule's selectors: the first selector with text wins. */
export function findContentRoot(doc: Document, rule: SiteRule): Element | null {
  for (const selector of rule.content) {
    let best: Element | null = null;
    let bestLength = 0;
    for (const el of queryAllSafe(doc, selector)) {
      const length = textLength(el);
      if (length > bestLength) {
        best = el;
        bestLength = length;
      }
    }
    // Pages keep empty body shells (`.lb` swipers, video placeholders): require real text.
    if (best && bestLength >= 20) return best;
  }
  return null;
}

/** What a short strict-pass result that is not the article says: a banner, a box, a footer. */
const NOT_AN_ARTICLE = /cookie|newsletter|subscribe|sign up|privacy|terms of (use|service)|javascript|your browser|advertis|print this|all rights reserved|版权所有|版權所有|免责声明|免責聲明|订阅|訂閱/i;

type Parsed = { content: Node | null | undefined; textContent: string | null | undefined } | null;

/** Readability over `doc` itself, which it takes apart; its links must be absolute already. */
function readabilityParse(doc: Document, charThreshold: number): Parsed {
  // Outside the try: Readability not loaded is the caller's bug, not a page Readability gave up on.
  const Readability = readability();
  try {
    // The article element itself, not its HTML: no serialize-and-parse round.
    return new Readability(doc, { keepClasses: true, charThreshold, serializer: (node: Node) => node }).parse();
  } catch {
    return null;
  }
}

/** `doc` with its links absolute, for Readability to take apart (Readability resolves them against the document's own URL, which a parsed page does not have). */
function absolutized(doc: Document, base: string): Document {
  if (doc.body) absolutizeUrls(doc.body, base);
  return doc;
}

/**
 * Readability's body. Its first, strictest pass is the same whatever the threshold; the threshold
 * only decides whether a short result is accepted. A short one is the article on a brief or a
 * forum post, and a cookie banner, a newsletter box or a print footer elsewhere: it is kept unless
 * it reads like one of those, else Readability's own threshold (500) tries again with its cleaning
 * relaxed and keeps the longest result.
 *
 * `again`: Readability takes `doc` itself apart instead of a copy (copying a large page costs half
 * of what Readability's own work does); the rare second pass reads the page parsed anew.
 */
function readabilityRoot(doc: Document, base: string, again: (() => Document) | null): Element | null {
  const copy = () => absolutized(doc.cloneNode(true) as Document, base);
  let parsed = readabilityParse(again ? absolutized(doc, base) : copy(), 100);
  const text = collapseSpace(parsed?.textContent ?? '');
  if (!parsed?.content || (text.length < 500 && NOT_AN_ARTICLE.test(text))) {
    parsed = readabilityParse(again ? absolutized(again(), base) : copy(), 500) ?? parsed;
  }
  if (!parsed?.content) return null;
  // Readability's article element, from this page or an inert copy of it, moved (not copied) into
  // this page's document; it is sanitized at the end.
  const container = doc.createElement('div');
  container.append(...[...parsed.content.childNodes]);
  return container;
}

/** Whether a URL is one of this article's pages (detection's page list, or its URL scheme). */
function isArticlePageUrl(href: string, detail: PagesSeen, pageUrls: Set<string>): boolean {
  if (pageUrls.has(href)) return true;
  const u = parseHttpUrl(href);
  return u !== null && detail.position?.locate(u) != null;
}

/**
 * Remove the pager wherever it sits: links to this article's pages with numbers or next/prev
 * texts, image-only next/previous links, and the containers left holding only those.
 */
function removePager(body: Element, base: string, detail: PagesSeen): void {
  const pageUrls = new Set([...detail.pages.values()]);
  const touched = new Set<Element>();
  for (const a of queryAllSafe(body, 'a')) {
    const href = absoluteHttpUrl(a.getAttribute('href'), base);
    const text = collapseSpace(a.textContent ?? '');
    const imageNav = isImageNextLink(a) || isImagePrevLink(a);
    if (imageNav) {
      if (a.parentElement) touched.add(a.parentElement);
      a.remove();
      continue;
    }
    if (href && isArticlePageUrl(href, detail, pageUrls)) {
      if (a.querySelector('img')) {
        // Body photos linking to the next page are content, not navigation: keep the image
        // (fixture people-n1-2019-utf8-under-gb2312-meta).
        a.replaceWith(...a.childNodes);
      } else if (PAGER_TEXT.test(text) || isTextNextLink(a)) {
        if (a.parentElement) touched.add(a.parentElement);
        a.remove();
      }
    } else if (!href && PAGER_TEXT.test(text) && /page|javascript/i.test(a.getAttribute('href') ?? '')) {
      a.remove();
    }
  }
  // A next link inside a text paragraph ("……。（未完，<a>请看下一页</a>）") leaves its brackets.
  for (const start of touched) {
    start.normalize();
    const last = start.lastChild;
    if (last?.nodeType === 3 && collapseSpace(start.textContent ?? '').length > 20) {
      last.nodeValue = (last.nodeValue ?? '').replace(TURN_LEFTOVER, '');
    }
  }
  // Containers the removed links leave holding only numbers ("【3】" as plain text, "[1] [2]").
  for (const start of touched) {
    let node: Element | null = start;
    while (node && node !== body && body.contains(node)) {
      const text = collapseSpace(node.textContent ?? '');
      if (node.querySelector('img') || !(LEFTOVER_PUNCTUATION.test(text) || (PAGER_TEXT.test(text) && text.length <= 80))) break;
      const parent: Element | null = node.parentElement;
      node.remove();
      node = parent;
    }
  }
}

/** The end of a paragraph whose page-turn link was removed: "（未完，）", "(待续)", "（）". */
const TURN_LEFTOVER = /\s*[（(【[]\s*(未完待续|未完待續|未完|待续|待續|续|續)?\s*[，,、:：]?\s*[）)】\]]\s*$/;

function removeBySelectors(body: Element, selectors: readonly string[]): void {
  for (const el of queryAll(body, selectors)) if (el !== body) el.remove();
}

function removeByText(body: Element, patterns: readonly RegExp[]): void {
  for (const el of queryAllSafe(body, BLOCKS)) {
    if (el === body || !body.contains(el)) continue;
    const text = shortTextOf(el, 200);
    if (!text) continue;
    if (patterns.some((re) => re.test(text))) el.remove();
  }
}

/** Related-news blocks: a short heading followed by a list of links. */
function removeRelated(body: Element): void {
  for (const el of queryAllSafe(body, 'p, div, h2, h3, h4, h5, strong, b, span, td, dt')) {
    if (el === body || !body.contains(el)) continue;
    // Both kinds are short lines (a heading of a few words; the inline kind ≤ 200 characters).
    const text = shortTextOf(el, 200);
    if (text === null) continue;
    // "相关阅读：<a>…</a>": the heading and its links on one line.
    if (RELATED_INLINE.test(text) && isLinkList(el, 0.5)) {
      el.remove();
      continue;
    }
    if (!RELATED_HEADING.test(text)) continue;
    // The heading and every following sibling that is mostly links.
    let sibling = el.nextElementSibling;
    while (sibling && (isLinkList(sibling) || isLinkItems(sibling))) {
      const next = sibling.nextElementSibling;
      sibling.remove();
      sibling = next;
    }
    el.remove();
  }
}

/** A list whose every item holds a link, half sentence, half link ("Paid ads are not <a>the problem</a>"): what a related heading opens. */
function isLinkItems(el: Element): boolean {
  if (el.tagName !== 'UL' && el.tagName !== 'OL') return false;
  const items = childElements(el).filter((li) => li.tagName === 'LI');
  return items.length > 0 && items.every((li) => li.querySelector('a') !== null) && isLinkList(el, 0.3);
}

function isLinkList(el: Element, share = 0.6): boolean {
  const text = collapseSpace(el.textContent ?? '');
  if (!text) return true;
  return linkTextLength(el) / text.length > share;
}

/** Link farms inside the body: channel link rows and "more stories" tables (mnc.people.com.cn). */
function removeLinkLists(body: Element): void {
  for (const el of queryAllSafe(body, 'table, ul, ol, div, p, td, dl')) {
    if (el === body || !body.contains(el)) continue;
    const links = queryAllSafe(el, 'a');
    if (links.length < 2) continue;
    const text = shortTextOf(el, 400);
    if (text === null) continue;
    if (linkTextLength(el, links) / Math.max(1, text.length) > 0.6) el.remove();
  }
}

/** Share bars and tool rows: short blocks of link-ish words ("Email|Print|Comments twitter…"). */
function removeChromeRows(body: Element): void {
  for (const el of queryAllSafe(body, 'p, div, td, span, ul')) {
    if (el === body || !body.contains(el)) continue;
    const text = shortTextOf(el, 120);
    if (text && LEADING_CHROME.test(text)) el.remove();
  }
}

/** The headline repeated inside the body (each page repeats it on some templates). */
export function removeRepeatedTitle(body: Element, title: string | null): void {
  if (!title) return;
  const wanted = normalizeText(stripPageSuffix(title)).replace(/\s/g, '');
  if (!wanted) return;
  for (const el of queryAllSafe(body, 'h1, h2, h3, p, div, strong, b, font, span, center, td')) {
    if (el === body || !body.contains(el)) continue;
    // Longer than the title many times over: not the title (nor a copy of it), read no further.
    const short = shortTextOf(el, 4 * (wanted.length + 8) + 100);
    if (short === null) continue;
    const text = normalizeText(stripPageSuffix(short)).replace(/\s/g, '');
    if (text.length > wanted.length + 8) continue;
    if (text === wanted) {
      el.remove();
      return;
    }
  }
}

/** Lazy images get their real source; every URL becomes absolute (the reader runs elsewhere). */
export function absolutizeUrls(body: Element, base: string): void {
  for (const img of queryAllSafe(body, 'img')) {
    const lazy = LAZY_SRC.map((name) => img.getAttribute(name)).find((v) => v && !/^data:/i.test(v));
    const src = img.getAttribute('src');
    const chosen = (!src || /^data:|blank\.gif|spacer|loading/i.test(src)) && lazy ? lazy : src;
    const abs = absoluteHttpUrl(chosen, base);
    if (abs) img.setAttribute('src', abs);
    else img.remove();
    for (const name of LAZY_SRC) img.removeAttribute(name);
    const srcset = img.getAttribute('srcset');
    if (srcset) {
      const fixed = srcset
        .split(',')
        .map((part) => {
          const [u, d] = part.trim().split(/\s+/, 2);
          const a = absoluteHttpUrl(u, base);
          return a ? (d ? `${a} ${d}` : a) : null;
        })
        .filter(Boolean)
        .join(', ');
      if (fixed) img.setAttribute('srcset', fixed);
      else img.removeAttribute('srcset');
    }
  }
  for (const a of queryAllSafe(body, 'a')) {
    if (!a.hasAttribute('href')) continue;
    const abs = absoluteHttpUrl(a.getAttribute('href'), base);
    if (abs) a.setAttribute('href', abs);
    else a.removeAttribute('href');
  }
}

/** Tiny images are spacers, icons and counters. */
function removeTinyImages(body: Element): void {
  for (const img of queryAllSafe(body, 'img')) {
    const w = Number(img.getAttribute('width'));
    const h = Number(img.getAttribute('height'));
    if ((w > 0 && w < 40) || (h > 0 && h < 40) || /(spacer|blank\.gif|pixel|\/icon)/i.test(img.getAttribute('src') ?? '')) img.remove();
  }
}

const INDENT = /^[\s\u3000\u00a0]+/;
/** Where a line of text starts over (trimIndentation). */
const INDENT_BLOCKS = new Set(['p', 'div', 'td', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'dd', 'dt', 'center', 'section']);

/**
 * Paragraph indentation typed as spaces ("　　" ideographic spaces, `&nbsp;` runs) is layout the
 * reader does with CSS; left in the text it turns into Markdown code blocks and ragged copies.
 * Trimmed at the start of each block and after each `<br>` (fixture xinhua-2012-windowed-pager).
 */
function trimIndentation(body: Element): void {
  const doc = body.ownerDocument;
  const walker = doc.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
  let atLineStart = true;
  let lastBlock: Element | null = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const block = closestOf(node.parentElement, INDENT_BLOCKS) ?? body;
    if (block !== lastBlock) {
      atLineStart = true;
      lastBlock = block;
    }
    const prev = node.previousSibling;
    if (prev && prev.nodeType === 1 && (prev as Element).tagName === 'BR') atLineStart = true;
    const text = node.nodeValue ?? '';
    if (atLineStart) {
      const trimmed = text.replace(INDENT, '');
      if (trimmed !== text) node.nodeValue = trimmed;
      if (trimmed === '') continue;
    }
    atLineStart = false;
  }
}

/** Deeper than this, wrappers are unwrapped (their content stays). */
const MAX_DEPTH = 32;

/**
 * Hostile or broken pages nest thousands of wrappers; Readability's conditional cleaning is
 * quadratic in that depth (800 levels took 6 s). No article needs more than a few dozen levels:
 * deeper elements are replaced by their children, keeping every word (hostile corpus "deep").
 */
function flattenDeepNesting(body: Element): void {
  const deep: Element[] = [];
  // Iterative pre-order walk: recursion would overflow the stack on the pages this is for.
  const stack: Array<[Element, number]> = [[body, 0]];
  while (stack.length) {
    const [el, depth] = stack.pop() as [Element, number];
    const children = childElements(el);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i] as Element;
      if (depth >= MAX_DEPTH) deep.push(child);
      stack.push([child, depth + 1]);
    }
  }
  // Innermost first: each unwrap moves already-flat children up one level.
  for (let i = deep.length - 1; i >= 0; i--) {
    const el = deep[i] as Element;
    if (el.tagName.toUpperCase() === 'IMG' || el.tagName.toUpperCase() === 'BR') continue;
    el.replaceWith(...el.childNodes);
  }
}

/** What an element with no text still shows. */
const MEDIA_TAGS = new Set(['img', 'video', 'picture']);

/** Empty wrappers left behind by the cleaning. */
function removeEmpty(body: Element): void {
  const all = queryAllSafe(body, 'p, div, span, font, center, strong, b, em, a, li, ul, td, tr, table, tbody, section');
  for (let i = all.length - 1; i >= 0; i--) {
    const el = all[i] as Element;
    if (!body.contains(el)) continue;
    if (shortTextOf(el, 0) === '' && !hasDescendantOf(el, MEDIA_TAGS)) el.remove();
  }
}

/**
 * Extract and clean one page's body, with what detection found of the article (its rule, pages
 * and URL scheme). Returns null when the page has no article text. The repeated headline is the
 * assembly's to remove (it knows the article's title): {@link removeRepeatedTitle}.
 * `again` (the page parsed anew, parse-page.ts reparser): nothing reads `doc` afterwards, so
 * Readability may take it apart (see readabilityRoot).
 */
export function extractPart(doc: Document, url: string, detail: PagesSeen, { again = null }: { again?: (() => Document) | null } = {}): ExtractedPart | null {
  const rule = detail.rule;
  const base = documentBase(doc, url);
  let root = findContentRoot(doc, rule);
  const byReadability = root === null;
  let body: Element;
  if (root) {
    body = root.cloneNode(true) as Element;
  } else {
    root = readabilityRoot(doc, base, again);
    if (!root) return null;
    body = root;
  }
  flattenDeepNesting(body);
  removeAlwaysChrome(body);
  // Every rule adds to the generic engine's chrome lists; none replaces them.
  removeBySelectors(body, [...new Set([...rule.clean, ...generic.clean])]);
  removePager(body, base, detail);
  // Related-news blocks first: their heading is also a cleanText line, and removing it alone
  // would leave the links it introduces behind.
  removeRelated(body);
  removeByText(body, [...new Set([...rule.cleanText, ...generic.cleanText])]);
  removeLinkLists(body);
  removeChromeRows(body);
  removeBoilerplate(body, base, url);
  absolutizeUrls(body, base);
  removeTinyImages(body);
  trimIndentation(body);
  removeEmpty(body);
  if (textLength(body) === 0 && !body.querySelector('img')) return null;
  return { body, byReadability };
}
