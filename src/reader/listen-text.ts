/**
 * The shown article as sentences to read aloud: each sentence's text, the block it is in and a
 * DOM Range over its characters (for the highlight and for finding the sentence under a click).
 * Nothing here changes the article: copies and exports read the same DOM.
 *
 * Text is taken node by node, grouped by its nearest block element, so a block with inline
 * markup (links, <strong>) is one run of text and a sentence may cross its elements. The reader's
 * own elements (page markers, failed-page notices: `[data-reader-ui]`) and the header's meta line
 * and link are not read; the title is.
 */
import { READER_UI_SELECTOR } from './article-view';
import { splitSentences } from './sentences';

export interface SpokenSentence {
  /** The sentence with its whitespace collapsed, as spoken. */
  text: string;
  /** The block element it is in (a paragraph, heading, list item…). */
  block: Element;
  range: Range;
}

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, dt, dd, blockquote, figcaption, caption, pre, td, th, div, section, article, figure, header, footer, aside, address, main, ul, ol, dl, table, tr';
/** Not read: the reader's own elements, the header's meta line and "original" link. */
const SKIP = `${READER_UI_SELECTOR}, .article-meta, .article-original, script, style, template, [hidden], [aria-hidden="true"]`;

interface Run {
  block: Element;
  nodes: Text[];
}

/** Consecutive text nodes under one nearest block, in document order. */
function textRuns(content: Element): Run[] {
  const doc = content.ownerDocument;
  const view = doc.defaultView as Window & typeof globalThis;
  const walker = doc.createTreeWalker(content, view.NodeFilter.SHOW_TEXT);
  const runs: Run[] = [];
  let last: Run | null = null;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const parent = node.parentElement;
    if (!parent || parent.closest(SKIP)) continue;
    const block = parent.closest(BLOCKS) ?? content;
    if (!content.contains(block) && block !== content) continue;
    if (last && last.block === block) last.nodes.push(node);
    else {
      last = { block, nodes: [node] };
      runs.push(last);
    }
  }
  return runs;
}

/** A Range from offset `start` to `end` of the run's text (its nodes' data joined). */
function rangeOf(doc: Document, nodes: Text[], starts: number[], start: number, end: number): Range {
  const range = doc.createRange();
  let i = 0;
  while (i + 1 < nodes.length && (starts[i + 1] as number) <= start) i++;
  range.setStart(nodes[i] as Text, start - (starts[i] as number));
  let j = i;
  while (j + 1 < nodes.length && (starts[j + 1] as number) < end) j++;
  range.setEnd(nodes[j] as Text, end - (starts[j] as number));
  return range;
}

/** Every sentence of `content` (`#reader-content`), in reading order. */
export function collectSentences(content: Element): SpokenSentence[] {
  const doc = content.ownerDocument;
  const out: SpokenSentence[] = [];
  for (const run of textRuns(content)) {
    const starts: number[] = [];
    let text = '';
    for (const node of run.nodes) {
      starts.push(text.length);
      text += node.data;
    }
    for (const sentence of splitSentences(text)) {
      const spoken = sentence.text.replace(/\s+/g, ' ');
      // Punctuation alone ("。", "……", "*") says nothing.
      if (!/[\p{L}\p{N}]/u.test(spoken)) continue;
      out.push({ text: spoken, block: run.block, range: rangeOf(doc, run.nodes, starts, sentence.start, sentence.end) });
    }
  }
  return out;
}

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/gu;
const LATIN = /[A-Za-z]/g;

/**
 * The article's language for speech: `#reader-content`'s `lang` (set from the article), else a
 * guess from its text (mostly Han characters: Chinese), else the page's.
 */
export function articleLanguage(content: Element): string {
  const own = content.getAttribute('lang')?.trim();
  if (own) return own;
  const sample = (content.textContent ?? '').slice(0, 4000);
  const han = sample.match(HAN)?.length ?? 0;
  const latin = sample.match(LATIN)?.length ?? 0;
  if (han > 0 && han * 4 >= latin) return 'zh-CN';
  if (latin > 0) return 'en';
  return content.ownerDocument.documentElement.lang || 'en';
}

/** The range's line boxes; none where layout is missing (jsdom has no Range geometry). */
export function rectsOf(range: Range): DOMRect[] {
  return typeof range.getClientRects === 'function' ? [...range.getClientRects()] : [];
}

/** The range's bounding box, or null where there is no layout. */
export function boxOf(range: Range): DOMRect | null {
  if (typeof range.getBoundingClientRect !== 'function') return null;
  const rect = range.getBoundingClientRect();
  return rect.width === 0 && rect.height === 0 ? null : rect;
}

function contains(rect: DOMRect, x: number, y: number): boolean {
  return x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1;
}

/**
 * The sentence under the point (client coordinates) inside `block`, else the first of the block
 * that ends below it, else the block's first; -1 when the block has none.
 */
export function sentenceAt(sentences: readonly SpokenSentence[], block: Element, x: number, y: number): number {
  let first = -1;
  let below = -1;
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i] as SpokenSentence;
    if (s.block !== block && !block.contains(s.block)) continue;
    if (first < 0) first = i;
    const rects = rectsOf(s.range);
    if (rects.some((r) => contains(r, x, y))) return i;
    if (below < 0 && rects.some((r) => r.bottom >= y)) below = i;
  }
  return below >= 0 ? below : first;
}

/**
 * Where "from here" starts: the first sentence that shows below `top` (the toolbar's bottom edge)
 * in the window, or the first one below the window when all before it are above (in vertical
 * text, the first one left of the window's right edge `vertical.right`); 0 when nothing is laid
 * out (tests).
 */
export function firstVisibleSentence(sentences: readonly SpokenSentence[], top: number, vertical?: { right: number }): number {
  // Vertical text (竖排) runs right to left: the first sentence not off to the right.
  const shows = (rect: DOMRect) => (vertical ? rect.left < vertical.right - 4 : rect.bottom > top + 4);
  // Sentences are in reading order, so whether one shows (or lies beyond the window) is false and
  // then true: a binary search reads a few dozen boxes, not every sentence of a long article.
  let lo = 0;
  let hi = sentences.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    let j = mid;
    let rect: DOMRect | null = null;
    while (j < hi && !(rect = boxOf((sentences[j] as SpokenSentence).range))) j++;
    if (!rect) hi = mid;
    else if (shows(rect)) hi = j;
    else lo = j + 1;
  }
  // Sentences with no box (nothing laid out) before it are not where reading starts.
  while (lo < sentences.length && !boxOf((sentences[lo] as SpokenSentence).range)) lo++;
  return lo < sentences.length ? lo : 0;
}

/** The sentence where the selection starts (or the next one after it), or -1. */
export function sentenceOfSelection(sentences: readonly SpokenSentence[], selection: Selection | null): number {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return -1;
  const at = selection.getRangeAt(0);
  for (let i = 0; i < sentences.length; i++) {
    const r = (sentences[i] as SpokenSentence).range;
    // This sentence ends after the selection starts.
    if (r.compareBoundaryPoints(r.START_TO_END, at) > 0) return i;
  }
  return -1;
}
