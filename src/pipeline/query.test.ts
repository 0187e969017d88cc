import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { childElements, closestOf, descendants, elementsByTags, hasDescendantOf, mayMatch, queryAllSafe } from './query';

const doc = (html: string) => new JSDOM(html).window.document;

describe('descendants', () => {
  it('gives every element under the root in document order, as querySelectorAll("*") does', () => {
    const d = doc('<div id=r><p id=a><b id=b><i id=c></i></b>t<u id=d></u></p><p id=e></p><section id=f><div id=g><span id=h></span></div></section></div><p id=out></p>');
    const root = d.getElementById('r')!;
    const ids = [...descendants(root)].map((e) => e.id);
    expect(ids).toEqual([...root.querySelectorAll('*')].map((e) => e.id));
    expect(ids).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  });

  it('stops at the root: nothing after it, nothing for an empty root, and an early stop reads no further', () => {
    const d = doc('<div id=r><p id=a></p></div><div id=s></div><p id=z></p>');
    expect([...descendants(d.getElementById('r')!)].map((e) => e.id)).toEqual(['a']);
    expect([...descendants(d.getElementById('s')!)]).toEqual([]);
    const body = d.body;
    const it = descendants(body);
    expect(it.next().value?.id).toBe('r');
  });

  it('walks a deep chain to its end', () => {
    const d = doc('<div id=r></div>');
    let at = d.getElementById('r')!;
    for (let i = 0; i < 300; i++) at = at.appendChild(d.createElement('div'));
    let n = 0;
    for (const _ of descendants(d.getElementById('r')!)) n++;
    expect(n).toBe(300);
  });
});

describe('elementsByTags', () => {
  it('gives the elements of those tags under the root, in document order, lazily', () => {
    const d = doc('<div id=r><p id=a><b id=b><span id=c></span></b></p><div id=e><span id=f></span></div></div><span id=out></span>');
    const root = d.getElementById('r')!;
    expect([...elementsByTags(root, new Set(['span', 'p']))].map((e) => e.id)).toEqual(['a', 'c', 'f']);
    expect(elementsByTags(root, new Set(['span'])).next().value?.id).toBe('c');
    expect([...elementsByTags(root, new Set(['table']))]).toEqual([]);
  });
});

describe('closestOf and hasDescendantOf', () => {
  it('answer as closest() and querySelector() of the same tag list', () => {
    const d = doc('<div id=r><section id=s><span id=a><b id=b>x</b></span></section><p id=p><i id=i></i><video id=v></video></p></div>');
    const tags = new Set(['section', 'p']);
    for (const id of ['a', 'b', 's', 'i', 'r']) {
      const el = d.getElementById(id)!;
      expect(closestOf(el, tags), id).toBe(el.closest('section, p'));
      expect(hasDescendantOf(el, new Set(['video', 'img'])), id).toBe(el.querySelector('video, img') !== null);
    }
    expect(closestOf(null, tags)).toBeNull();
  });
});

describe('mayMatch', () => {
  const html = '<html><head><meta name=author content=x><meta property="og:site_name" content=S></head><body class=Home><div id=Main class="a  B"><span itemprop=author><i itemprop=name>N</i></span><a rel=author href=/x>x</a></div></body></html>';
  it('is false only where querySelectorAll finds nothing, in standards and quirks mode', () => {
    const selectors = [
      'meta[name="author"]', 'meta[property="og:site_name"]', 'meta[property="article:author"]:not([content^="http"])', 'meta[name="dc.creator" i]',
      '[itemprop="author"] [itemprop="name"]', '[rel="author"]', '.byline .author', '.b', '.B', '#main', '#Main', 'div#Main.a > span', 'h1', 'h1, a',
      'table td, .a', '[class*="byline"]', 'meta[name="AUTHOR"]', 'meta[name=author i]', '[itemprop=Author]', 'a[rel~="author"]', 'span.page-Article', '.home', 'time[datetime]', 'a[rel][href]', '*', 'div ~ p', 'p:first-child', 'a[x="1,2"]',
    ];
    for (const d of [doc(`<!doctype html>${html}`), doc(html)]) {
      for (const selector of selectors) {
        if (d.querySelectorAll(selector).length) expect(mayMatch(d, selector), `${d.compatMode} ${selector}`).toBe(true);
      }
      expect(mayMatch(d, '.byline .author')).toBe(false);
      expect(mayMatch(d, 'time[datetime]')).toBe(false);
      expect(mayMatch(d, 'meta[name="byl"]')).toBe(false);
      expect(mayMatch(d, 'meta[property="OG:SITE_NAME"]')).toBe(true);
      expect(mayMatch(d, '[rel=author]')).toBe(true);
      expect(mayMatch(d, 'table td, .a')).toBe(true);
      expect(mayMatch(d, 'p:first-child')).toBe(true); // not read: always run
    }
  });
});

describe('childElements', () => {
  it('lists child elements only, in order', () => {
    const d = doc('<ul id=l><li id=a></li>text<li id=b></li><!-- c --><li id=c></li></ul>');
    expect(childElements(d.getElementById('l')!).map((e) => e.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('queryAllSafe', () => {
  it('finds a tag list in one walk exactly as querySelectorAll does: order, nesting, case, the root left out', () => {
    const d = doc('<div id=r><DIV id=a><p id=b><span id=c></span></p></DIV><table><tbody><tr><td id=d><p id=e></p></td></tr></tbody></table><svg><a id=f></a></svg><a id=g></a></div>');
    const root = d.getElementById('r')!;
    for (const selector of ['p, div, span', 'td,p', 'a', 'DIV, P', 'tbody, tr, td', 'p, img']) {
      expect(queryAllSafe(root, selector).map((e) => e.id || e.localName), selector).toEqual([...root.querySelectorAll(selector)].map((e) => e.id || e.localName));
    }
  });
  it('still takes any selector, and an unsupported one gives nothing', () => {
    const d = doc('<div id=r><p class=x id=a></p><p id=b></p></div>');
    expect(queryAllSafe(d.getElementById('r')!, 'p.x').map((e) => e.id)).toEqual(['a']);
    expect(queryAllSafe(d, 'p').map((e) => e.id)).toEqual(['a', 'b']);
    expect(queryAllSafe(d.getElementById('r')!, 'p:unknown-pseudo(')).toEqual([]);
  });
});
