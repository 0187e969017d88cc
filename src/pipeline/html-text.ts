import { collapseSegmentBreaks, normalizeText } from './text';

const BLOCK_TAGS = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'TABLE', 'TR',
  'FIGURE', 'FIGCAPTION', 'UL', 'OL', 'DL', 'DT', 'DD', 'CENTER', 'HR', 'ADDRESS', 'HEADER', 'FOOTER', 'MAIN',
]);

/**
 * Plain text of an element with paragraphs separated by blank lines and `<br>` as line breaks.
 * Spaces a layout put between CJK characters are dropped (text.ts normalizeText).
 */
export function elementToText(root: Element): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const lines = current.split('\n').map((line) => normalizeText(line)).filter(Boolean);
    if (lines.length) paragraphs.push(lines.join('\n'));
    current = '';
  };
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      // Source line breaks are not <br>: resolve them here so only <br> makes a new line below.
      current += collapseSegmentBreaks(node.nodeValue ?? '');
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    if (el.tagName === 'BR') {
      current += '\n';
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
