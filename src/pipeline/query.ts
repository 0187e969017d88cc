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
 * What one alternative of a selector needs the document to hold: tag names, attribute names,
 * classes and ids (lower case), every compound's, `:not(…)` aside. Null for a list not written
 * in the plain subset read here (tags, `#id`, `.class`, `[attr]`, `[attr op "value" i]`,
 * `:not(one of those)`, descendant/child/sibling combinators): such a selector is always run.
 */
type Needs = { tags: string[]; attrs: string[]; classes: string[]; ids: string[]; values: string[] };
/**
 * Attributes whose whole values the index keeps too (`name=author`, lower case): the metadata
 * selectors are mostly `meta[name="…"]`/`meta[property="…"]`, and every page has some meta.
 */
const VALUE_ATTRS = new Set(['name', 'property', 'itemprop', 'rel']);
const IDENT = /-?[a-zA-Z_][\w-]*/y;
const ATTR = /\[\s*(-?[a-zA-Z_][\w-]*)\s*(?:([~|^$*]?=)\s*(?:"([^"\\]*)"|'([^'\\]*)'|(-?[a-zA-Z_][\w-]*))\s*(?:[iI]\s*)?)?\]/y;
const NOT = /:not\(\s*(?:\[\s*-?[a-zA-Z_][\w-]*\s*(?:[~|^$*]?=\s*(?:"[^"\\]*"|'[^'\\]*'|-?[a-zA-Z_][\w-]*)\s*(?:[iI]\s*)?)?\]|[.#]?-?[a-zA-Z_][\w-]*)\s*\)/y;
const COMBINATOR = /\s*[>+~]\s*|\s+/y;

function sticky(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

function parseNeeds(selector: string): Needs[] | null {
  const out: Needs[] = [];
  let at = 0;
  const text = selector.trim();
  let needs: Needs = { tags: [], attrs: [], classes: [], ids: [], values: [] };
  let compoundStart = true;
  while (at < text.length) {
    const ch = text[at] as string;
    let m: RegExpExecArray | null;
    if (ch === ',') {
      if (compoundStart) return null;
      out.push(needs);
      needs = { tags: [], attrs: [], classes: [], ids: [], values: [] };
      at++;
      while (text[at] === ' ') at++;
      compoundStart = true;
      continue;
    }
    if (compoundStart && ch === '*') {
      at++;
    } else if (compoundStart && /[a-zA-Z]/.test(ch) && (m = sticky(IDENT, text, at))) {
      needs.tags.push(m[0].toLowerCase());
      at += m[0].length;
    } else if ((ch === '#' || ch === '.') && (m = sticky(IDENT, text, at + 1))) {
      (ch === '#' ? needs.ids : needs.classes).push(m[0].toLowerCase());
      at += 1 + m[0].length;
    } else if (ch === '[' && (m = sticky(ATTR, text, at))) {
      const attr = (m[1] as string).toLowerCase();
      needs.attrs.push(attr);
      // `[name="author"]` (whole value, any case): the index holds those values of VALUE_ATTRS.
      if (m[2] === '=' && VALUE_ATTRS.has(attr)) needs.values.push(`${attr}=${(m[3] ?? m[4] ?? m[5] ?? '').toLowerCase()}`);
      at += m[0].length;
    } else if (ch === ':' && (m = sticky(NOT, text, at))) {
      at += m[0].length;
    } else if (!compoundStart && (m = sticky(COMBINATOR, text, at)) && m[0].length) {
      at += m[0].length;
      if (text[at] === ',') return null;
      compoundStart = true;
      continue;
    } else {
      return null;
    }
    compoundStart = false;
  }
  if (compoundStart) return null;
  out.push(needs);
  return out;
}
const NEEDS = new Map<string, Needs[] | null>();

/** Every tag name, attribute name, class and id of a document (lower case). */
export interface DocumentIndex {
  tags: Set<string>;
  attrs: Set<string>;
  classes: Set<string>;
  ids: Set<string>;
  /** `attr=value` of VALUE_ATTRS. */
  values: Set<string>;
}
const INDEXES = new WeakMap<Document, DocumentIndex>();

/** An empty index, to fill with {@link addToIndex} during a walk of one's own and keep with {@link keepIndex}. */
export function newDocumentIndex(): DocumentIndex {
  return { tags: new Set(), attrs: new Set(), classes: new Set(), ids: new Set(), values: new Set() };
}

/** One element into `index`: its local name, its attribute names (`read` gives a value) and what they hold. */
export function addToIndex(index: DocumentIndex, localName: string, attrNames: readonly string[], read: (name: string) => string | null): void {
  index.tags.add(localName.toLowerCase());
  for (const name of attrNames) {
    const attr = name.toLowerCase();
    index.attrs.add(attr);
    if (VALUE_ATTRS.has(attr)) index.values.add(`${attr}=${(read(name) ?? '').toLowerCase()}`);
  }
  const cls = attrNames.includes('class') ? read('class') : null;
  if (cls) for (const c of cls.split(/[ \t\n\f\r]+/)) if (c) index.classes.add(c.toLowerCase());
  const id = attrNames.includes('id') ? read('id') : null;
  if (id) index.ids.add(id.toLowerCase());
}

/**
 * Keep `index` as `doc`'s (parse-page.ts makes it while defusing, in the walk it does anyway). An
 * index made before the defusing holds more than the document then does (defusing only removes
 * elements and attributes, and keeps the HTML inside SVG/MathML): mayMatch may say "may" for a
 * selector that no longer matches, which only costs the query; never "no" for one that does.
 */
export function keepIndex(doc: Document, index: DocumentIndex): void {
  if (!INDEXES.has(doc)) INDEXES.set(doc, index);
}

/**
 * The index of a page's document, made on its first query unless defusing made it (keepIndex). The
 * pipeline changes a page's document only while defusing it (before any query) and when extraction
 * takes it apart (after which no query reads it): an index once made stays true.
 */
function indexOf(doc: Document): DocumentIndex {
  let index = INDEXES.get(doc);
  if (index) return index;
  index = newDocumentIndex();
  const root = doc.documentElement;
  if (root) {
    const walker = doc.createTreeWalker(root, 1 /* NodeFilter.SHOW_ELEMENT */);
    for (let el: Node | null = root; el; el = walker.nextNode()) {
      const e = el as Element;
      addToIndex(index, e.localName, e.getAttributeNames(), (name) => e.getAttribute(name));
    }
  }
  INDEXES.set(doc, index);
  return index;
}

/**
 * False when `selector`, run on the whole document, surely matches nothing: some alternative's
 * tag, attribute, class or id is nowhere in the document (compared in lower case, so quirks mode's
 * case-insensitive classes are covered). Such a query would still cost jsdom a compile of the
 * selector for this document and a walk: a page's metadata and pager selectors are mostly that.
 */
export function mayMatch(doc: Document, selector: string): boolean {
  let needs = NEEDS.get(selector);
  if (needs === undefined) {
    needs = parseNeeds(selector);
    NEEDS.set(selector, needs);
  }
  if (!needs) return true;
  const index = indexOf(doc);
  return needs.some(
    (n) =>
      n.tags.every((t) => index.tags.has(t)) &&
      n.attrs.every((a) => index.attrs.has(a)) &&
      n.classes.every((c) => index.classes.has(c)) &&
      n.ids.every((i) => index.ids.has(i)) &&
      n.values.every((v) => index.values.has(v)),
  );
}

/**
 * `querySelectorAll`, or nothing when the selector is not supported. A list of tag names under an
 * element is found in one walk of the tree (jsdom's selector engine collects each tag's live
 * collection and sorts the union: several times slower, and the cleaning asks it often). On a
 * document, a selector that surely matches nothing there is not run (mayMatch).
 */
export function queryAllSafe(root: ParentNode, selector: string): Element[] {
  const tags = (root as Node).nodeType === 1 ? tagNames(selector) : null;
  if (tags) return [...elementsByTags(root as Element, tags)];
  if ((root as Node).nodeType === 9 && !mayMatch(root as Document, selector)) return [];
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
  // On a document, those that surely match nothing there are left out (they are valid: mayMatch
  // reads only plain selectors).
  if ((root as Node).nodeType === 9) selectors = selectors.filter((s) => mayMatch(root as Document, s));
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
 * The elements under `root` (not `root` itself) whose local name is one of `tags` (lower case),
 * in document order and one at a time: what `querySelectorAll` of that tag list finds, in one walk
 * of the tree, and a scan that stops early reads only what it needs.
 */
export function* elementsByTags(root: Element, tags: ReadonlySet<string>): Generator<Element> {
  for (const el of descendants(root)) if (tags.has(el.localName)) yield el;
}

/** Whether an element under `root` has one of `tags` as its local name: `root.querySelector(tag list) !== null`. */
export function hasDescendantOf(root: Element, tags: ReadonlySet<string>): boolean {
  return !elementsByTags(root, tags).next().done;
}

/** `el.closest(tag list)`: `el` or its nearest ancestor whose local name is one of `tags` (lower case). */
export function closestOf(el: Element | null, tags: ReadonlySet<string>): Element | null {
  for (let at = el; at; at = at.parentElement) if (tags.has(at.localName)) return at;
  return null;
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
