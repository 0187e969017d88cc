import { JSDOM } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import type { WholeArticle } from '../pipeline/types';
import { wholeArticle } from '../../test/support/whole-article';
import { articleBody, dropRepeatedBlocks, renderArticle, withoutReaderUi } from './article-view';

function article(overrides: Partial<WholeArticle> = {}): WholeArticle {
  const pageUrls = [1, 2, 3, 4].map((n) => `http://culture.people.com.cn/n1/2022/0213/c1013-1${n === 1 ? '' : `-${n}`}.html`);
  return wholeArticle({
    byline: '记者 张三',
    source: '人民日报',
    publishedTime: '2022-02-13T07:48:00+08:00',
    pageUrls,
    failedPages: [{ page: 2, url: pageUrls[1]!, reason: 'HTTP 503' }],
    contentHtml:
      '<article><section data-page="1"><p>一</p></section><section data-page="3"><p>三<script>alert(1)</script></p></section>' +
      '<section data-page="4"><p onclick="x()">四</p></section></article>',
    length: 3,
    ...overrides,
  });
}

function root(): HTMLElement {
  const { document } = new JSDOM('<!doctype html><body><article id="reader-content"></article>').window;
  return document.getElementById('reader-content') as HTMLElement;
}

describe('renderArticle', () => {
  it('renders header, sections in order, the failed page in its place, page markers, lang', () => {
    const el = root();
    const onRetry = vi.fn<(failed: unknown, notice: HTMLElement) => void>();
    renderArticle(el, article(), { onRetry });
    expect(el.dataset.pageCount).toBe('4');
    expect(el.lang).toBe('zh-CN');
    expect(el.querySelector('h1')?.textContent).toBe('城市书房');
    expect(el.querySelector('.article-meta')?.textContent).toBe('记者 张三 · 人民日报 · 2022-02-13 07:48');
    const body = articleBody(el)!;
    const order = [...body.children].map((c) => c.getAttribute('data-page') ?? c.getAttribute('data-failed-page') ?? c.className);
    // The notice names its page itself: no marker before it.
    expect(order).toEqual(['1', '2', 'page-marker', '3', 'page-marker', '4']);
    // Outside the extension the message key stands in for the text.
    expect(body.querySelector('.page-failed-text')?.textContent).toBe('readerFailedPage');
    // Sanitized again on render.
    expect(body.querySelector('script')).toBeNull();
    expect(body.querySelector('[onclick]')).toBeNull();
    (body.querySelector('.page-failed button') as HTMLButtonElement).click();
    expect(onRetry).toHaveBeenCalledTimes(1);
    expect(onRetry.mock.calls[0]![0]).toEqual(article().failedPages[0]);
    expect(onRetry.mock.calls[0]![1]).toBe(body.querySelector('.page-failed'));
  });
});

describe('renderArticle of a saved copy', () => {
  it('has no Retry button and lets the body be prepared before it enters the page', () => {
    const el = root();
    const seen: string[] = [];
    renderArticle(el, article({ contentHtml: '<section data-page="1"><p>一<img src="http://a.cn/1.jpg"></p></section>' }), {
      prepareBody: (body) => {
        // Still in the inert document, already sanitized.
        seen.push(String(body.ownerDocument === el.ownerDocument), body.innerHTML);
        body.querySelector('img')?.setAttribute('src', 'blob:local');
      },
    });
    expect(seen).toEqual(['false', '<section data-page="1"><p>一<img src="http://a.cn/1.jpg"></p></section>']);
    expect(el.querySelector('img')?.getAttribute('src')).toBe('blob:local');
    expect(el.querySelector('.page-failed')).not.toBeNull();
    expect(el.querySelector('.page-failed button')).toBeNull();
  });
});

describe('dropRepeatedBlocks', () => {
  it('removes blocks the article already shows', () => {
    const { document } = new JSDOM('<!doctype html><body><div id="b"><section data-page="1"><p>这是一段重复的导语文字。</p><p>一</p></section></div>').window;
    const body = document.getElementById('b') as HTMLElement;
    const section = document.createElement('section');
    section.innerHTML = '<p>这是一段重复的导语文字。</p><p>新的内容在这里出现。</p>';
    dropRepeatedBlocks(section, body);
    expect([...section.querySelectorAll('p')].map((p) => p.textContent)).toEqual(['新的内容在这里出现。']);
  });
});

describe('withoutReaderUi', () => {
  it('copies the article without the reader’s notices, link-target ids and layout wrappers', () => {
    const doc = new JSDOM('<div id=b><section data-page="1" id="ws-toc-2"><h2 id="ws-toc-1">标题</h2><p>第<span class="tcy">12</span>条</p><p data-reader-ui>第 2 页</p></section></div>').window.document;
    const copy = withoutReaderUi(doc.getElementById('b')!);
    expect(copy.innerHTML).toBe('<section data-page="1"><h2>标题</h2><p>第12条</p></section>');
    expect(copy.querySelector('p')!.childNodes.length).toBe(1);
    expect(doc.getElementById('ws-toc-1')).not.toBeNull();
  });
});
