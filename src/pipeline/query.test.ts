import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { childElements, descendants, queryAllSafe } from './query';

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
