/**
 * The article's body as every output starts from it: parsed inert, relative links resolved
 * against each section's own page, sanitized again (a stored or imported copy is untrusted, and a
 * file written out is opened without the extension's CSP), the pipeline's `<article>` wrapper
 * lifted so the `<section data-page>`s are the body's children, and source line wraps between
 * two CJK characters removed (a browser or a Markdown viewer would show them as spaces).
 */
import { joinCjkLineBreaks } from '../pipeline/cjk-text';
import { sanitizedBody } from '../pipeline/sanitize';
import type { WholeArticle } from '../pipeline/types';
import { absolutizeLinks } from './links';

export type DomWindow = Window & typeof globalThis;

function parseBody(html: string, window: DomWindow): HTMLElement {
  return new window.DOMParser().parseFromString(`<!doctype html><html><head></head><body>${html}</body></html>`, 'text/html').body;
}

/** Lifts a lone `<article>` wrapper's children into `body`. */
export function unwrapArticle(body: HTMLElement): void {
  const wrapper = body.firstElementChild;
  if (body.children.length === 1 && wrapper?.tagName === 'ARTICLE') wrapper.replaceWith(...wrapper.childNodes);
}

/** Joins CJK text wrapped across source lines (`中\n文` → `中文`) in the text of `root`, `<pre>` aside. */
export function joinCjkLineBreaksIn(root: Element): void {
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeValue?.includes('\n') && !node.parentElement?.closest('pre')) node.nodeValue = joinCjkLineBreaks(node.nodeValue);
  }
}

/** The body of `article`, ready for any output format (nothing in it loads: an inert document). */
export function articleBody(article: Pick<WholeArticle, 'contentHtml' | 'url' | 'pageUrls'>, window: DomWindow): HTMLElement {
  const raw = parseBody(article.contentHtml, window);
  absolutizeLinks(raw, article);
  const body = sanitizedBody(raw.innerHTML, window);
  unwrapArticle(body);
  joinCjkLineBreaksIn(body);
  return body;
}
