/**
 * Print: a page-boundary marker ("Page 5") never ends a printed page alone (issue 10, bug 12).
 * style.css asks for it with `break-after: avoid`, which Chromium honours and Firefox does not
 * (Firefox keeps together only what one box holds: `break-inside: avoid`). So while the page
 * prints, each marker and the first block of the page it announces go into one box,
 * `.print-keep` (`break-inside: avoid` in style.css), inside that page's section; after printing
 * everything is put back as it was, so `#reader-content`'s structure (a marker before each
 * `section[data-page]`) holds at every other moment.
 */
const KEEP = 'print-keep';

/** Puts each marker with the first block after it; returns what puts them back. */
export function keepMarkersWithText(content: HTMLElement): () => void {
  const doc = content.ownerDocument;
  const undo: Array<() => void> = [];
  for (const marker of content.querySelectorAll<HTMLElement>('.article-body > .page-marker')) {
    const page = marker.nextElementSibling;
    const first = page?.firstElementChild;
    if (!page || !first || !page.matches('section[data-page], .page-failed')) continue;
    const keep = doc.createElement('div');
    keep.className = KEEP;
    keep.setAttribute('data-reader-ui', '');
    page.insertBefore(keep, first);
    keep.append(marker, first);
    undo.push(() => {
      page.before(marker);
      keep.replaceWith(first);
    });
  }
  return () => {
    for (const put of undo.reverse()) put();
  };
}

/** Wires it to the reader page's `beforeprint` and `afterprint`. */
export function setUpPrintKeep(doc: Document): void {
  const view = doc.defaultView;
  const content = doc.getElementById('reader-content');
  if (!view || !content) return;
  let restore: (() => void) | null = null;
  view.addEventListener('beforeprint', () => {
    restore?.();
    restore = keepMarkersWithText(content);
  });
  view.addEventListener('afterprint', () => {
    restore?.();
    restore = null;
  });
}
