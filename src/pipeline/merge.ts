/** Merge the pages' cleaned bodies in page order, keeping blocks repeated across pages once. */
import { collapseSpace } from './cjk-text';
import { childElements, elementsByTags } from './query';

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

const LEAF_TAGS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'FIGURE', 'TABLE', 'DT', 'DD', 'CENTER', 'DIV', 'TD']);

/**
 * Block elements with no block descendants, plus images outside any block, in one post-order
 * walk (a per-element `querySelector` is quadratic on deeply nested hostile markup).
 */
function leafBlocks(body: Element): Element[] {
  const out: Element[] = [];
  // Iterative post-order walk (no recursion: hostile pages nest deeply). `below` records whether
  // an element has a block among its descendants.
  const below = new Map<Element, boolean>();
  const stack: Array<{ el: Element; inside: boolean; seen: boolean }> = [{ el: body, inside: false, seen: false }];
  while (stack.length) {
    const top = stack[stack.length - 1] as { el: Element; inside: boolean; seen: boolean };
    const isBlock = top.el !== body && LEAF_TAGS.has(top.el.tagName.toUpperCase());
    if (!top.seen) {
      top.seen = true;
      const children = childElements(top.el);
      for (let i = children.length - 1; i >= 0; i--) stack.push({ el: children[i] as Element, inside: top.inside || isBlock, seen: false });
      continue;
    }
    stack.pop();
    const hasBlockBelow = childElements(top.el).some((child) => below.get(child) === true);
    if (isBlock && !hasBlockBelow) out.push(top.el);
    if (top.el.tagName.toUpperCase() === 'IMG' && !top.inside) out.push(top.el);
    below.set(top.el, isBlock || hasBlockBelow);
  }
  // Leaves come out in document order (left-to-right post-order).
  return out;
}

/** How far into page 1's part a block repeated on every page still counts as the article's head. */
const HEAD_BLOCKS = 6;

/** A leaf block's identity for template matching: its text whatever its length, or its image. */
function templateKey(el: Element): string | null {
  const text = collapseSpace(el.textContent ?? '').replace(/\s/g, '');
  if (text) return `t:${text}`;
  const img = el.tagName === 'IMG' ? el : el.querySelector('img');
  // By file name: the parts' addresses are absolute, the whole pages' as written.
  const name = img?.getAttribute('src')?.split(/[?#]/)[0]?.split('/').pop();
  return name ? `i:${name}` : null;
}

const H1 = new Set(['h1']);

/** The page's headline: the first `<h1>` whose words the document's title holds (else its first `<h1>` with words). */
function headlineOf(page: Element): Element | null {
  const title = collapseSpace(page.ownerDocument.title ?? '').replace(/\s/g, '');
  let first: Element | null = null;
  for (const h of elementsByTags(page, H1)) {
    const text = collapseSpace(h.textContent ?? '').replace(/\s/g, '');
    if (!text) continue;
    if (title.includes(text)) return h;
    first ??= h;
  }
  return first;
}

/**
 * Blocks above the headline that are not in the headline's own box (where a pre-title stands):
 * the masthead's, whatever their words.
 */
function mastheadKeys(page: Element): Set<string> {
  const out = new Set<string>();
  const headline = headlineOf(page);
  const box = headline?.parentElement;
  if (!headline || !box) return out;
  for (const el of leafBlocks(page)) {
    if (el === headline || headline.contains(el)) break;
    if ((headline.compareDocumentPosition(el) & 2) === 0) break; // not before the headline (2 = DOCUMENT_POSITION_PRECEDING)
    if (el.parentElement === box) continue;
    const key = templateKey(el);
    if (key) out.add(key);
  }
  return out;
}

/**
 * Pages of one article share a template: a block that stands, the same, on every page read is the
 * template's (a disclaimer, a poll and its answers, a sidebar heading, a "loading…" line), not the
 * article's — except at the head of page 1's part (headline, deck, byline, lead image, an intro
 * later pages repeat), which is kept once. Judged on the whole pages, not on what extraction kept
 * of each (that differs from page to page), and applied to the parts.
 */
function templateKeys(wholePages: readonly Element[], firstPart: readonly string[]): Set<string> {
  const out = new Set<string>();
  if (wholePages.length < 2) return out;
  const everywhere = new Set(leafBlocks(wholePages[0] as Element).flatMap((el) => templateKey(el) ?? []));
  for (const page of wholePages.slice(1)) {
    const here = new Set(leafBlocks(page).flatMap((el) => templateKey(el) ?? []));
    for (const key of everywhere) if (!here.has(key)) everywhere.delete(key);
    if (!everywhere.size) return out;
  }
  // Page 1's head: the run of repeated blocks before its first block of its own. A masthead's
  // slogan above the headline (outside the headline's own box) opens no article.
  const masthead = mastheadKeys(wholePages[0] as Element);
  const head = new Set<string>();
  for (const key of firstPart.slice(0, HEAD_BLOCKS)) {
    if (!everywhere.has(key)) break;
    if (!masthead.has(key)) head.add(key);
  }
  for (const key of everywhere) if (!head.has(key)) out.add(key);
  return out;
}

/**
 * The part's blocks that are template: long ones (a real sentence) by themselves; short ones ("1",
 * "2", "/人已评": a poll's answers) only next to template blocks, since a short line such as "点评："
 * may stand on every page of the article itself.
 */
function templateRun(blocks: ReadonlyArray<{ block: Element; key: string | null }>, template: Set<string>): Set<Element> {
  const out = new Set<Element>();
  const isTemplate = blocks.map(({ key }) => key !== null && template.has(key));
  const isLong = blocks.map(({ key }) => key !== null && (key.startsWith('i:') || key.length - 2 >= MIN_REPEAT_LENGTH));
  const marked = isTemplate.map((t, i) => t && isLong[i]);
  // Short template blocks join a marked neighbour, both ways along the run.
  for (let i = 1; i < blocks.length; i++) if (isTemplate[i] && !marked[i] && marked[i - 1]) marked[i] = true;
  for (let i = blocks.length - 2; i >= 0; i--) if (isTemplate[i] && !marked[i] && marked[i + 1]) marked[i] = true;
  blocks.forEach(({ block }, i) => {
    if (marked[i]) out.add(block);
  });
  return out;
}

/**
 * Builds `<article>` with one `<section data-page="N">` per page that loaded, in page order.
 * A block (paragraph, heading, image) already seen on an earlier page is dropped: later pages
 * repeat the headline, the lead image and the intro (fixture xinhua-2012-big5-gateway). A block on
 * every one of `wholePages` (the loaded pages' whole bodies) outside page 1's head is template and
 * dropped from every page (templateKeys).
 * Failed pages get no section here; the caller records them in `failedPages`.
 */
export function mergeParts(doc: Document, parts: readonly MergeInput[], wholePages: readonly Element[] = []): Element {
  const article = doc.createElement('article');
  const seen = new Set<string>();
  const ordered = [...parts].sort((a, b) => a.page - b.page).filter((p) => p.body);
  const bodies = ordered.map((part) => doc.importNode(part.body as Element, true) as Element);
  // One page alone: no earlier page repeats a block of it and no other page shares its template,
  // so nothing is dropped and its blocks need not be read.
  const alone = ordered.length === 1 && wholePages.length < 2;
  const blocks = alone ? [] : bodies.map((body) => leafBlocks(body).map((block) => ({ block, fp: fingerprint(block), key: templateKey(block) })));
  const template = alone ? new Set<string>() : templateKeys(wholePages, (blocks[0] ?? []).flatMap(({ key }) => key ?? []));
  ordered.forEach((part, i) => {
    const body = bodies[i] as Element;
    const section = doc.createElement('section');
    section.setAttribute('data-page', String(part.page));
    const added: string[] = [];
    const doomed = templateRun(blocks[i] ?? [], template);
    for (const { block, fp } of blocks[i] ?? []) {
      if (doomed.has(block)) {
        block.remove();
        continue;
      }
      if (!fp) continue;
      if (seen.has(fp)) block.remove();
      else added.push(fp);
    }
    for (const fp of added) seen.add(fp);
    // Unwrap the body's own container so sections hold the paragraphs directly.
    const children = body.childNodes.length === 1 && body.firstElementChild?.tagName === 'DIV' ? body.firstElementChild.childNodes : body.childNodes;
    section.append(...[...children]);
    if (collapseSpace(section.textContent ?? '') || section.querySelector('img')) article.append(section);
  });
  return article;
}
