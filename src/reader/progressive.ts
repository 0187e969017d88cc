/**
 * Progressive reading: the article on screen while its pages arrive. The first page the pipeline
 * hands over (`ReadOptions.onPart`: the page in hand, or the first one fetched) is shown at once
 * under the headline, every other known page as a placeholder (`section[data-page][data-pending]`,
 * "Loading page 3…"); each page that arrives takes its placeholder's place, in page order
 * whatever order they come in. When the whole article is ready, `swap` puts the final rendering in
 * (the one every feature hooks, `renderArticle` + `onArticleShown`) without moving what the
 * person is looking at: the paragraph on the reading line before the swap is on the same line after
 * it (a saved reading position restored afterwards wins, reading-position.ts).
 *
 * For tests and measurements: `<html data-first-text-ms>` (from the reader page's start to the
 * first article text on screen, also the performance mark `reader:first-text`), `data-first-paint-ms`
 * (to the frame after it was drawn) and `data-article-ms` (to the whole article on screen).
 */
import type { ArticlePart } from '../pipeline/types';
import { t, uiLocale } from '../ui-text';
import { addPageMarkers, articleHeader, dropRepeatedBlocks, markCaptions, pageCountText, sanitizedNodes, takenNodes } from './article-view';
import { articleScroller, blockText, positionBlocks, readingAxis, type ReadingAxis } from './reading-line';
import { showReadingEstimate } from './reading-time';

export interface ProgressiveOptions {
  /** Runs on each page's sanitized body before it enters the page (Firefox holds http: images back). */
  prepareBody?(body: HTMLElement): void;
  /** The clock (ms since the reader page started); `performance.now` by default. */
  now?(): number;
}

/** What the person is looking at: a block of a page, and where it sits along the reading direction. */
export interface ReadingAnchor {
  page: number;
  /** The block's text key (blockText), and its index among its page's blocks with that key. */
  text: string;
  nth: number;
  /** Its start, px from the reading line (down for horizontal text, leftwards for vertical-rl). */
  start: number;
}

export interface ProgressiveView {
  /** Shows a page that arrived (the first one also draws the headline and the placeholders). */
  show(part: ArticlePart): void;
  /** Whether any page is on screen. */
  readonly shown: boolean;
  /** Puts the final rendering in (`render`), keeping what the person looks at where it was. */
  swap(render: () => void): void;
  /** Leaves the screen to something else (the read failed): the early pages go. */
  clear(): void;
  /**
   * On the final rendering's body while it is still inert (`prepareBody`): an image the early pages
   * showed and that failed to load is hidden at once and not asked for again (an answer with no
   * image, a 204, is not cached: a new element would ask again). Its URL stays in
   * `data-saved-src` for copies, exports and saving (saved-images.ts `withOriginalImages`).
   */
  skipFailedImages(body: HTMLElement): void;
}

const PENDING = 'data-pending';

export function createProgressiveView(root: HTMLElement, options: ProgressiveOptions = {}): ProgressiveView {
  const doc = root.ownerDocument;
  const html = doc.documentElement;
  const view = doc.defaultView as Window & typeof globalThis;
  const now = options.now ?? (() => view.performance.now());
  let body: HTMLElement | null = null;
  /** " · 10 pages", kept up to date as pages are found. */
  let count: Text | null = null;
  const urls: string[] = [];
  /** URLs of the early pages' images that failed to load. */
  const failedImages = new Set<string>();
  const onImageError = (event: Event): void => {
    const img = event.target;
    if (img instanceof view.HTMLImageElement && body?.contains(img) && (img.currentSrc || img.src)) failedImages.add(img.currentSrc || img.src);
  };
  // `error` does not bubble: listen while it goes down.
  root.addEventListener('error', onImageError, true);

  const placeholder = (page: number): HTMLElement => {
    const section = doc.createElement('section');
    section.dataset.page = String(page);
    section.setAttribute(PENDING, '');
    section.setAttribute('data-reader-ui', '');
    section.setAttribute('aria-busy', 'true');
    const line = doc.createElement('p');
    line.className = 'page-pending';
    line.lang = uiLocale();
    line.textContent = t('readerPagePending', { page });
    section.append(line);
    return section;
  };

  const sectionOf = (page: number): HTMLElement | null => body?.querySelector<HTMLElement>(`:scope > section[data-page="${page}"]`) ?? null;

  /** A placeholder for every known page not on screen yet, in page order. */
  const addPlaceholders = (pages: readonly number[]): void => {
    if (!body) return;
    for (const page of pages) {
      if (sectionOf(page)) continue;
      const later = [...body.querySelectorAll<HTMLElement>(':scope > section[data-page]')].find((s) => Number(s.dataset.page) > page);
      body.insertBefore(placeholder(page), later ?? null);
    }
  };

  /** The header as renderArticle draws it (title, byline · source · date, the original · N pages), so the swap does not move it. */
  const start = (part: ArticlePart): HTMLElement => {
    root.replaceChildren();
    if (part.meta.lang) root.lang = part.meta.lang;
    if (part.meta.dir) root.dir = part.meta.dir;
    const shown = articleHeader(doc, part.title, part.meta, part.pageUrls[0] ?? part.url, '');
    count = shown.count;
    const b = doc.createElement('div');
    b.className = 'article-body';
    root.append(shown.header, b);
    return b;
  };

  return {
    get shown() {
      return body !== null;
    },
    show(part) {
      const first = !body;
      if (!body) {
        body = start(part);
        root.dataset.progressive = 'loading';
      }
      part.pages.forEach((page, i) => (urls[page - 1] = part.pageUrls[i] ?? urls[page - 1] ?? ''));
      addPlaceholders(part.pages);
      if (count) count.data = pageCountText(Math.max(part.pages.length, body.querySelectorAll(':scope > section[data-page]').length));
      // A page on screen stays as it is (the page in hand, shown from the part its tab made, comes
      // from the reader's own pipeline again): what the person reads is never replaced.
      if (sectionOf(part.page)?.hasAttribute(PENDING) === false) return;
      const section = doc.createElement('section');
      section.dataset.page = String(part.page);
      // The pipeline's sanitized tree when it hands one over (sanitized once on the way), else its HTML sanitized here.
      section.append(...(part.body ? takenNodes(doc, part.body, options.prepareBody) : sanitizedNodes(doc, part.html, options.prepareBody)));
      // The pipeline's body element around the page's blocks: lifted, as in the final article.
      const only = section.firstElementChild;
      if (section.childElementCount === 1 && only?.matches('div, article, section, main')) only.replaceWith(...only.childNodes);
      dropRepeatedBlocks(section, body);
      markCaptions(section);
      // A page coming in above what the person reads is taller than its placeholder: keep the place.
      // Not for the first page: nothing was there to read, and asking where things are would lay
      // the page out once more before its first paint.
      const anchor = first ? null : readingAnchor(root, readingAxis(doc));
      sectionOf(part.page)?.replaceWith(section);
      addPageMarkers(body, urls.map((u) => u || '#'));
      if (anchor) restoreAnchor(root, anchor);
      // The reading time in the header from the first page on (page 1's × the pages known), so the
      // header line does not change when the whole article's own count replaces it.
      if (first) showReadingEstimate(root, section, part.pages.length);
      if (html.dataset.firstTextMs === undefined && (section.textContent ?? '').trim()) {
        view.performance.mark?.('reader:first-text');
        html.dataset.firstTextMs = String(Math.round(now()));
        html.dataset.firstTextPage = String(part.page);
        // The frame with the text drawn: a task queued from the next animation frame runs after its paint.
        view.requestAnimationFrame?.(() => view.setTimeout(() => (html.dataset.firstPaintMs = String(Math.round(now()))), 0));
      }
    },
    swap(render) {
      const anchor = body ? readingAnchor(root, readingAxis(doc)) : null;
      // The article's own lang and dir, not the ones guessed from the page in hand.
      if (body) {
        root.removeAttribute('lang');
        root.removeAttribute('dir');
      }
      render();
      body = null;
      root.removeEventListener('error', onImageError, true);
      delete root.dataset.progressive;
      html.dataset.articleMs = String(Math.round(now()));
      if (anchor) keepAnchor(root, anchor);
    },
    skipFailedImages(final) {
      for (const img of final.querySelectorAll('img[src]')) {
        const src = img.getAttribute('src') as string;
        let url: string;
        try {
          url = new URL(src, doc.baseURI).href;
        } catch {
          continue;
        }
        if (!failedImages.has(url) || img.hasAttribute('data-saved-src')) continue;
        img.setAttribute('data-saved-src', src);
        img.removeAttribute('src');
        img.removeAttribute('srcset');
        img.setAttribute('hidden', '');
      }
    },
    clear() {
      root.removeEventListener('error', onImageError, true);
      if (!body) return;
      body = null;
      delete root.dataset.progressive;
      root.replaceChildren();
    },
  };
}

/** Where a block starts along the reading direction, px past the reading line. */
function startOf(el: Element, axis: ReadingAxis): number {
  const r = el.getBoundingClientRect();
  return axis.vertical ? axis.viewportWidth - r.right - axis.line : r.top - axis.line;
}

/** The article's page sections' blocks (placeholders and the reader's own elements left out). */
function pageBlocks(root: HTMLElement): Array<{ el: HTMLElement; page: number }> {
  const out: Array<{ el: HTMLElement; page: number }> = [];
  for (const section of root.querySelectorAll<HTMLElement>(':scope > .article-body > section[data-page]')) {
    if (section.hasAttribute(PENDING)) continue;
    const page = Number(section.dataset.page);
    for (const el of positionBlocks(section)) if (blockText(el)) out.push({ el, page });
  }
  return out;
}

/**
 * The block on the reading line (the first that ends past it), or null when the article is at its
 * start (nothing to keep: the final article opens at the start too) or no block is in view.
 */
export function readingAnchor(root: HTMLElement, axis: ReadingAxis): ReadingAnchor | null {
  const scroller = articleScroller(root, axis.vertical);
  const scrolled = axis.vertical ? Math.abs(scroller.scrollLeft) : scroller.scrollTop;
  if (scrolled < 1) return null;
  const blocks = pageBlocks(root);
  const at = blocks.find((b) => {
    const r = b.el.getBoundingClientRect();
    return startOf(b.el, axis) + (axis.vertical ? r.width : r.height) > 0;
  });
  if (!at) return null;
  const text = blockText(at.el);
  const nth = blocks.filter((b) => b.page === at.page && blockText(b.el) === text).findIndex((b) => b.el === at.el);
  return { page: at.page, text, nth, start: startOf(at.el, axis) };
}

/** The block `anchor` names in what `root` shows now, or null. */
export function findAnchor(root: HTMLElement, anchor: ReadingAnchor): HTMLElement | null {
  const same = pageBlocks(root).filter((b) => b.page === anchor.page && blockText(b.el) === anchor.text);
  return (same[anchor.nth] ?? same[0])?.el ?? null;
}

/** Scrolls so the anchor's block is where it was; true when it was found. */
export function restoreAnchor(root: HTMLElement, anchor: ReadingAnchor, axis: ReadingAxis = readingAxis(root.ownerDocument)): boolean {
  const el = findAnchor(root, anchor);
  if (!el) return false;
  const delta = startOf(el, axis) - anchor.start;
  if (Math.abs(delta) < 0.5) return true;
  const scroller = articleScroller(root, axis.vertical);
  // In vertical-rl a later block is further left: scrolling left (negative) brings it right.
  if (axis.vertical) scroller.scrollBy({ left: -delta, behavior: 'instant' });
  else scroller.scrollBy({ top: delta, behavior: 'instant' });
  return true;
}

/** After the swap, images loading above may push the text down: keep the place a moment, until the person moves or a saved position is restored. */
const KEEP_MS = 2000;

function keepAnchor(root: HTMLElement, anchor: ReadingAnchor): void {
  const doc = root.ownerDocument;
  const view = doc.defaultView as Window;
  restoreAnchor(root, anchor);
  const restoredBefore = doc.documentElement.dataset.positionRestored;
  const until = Date.now() + KEEP_MS;
  const stop = () => {
    root.removeEventListener('load', again, true);
    for (const type of INPUT_EVENTS) view.removeEventListener(type, stop, true);
  };
  const again = () => {
    // The reading position put the person back where they left off last time: that wins.
    if (Date.now() > until || doc.documentElement.dataset.positionRestored !== restoredBefore) stop();
    else restoreAnchor(root, anchor);
  };
  root.addEventListener('load', again, true);
  for (const type of INPUT_EVENTS) view.addEventListener(type, stop, { capture: true, passive: true });
  view.setTimeout(stop, KEEP_MS);
  // What the reader does right after the render (the status line, the missing-pages banner above
  // the article) moves it too: once more when that is done, and after the next layout.
  queueMicrotask(again);
  view.requestAnimationFrame?.(() => again());
}

const INPUT_EVENTS = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;
