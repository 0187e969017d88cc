import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { articleHtml, articleMarkdown, articleText, type ArticleHeader } from './copy-formats';

const header: ArticleHeader = { title: '城市书房', meta: '人民网 · 2022-02-13 07:48', url: 'http://culture.people.com.cn/n1/2022/0213/c1013-1.html' };

function body(html: string): Element {
  const { document } = new JSDOM(`<!doctype html><body><div class="article-body">${html}</div>`).window;
  return document.querySelector('.article-body') as Element;
}

const ARTICLE = body(
  '<section data-page="1"><p>第一段，\n  没有空格。</p><p>Second paragraph with <a href="https://x.cn/">a link</a>.</p></section>' +
    '<div class="page-marker" data-reader-ui=""><a href="#">Page 2</a></div>' +
    '<div class="page-failed" data-reader-ui="" data-failed-page="2">Page 2 of 3 could not be loaded (HTTP 503). <button>Retry</button></div>' +
    '<section data-page="3"><p>第\n三页正文。</p><ul><li>一项</li></ul></section>',
);

describe('articleText', () => {
  it('keeps paragraphs, turns no line break between CJK characters into a space, leaves the reader UI out', () => {
    expect(articleText(ARTICLE, null)).toBe('第一段，没有空格。\n\nSecond paragraph with a link.\n\n第三页正文。\n\n一项\n');
  });

  it('starts with title, source and date, URL when asked', () => {
    expect(articleText(ARTICLE, header).split('\n\n')[0]).toBe(`城市书房\n人民网 · 2022-02-13 07:48\n${header.url}`);
  });
});

describe('articleMarkdown', () => {
  it('has a heading, a meta line with the URL, and the body without reader UI', () => {
    const md = articleMarkdown(ARTICLE, header);
    expect(md.startsWith(`# 城市书房\n\n人民网 · 2022-02-13 07:48 · <${header.url}>\n\n第一段，没有空格。\n\n`)).toBe(true);
    expect(md).toContain('[a link](https://x.cn/)');
    expect(md).toContain('-   一项');
    expect(md).not.toContain('Retry');
    expect(md).not.toContain('Page 2');
  });
});

describe('articleHtml', () => {
  it('wraps the body with an escaped header and drops the reader UI', () => {
    const html = articleHtml(ARTICLE, { ...header, title: '<b>&</b>' });
    expect(html.startsWith('<article><h1>&#60;b&#62;&#38;&#60;/b&#62;</h1>')).toBe(true);
    expect(html).toContain('<section data-page="3">');
    expect(html).not.toContain('data-reader-ui');
  });
});
