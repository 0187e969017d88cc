/** Merge the pages' cleaned bodies in page order, keeping blocks repeated across pages once. */
import { collapseSpace } from './text';

const LEAF_BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figure, table, dt, dd, center, div, td';
/** Shorter repeated texts may be real ("一、", "（完）"): only longer ones count as page chrome. */
const MIN_REPEAT_LENGTH = 6;

export interface MergeInput {
  /** 1-based page number. */
  page: number;
  url: string;
  /** The page's cleaned body, or null when the page failed. */
  body: Element | null;
}

function fingerprint(el: Element): string | null {
  const text = collapseSpace(el.textContent ?? '').replace(/\s/g, '');
  if (text.length >= MIN_REPEAT_LENGTH) return `t:${text}`;
  if (text.length === 0) {
    const img = el.tagName === 'IMG' ? el : el.querySelector('img');
    const src = img?.getAttribute('src');
    if (src) return `i:${src}`;
  }
  return null;
}

/** Block elements with no block descendants, plus standalone images. */
function leafBlocks(body: Element): Element[] {
  const out: Element[] = [];
  for (const el of body.querySelectorAll(LEAF_BLOCKS)) {
    if (el.querySelector(LEAF_BLOCKS)) continue;
    out.push(el);
  }
  for (const img of body.querySelectorAll('img')) {
    if (!img.closest(LEAF_BLOCKS) || img.closest(LEAF_BLOCKS) === body) out.push(img);
  }
  return out;
}

/**
 * Builds `<article>` with one `<section data-page="N">` per page that loaded, in page order.
 * A block (paragraph, heading, image) already seen on an earlier page is dropped: later pages
 * repeat the headline, the lead image and the intro (fixture xinhua-2012-big5-gateway).
 * Failed pages get no section here; the caller records them in `failedPages`.
 */
export function mergeParts(doc: Document, parts: readonly MergeInput[]): Element {
  const article = doc.createElement('article');
  const seen = new Set<string>();
  const ordered = [...parts].sort((a, b) => a.page - b.page);
  for (const part of ordered) {
    if (!part.body) continue;
    const section = doc.createElement('section');
    section.setAttribute('data-page', String(part.page));
    const body = doc.importNode(part.body, true) as Element;
    const added: string[] = [];
    for (const block of leafBlocks(body)) {
      const fp = fingerprint(block);
      if (!fp) continue;
      if (seen.has(fp)) block.remove();
      else added.push(fp);
    }
    for (const fp of added) seen.add(fp);
    // Unwrap the body's own container so sections hold the paragraphs directly.
    const children = body.childNodes.length === 1 && body.firstElementChild?.tagName === 'DIV' ? body.firstElementChild.childNodes : body.childNodes;
    section.append(...[...children]);
    if (collapseSpace(section.textContent ?? '') || section.querySelector('img')) article.append(section);
  }
  return article;
}
