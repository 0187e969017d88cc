/**
 * Where the person reads in the article: its blocks in order (`positionBlocks`, the unit a reading
 * position counts in), a block's text key, the reading line (`readingAxis`) and what scrolls the
 * article. Shared by the reading position (reading-position.ts, loaded after the first text) and
 * the progressive view (progressive.ts, which keeps the paragraph being read in place while pages
 * arrive), without bringing the first one into the reader's start-up code.
 */

const BLOCK_SELECTOR = 'p, h1, h2, h3, h4, h5, h6, li, dt, dd, figure, blockquote, pre, table, div';
const TEXT_KEY_LENGTH = 24;

/**
 * The blocks of the article body a position counts in, in document order: elements of the kinds
 * above holding no other such element (a paragraph, not the blockquote around it), the reader's
 * own elements (page markers, notices) left out.
 */
export function positionBlocks(body: Element): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (const el of body.querySelectorAll<HTMLElement>(BLOCK_SELECTOR)) {
    if (el.closest('[data-reader-ui]')) continue;
    if (el.querySelector(BLOCK_SELECTOR)) continue;
    out.push(el);
  }
  return out;
}

export function blockText(el: Element): string {
  return (el.textContent ?? '').replace(/\s+/g, '').slice(0, TEXT_KEY_LENGTH);
}

/** Where the reading line is: horizontal text reads down (y), vertical-rl reads leftwards (x). */
export interface ReadingAxis {
  vertical: boolean;
  /** The reading line: px from the top of the window (horizontal) or from its right edge (vertical). */
  line: number;
  viewportWidth: number;
}

/** The element that scrolls the article along `vertical`'s axis: an ancestor that scrolls, else the document. */
export function articleScroller(content: HTMLElement, vertical: boolean): Element {
  const doc = content.ownerDocument;
  const view = doc.defaultView as Window;
  for (let el: HTMLElement | null = content; el && el !== doc.body && el !== doc.documentElement; el = el.parentElement) {
    const style = view.getComputedStyle(el);
    const overflow = vertical ? style.overflowX : style.overflowY;
    const scrolls = vertical ? el.scrollWidth > el.clientWidth + 1 : el.scrollHeight > el.clientHeight + 1;
    if (scrolls && (overflow === 'auto' || overflow === 'scroll')) return el;
  }
  return doc.scrollingElement ?? doc.documentElement;
}

export function readingAxis(doc: Document): ReadingAxis {
  const view = doc.defaultView as Window;
  const vertical = doc.documentElement.dataset.layout === 'vertical';
  const toolbar = doc.querySelector('.toolbar')?.getBoundingClientRect().bottom ?? 0;
  // Just under the sticky toolbar (horizontal); a little in from the right edge (vertical).
  return { vertical, line: vertical ? 24 : Math.max(0, toolbar) + 8, viewportWidth: view.innerWidth };
}
