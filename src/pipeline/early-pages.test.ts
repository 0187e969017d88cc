import { describe, expect, it } from 'vitest';
import { pagesNamedIn, pagesNamedInBytes } from './early-pages';

const PEOPLE = 'http://culture.people.com.cn/n1/2019/0615/c1013-31153719.html';
const page = (n: number) => (n === 1 ? PEOPLE : PEOPLE.replace('.html', `-${n}.html`));
const pager = (count: number) => Array.from({ length: count }, (_, i) => `<a href="/n1/2019/0615/c1013-31153719${i ? `-${i + 1}` : ''}.html">【${i + 1}】</a>`).join('&nbsp;');

describe('pagesNamedIn: the pages a pager names, read off the markup', () => {
  it("lists a pager's numbered pages of the same article, lowest first, not the page itself", () => {
    const html = `<div class="zdfy">${pager(4)}</div><a href="/n1/2019/0615/c1013-31153720.html">【2】</a><a href="${page(3)}#top">Next story</a>`;
    expect(pagesNamedIn(html, PEOPLE, 30)).toEqual([page(2), page(3), page(4)]);
    expect(pagesNamedIn(html, page(3), 30)).toEqual([PEOPLE, page(2), page(4)]);
  });

  it('reads query pages on a generic site, with &amp; and single quotes', () => {
    const url = 'https://example.org/view.php?tid=7';
    const html = "<p><a href='view.php?tid=7&amp;page=2'><b>2</b></a> <a href=\"view.php?tid=8&amp;page=2\">2</a></p>";
    expect(pagesNamedIn(html, url, 30)).toEqual(['https://example.org/view.php?tid=7&page=2']);
  });

  it("leaves twins to detection: another scheme or host, a query the pipeline ignores, two addresses for one page", () => {
    const twins = [PEOPLE.replace('http:', 'https:'), PEOPLE.replace('culture.', 'www.culture.'), `${page(2)}?from=pager`, `${PEOPLE}?from=pager`];
    const html = `<div class="zdfy">${twins.map((u) => `<a href="${u}">【1】</a>`).join('')}<a href="${page(2)}">【2】</a><a href="${page(3)}">【3】</a></div>`;
    expect(pagesNamedIn(html, page(2), 30)).toEqual([page(3)]);
    expect(pagesNamedIn(html, page(3), 30)).toEqual([]);
    expect(pagesNamedIn(`<a href="${page(2)}">2</a><a href="${page(2).replace('.html', '.html?page=2')}">2</a><a href="${page(3)}">3</a>`, PEOPLE, 30)).toEqual([page(3)]);
  });

  it('names nothing when the page links a one-page version (the read may take it instead)', () => {
    expect(pagesNamedIn(pager(3), PEOPLE, 30)).toHaveLength(2);
    expect(pagesNamedIn(`${pager(3)}<a href="/n1/2019/0615/c1013-31153719-all.html">全文</a>`, PEOPLE, 30)).toEqual([]);
    expect(pagesNamedIn(`<a href="/print/31153719.html">【单页阅读】</a>${pager(3)}`, PEOPLE, 30)).toEqual([]);
    expect(pagesNamedIn(`${pager(3)}<a href="/n1/2019/0615/c1013-31153719_all.html">Page</a>`, PEOPLE, 30)).toEqual([]);
  });

  it('names nothing past --max-pages, under a <base>, or for text links and headlines', () => {
    expect(pagesNamedIn(pager(12), PEOPLE, 10)).toEqual([]);
    expect(pagesNamedIn(pager(12), PEOPLE, 1)).toEqual([]);
    expect(pagesNamedIn(`<base href="/other/">${pager(3)}`, PEOPLE, 30)).toEqual([]);
    expect(pagesNamedIn(`<a href="${page(2)}">Read the second part of the story</a>`, PEOPLE, 30)).toEqual([]);
  });

  it('stays linear on many unclosed links (each read within a window)', () => {
    const hostile = '<a href="/n1/2019/0615/c1013-31153719-2.html" '.repeat(20_000);
    expect(pagesNamedIn(hostile, PEOPLE, 30)).toEqual([]);
  });

  it('decodes the bytes as the pipeline does (a GBK page)', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode(`<meta charset="gbk">${pager(2)}`), 0xd2, 0xbb]);
    expect(pagesNamedInBytes(bytes, null, PEOPLE, 30)).toEqual([page(2)]);
  });
});
