import type { SiteRule } from './types';

/**
 * People's Daily (人民网): Chinese `/GB/`, `/n/`, `/n1/`, `/n2/` eras and provincial subdomains,
 * English `english.people.com.cn`, `english.peopledaily.com.cn`, `en.people.cn`.
 * Page N is `…-N.html`; next/previous are image links only. See ../shared/SITES.md.
 */
export const people = {
  id: 'people',
  label: { en: "People's Daily", zh_CN: '人民网', zh_TW: '人民網' },
  hosts: /(^|\.)(people\.com\.cn|peopledaily\.com\.cn|people\.cn)$/i,
  matches: ['*://*.people.com.cn/*', '*://*.peopledaily.com.cn/*', '*://*.people.cn/*', '*://people.cn/*'],
  testUrls: [
    'http://culture.people.com.cn/n1/2019/0615/c1013-31153719.html',
    'http://js.people.com.cn/n2/2022/0213/c360307-35131671.html',
    'http://finance.people.com.cn/n1/2024/0510/c1004-40232587.html',
    'http://english.people.com.cn/90001/90777/90852/6329279.html',
    'http://en.people.cn/n3/2023/0115/c90000-20000001.html',
  ],
  schemes: [
    { name: 'cXXXX-ID-N.html', path: /^(.*\/c\d+-\d+)(?:-(\d{1,3}))?(\.html?)$/i, separator: '-' },
    { name: '/ID-N.html (English, /GB/)', path: /^(.*\/\d{4,})(?:-(\d{1,3}))?(\.html?)$/i, separator: '-' },
  ],
  strictSchemes: true,
  queryPages: false,
  pagerAnywhere: false,
  pager: ['.zdfy', '#p_content center', '.wb_12 center', '.d2txt_con center', '.d2txtCon center', 'center', '.page_n', '#pagination'],
  currentPage: ['.common_current_page', '.zdfy span', '.zdfy strong', 'center span'],
  // Image-only links: the selector finds the image, detection takes its link.
  next: ['a img[src*="next_page" i]', 'a img[src*="Next.jpg" i]', '#picG .page_c a#next'],
  content: ['.rm_txt_con', '#rwb_zw', '.box_con', '#p_content', '.text_c', '.show_text', 'div.wb_12.wb_left', 'div.d2txt_con', 'div.w860.d2txtCon', '#articleContent'],
  title: ['h1#newstit', '.rm_txt h1', '.text_title h1', '#p_title', '.d2txt h1', 'h1'],
  deck: ['.text_title h3.pre', '.text_title h4.sub', '.rm_txt h3.pre', '.rm_txt h4.sub', '.text_c > h2', '.text_c > h3'],
  published: ['meta[name="publishdate"]', '.channel .col-1-1', '.origin', '.box01 .fl', '#p_publishtime', '.d2txt h2', '.wb_10'],
  source: ['#p_origin', '.origin span', '.channel .col-1-1 a', '.box01 .fl a'],
  byline: ['.rm_txt p.author', '.text_title p.author', 'p.author', 'meta[name="author"]'],
  clean: [
    '.zdfy', '.edit', '#p_editor', '#rwb_tjyd', '.rm_relevant', '.paper_num', '.otitle', '.section-common-share-wrap',
    '#ops_share', '.ops_shareLayer', '.box01', '.bza', '.tjewm', '#rwb_xgxw', '.rwb_xgxw', '#aboutthisnews',
  ],
  cleanText: [
    /^\s*[(（]\s*(责编|责任编辑|Web editor|Editor)\s*[:：][^)）]*[)）]\s*$/i,
    /^\s*点击进入.*(>>|》)\s*$/,
    /^\s*相关新闻\s*$/,
    /^\s*(【\d+】\s*)+$/,
  ],
  siteName: (lang) => (lang === 'en' ? "People's Daily Online" : '人民网'),
} satisfies SiteRule;
