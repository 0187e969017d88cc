import { describe, expect, it } from 'vitest';
import { newMarkupWork, removeEventHandlers, stripInertMarkup } from './defuse-markup';

describe('stripInertMarkup', () => {
  it('removes scripts, styles and comments, and nothing else', () => {
    const html = [
      '<head><style type="text/css">p { color: red }</style><SCRIPT language="javascript">var a = "<p>no</p>";</SCRIPT ></head>',
      '<body><!--enpcontent--><p>正文一</p><!--/enpcontent--><script src="a.js"></script><p>正文二</p>',
      '<!--[if IE]><p>ie only</p><![endif]--><!--[if !IE]><!--><p>正文三</p><!--<![endif]--></body>',
    ].join('');
    expect(stripInertMarkup(html)).toBe('<head></head><body><p>正文一</p><p>正文二</p><p>正文三</p></body>');
  });
  it('keeps text that merely mentions the tags', () => {
    expect(stripInertMarkup('<p>the &lt;script&gt; tag and <code>&lt;!-- --&gt;</code></p>')).toBe('<p>the &lt;script&gt; tag and <code>&lt;!-- --&gt;</code></p>');
  });
  it('removes a commented-out complete script without touching what follows', () => {
    expect(stripInertMarkup('<!-- <script src="old.js"></script> --><p>keep</p>')).toBe('<p>keep</p>');
  });
});

describe('removeEventHandlers', () => {
  it('renames handler attributes of real tags, keeping every quote and space', () => {
    expect(removeEventHandlers('<a href="/2" onclick="go()">下一页</a><img src=a.jpg ONERROR=x>')).toBe('<a href="/2" x-click="go()">下一页</a><img src=a.jpg x-ERROR=x>');
    expect(removeEventHandlers('<img/onerror=x><img src="a"onload=x>')).toBe('<img/x-error=x><img src="a"x-load=x>');
  });
  it('leaves text and non-handler attributes alone', () => {
    const html = '<p data-on="1" class="one">online, only one: onion=3</p>';
    expect(removeEventHandlers(html)).toBe(html);
  });
  it('renames handlers in tags hidden in attribute values, which another reading of the markup parses', () => {
    // The classic mXSS shape: the img is an attribute value now, a tag once <style> ends early.
    expect(removeEventHandlers('<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">')).toBe('<svg></p><style><a id="</style><img src=1 x-error=alert(1)>">');
  });
  it('reads tag ends as the HTML tokenizer does (these hid a live handler from the old scanner)', () => {
    // An unquoted value takes quotes and '=' as text; the tag ends at the first '>'.
    expect(removeEventHandlers('<a b=c="d><img src=x onerror=alert(1)>">')).toBe('<a b=c="d><img src=x x-error=alert(1)>">');
    // An attribute named '="' ends at '>' too.
    expect(removeEventHandlers('<a =">"<img src=x onerror=alert(1)>')).toBe('<a =">"<img src=x x-error=alert(1)>');
  });
});

/**
 * The scanner before it was made linear (issue 12, item 1): one start-tag read from every `<letter`
 * to its `>`. Kept as the reference the linear one must agree with, character for character.
 */
function referenceRemoveEventHandlers(html: string): string {
  const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r';
  const scan = (from: number): number[] => {
    const n = html.length;
    const starts: number[] = [];
    let i = from;
    while (i < n && !isSpace(html[i]) && html[i] !== '/' && html[i] !== '>') i++;
    for (;;) {
      while (i < n && (isSpace(html[i]) || html[i] === '/')) i++;
      if (i >= n || html[i] === '>') return starts;
      const start = i;
      i++;
      while (i < n && !isSpace(html[i]) && html[i] !== '/' && html[i] !== '>' && html[i] !== '=') i++;
      if (/^on/i.test(html.slice(start, i))) starts.push(start);
      let j = i;
      while (j < n && isSpace(html[j])) j++;
      if (html[j] === '=') {
        j++;
        while (j < n && isSpace(html[j])) j++;
        const q = html[j];
        if (q === '"' || q === "'") {
          const close = html.indexOf(q, j + 1);
          if (close === -1) return starts;
          j = close + 1;
        } else {
          while (j < n && !isSpace(html[j]) && html[j] !== '>') j++;
        }
        i = j;
      }
    }
  };
  const names = new Set<number>();
  for (let i = html.indexOf('<'); i !== -1; i = html.indexOf('<', i + 1)) {
    if (/[a-zA-Z]/.test(html[i + 1] ?? '')) for (const at of scan(i + 1)) names.add(at);
  }
  let out = '';
  let from = 0;
  for (const at of [...names].sort((x, y) => x - y)) {
    out += html.slice(from, at) + 'x-';
    from = at + 2;
  }
  return out + html.slice(from);
}

/** A small seeded generator (mulberry32): the same strings on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('removeEventHandlers is the reference scanner, in linear time', () => {
  const pieces = ['<', '<a', '<img', '>', '/', ' ', '\t', '=', '"', "'", 'on', 'ON', 'onerror=x', 'o', 'n', 'x', '<svg>', '<title>', '</title>', '<!--', '-->', '\u00a0', 'é'];
  it('agrees with the reference on 5,000 random tag soups (every handler renamed, nothing else changed)', () => {
    const next = random(12);
    let renamed = 0;
    for (let k = 0; k < 5000; k++) {
      const length = 1 + Math.floor(next() * 40);
      let html = '';
      for (let p = 0; p < length; p++) html += pieces[Math.floor(next() * pieces.length)];
      const expected = referenceRemoveEventHandlers(html);
      expect(removeEventHandlers(html), JSON.stringify(html)).toBe(expected);
      if (expected !== html) renamed++;
    }
    expect(renamed).toBeGreaterThan(300); // the soups do contain handlers to find
  });

  it('steps over each character at most eight times, whatever the shape', () => {
    for (const unit of ['<a ', '<a', `<a b="<a c='`, '<a b=c d=', '<a =">"', '<a onclick=x ']) {
      const html = unit.repeat(20_000);
      const work = newMarkupWork();
      const out = removeEventHandlers(html, work);
      expect(work.scanned, unit).toBeLessThanOrEqual(8 * html.length);
      if (unit.includes('onclick')) expect(out).not.toMatch(/onclick/);
    }
  });
});
