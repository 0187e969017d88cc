import type { SiteRule } from './types';

/**
 * Xinhua (新华网): 2005 legacy `content_ID_{N-1}.htm`, 2010–2016 `c_ID_N.htm` (also behind the
 * `big5.xinhuanet.com/gate/big5/<host>/` gateway), 2017–2019 `#p-detail`, the English edition,
 * and 2020+ `news.cn`. See ../shared/SITES.md.
 */
export const xinhua = {
  id: 'xinhua',
  label: { en: 'Xinhua', zh_CN: '新华网', zh_TW: '新華網' },
  hosts: /(^|\.)(xinhuanet\.com|news\.cn|xinhua\.org)$/i,
  matches: ['*://*.xinhuanet.com/*', '*://*.news.cn/*', '*://news.cn/*', '*://*.xinhua.org/*'],
  testUrls: [
    'http://chinaneast.xinhuanet.com/jizhe/2005-08/16/content_4894059.htm',
    'http://news.xinhuanet.com/legal/2012-01/12/c_111421282.htm',
    'http://big5.xinhuanet.com/gate/big5/news.xinhuanet.com/food/2012-01/16/c_122592817.htm',
    'http://www.xinhuanet.com/world/2019-12/10/c_1125327450.htm',
    'http://news.xinhuanet.com/english/2007-11/24/content_7138034.htm',
    'http://www.news.cn/fortune/2023-11/17/c_1129981476.htm',
    'https://english.news.cn/20230115/98a3b5c41af641938a2a205f1e0b9f71/c.html',
  ],
  schemes: [
    { name: 'c_ID_N.htm (2010+)', path: /^(.*\/c_\d+)(?:_(\d{1,3}))?(\.html?)$/i, separator: '_' },
    // 2005: content_4894059.htm, then content_4894059_1.htm is page 2 (fixture xinhua-2005-legacy).
    { name: 'content_ID_{N-1}.htm (2005)', path: /^(.*\/content_\d+)(?:_(\d{1,3}))?(\.html?)$/i, separator: '_', zeroBased: true },
    // 2020+ news.cn: /YYYYMMDD/<hex>/c.html; later pages unverified (c_2.html).
    { name: 'YYYYMMDD/<hex>/c_N.html (2020+, unverified)', path: /^(.*\/[0-9a-f]{32}\/c)(?:_(\d{1,3}))?(\.html?)$/i, separator: '_' },
  ],
  strictSchemes: true,
  queryPages: false,
  pagerAnywhere: false,
  pager: ['#div_currpage', '[id^="div_page_roll"]', 'p.pagelink', '.pagelink', '#xinhuaPagerBox', '.xinhuaPager', '#pager', '.page-nav'],
  currentPage: ['#div_currpage span.page-Article', 'span.page-Article', '#xinhuaPagerBox .active', '.pagelink span', '.pagelink b'],
  next: ['a.nextpage', '#div_currpage a.nextpage', '.xinhuaRightBtn a', 'a.xinhuaRightBtn'],
  content: ['#p-detail', '#detailContent', '#detail', 'span#content', '#Content', '#content', 'td.hei14', '#zoom', '.a3', 'div.content', '.article'],
  title: ['.head-line h1 span.title', '.head-line .title', 'h1#title', '#title', '.h-title', '#Title', '.biaoti', 'h1'],
  deck: ['.h-news .sub-title', '#subtitle'],
  published: ['meta[name="publishdate"]', '.header-time', '#pubtime', '.h-time', '#Time', '.info .time', '.time'],
  source: ['em#source', '#source', '.source', '#Source'],
  byline: ['meta[name="author"]', '.p-author'],
  clean: [
    '.video-url', '.lb', '.tadd', '.zan-wap', '.p-tags', '.p-jc', '#div_currpage', '[id^="div_page_roll"]',
    '.pagelink', 'a.nextpage', '#xinhuaPagerBox', '.xinhuaPager', '#articleEdit', '.editor', '#advisebox01',
    '.advise', '.tiyi1', '#shareshow', '.share', '.pageShare', '.fxd', '.setFont', '.btn-audio',
    '#audioDom', '#wxpic', '.zrbj', 'img[src*="news_xy.gif" i]', 'img[src*="articler.gif" i]', '#Zoom .lan14',
  ],
  cleanText: [
    /^[\s[［【(（]*(责任编辑|責任編輯)\s*[:：][^\]］】)）]*[\]］】)）]?\s*$/,
    /^\s*【纠错】.*$/,
    // Pager leftovers: a row that starts with a pager word, or two or more bracketed numbers.
    /^\s*(上一页|下一页|上一頁|下一頁|首页|尾页|末页)([\s\d[\]【】]|上一页|下一页|上一頁|下一頁|首页|尾页|末页)*$/,
    /^\s*([[【]\s*\d{1,3}\s*[\]】]\s*){2,}$/,
  ],
  // SITES.md: a removed article answers with this title.
  removedTitle: /已删除或过期的稿件|已刪除或過期的稿件/,
  siteName: (lang) => (lang === 'en' ? 'Xinhua' : '新华网'),
} satisfies SiteRule;
