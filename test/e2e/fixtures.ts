/**
 * Articles the e2e tests serve, written into a temporary folder as fixture cases: a Chinese
 * People's Daily article (test/server/synthetic-article.ts), a single page, and an English
 * Xinhua article in GB2312 like the 2010s English edition. The fixtures of `test/pages` are
 * not required, so these tests run whatever state those are in.
 */
import path from 'node:path';
import iconv from 'iconv-lite';
import { writeCase, type CasePage } from '../server/news-site';
import { writeSyntheticArticle, type SyntheticArticle } from '../server/synthetic-article';

export interface E2eFixtures {
  chinese: SyntheticArticle;
  single: SyntheticArticle;
  english: SyntheticArticle;
  dirs: string[];
}

/**
 * The page frame of a People's Daily article (2022 layout: `h1#newstit`, `.rm_txt_con`, the `.zdfy`
 * pager 【1】【2】… by path when there are pages, an editor line): page `n`'s HTML around its body markup. The title and
 * headline carry `【n】` after page 1, as the site's do.
 */
export function peopleFrame(spec: { title: string; headline?: string; date: string; channel: string; urls: readonly string[]; lang?: string; editor?: string }): (n: number, body: string) => string {
  const pager = spec.urls.length < 2 ? '' : `<div class="zdfy clearfix">${spec.urls.map((url, i) => `<a href="${new URL(url).pathname}">【${i + 1}】</a>`).join('')}</div>`;
  const suffix = (n: number) => (n === 1 ? '' : `【${n}】`);
  return (n, body) => `<!DOCTYPE html>
<html${spec.lang ? ` lang="${spec.lang}"` : ''}><head><meta charset="utf-8"><title>${spec.title}${suffix(n)}--${spec.channel}--人民网</title></head>
<body><div class="layout rm_txt"><div class="col col-1 fl">
<h1 id="newstit">${spec.headline ?? spec.title}${suffix(n)}</h1>
<div class="channel cf"><div class="col-1-1 fl">${spec.date} | 来源：<a href="http://www.people.com.cn">人民网－人民日报</a></div></div>
<div class="rm_txt_con cf">
${body}
${pager}
<div class="edit cf">(责编：${spec.editor ?? '王五'})</div>
</div></div></div></body></html>
`;
}

export const ENGLISH_TITLE = 'Night trains bring remote valleys closer to the cities';

/** An English Xinhua article (`c_ID_N.htm`, `#div_currpage` pager), bytes in GB2312. */
export function writeEnglishArticle(dir: string, pages = 3): SyntheticArticle {
  const host = 'www.xinhuanet.com';
  const id = 138277311;
  const pathOf = (n: number) => `/english/2019-12/10/c_${id}${n === 1 ? '' : `_${n}`}.htm`;
  const urls = Array.from({ length: pages }, (_, i) => `http://${host}${pathOf(i + 1)}`);
  const markers = Array.from({ length: pages }, (_, i) => `Marker sentence of page ${i + 1}: the conductor checked every ticket twice.`);
  const casePages: Record<string, CasePage> = {};
  const files: Record<string, Uint8Array> = {};
  for (let n = 1; n <= pages; n++) {
    const pager = `<div id="div_currpage">${Array.from({ length: pages }, (_, i) =>
      i + 1 === n ? `<span class="page-Article">${i + 1}</span>` : `<a href="${pathOf(i + 1)}" class="page-Article">${i + 1}</a>`,
    ).join('&nbsp;')}${n < pages ? `&nbsp;<a href="${pathOf(n + 1)}" class="nextpage">Next Page</a>` : ''}</div>`;
    const html = `<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>${ENGLISH_TITLE}${n > 1 ? ` (${n})` : ''} - Xinhua | English.news.cn</title>
<meta name="publishdate" content="2019-12-10">
</head>
<body>
<div class="nav"><a href="/english/">Home</a> | <a href="/english/china/">China</a></div>
<div id="Title">${ENGLISH_TITLE}</div>
<div class="info"><span id="Time">2019-12-10 16:05:32</span> <span id="Source">Source: Xinhua</span></div>
<div id="content">
<p>${markers[n - 1]}</p>
<p>The overnight service on page ${n} leaves the provincial capital at nine in the evening and reaches the mountain county before dawn, carrying students, traders and families with bags of vegetables.</p>
<p>Local officials said ridership had doubled since the line opened, and that the fare, at less than a bus ticket, was kept low on purpose. This is the third paragraph of page ${n}.</p>
<p>"I used to spend two days on the road to sell my tea," said a farmer who boards the train every week. "Now I sleep on the way and sell in the morning." Fourth paragraph, page ${n}.</p>
${pager}
</div>
<div class="editor">[Editor: Li Ming]</div>
<div class="footer">Copyright &copy; Xinhua. All rights reserved.</div>
</body>
</html>
`;
    const file = `page-${n}.html`;
    files[file] = iconv.encode(html, 'gb2312');
    casePages[urls[n - 1]!] = { file, contentType: 'text/html; charset=GB2312' };
  }
  writeCase(dir, { start: urls[0]!, pages: casePages }, files);
  return { dir, urls, start: urls[0]!, title: ENGLISH_TITLE, markers };
}

export function writeE2eFixtures(root: string): E2eFixtures {
  const chinese = writeSyntheticArticle(path.join(root, 'people-5-pages'), { pages: 5, startPage: 3, id: 32351234 });
  const single = writeSyntheticArticle(path.join(root, 'people-single'), { pages: 1, startPage: 1, id: 32350001 });
  const english = writeEnglishArticle(path.join(root, 'xinhua-english'));
  return { chinese, single, english, dirs: [chinese.dir, single.dir, english.dir] };
}
