import { describe, expect, it } from 'vitest';
import { createNodeDom } from '../cli/node-dom';
import { detectPagination, detectPaginationDetail } from './detect';
import { isImageNextLink, isTextNextLink } from './pager-words';

const dom = createNodeDom();
const page = (url: string, body: string, head = '') =>
  dom.parse(`<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`, url);
const detect = (url: string, body: string, head = '') => detectPagination(page(url, body, head), url);

// ---------------------------------------------------------------------------------------------
// Xinhua
// ---------------------------------------------------------------------------------------------

const GATE = 'http://big5.xinhuanet.com/gate/big5/news.xinhuanet.com/food/2012-01/16/c_122592817';
const gateUrl = (n: number) => (n === 1 ? `${GATE}.htm` : `${GATE}_${n}.htm`);

/** The real 2012 markup: current page a span.page-Article, others a.page-Article, then a.nextpage. */
function xinhua2012Pager(current: number, count: number): string {
  const items: string[] = [];
  for (let n = 1; n <= count; n++) {
    items.push(n === current ? `<span class="page-Article">${n}</span>` : `<a href="${gateUrl(n)}" class="page-Article">${n}</a>`);
  }
  const next = current < count ? ` <a href="${gateUrl(current + 1)}" class="nextpage">下一頁</a>` : '';
  return `<div id="div_currpage">&nbsp;&nbsp; ${items.join('\n  ')}${next}</div>`;
}

const ARTICLE = '<div id="Content"><p>新華網北京1月16日電 這是正文的第一段，記者從國家食品藥品監督管理局獲悉。</p></div>';

describe('detectPagination: Xinhua 2012 #div_currpage (big5 gateway)', () => {
  it('finds all 8 pages from page 1, with the next page', () => {
    const d = detect(gateUrl(1), `${ARTICLE}${xinhua2012Pager(1, 8)}`);
    expect(d).toEqual({
      site: 'xinhua',
      paginated: true,
      pageUrls: [1, 2, 3, 4, 5, 6, 7, 8].map(gateUrl),
      complete: true,
      currentIndex: 0,
      nextUrl: gateUrl(2),
      pageCount: 8,
    });
  });

  it('finds all 8 pages from page 5, current page included in place', () => {
    const d = detect(gateUrl(5), `${ARTICLE}${xinhua2012Pager(5, 8)}`);
    expect(d.pageUrls).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map(gateUrl));
    expect(d.currentIndex).toBe(4);
    expect(d.nextUrl).toBe(gateUrl(6));
    expect(d.complete).toBe(true);
  });

  it('knows the last page has no next page', () => {
    const d = detect(gateUrl(8), `${ARTICLE}${xinhua2012Pager(8, 8)}`);
    expect(d.paginated).toBe(true);
    expect(d.currentIndex).toBe(7);
    expect(d.nextUrl).toBeNull();
    expect(d.pageCount).toBe(8);
  });

  it('treats http and https twins of a page link as the same page', () => {
    const url = 'https://news.xinhuanet.com/legal/2012-01/12/c_111421282.htm';
    const d = detect(url, `${ARTICLE}<div id="div_currpage"><span class="page-Article">1</span> <a href="http://news.xinhuanet.com/legal/2012-01/12/c_111421282_2.htm" class="page-Article">2</a></div>`);
    expect(d.pageUrls).toEqual([url, 'https://news.xinhuanet.com/legal/2012-01/12/c_111421282_2.htm']);
  });
});

describe('detectPagination: Xinhua windowed pager with hidden div_page_roll blocks', () => {
  const base = 'http://news.xinhuanet.com/politics/2012-03/05/c_111598431';
  const u = (n: number) => (n === 1 ? `${base}.htm` : `${base}_${n}.htm`);
  const roll = (k: number, from: number, to: number, current: number) => {
    const links: string[] = [];
    if (k > 1) links.push(`<a href="javascript:void(0)" onclick="page_roll(${k - 1})">上一分頁</a>`);
    for (let n = from; n <= to; n++) links.push(n === current ? `<span class="page-Article">${n}</span>` : `<a href="${u(n)}" class="page-Article">${n}</a>`);
    if (to < 12) links.push(`<a href="javascript:void(0)" onclick="page_roll(${k + 1})">下一分頁</a>`);
    return links.join(' ');
  };
  const markup = (current: number) => {
    const k = Math.ceil(current / 5);
    const ranges: [number, number][] = [[1, 5], [6, 10], [11, 12]];
    const [from, to] = ranges[k - 1] as [number, number];
    const hidden = ranges.map(([a, b], i) => `<div id="div_page_roll${i + 1}" style="display:none">${roll(i + 1, a, b, current)}</div>`).join('\n');
    const next = current < 12 ? ` <a href="${u(current + 1)}" class="nextpage">下一頁</a>` : '';
    return `${ARTICLE}<div id="div_currpage">${roll(k, from, to, current)}${next}</div>\n${hidden}`;
  };

  it('reads every hidden block, not just the visible window (12 pages from page 1)', () => {
    const d = detect(u(1), markup(1));
    expect(d.pageUrls).toEqual(Array.from({ length: 12 }, (_, i) => u(i + 1)));
    expect(d.pageCount).toBe(12);
    expect(d.complete).toBe(true);
    expect(d.nextUrl).toBe(u(2));
  });

  it('finds all 12 from page 7 too', () => {
    const d = detect(u(7), markup(7));
    expect(d.pageUrls).toEqual(Array.from({ length: 12 }, (_, i) => u(i + 1)));
    expect(d.currentIndex).toBe(6);
    expect(d.nextUrl).toBe(u(8));
  });

  it('calls a visible window with a "…" and no hidden blocks incomplete', () => {
    const visible = `<div id="div_currpage"><span class="page-Article">1</span> ${[2, 3, 4, 5].map((n) => `<a href="${u(n)}" class="page-Article">${n}</a>`).join(' ')} … <a href="${u(2)}" class="nextpage">下一頁</a></div>`;
    const d = detect(u(1), `${ARTICLE}${visible}`);
    expect(d.paginated).toBe(true);
    expect(d.pageUrls).toEqual([1, 2, 3, 4, 5].map(u));
    expect(d.complete).toBe(false);
  });
});

describe('detectPagination: Xinhua 2005 content_ID_{N-1}.htm', () => {
  const base = 'http://chinaneast.xinhuanet.com/jizhe/2005-08/16/content_4894059';
  const u = (n: number) => (n === 1 ? `${base}.htm` : `${base}_${n - 1}.htm`);
  const pagelink = (current: number) =>
    `<P align="center" class="pagelink">${[1, 2, 3]
      .map((n) => (n === current ? ` [${n}] ` : ` <a href="${u(n).split('/').pop()}">[${n}]</a> `))
      .join('')}</P>` +
    (current < 3 ? `<a href="${u(current + 1).split('/').pop()}" class="nextpage"><img src="/images/news_xy.gif" border="0"></a>` : '');
  const body = (current: number) => `<table><tr><td class="hei14"><div id="Content"><p>正文。</p></div>${pagelink(current)}</td></tr></table>`;

  it('numbers the 0-based suffix: content_4894059_1.htm is page 2', () => {
    const d = detect(u(1), body(1));
    expect(u(2)).toBe('http://chinaneast.xinhuanet.com/jizhe/2005-08/16/content_4894059_1.htm');
    expect(d.pageUrls).toEqual([u(1), u(2), u(3)]);
    expect(d.nextUrl).toBe(u(2));
    expect(d.currentIndex).toBe(0);
    expect(d.complete).toBe(true);
  });

  it('places content_4894059_1.htm second when landing on it', () => {
    const d = detect(u(2), body(2));
    expect(d.pageUrls).toEqual([u(1), u(2), u(3)]);
    expect(d.currentIndex).toBe(1);
    expect(d.nextUrl).toBe(u(3));
  });

  it('follows the image-only a.nextpage (news_xy.gif) when there is no numbered pager', () => {
    const d = detect(u(1), `<div id="Content"><p>正文。</p></div><a href="${u(2)}" class="nextpage"><img src="/images/news_xy.gif"></a>`);
    expect(d.paginated).toBe(true);
    expect(d.nextUrl).toBe(u(2));
    expect(d.pageUrls).toEqual([u(1), u(2)]);
  });
});

describe('detectPagination: Xinhua single pages', () => {
  it.each([
    'http://news.xinhuanet.com/english/2007-11/24/content_7138034.htm',
    'https://english.news.cn/20230115/98a3b5c41af641938a2a205f1e0b9f71/c.html',
    'http://www.xinhuanet.com/world/2019-12/10/c_1125327450.htm',
  ])('%s with no pager is one page', (url) => {
    const d = detect(url, '<div id="p-detail"><p>Body text.</p></div><div id="div_currpage"></div>');
    expect(d).toEqual({ site: 'xinhua', paginated: false, pageUrls: [url], complete: true, currentIndex: 0, nextUrl: null, pageCount: 1 });
  });

  it('a link to another article with the same scheme is not a page', () => {
    const url = 'http://www.xinhuanet.com/world/2019-12/10/c_1125327450.htm';
    const d = detect(url, '<div id="p-detail"><p>Body text.</p><p><a href="c_1125327451.htm">相关新闻</a> <a href="c_1125327999_2.htm">2</a></p></div>');
    expect(d.paginated).toBe(false);
  });

  it('landing on c_123_3.htm with no pager at all still yields pages 1–3', () => {
    const base = 'http://www.xinhuanet.com/world/2019-12/10/c_1125327450';
    const d = detect(`${base}_3.htm`, '<div id="p-detail"><p>Body text.</p></div>');
    expect(d.paginated).toBe(true);
    expect(d.pageUrls).toEqual([`${base}.htm`, `${base}_2.htm`, `${base}_3.htm`]);
    expect(d.currentIndex).toBe(2);
    expect(d.pageCount).toBe(3);
    expect(d.nextUrl).toBeNull();
  });  it('does not call pages 1–3 complete when landing on c_123_3.htm with no pager', () => {
    const base = 'http://www.xinhuanet.com/world/2019-12/10/c_1125327450';
    expect(detect(`${base}_3.htm`, '<div id="p-detail"><p>Body text.</p></div>').complete).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// People's Daily
// ---------------------------------------------------------------------------------------------

const PD = 'http://culture.people.com.cn/n1/2019/0615/c1013-31153719';
const pd = (n: number) => (n === 1 ? `${PD}.html` : `${PD}-${n}.html`);
const pdPath = (n: number) => new URL(pd(n)).pathname;

/** Verbatim shape of the real 2019 page: every page linked in .zdfy, an image-only next link below. */
function peoplePager(current: number, count: number): string {
  const zdfy = `<div class="zdfy clearfix">${Array.from({ length: count }, (_, i) => `<a href="${pdPath(i + 1)}">【${i + 1}】</a>`).join('')}</div>`;
  const cells: string[] = [];
  if (current > 1) cells.push(`<td width="50%" align="center"><a href="${pdPath(current - 1)}"><img src="/img/prev_page.jpg" border="0"></a></td>`);
  if (current < count) cells.push(`<td width="50%" align="center"><a href="${pdPath(current + 1)}"><img src="/img/next_page.jpg" border="0"></a></td>`);
  return `${zdfy}<center><table border="0" align="center" width="40%"><tbody><tr>${cells.join('')}</tr></tbody></table></center>`;
}
const PD_BODY = (pager: string) =>
  `<div class="text_title"><h1>推进文化遗产保护利用</h1></div><div class="box_con" id="rwb_zw"><p>人民网北京6月15日电 正文。</p>` +
  `<p><a href="${pdPath(2)}"><img src="/NMediaFile/2019/0615/a.jpg"></a></p>${pager}<div class="edit">(责编：A、B)</div></div>`;

describe('detectPagination: People\'s Daily .zdfy 【1】…【4】', () => {
  it.each([
    ['from page 1: 4 pages in order, next is page 2', 1],
    ['from page 3: currentIndex 2, complete, 4 urls in order, next is page 4 (not the previous-page image)', 3],
  ])('%s', (_what, k) => {
    expect(detect(pd(k), PD_BODY(peoplePager(k, 4)))).toEqual({
      site: 'people',
      paginated: true,
      pageUrls: [pd(1), pd(2), pd(3), pd(4)],
      complete: true,
      currentIndex: k - 1,
      nextUrl: pd(k + 1),
      pageCount: 4,
    });
  });

  it('from the last page: no next', () => {
    const d = detect(pd(4), PD_BODY(peoplePager(4, 4)));
    expect(d.currentIndex).toBe(3);
    expect(d.nextUrl).toBeNull();
    expect(d.pageUrls).toEqual([pd(1), pd(2), pd(3), pd(4)]);
  });  it('a centred photo caption with "……" elsewhere on the page does not make the list incomplete', () => {
    const caption = '<center><img src="/NMediaFile/2019/0615/b.jpg"><br>图为游客参观展览……（记者 王某摄）</center>';
    const d = detect(pd(1), PD_BODY(`${caption}${peoplePager(1, 4)}`));
    expect(d.pageUrls).toEqual([pd(1), pd(2), pd(3), pd(4)]);
    expect(d.complete).toBe(true);
  });

  it('single page: empty .zdfy and empty <center><table> are not a pager', () => {
    const shell = '<div class="zdfy clearfix"></div><center><table border="0" align="center" width="40%"><tbody><tr></tr></tbody></table></center>';
    const body = `<div class="box_con" id="rwb_zw"><p>人民网北京6月15日电 正文。</p>${shell}<div class="edit">(责编：A、B)</div></div>`;
    expect(detect(pd(1), body)).toEqual({
      site: 'people', paginated: false, pageUrls: [pd(1)], complete: true, currentIndex: 0, nextUrl: null, pageCount: 1,
    });
  });

  it('a back link to page 1 as "?from=pager" and a "#top" link add no duplicates', () => {
    const zdfy = `<div class="zdfy clearfix"><a href="${pdPath(1)}?from=pager">【1】</a><a href="${pdPath(2)}">【2】</a><a href="${pdPath(3)}">【3】</a><a href="#top">【返回顶部】</a><a href="${pdPath(2)}#top">【2】</a></div>`;
    const d = detect(pd(2), `<div id="rwb_zw"><p>正文。</p>${zdfy}</div>`);
    expect(d.pageUrls).toEqual([pd(1), pd(2), pd(3)]);
    expect(new Set(d.pageUrls).size).toBe(d.pageUrls.length);
    expect(d.currentIndex).toBe(1);
    expect(d.nextUrl).toBeNull();
  });

});

describe('detectPagination: People\'s Daily English', () => {
  const EN = 'http://en.people.cn/n3/2013/0910/c90000-8395871';
  const en = (n: number) => (n === 1 ? `${EN}.html` : `${EN}-${n}.html`);
  const pager = (current: number) =>
    `<br><center>${[1, 2, 3, 4]
      .map((n) => (n === current ? `<a class="common_current_page">【${n}】</a>` : `<a href="${en(n)}" class="abl2">【${n}】</a>`))
      .join('')}</center><br>` +
    `<center><table border="0" align="center" width="40%"><tr>` +
    (current > 1 ? `<td width="50%" align="center"><a href="${en(current - 1)}"><img src="/img/2007english/Previous.jpg" border="0"></a></td>` : '') +
    (current < 4 ? `<td width="50%" align="center"><a href="${en(current + 1)}"><img src="/img/2007english/Next.jpg" border="0"></a></td>` : '') +
    `</tr></table></center>`;

  it('reads a.abl2 links and the unlinked a.common_current_page, next by the image-only Next.jpg', () => {
    const d = detect(en(2), `<div id="p_content"><p>Body.</p>${pager(2)}<p>(Editor:ZhangQian、Yao Chun)</p></div>`);
    expect(d).toEqual({
      site: 'people', paginated: true, pageUrls: [1, 2, 3, 4].map(en), complete: true, currentIndex: 1, nextUrl: en(3), pageCount: 4,
    });
  });

  it('the seed example: page 3 of 4 of "Lu Wei: Liberty and Order in Cyberspace (Full Text)"', () => {
    const d = detect(en(3), `<div class="d2txt_con"><p>Body.</p>${pager(3)}</div>`);
    expect(d.pageUrls).toEqual([1, 2, 3, 4].map(en));
    expect(d.currentIndex).toBe(2);
    expect(d.nextUrl).toBe(en(4));
  });
});

// ---------------------------------------------------------------------------------------------
// Generic sites
// ---------------------------------------------------------------------------------------------

const G = 'http://www.chinanews.com/gn/2011/12-09/3519238';
const g = (n: number) => (n === 1 ? `${G}.shtml` : `${G}_${n}.shtml`);

describe('detectPagination: generic fallback', () => {
  it('follows <link rel="next">', () => {
    const d = detect(g(1), '<p>正文。</p>', `<link rel="next" href="${g(2)}">`);
    expect(d.site).toBe('generic');
    expect(d.paginated).toBe(true);
    expect(d.nextUrl).toBe(g(2));
    expect(d.pageUrls).toEqual([g(1), g(2)]);
  });  it('does not call a next-link-only list complete', () => {
    expect(detect(g(1), '<p>正文。</p>', `<link rel="next" href="${g(2)}">`).complete).toBe(false);
  });

  it('follows a "下一页" link', () => {
    const d = detect(g(1), `<p>正文。</p><div class="pages"><a href="${G.split('/').pop()}_2.shtml">下一页</a></div>`);
    expect(d.nextUrl).toBe(g(2));
    expect(d.paginated).toBe(true);
  });

  it.each(['Next »', 'Next', 'next page', '下一頁', '下页', '»'])('follows a %j link', (text) => {
    const d = detect(g(1), `<p>Body.</p><p><a href="${g(2)}">${text}</a></p>`);
    expect(d.nextUrl).toBe(g(2));
  });

  it('reads a numbered [1] [2] [3] pager with _N links', () => {
    const d = detect(g(1), `<p>正文。</p><div class="page">[1] <a href="${g(2)}">[2]</a> <a href="${g(3)}">[3]</a> <a href="${g(2)}">下一页</a></div>`);
    expect(d.pageUrls).toEqual([g(1), g(2), g(3)]);
    expect(d.complete).toBe(true);
    expect(d.nextUrl).toBe(g(2));
  });

  it('reads a -N numbered pager', () => {
    const base = 'http://www.example.com.cn/news/2020/story';
    const d = detect(`${base}.html`, `<div class="pagination"><span class="current">1</span> <a href="story-2.html">2</a> <a href="story-3.html">3</a></div>`);
    expect(d.pageUrls).toEqual([`${base}.html`, `${base}-2.html`, `${base}-3.html`]);
  });  it('reads ?page=N links on a page whose path looks like an article file', () => {
    const url = 'http://www.example.com/news/story.html';
    const d = detect(url, `<div class="pagination"><span class="current">1</span> <a href="story.html?page=2">2</a> <a href="story.html?page=3">3</a> <a href="story.html?page=2">Next</a></div>`);
    expect(d.paginated).toBe(true);
    expect(d.pageUrls).toEqual([url, `${url}?page=2`, `${url}?page=3`]);
  });

  it('reads ?page=N links on a php page with another parameter', () => {
    // BUG: same cause; the ?id=5&page=N links all collapse to "/article.php" page 1.
    const url = 'http://www.example.com/article.php?id=5';
    const d = detect(url, `<div class="pagination"><span>1</span> <a href="article.php?id=5&page=2">2</a> <a href="article.php?id=5&page=3">3</a></div>`);
    expect(d.pageUrls).toEqual([url, 'http://www.example.com/article.php?id=5&page=2', 'http://www.example.com/article.php?id=5&page=3']);
  });

  it('keeps the query string of a single page that is selected by it', () => {
    const url = 'http://www.example.com/article.php?id=5';
    expect(detect(url, '<p>Body.</p>').pageUrls).toEqual([url]);
  });

  it('reads ?page=N links on a path with no file extension', () => {
    const url = 'http://www.example.com/news/12345';
    const d = detect(url, `<div class="pagination"><span>1</span> <a href="/news/12345?page=2">2</a> <a href="/news/12345?page=3">3</a></div>`);
    expect(d.paginated).toBe(true);
    expect(d.pageUrls).toEqual([url, `${url}?page=2`, `${url}?page=3`]);
  });

  it.each([
    ['http://www.example.com/2020/01/my-post.html', '<a rel="next" href="/2020/01/other-post.html">Next post: Other</a>'],
    ['http://www.example.com/2020/01/my-post.html', '<a href="/2020/01/other-post.html">Next »</a>'],
    [g(1), '<a href="3519299.shtml">下一页</a>'],
  ])('does not take a next link to another article in the same directory (%s, %s)', (url, link) => {
    const d = detect(url, `<p>正文。</p><div class="nav-links">${link}</div>`);
    expect(d.paginated).toBe(false);
  });

  it('does not follow a "下一页" to another registrable domain', () => {
    const d = detect(g(1), '<p>正文。</p><div class="pages"><a href="http://www.other-news.com/gn/2011/12-09/3519238_2.shtml">下一页</a></div>');
    expect(d.paginated).toBe(false);
    expect(d.nextUrl).toBeNull();
    expect(d.pageUrls).toEqual([g(1)]);
  });

  it('does not follow a rel=next to another site', () => {
    expect(detect(g(1), '<p>x</p>', '<link rel="next" href="https://evil.example/next.html">').paginated).toBe(false);
  });

  it('does not follow javascript: next links (photo gallery last page)', () => {
    const d = detect(g(1), '<div id="picG"><div class="page_c"><a id="next" href="javascript:void(0)">下一页</a><a class="nextpage" href="javascript:nextPage()">下一页</a></div></div>');
    expect(d.paginated).toBe(false);
    expect(d.nextUrl).toBeNull();
  });

  it('does not treat a "next" link pointing backwards (page 3 → page 1) as next', () => {
    const d = detect(g(3), `<p>正文。</p><div class="pages"><a href="${g(1)}">下一页</a></div>`);
    expect(d.nextUrl).toBeNull();
    expect(d.pageUrls).not.toContain(g(4));
  });

  it('does not follow a "next" link back to the page itself', () => {
    const d = detect(g(2), `<p>正文。</p><a href="${g(2)}#comments">下一页</a>`);
    expect(d.nextUrl).toBeNull();
  });

  it('ignores "next" links to a different directory (next article, next gallery)', () => {
    const d = detect(g(1), '<p>正文。</p><a href="http://www.chinanews.com/gj/2011/12-10/9999999.shtml">下一页</a>');
    expect(d.paginated).toBe(false);
  });

  it('never believes a page number past 200', () => {
    const d = detect(g(1), `<div class="page"><a href="${G}_999.shtml">[999]</a></div>`);
    expect(d.pageUrls).not.toContain(`${G}_999.shtml`);
  });

  it('is not paginated for a non-http URL', () => {
    const d = detectPagination(page('http://x.cn/', '<a href="a_2.html">下一页</a>'), 'about:blank');
    expect(d.paginated).toBe(false);
    expect(d.pageUrls).toEqual(['about:blank']);
  });
});

describe('detectPaginationDetail', () => {
  it('exposes the page map, the rule and the current page', () => {
    const d = detectPaginationDetail(page(pd(3), PD_BODY(peoplePager(3, 4))), pd(3));
    expect(d.rule.id).toBe('people');
    expect(d.currentPage).toBe(3);
    expect([...d.pages.entries()].sort((a, b) => a[0] - b[0])).toEqual([[1, pd(1)], [2, pd(2)], [3, pd(3)], [4, pd(4)]]);
    expect(d.position?.build(7)).toBe(pd(7));
  });
});

describe('detectPaginationDetail: a page picker is a <select>', () => {
  // `…_5-2.html` reads as page 2 of `…_5` (stem-N) or as page 1 of itself (stem_N, the first scheme).
  const DIR = 'https://www.example.com/news/';
  const url = `${DIR}20240101_5-2.html`;
  const pages = [`${DIR}20240101_5.html`, url, `${DIR}20240101_5-3.html`];
  const options = pages.map((u, i) => `<option value="${u}">第${i + 1}页</option>`).join('');
  it('its options pick the URL scheme and are the pages', () => {
    const d = detectPaginationDetail(page(url, `${ARTICLE}<select onchange="location=this.value">${options}</select>`), url);
    expect(d.pageUrls).toEqual(pages);
    expect(d.position?.page).toBe(2);
  });
  it('the same options in a <datalist> (an input\'s suggestions) pick no scheme and name no page', () => {
    const d = detectPaginationDetail(page(url, `${ARTICLE}<input list="pick"><datalist id="pick">${options}</datalist>`), url);
    expect(d.paginated).toBe(false);
    expect(d.position?.page).toBe(1);
  });
});

describe('isImageNextLink / isTextNextLink', () => {
  const link = (html: string) => page('http://x.cn/', html).querySelector('a') as Element;
  it('recognises image-only next links and not previous ones', () => {
    expect(isImageNextLink(link('<a href="x"><img src="/img/next_page.jpg"></a>'))).toBe(true);
    expect(isImageNextLink(link('<a href="x"><img src="/img/2007english/Next.jpg"></a>'))).toBe(true);
    expect(isImageNextLink(link('<a href="x"><img src="/images/news_xy.gif"></a>'))).toBe(true);
    expect(isImageNextLink(link('<a href="x"><img src="/img/prev_page.jpg"></a>'))).toBe(false);
    expect(isImageNextLink(link('<a href="x"><img src="/img/2007english/Previous.jpg"></a>'))).toBe(false);
    expect(isImageNextLink(link('<a href="x"><img src="/photo/a.jpg"></a>'))).toBe(false);
    expect(isImageNextLink(link('<a href="x">Next <img src="/img/next.gif"></a>'))).toBe(false);
  });
  it('recognises next texts and nothing else', () => {
    for (const t of ['下一页', '下一頁', ' 下页 ', 'Next', 'Next page', 'Next »', 'next >>', '»']) expect(isTextNextLink(link(`<a href="x">${t}</a>`)), t).toBe(true);
    for (const t of ['上一页', 'Previous', 'Next week in China', '下一篇', '2']) expect(isTextNextLink(link(`<a href="x">${t}</a>`)), t).toBe(false);
  });
});

describe('detectPagination: People\'s Daily photo galleries (#picG)', () => {
  const PIC = 'http://pic.people.com.cn/n1/2019/0615/c1016-31153720';
  const pic = (n: number) => (n === 1 ? `${PIC}.html` : `${PIC}-${n}.html`);
  const gallery = (next: string) =>
    `<div id="picG"><img src="/mediafile/pic/1.jpg"><div class="page_c"><a id="prev" href="javascript:;">上一页</a><a id="next" href="${next}">下一页</a></div></div>`;

  it('follows the gallery\'s 下一页 to the next picture page', () => {
    const d = detect(pic(2), gallery(pic(3)));
    expect(d.paginated).toBe(true);
    expect(d.nextUrl).toBe(pic(3));
    expect(d.complete).toBe(false);
  });

  it('stops on the last picture page, whose 下一页 is a javascript: link', () => {
    const d = detect(pic(4), gallery('javascript:void(0)'));
    expect(d.nextUrl).toBeNull();
    // Pages 1–3 are implied by the URL scheme; nothing past page 4.
    expect(d.pageUrls).toEqual([1, 2, 3, 4].map(pic));
  });
});

describe('detectPagination: Xinhua photo pages (image-only next, articler.gif)', () => {
  const PHOTO = 'http://news.xinhuanet.com/photo/2012-01/12/c_122576139';
  const photo = (n: number) => (n === 1 ? `${PHOTO}.htm` : `${PHOTO}_${n}.htm`);
  it('follows the arrow image to the next photo page', () => {
    const d = detect(photo(1), `<div id="Content"><p><img src="/photo/1.jpg"></p><p>说明文字。</p></div><a href="${photo(2)}"><img src="http://www.xinhuanet.com/photo/static/articler.gif" border="0"></a>`);
    expect(d.paginated).toBe(true);
    expect(d.nextUrl).toBe(photo(2));
  });
});
