/**
 * Short numbers in vertical Chinese text (竖排): 1–3 digits between Chinese characters stand
 * upright in one cell (`text-combine-upright` on a span). One rule for the reader's vertical layout
 * (src/reader/vertical.ts) and the vertical EPUB (epub.ts).
 */

/** A run of 1–3 ASCII digits (four, a year, squeezed into one cell is too small to read: it runs sideways) not part of a longer number, a decimal, a Latin word or a date like 2024-05. */
const SHORT_NUMBER = /(?<![\p{Script=Latin}\p{N}.,:/\-+%])\d{1,3}(?![\p{N}.,:/\-%]?\d|[\p{Script=Latin}%])/gu;
const HAN = /\p{Script=Han}/u;

/**
 * Wraps each short number of the Chinese text under `root` (text not inside an element matching
 * `skip`) in what `wrap` makes of its digits; returns how many it wrapped.
 */
export function wrapShortNumbers(root: Node, skip: string, wrap: (digits: string) => Node): number {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4 /* SHOW_TEXT */);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue ?? '';
    if (/\d/.test(text) && HAN.test(text) && !node.parentElement?.closest(skip)) nodes.push(node as Text);
  }
  let count = 0;
  for (const node of nodes) {
    const text = node.nodeValue ?? '';
    const parts: Array<string | Node> = [];
    let last = 0;
    for (const m of text.matchAll(SHORT_NUMBER)) {
      const at = m.index ?? 0;
      if (at > last) parts.push(text.slice(last, at));
      parts.push(wrap(m[0]));
      last = at + m[0].length;
      count++;
    }
    if (last === 0) continue;
    if (last < text.length) parts.push(text.slice(last));
    node.replaceWith(...parts);
  }
  return count;
}
