/**
 * The multi-page cases of `npm run eval`: every first or middle page of a multi-page article or
 * chain in ../shared/corpus (INDEX notes "FIRST page of a multi-page article" / "MIDDLE page", or
 * `MULTIPAGE links:` in has_pagination: 18 pages on 11 sites), each turned into a whole article
 * from its own template by the one generator in generate.ts, plus the TRAP pages.
 *
 * Page counts are the pager's own (where it shows more pages than INDEX's sibling list, the pager
 * wins: chinaneast has [1]..[6], the big5 food article 1..9). Charsets: pages the corpus kept in
 * their raw GB2312/GBK bytes are served in GBK / GB18030; Xinhua's big5 gateway pages (stored as
 * UTF-8 with the meta rewritten, but with `&#33527;` left where Big5 had no character) are served
 * in Big5 with the meta saying so; the DAnIEL pages whose original charset was not kept are served
 * as stored, UTF-8.
 *
 * Held out (the engine is not tuned on these sites): china.com.cn, ynet.com, caixun.com (both),
 * gamersky, cclw.net (HELD_OUT).
 *
 * One row a case, with only what is its own; `multiPage` and `trap` fill in the rest (CaseRow).
 */
import type { CaseExpectation, MultiPageCase, NavSlot, TrapCase } from './types';

const HELD_OUT: ReadonlySet<string> = new Set(['chinacomcn', 'ynet', 'caixun', 'gamersky', 'cclw']);

const MERGE = (why: string) => ({ kind: 'merge' as const, reason: why });

const NUMBERED = 'a numbered pager of one article: every page belongs to it';

/**
 * Next and previous links that the site leaves out where there is no such page (no disabled form):
 * the template, page 1, has no previous link, so on the other pages it goes in after `after`.
 */
const nextPrev = (next: string, prev: string, after: string): NavSlot[] => [
  { rel: 'next', link: next, off: '' },
  { rel: 'prev', link: prev, off: '', after },
];

/**
 * Pages 1..n of `pattern`, whose `{…k}` slot is empty on page 1 and on page k is its separator
 * and k: `{_k}` → `_2`, `{-k}` → `-2`; `{_k-1}` counts from 0 (`_1` on page 2), `{_0k-1}` writes
 * that with a leading 0 (`_01`).
 */
function paged(n: number, pattern: string): string[] {
  const slot = /\{([_-])(0?)k(-1)?\}/;
  const m = slot.exec(pattern);
  if (!m) throw new Error(`no page slot in ${pattern}`);
  return Array.from({ length: n }, (_, i) => pattern.replace(slot, i === 0 ? '' : `${m[1]}${m[2]}${i + 1 - (m[3] ? 1 : 0)}`));
}

/**
 * A case as the table writes it. Filled in by `multiPage`: `site`, the corpus folder unless named;
 * `holdout`, from HELD_OUT; `contentType`, `text/html` unless named; `expect`, a numbered pager's
 * merge unless named; `hrefs: 'file'` / `'path'`, each page's address as its file name / its path.
 */
type CaseRow = Omit<MultiPageCase, 'site' | 'holdout' | 'hrefs' | 'contentType' | 'expect'> & {
  site?: string;
  hrefs?: string[] | 'file' | 'path';
  contentType?: string;
  expect?: CaseExpectation;
};

/** The site family: as named, else the corpus folder (`people/…` → people). */
const siteOf = (site: string | undefined, file: string): string => site ?? file.slice(0, file.indexOf('/'));

function multiPage({ site, hrefs, contentType, expect, ...row }: CaseRow): MultiPageCase {
  const named = siteOf(site, row.file);
  const links = hrefs === 'file' ? row.urls.map((u) => u.slice(u.lastIndexOf('/') + 1)) : hrefs === 'path' ? row.urls.map((u) => new URL(u).pathname) : hrefs;
  return {
    ...row,
    site: named,
    holdout: HELD_OUT.has(named),
    ...(links ? { hrefs: links } : {}),
    contentType: contentType ?? 'text/html',
    expect: expect ?? MERGE(NUMBERED),
  };
}

function trap({ site, contentType, ...row }: Omit<TrapCase, 'site' | 'holdout' | 'contentType'> & { site?: string; contentType?: string }): TrapCase {
  const named = siteOf(site, row.file);
  return { ...row, site: named, holdout: HELD_OUT.has(named), contentType: contentType ?? 'text/html' };
}

/** Xinhua's big5 gateway (2012): stored as UTF-8 with the meta rewritten, served in Big5; the pager twice. */
const BIG5_GATEWAY: Pick<MultiPageCase, 'headFix' | 'items' | 'nav'> = {
  headFix: [['<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />', '<meta http-equiv="Content-Type" content="text/html; charset=big5" />']],
  items: { current: '<span class="page-Article">{n}</span>', link: '<a href="{href}" class="page-Article">{n}</a>' },
  nav: [
    { rel: 'next', link: '<a href="{href}" class="nextpage">下一頁</a>', off: '' },
    { rel: 'prev', link: '<a href="{href}" class="nextpage">上一頁</a> ', off: '', after: '<div id="div_currpage">&nbsp;&nbsp; ' },
    { rel: 'prev', link: '<a href="{href}" class="nextpage">上一頁</a> ', off: '', after: '<div id="div_page_roll1" style="display:none">&nbsp;&nbsp; ' },
  ],
};

/** xinmin.cn's article template (2011–2012), shared by its photo galleries of both channels. */
const XINMIN_TEMPLATE: Pick<MultiPageCase, 'body' | 'items' | 'nav'> = {
  body: { selector: '#article_info', paragraph: '<p>　　{text}</p>', paragraphs: 2 },
  items: { current: '<a href="{href}" class="selected number">{n}</a>', link: '<a href="{href}" class="unselect number">{n}</a>' },
  nav: nextPrev('<a href="{href}" title="next page" class="unselect">下一页</a>', '<a href="{href}" title="previous page" class="unselect">上一页</a>', '<div style="width:100%; margin:0 auto">'),
};

/** caixun.com's article template (2012): body in #Zoom, div.pagenum with 下一页, 尾页 and 单页阅读. */
const CAIXUN_TEMPLATE: Pick<MultiPageCase, 'body' | 'items' | 'nav'> = {
  body: { selector: '#Zoom', paragraph: '{text}<br><br>' },
  items: { current: '<span>{n}</span>', link: "<a href='{href}' target='_self'>{n}</a>" },
  nav: [
    { rel: 'next', link: "<a href='{href}' target='_self'>下一页</a>", off: '' },
    { rel: 'last', link: "<a href='{href}' target='_self'>尾页</a>", off: '' },
    { rel: 'prev', link: "<a href='{href}' target='_self'>上一页</a>&nbsp;", off: '', after: '<div class="pagenum">' },
    { rel: 'all', link: '<a href="{href}" target="_self">单页阅读</a>' },
  ],
};

export const MULTIPAGE_CASES: MultiPageCase[] = [
  multiPage({ id: 'people-culture', charset: 'gbk', contentType: 'text/html; charset=GB2312', urls: paged(4, 'http://culture.people.com.cn/n1/2019/0615/c1013-31153719{-k}.html'), hrefs: 'path',
    file: 'people/gne_people_1.html',
    body: { selector: '#rwb_zw', from: '<div class="box_pic"></div>', to: '<div class="zdfy', paragraph: '<p style="text-indent: 2em;">\n\t{text}</p>' },
    items: { current: null, link: '<a href="{href}">【{n}】</a>' },
    nav: [
      {
        rel: 'next',
        link: '<center><table border="0" align="center" width="40%"><tbody><tr><td width="50%" align="center"><a href="{href}"><img src="/img/next_page.jpg" border="0"></a></td></tr></tbody></table></center>',
        off: '',
      },
    ],
    note: 'People n1/2019: zdfy pager 【1】..【4】, every page linked (no current marker), image-only next; no ground truth, page 1 generated too; GB2312 served as GBK',
  }),
  multiPage({ id: 'xinhua-chinaneast', charset: 'gbk', urls: paged(6, 'http://chinaneast.xinhuanet.com/jizhe/2005-08/16/content_4894059{_k-1}.htm'),
    file: 'xinhua/a0cb0242-d33a-4a90-b0c4-f27d791e0a9e.html',
    body: { selector: '#Content', to: '<P align="center" class="pagelink">', paragraph: '<P class=MsoNormal style="MARGIN: 0cm 0cm 0pt; TEXT-INDENT: 21pt">{text}</P>' },
    items: { current: null, link: '<a href="{href}" >[{n}]</a>' },
    nav: nextPrev(
      '<a href="{href}" class="nextpage"><img src="http://imgs.xinhuanet.com/icon/newscenter/news_xy.gif"  border="0"></a>',
      '<a href="{href}" class="nextpage"><img src="http://imgs.xinhuanet.com/icon/newscenter/news_sy.gif"  border="0"></a>',
      '<center><table border="0" align="center"><tr><td>',
    ),
    note: 'Xinhua regional channel 2005 (GB2312 raw): pager [1]..[6] with 0-BASED suffixes (page 2 = _1.htm), every page linked, image-only next; the channel template carries a numbered copyright block',
  }),
  multiPage({ id: 'xinhua-big5-legal', charset: 'big5', urls: paged(2, 'http://big5.xinhuanet.com/gate/big5/news.xinhuanet.com/legal/2012-01/12/c_111421282{_k}.htm'),
    file: 'xinhua/20120112_big5.xinhuanet.com_db34279c128eb37aa42d87061ac37c707a90c005bad6d4c88ba084ee.html',
    body: { selector: 'span#content', paragraph: '<p>　　{text}</p>' },
    ...BIG5_GATEWAY,
    note: 'Xinhua big5 gateway 2012, Traditional text: span.page-Article current marker, 下一頁; pager twice (div_currpage and a display:none div_page_roll1); served in Big5, no charset in the header (the meta says big5)',
  }),
  multiPage({ id: 'xinhua-big5-food', charset: 'big5', contentType: 'text/html; charset=big5', urls: paged(9, 'http://big5.xinhuanet.com/gate/big5/news.xinhuanet.com/food/2012-01/16/c_122592817{_k}.htm'),
    file: 'xinhua/20120117_big5.xinhuanet.com_2c2fb8d2e9a862f7dceccbfec8c756c8e53058e5557107298ec1d4d1.html',
    body: { selector: 'span#content', paragraph: '<p>　　{text}</p>', paragraphs: 4 },
    ...BIG5_GATEWAY,
    note: 'Xinhua big5 gateway 2012, 9 pages (the pager lists 1..9; INDEX names the first four siblings); Big5 with charset in the header',
  }),
  multiPage({ id: 'sina-tech', charset: 'utf-8', urls: paged(2, 'http://tech.sina.com.cn/s/2012-01-12/17066632680{_k}.shtml'),
    file: 'sina/20120112_tech.sina.com.cn_146a5009d5c95b6295de0134a65ccf1fa0b06579957e54d0694d7485.html',
    body: { selector: '#artibody', to: '<style type="text/css">\n.blkContainerSblkCon p.page', paragraph: '<p>　　{text}</p>' },
    items: { current: "<span class='cur'>{n}</span>", link: "<a href='{href}'>{n}</a>" },
    nav: [{ rel: 'next', link: "<a href='{href}'>下一页</a>", off: '<span>下一页</span>' }, { rel: 'prev', link: "<a href='{href}'>上一页</a>", off: '<span>上一页</span>' }],
    extra: [{ form: '<!--page_info={N}_{k}_6632680-->' }],
    note: "Sina tech 2012: p.page pager, span.cur current, <span>上一页</span> disabled prev, text next",
  }),
  multiPage({ id: 'chinanews-it', charset: 'utf-8', contentType: 'text/html; charset=utf-8', urls: paged(2, 'http://www.chinanews.com/it/2012/01-12/3600251{_k}.shtml'),
    file: 'chinanews/20120112_www.chinanews.com_9a5f53492be2b3103f3c8bc570ebf714d8c94acb2965d5fa75666f77.html',
    body: { selector: '.left_zw', to: '<!--page_info=', paragraph: '<p>　　{text}</p>' },
    items: { current: '<span>{n}</span>', link: '<a target="_self" href="{href}">{n}</a>' },
    nav: nextPrev('<a target="_self" href="{href}">下一页</a>', '<a target="_self" href="{href}">上一页</a>', '<div id="function_code_page">\r\n'),
    extra: [{ form: '<!--page_info={N}_{k}_3600251-->' }],
    note: 'chinanews 2012: div#function_code_page, <span>1</span> current',
  }),
  multiPage({ id: 'chinacomcn-policy', charset: 'utf-8', urls: paged(5, 'http://www.china.com.cn/policy/txt/2012-01/17/content_24428968{_k}.htm'), hrefs: 'file',
    file: 'chinacomcn/20120117_www.china.com.cn_91da541ce0539d9d3723b4ab72c41b25d2b45797989a0007a4806a51.html',
    body: { selector: '#fontzoom', from: '<!--enpcontent-->', to: '<!--/enpcontent-->', paragraph: '<p>　　{text}</p>' },
    items: { current: '<span>{n}</span>', link: '<a href="{href}">{n}</a>' },
    nav: nextPrev('<a href="{href}">下一页</a>', '<a href="{href}">上一页</a>&#160;&#160; ', '<div width="100%" id="autopage">\n<center>'),
    note: 'china.com.cn 2012: RELATIVE pager links content_ID_N.htm inside <center> in div#autopage, <span>1</span> current',
  }),
  multiPage({ id: 'dbw-ent', site: 'dbw', charset: 'utf-8', urls: paged(2, 'http://entertainment.dbw.cn/system/2011/12/09/053572901{_0k-1}.shtml'),
    file: 'other/20111209_entertainment.dbw.cn_8fa5bdab49279054df3545634ea584e90ce02a9639ff58106cb9f2ca.html',
    body: { selector: 'td.black14', from: '<!--function content() parse begin-->', to: '<div id="news_more_page_div_id"', paragraph: '<p>　　{text}</p>' },
    items: { current: '&nbsp;[{n}]&nbsp;', link: '<a href={href}>[{n}]</a>' },
    nav: nextPrev('<a href= {href}>下一页</a>', '<a href= {href}>上一页</a>&nbsp;', '<div id="news_more_page_div_id" align="center"  >'),
    truthFix: {
      append: ['美女主播成为了热门话题后，另一位已嫁做人妇的同行却无辜受牵连被挖出了两年多前的照片，实在无奈。', '相关阅读：韩美女主播亮"双球"镜头曝光韩版林依晨实为童颜巨乳'],
      why: 'the reference stops at the two photos: it leaves out the sentence under them (article text, the last paragraph of #content before the pager) and the last plain-text 相关阅读 line, while it keeps the first 相关阅读 line and the two lines of headlines after it, which are the same kind (plain text in the body, no links)',
    },
    note: 'dbw.cn 2011: page 2 = ID_01.shtml (two-digit 0-based suffix), plain-text [1] current, UNQUOTED hrefs; the truth of page 1 is completed (truthFix)',
  }),
  multiPage({ id: 'xinmin-ent', site: 'xinmin', charset: 'utf-8', contentType: 'text/html; charset=utf-8', urls: paged(6, 'http://ent.xinmin.cn/2011/12/15/12987294{_k}.html'), hrefs: 'file',
    file: 'other/20111215_ent.xinmin.cn_177dcc6c9439f6f67decc8cf948b7ab891a1e9abd32fa4ceaaad3d32.html',
    ...XINMIN_TEMPLATE,
    expect: MERGE('a photo gallery whose pager numbers its pages 1..6: one caption per page, all one piece'),
    note: 'xinmin.cn 2011 PHOTO GALLERY: relative links, a.selected (a link) current, title="next page"; 2 short paragraphs a page',
  }),
  multiPage({ id: 'xinmin-news', site: 'xinmin', charset: 'utf-8', urls: paged(4, 'http://news.xinmin.cn/2012/01/17/13362311{_k}.html'), hrefs: 'file',
    file: 'other/20120117_news.xinmin.cn_2cb0611a8b127e6691ecf5e74bd678122ffceabd2f9bfced1609dc8f.html',
    ...XINMIN_TEMPLATE,
    expect: MERGE('a photo gallery whose pager numbers its pages 1..4'),
    note: 'xinmin.cn 2012 news PHOTO GALLERY, same template as xinmin-ent (CRLF line ends)',
  }),
  multiPage({ id: 'ynet-finance', site: 'ynet', charset: 'utf-8', urls: paged(3, 'http://finance.ynet.com/3.1/1201/16/6705623{_k}.html'), hrefs: 'file',
    file: 'other/20120117_finance.ynet.com_660acfc31310c59631135a660b50de3a4abf75a443e1faa519783369.html',
    body: { selector: '#pzoom', from: '<p><span style="color:#999;"></span>', to: '<p class="tr"', paragraph: '<p>\r\n\t　　{text}</p>' },
    items: { current: '<a href="{href}" target="_top" class="o obg">{n}</a>', link: '<a href="{href}" target="_top" class="o">{n}</a>' },
    nav: nextPrev('<a id="nextPage" href="{href}" target="_top" class="o">下一页</a>', '\r\n            <a id="prePage" href="{href}" target="_top" class="o">上一页</a>', '<div class="vc">'),
    note: 'ynet.com 2012: relative links, "第 1 2 3 页", a.obg (a link) current, a#nextPage; the 本文导读 deck box stands on every page',
  }),
  multiPage({ id: 'caixun-stocks', site: 'caixun', charset: 'utf-8', urls: paged(3, 'http://stocks.caixun.com/content/20120112/NE034juu{-k}.html'), hrefs: 'file',
    file: 'other/20120112_stocks.caixun.com_17be7dec823cea22fc087950e03b71a2288517df011f26dc1e362510.html',
    ...CAIXUN_TEMPLATE,
    wholePage: { url: 'http://stocks.caixun.com/content/20120112/NE034juu-all.html', href: 'NE034juu-all.html' },
    expect: MERGE(`${NUMBERED}; the 单页阅读 (read on one page) link serves the whole article, which a reader may read instead`),
    note: 'caixun.com 2012: ALPHANUMERIC id, hyphen suffix ID-N.html, div.pagenum, 下一页 + 尾页, and a 单页阅读 whole-article page (-all.html, served)',
  }),
  multiPage({ id: 'caixun-biz', site: 'caixun', charset: 'utf-8', contentType: 'text/html; charset=utf-8', urls: paged(2, 'http://biz.caixun.com/content/20120117/NE034rhg{-k}.html'), hrefs: 'file',
    file: 'other/20120117_biz.caixun.com_e46b253d9da640fe10b2f18e29ba668ab7a914d9d5f9e4d093d492f9.html',
    ...CAIXUN_TEMPLATE,
    wholePage: { url: 'http://biz.caixun.com/content/20120117/NE034rhg-all.html', href: 'NE034rhg-all.html' },
    expect: MERGE(`${NUMBERED}; a 单页阅读 whole-article page exists`),
    note: 'caixun.com 2012, 2 pages, hyphen suffix, 单页阅读 whole-article page served',
  }),
  multiPage({ id: 'guancha', charset: 'utf-8', contentType: 'text/html; charset=utf-8', urls: paged(2, 'https://m.guancha.cn/WangWen/2019_09_07_516891{_k}.shtml'),
    file: 'guancha/gne_guancha_guancha.html',
    aliases: { 0: ['https://m.guancha.cn/WangWen/2019_09_07_516891_1.shtml'] },
    hrefs: ['/WangWen/2019_09_07_516891_1.shtml', '/WangWen/2019_09_07_516891_2.shtml'],
    body: { selector: 'div.content.all-txt', paragraph: '<p>\n                        {text}\n                    </p>' },
    items: { current: '<span href="{href}" class="active">{n}</span>', link: '<a href="{href}">{n}</a>' },
    nav: [
      ...nextPrev(
        '<a class="next" onclick="javascript:location.href=\'{href}\';">下一页</a>',
        '\n                        <a class="prev" onclick="javascript:location.href=\'{href}\';">上一页</a>',
        '<div class="module-page module-page-right">',
      ),
      { rel: 'all', link: '<a class="last"\n                           onclick="javascript:location.href=\'{href}\';">余下全文</a>' },
    ],
    wholePage: { url: 'https://m.guancha.cn/WangWen/2019_09_07_516891_s.shtml', href: '/WangWen/2019_09_07_516891_s.shtml' },
    expect: MERGE(`${NUMBERED}; page 1 also answers at _1.shtml (the pager's own link to it); 余下全文 (_s.shtml) serves the whole text on one page`),
    note: 'Guancha 2019 (browser-saved DOM): page 1 is a <span href=_1.shtml class=active>, next/prev are onclick="location.href=…" without href; no ground truth, page 1 generated',
  }),
  multiPage({ id: 'gamersky', site: 'gamersky', charset: 'utf-8', contentType: 'text/html; charset=utf-8', urls: paged(2, 'https://wap.gamersky.com/news/Content-1220000{_k}.html'),
    file: 'other/gne_gamersky_gamersky.html',
    body: { selector: 'div.gsAreaContextArt', to: '<p>相关资讯请关注:', paragraph: '<p>\n　　{text}</p>' },
    items: { current: '<option value="{n}" selected="selected"></option>', link: '<option value="{n}"></option>' },
    nav: [
      { rel: 'next', link: '<a href="{href}" class="page-next">下一页</a>', off: '<a href="javascript:;" class="disable">下一页</a>' },
      { rel: 'prev', link: '<a href="{href}" class="page-prev">上一页</a>', off: '<a href="javascript:;" class="disable">上一页</a>' },
    ],
    extra: [{ form: '<span>{k}/{N}</span>' }],
    note: 'Gamersky 2019 WAP template: "1/2" counter, <select> page picker without links, a.page-next; no ground truth, page 1 generated',
  }),
  // ---- prev/next chains (MIDDLE pages): separate pieces, read one at a time ----
  multiPage({ id: 'sina-book-chain', file: 'sina/e3f3b532-95de-433e-a4b5-ad51bb981c96.html', charset: 'gb18030',
    urls: ['http://book.sina.com.cn/longbook/1097399113_qiaoguanhua/40.shtml', 'http://book.sina.com.cn/longbook/1097399113_qiaoguanhua/41.shtml', 'http://book.sina.com.cn/longbook/1097399113_qiaoguanhua/42.shtml'],
    hrefs: 'file', templateIndex: 1, outside: { before: '39.shtml', after: '43.shtml' },
    body: { selector: 'td.l17', to: '<p><a href=40.shtml', paragraph: '<p>　　{text}</p>' },
    nav: [
      { rel: 'prev', link: '<a href={href} style=font-size:14px>[上一篇]</a>' },
      { rel: 'next', link: '<a href={href} style=font-size:14px>[下一篇]</a>' },
    ],
    expect: {
      kind: 'single',
      reason: '[上一篇]/[下一篇] say previous/next ARTICLE: each chapter (40, 41, 42.shtml) of the serialized book is its own piece; a reader reads the chapter it is on and fetches no other',
    },
    note: 'Sina Books long book 2004-05 (GB18030 raw): chapters 40/41/42 (41 = the template), unquoted hrefs',
  }),
  multiPage({ id: 'book263-chain', file: 'other/c3a80850-3246-416e-af1e-2ab747c4615c.html', site: 'book263', charset: 'gbk',
    urls: ['http://book.263.net/20050303/00465332.html', 'http://book.263.net/20050302/00464959.html', 'http://book.263.net/20050302/00464969.html'],
    templateIndex: 1, outside: { before: 'http://book.263.net/20050303/00465340.html', after: 'http://book.263.net/20050302/00464950.html' },
    body: { selector: 'td.font14', from: '<!--content-->', to: '<P align=center><A \nhref="http://book.263.net/20050303/00465332.html">', paragraph: '<P>&nbsp;&nbsp;&nbsp; {text}</P>' },
    nav: [
      { rel: 'prev', link: '<A \nhref="{href}">上一页</A>' },
      { rel: 'next', link: '<A \nhref="{href}">下一页</A>' },
    ],
    expect: {
      kind: 'single',
      reason:
        '上一页/下一页 here link pieces with unrelated ids published on other days (00465332 on 0303, 00464969 on 0302), each with its own headline, author and date block: a serialized book\'s reading order, not one article split into pages; a reader reads the piece it is on',
    },
    note: 'book.263.net 2005 (GB2312 raw): prev/next chain, no numeric suffix, template = the middle piece',
  }),
  multiPage({ id: 'cclw-chain', file: 'other/d7605742-925f-46b5-b081-4f5bc0aa899d.html', site: 'cclw', charset: 'gb18030',
    urls: ['http://cclw.net/other/xinshenhuo/htm/xsh_10.htm', 'http://cclw.net/other/xinshenhuo/htm/xsh_11.htm'], hrefs: 'file', outside: { after: 'xsh_12.htm' },
    body: { selector: 'div.Section1', from: '<p align="center"><br>\n', to: '<br><br><center><b><a href="../index.htm">', paragraph: '<p>　　{text}</p>' },
    nav: [{ rel: 'next', link: '<a href="{href}"><FONT \n color="#FFFFFF"><u>下一页</u></FONT></a>' }],
    expect: {
      kind: 'single',
      reason:
        'chapter 10 ("10.新生活与明白神的旨意") of an online book with a 返目录 (back to contents) link: 下一页 goes to chapter 11, a lesson of its own; a reader reads the chapter it is on',
    },
    note: 'cclw.net 2005 (GB18030 raw): chapters xsh_10 (template) and xsh_11, next only, no prev link',
  }),
];

export const TRAP_CASES: TrapCase[] = [
  trap({ id: 'trap-youth-2024', file: 'youth/9c642bd57e7c44cd40fdd9025696a5bea933556f643513e59d9965b48ef3b7e0.html', url: 'https://news.youth.cn/gn/202405/t20240513_15249693.htm', charset: 'gbk',
    note: 'TRS JS pager with countPage=1: "首页|上一页 1 下一页|尾页" as plain text',
  }),
  trap({ id: 'trap-yahoo-2005', file: 'other/2bac7fb2-efbd-4444-99c8-51c72acf5c7d.html', site: 'yahoo', url: 'http://cn.news.yahoo.com/050404/346/2al02.html', charset: 'gbk',
    note: '"第1页/共1页 <<上一页 | 下一页>>" plain text, no links',
  }),
  trap({ id: 'trap-youth-2017', file: 'youth/readability_youth.html', url: 'http://edu.youth.cn/jyzx/jyxw/201703/t20170310_9260562.htm', charset: 'utf-8', contentType: 'text/html; charset=utf-8',
    note: 'WCM createPageHTML(1, 0, …) = one page',
  }),
];
