import { stripInertMarkup } from './decode';
import { recordScriptPager } from './script-pager';
import type { DomEnvironment } from './types';

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
 */
const CLOBBERING = ['embed', 'form', 'iframe', 'img', 'object', 'button', 'fieldset', 'input', 'output', 'select', 'textarea']
  // Only those with a name or id: a plain tag list costs ten times more in jsdom (bench: 4.3 → 0.4 ms a page).
  .flatMap((tag) => [`${tag}[name]`, `${tag}[id]`])
  .join(', ');

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

/** Drop every `name`/`id` that would shadow a property of the document or of a form. */
function unclobber(doc: Document, root: Element): void {
  const docProto = Object.getPrototypeOf(doc) as object;
  const form = builtin<(tag: string) => Element>(doc, 'createElement')('form');
  const formProto = Object.getPrototypeOf(form) as object;
  for (const el of root.querySelectorAll(CLOBBERING)) {
    for (const attr of ['name', 'id']) {
      // Read through Element's own methods: a form's may be shadowed by its inputs.
      const value = builtin<(n: string) => string | null>(el, 'getAttribute')(attr);
      if (value !== null && (value in docProto || value in formProto)) builtin<(n: string) => void>(el, 'removeAttribute')(attr);
    }
  }
}

/**
 * Remove from `doc` what a re-parse could read differently (see UNSTABLE), names that clobber the
 * document's or a form's properties (CLOBBERING), and any `on*` attribute. Runs before anything
 * else touches the document, so it reads the document's own properties past any clobbering.
 */
export function defusePage(doc: Document, options: { handlersRemoved?: boolean } = {}): void {
  const root = builtin<Element | null>(doc, 'documentElement');
  if (!root) return;
  unclobber(doc, root);
  // SVG/MathML go, but not the HTML the parser nested inside them: an unclosed `<math><mtext>` or
  // a stray `<svg>` swallows the rest of the article into itself, and a browser shows that text.
  // Innermost first, each replaced by its outermost HTML descendants.
  for (const el of [...root.querySelectorAll('svg, math')].reverse()) {
    if (!el.isConnected) continue;
    const html = [...el.getElementsByTagName('*')].filter((d) => d.namespaceURI === HTML_NS && !hasHtmlAncestorWithin(d, el));
    el.replaceWith(...html);
  }
  for (const el of [...root.querySelectorAll(UNSTABLE)]) el.remove();
  // Comments and processing instructions (bogus comments such as `<?x>` parse as comments).
  const walker = builtin<Document['createTreeWalker']>(doc, 'createTreeWalker')(root, 0x80 /* NodeFilter.SHOW_COMMENT */);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  for (const c of comments) c.parentNode?.removeChild(c);
  // Markup from parsePage never had a handler reach the parser (removeEventHandlers); a document
  // handed in already parsed may (a full walk: 4 ms a page in jsdom, so only then).
  if (options.handlersRemoved) return;
  for (const el of root.querySelectorAll('*')) {
    for (const name of el.getAttributeNames()) if (/^on/i.test(name)) el.removeAttribute(name);
  }
}

function hasHtmlAncestorWithin(node: Element, container: Element): boolean {
  for (let p = node.parentElement; p && p !== container; p = p.parentElement) if (p.namespaceURI === HTML_NS) return true;
  return false;
}

/** A fetched page's HTML into an inert, defused document whose base is `url`. */
export function parsePage(dom: DomEnvironment, html: string, url: string): Document {
  const doc = dom.parse(stripInertMarkup(html), url);
  recordScriptPager(doc, html);
  defusePage(doc, { handlersRemoved: true });
  return doc;
}
