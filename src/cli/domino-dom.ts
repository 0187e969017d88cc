/**
 * Pages parsed by domino (@mixmark-io/domino, Turndown's HTML5 parser), five times quicker than
 * jsdom's: a 10-page read's CPU 337 -> 156 ms (issue 10), jsdom still giving DOMPurify and the
 * output their window (node-dom.ts `createNodeDom({ pages: 'gated' })`, or the command's jsdom
 * thread: threaded-dom.ts). The command's parser since 2026-12-04, measured by
 * scripts/bench/dom-candidates.ts (`scored`, which keeps it honest): every page the evaluations
 * score read alone with jsdom and through the gate gives the same Markdown and HTML (corpus 70 of
 * 70, Zyte 181 of 181, Readability's test pages 130 of 130; JSON 380 of 381, the one difference
 * a quirks-mode page where domino's tree is the browser's and jsdom's is not), and so do the
 * 528 hostile cases.
 *
 * domino's tree builder places the HTML after SVG/MathML foreign content (and <xmp>) differently
 * from jsdom's and the browsers': a page whose markup has any of {@link NEEDS_JSDOM} is parsed by
 * jsdom (2 of the 78 corpus pages; 147 of 528 hostile cases). {@link patch} fills the DOM members
 * domino lacks and works around its bugs the pipeline meets.
 */
import { createRequire } from 'node:module';
import { defusePage } from '../pipeline/parse-page';


/** Elements domino's tree builder handles differently from jsdom's: such pages are parsed by jsdom. */
export const NEEDS_JSDOM = /<(?:svg|math|xmp|plaintext|noembed|noframes|template)[\s/>]/i;

interface Domino {
  createDocument(html: string, force?: boolean): Document;
  impl: Record<string, { prototype: object } | undefined>;
}

let loaded: Domino | undefined;
/** domino, loaded from node_modules on first use (its own types declare no module). */
const dominoLib = (): Domino => (loaded ??= createRequire(import.meta.url)('@mixmark-io/domino') as Domino);

let patched = false;

function define(proto: object, name: string, descriptor: PropertyDescriptor): void {
  Object.defineProperty(proto, name, { configurable: true, ...descriptor });
}

function patch(): void {
  if (patched) return;
  patched = true;
  const impl = dominoLib().impl;
  const protoOf = (name: string): object => {
    const p = impl[name]?.prototype;
    if (!p) throw new Error(`domino has no ${name}`);
    return p;
  };
  const node = protoOf('Node');
  const element = protoOf('Element');
  const document = protoOf('Document');
  // Instance data properties, read through the prototype (parse-page.ts reads getters off prototypes).
  // A document's documentElement and doctype too: parse-page.ts's defusing found no root in a
  // domino document and defused nothing.
  for (const name of ['nodeType', 'localName', 'nodeName', 'documentElement', 'doctype']) {
    for (const proto of name === 'localName' ? [element] : name === 'documentElement' || name === 'doctype' ? [document] : [node]) {
      if (Object.getOwnPropertyDescriptor(proto, name)) continue;
      define(proto, name, {
        get(this: object) {
          return (Object.getOwnPropertyDescriptor(this, name) as PropertyDescriptor | undefined)?.value;
        },
        set(this: object, value: unknown) {
          Object.defineProperty(this, name, { value, writable: true, configurable: true, enumerable: true });
        },
      });
    }
  }
  const iterable = (value: { length: number; item?(i: number): unknown; [i: number]: unknown }) => {
    const list: unknown[] = [];
    for (let i = 0; i < value.length; i++) list.push(value.item ? value.item(i) : value[i]);
    return list;
  };
  // Element.children, getElementsByTagName's and querySelectorAll's lists: iterable, as in a browser
  // (domino's are index-and-item only).
  const sample = dominoLib().createDocument('<p>', true);
  const lists = [sample.body.children, sample.getElementsByTagName('p'), sample.querySelectorAll('p'), sample.body.getElementsByClassName('x')];
  for (const list of lists) {
    const proto = Object.getPrototypeOf(list) as object;
    if (Symbol.iterator in proto) continue;
    define(proto, Symbol.iterator as unknown as string, {
      value: function (this: { length: number; item?(i: number): unknown; [i: number]: unknown }) {
        return iterable(this)[Symbol.iterator]();
      },
    });
  }
  // Node.baseURI: the document's base URL (its <base href> against its address).
  // (Node's own is a not-yet-implemented getter that cannot be redefined: each kind's prototype shadows it.)
  for (const proto of [element, document, protoOf('CharacterData'), protoOf('DocumentFragment')]) {
    define(proto, 'baseURI', {
      get(this: Node) {
        return ((this.ownerDocument ?? this) as unknown as { _documentBaseURL: string })._documentBaseURL;
      },
    });
  }
  // A document's modification clock never stands still: domino skips counting while it is 0, and
  // an element's cached children (Element.children) then outlived a change (Readability kept a
  // <div> around its only <p> that it unwraps in jsdom).
  define(document, 'modclock', {
    get(this: { _wsModclock?: number }) {
      return this._wsModclock ?? 1;
    },
    set(this: { _wsModclock?: number }, value: number) {
      this._wsModclock = value || 1;
    },
  });
  // A document's own lists (document.getElementsByTagName…) never saw a change: a change dates
  // the changed node and its ancestor elements, never the document above them, so such a list
  // kept elements long removed (a page's iframes, removed when it was defused, came back into it
  // through a loop over one). The document's date is its clock, which every change advances.
  define(document, 'lastModTime', {
    get(this: { modclock: number }) {
      return this.modclock;
    },
  });
  // setAttributeNode(NS) tells nothing of the change (setAttribute does): an id set so was missing
  // from the document's id table, and removing that element later failed an assertion inside domino.
  // (Element's own cannot be redefined: HTML and SVG elements' prototypes shadow it.)
  const setNode = Object.getOwnPropertyDescriptor(element, 'setAttributeNodeNS')?.value as (this: Element, attr: Attr) => Attr | null;
  for (const proto of [protoOf('HTMLElement'), protoOf('SVGElement')]) {
    define(proto, 'setAttributeNodeNS', {
      value(this: Element, attr: Attr) {
        const old = setNode.call(this, attr);
        const onchange = (attr as unknown as { onchange?: (el: Element, name: string, from: string | null, to: string) => void }).onchange;
        onchange?.call(attr, this, attr.localName, null, attr.value);
        return old;
      },
    });
  }
  // Cloning an element the parser made with a name createElement refuses (`<scr<!---->ipt>` parses
  // as an element named `scr<!----`): domino's clone goes through createElement and throws
  // INVALID_CHARACTER_ERR; browsers and jsdom clone it. Made the way the parser makes elements.
  // (Element's own cannot be redefined: HTML and SVG elements' prototypes shadow it.)
  interface Cloned {
    ownerDocument: unknown;
    localName: string;
    namespaceURI: string | null;
    prefix: string | null;
    _attrKeys: string[];
    _attrsByLName: Record<string, { cloneNode(): { _setOwnerElement(e: unknown): void } }>;
    _addQName(attr: unknown): void;
  }
  for (const proto of [protoOf('HTMLElement'), protoOf('SVGElement')]) {
    define(proto, 'clone', {
      value(this: Cloned) {
        const doc = this.ownerDocument as { _createElementNS(l: string, ns: string | null, p: string | null): Cloned };
        const e = doc._createElementNS(this.localName, this.namespaceURI, this.prefix);
        for (const lname of this._attrKeys) {
          const b = this._attrsByLName[lname]!.cloneNode();
          b._setOwnerElement(e);
          e._attrsByLName[lname] = b as unknown as Cloned['_attrsByLName'][string];
          e._addQName(b);
        }
        e._attrKeys = this._attrKeys.concat();
        return e;
      },
    });
  }
  // Element.children and getElementsBy*'s lists live, as in a browser: domino refreshes a list
  // when its length or item() is read, but its indexes ([i]) are plain properties filled then, so
  // `list[i]` after a change without reading `length` again gave the node that was there before
  // (Readability's sibling loop re-reads `children` and indexes it: it moved a detached node and
  // threw, "not an article"). Each list is read through a proxy whose indexes go to item().
  for (const proto of [protoOf('HTMLElement'), protoOf('SVGElement')]) {
    const children = Object.getOwnPropertyDescriptor(element, 'children')?.get;
    if (children) define(proto, 'children', { get(this: Element) { return liveList(children.call(this) as object); } });
    for (const name of LIST_METHODS) {
      const method = (element as Record<string, unknown>)[name] as ((...args: unknown[]) => object) | undefined;
      if (method) define(proto, name, { value(this: Element, ...args: unknown[]) { return liveList(method.apply(this, args)); } });
    }
    define(proto, 'querySelectorAll', { value: staticQuery((element as unknown as ParentNode).querySelectorAll) });
  }
  if (!('prepend' in node)) {
    const toNodes = (doc: Document, nodes: Array<Node | string>): Node[] => nodes.map((n) => (typeof n === 'string' ? doc.createTextNode(n) : n));
    for (const proto of [element, document, protoOf('DocumentFragment')]) {
      define(proto, 'append', {
        value(this: Node, ...nodes: Array<Node | string>) {
          const doc = (this.ownerDocument ?? this) as Document;
          for (const n of toNodes(doc, nodes)) this.appendChild(n);
        },
      });
      define(proto, 'prepend', {
        value(this: Node, ...nodes: Array<Node | string>) {
          const doc = (this.ownerDocument ?? this) as Document;
          const first = this.firstChild;
          for (const n of toNodes(doc, nodes)) this.insertBefore(n, first);
        },
      });
    }
  }
}

/** Where the parsed documents say they are from: node-dom.ts's jsdom window and domino's alike. */
export const PARSER_URL = 'https://wholestory.invalid/';

/** The live lists' methods (Element's and Document's). */
const LIST_METHODS = ['getElementsByTagName', 'getElementsByTagNameNS', 'getElementsByClassName', 'getElementsByName'];

const proxies = new WeakMap<object, object>();
const isIndex = (key: string | symbol): key is string => typeof key === 'string' && key !== '' && key.length < 16 && String(Number(key) >>> 0) === key;
const LIVE: ProxyHandler<{ item(i: number): unknown; length: number }> = {
  get: (list, key) => (isIndex(key) ? (list.item(Number(key)) ?? undefined) : Reflect.get(list, key, list)),
  has: (list, key) => (isIndex(key) ? Number(key) < list.length : Reflect.has(list, key)),
};
/** `list` read live through its indexes (one proxy per list, so `el.children === el.children`). */
const live = new WeakSet<object>();
function liveList(list: object): object {
  let proxy = proxies.get(list);
  if (!proxy) {
    proxies.set(list, (proxy = new Proxy(list as { item(i: number): unknown; length: number }, LIVE)));
    live.add(proxy);
  }
  return proxy;
}

/**
 * querySelectorAll's list is static, as the DOM says: domino answers a bare tag name or class with
 * getElementsBy*'s live list (a loop removing what it found then skipped every other one).
 */
function staticQuery(query: (this: ParentNode, selector: string) => NodeListOf<Element>) {
  return function (this: ParentNode, selector: string): NodeListOf<Element> {
    const list = query.call(this, selector);
    return live.has(list) ? (new (nodeListClass())(Array.from(list)) as unknown as NodeListOf<Element>) : list;
  };
}

let nodeList: (new (nodes: Element[]) => object) | undefined;
/** domino's static NodeList (an Array subclass). */
const nodeListClass = () => (nodeList ??= createRequire(import.meta.url)('@mixmark-io/domino/lib/NodeList') as new (nodes: Element[]) => object);

/**
 * A domino document with live lists and a static querySelectorAll: Document's own cannot be
 * redefined (domino made them fixed), so each document gets its own, and so do its copies
 * (cloneNode) and the documents its implementation makes.
 */
function withLiveLists(doc: Document): Document {
  for (const name of LIST_METHODS) {
    const method = (doc as unknown as Record<string, (...args: unknown[]) => object>)[name];
    if (method) Object.defineProperty(doc, name, { configurable: true, writable: true, value: (...args: unknown[]) => liveList(method.apply(doc, args)) });
  }
  Object.defineProperty(doc, 'querySelectorAll', { configurable: true, writable: true, value: staticQuery(doc.querySelectorAll) });
  const clone = doc.cloneNode;
  Object.defineProperty(doc, 'cloneNode', { configurable: true, writable: true, value: (deep?: boolean) => withLiveLists(clone.call(doc, deep) as Document) });
  const implementation = doc.implementation;
  const create = implementation.createHTMLDocument;
  Object.defineProperty(implementation, 'createHTMLDocument', { configurable: true, writable: true, value: (title?: string) => withLiveLists(create.call(implementation, title)) });
  return doc;
}

/** Parse `html` as a browser's DOMParser would. */
export function parseWithDomino(html: string): Document {
  patch();
  const doc = withLiveLists(dominoLib().createDocument(html, true));
  (doc as unknown as { _address: string })._address = PARSER_URL;
  return doc;
}

type DominoElement = Element & { _setAttribute(q: string, v: string): void; _setAttributeNS(ns: string, q: string, v: string): void };
type DominoDocument = Document & { _createElementNS(l: string, ns: string | null, p: string | null): DominoElement };
/** jsdom's tree for `html`, copied node for node into a domino document (one DOM per read: merge imports nodes). */
export function jsdomTreeInDomino(jsdomDoc: Document): Document {
  const doc = parseWithDomino('') as DominoDocument;
  const copy = (from: Node, into: Node): void => {
    for (let c = from.firstChild; c; c = c.nextSibling) {
      let made: Node | null = null;
      if (c.nodeType === 1) {
        const el = c as Element;
        const e = doc._createElementNS(el.localName, el.namespaceURI, el.prefix);
        for (const a of Array.from(el.attributes)) {
          if (a.namespaceURI) e._setAttributeNS(a.namespaceURI, a.name, a.value);
          else e._setAttribute(a.name, a.value);
        }
        copy(el.localName === 'template' && 'content' in el ? (el as HTMLTemplateElement).content : el, 'content' in e && e.localName === 'template' ? (e as unknown as HTMLTemplateElement).content : e);
        made = e;
      } else if (c.nodeType === 3) made = doc.createTextNode(c.nodeValue ?? '');
      else if (c.nodeType === 8) made = doc.createComment(c.nodeValue ?? '');
      if (made) into.appendChild(made);
    }
  };
  const root = doc.documentElement;
  while (root.firstChild) root.removeChild(root.firstChild);
  for (const a of Array.from(jsdomDoc.documentElement.attributes)) (root as unknown as DominoElement)._setAttribute(a.name, a.value);
  copy(jsdomDoc.documentElement, root);
  return doc;
}

/**
 * One read's `parse`: pages by domino, unless one needs jsdom ({@link NEEDS_JSDOM}). The read's
 * first page decides its DOM, since merging imports every page's nodes into one document: when it
 * needs jsdom, every page is parsed by jsdom. Else every page is a domino document; one that needs
 * jsdom is parsed by jsdom, defused there (its SVG and MathML unwrapped: domino never sees foreign
 * content) and copied into domino node for node. A new read needs a new one.
 */
export function gatedParse(jsdomParse: (html: string, url: string) => Document): (html: string, url: string) => Document {
  let first: 'jsdom' | 'domino' | undefined;
  return (html, url) => {
    const needsJsdom = NEEDS_JSDOM.test(html);
    first ??= needsJsdom ? 'jsdom' : 'domino';
    if (first === 'jsdom') return jsdomParse(html, url);
    if (!needsJsdom) return parseWithDomino(html);
    const doc = jsdomParse(html, url);
    defusePage(doc, { handlersRemoved: true, url });
    return jsdomTreeInDomino(doc);
  };
}
