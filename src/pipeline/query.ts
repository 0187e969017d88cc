/** Selector queries that survive a selector the DOM implementation does not support. */

/** `querySelectorAll`, or nothing when the selector is not supported. */
export function queryAllSafe(root: ParentNode, selector: string): Element[] {
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
