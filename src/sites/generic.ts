import type { SiteRule } from './types';

/**
 * The fallback for other news sites: numbered pagers whose links share the article's URL stem
 * (`_N`, `-N`, `?page=N`), `rel=next`, next-link texts and image-only next links. Detection guards
 * every guess (same registrable domain, same stem, no `javascript:`, cycles, a page cap).
 */
export const generic = {
  id: 'generic',
  label: { en: 'Web page', zh_CN: '网页', zh_TW: '網頁' },
  hosts: /$^/,
  matches: [],
  testUrls: [
    'http://www.chinanews.com/gn/2011/12-09/3519238.shtml',
    'http://www.banyuetan.org/jmcs/detail/20200102/1000200033136171577956287380194268_1.html',
  ],
  schemes: [
    { name: 'stem_N.ext', path: /^(.*\/[^/]+?)(?:_(\d{1,3}))?(\.[a-z]{2,5})$/i, separator: '_' },
    { name: 'stem-N.ext', path: /^(.*\/[^/]+?)(?:-(\d{1,3}))?(\.[a-z]{2,5})$/i, separator: '-' },
    // A page number as the last path segment (`/2019/11/20/story-slug/2/`, WordPress's paged posts):
    // the stem's last segment is a name (not digits, no extension), so a date path is no page.
    { name: 'stem/N/', path: /^(.*\/[^/.]*[^/.\d][^/.]*)(?:\/(\d{1,3}))?(\/?)$/, separator: '/' },
  ],
  strictSchemes: false,
  queryPages: true,
  pagerAnywhere: true,
  pager: [
    '#div_currpage', '[id^="div_page_roll"]', '.pagelink', '.pagination', '.pager', '.page', '.pages', '#pages', '.paging',
    '.page_c', '#page', '.pagebar', '.pageLink', '#displaypagenum', '.mod-page', 'center',
  ],
  currentPage: ['.current', '.curr', '.cur', '.active', 'span.page-Article', '.pagination span', '.pager span', '.pages span', 'strong', 'b'],
  next: ['a[rel="next"]', 'a.nextpage', 'a.next', 'a.next-page', '#next', 'a#nextpage'],
  content: [],
  title: ['h1'],
  deck: [],
  published: ['meta[property="article:published_time"]', 'meta[name="publishdate"]', 'meta[name="pubdate"]', 'time[datetime]'],
  source: [],
  // Where pages name their authors, most explicit first (Readability's and Defuddle's places).
  byline: [
    'meta[property~="dc:creator"]', 'meta[name="dc.creator" i]', 'meta[name="author"]', 'meta[property="article:author"]:not([content^="http"])',
    'meta[name="byl"]', 'meta[name="parsely-author"]', 'meta[name="sailthru.author"]', '[itemprop="author"] [itemprop="name"]', '[itemprop="author"]',
    '[rel="author"]', '.byline .author', '.byline', '.author-name', '.author', '.article-author', '[class*="byline"]', '[class*="Byline"]', '[class*="__author"]',
  ],
  clean: ['#div_currpage', '[id^="div_page_roll"]', '.pagelink', '.pagination', '.pager', '#displaypagenum'],
  cleanText: [
    /^[\s[［【(（]*(责任编辑|責任編輯)\s*[:：][^\]］】)）]*[\]］】)）]?\s*$/,
    /^\s*[(（]\s*(责编|責編|编辑|編輯|Editor)\s*[:：][^)）]*[)）]\s*$/i,
    // Pager leftovers: a row that starts with a pager word, or two or more bracketed numbers.
    /^\s*(上一页|下一页|上一頁|下一頁|首页|尾页|末页)([\s\d[\]【】]|上一页|下一页|上一頁|下一頁|首页|尾页|末页)*$/,
    /^\s*([[【]\s*\d{1,3}\s*[\]】]\s*){2,}$/,
    // Page-turn lines: once the pages are one article there is no next page to turn to
    // ("（未完，请看下一页）", "点击进入下一页", "本文共3页，当前第2页", "Continued on next page").
    /^\s*[(（【[]?\s*(未完|未完待续|未完待續)?[,，、\s]*(请|請)?(看|接|转|轉|见|見|翻|点击|點擊|点此|點此|点击进入|點擊進入|进入|進入|继续阅读|繼續閱讀|阅读|閱讀)?\s*(下一页|下一頁|下页|下頁|次页|次頁)\s*(继续阅读|繼續閱讀|阅读|閱讀)?\s*[)）】\]]?\s*[>＞»》]*\s*$/,
    /^\s*[(（]?\s*(本文|本篇|全文)?共\s*\d{1,3}\s*[页頁][,，、\s]*(当前|當前|现在|現在|这是|這是)?(是|为|為)?第\s*\d{1,3}\s*[页頁]\s*[)）]?\s*$/,
    /^\s*[(（]?\s*第\s*\d{1,3}\s*[页頁]\s*[,，、/／\s]*共\s*\d{1,3}\s*[页頁]\s*[)）]?\s*$/,
    /^\s*[(（]?\s*(continued|continue reading|story continues|article continues)\s+(on|to)\s+(the\s+)?(next|following)\s+page\b.{0,20}$/i,
    // Date-and-editor lines under the body ("发布时间：2012-01-12 17:21:17 【编辑：金硕】", chinanews).
    /^\s*(发布时间|發佈時間|发表时间|時間)\s*[:：].{0,40}([【[(（]\s*(编辑|編輯|责编)\s*[:：].{0,20}[】\])）])?\s*$/,
    // Datelines left in the body ("2012年01月12日 16:30　来源：海口晚报　参与互动"): metadata, read apart.
    /^\s*\d{4}\s*[年-]\s*\d{1,2}\s*[月-]\s*\d{1,2}\s*日?\s*\d{1,2}[:：]\d{2}([:：]\d{2})?\s*(来源|來源|稿源)\s*[:：].{0,40}$/,
    // Phone and audio widgets ("扫描二维码，在手机上阅读本文", "听新闻 播放 暂停"), ad labels.
    /^\s*(扫描|掃描|扫一扫|掃一掃|扫码|掃碼|手机扫描|手機掃描)[^。！？]{0,16}(二维码|二維碼|手机|手機)[^。！？]{0,16}$/,
    /^[\s|｜]*((听新闻|聽新聞|朗读本文|朗讀本文|语音播报|語音播報|播放|暂停|暫停|广告|廣告|推广|推廣)[\s|｜]*)+$/,
    // Interface words alone on a line.
    /^[\s|｜]*((参与互动|參與互動|我要评论|我要評論|发表评论|發表評論|评论|評論|打印本页|打印本頁|关闭窗口|關閉窗口|收藏本文|分享到|分享至|推荐给朋友|推薦給朋友|返回顶部|返回頂部|加载中|載入中|正在加载|loading)[\s.…。(（\d)）|｜:：]*)+$/i,
    // Photo credits alone on a line ("Credit: Getty Images", "Image: AP", "(Photo: Reuters)").
    /^\s*[(（]?\s*(photo|image|picture|credit|credits|pictured|source)\s*(credit)?\s*[:：]?\s*(getty|ap|reuters|afp|epa|shutterstock|pa|alamy|istock|ap photo|getty images|file)\b.{0,60}$/i,
    /^\s*(图|圖|图片|圖片)\s*[:：/]\s*.{0,20}$/,
    // A credit alone on a line ("Alex Wong | Getty Images", "Getty", "Courtesy of Andrew Vaughan").
    // Captions stay: they say what a photo shows, and the reader sets them as captions.
    /^.{0,60}\b(getty images|getty|shutterstock|istock|alamy)\s*\)?\s*$/i,
    /^\s*courtesy (of )?.{1,50}$/i,
    // Promotions and newsletter lines inside the body.
    /^\s*(advertisement|advert|sponsored|sponsored content|story continues below|continue reading below|scroll to continue|download the app|get the app|sign up for .{0,60}newsletter.{0,60}|subscribe (now|today|to .{0,40})|click here to .{0,60}|(see|read) more\s*[:>»]?|don'?t miss\s*[:>»]?|you may also like\s*[:>»]?|related\s*[:：]\s*.{0,120}|more\s*[:：]\s*.{0,120}|get .{0,40} on the go.{0,40})\s*$/i,
    // Link-out lines: a download or permalink label with nothing but an address after it
    // ("下载地址：http://down.…/download.php?id=6150", "原文链接：…", "本文地址："): a call to go
    // elsewhere, not a sentence of the article. An address inside a sentence stays.
    /^\s*[【[(（]?\s*(下载地址|下載地址|下载链接|下載鏈接|下载网址|下載網址|官方下载|官方下載|点击下载|點擊下載|立即下载|立即下載|免费下载|免費下載|原文链接|原文鏈接|原文地址|原文网址|原文網址|本文链接|本文鏈接|本文地址|本文网址|本文網址|文章链接|文章鏈接|文章地址)\s*[:：]\s*((https?:\/\/|www\.)\S*)?\s*[】\])）]?\s*$/i,
    // Interface words alone on a line: account links, section labels, gallery controls.
    /^\s*(sign in|log in|sign up|subscribe|breaking news|latest news|skip to (main )?content|enlarge (this )?image|order reprints|text size|loading( content)?\s*\.{0,3}|close|caption|image \d+ of \/?\s*\d+)\s*$/i,
    // Newsletter and follow-us lines, cookie notices ("Get the latest updates right in your inbox.
    // Subscribe to NJ.com’s newsletters.", "Follow Newsbeat on Instagram, Facebook, Twitter").
    /^.{0,160}\b(newsletters?|in(to)? your inbox)\b.{0,160}$/i,
    /^\s*follow (us|him|her|them|@\w+|[\p{L}. ]{1,40}) on (twitter|facebook|instagram|linkedin|youtube)\b/iu,
    /\b(this (web)?site uses cookies|we use cookies)\b/i,
    // Bylines and date lines at the head of the body ("By Justine Coleman 11/18/19", "Updated Nov 19, 2019"):
    // metadata, read apart.
    /^\s*([Bb]y|BY|[Ww]ritten by|[Pp]osted by|[Ww]ords by)\s+\p{Lu}[\p{L}.'’-]+(\s+(\p{Lu}[\p{L}.'’-]+|and|&|,))*\s*(,|\||-|—)?\s*[\w\s,./:|-]{0,60}$/u,
    /^\s*(updated|published|posted|last updated|first published)\s*(on|at)?\s*[:：]?\s*.{0,30}\d{1,4}.{0,30}$/i,
    /^\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}(\s*(at\s*)?\d{1,2}:\d{2}\s*(am|pm)?\s*[a-z]{0,4})?\s*$/i,
    // Wire-story credit lines ("Reporting by …; Editing by …", "(Writing by …)") and a source alone.
    /^\s*[(（]?\s*(additional )?(reporting|writing|editing|compiled|produced)( and (writing|editing))? by\b.{0,300}$/i,
    /^\s*source\s*[:：]\s*[\p{L} .,&'’-]{1,40}$/iu,
    // Calls to act that are not the story: engagement prompts, subscription lines, script notices,
    // unprocessed shortcodes, counters ("Like this story? Share it with a friend!", "Want more
    // stories like this?", "Subscribe to WIRED and …", "This slideshow requires JavaScript.",
    // "[button link=…]…[/button]", "2,289 views").
    /^\s*(did you )?(like|liked|enjoy|enjoyed|love|loved|want more)\b.{0,40}\?\s*((share|subscribe|sign up|follow|get|join|read|tell)\b.{0,80})?$/i,
    /^\s*(tell us what you think|share your thoughts|leave a (comment|reply)|join the (conversation|discussion)|what do you think)\b.{0,40}$/i,
    /^\s*subscribe\b.{0,150}$/i,
    /^.{0,120}\bclick here (for more (info|information|details)|to (subscribe|sign up|order|buy|read more))\b.{0,10}$/i,
    /^.{0,60}\b(requires|enable|turn on)\s+javascript\b.{0,60}$/i,
    /^\s*\[(\w+)\b[^\]]*\].{0,200}\[\/\1\]\s*$/,
    /^\s*[\d.,]+\s*[kKmM]?\s*(views?|reads?|shares?|comments?|likes?)\s*$/i,
    // Contact lines alone: an e-mail address, a social profile, phone and fax together.
    /^\s*(e-?mail\s*[:：]?\s*)?[\w.+-]+@[\w-]+(\.[\w-]+)+\s*$/i,
    /^\s*(https?:\/\/)?(www\.)?(twitter|x|instagram|facebook|linkedin)\.com\/@?[\w.]+\/?\s*$/i,
    /^.{0,160}\b(tel|phone)\b.{0,60}\bfax\b.{0,40}$/i,
    // Copyright lines ("© 2019 Cable News Network", "Copyright 2020 … All rights reserved").
    /^\s*(©|\(c\)|copyright\b).{0,120}$/i,
    /^.{0,120}all rights reserved\.?\s*$/i,
    /^.{0,80}©\s*\d{4}/,
    // Contact and tip-off boxes ("电话：021-…", "传真：", "邮箱：", "上海滩爆料平台 最高奖励500元", "声明：").
    /^\s*(电话|電話|传真|傳真|邮箱|郵箱|热线|熱線|e-?mail|tel|fax)\s*[:：]/i,
    /(爆料|报料|報料).{0,20}(平台|热线|熱線|奖励|獎勵|邮箱|郵箱)/,
    /^\s*(声明|聲明)\s*[:：]?\s*$/,
    // Reader polls and ratings ("请您对该文章评分：", "/人已评").
    /^\s*(请您?对(该|這|这篇|本)?(文章|新闻|新聞)?(进行)?评分|請您?對(該|這篇|本)?(文章|新聞)?評分|\/?\s*\d*\s*人已评|\/?\s*\d*\s*人已評|已有\s*\d+\s*人(评分|参与|參與))/,
    // Copyright, disclaimer and reprint notices.
    /^.{0,60}(未经授权|未經授權|禁止转载|严禁转载|版权所有|版權所有|不代表.{0,20}(观点|觀點|立场|立場)|转载请注明|轉載請註明)/,
    /^.{0,40}(仅代表|僅代表)(作者|个人|個人|本人).{0,12}(观点|觀點|立场|立場)/,
    /^\s*(版权声明|版權聲明|免责声明|免責聲明|郑重声明|鄭重聲明)\s*[:：]?/,
    // Photo-gallery chrome: "(5/7)", "“← →” 可以实现快速翻页".
    /^\s*[(（]\s*\d{1,3}\s*\/\s*\d{1,3}\s*[)）]\s*$/,
    /^.{0,12}(可以实现快速翻页|快速翻页)\s*$/,
    // Placeholder captions.
    /^\s*(图|圖|图片|圖片|photo)\s*$/i,
    // Forum pages (bbs.cctv.com): the thread header and footer around the post.
    /^\s*(主题|主題)\s*[:：]\s*$/,
    /^\s*作者\s*[:：].{0,40}(时间|時間)\s*[:：]\s*[\d-]+\s*[\d:]*\s*$/,
    /^\s*您是本文第\s*\d+\s*个阅览者\s*$/,
    /^\s*[|｜]?\s*(回复线索|主题已经关闭).*$/,
  ],
  siteName: () => '',
} satisfies SiteRule;
