/**
 * The article as the reader shows it: header (title, byline · source · date, link to the
 * original), one `<section data-page="N">` per page, and in place of each page that failed a
 * notice "Page 3 of 5 could not be loaded: the site answered with an error (HTTP 503). Retry" (the
 * reason in the interface language, failure-text.ts). Every HTML string goes through
 * the sanitizer (`sanitizedBody`) on its way in, even though the pipeline sanitized it already;
 * only a tree the sanitizer itself made (a page shown early, `ArticlePart.body`) is taken as it is.
 */
import { unwrapArticle } from '../output/article-body';
import { metaLine } from '../output/header';
import { sanitizedBody } from '../pipeline/sanitize';
import type { FailedPage, WholeArticle } from '../pipeline/types';
import { t, uiLocale } from '../ui-text';
import { failureText } from './failure-text';
import { element, textButton } from './ui-elements';

/** Elements inside the article body that are the reader's own (notices, page markers): never copied. */
export const READER_UI_SELECTOR = '[data-reader-ui]';

/** Ids the reader gives headings and sections to link to (the table of contents, toc.ts). */
export const READER_ID_PREFIX = 'ws-';
/** Spans the reader wraps text in for vertical layout (upright numbers, vertical.ts). */
const READER_WRAPPERS = 'span.tcy';

/**
 * A copy of the body as the article is, without what the reader added for showing it: its own
 * elements (notices, page markers), its link targets' ids, its layout wrappers.
 */
export function withoutReaderUi(body: Element): Element {
  const clone = body.cloneNode(true) as Element;
  for (const el of clone.querySelectorAll(READER_UI_SELECTOR)) el.remove();
  for (const el of clone.querySelectorAll(`[id^="${READER_ID_PREFIX}"]`)) el.removeAttribute('id');
  for (const el of clone.querySelectorAll(READER_WRAPPERS)) el.replaceWith(...el.childNodes);
  clone.normalize();
  return clone;
}

/**
 * Sanitized HTML as nodes of `doc` (parsed inert, then adopted). `prepare` sees the parsed body
 * while it is still inert: an image adopted into the page starts loading at once, so a saved copy
 * must point its images at local copies before that.
 */
export function sanitizedNodes(doc: Document, html: string, prepare?: (body: HTMLElement) => void): Node[] {
  // DOMPurify's own inert document holds the sanitized tree: no need to serialize and parse it again.
  return takenNodes(doc, sanitizedBody(html, doc.defaultView as Window & typeof globalThis), prepare);
}

/**
 * The children of `body`, a tree the sanitizer made (sanitize.ts `sanitizedBody`, still in its
 * inert document), as nodes of `doc`; `prepare` as for {@link sanitizedNodes}.
 */
export function takenNodes(doc: Document, body: HTMLElement, prepare?: (body: HTMLElement) => void): Node[] {
  prepare?.(body);
  return [...body.childNodes].map((node) => doc.adoptNode(node));
}

export interface ArticleViewHandlers {
  /** Retry a failed page; without it a failed page's notice has no Retry button (a saved copy). */
  onRetry?(failed: FailedPage, notice: HTMLElement): void;
  /** Runs on the sanitized body before it enters the page (see `sanitizedNodes`). */
  prepareBody?(body: HTMLElement): void;
}

/** " · 4 pages", after the link to the original. */
export function pageCountText(count: number): string {
  return ` · ${t('readerPageCount', { count })}`;
}

/**
 * The article's header: the title, byline · source · date (when there are any), and the link to
 * the original with `pageCount` after it in the text node `count` (progressive.ts updates it).
 */
export function articleHeader(doc: Document, title: string, meta: Parameters<typeof metaLine>[0], url: string, pageCount: string): { header: HTMLElement; count: Text } {
  const header = element(doc, 'header', { class: 'article-header' }, element(doc, 'h1', {}, title));
  const line = metaLine(meta);
  if (line) header.append(element(doc, 'p', { class: 'article-meta' }, line));
  const count = doc.createTextNode(pageCount);
  header.append(element(doc, 'p', { class: 'article-original' }, element(doc, 'a', { href: url, rel: 'noreferrer' }, t('readerOriginal')), count));
  return { header, count };
}

/** Fills `root` (`#reader-content`) with the article. */
export function renderArticle(root: HTMLElement, article: WholeArticle, handlers: ArticleViewHandlers): void {
  const doc = root.ownerDocument;
  root.replaceChildren();
  root.dataset.pageCount = String(article.pageCount);
  if (article.lang) root.lang = article.lang;
  if (article.dir) root.dir = article.dir;

  const { header } = articleHeader(doc, article.title, article, article.url, pageCountText(article.pageCount));

  const body = doc.createElement('div');
  body.className = 'article-body';
  body.append(...sanitizedNodes(doc, article.contentHtml, handlers.prepareBody));
  // Sections arrive inside the pipeline's <article>: lift them so they are the body's children.
  unwrapArticle(body);

  markCaptions(body);
  for (const failed of article.failedPages) insertInPageOrder(body, failedNotice(doc, failed, article.pageCount, handlers));
  addPageMarkers(body, article.pageUrls);
  root.append(header, body);
}

/** The article body element inside `#reader-content`. */
export function articleBody(root: HTMLElement): HTMLElement | null {
  return root.querySelector<HTMLElement>(':scope > .article-body');
}

function pageOf(el: Element): number {
  return Number(el.getAttribute('data-page') ?? el.getAttribute('data-failed-page') ?? NaN);
}

/** Inserts a page's element (section or notice) before the first one of a later page. */
export function insertInPageOrder(body: HTMLElement, el: HTMLElement): void {
  const page = pageOf(el);
  const later = [...body.querySelectorAll(':scope > [data-page], :scope > [data-failed-page]')].find((other) => pageOf(other) > page);
  if (later) {
    const marker = later.previousElementSibling;
    // Keep a page's marker with its page.
    body.insertBefore(el, marker?.matches('.page-marker') ? marker : later);
  } else {
    body.append(el);
  }
}

export function failedNotice(doc: Document, failed: FailedPage, total: number, handlers: ArticleViewHandlers): HTMLElement {
  const notice = doc.createElement('div');
  notice.className = 'page-failed';
  notice.setAttribute('role', 'alert');
  notice.setAttribute('data-reader-ui', '');
  notice.dataset.failedPage = String(failed.page);
  if (failed.failure) notice.dataset.failureCode = failed.failure.code;
  // Interface text: the interface's language, not the article's; focusable for "Jump to the gap".
  notice.lang = uiLocale();
  notice.tabIndex = -1;
  const text = doc.createElement('span');
  text.className = 'page-failed-text';
  text.textContent = t('readerFailedPage', { page: failed.page, total, reason: failureText(failed) });
  notice.append(text);
  const onRetry = handlers.onRetry;
  if (onRetry) {
    notice.append(' ', textButton(doc, { class: 'retry' }, t('readerRetry'), () => onRetry(failed, notice)));
  }
  const original = doc.createElement('a');
  original.href = failed.url;
  original.rel = 'noreferrer';
  original.textContent = failed.url;
  original.className = 'page-failed-url';
  notice.append(doc.createElement('br'), original);
  return notice;
}

/**
 * "Page N" rules with a link to the original page, before every page but the first. Not
 * aria-hidden: the link is focusable, and a screen-reader user gets what a sighted one does (where
 * a page starts, and a way to its original). Interface text, so the interface's `lang` (the
 * article's may differ).
 */
export function addPageMarkers(body: HTMLElement, pageUrls: readonly string[]): void {
  const doc = body.ownerDocument;
  for (const marker of body.querySelectorAll(':scope > .page-marker')) marker.remove();
  for (const section of body.querySelectorAll<HTMLElement>(':scope > section[data-page]')) {
    const page = Number(section.dataset.page);
    if (!(page > 1)) continue;
    const marker = doc.createElement('div');
    marker.className = 'page-marker';
    marker.setAttribute('data-reader-ui', '');
    if (doc.documentElement.lang) marker.lang = doc.documentElement.lang;
    const link = doc.createElement('a');
    link.href = pageUrls[page - 1] ?? '#';
    link.rel = 'noreferrer';
    link.textContent = t('readerPageMarker', { page });
    marker.append(link);
    section.before(marker);
  }
}

/**
 * Drops from a retried page's section the blocks the article already shows (later pages repeat
 * the headline, lead image and intro; the merge removes them, a lone page cannot know).
 */
export function dropRepeatedBlocks(section: HTMLElement, body: HTMLElement): void {
  const key = (el: Element) => (el.textContent ?? '').replace(/\s+/g, '');
  const seen = new Set<string>();
  for (const el of body.querySelectorAll(`section[data-page] :is(p, h2, h3, h4, li, blockquote, figure)`)) {
    const k = key(el);
    if (k.length >= 6) seen.add(k);
  }
  for (const el of section.querySelectorAll('p, h2, h3, h4, li, blockquote, figure')) {
    if (seen.has(key(el)) && !el.closest(READER_UI_SELECTOR)) el.remove();
  }
}

/** The class the reader gives a caption it found (style.css draws it small and muted). */
export const CAPTION_CLASS = 'reader-caption';

/**
 * Words that say a line is a photo's caption or credit: `新华社记者 金立旺 摄`, `（新华社发）`,
 * `图为…`, `资料图`, `供图`, `Photo: …`, `(Xinhua/Li Ming)`, Traditional forms too.
 */
const CAPTION_EVIDENCE = new RegExp(
  [
    String.raw`[摄攝](影)?\s*[)）]?\s*[。.]?\s*$`,
    String.raw`^\s*[（(]?\s*(图|圖|上图|下图|左图|右图|上圖|下圖|左圖|右圖|图片|圖片)\s*(\d+|[一二三四五六七八九十]+)?\s*(为|為|：|:|／|/|\s)`,
    String.raw`(新华社|新華社|人民网|人民網|人民日报|人民日報|中新社)(记者|記者)?[^。]{0,30}(发|發|摄|攝)\s*[)）]?\s*$`,
    String.raw`(资料图|資料圖|供图|供圖|配图|配圖|图片来源|圖片來源|示意图|示意圖)`,
    String.raw`^\s*(file\s+)?(photo|picture|image|photograph)s?\s*(:|taken|shows|by)`,
    String.raw`\((xinhua|photo|file photo|ap|afp|reuters)\s*[/)]`,
    String.raw`\bphoto\s*(by|:|/)`,
  ].join('|'),
  'i',
);
/** A caption is short: longer than this (characters, spaces not counted) is a paragraph. */
const CAPTION_MAX_CHARS = 160;

function textOf(el: Element): string {
  return (el.textContent ?? '').replace(/\s+/g, '');
}

/** Whether `el` reads as a caption: short, no image of its own, and saying so in its words. */
export function looksLikeCaption(el: Element): boolean {
  const text = textOf(el);
  if (text.length === 0 || text.length > CAPTION_MAX_CHARS) return false;
  return CAPTION_EVIDENCE.test((el.textContent ?? '').trim());
}

/**
 * Marks the captions of `body`'s images by evidence, not by position (the old rule greyed every
 * Chinese paragraph after an image, a lead or a numbered subhead included, and missed a photo
 * inside a `<span>`): `<figcaption>` is one already; otherwise the block holding an image (the
 * image alone, in a `<span>` or a link as well) gives its next block, or its own text beside the
 * image, when that text is short and says it is a caption (`摄`, `图为`, `Photo:` …).
 */
export function markCaptions(body: HTMLElement): number {
  let marked = 0;
  const mark = (el: Element) => {
    if (el.classList.contains(CAPTION_CLASS)) return;
    el.classList.add(CAPTION_CLASS);
    marked++;
  };
  for (const img of body.querySelectorAll('img')) {
    if (img.closest('figure')?.querySelector('figcaption')) continue;
    const block = img.closest('p, div, li, td, center, figure');
    if (!block || block === body || !body.contains(block) || block.matches('section')) continue;
    const imagesInBlock = block.querySelectorAll('img').length;
    if (imagesInBlock > 1 && img !== block.querySelector('img')) continue;
    if (textOf(block).length > 0) {
      // Image and caption in one block: <p><img><br>新华社记者 金立旺 摄</p>.
      if (looksLikeCaption(block)) mark(block);
      continue;
    }
    const next = block.nextElementSibling;
    if (next && next.matches('p, div, span, center, small, em') && !next.querySelector('img') && looksLikeCaption(next)) mark(next);
    else if (block.matches('figure')) {
      // A figure without figcaption: its caption may sit in a <p> of its own inside.
      for (const child of block.querySelectorAll(':scope > p')) if (!child.querySelector('img') && looksLikeCaption(child)) mark(child);
    }
  }
  return marked;
}
