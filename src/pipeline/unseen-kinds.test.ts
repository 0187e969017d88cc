/**
 * Kinds of pagination and chrome that no site rule was written for (issue: clean and complete on
 * sites and templates we have never seen). Each test builds a small invented news site from one
 * template and reads it through the generic engine, entered from the first and the last page.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createNodeDom } from '../cli/node-dom';
import { readWholeArticle } from './read-whole-article';
import { parseScriptPager } from './script-data';
import { fakeFetch, type Route } from '../../test/support/fake-fetch';

const dom = createNodeDom();
const HOST = 'http://news.example-daily.cn';
const DIR = '/a/2024/0305';

/** Distinct paragraphs for page k. */
function paragraphs(k: number, n = 4): string[] {
  return Array.from({ length: n }, (_, i) => `这是第${k}页的第${i + 1}段正文，讲述了城市更新中的种种变化与居民的真实感受，内容各不相同${'。'.repeat(1)}编号${k * 10 + i}。`);
}

interface PageOptions {
  k: number;
  pager: string;
  /** Extra markup inside the article body after the paragraphs. */
  bodyTail?: string;
  head?: string;
  /** Template blocks that stand on every page. */
  template?: boolean;
}

function page({ k, pager, bodyTail = '', head = '', template = true }: PageOptions): string {
  const body = paragraphs(k).map((p) => `<p>${p}</p>`).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>城市更新的故事_每日新闻网</title>${head}</head><body>
<div class="top"><a href="/">首页</a> | <a href="/news/">新闻</a> | <a href="/city/">城市</a></div>
<div class="main"><h1>城市更新的故事</h1><div class="info">2024-03-05 10:00 来源：每日新闻网</div>
<div class="article-content">
${body}
${template ? '<p>本文仅代表作者本人观点，与本网立场无关。欢迎读者留言讨论，转载请注明出处。</p>' : ''}
${bodyTail}
${pager}
</div></div>
<div class="foot">版权所有 每日新闻网 京ICP备12345678号</div>
</body></html>`;
}

function site(urls: string[], build: (k: number) => string): Record<string, Route> {
  const routes: Record<string, Route> = {};
  urls.forEach((u, i) => {
    routes[u] = { body: build(i + 1), contentType: 'text/html; charset=utf-8' };
  });
  return routes;
}

async function expectWhole(urls: string[], build: (k: number) => string, enter: number): Promise<void> {
  const fetch = fakeFetch(site(urls, build));
  const a = await readWholeArticle({ url: urls[enter - 1] as string, fetch, dom });
  expect(a.pageUrls, `entered from page ${enter}`).toEqual(urls);
  let at = -1;
  for (let k = 1; k <= urls.length; k++) {
    for (const p of paragraphs(k)) {
      const i = a.textContent.indexOf(p);
      expect(i, `page ${k} paragraph missing or out of order (entered from ${enter})`).toBeGreaterThan(at);
      at = i;
    }
  }
  for (const chrome of ['本文仅代表作者本人观点', '版权所有', '首页', '下一页', '接下一頁']) expect(a.textContent, chrome).not.toContain(chrome);
}

describe('0-based page suffix (second page is ID_1), relative pager links', () => {
  const urls = [`${HOST}${DIR}/12345.htm`, `${HOST}${DIR}/12345_1.htm`, `${HOST}${DIR}/12345_2.htm`];
  const build = (k: number) => {
    const links = [1, 2, 3]
      .map((n) => (n === k ? `<span class="cur">${n}</span>` : `<a href="12345${n === 1 ? '' : `_${n - 1}`}.htm">${n}</a>`))
      .join(' ');
    const next = k < 3 ? ` <a href="12345_${k}.htm">下一页</a>` : '';
    return page({ k, pager: `<div class="pages">${links}${next}</div>` });
  };
  it('from page 1', () => expectWhole(urls, build, 1));
  it('from the last page', () => expectWhole(urls, build, 3));
  it('from the middle page', () => expectWhole(urls, build, 2));
});

describe('a pager hidden with display:none (a script shows it)', () => {
  const urls = [`${HOST}${DIR}/556677.html`, `${HOST}${DIR}/556677_2.html`, `${HOST}${DIR}/556677_3.html`];
  const build = (k: number) => {
    const links = [1, 2, 3].map((n) => (n === k ? `<b>${n}</b>` : `<a href="556677${n === 1 ? '' : `_${n}`}.html">${n}</a>`)).join(' ');
    return page({ k, pager: `<div id="pageBox" style="display:none">${links}</div>` });
  };
  it('from page 1', () => expectWhole(urls, build, 1));
  it('from the last page', () => expectWhole(urls, build, 3));
});

describe('an image-only "next" button with no text or alt', () => {
  const urls = [`${HOST}${DIR}/9001.shtml`, `${HOST}${DIR}/9001_2.shtml`, `${HOST}${DIR}/9001_3.shtml`];
  const build = (k: number) =>
    page({ k, pager: k < 3 ? `<div class="pg"><a href="9001_${k + 1}.shtml"><img src="/images/arr_r.gif" width="60" height="20"></a></div>` : '' });
  it('from page 1', () => expectWhole(urls, build, 1));
});

describe('"next" inside the last paragraph of the body', () => {
  const urls = [`${HOST}${DIR}/7788.html`, `${HOST}${DIR}/7788_2.html`, `${HOST}${DIR}/7788_3.html`];
  const build = (k: number) =>
    page({ k, pager: '', bodyTail: k < 3 ? `<p>（<a href="7788_${k + 1}.html">接下一頁</a>）</p>` : '' });
  it('from page 1', () => expectWhole(urls, build, 1));
});

describe('the page number as the last path segment (/story-slug/2/, paged posts)', () => {
  const slug = `${HOST}/2024/03/05/city-renewal-story`;
  const urls = [`${slug}/`, `${slug}/2/`, `${slug}/3/`];
  const build = (k: number) =>
    page({
      k,
      pager: `<div class="page-links">Pages: ${[1, 2, 3].map((n) => (n === k ? `<span class="post-page-numbers current">${n}</span>` : `<a class="post-page-numbers" href="${urls[n - 1]}">${n}</a>`)).join(' ')}</div>`,
    });
  it('from page 1', () => expectWhole(urls, build, 1));
  it('from the last page', () => expectWhole(urls, build, 3));
  it('a date path is no page number: /2024/03/05/ stays one page', async () => {
    const url = `${HOST}/2024/03/05/`;
    const fetch = fakeFetch({ [url]: { body: page({ k: 1, pager: `<a href="${HOST}/2024/03/04/">4</a> <a href="${HOST}/2024/03/06/">6</a>` }) } });
    const a = await readWholeArticle({ url, fetch, dom });
    expect(a.pageCount).toBe(1);
    expect(fetch.calls).toEqual([url]);
  });
});

describe('<link rel="prev"> / rel="next" in the head, no pager in the body', () => {
  const urls = [`${HOST}${DIR}/5566.html`, `${HOST}${DIR}/5566_2.html`, `${HOST}${DIR}/5566_3.html`];
  const build = (k: number) =>
    page({ k, pager: '', head: `${k > 1 ? `<link rel="prev" href="${urls[k - 2]}">` : ''}${k < 3 ? `<link rel="next" href="${urls[k]}">` : ''}` });
  it('from page 1', () => expectWhole(urls, build, 1));
  it('from the last page', () => expectWhole(urls, build, 3));
});

describe('script pager: createPageHTML(count, current, name, ext)', () => {
  const name = 't20240305_778899';
  const urls = [`${HOST}${DIR}/${name}.html`, `${HOST}${DIR}/${name}_1.html`, `${HOST}${DIR}/${name}_2.html`, `${HOST}${DIR}/${name}_3.html`];
  const build = (k: number) =>
    page({
      k,
      pager: `<div id="pagenav"></div><script>var countPage = 4; var currentPage = ${k - 1};
createPageHTML(countPage, currentPage, "${name}", "html");</script>`,
    });
  it('from page 1', () => expectWhole(urls, build, 1));
  it('from the last page', () => expectWhole(urls, build, 4));

  it('a count of 1 is a single page, even with pager markup', async () => {
    const one = `${HOST}${DIR}/${name}.html`;
    const html = page({ k: 1, pager: `<div class="pages"><span>1</span></div><script>createPageHTML(1, 0, "${name}", "html");</script>` });
    const fetch = fakeFetch({ [one]: { body: html } });
    const a = await readWholeArticle({ url: one, fetch, dom });
    expect(a.pageCount).toBe(1);
    expect(fetch.calls).toEqual([one]);
  });
});

describe('a link to the whole article on one page', () => {
  const urls = [`${HOST}${DIR}/4455.html`, `${HOST}${DIR}/4455_2.html`, `${HOST}${DIR}/4455_3.html`];
  const all = `${HOST}${DIR}/4455_all.html`;
  const pagerOf = (k: number) =>
    `<div class="pages">${[1, 2, 3].map((n) => (n === k ? `<span>${n}</span>` : `<a href="4455${n === 1 ? '' : `_${n}`}.html">${n}</a>`)).join(' ')} <a href="4455_all.html">单页阅读</a></div>`;
  const wholeBody = () =>
    `<!doctype html><html><head><meta charset="utf-8"><title>城市更新的故事_每日新闻网</title></head><body><div class="top"><a href="/">首页</a></div><h1>城市更新的故事</h1><div class="article-content">${[1, 2, 3]
      .flatMap((k) => paragraphs(k))
      .map((p) => `<p>${p}</p>`)
      .join('')}</div><div class="foot">版权所有 每日新闻网</div></body></html>`;

  it('reads the one-page version instead of the pages', async () => {
    const routes = site(urls, (k) => page({ k, pager: pagerOf(k) }));
    routes[all] = { body: wholeBody() };
    const fetch = fakeFetch(routes);
    const a = await readWholeArticle({ url: urls[1] as string, fetch, dom });
    for (const k of [1, 2, 3]) for (const p of paragraphs(k)) expect(a.textContent).toContain(p);
    expect(fetch.calls).toContain(all);
    expect(fetch.calls).not.toContain(urls[2]);
    expect(a.url).toBe(urls[0]);
  });

  it('falls back to the pages when the one-page version fails', async () => {
    const routes = site(urls, (k) => page({ k, pager: pagerOf(k) }));
    routes[all] = { status: 500, body: 'oops' };
    const fetch = fakeFetch(routes);
    const a = await readWholeArticle({ url: urls[0] as string, fetch, dom });
    expect(a.pageUrls).toEqual(urls);
    for (const k of [1, 2, 3]) for (const p of paragraphs(k)) expect(a.textContent).toContain(p);
  });
});

describe('the last page shows only "上一页" and a "2/2" counter', () => {
  const urls = [`${HOST}${DIR}/Content-88001.html`, `${HOST}${DIR}/Content-88001_2.html`];
  const build = (k: number) =>
    page({
      k,
      pager:
        k === 1
          ? `<div class="pg"><span>1/2</span> <a href="Content-88001_2.html">下一页</a></div>`
          : `<div class="pg"><a href="Content-88001.html">上一页</a> <span>2/2</span></div>`,
    });
  it('from the last page', () => expectWhole(urls, build, 2));
  it('from the first page', () => expectWhole(urls, build, 1));
});

describe('a chain of chapters ("下一页" to the next chapter, its own headline) stays one page', () => {
  const chapter = (n: number) =>
    `<!doctype html><html><head><meta charset="utf-8"><title>第${n}章 新的生活_在线书库</title></head><body>
<h1>第${n}章 ${['', '', '', '', '', '', '', '', '', '', '归乡', '远行', '重逢'][n]}</h1>
<div class="text">${paragraphs(n).map((p) => `<p>${p}</p>`).join('')}</div>
<div class="nav"><a href="xsh_${n - 1}.htm">上一页</a> <a href="index.htm">返目录</a> <a href="xsh_${n + 1}.htm">下一页</a></div></body></html>`;
  it('reads chapter 10 alone, numbered 1', async () => {
    const base = `${HOST}/book/htm`;
    const fetch = fakeFetch({ [`${base}/xsh_10.htm`]: { body: chapter(10) }, [`${base}/xsh_11.htm`]: { body: chapter(11) }, [`${base}/xsh_9.htm`]: { body: chapter(12) } });
    const a = await readWholeArticle({ url: `${base}/xsh_10.htm`, fetch, dom });
    expect(a.pageUrls).toEqual([`${base}/xsh_10.htm`]);
    expect(a.contentHtml).toContain('data-page="1"');
    for (const p of paragraphs(10)) expect(a.textContent).toContain(p);
    expect(a.textContent).not.toContain(paragraphs(11)[0]);
  });
});

describe('previous/next beside "返目录" and no page numbers: a chapter, even under one headline', () => {
  it('reads the chapter alone and asks for no other', async () => {
    const base = `${HOST}/novel`;
    const ch = (n: number) =>
      `<!doctype html><html><head><meta charset="utf-8"><title>新生活_在线书库</title></head><body><h1>新生活</h1>
<div class="text">${paragraphs(n).map((p) => `<p>${p}</p>`).join('')}</div>
<p align="center"><a href="ch_${n - 1}.htm">上一页</a> | <a href="index.htm">返目录</a> | <a href="ch_${n + 1}.htm">下一页</a></p></body></html>`;
    const fetch = fakeFetch({ [`${base}/ch_5.htm`]: { body: ch(5) }, [`${base}/ch_6.htm`]: { body: ch(6) }, [`${base}/ch_4.htm`]: { body: ch(4) } });
    const a = await readWholeArticle({ url: `${base}/ch_5.htm`, fetch, dom });
    expect(a.pageCount).toBe(1);
    expect(fetch.calls).toEqual([`${base}/ch_5.htm`]);
  });
});

describe('script pagers in other forms', () => {
  it('parses TRS counts with a comment after them, a div id before createPageHTML, and counts in an object beside the page', () => {
    expect(parseScriptPager('var currentPage = 2;//所在页从0开始\nvar countPage = 3//共多少页')).toMatchObject({ count: 3, current: 2, zeroBased: true });
    expect(parseScriptPager(`createPageHTML('page_div', 4, 1, 't20240305_1', 'html', 10);`)).toMatchObject({ count: 4, current: 1, name: 't20240305_1', ext: 'html' });
    expect(parseScriptPager('window.__PAGE__ = {"articleId":1,"totalPage":3,"currentPage":2};')).toMatchObject({ count: 3, current: 2, zeroBased: false });
    // A count with no page number beside it is some list's (comments, a gallery), not the article's.
    expect(parseScriptPager('var comments = {"totalPage": 12, "size": 20};')).toBeNull();
    // …nor is a list's pagination beside its own page number (nbcnews: an author's other stories).
    expect(parseScriptPager('{"content":{"pagination":{"offset":0,"page":1,"size":3,"totalItems":78,"totalPages":26},"items":[]}}')).toBeNull();
  });

  const name = 't20240305_880035';
  const trsUrls = [`${HOST}${DIR}/${name}.html`, `${HOST}${DIR}/${name}_1.html`, `${HOST}${DIR}/${name}_2.html`];
  const trs = (k: number) =>
    page({ k, pager: `<div id="page_div"></div><script>\nvar currentPage = ${k - 1};//所在页从0开始\nvar countPage = 3//共多少页\n</script>` });
  it('TRS variables alone (no createPageHTML call): from the last page', () => expectWhole(trsUrls, trs, 3));

  const jsonUrls = [`${HOST}${DIR}/880026.html`, `${HOST}${DIR}/880026_2.html`, `${HOST}${DIR}/880026_3.html`];
  const json = (k: number) => page({ k, pager: `<div id="pager"></div><script>window.__PAGE__ = {"articleId":880026,"totalPage":3,"currentPage":${k}};</script>` });
  it('a page count in JSON beside the page number: from the first page', () => expectWhole(jsonUrls, json, 1));
});

describe('a query page number counted from 0 (Drupal: ?page=1 is the second page)', () => {
  const base = `${HOST}/node/4471`;
  const urls = [base, `${base}?page=1`, `${base}?page=2`];
  const build = (k: number) =>
    page({
      k,
      pager: `<ul class="pager">${[1, 2, 3].map((n) => (n === k ? `<li class="pager-current">${n}</li>` : `<li><a href="/node/4471${n === 1 ? '' : `?page=${n - 1}`}">${n}</a></li>`)).join('')}</ul>`,
    });
  it('from the middle page', () => expectWhole(urls, build, 2));
});

describe('首页/上一页/下一页/尾页 and "共3页", no numbers, suffix from 0', () => {
  const urls = [`${HOST}${DIR}/880037.htm`, `${HOST}${DIR}/880037_1.htm`, `${HOST}${DIR}/880037_2.htm`];
  const build = (k: number) =>
    page({
      k,
      pager: `<div class="pg">共3页 <a href="880037.htm">首页</a> ${k > 1 ? `<a href="${urls[k - 2]}">上一页</a>` : ''} ${k < 3 ? `<a href="${urls[k]}">下一页</a>` : ''} <a href="880037_2.htm">尾页</a></div>`,
    });
  it('from the last page', () => expectWhole(urls, build, 3));
});

describe('template chrome above and inside the body of every page', () => {
  const urls = [`${HOST}${DIR}/880046.html`, `${HOST}${DIR}/880046_2.html`, `${HOST}${DIR}/880046_3.html`];
  const pager = (k: number) => `<div class="pages">${[1, 2, 3].map((n) => (n === k ? `<span>${n}</span>` : `<a href="${urls[n - 1]}">${n}</a>`)).join(' ')}</div>`;
  it('a masthead slogan above the headline goes; a pre-title in the headline box, a deck and a lead image are kept once; phone/audio widget lines and ad labels go', async () => {
    const build = (k: number) => `<!doctype html><html><head><meta charset="utf-8"><title>城市更新的故事_每日新闻网</title></head><body>
<div id="wrap"><div class="masthead"><p>传播新闻 服务百姓 每日新闻网与您同行</p></div>
<div class="tit"><h3>旧城改造三年回眸之一</h3><h1>城市更新的故事</h1></div><p class="info">2024-03-05 10:00 来源：每日新闻网</p>
<p>扫描二维码，在手机上阅读本文</p><p>听新闻 播放 暂停</p><h2>——来自一线的调查报告</h2><p><img src="/img/lead880046.jpg" width="600" height="400"></p>
${paragraphs(k).map((p) => `<p>${p}</p>`).join('')}<div class="adbox">广告</div>${pager(k)}</div></body></html>`;
    const fetch = fakeFetch(site(urls, build));
    const a = await readWholeArticle({ url: urls[2] as string, fetch, dom });
    expect(a.pageUrls).toEqual(urls);
    for (const k of [1, 2, 3]) for (const p of paragraphs(k)) expect(a.textContent).toContain(p);
    for (const chrome of ['传播新闻', '扫描二维码', '听新闻', '广告']) expect(a.textContent, chrome).not.toContain(chrome);
    for (const once of ['旧城改造三年回眸之一', '——来自一线的调查报告']) expect(a.textContent.split(once).length - 1, once).toBe(1);
    expect(a.contentHtml.split('lead880046.jpg').length - 1).toBe(1);
  });
});

describe('a one-page version that holds only the rest of the article ("余下全文" from page 2 on)', () => {
  it('entered from page 2, the pages are read instead', async () => {
    const urls = [`${HOST}${DIR}/880050.html`, `${HOST}${DIR}/880050_2.html`, `${HOST}${DIR}/880050_3.html`];
    const rest = `${HOST}${DIR}/880050_s.html`;
    const pager = (k: number) => `<div class="pages">${[1, 2, 3].map((n) => (n === k ? `<span>${n}</span>` : `<a href="${urls[n - 1]}">${n}</a>`)).join(' ')} <a href="880050_s.html">余下全文</a></div>`;
    const routes = site(urls, (k) => page({ k, pager: pager(k) }));
    // Pages 2 and 3 on one page.
    routes[rest] = { body: page({ k: 2, pager: '', bodyTail: paragraphs(3).map((p) => `<p>${p}</p>`).join('') }) };
    const a = await readWholeArticle({ url: urls[1] as string, fetch: fakeFetch(routes), dom });
    expect(a.pageUrls).toEqual(urls);
    for (const k of [1, 2, 3]) for (const p of paragraphs(k)) expect(a.textContent).toContain(p);
  });
});

describe('the next link inside the last text paragraph ("……。（未完，请看下一页）")', () => {
  const urls = [`${HOST}${DIR}/880051.html`, `${HOST}${DIR}/880051_2.html`];
  const build = (k: number) => {
    const p = paragraphs(k);
    return page({ k, pager: '', bodyTail: `<p>${p[0]}${k < 2 ? '（未完，<a href="880051_2.html">请看下一页</a>）' : ''}</p>` });
  };
  it('follows it and leaves neither the link nor its brackets', async () => {
    const a = await readWholeArticle({ url: urls[0] as string, fetch: fakeFetch(site(urls, build)), dom });
    expect(a.pageUrls).toEqual(urls);
    expect(a.textContent).not.toContain('未完');
    expect(a.textContent).not.toContain('下一页');
  });
});

describe('a page picker <select> alone, pages by &p=N (page 1 has no parameter)', () => {
  const base = `${HOST}/view.php?tid=3391`;
  const urls = [base, `${base}&p=2`, `${base}&p=3`];
  const build = (k: number) =>
    page({ k, pager: `<select onchange="location=this.value">${[1, 2, 3].map((n) => `<option value="${n === 1 ? base : `${base}&amp;p=${n}`}"${n === k ? ' selected' : ''}>第${n}页</option>`).join('')}</select>` });
  it('from the last page', () => expectWhole(urls, build, 3));
});

describe('"（下接第2頁）" at the end of the body, Big5 with the charset in the header only', () => {
  const urls = [`${HOST}${DIR}/550006.htm`, `${HOST}${DIR}/550006_2.htm`];
  const big5 = (k: number) => iconv.encode(page({ k, pager: '', bodyTail: k < 2 ? '<p>　　<a href="550006_2.htm">（下接第2頁）</a></p>' : '' }).replace('<meta charset="utf-8">', ''), 'big5');
  it('follows it and drops it', async () => {
    const routes: Record<string, Route> = {};
    urls.forEach((u, i) => (routes[u] = { body: new Uint8Array(big5(i + 1)), contentType: 'text/html; charset=big5' }));
    const a = await readWholeArticle({ url: urls[0] as string, fetch: fakeFetch(routes), dom });
    expect(a.pageUrls).toEqual(urls);
    expect(a.textContent).not.toContain('下接第');
  });
});
