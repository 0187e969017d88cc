/**
 * Made-up People's Daily pages for the tests: one builder (`buildPeoplePage`) for the site's two
 * Chinese layouts SITES.md describes (2019 `/n1/` with `#rwb_zw`, 2020+ with `h1#newstit` and
 * `.rm_txt_con`), over the one pager builder (`peoplePager`, shared with the bench's synthetic
 * article), plus the English edition's seed article. Not shipped.
 */
import { peoplePager } from '../../src/eval/synthetic-article';
import { gb, type FakeResponse } from './fake-fetch';

export { peoplePager } from '../../src/eval/synthetic-article';

export interface PeoplePageSpec {
  /** `n1-2019`: `.box_con#rwb_zw`, GB2312 meta beside a Content-Language trap; `rm-2022`: `h1#newstit`, `.rm_txt_con`, UTF-8. */
  layout: 'n1-2019' | 'rm-2022';
  title: string;
  /** 1-based page. */
  n: number;
  count: number;
  /** Path of 1-based page k. */
  pathOf: (k: number) => string;
  /** The body's paragraphs (text, no markup). */
  paragraphs: readonly string[];
  /** 2019 layout: an image linking to page 2 after the second paragraph of page 1 (as on the real page). */
  imageLinkToNext?: boolean;
}

/** One page of a People's Daily article: title and h1 with `【n】` after page 1, the `.zdfy` pager, an editor line. */
export function buildPeoplePage(spec: PeoplePageSpec): string {
  const { n, count, pathOf, title } = spec;
  const suffix = n > 1 ? `【${n}】` : '';
  const hrefs = count > 1 ? Array.from({ length: count }, (_, i) => pathOf(i + 1)) : [];
  if (spec.layout === 'rm-2022') {
    const pager = peoplePager(hrefs, n - 1, count > 1 ? { gap: '\n' } : { table: 'when-next' });
    return `<!DOCTYPE html>
<html>
<head>
<meta http-equiv="content-type" content="text/html;charset=UTF-8">
<title>${title}${suffix}--文化--人民网 </title>
<meta name="keywords" content="城市书房">
</head>
<body>
<div class="nav"><a href="/">人民网</a> &gt;&gt; <a href="/GB/87423/">文化</a></div>
<div class="layout rm_txt">
  <div class="col col-1 fl">
    <h1 id="newstit">${title}${suffix}</h1>
    <div class="channel cf"><div class="col-1-1 fl">2022年02月13日07:48 | 来源：<a href="http://www.people.com.cn">人民网－人民日报</a></div></div>
    <div class="rm_txt_con cf">
${spec.paragraphs.map((p) => `      <p style="text-indent: 2em;">${p}</p>`).join('\n')}
${pager}
      <div class="edit cf">(责编：王五、赵六)</div>
    </div>
    <div class="rm_relevant"><h2>相关新闻</h2><ul><li><a href="/n1/2022/0212/c1013-1.html">另一条新闻</a></li></ul></div>
  </div>
</div>
<div class="footer">人民网版权所有，未经书面授权禁止使用</div>
</body>
</html>
`;
  }
  const pager = peoplePager(hrefs, n - 1, { gap: count > 1 ? '\n' : '' });
  const [first, ...rest] = spec.paragraphs.map((p) => `<p>　　${p}</p>`);
  const image =
    spec.imageLinkToNext && n === 1
      ? `<p style="text-align: center;"><a href="${pathOf(2)}"><img src="/NMediaFile/2019/0615/MAIN201906150818000123.jpg" width="600" height="400"></a></p>`
      : '';
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="Content-Language" content="utf-8" />
<meta http-equiv="content-type" content="text/html;charset=GB2312"/>
<title>${title}${suffix}--文化--人民网 </title>
<meta name="publishdate" content="2019-06-15">
<meta name="author" content="104363">
</head><body>
<div class="header"><a href="http://www.people.com.cn/">人民网首页</a> <a href="http://culture.people.com.cn/">文化</a></div>
<div class="clearfix w1000_320 text_title">
  <h1>${title}${suffix}</h1>
  <div class="box01"><div class="fl">2019年06月15日08:18&nbsp;&nbsp;来源：<a href="http://culture.people.com.cn/" target="_blank">人民网-文化频道</a></div>
  <div class="fr"><div class="fx">分享到：</div></div></div>
</div>
<div class="clearfix w1000_320 text_con">
<div class="fl text_con_left">
<div class="box_con" id="rwb_zw">
${first ?? ''}
${rest[0] ?? ''}
${image}
${rest.slice(1).join('\n')}
${pager}
<div class="edit clearfix">(责编：王甜、王静)</div>
</div>
<div class="box_tjyd" id="rwb_tjyd"><h2>推荐阅读</h2><ul><li><a href="/n1/2019/0614/c1013-31150000.html">另一篇文章的标题在这里</a></li></ul></div>
</div></div>
</body></html>`;
}

// People's Daily 2019 (/n1/): the pipeline tests' article ---------------------------------------

export const PD_TITLE = '推进文化遗产保护利用';
export const PD_BASE = 'http://culture.people.com.cn/n1/2019/0615/c1013-31153719';
export const pdUrl = (n: number): string => (n === 1 ? `${PD_BASE}.html` : `${PD_BASE}-${n}.html`);
const pdPath = (n: number): string => new URL(pdUrl(n)).pathname;

/** One distinctive sentence per page. */
export const pdMarker = (n: number): string => `第${n}页标志句：文物保护工作者在这里守护了三十年，编号三一一五三七一九之${n}。`;

/** Page n of the pipeline tests' 2019 article: GB2312 meta beside the Content-Language trap, `.zdfy` pager, image next, `(责编：…)`. */
export function peoplePage(n: number, count: number): string {
  return buildPeoplePage({
    layout: 'n1-2019',
    title: PD_TITLE,
    n,
    count,
    pathOf: pdPath,
    imageLinkToNext: true,
    paragraphs: [
      pdMarker(n),
      `这是第${n}页的第二段。记者从国家文物局获悉，今年的文化和自然遗产日主场城市活动将在多地同步举行，展示近年来文物保护利用的新成果，推动文化遗产走进百姓生活。`,
      `这是第${n}页的第三段。专家表示，文物保护既要守住底线，也要让文物活起来，通过数字化手段、博物馆教育和文旅融合，让更多人了解历史、热爱传统文化，这需要各方面共同努力。`,
    ],
  });
}

/** The bytes the server sends: GB2312 (as gb18030) with no charset in the header. */
export const peopleRoute = (n: number, count: number): FakeResponse => ({ body: gb(peoplePage(n, count)), contentType: 'text/html' });

// People's Daily Online English 2013 (the seed example) ----------------------------------------

export const EN_TITLE = 'Lu Wei: Liberty and Order in Cyberspace (Full Text)';
export const EN_BASE = 'http://english.people.com.cn/90883/8395871';
export const enUrl = (n: number): string => (n === 1 ? `${EN_BASE}.html` : `${EN_BASE}-${n}.html`);
export const enMarker = (n: number): string => `Marker sentence of page ${n}: the Internet has brought profound changes to the way people live.`;

/** The English edition's CMS pager: a current-page marker (`a.common_current_page`), `a.abl2` links, Previous/Next images. */
export function peopleCmsPager(hrefs: readonly string[], cur: number, imgDir = '/img/2007english', prevImg = 'Previous.jpg', nextImg = 'Next.jpg'): string {
  const prev = cur > 0 ? hrefs[cur - 1] : null;
  const next = cur < hrefs.length - 1 ? hrefs[cur + 1] : null;
  const nums = hrefs
    .map((h, i) => (i === cur ? `<a class="common_current_page">【${i + 1}】</a>` : `<a href="${h}" class="abl2">【${i + 1}】</a>`))
    .join('');
  return (
    `<br><center>${nums}</center><br>\n<center><table border="0" align="center" width="40%"><tr>\n` +
    (prev ? `  <td width="50%" align="center"><a href="${prev}"><img src="${imgDir}/${prevImg}" border="0"></a></td>\n` : '') +
    (next ? `  <td width="50%" align="center"><a href="${next}"><img src="${imgDir}/${nextImg}" border="0"></a></td>\n` : '') +
    `</tr></table></center>`
  );
}

/** Page N of the 4-page seed article, with all the chrome SITES.md lists around and inside the body. */
export function englishPage(n: number, count = 4): string {
  const pager = peopleCmsPager(
    Array.from({ length: count }, (_, i) => enUrl(i + 1)),
    n - 1,
  );
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
