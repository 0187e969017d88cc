/**
 * What a screen reader needs from the article on screen, whoever put it there (first render, a
 * page streamed in, Retry, a saved copy):
 * - the reader's own words inside the article (page markers, notices, banners: `[data-reader-ui]`,
 *   and the "Original page" line) carry the interface's `lang`, not the article's: "Page 2" in an
 *   English interface over a Chinese article is read in English;
 * - every image has an `alt`: its caption's words when it has one (figcaption, or the caption line
 *   the reader found, article-view.ts markCaptions), else `alt=""` (decorative: a screen reader
 *   skips it instead of reading its file name). An `alt` the page gave is kept.
 */
import { onArticleShown } from './article-shown';
import { CAPTION_CLASS } from './article-view';

/** The reader's own elements inside `#reader-content` whose text is the interface's. */
export const INTERFACE_TEXT_SELECTOR = '[data-reader-ui], .article-original';

const MAX_ALT_CHARS = 200;

function words(el: Element | null | undefined): string {
  const text = (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  return text.length > MAX_ALT_CHARS ? `${text.slice(0, MAX_ALT_CHARS - 1)}…` : text;
}

/** The caption of `img` in the article body, or '' when it has none. */
export function captionOf(img: Element): string {
  const figcaption = img.closest('figure')?.querySelector('figcaption');
  if (figcaption) return words(figcaption);
  const block = img.closest('p, div, li, td, center, figure, span');
  if (!block) return '';
  // Image and caption in one block: <p><img><br>新华社记者 金立旺 摄</p>.
  if (block.classList.contains(CAPTION_CLASS)) return words(block);
  const holder = block.matches('span') ? (block.closest('p, div, li, td, center, figure') ?? block) : block;
  if (holder.classList.contains(CAPTION_CLASS)) return words(holder);
  const next = holder.nextElementSibling;
  if (next?.classList.contains(CAPTION_CLASS)) return words(next);
  return '';
}

/** Gives every image under `root` without an `alt` one (see the module's note). Returns how many. */
export function describeImages(root: ParentNode): number {
  let described = 0;
  for (const img of root.querySelectorAll('img:not([alt])')) {
    img.setAttribute('alt', captionOf(img));
    described++;
  }
  return described;
}

/** Puts the interface's `lang` on the reader's own elements under `root` that have none. */
export function markInterfaceText(root: ParentNode, lang: string): number {
  if (!lang) return 0;
  let marked = 0;
  const self = typeof (root as Element).matches === 'function' && (root as Element).matches(INTERFACE_TEXT_SELECTOR) ? [root as Element] : [];
  const all = [...self, ...root.querySelectorAll(INTERFACE_TEXT_SELECTOR)];
  for (const el of all) {
    if (el.hasAttribute('lang')) continue;
    el.setAttribute('lang', lang);
    marked++;
  }
  return marked;
}

/** Keeps `#reader-content` that way as things come into it. */
export function setUpReaderA11y(doc: Document): void {
  const content = doc.getElementById('reader-content');
  if (!content) return;
  const pass = (root: ParentNode) => {
    markInterfaceText(root, doc.documentElement.lang);
    describeImages(root);
  };
  const view = doc.defaultView;
  if (view?.MutationObserver) {
    new view.MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) if (node.nodeType === 1) pass(node as Element);
    }).observe(content, { childList: true, subtree: true });
  }
  onArticleShown(doc, () => pass(content));
}
