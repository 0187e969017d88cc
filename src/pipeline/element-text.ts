import { collapseSegmentBreaks, collapseSpace, normalizeText } from './cjk-text';
import { queryAllSafe } from './query';

const BLOCK_TAGS = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'TABLE', 'TR',
  'FIGURE', 'FIGCAPTION', 'UL', 'OL', 'DL', 'DT', 'DD', 'CENTER', 'HR', 'ADDRESS', 'HEADER', 'FOOTER', 'MAIN',
]);

const BR = '\u2028';

/**
 * Plain text of an element with paragraphs separated by blank lines and `<br>` as line breaks.
 * Spaces a layout put between CJK characters are dropped (cjk-text.ts normalizeText).
 */
export function elementToText(root: Element): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    // Source line breaks are resolved over the whole paragraph (they may sit at an inline
    // element's edge: `中国<b>\n人民</b>`); only <br> (kept as U+2028 until here) starts a line.
    const lines = collapseSegmentBreaks(current).split(BR).map((line) => normalizeText(line)).filter(Boolean);
    if (lines.length) paragraphs.push(lines.join('\n'));
    current = '';
  };
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      current += (node.nodeValue ?? '').replace(/\u2028/g, ' ');
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    if (el.tagName === 'BR') {
      current += BR;
      return;
    }
    if (el.tagName === 'TD' || el.tagName === 'TH') current += ' ';
    const block = BLOCK_TAGS.has(el.tagName);
    if (block) flush();
    for (const child of el.childNodes) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return paragraphs.join('\n\n');
}

/**
 * An element's text with whitespace collapsed (`collapseSpace(el.textContent)`) when that is at
 * most `max` characters, else null — found without reading the rest of a large element: the scans
 * that look for short chrome lines ask every container, the whole article's included, and reading
 * each one whole is quadratic in the page's depth. Collapsed length only grows as text is added,
 * so a prefix already over `max` settles it.
 */
export function shortTextOf(el: Element, max: number): string | null {
  let raw = '';
  let check = max + 1;
  let node: Node | null = el.firstChild;
  while (node) {
    if (node.nodeType === 3 || node.nodeType === 4) {
      raw += (node as CharacterData).data;
      if (raw.length >= check) {
        if (collapseSpace(raw).length > max) return null;
        check = raw.length * 2;
      }
    } else if (node.nodeType === 1 && node.firstChild) {
      node = node.firstChild;
      continue;
    }
    while (node && node !== el && !node.nextSibling) node = node.parentNode;
    if (!node || node === el) break;
    node = node.nextSibling;
  }
  const text = collapseSpace(raw);
  return text.length > max ? null : text;
}

/** Length of an element's text with whitespace collapsed. */
export function textLength(el: Element): number {
  return collapseSpace(el.textContent ?? '').length;
}

/** Collapsed text length of the links in an element (`links`: its links, when already queried). */
export function linkTextLength(el: Element, links: Iterable<Element> = queryAllSafe(el, 'a')): number {
  let n = 0;
  for (const a of links) n += textLength(a);
  return n;
}
