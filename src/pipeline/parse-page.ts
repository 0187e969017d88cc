import { isClobberingName } from './clobber-names';
import { newMarkupWork, stripInertMarkup } from './defuse-markup';
import { ArticleError, failure } from './errors';
import { addToIndex, keepIndex, newDocumentIndex } from './query';
import { recordLinkedData, recordScriptPager } from './script-data';
import type { DomEnvironment } from './types';

/**
 * The most elements a page may have. No real article comes near it (the largest page of the
 * Readability test corpus, a long Wikipedia article, has 9,888; a Xinhua page about 600), and
 * past it the steps after parsing cost seconds a page in jsdom: such a page is refused whole.
 */
export const MAX_PAGE_ELEMENTS = 100_000;
/**
 * The deepest nesting a page may have, as estimated before parsing (defuse-markup.ts: within a
 * factor of two of the real depth on random tag soups; at most 96 on the 421 pages of the corpus,
 * the fixtures and the Readability test pages). Chromium stops nesting at 512; jsdom's parse is
 * quadratic in depth (4,000 levels: 3 s) and overflows the stack at about 16,000.
 */
export const MAX_PAGE_DEPTH = 1_000;

/** The failure for a page over a budget: "this page is too complex to read" and which limit. */
function tooComplex(url: string, what: string): ArticleError {
  return new ArticleError('too-complex', `this page is too complex to read (${what})`, url, failure('too-complex', { detail: what }));
}

/**
 * What is removed from a parsed page before anything else reads it: elements whose text the HTML
 * serializer writes out unescaped (so a later re-parse could read it as markup), SVG and MathML
 * elements (where the same markup parses differently in and out of foreign content: the root of
 * mutation-XSS; the HTML inside them stays), templates, comments and processing instructions.
 * None of it reaches an article (the sanitizer forbids all of it), and without it a page's markup
 * reads the same every time it is serialized and parsed again (Readability, merging, DOMPurify
 * each do so). So no step of the pipeline can turn text into a new element or a handler attribute.
 */
const UNSTABLE = 'script, style, xmp, iframe, noembed, noframes, plaintext, noscript, template';
const HTML_NS = 'http://www.w3.org/1999/xhtml';

/**
 * Elements whose `name` (or `id`) becomes a property of the document or of their form, shadowing
 * the real one: `<img name="createElement">` makes `doc.createElement` that image, `<image
 * name="body">` makes `doc.body` one (DOM clobbering; Firefox does it in parsed documents too).
 * Only those with a name or id are looked at.
 */
const CLOBBERING_TAGS = new Set(['embed', 'form', 'iframe', 'img', 'object', 'button', 'fieldset', 'input', 'output', 'select', 'textarea']);

/**
 * A built-in property read from the prototype chain, past whatever a page's markup put on the
 * object itself (a getter is called on `obj`, a method bound to it).
 */
function builtin<T>(obj: object, name: string): T {
  for (let proto = Object.getPrototypeOf(obj) as object | null; proto; proto = Object.getPrototypeOf(proto) as object | null) {
    const d = Object.getOwnPropertyDescriptor(proto, name);
    if (!d) continue;
    if (d.get) return d.get.call(obj) as T;
    return (typeof d.value === 'function' ? (d.value as (...a: unknown[]) => unknown).bind(obj) : d.value) as T;
  }
  return undefined as T;
}

/**
 * Drop every `name`/`id` of `candidates` that would shadow a property of the document or of a form
 * (clobber-names.ts: a fixed list, so that every DOM defuses a page alike).
 */
function unclobber(candidates: readonly Element[]): void {
  for (const el of candidates) {
    for (const attr of ['name', 'id']) {
      // Read through Element's own methods: a form's may be shadowed by its inputs.
      const value = builtin<(n: string) => string | null>(el, 'getAttribute')(attr);
      if (value !== null && isClobberingName(value)) builtin<(n: string) => void>(el, 'removeAttribute')(attr);
    }
  }
}

/** UNSTABLE's tags and foreign content's, as local names. */
const UNSTABLE_TAGS = new Set(UNSTABLE.split(',').map((t) => t.trim()));
const FOREIGN_TAGS = new Set(['svg', 'math']);

/** A built-in getter or method of a node's prototype chain, to call on any node of that document. */
function prototypeMember(node: Node, name: string): PropertyDescriptor {
  for (let proto = Object.getPrototypeOf(node) as object | null; proto; proto = Object.getPrototypeOf(proto) as object | null) {
    const d = Object.getOwnPropertyDescriptor(proto, name);
    if (d) return d;
  }
  throw new Error(`no ${name} on the node's prototypes`);
}

/** What defusing acts on, found in one walk of the page (which also makes the page's query index). */
interface DefuseTargets {
  elements: number;
  clobbering: Element[];
  foreign: Element[];
  unstable: Element[];
  comments: Node[];
  /** Elements with an `on*` attribute (collected only when asked). */
  handlers: Element[];
}

/**
 * One walk over `root` (elements and comments, in document order) through the prototypes' own
 * getters and methods (a form's fields can shadow its properties): the elements defusing acts on,
 * the same ones a query for CLOBBERING_TAGS with a name or id, `querySelectorAll('svg, math')`,
 * `querySelectorAll(UNSTABLE)` and a comment walk find, and the document's query index (query.ts keepIndex). Stops counting past `limit` elements.
 */
function defuseTargets(doc: Document, root: Element, limit: number, withHandlers: boolean): DefuseTargets {
  const nodeType = prototypeMember(root, 'nodeType').get as (this: Node) => number;
  const localNameOf = prototypeMember(root, 'localName').get as (this: Element) => string;
  const attrNamesOf = prototypeMember(root, 'getAttributeNames').value as (this: Element) => string[];
  const attrOf = prototypeMember(root, 'getAttribute').value as (this: Element, name: string) => string | null;
  const out: DefuseTargets = { elements: 0, clobbering: [], foreign: [], unstable: [], comments: [], handlers: [] };
  const index = newDocumentIndex();
  const walker = builtin<Document['createTreeWalker']>(doc, 'createTreeWalker')(root, 0x81 /* NodeFilter.SHOW_ELEMENT | SHOW_COMMENT */);
  for (let node: Node | null = root; node; node = walker.nextNode()) {
    if (nodeType.call(node) !== 1) {
      out.comments.push(node);
      continue;
    }
    if (++out.elements > limit) return out;
    const el = node as Element;
    const tag = localNameOf.call(el);
    const names = attrNamesOf.call(el);
    addToIndex(index, tag, names, (name) => attrOf.call(el, name));
    if (CLOBBERING_TAGS.has(tag) && (names.includes('name') || names.includes('id'))) out.clobbering.push(el);
    if (FOREIGN_TAGS.has(tag)) out.foreign.push(el);
    if (UNSTABLE_TAGS.has(tag)) out.unstable.push(el);
    if (withHandlers && names.some((name) => /^on/i.test(name))) out.handlers.push(el);
  }
  keepIndex(doc, index);
  return out;
}

/**
 * Remove from `doc` what a re-parse could read differently (see UNSTABLE), names that clobber the
 * document's or a form's properties (CLOBBERING_TAGS), and any `on*` attribute. Runs before anything
 * else touches the document, so it reads the document's own properties past any clobbering.
 * Throws an ArticleError `too-complex` for a page over MAX_PAGE_ELEMENTS.
 */
export function defusePage(doc: Document, options: { handlersRemoved?: boolean; url?: string } = {}): void {
  const root = builtin<Element | null>(doc, 'documentElement');
  if (!root) return;
  // Counted in the one walk, before anything is changed: every later step is at least linear in it.
  const found = defuseTargets(doc, root, MAX_PAGE_ELEMENTS, !options.handlersRemoved);
  if (found.elements > MAX_PAGE_ELEMENTS) {
    const elements = builtin<(tag: string) => HTMLCollection>(doc, 'getElementsByTagName')('*').length;
    throw tooComplex(options.url ?? builtin<string>(doc, 'URL'), `${elements.toLocaleString('en')} elements, over ${MAX_PAGE_ELEMENTS.toLocaleString('en')}`);
  }
  unclobber(found.clobbering);
  // SVG/MathML go, but not the HTML the parser nested inside them: an unclosed `<math><mtext>` or
  // a stray `<svg>` swallows the rest of the article into itself, and a browser shows that text.
  // Innermost first, each replaced by its outermost HTML descendants.
  for (const el of found.foreign.reverse()) {
    if (!el.isConnected) continue;
    const html = outermostHtml(el);
    // A formula with no HTML inside keeps its words as plain text (a text node carries no markup):
    // MathML articles lost every formula before.
    const words = !html.length && el.localName === 'math' ? (el.getAttribute('alttext') || el.textContent || '').replace(/\s+/g, ' ').trim() : '';
    el.replaceWith(...html, ...(words ? [builtin<Document['createTextNode']>(doc, 'createTextNode')(words)] : []));
  }
  // (Those inside SVG/MathML left out just now are gone already: removing them changes nothing.)
  for (const el of found.unstable) el.remove();
  // Comments and processing instructions (bogus comments such as `<?x>` parse as comments).
  for (const c of found.comments) c.parentNode?.removeChild(c);
  // Markup from parsePage never had a handler reach the parser (removeEventHandlers); a document
  // handed in already parsed may.
  for (const el of found.handlers) {
    for (const name of el.getAttributeNames()) if (/^on/i.test(name)) el.removeAttribute(name);
  }
}

/**
 * The HTML elements inside `container` that have no HTML ancestor within it, in document order:
 * one walk that does not enter what it keeps (a nested walk up from every descendant was
 * quadratic in depth).
 */
function outermostHtml(container: Element): Element[] {
  const found: Element[] = [];
  let node = container.firstElementChild;
  while (node) {
    if (node.namespaceURI === HTML_NS) found.push(node);
    else if (node.firstElementChild) {
      node = node.firstElementChild;
      continue;
    }
    // Next: the sibling, else the nearest ancestor's sibling, without leaving the container.
    while (node && !node.nextElementSibling) {
      node = node.parentElement;
      if (node === container) node = null;
    }
    node = node?.nextElementSibling ?? null;
  }
  return found;
}

/** Each parsed page's HTML, kept with its document for {@link reparser}. */
const sources = new WeakMap<Document, { dom: DomEnvironment; html: string; url: string }>();

/**
 * A way to parse anew the page `doc` was parsed from (the same defused document, untouched by what
 * has been done to `doc` since); null for a document {@link parsePage} did not make (a live one).
 */
export function reparser(doc: Document): (() => Document) | null {
  const source = sources.get(doc);
  return source ? () => parsePage(source.dom, source.html, source.url) : null;
}

/** A fetched page's HTML into an inert, defused document whose base is `url`. */
export function parsePage(dom: DomEnvironment, html: string, url: string): Document {
  const work = newMarkupWork({ startTags: MAX_PAGE_ELEMENTS, depth: MAX_PAGE_DEPTH });
  const defused = stripInertMarkup(html, work);
  // Refused before the parser spends its time on it: a parse can take minutes, synchronously.
  if (work.startTags > MAX_PAGE_ELEMENTS) throw tooComplex(url, `over ${MAX_PAGE_ELEMENTS.toLocaleString('en')} elements`);
  if (work.maxDepth > MAX_PAGE_DEPTH) throw tooComplex(url, `elements nested over ${MAX_PAGE_DEPTH.toLocaleString('en')} deep`);
  const doc = dom.parse(defused, url);
  recordScriptPager(doc, html);
  recordLinkedData(doc, html);
  defusePage(doc, { handlersRemoved: true, url });
  sources.set(doc, { dom, html, url });
  return doc;
}
