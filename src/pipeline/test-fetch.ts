/** Test helpers: an in-memory fetch and People's Daily / Xinhua-like page builders. Not shipped. */
import iconv from 'iconv-lite';
import type { FetchLike, ResponseLike } from './types';

export interface FakeResponse {
  status?: number;
  statusText?: string;
  contentType?: string | null;
  /** Final URL after redirects (default: the requested URL). */
  url?: string;
  body?: string | Uint8Array;
}

/** What a route answers: a response, or a function of the call (1-based per URL) that returns one. */
export type Route = FakeResponse | ((call: number, init: Parameters<FetchLike>[1]) => FakeResponse | Promise<FakeResponse>);

export function toResponse(url: string, r: FakeResponse): ResponseLike {
  const status = r.status ?? 200;
  const bytes = typeof r.body === 'string' ? new TextEncoder().encode(r.body) : (r.body ?? new Uint8Array());
  const headers: Record<string, string> = {};
  if (r.contentType !== null) headers['content-type'] = r.contentType ?? 'text/html; charset=utf-8';
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: r.statusText ?? '',
    url: r.url ?? url,
    headers: { get: (name: string) => headers[name.toLowerCase()] ?? null },
    arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer,
  };
}

/** A fetch over a table of routes; unknown URLs answer 404. `calls` lists every URL requested. */
export function fakeFetch(routes: Record<string, Route>): FetchLike & { calls: string[]; count(url: string): number } {
  const calls: string[] = [];
  const fn = (async (url: string, init?: Parameters<FetchLike>[1]) => {
    calls.push(url);
    if (init?.signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
    const route = routes[url];
    if (!route) return toResponse(url, { status: 404, statusText: 'Not Found', body: 'not found' });
    const call = calls.filter((u) => u === url).length;
    const r = typeof route === 'function' ? await route(call, init) : route;
    return toResponse(url, r);
  }) as FetchLike & { calls: string[]; count(url: string): number };
  fn.calls = calls;
  fn.count = (url: string) => calls.filter((u) => u === url).length;
  return fn;
}

/** A promise that never settles unless the signal aborts (then it rejects like fetch does). */
export function hang(signal?: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')), { once: true });
  });
}

export const gb = (s: string): Uint8Array => new Uint8Array(iconv.encode(s, 'gb18030'));

// People's Daily 2019 (/n1/) ------------------------------------------------------------------

export const PD_TITLE = '推进文化遗产保护利用';
export const PD_BASE = 'http://culture.people.com.cn/n1/2019/0615/c1013-31153719';
export const pdUrl = (n: number): string => (n === 1 ? `${PD_BASE}.html` : `${PD_BASE}-${n}.html`);
const pdPath = (n: number): string => new URL(pdUrl(n)).pathname;

/** One distinctive sentence per page. */
export const pdMarker = (n: number): string => `第${n}页标志句：文物保护工作者在这里守护了三十年，编号三一一五三七一九之${n}。`;

/** A People's Daily 2019 page: GB2312 meta beside the Content-Language trap, `.zdfy` pager, image next, `(责编：…)`. */
export function peoplePage(n: number, count: number): string {
  const suffix = n > 1 ? `【${n}】` : '';
  const pager =
    count > 1
      ? `<div class="zdfy clearfix">${Array.from({ length: count }, (_, i) => `<a href="${pdPath(i + 1)}">【${i + 1}】</a>`).join('')}</div>
<center><table border="0" align="center" width="40%"><tbody><tr>${
          n > 1 ? `<td width="50%" align="center"><a href="${pdPath(n - 1)}"><img src="/img/prev_page.jpg" border="0"></a></td>` : ''
        }${n < count ? `<td width="50%" align="center"><a href="${pdPath(n + 1)}"><img src="/img/next_page.jpg" border="0"></a></td>` : ''}</tr></tbody></table></center>`
      : '<div class="zdfy clearfix"></div><center><table border="0" align="center" width="40%"><tbody><tr></tr></tbody></table></center>';
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="Content-Language" content="utf-8" />
<meta http-equiv="content-type" content="text/html;charset=GB2312"/>
<title>${PD_TITLE}${suffix}--文化--人民网 </title>
<meta name="publishdate" content="2019-06-15">
<meta name="author" content="104363">
</head><body>
<div class="header"><a href="http://www.people.com.cn/">人民网首页</a> <a href="http://culture.people.com.cn/">文化</a></div>
<div class="clearfix w1000_320 text_title">
  <h1>${PD_TITLE}${suffix}</h1>
  <div class="box01"><div class="fl">2019年06月15日08:18&nbsp;&nbsp;来源：<a href="http://culture.people.com.cn/" target="_blank">人民网-文化频道</a></div>
  <div class="fr"><div class="fx">分享到：</div></div></div>
</div>
<div class="clearfix w1000_320 text_con">
<div class="fl text_con_left">
<div class="box_con" id="rwb_zw">
<p>　　${pdMarker(n)}</p>
<p>　　这是第${n}页的第二段。记者从国家文物局获悉，今年的文化和自然遗产日主场城市活动将在多地同步举行，展示近年来文物保护利用的新成果，推动文化遗产走进百姓生活。</p>
${n === 1 ? `<p style="text-align: center;"><a href="${pdPath(2)}"><img src="/NMediaFile/2019/0615/MAIN201906150818000123.jpg" width="600" height="400"></a></p>` : ''}
<p>　　这是第${n}页的第三段。专家表示，文物保护既要守住底线，也要让文物活起来，通过数字化手段、博物馆教育和文旅融合，让更多人了解历史、热爱传统文化，这需要各方面共同努力。</p>
${pager}
<div class="edit clearfix">(责编：王甜、王静)</div>
</div>
<div class="box_tjyd" id="rwb_tjyd"><h2>推荐阅读</h2><ul><li><a href="/n1/2019/0614/c1013-31150000.html">另一篇文章的标题在这里</a></li></ul></div>
</div></div>
</body></html>`;
}

/** The bytes the server sends: GB2312 (as gb18030) with no charset in the header. */
export const peopleRoute = (n: number, count: number): FakeResponse => ({ body: gb(peoplePage(n, count)), contentType: 'text/html' });

// People's Daily Online English 2013 (the seed example) ----------------------------------------

export const EN_TITLE = 'Lu Wei: Liberty and Order in Cyberspace (Full Text)';
export const EN_BASE = 'http://english.people.com.cn/90883/8395871';
export const enUrl = (n: number): string => (n === 1 ? `${EN_BASE}.html` : `${EN_BASE}-${n}.html`);
export const enMarker = (n: number): string => `Marker sentence of page ${n}: the Internet has brought profound changes to the way people live.`;

/** Page N of the 4-page seed article, with all the chrome SITES.md lists around and inside the body. */
export function englishPage(n: number, count = 4): string {
  const pager =
    `<br><center>${Array.from({ length: count }, (_, i) => i + 1)
      .map((k) => (k === n ? `<a class="common_current_page">【${k}】</a>` : `<a href="${enUrl(k)}" class="abl2">【${k}】</a>`))
      .join('')}</center><br>` +
    `<center><table border="0" align="center" width="40%"><tr>` +
    (n > 1 ? `<td width="50%" align="center"><a href="${enUrl(n - 1)}"><img src="/img/2007english/Previous.jpg" border="0"></a></td>` : '') +
    (n < count ? `<td width="50%" align="center"><a href="${enUrl(n + 1)}"><img src="/img/2007english/Next.jpg" border="0"></a></td>` : '') +
    `</tr></table></center>`;
  return `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>${EN_TITLE}${n > 1 ? ` (${n})` : ''} - People's Daily Online</title></head><body>
<div class="w980 wb_1 clear"><a href="http://english.people.com.cn/">English</a>&gt;&gt;<a href="http://english.people.com.cn/90883/">Foreign Affairs</a></div>
<div class="w980 wb_2 clear"><div class="fl">
<h1>${EN_TITLE}${n > 1 ? ` (${n})` : ''}</h1>
<div class="wb_10">(Xinhua)&nbsp;&nbsp;&nbsp;&nbsp;08:35, September 10, 2013</div>
<div class="wb_11"><a href="#">Email</a>|<a href="#">Print</a>|<a href="#">Comments</a> <a href="http://twitter.com/share">twitter</a> <a href="http://www.facebook.com/share.php">facebook</a> <a href="http://v.t.sina.com.cn/share/share.php">Sina Microblog</a> <a href="http://www.reddit.com/submit">reddit</a></div>
<div class="wb_12 wb_left">
<p>${enMarker(n)}</p>
<p>This is the second paragraph of page ${n}. Cyberspace is a new frontier of human activity, and countries share common interests and responsibilities in keeping it secure, open and orderly for everyone.</p>
<p>This is the third paragraph of page ${n}. Freedom and order are two sides of the same coin: without order there is no freedom, and without freedom order loses its meaning for the people it serves.</p>
${pager}
<p>(Editor:ZhangQian、Yao Chun)</p>
<div class="wb_13"><h3>We Recommend</h3><ul><li><a href="http://english.people.com.cn/90883/8390000.html">Another story headline</a></li><li><a href="http://english.people.com.cn/90883/8390001.html">Yet another headline</a></li></ul></div>
</div></div>
<div class="fr"><h3>Most Viewed</h3><ol><li><a href="http://english.people.com.cn/90882/8391111.html">A popular story</a></li></ol>
<h3>Key Words</h3><a href="http://english.people.com.cn/search?k=internet">Internet</a> <a href="http://english.people.com.cn/search?k=order">order</a></div>
</div></body></html>`;
}
