import { describe, expect, it } from 'vitest';
import { buildSyntheticArticle, syntheticPagePath } from './synthetic-article';

// Minimal stand-in for corpus people/gne_people_1.html (same landmarks, invented text).
const TEMPLATE = `<html><head><meta http-equiv="content-type" content="text/html;charset=GB2312"><title>标题--文化--人民网</title></head><body>
<div class="text_title"><h1>女儿出嫁，郑板桥画了几笔兰花当嫁妆</h1></div>
<div class="box_con" id="rwb_zw">
<div class="box_pic"></div>
<p>父亲的教诲像一盏灯，为我们照亮前行的路；父亲的关爱像一把伞，为我们遮蔽人世间的风风雨雨。父爱如山高大而巍峨，父爱如海宽广而辽阔，父爱亦如天空粗旷而深远。今年的六月十六日是父亲节。</p>
<div class="zdfy clearfix"><a href="/n1/2019/0615/c1013-31153719.html">【1】</a><a href="/n1/2019/0615/c1013-31153719-2.html">【2】</a></div><center><table><tbody><tr><td><a href="/n1/2019/0615/c1013-31153719-2.html"><img src="/img/next_page.jpg" border="0"></a></td></tr></tbody></table></center>
<div class="edit clearfix">(责编：某某)</div></div></body></html>`;

describe('buildSyntheticArticle', () => {
  const a = buildSyntheticArticle(TEMPLATE, 10, 4);

  it('builds N pages on the real host with the -N.html scheme', () => {
    expect(a.urls).toHaveLength(10);
    expect(a.urls[0]).toBe('http://culture.people.com.cn/n1/2019/0615/c1013-31153719.html');
    expect(a.urls[9]).toBe('http://culture.people.com.cn/n1/2019/0615/c1013-31153719-10.html');
    expect([...a.pages.keys()]).toEqual(a.urls.map((u) => new URL(u).pathname));
  });

  it('lists all pages in every zdfy pager and links each page to the next', () => {
    for (let k = 1; k <= 10; k++) {
      const html = a.pages.get(syntheticPagePath(k))!;
      const pager = /<div class="zdfy clearfix">(.*?)<\/div>/.exec(html)![1]!;
      expect(pager.match(/<a /g)).toHaveLength(10);
      const next = /<a href="([^"]+)"><img src="\/img\/next_page\.jpg"/.exec(html);
      if (k < 10) expect(next?.[1]).toBe(syntheticPagePath(k + 1));
      else expect(next).toBeNull();
      expect(html).toContain('charset=UTF-8');
      expect(html).toContain('(责编：某某)');
    }
  });

  it('gives every page distinct paragraphs, and none of the template body', () => {
    const all = a.paragraphs.flat();
    expect(new Set(all).size).toBe(40);
    for (let k = 1; k <= 10; k++) {
      const html = a.pages.get(syntheticPagePath(k))!;
      for (const p of a.paragraphs[k - 1]!) expect(html).toContain(p);
      expect(html).not.toContain('父亲的教诲像一盏灯');
    }
  });
});
