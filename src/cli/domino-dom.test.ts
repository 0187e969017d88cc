import { describe, expect, it } from 'vitest';
import { defusePage } from '../pipeline/parse-page';
import { readWholeArticle } from '../pipeline/read-whole-article';
import { caseFetch, FRAME_IDS, hostileCases, PAYLOADS, SPLIT_PAYLOADS } from '../../test/hostile/pages';
import { listCaseSlugs, loadCase, makeFixtureFetch } from '../../test/fixture-support';
import { formatArticle } from './article-output';
import { gatedParse, jsdomTreeInDomino, NEEDS_JSDOM, parseWithDomino } from './domino-dom';
import { createNodeDom } from './node-dom';

const jsdomOnly = () => createNodeDom({ pages: 'jsdom' });
/** A gated environment whose read began with a plain page: every page that needs jsdom takes the copy route. */
const primed = () => {
  const dom = createNodeDom({ pages: 'gated' });
  dom.parse('<p>plain</p>', 'https://a.test/');
  return dom;
};
const jsdomParse = jsdomOnly().parse;
const isJsdom = (doc: Document) => Object.getPrototypeOf(doc).constructor.name === 'Document' && 'location' in doc;
/** The element names, attributes and text of a tree, in document order. */
const shape = (root: Node): string[] => {
  const out: string[] = [];
  for (let c = root.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1) {
      const el = c as Element;
      out.push(`<${el.namespaceURI}|${el.localName} ${Array.from(el.attributes, (a) => `${a.name}=${a.value}`).join(' ')}`, ...shape(el), `</${el.localName}`);
    } else if (c.nodeType === 3) out.push(`#${c.nodeValue}`);
    else if (c.nodeType === 8) out.push(`!${c.nodeValue}`);
  }
  return out;
};

/** `el` alone inside a fragment of its document, so that shape() sees it. */
const wrap = (el: Element): Node => {
  const f = (el.ownerDocument as Document).createDocumentFragment();
  f.appendChild(el);
  return f;
};

describe('pages parsed by domino unless domino would build another tree (domino-dom.ts)', () => {
  it('sends foreign content and raw-text elements jsdom handles differently to jsdom, plain pages to domino', () => {
    for (const html of ['<svg><p>x', '<math>', '<xmp>a', '<PLAINTEXT>', '<noembed>', '<noframes>', '<template>', '<svg/>']) expect(NEEDS_JSDOM.test(html), html).toBe(true);
    for (const html of ['<p>svg math</p>', '<svgx>', '<div class="svg">', '<img src="a.svg">', '<section>']) expect(NEEDS_JSDOM.test(html), html).toBe(false);
  });

  it('lets the first page decide the DOM of the whole read', () => {
    const plainFirst = gatedParse(jsdomParse);
    const a = plainFirst('<p>one</p>', 'https://a.test/1');
    const b = plainFirst('<svg><p>two</p></svg>', 'https://a.test/2');
    expect(isJsdom(a)).toBe(false);
    expect(isJsdom(b)).toBe(false);
    // One DOM: a node of one page goes into the other's document.
    expect(() => a.importNode(b.body, true)).not.toThrow();
    const svgFirst = gatedParse(jsdomParse);
    expect(isJsdom(svgFirst('<svg><p>one</p></svg>', 'https://a.test/1'))).toBe(true);
    expect(isJsdom(svgFirst('<p>two</p>', 'https://a.test/2'))).toBe(true);
  });

  it("copies jsdom's tree into domino exactly, foreign content, odd names and templates included", () => {
    const html =
      '<!doctype html><html lang="zh"><head><title>t</title></head><body><p>a<svg></p><style><a id="</style><img src=1 onerror=x>"></svg>' +
      '<math><mi xlink:href="x">b</mi></math><scr<!---->ipt>c</scr<!---->ipt><template><p>d</p></template><xmp><b>e</b></xmp></body></html>';
    const jsdomDoc = jsdomParse(html, 'https://a.test/');
    const copied = jsdomTreeInDomino(jsdomDoc);
    expect(isJsdom(copied)).toBe(false);
    expect(shape(copied.documentElement)).toEqual(shape(jsdomDoc.documentElement));
    expect(copied.documentElement.getAttribute('lang')).toBe('zh');
    expect(copied.querySelector('template')?.innerHTML).toBe('<p>d</p>');
  });

  it('clones an element whose name createElement refuses, as browsers do', () => {
    // `<scr<!---->ipt>` (a comment inside a tag name) parses as an element named `scr<!----`.
    const html = '<body><scr<!-- a=1 b="2">x<b>y</b></scr<!--></body>';
    const odd = parseWithDomino(html).body.firstElementChild as Element;
    expect(odd.localName).toBe('scr<!--');
    const clone = odd.cloneNode(true) as Element;
    expect(clone.localName).toBe('scr<!--');
    expect([clone.getAttribute('a'), clone.getAttribute('b'), clone.innerHTML]).toEqual(['1', '2', 'x<b>y</b>']);
    expect(shape(wrap(clone))).toEqual(shape(jsdomParse(html, 'https://a.test/').body));
  });

  it('keeps lists live as the DOM does: children and getElementsBy* by index after a change, querySelectorAll static', () => {
    for (const parse of [(html: string) => jsdomParse(html, 'https://a.test/'), parseWithDomino]) {
      const doc = parse('<div id=a><span>1</span><span>2</span><span>3</span></div><div id=b></div>');
      const [a, b] = [doc.getElementById('a') as Element, doc.getElementById('b') as Element];
      // Readability's sibling loop: a child moved out, the list read again by index.
      const kids = a.children;
      b.appendChild(kids[0] as Element);
      expect([kids[0]?.textContent, a.children[0]?.textContent, kids.length]).toEqual(['2', '2', 2]);
      const spans = doc.getElementsByTagName('span');
      const found = doc.querySelectorAll('span');
      (spans[0] as Element).remove();
      expect([spans.length, spans[0]?.textContent, found.length, found[0]?.textContent]).toEqual([2, '3', 3, '2']);
      expect(a.children).toBe(a.children);
      // A document's own list, and a copy's: removals seen.
      const copy = doc.cloneNode(true) as Document;
      for (const d of [doc, copy]) {
        const all = d.getElementsByTagName('span');
        expect(all.length).toBe(2);
        (all[0] as Element).remove();
        expect([all.length, all[0]?.textContent, d.getElementsByTagName('span').length]).toEqual([1, '1', 1]);
      }
      const made = doc.implementation.createHTMLDocument('');
      made.body.innerHTML = '<p>x</p><p>y</p>';
      const ps = made.getElementsByTagName('p');
      (ps[0] as Element).remove();
      expect(ps[0]?.textContent).toBe('y');
    }
  });

  it('is defused like a jsdom page (its root found through the prototypes)', () => {
    const html = '<div><iframe src=x><p>in</p></iframe><p>k</p><script>x()</script><form name=body></form><!-- c --></div>';
    const a = jsdomParse(html, 'https://a.test/');
    const b = parseWithDomino(html);
    for (const doc of [a, b]) defusePage(doc, { handlersRemoved: true });
    expect(b.body.innerHTML).toBe(a.body.innerHTML);
    expect(b.body.innerHTML).toBe('<div><p>k</p><form></form></div>');
  });

  it("reads every test page and the hostile cases that reach each path exactly as jsdom alone does, in every format, a foreign page copied from jsdom too", async () => {
    const ids = new Set(['split-svg-style', 'split-script-tag', 'split-iframe', 'strip-creates-script', 'strip-nested-script', 'mxss-xmp-alt', 'svg-foreignobject', 'mxss-option-fake', 'script-inline']);
    const cases = hostileCases(FRAME_IDS, [...PAYLOADS, ...SPLIT_PAYLOADS].filter((p) => ids.has(p.id)));
    expect(cases.length).toBeGreaterThanOrEqual(24);
    const reads = [
      ...cases.map((c) => ({ label: c.id, url: c.start, fetch: () => caseFetch(c), options: {} })),
      ...listCaseSlugs().map((slug) => {
        const c = loadCase(slug);
        return { label: slug, url: c.json.start, fetch: () => makeFixtureFetch(c).fetch, options: c.json.options ?? {} };
      }),
    ];
    for (const read of reads) {
      const outputs = await Promise.all(
        [jsdomOnly, () => createNodeDom({ pages: 'gated' }), primed].map(async (make) => {
          const dom = make();
          try {
            const article = await readWholeArticle({ ...read.options, url: read.url, fetch: read.fetch(), dom });
            return (['md', 'text', 'html', 'json'] as const).map((f) => formatArticle(article, f, dom));
          } catch (error) {
            return [`failed: ${error instanceof Error ? error.message : String(error)}`];
          }
        }),
      );
      expect(outputs[1], read.label).toEqual(outputs[0]);
      expect(outputs[2], `${read.label}, after a plain page`).toEqual(outputs[0]);
    }
  }, 120_000);
});
