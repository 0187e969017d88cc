import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { articleAsHtml, articleAsMarkdown, articleAsText, fileNameFor } from './article-file';
import { testArticle } from '../../test/support/library-articles';
import { pngBytes } from '../../test/support/fake-fetch';

const window = new JSDOM('<!doctype html>').window as unknown as Window & typeof globalThis;

function article() {
  return testArticle(7, {
    title: '城市书房 <7>',
    contentHtml:
      '<article><section data-page="1"><p>城市书房点亮市民文化生活。</p><p><img src="http://culture.people.com.cn/img/7.png" alt="书房"><img src="http://culture.people.com.cn/img/lost.png" alt="丢失"></p><script>alert(1)</script></section>' +
      '<section data-page="2"><p onclick="x()">第二页。</p></section></article>',
  });
}

describe('one article as a file', () => {
  it('Markdown: header, body, images at their original URLs, nothing unsafe', () => {
    const md = articleAsMarkdown(article(), window);
    expect(md.startsWith('# 城市书房 &lt;7>\n\n记者 张三 · 人民日报 · 2022-02-13 07:48 · <http://culture.people.com.cn/n1/2022/0213/c1013-32350007.html>\n\n城市书房点亮市民文化生活。\n\n')).toBe(true);
    expect(md).toContain('![书房](http://culture.people.com.cn/img/7.png)');
    expect(md).toContain('第二页。');
    expect(md).not.toContain('alert');
  });

  it('plain text: header and paragraphs', () => {
    const text = articleAsText(article(), window);
    expect(text).toBe('城市书房 <7>\n记者 张三 · 人民日报 · 2022-02-13 07:48\nhttp://culture.people.com.cn/n1/2022/0213/c1013-32350007.html\n\n城市书房点亮市民文化生活。\n\n第二页。\n');
  });

  it('HTML: self-contained, images inlined, missing ones reduced to their alt text, a CSP that loads nothing', async () => {
    const a = article();
    const bytes = pngBytes(64);
    const html = await articleAsHtml(a, [{ articleId: a.id, url: 'http://culture.people.com.cn/img/7.png', blob: new Blob([bytes], { type: 'image/png' }) }], window);
    const doc = new JSDOM(html).window.document;
    expect(doc.title).toBe('城市书房 <7>');
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toBe("default-src 'none'; img-src data:; style-src 'unsafe-inline'");
    const imgs = [...doc.querySelectorAll('img')];
    expect(imgs).toHaveLength(1);
    expect(imgs[0]!.getAttribute('src')).toBe(`data:image/png;base64,${Buffer.from(bytes).toString('base64')}`);
    expect(doc.body.textContent).toContain('[丢失]');
    expect(html).not.toMatch(/<script|onclick|src="http/);
    expect(doc.querySelectorAll('section[data-page]')).toHaveLength(2);
  });

  it('file names keep Chinese and drop what file systems refuse', () => {
    expect(fileNameFor('城市书房: "点亮" 生活/2022?', 'md')).toBe('城市书房- -点亮- 生活-2022.md');
    expect(fileNameFor('...', 'txt')).toBe('article.txt');
  });
});
