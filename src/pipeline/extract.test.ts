import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeDom } from '../cli/node-dom';
import { detectPaginationDetail } from './detect';
import { extractPart, findContentRoot, removeRepeatedTitle } from './extract';
import { loadReadability } from './readability';

// extractPart called on its own: Readability loaded first, as readWholeArticle does (readability.ts).
beforeAll(async () => {
  await loadReadability();
});
import { parsePage, reparser } from './parse-page';
import { people, xinhua } from '../sites/index';
import { PD_TITLE, pdMarker, pdUrl, peoplePage } from '../../test/support/people-pages';

const dom = createNodeDom();
function extract(html: string, url: string, title: string | null = null) {
  const doc = dom.parse(html, url);
  const detail = detectPaginationDetail(doc, url);
  const part = extractPart(doc, url, detail);
  if (part && title) removeRepeatedTitle(part.body, title);
  // Whether the rule's selectors found the body (else Readability did).
  return part && { ...part, bySelector: findContentRoot(doc, detail.rule) !== null };
}
const textOf = (el: Element | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/**
 * A generic-engine page of four paragraphs (`para`) in `page`: `textWith(inner)` is the text
 * extracted from it with `inner` between the second and the third paragraph; `expectOnly(text)`, that
 * the text is the four paragraphs' and nothing else (white space and the ideographic indent aside);
 * `itRemoves(lines)`, a test a line of that.
 */
function fourParagraphs(url: string, para: (i: number) => string, page: (inner: string) => string) {
  const only = [1, 2, 3, 4].map((i) => para(i).replace(/<\/?p>|　/g, '')).join('');
  const textWith = (inner: string) => textOf(extract(page(`${para(1)}${para(2)}${inner}${para(3)}${para(4)}`), url)?.body);
  const expectOnly = (text: string) => expect(text.replace(/\s/g, '')).toBe(only.replace(/\s/g, ''));
  /** One test a line (`removes <line>`): with the line between the paragraphs, the text is theirs alone. */
  const itRemoves = (lines: string[]) => it.each(lines)('removes %s', (line) => expectOnly(textWith(line)));
  return { textWith, expectOnly, itRemoves };
}

describe('extractPart: People\'s Daily', () => {
  it('keeps the paragraphs and drops the pager, the next/prev images and the editor line', () => {
    const part = extract(peoplePage(2, 3), pdUrl(2), PD_TITLE);
    expect(part?.bySelector).toBe(true);
    const text = textOf(part?.body);
    expect(text).toContain(pdMarker(2));
    expect(text).toContain('这是第2页的第三段');
    for (const chrome of ['【1】', '【3】', '责编', '推荐阅读', '来源', '分享到']) expect(text, chrome).not.toContain(chrome);
    expect(part?.body.querySelector('img[src*="page"]')).toBeNull();
    expect(part?.body.querySelector('.zdfy, center, .edit')).toBeNull();
  });

  it('does not touch the source document', () => {
    const doc = dom.parse(peoplePage(2, 3), pdUrl(2));
    const before = doc.documentElement.outerHTML;
    extractPart(doc, pdUrl(2), detectPaginationDetail(doc, pdUrl(2)));
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  // Was a bug (PAGER_TEXT matched the empty text of an image-only link); fixed in b3348e6.
  it('keeps a body photo that links to the next page, without the link', () => {
    const part = extract(peoplePage(1, 3), pdUrl(1), PD_TITLE);
    const img = part?.body.querySelector('img[src*="MAIN201906150818000123"]');
    expect(img?.getAttribute('src')).toBe('http://culture.people.com.cn/NMediaFile/2019/0615/MAIN201906150818000123.jpg');
    expect(img?.closest('a')).toBeNull();
  });

  it('drops the headline when the body repeats it', () => {
    const html = peoplePage(2, 3).replace('<p>　　第2页', `<p><strong>${PD_TITLE}【2】</strong></p><p>　　第2页`);
    const text = textOf(extract(html, pdUrl(2), PD_TITLE)?.body);
    expect(text).not.toContain(PD_TITLE);
    expect(text).toContain(pdMarker(2));
  });

  it('finds the 2020+ .rm_txt_con body before the older selectors', () => {
    const doc = dom.parse('<div class="rm_txt_con"><p>正文内容，足够长的一段文字在这里出现，再多写几个字。</p></div><div id="p_content"><p>别的文字内容也足够长足够长。</p></div>', pdUrl(1));
    expect(findContentRoot(doc, people)?.className).toBe('rm_txt_con');
  });

  it('skips an empty body shell for the next selector with text', () => {
    const doc = dom.parse('<div id="p-detail"><div class="lb"></div></div><div id="Content"><p>新华网北京1月16日电 这是正文的第一段，足够长。</p></div>', 'http://news.xinhuanet.com/a/c_1.htm');
    expect(findContentRoot(doc, xinhua)?.id).toBe('Content');
  });
});

describe('extractPart: People\'s Daily chrome lines', () => {
  const url = 'http://en.people.cn/n3/2013/0910/c90000-8395871.html';
  const PARA = '<p>This is a long enough English paragraph of the article body, about cyberspace and order.</p>';
  it.each([
    '<p>(Web editor: Wen Ying, Bianji)</p>',
    '<p>(Editor:ZhangQian、Yao Chun)</p>',
    '<p>（责编：王甜、王静）</p>',
    '<p><a href="http://en.people.cn/zt/">点击进入专题>></a></p>',
    '<p>相关新闻</p><ul><li><a href="/n3/2013/0901/c90000-1.html">First related story</a></li><li><a href="/n3/2013/0902/c90000-2.html">Second related story</a></li></ul>',
    '<div class="edit">(责编：A、B)</div>',
  ])('removes %s', (chrome) => {
    const text = textOf(extract(`<div id="p_content">${PARA}${chrome}</div>`, url)?.body);
    expect(text).toBe('This is a long enough English paragraph of the article body, about cyberspace and order.');
  });  it('removes a "相关新闻" block with a single link', () => {
    const text = textOf(extract(`<div id="p_content">${PARA}<p>相关新闻</p><ul><li><a href="/n3/2013/0901/c90000-1.html">The one related story</a></li></ul></div>`, url)?.body);
    expect(text).not.toContain('The one related story');
  });
});

describe('extractPart: Xinhua', () => {
  const url = 'http://news.xinhuanet.com/food/2012-01/16/c_122592817.htm';
  const html = `<html><head><title>食品安全新规发布_新华网</title></head><body>
    <h1 id="title">食品安全新规发布</h1><span id="pubtime">2012年01月16日 10:23:45</span>
    <div id="Content">
      <div class="video-url">video</div><div class="lb"></div>
      <p>　　新华网北京1月16日电 记者从国家食品药品监督管理局获悉，新的食品安全规定将于下月起施行。</p>
      <p><img src="/food/2012-01/16/xin_a.jpg" width="500"><img src="/images/spacer.gif" width="1" height="1"></p>
      <p><img data-src="/food/2012-01/16/lazy.jpg" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></p>
      <p>　　规定明确了生产经营者的主体责任，并对违法行为设定了更严厉的处罚。</p>
      <div id="div_currpage"><span class="page-Article">1</span> <a href="c_122592817_2.htm" class="page-Article">2</a> <a href="c_122592817_2.htm" class="nextpage">下一页</a></div>
      <p>[责任编辑:张三]</p>
      <div class="p-jc">【纠错】 责任编辑：李四</div>
      <script>document.write('ad')</script><iframe src="http://ad.example.com/"></iframe>
      <p style="display:none">隐藏的文字</p>
      <div class="bdsharebuttonbox"><a href="#" class="bds_weixin">微信</a></div>
    </div></body></html>`;

  it('removes pager, editor lines, hidden text, scripts, share bars; absolutizes images; drops spacers', () => {
    const part = extract(html, url, '食品安全新规发布');
    const text = textOf(part?.body);
    expect(text).toContain('新华网北京1月16日电');
    expect(text).toContain('规定明确了生产经营者的主体责任');
    for (const chrome of ['下一页', '责任编辑', '纠错', '隐藏的文字', 'video', '微信', "('ad')"]) expect(text, chrome).not.toContain(chrome);
    expect(part?.body.querySelector('script, iframe, #div_currpage, .lb')).toBeNull();
    const srcs = [...(part?.body.querySelectorAll('img') ?? [])].map((i) => i.getAttribute('src'));
    expect(srcs).toEqual(['http://news.xinhuanet.com/food/2012-01/16/xin_a.jpg', 'http://news.xinhuanet.com/food/2012-01/16/lazy.jpg']);
  });

  it('removes the 2005 image-only next link (news_xy.gif) and the [1] [2] pagelink row', () => {
    const u = 'http://chinaneast.xinhuanet.com/jizhe/2005-08/16/content_4894059.htm';
    const part = extract(
      `<table><tr><td class="hei14"><div id="Content"><p>　　新华网上海8月16日电 这是2005年页面的正文，足够长的一段文字。</p>
      <P align="center" class="pagelink"> [1] <a href="content_4894059_1.htm">[2]</a> <a href="content_4894059_2.htm">[3]</a></P>
      <a href="content_4894059_1.htm" class="nextpage"><img src="/images/news_xy.gif" border="0"></a></div></td></tr></table>`,
      u,
    );
    expect(textOf(part?.body)).toBe('新华网上海8月16日电 这是2005年页面的正文，足够长的一段文字。');
    expect(part?.body.querySelector('img')).toBeNull();
  });

  it('returns null for a page without article text', () => {
    expect(extract('<html><body><div id="Content"><div id="div_currpage"></div></div></body></html>', url)).toBeNull();
  });
});

describe('extractPart: generic sites (Readability)', () => {
  it('finds the body of an unknown site and cleans its pager', () => {
    const url = 'http://www.chinanews.com/gn/2011/12-09/3519238.shtml';
    const para = (i: number) => `<p>　　中新网12月9日电 这是通用站点正文的第${i}段，记者从有关部门获悉，相关工作正在有序推进之中，各方面反映良好，下一步将继续深化。</p>`;
    const part = extract(
      `<html><head><title>通用站点的新闻标题-中新网</title></head><body><div class="nav"><a href="/">首页</a> <a href="/gn/">国内</a></div>
      <div class="left_zw">${[1, 2, 3, 4, 5].map(para).join('')}
      <div class="pagination"><span class="current">1</span> <a href="3519238_2.shtml">2</a> <a href="3519238_2.shtml">下一页</a></div></div>
      <div class="footer">版权所有 中国新闻网</div></body></html>`,
      url,
    );
    expect(part?.bySelector).toBe(false);
    const text = textOf(part?.body);
    expect(text).toContain('第1段');
    expect(text).toContain('第5段');
    expect(text).not.toContain('下一页');
    expect(text).not.toContain('版权所有');
  });
});

describe('extractPart: photo credits, interface lines, newsletter and follow-us lines (generic engine)', () => {
  const url = 'https://www.example-news.com/2019/11/20/story.html';
  const para = (i: number) =>
    `<p>Paragraph ${i} of the story: the council met on Tuesday and voted to extend the program for another year, officials said after a long debate.</p>`;
  const page = (inner: string) =>
    `<html><head><title>The council votes - Example News</title></head><body><div class="nav"><a href="/">Home</a> <a href="/news/">News</a></div><article>${inner}</article><footer>Example News</footer></body></html>`;
  const { textWith, expectOnly } = fourParagraphs(url, para, page);

  it('keeps a photo\'s caption, by class or <figcaption>, above or inside the text', () => {
    const part = extract(
      page(
        `<figure><img src="/lead.jpg" width="600"><figcaption>Joggers run in the park in December.</figcaption></figure>${para(1)}` +
          `<div class="wp-caption"><img src="/a.jpg" width="600"><p class="wp-caption-text">The council chamber on Tuesday night.</p></div>${para(2)}` +
          `<figure><img src="/b.jpg" width="600"><figcaption>A second photo, described.</figcaption></figure>${para(3)}<p>Photo: a night train in the valley</p>${para(4)}`,
      ),
      url,
    );
    const text = textOf(part?.body);
    for (const kept of ['Joggers run in the park in December.', 'The council chamber on Tuesday night.', 'A second photo, described.', 'Photo: a night train in the valley']) expect(text).toContain(kept);
    expect(part?.body.querySelectorAll('img').length).toBe(3);
  });

  it.each([
    '<p>Alex Wong | Getty Images</p>',
    '<p>Courtesy of Andrew Vaughan</p>',
    '<div>Sign In</div>',
    '<div>BREAKING NEWS</div>',
    '<div>Image 1 of / 9</div>',
    '<p>Get the latest updates right in your inbox. Subscribe to our newsletters.</p>',
    '<p>Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.</p>',
    '<p>This website uses cookies to improve your experience.</p>',
    '<p>The contents of this site are ©2019 Example Publishing Corp.</p>',
    '<p>You may also like...</p><ul><li><a href="/a.html">Who will make the Hall in 2020?</a></li><li><a href="/b.html">Fans want the band in</a></li></ul>',
    '<h3>More Great Example Stories</h3><ul><li><a href="/c.html">The strange life of a coder</a></li><li><a href="/d.html">How to opt out</a></li></ul>',
  ])('removes %s', (chrome) => {
    const text = textWith(chrome);
    for (const i of [1, 2, 3, 4]) expect(text).toContain(`Paragraph ${i} of the story`);
    expectOnly(text);
  });

  it('keeps body sentences that merely mention photos, subscriptions or sign-ups', () => {
    const kept = [
      '<p>Sign up for a Hulu ad-free account for $11.99 a month, then upgrade from your account page.</p>',
      '<p>(Graphic: Global assets in 2019 - here)</p>',
      '<p>The photographer said the image was taken at dawn, before the crowds arrived at the square.</p>',
      '<p><strong>ST. JOSEPH, Mich. (AP)</strong> — Health authorities are reporting a sixth case.</p>',
    ];
    const text = textWith(kept.join(''));
    expect(text).toContain('Sign up for a Hulu ad-free account');
    expect(text).toContain('(Graphic: Global assets in 2019 - here)');
    expect(text).toContain('The photographer said the image was taken at dawn');
    expect(text).toContain('ST. JOSEPH, Mich. (AP)');
  });
});

describe('extractPart: link-out lines (generic engine)', () => {
  const url = 'http://tech.example-cn.com/s/2012-01-12/17066632680.shtml';
  const para = (i: number) => `<p>　　这是一篇应用评测的第${i}段正文，介绍这款软件的查询、提醒与订票功能，以及它在春运期间的实际表现。</p>`;
  const page = (inner: string) =>
    `<html><head><title>春运应用评测_科技频道</title></head><body><div class="nav"><a href="/">首页</a> <a href="/it/">科技</a></div><div class="article">${inner}</div><div class="footer">关于我们</div></body></html>`;
  const { textWith, itRemoves } = fourParagraphs(url, para, page);

  itRemoves([
    '<p>　　下载地址：<a href="http://down.example-cn.com/download.php?id=6150">http://down.example-cn.com/download.php?id=6150</a></p>',
    '<p>【下載地址：<a href="http://down.example-cn.com/d?id=1">http://down.example-cn.com/d?id=1</a>】</p>',
    '<p>原文链接：<a href="https://blog.example-cn.com/a/1.html">https://blog.example-cn.com/a/1.html</a></p>',
    '<p>本文地址：www.example-cn.com/a/2.html</p>',
  ]);

  it('keeps an address inside a sentence, and a line naming what the link is', () => {
    const kept = [
      '<p>　　登陆中国政府法制信息网（网址：http://www.chinalaw.gov.cn），通过网站首页左侧的栏目提出意见。</p>',
      '<p>　　下载地址：<a href="http://down.example-cn.com/d?id=2">8684火车春运版</a></p>',
    ];
    const text = textWith(kept.join(''));
    expect(text).toContain('网址：http://www.chinalaw.gov.cn');
    expect(text).toContain('8684火车春运版');
  });
});

describe('extractPart: page-turn lines (generic engine)', () => {
  const url = 'http://news.example-cn.com/a/2024/0305/3344_2.html';
  const para = (i: number) => `<p>　　这是城市更新报道的第${i}段正文，记者走访了多个社区，听居民讲述改造前后的变化与新的期待。</p>`;
  const page = (inner: string) =>
    `<html><head><title>城市更新的故事_每日新闻网</title></head><body><div class="nav"><a href="/">首页</a></div><div class="article">${inner}</div><div class="footer">关于我们</div></body></html>`;
  const { textWith, itRemoves } = fourParagraphs(url, para, page);

  itRemoves([
    '<p>（未完，请看下一页）</p>',
    '<p><a href="/a/2024/0305/3344_3.html">点击进入下一页</a></p>',
    '<p>接下頁</p>',
    '<p>本文共3页，当前第2页</p>',
    '<p>第2页/共3页</p>',
    '<p>Continued on the next page »</p>',
  ]);

  it('keeps a sentence that merely mentions a next page', () => {
    const line = '<p>　　居民说，翻到相册的下一页，就能看到三十年前这条街的样子。</p>';
    expect(textWith(line)).toContain('翻到相册的下一页');
  });
});

describe('extractPart taking a page read alone apart', () => {
  const url = 'http://blog.example.org/2020/notes.html';
  const html =
    '<html><head><title>Notes</title></head><body><div id="main"><p>Subscribe to our newsletter for weekly updates on gardening, and sign up today to get the best tips delivered to your inbox every Friday morning.</p></div>' +
    '<div><p>The tomatoes came in late this year. We planted them in May, after the last frost, and waited.</p><p>By August the vines were heavy with fruit, more than we could eat.</p></div></body></html>';

  it("reads Readability's second pass (the first found only a newsletter box) from the page parsed anew: the body a copy gives", () => {
    const doc = parsePage(dom, html, url);
    const detail = detectPaginationDetail(doc, url);
    const parseAgain = reparser(doc);
    expect(parseAgain).not.toBeNull();
    let parsedAgain = 0;
    const taken = extractPart(doc, url, detail, { again: () => (parsedAgain++, parseAgain!()) });
    const fresh = parsePage(dom, html, url);
    const copied = extractPart(fresh, url, detectPaginationDetail(fresh, url));
    expect(parsedAgain).toBe(1);
    expect(textOf(taken?.body)).toContain('The tomatoes came in late this year.');
    expect(taken?.body.innerHTML).toBe(copied?.body.innerHTML);
  });

  it('has nothing to parse again for a document parsePage did not make', () => {
    expect(reparser(dom.parse(html, url))).toBeNull();
  });
});
