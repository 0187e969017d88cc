import { describe, expect, it } from 'vitest';
import { createNodeDom } from '../cli/node-dom';
import { mergeParts, type MergeInput } from './merge';

const dom = createNodeDom();
const doc = dom.parse('<!doctype html><html><body></body></html>', 'http://culture.people.com.cn/n1/2019/0615/c1013-31153719.html');
const part = (page: number, inner: string): MergeInput => {
  const d = dom.parse(`<!doctype html><html><body><div id="rwb_zw">${inner}</div></body></html>`, `http://x.people.com.cn/${page}.html`);
  return { page, url: `http://x.people.com.cn/${page}.html`, body: d.getElementById('rwb_zw') };
};
const sectionTexts = (article: Element) =>
  [...article.querySelectorAll('section')].map((s) => [s.getAttribute('data-page'), (s.textContent ?? '').replace(/\s+/g, ' ').trim()]);

describe('mergeParts', () => {
  it('puts one <section data-page="N"> per page in page order, whatever the input order', () => {
    const article = mergeParts(doc, [part(3, '<p>第三页的正文内容。</p>'), part(1, '<p>第一页的正文内容。</p>'), part(2, '<p>第二页的正文内容。</p>')]);
    expect(article.tagName).toBe('ARTICLE');
    expect(article.ownerDocument).toBe(doc);
    expect(sectionTexts(article)).toEqual([
      ['1', '第一页的正文内容。'],
      ['2', '第二页的正文内容。'],
      ['3', '第三页的正文内容。'],
    ]);
    expect(article.querySelectorAll(':scope > section').length).toBe(3);
  });

  it('keeps a headline, a lead image and an intro paragraph repeated on page 2 only once', () => {
    const repeated = '<h2>推进文化遗产保护利用</h2><p><img src="http://x.people.com.cn/lead.jpg"></p><p>编者按：这是每一页都重复的导语段落。</p>';
    const article = mergeParts(doc, [part(1, `${repeated}<p>第一页独有的段落。</p>`), part(2, `${repeated}<p>第二页独有的段落。</p>`)]);
    const [s1, s2] = [...article.querySelectorAll('section')] as unknown as [Element, Element];
    expect(s1.querySelectorAll('h2').length).toBe(1);
    expect(s1.querySelectorAll('img').length).toBe(1);
    expect(s1.textContent).toContain('编者按');
    expect(s2.querySelector('h2')).toBeNull();
    expect(s2.querySelector('img')).toBeNull();
    expect(s2.textContent).not.toContain('编者按');
    expect(s2.textContent).toContain('第二页独有的段落。');
  });

  it('keeps short repeated lines such as "（完）" and "一、"', () => {
    const article = mergeParts(doc, [part(1, '<p>一、</p><p>第一页正文。</p><p>（完）</p>'), part(2, '<p>一、</p><p>第二页正文。</p><p>（完）</p>')]);
    const [s1, s2] = [...article.querySelectorAll('section')] as unknown as [Element, Element];
    expect(s1.textContent).toContain('（完）');
    expect(s2.textContent).toContain('（完）');
    expect(s2.textContent).toContain('一、');
  });

  it('keeps a paragraph repeated within the same page', () => {
    const article = mergeParts(doc, [part(1, '<p>同一页上重复两次的段落。</p><p>同一页上重复两次的段落。</p>')]);
    expect(article.querySelectorAll('p').length).toBe(2);
  });

  it('gives failed pages no section and keeps the others in order', () => {
    const article = mergeParts(doc, [part(1, '<p>第一页的正文内容。</p>'), { page: 2, url: 'x', body: null }, part(3, '<p>第三页的正文内容。</p>')]);
    expect(sectionTexts(article).map(([n]) => n)).toEqual(['1', '3']);
  });

  it('does not modify the input bodies', () => {
    const p1 = part(1, '<p>重复的段落内容在这里。</p>');
    const p2 = part(2, '<p>重复的段落内容在这里。</p><p>新内容。</p>');
    mergeParts(doc, [p1, p2]);
    expect(p2.body?.querySelectorAll('p').length).toBe(2);
  });

  it('keeps different images with the same (empty) text', () => {
    const article = mergeParts(doc, [part(1, '<p><img src="http://x.cn/a.jpg"></p><p>正文一二三四五六。</p>'), part(2, '<p><img src="http://x.cn/b.jpg"></p><p>正文七八九十。</p>')]);
    expect([...article.querySelectorAll('img')].map((i) => i.getAttribute('src'))).toEqual(['http://x.cn/a.jpg', 'http://x.cn/b.jpg']);
  });
});
