/** Selector queries that survive a selector the DOM implementation does not support. */

/** A selector that is only tag names (`p, div, td`), as a set of lower-case names; else null. */
function tagNames(selector: string): ReadonlySet<string> | null {
  let known = TAG_LISTS.get(selector);
  if (known === undefined) {
    known = /^\s*[a-z][a-z0-9]*(\s*,\s*[a-z][a-z0-9]*)*\s*$/i.test(selector) ? new Set(selector.split(',').map((t) => t.trim().toLowerCase())) : null;
    TAG_LISTS.set(selector, known);
  }
  return known;
}
const TAG_LISTS = new Map<string, ReadonlySet<string> | null>();

/**
 * `querySelectorAll`, or nothing when the selector is not supported. A list of tag names under an
 * element is found in one walk of the tree (jsdom's selector engine collects each tag's live
 * collection and sorts the union: several times slower, and the cleaning asks it often).
 */
export function queryAllSafe(root: ParentNode, selector: string): Element[] {
  const tags = (root as Node).nodeType === 1 ? tagNames(selector) : null;
  if (tags) {
    const out: Element[] = [];
    for (const el of descendants(root as Element)) if (tags.has(el.localName)) out.push(el);
    return out;
  }
  try {
    return [...root.querySelectorAll(selector)];
  } catch {
    return [];
  }
}

/**
 * Every element matching any of `selectors`, in document order, in one traversal (per-selector
 * queries cost a walk each; detection runs on every page load). When one selector is not
 * supported, the others still work, one at a time.
 */
export function queryAll(root: ParentNode, selectors: readonly string[]): Element[] {
  if (!selectors.length) return [];
  try {
    return [...root.querySelectorAll(selectors.join(','))];
  } catch {
    const seen = new Set<Element>();
    for (const selector of selectors) for (const el of queryAllSafe(root, selector)) seen.add(el);
    return [...seen];
  }
}

/**
 * An element's child elements as an array, walked by sibling links: spreading or indexing jsdom's
 * live `children` goes through a proxy that looks up named items at every step (quadratic in the
 * number of children: minutes on a page of 8,000 paragraphs).
 */
export function childElements(el: Element): Element[] {
  const out: Element[] = [];
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) out.push(c);
  return out;
}

/**
 * The elements under `root` (not `root` itself) in document order, walked by tree links and made
 * one at a time: a scan that stops early reads only what it needs (jsdom's `querySelectorAll` of a
 * tag list collects every match through live collections and sorts them first).
 */
export function* descendants(root: Element): Generator<Element> {
  let el: Element | null = root.firstElementChild;
  while (el) {
    yield el;
    if (el.firstElementChild) {
      el = el.firstElementChild;
      continue;
    }
    while (el && el !== root && !el.nextElementSibling) el = el.parentElement;
    if (!el || el === root) return;
    el = el.nextElementSibling;
  }
}
