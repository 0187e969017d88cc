import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import type { WholeArticle } from '../pipeline/types';
import { describeFailedPages, formatArticle } from './article-output';
import { isOutputFormat } from './format-option';

const base = 'http://english.people.com.cn/90777/8395574.html';

function article(overrides: Partial<WholeArticle> = {}): WholeArticle {
  return {
    title: 'Lu Wei: Liberty and Order in Cyberspace (Full Text)',
    byline: null,
    source: 'Xinhua',
    publishedTime: '2013-09-10T08:35:00+08:00',
    siteName: "People's Daily Online",
    lang: 'en',
    dir: null,
    url: base,
    pageUrls: [base, base.replace('.html', '-2.html')],
    pageCount: 2,
    failedPages: [],
    textContent: 'First paragraph.\n\nSecond *paragraph*.\n\nThird on page 2.',
    contentHtml:
      '<section data-page="1"><p>First paragraph.</p><p>Second <em>paragraph</em>.</p><p><img src="/mediafile/a.jpg" alt="A photo"></p></section>' +
      '<section data-page="2"><h2>Part two</h2><p>Third on <a href="8395574-3.html">page 2</a>.</p></section>',
    excerpt: 'First paragraph.',
    length: 9,
    site: 'people',
    ...overrides,
  };
}

const chinese = (): WholeArticle =>
  article({
    title: '文化强国建设\n新篇章',
    byline: '记者 张三',
    source: '人民网-文化频道',
    publishedTime: '2019-06-15T08:18:00+08:00',
    siteName: '人民网',
    lang: 'zh-CN',
    url: 'http://culture.people.com.cn/n1/2019/0615/c1013-31153719.html',
    pageUrls: ['http://culture.people.com.cn/n1/2019/0615/c1013-31153719.html'],
    pageCount: 1,
    textContent: '第一段，中文内容。\n\n第二段：记者 张三报道。',
    contentHtml: '<section data-page="1"><p>第一段，中文\n      内容。</p><p>第二段：记者 张三报道。</p></section>',
    site: 'people',
  });

describe('formatArticle md', () => {
  it('has a title, a meta line with the URL, and the body', () => {
    const md = formatArticle(article(), 'md');
    const lines = md.split('\n');
    expect(lines[0]).toBe('# Lu Wei: Liberty and Order in Cyberspace (Full Text)');
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe(`Xinhua · 2013-09-10 08:35 · <${base}>`);
    expect(md).toContain('First paragraph.\n\nSecond *paragraph*.');
    expect(md).toContain('## Part two');
    expect(md.endsWith('\n')).toBe(true);
    expect(md).not.toMatch(/\n{3}/);
  });

  it('makes links and images absolute against their own page', () => {
    const md = formatArticle(article(), 'md');
    expect(md).toContain('![A photo](http://english.people.com.cn/mediafile/a.jpg)');
    expect(md).toContain('[page 2](http://english.people.com.cn/90777/8395574-3.html)');
  });

  it('notes failed pages', () => {
    const md = formatArticle(
      article({ pageCount: 3, failedPages: [{ page: 2, url: `${base}-2`, reason: 'HTTP 503' }] }),
      'md',
    );
    expect(md).toContain('> **Incomplete:** 1 of 3 pages could not be loaded.');
    expect(md).toContain(`> - Page 2: HTTP 503 (<${base}-2>)`);
  });

  it('escapes Markdown in the title and never splits CJK text with spaces', () => {
    const md = formatArticle(chinese(), 'md');
    expect(md.split('\n')[0]).toBe('# 文化强国建设新篇章');
    expect(md.split('\n')[2]).toBe('记者 张三 · 人民网-文化频道 · 2019-06-15 08:18 · <http://culture.people.com.cn/n1/2019/0615/c1013-31153719.html>');
    expect(md).toContain('第一段，中文内容。');
    expect(md).toContain('第二段：记者 张三报道。');
    expect(formatArticle(article({ title: '1. *Big* news' }), 'md').split('\n')[0]).toBe('# 1\\. \\*Big\\* news');
  });

  it('leaves out the source when the byline already names it', () => {
    const md = formatArticle(article({ byline: 'By Li Hua (Xinhua)', publishedTime: null }), 'md');
    expect(md.split('\n')[2]).toBe(`By Li Hua (Xinhua) · <${base}>`);
  });

  it('falls back to the text when there is no HTML', () => {
    expect(formatArticle(article({ contentHtml: '' }), 'md')).toContain('Second *paragraph*.\n\nThird on page 2.');
  });
});

describe('formatArticle text', () => {
  it('is the title, a blank line and the body', () => {
    expect(formatArticle(article(), 'text')).toBe(
      'Lu Wei: Liberty and Order in Cyberspace (Full Text)\n\nFirst paragraph.\n\nSecond *paragraph*.\n\nThird on page 2.\n',
    );
  });

  it('adds no spaces to Chinese', () => {
    expect(formatArticle(chinese(), 'text')).toBe('文化强国建设新篇章\n\n第一段，中文内容。\n\n第二段：记者 张三报道。\n');
  });

  it('tidies line endings and runs of blank lines', () => {
    const text = formatArticle(article({ textContent: 'a  \r\n\r\n\r\n\r\nb\n' }), 'text');
    expect(text).toBe('Lu Wei: Liberty and Order in Cyberspace (Full Text)\n\na\n\nb\n');
  });
});

describe('formatArticle html', () => {
  it('is a complete document with charset, title, lang and the body', () => {
    const html = formatArticle(chinese(), 'html');
    expect(html.startsWith('<!doctype html>\n<html lang="zh-CN">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>文化强国建设 新篇章</title>'.replace(' ', ''));
    const doc = new JSDOM(html).window.document;
    expect(doc.querySelector('h1')?.textContent).toBe('文化强国建设新篇章');
    expect(doc.querySelector('time')?.getAttribute('datetime')).toBe('2019-06-15T08:18:00+08:00');
    expect(doc.querySelector('link[rel=canonical]')?.getAttribute('href')).toBe(chinese().url);
    expect(doc.querySelector('article section p')?.textContent).toBe('第一段，中文内容。');
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toContain("default-src 'none'");
  });

  it('sanitizes the body again and escapes the metadata', () => {
    const html = formatArticle(
      article({
        title: '<script>alert(1)</script>',
        source: '"><img src=x onerror=alert(1)>',
        contentHtml: '<p onclick="alert(1)">ok<script>alert(2)</script><img src="x.jpg" onerror="alert(3)"></p>',
      }),
      'html',
    );
    const doc = new JSDOM(html).window.document;
    expect(doc.querySelectorAll('script').length).toBe(0);
    expect(doc.querySelectorAll('[onclick], [onerror]').length).toBe(0);
    expect(doc.title).toBe('<script>alert(1)</script>');
    expect(doc.querySelector('article p:not(.meta)')?.textContent).toBe('ok');
    expect(doc.querySelector('article img')?.getAttribute('src')).toBe('http://english.people.com.cn/90777/x.jpg');
  });

  it('notes failed pages and guesses lang only for Chinese', () => {
    const html = formatArticle(
      article({ lang: null, failedPages: [{ page: 2, url: `${base}-2`, reason: 'timed out after 15000 ms' }] }),
      'html',
    );
    expect(html).toContain('<html>');
    expect(html).toContain('Page 2: timed out after 15000 ms');
    const zh = formatArticle(chinese(), 'html');
    expect(zh).toContain('lang="zh-CN"');
  });
});

describe('formatArticle json', () => {
  it('is one object with every field', () => {
    const a = article({ failedPages: [{ page: 2, url: `${base}-2`, reason: 'HTTP 503' }] });
    const parsed = JSON.parse(formatArticle(a, 'json')) as Record<string, unknown>;
    for (const key of [
      'title', 'byline', 'siteName', 'publishedTime', 'lang', 'url', 'pageUrls', 'pageCount', 'failedPages',
      'textContent', 'contentHtml', 'source', 'excerpt', 'length', 'site', 'dir',
    ]) {
      expect(parsed, key).toHaveProperty(key);
    }
    expect(parsed).toEqual({ ...a });
  });
});

describe('helpers', () => {
  it('describes failed pages', () => {
    expect(describeFailedPages(article({ pageCount: 4, failedPages: [{ page: 3, url: 'u3', reason: 'HTTP 503' }] }))).toEqual([
      'page 3 of 4: HTTP 503 (u3)',
    ]);
  });
  it('knows the formats', () => {
    expect(['md', 'text', 'html', 'json'].every(isOutputFormat)).toBe(true);
    expect(isOutputFormat('markdown')).toBe(false);
  });
});
