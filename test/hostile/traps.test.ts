/**
 * Pagination traps against a local server (test/hostile/server.ts) reached through a browser-like
 * fetch that maps every host name to 127.0.0.1: pagers that never end, cycles under other spellings
 * of the same URL, next links and redirects to other sites, javascript: pagers, 200 listed pages.
 * For each: requests to other sites (must be 0), pages fetched against the cap, each document fetched
 * at most once, time to a result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeDom } from '../../src/cli/node-dom';
import { ArticleError } from '../../src/pipeline/errors';
import { readWholeArticle } from '../../src/pipeline/read-whole-article';
import type { FetchLike, WholeArticle } from '../../src/pipeline/types';
import { createNodeFetch } from '../../src/cli/node-fetch';
import { fetchPageForReader } from '../../src/background/fetch-page';
import { createReaderFetch } from '../../src/reader/reader-fetch';
import { registrableDomain } from '../../src/pipeline/url';
import { writeFigures } from './figures';
import { framePage } from './pages';
import { hostFetch, startHostileServer, type Hit, type HostileServer } from './server';

const dom = createNodeDom();
let server: HostileServer;

beforeAll(async () => {
  server = await startHostileServer();
});

interface TrapFigure {
  trap: string;
  offDomainRequests: number;
  requests: number;
  cap: number;
  distinctDocuments: number;
  duplicateFetches: number;
  pageCount: number;
  failedPages: number;
  ms: number;
  outcome: string;
}
const figures: TrapFigure[] = [];

afterAll(async () => {
  writeFigures('traps', figures);
  await server?.close();
});

interface TrapRun {
  article: WholeArticle | null;
  error: unknown;
  hits: Hit[];
  offDomain: Hit[];
  duplicates: string[];
  ms: number;
}

/** The run stayed on the site and within `limit`: no request elsewhere, at most `limit` fetches and pages, no document fetched twice. */
function expectContained(run: TrapRun, limit: number): void {
  expect(run.offDomain).toEqual([]);
  expect(run.hits.length).toBeLessThanOrEqual(limit);
  expect(run.duplicates).toEqual([]);
  expect(run.article?.pageCount).toBeLessThanOrEqual(limit);
}

/**
 * Run the pipeline from `start` and measure. `docId` says which requests hit the same document on
 * this server (default: host without `www.`, path without a trailing slash, query and scheme ignored).
 */
async function runTrap(
  name: string,
  start: string,
  options: { maxPages?: number; docId?: (url: URL) => string; fetch?: FetchLike } = {},
): Promise<TrapRun> {
  const docId = options.docId ?? ((u: URL) => `${u.hostname.replace(/^www\./, '')}${u.pathname.replace(/\/+$/, '')}`);
  const fetch = options.fetch ?? hostFetch(server);
  const before = server.hits.length;
  const t0 = performance.now();
  let article: WholeArticle | null = null;
  let error: unknown = null;
  try {
    article = await readWholeArticle({ url: start, fetch, dom, maxPages: options.maxPages, timeoutMs: 3000, totalTimeoutMs: 20_000 });
  } catch (e) {
    error = e;
  }
  const ms = Math.round(performance.now() - t0);
  const hits = server.hits.slice(before);
  const home = registrableDomain(new URL(start).hostname);
  const offDomain = hits.filter((h) => registrableDomain(h.host) !== home);
  const counts = new Map<string, number>();
  for (const h of hits) {
    const id = docId(new URL(h.url));
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const duplicates = [...counts.entries()].filter(([, n]) => n > 1).map(([id, n]) => `${id} ×${n}`);
  figures.push({
    trap: name,
    offDomainRequests: offDomain.length,
    requests: hits.length,
    cap: options.maxPages ?? 30,
    distinctDocuments: counts.size,
    duplicateFetches: hits.length - counts.size,
    pageCount: article?.pageCount ?? 0,
    failedPages: article?.failedPages.length ?? 0,
    ms,
    outcome: article ? `article, ${article.pageCount} pages` : error instanceof ArticleError ? `ArticleError ${error.code}` : `threw ${String(error)}`,
  });
  return { article, error, hits, offDomain, duplicates, ms };
}

const para = (text: string): string => `<p>　　${text}</p>`;
const bodyText = (n: number): string =>
  `${para(`第${n}页正文：记者从有关部门获悉，今年以来各地扎实推进民生工程，群众获得感持续增强，第${n}页的内容到此。`)}${para(`第${n}页第二段：专家表示，将继续加大投入力度，确保各项惠民措施落到实处、取得实效。`)}`;

// --- Xinhua pages whose pager is written by the test -------------------------------------------------

const XH_BASE = 'http://www.xinhuanet.com/world/2019-12/10/c_1129000001';
const xh = (n: number, base = XH_BASE): string => `${base}${n > 1 ? `_${n}` : ''}.htm`;
const xhPage = (url: string, n: number, pager: string): string => framePage('xinhua-2019', { url, urls: [url], page: n, body: `${pager}${bodyText(n)}` });
const xhNumber = (u: URL, base = XH_BASE): number | null => {
  const m = new RegExp(`${new URL(base).pathname}(?:_(\\d+))?\\.htm/?$`).exec(u.pathname);
  return m ? Number(m[1] ?? 1) : null;
};

describe('pagination traps', () => {
  it('a pager that never ends (each page links to page N+1): stops at the default cap of 30', async () => {
    server.reset();
    server.fallback(({ url }) => {
      const n = xhNumber(url);
      if (n === null) return { status: 404, body: 'no' };
      const links = [n - 1, n, n + 1]
        .filter((k) => k >= 1)
        .map((k) => (k === n ? `<span class="page-Article">${k}</span>` : `<a href="${xh(k)}" class="page-Article">${k}</a>`))
        .join(' ');
      const pager = `<div id="div_currpage">&nbsp;&nbsp; ${links} <a href="javascript:turnpage(2)" class="page-Article">...</a> <a href="${xh(n + 1)}" class="nextpage">下一页</a>&nbsp;&nbsp;</div>`;
      return { body: xhPage(url.href, n, pager) };
    });
    const run = await runTrap('endless next (Xinhua c_ID_N)', xh(1));
    expect(run.error).toBeNull();
    expectContained(run, 30);
    expect(run.ms).toBeLessThan(20_000);
  });

  it('the same endless pager with maxPages 5: stops at 5', async () => {
    const run = await runTrap('endless next, maxPages 5', xh(1), { maxPages: 5 });
    expectContained(run, 5);
  });

  it('an endless generic ?page=N pager (rel=next + 下一页): stops at the cap', async () => {
    server.reset();
    const base = 'http://www.example-news.cn/a/2020/story.html';
    server.fallback(({ url }) => {
      if (url.pathname !== '/a/2020/story.html') return { status: 404, body: 'no' };
      const n = Number(url.searchParams.get('page') ?? 1);
      return {
        body: `<!doctype html><html><head><meta charset="utf-8"><title>没有尽头的文章 - 示例新闻网</title><link rel="next" href="?page=${n + 1}"></head><body><h1>没有尽头的文章</h1><article>${bodyText(n)}</article><div class="pages"><a href="?page=${Math.max(1, n - 1)}">上一页</a> <a href="?page=${n}">${n}</a> <a href="?page=${n + 1}">下一页</a></div></body></html>`,
      };
    });
    const run = await runTrap('endless next (generic ?page=N)', base, { docId: (u) => `${u.pathname}?${u.searchParams.get('page') ?? '1'}` });
    expect(run.offDomain).toEqual([]);
    expect(run.hits.length).toBeLessThanOrEqual(30);
    expect(run.duplicates).toEqual([]);
  });

  it('an endless chain of next links to ever new paths (no page numbers anywhere): bounded', async () => {
    server.reset();
    server.fallback(({ url }) => {
      const m = /^\/news\/2020\/p([0-9a-z]+)x\.html$/.exec(url.pathname);
      if (!m) return { status: 404, body: 'no' };
      const n = parseInt(m[1] as string, 36);
      const next = `/news/2020/p${(n + 1).toString(36)}x.html`;
      return {
        body: `<!doctype html><html><head><meta charset="utf-8"><title>链条文章 - 示例新闻网</title></head><body><h1>链条文章</h1><article>${bodyText(n)}</article><p><a href="${next}">下一页</a></p></body></html>`,
      };
    });
    const run = await runTrap('endless chain of new paths (generic)', 'http://www.example-news.cn/news/2020/p1x.html');
    expect(run.offDomain).toEqual([]);
    expect(run.hits.length).toBeLessThanOrEqual(30);
    expect(run.duplicates).toEqual([]);
  });

  it('a cycle: page 3 → page 1 under another query string, #, www/no-www, http/https twins, trailing slash', async () => {
    server.reset();
    const base = 'http://www.xinhuanet.com/world/2019-12/10/c_1129000002';
    server.fallback(({ url }) => {
      if (!/xinhuanet\.com$/.test(url.hostname)) return { status: 404, body: 'no' };
      const n = xhNumber(url, base);
      if (n === null || n > 3) return { status: 404, body: 'no' };
      const one = [`${xh(1, base)}#top`, xh(1, base).replace('http:', 'https:'), xh(1, base).replace('www.', ''), `${xh(1, base)}?from=pager`, `${xh(1, base)}?a=1`];
      const links =
        n === 1
          ? `<span class="page-Article">1</span> <a href="${xh(2, base)}" class="page-Article">2</a> <a href="${xh(3, base)}/" class="page-Article">3</a> <a href="${xh(2, base)}#p" class="nextpage">下一页</a>`
          : n === 2
            ? `${one.map((u) => `<a href="${u}" class="page-Article">1</a>`).join(' ')} <span class="page-Article">2</span> <a href="${xh(3, base).replace('http:', 'https:')}" class="page-Article">3</a> <a href="${xh(3, base)}/" class="nextpage">下一页</a>`
            : `<a href="${one[3]}" class="page-Article">1</a> <a href="${xh(2, base)}?from=pager#x" class="page-Article">2</a> <span class="page-Article">3</span> <a href="${xh(1, base)}?page=1" class="nextpage">下一页</a>`;
      return { body: xhPage(url.href, n, `<div id="div_currpage">&nbsp;&nbsp; ${links}&nbsp;&nbsp;</div>`) };
    });
    const run = await runTrap('cycle (Xinhua, twins)', xh(2, base));
    expect(run.error).toBeNull();
    expect(run.offDomain).toEqual([]);
    expect(run.duplicates).toEqual([]);
    expect(run.article?.pageCount).toBe(3);
    expect(run.hits.length).toBe(3);
  });

  it('a cycle on a generic site: /story/ vs /story vs /story/index.html, ?page=1, #, https twin, utm_ parameters', async () => {
    server.reset();
    const origin = 'http://www.example-news.cn';
    const docId = (u: URL) => `${u.pathname.replace(/index\.html$/, '').replace(/\/+$/, '')}?${u.searchParams.get('page') ?? '1'}`;
    server.fallback(({ url }) => {
      if (!/^\/story(\/|\/index\.html)?$/.test(url.pathname)) return { status: 404, body: 'no' };
      const n = Number(url.searchParams.get('page') ?? 1);
      if (n < 1 || n > 3) return { status: 404, body: 'no' };
      const pager =
        n === 1
          ? `<span>1</span> <a href="/story/?page=2">2</a> <a href="/story/?page=3">3</a> <a href="/story/?page=2">下一页</a>`
          : n === 2
            ? `<a href="/story/index.html">1</a> <a href="/story">1</a> <a href="/story/?page=1">1</a> <span>2</span> <a href="/story/?page=3">3</a> <a href="https://www.example-news.cn/story/?page=3#c">下一页</a>`
            : `<a href="/story/#top">1</a> <a href="/story/?page=2&utm_source=pager">2</a> <span>3</span> <a href="/story/?page=1#again">下一页</a>`;
      return {
        body: `<!doctype html><html><head><meta charset="utf-8"><title>循环文章 - 示例新闻网</title></head><body><h1>循环文章</h1><article>${bodyText(n)}</article><div class="pages">${pager}</div></body></html>`,
      };
    });
    const run = await runTrap('cycle (generic, directory URLs)', `${origin}/story/`, { docId });
    expect(run.offDomain).toEqual([]);
    expect(run.hits.length).toBeLessThanOrEqual(30);
    // The three pages, each once.
    expect(run.duplicates).toEqual([]);
  });

  it('next and pager links to other sites (evil host, look-alike hosts, rel=next, image next): never requested', async () => {
    server.reset();
    const start = xh(1, 'http://www.xinhuanet.com/world/2019-12/10/c_1129000003');
    const evil = [
      'http://www.xinhuanet.com.evil.example/world/2019-12/10/c_1129000003_2.htm',
      'http://evilxinhuanet.com/world/2019-12/10/c_1129000003_2.htm',
      'http://xinhuanet.com.cn/world/2019-12/10/c_1129000003_3.htm',
      '//evil.example/world/2019-12/10/c_1129000003_2.htm',
    ];
    server.route(start, {
      body: framePage('xinhua-2019', {
        url: start,
        urls: [start],
        page: 1,
        body: `<div id="div_currpage">&nbsp;&nbsp; <span class="page-Article">1</span> ${evil.map((u, i) => `<a href="${u}" class="page-Article">${i + 2}</a>`).join(' ')} <a href="${evil[0]}" class="nextpage">下一页</a>&nbsp;&nbsp;</div>${bodyText(1)}<p><a href="http://evil.example/next.htm"><img src="/img/next_page.jpg" border="0"></a> <a rel="next" href="http://evil.example/rel-next.htm">下一页</a></p>`,
      }).replace('</head>', '<link rel="next" href="http://evil.example/head-next.htm"></head>'),
    });
    server.fallback(() => ({ body: '<html><body><div id="p-detail"><p>被劫持的页面内容，绝不能出现在文章里，这里是恶意站点的文字内容。</p></div></body></html>' }));
    const run = await runTrap('next links to other sites', start);
    expect(run.offDomain.map((h) => h.url)).toEqual([]);
    expect(run.article?.pageCount).toBe(1);
    expect(run.article?.textContent).not.toContain('被劫持');
  });

  it('a People’s Daily pager pointing at a look-alike domain: never requested', async () => {
    server.reset();
    const start = 'http://js.people.com.cn/n2/2022/0213/c360307-35999001.html';
    server.route(start, {
      body: framePage('people-2022', {
        url: start,
        urls: [start],
        page: 1,
        body: `<div class="zdfy clearfix"><a href="/n2/2022/0213/c360307-35999001.html">【1】</a><a href="http://js.people.com.cn.evil.example/n2/2022/0213/c360307-35999001-2.html">【2】</a><a href="http://people.cn.evil.example/c360307-35999001-3.html">【3】</a></div><center><a href="http://evil.example/c360307-35999001-2.html"><img src="/img/next_page.jpg"></a></center>${bodyText(1)}`,
      }),
    });
    const run = await runTrap('People pager to look-alike domains', start);
    expect(run.offDomain.map((h) => h.url)).toEqual([]);
    expect(run.hits.length).toBe(1);
  });

  it('javascript:, vbscript: and data: pager and next links: nothing else is requested', async () => {
    server.reset();
    const start = xh(1, 'http://www.xinhuanet.com/world/2019-12/10/c_1129000004');
    const links = ['javascript:turnpage(2)', "javascript:location.href='http://evil.example/'", 'vbscript:turnpage(3)', 'data:text/html,<script>top.__pwned=1</script>', 'javascript:void(0)'];
    server.route(start, {
      body: xhPage(start, 1, `<div id="div_currpage">&nbsp;&nbsp; <span class="page-Article">1</span> ${links.map((u, i) => `<a href="${u}" class="page-Article">${i + 2}</a>`).join(' ')} <a href="javascript:nextPage()" class="nextpage">下一页</a>&nbsp;&nbsp;</div>`),
    });
    const run = await runTrap('javascript: next', start);
    expect(run.offDomain).toEqual([]);
    expect(run.hits.length).toBe(1);
    expect(run.article?.pageCount).toBe(1);
  });

  // Issue 12 item 2: under a public suffix the hand-written list did not know, two sites passed
  // as one (the CLI fetched evil.com.br's page and merged it as page 2; the reader requested it).
  describe('other sites under the same public suffix (com.br, co.in, net.au, github.io, blogspot.com)', () => {
    const pairs = [
      ['news.abc.com.br', 'evil.com.br'],
      ['www.tribune.co.in', 'evil.co.in'],
      ['news.abc.net.au', 'evil.net.au'],
      ['alice.github.io', 'mallory.github.io'],
      ['alice.blogspot.com', 'mallory.blogspot.com'],
    ] as const;
    const serve = () => {
      server.reset();
      server.fallback(({ url }) => {
        const other = pairs.find(([, o]) => o === url.hostname)?.[1];
        const home = pairs.find(([h]) => h === url.hostname)?.[0];
        const host = home ?? other;
        if (!host) return { status: 404, body: 'no' };
        const n = Number(url.searchParams.get('page') ?? 1);
        const away = `http://${home ? pairs.find(([h]) => h === home)?.[1] : host}/2020/story.html?page=${n + 1}`;
        // Page 2 on the home site redirects to the other site.
        if (home && n === 2) return { status: 302, headers: { location: away }, body: '' };
        return {
          body: `<!doctype html><html><head><meta charset="utf-8"><title>同一后缀的文章 - 示例</title><link rel="next" href="${away}"></head><body><h1>同一后缀的文章</h1><article>${bodyText(n)}${other ? '<p>别的网站的第二页</p>' : ''}</article><div class="pages"><a href="?page=1">1</a> <a href="${away}">2</a> <a href="?page=2">3</a> <a href="${away}">下一页</a></div></body></html>`,
        };
      });
    };
    it.each(pairs)('%s never requests %s (browser-like fetch and CLI fetch)', async (home, other) => {
      const start = `http://${home}/2020/story.html`;
      for (const [name, fetch] of [['browser-like', undefined], ['CLI', createNodeFetch({ proxy: server.origin })]] as const) {
        serve();
        const run = await runTrap(`other site under a public suffix (${home} → ${other}, ${name} fetch)`, start, { fetch, docId: (u) => `${u.hostname}${u.pathname}?${u.searchParams.get('page') ?? '1'}` });
        if (fetch && 'close' in fetch) (fetch as { close(): void }).close();
        // By host name, not by registrable domain: the old list called these the same domain.
        expect(run.hits.filter((h) => h.host !== home).map((h) => h.url)).toEqual([]);
        expect(run.offDomain).toEqual([]);
        expect(run.article?.textContent ?? '').not.toContain('别的网站');
      }
    });
  });

  describe('a page that redirects to another site', () => {
    const base = 'http://www.xinhuanet.com/world/2019-12/10/c_1129000005';
    const serve = () => {
      server.reset();
      server.route(xh(2, base), { status: 302, headers: { location: 'http://evil.example/stolen.htm' }, body: '' });
      server.route('http://evil.example/stolen.htm', { body: xhPage('http://evil.example/stolen.htm', 2, '').replace(/第2页正文/g, '被劫持的第二页') });
      server.fallback(({ url }) => {
        const n = xhNumber(url, base);
        if (n !== 1) return { status: 404, body: 'no' };
        return { body: xhPage(url.href, 1, `<div id="div_currpage">&nbsp;&nbsp; <span class="page-Article">1</span> <a href="${xh(2, base)}" class="page-Article">2</a> <a href="${xh(2, base)}" class="nextpage">下一页</a>&nbsp;&nbsp;</div>`) };
      });
    };
    let browser: TrapRun;
    let cli: TrapRun;
    let background: TrapRun;
    beforeAll(async () => {
      serve();
      browser = await runTrap('redirect to another site (browser-like fetch)', xh(1, base));
      serve();
      // The reader's own fetch fails for every page, so each goes through the background's fetch
      // (entrypoints/background.ts → fetchPageForReader) with the reader's redirect mode.
      const viaBackground = createReaderFetch({
        fetch: (async () => {
          throw new TypeError('Failed to fetch');
        }) as unknown as typeof fetch,
        viaBackground: (url, accept, redirect) => fetchPageForReader(url, accept, { fetch: hostFetch(server) }, redirect),
      });
      background = await runTrap('redirect to another site (reader → background fallback)', xh(1, base), { fetch: viaBackground });
      serve();
      const nodeFetch = createNodeFetch({ proxy: server.origin });
      cli = await runTrap('redirect to another site (CLI node fetch)', xh(1, base), { fetch: nodeFetch });
      nodeFetch.close();
    });

    it('does not use what the other site sent, and names the page and the reason', () => {
      for (const run of [browser, cli, background]) expect(run.article?.textContent).not.toContain('被劫持');
      expect(cli.article?.failedPages).toEqual([
        { page: 2, url: xh(2, base), reason: expect.stringMatching(/redirected to another site \(evil\.example\)/), failure: { code: 'off-site-redirect', params: { host: 'evil.example' } } },
      ]);
      // A browser hides where a redirect goes: the page is not followed and says so.
      const hidden = { page: 2, url: xh(2, base), reason: expect.stringMatching(/redirected elsewhere; the browser does not say where/), failure: expect.objectContaining({ code: 'hidden-redirect' }) };
      expect(browser.article?.failedPages).toEqual([hidden]);
      expect(background.article?.failedPages).toEqual([hidden]);
    });

    // Was a bug (issue 12, item 9): the reader dropped `redirect` when it fell back to the
    // background, whose fetch followed redirects: the other site saw the request (3 of 3 runs).
    it('never requests the other site through the background fallback', () => {
      expect(background.offDomain.map((h) => h.url)).toEqual([]);
      expect(background.article?.pageCount).toBe(2);
    });

    it('never requests the other site through the CLI fetch', () => {
      expect(cli.offDomain.map((h) => h.url)).toEqual([]);
    });

    // Was a bug: with a browser's fetch the other site was requested before the pipeline could
    // refuse it (`redirect: 'manual'` gives an opaque redirect whose Location is hidden, and the
    // pipeline then fetched again with `redirect: 'follow'`). Now only the page the person asked for
    // follows a hidden redirect (load-page.ts, followHiddenRedirects).
    it('never requests the other site through a browser-like fetch', () => {
      expect(browser.offDomain.map((h) => h.url)).toEqual([]);
    });
  });

  it('the page the person asked for follows a hidden redirect, as a browser would: same site read, another site refused', async () => {
    server.reset();
    const moved = 'http://news.xinhuanet.com/world/2019-12/10/c_1129000008.htm';
    const home = 'http://www.xinhuanet.com/world/2019-12/10/c_1129000008.htm';
    const away = 'http://news.xinhuanet.com/world/2019-12/10/c_1129000009.htm';
    server.route(moved, { status: 301, headers: { location: home }, body: '' });
    server.route(home, { body: xhPage(home, 1, '') });
    server.route(away, { status: 302, headers: { location: 'http://evil.example/moved.htm' }, body: '' });
    server.route('http://evil.example/moved.htm', { body: xhPage('http://evil.example/moved.htm', 1, '').replace(/第1页正文/g, '被劫持的正文') });
    const article = await readWholeArticle({ url: moved, fetch: hostFetch(server), dom, timeoutMs: 3000 });
    expect(article.textContent).toContain('第1页正文');
    const error = await readWholeArticle({ url: away, fetch: hostFetch(server), dom, timeoutMs: 3000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArticleError);
    expect((error as ArticleError).message).toMatch(/redirected to another site \(evil\.example\)/);
  });

  it('a redirect loop on the same site: bounded, the page is reported failed', async () => {
    server.reset();
    const base = 'http://www.xinhuanet.com/world/2019-12/10/c_1129000006';
    server.fallback(({ url }) => {
      const n = xhNumber(url, base);
      if (n === 2) return { status: 302, headers: { location: `${xh(2, base)}?loop=${Number(url.searchParams.get('loop') ?? 0) + 1}` }, body: '' };
      if (n !== 1) return { status: 404, body: 'no' };
      return { body: xhPage(url.href, 1, `<div id="div_currpage">&nbsp;&nbsp; <span class="page-Article">1</span> <a href="${xh(2, base)}" class="page-Article">2</a>&nbsp;&nbsp;</div>`) };
    });
    const run = await runTrap('redirect loop (same site)', xh(1, base), { docId: (u) => u.href });
    expect(run.offDomain).toEqual([]);
    expect(run.article?.pageCount).toBe(2);
    expect(run.article?.failedPages[0]).toMatchObject({ page: 2, reason: expect.stringMatching(/HTTP 30\d|redirect/i) });
    // A browser fetch follows 20 redirects before giving up; the pipeline does not retry a 3xx.
    expect(run.hits.length).toBeLessThanOrEqual(50);
    expect(run.ms).toBeLessThan(10_000);
  });

  describe('200 pages listed in the pager', () => {
    const base = 'http://js.people.com.cn/n2/2022/0213/c360307-35999002';
    const pdUrl = (n: number, count: number) => `${base}${n > 1 ? `-${n}` : ''}.html`;
    const listed = (count: number) => {
      server.reset();
      server.fallback(({ url }) => {
        const m = /c360307-35999002(?:-(\d+))?\.html$/.exec(url.pathname);
        if (!m) return { status: 404, body: 'no' };
        const n = Number(m[1] ?? 1);
        const pager = `<div class="zdfy clearfix">${Array.from({ length: count }, (_, i) => `<a href="${new URL(pdUrl(i + 1, count)).pathname}">【${i + 1}】</a>`).join('')}</div>`;
        return { body: framePage('people-2022', { url: url.href, urls: [url.href], page: n, body: `${pager}${bodyText(n)}` }) };
      });
    };

    it('reads at most 30 by default', async () => {
      listed(200);
      const run = await runTrap('200 pages listed', pdUrl(1, 200));
      expectContained(run, 30);
      expect(run.ms).toBeLessThan(20_000);
    });

    it('reads at most maxPages (12), and maxPages 1 reads only the page given', async () => {
      const run = await runTrap('200 pages listed, maxPages 12', pdUrl(1, 200), { maxPages: 12 });
      expect(run.hits.length).toBeLessThanOrEqual(12);
      expect(run.article?.pageCount).toBeLessThanOrEqual(12);
      const one = await runTrap('200 pages listed, maxPages 1', pdUrl(1, 200), { maxPages: 1 });
      expect(one.hits.length).toBe(1);
      expect(one.article?.pageCount).toBe(1);
    });

    it('300 listed pages (numbers past 200 are never believed): still at most 30', async () => {
      listed(300);
      const run = await runTrap('300 pages listed, start on page 7', pdUrl(7, 300));
      expect(run.offDomain).toEqual([]);
      expect(run.hits.length).toBeLessThanOrEqual(30);
      expect(run.duplicates).toEqual([]);
    });
  });
});
