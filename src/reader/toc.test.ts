// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WholeArticle } from '../pipeline/types';
import { wholeArticle } from '../../test/support/whole-article';
import { renderArticle } from './article-view';
import { currentEntry, renderToc, setUpToc, tocEntries } from './toc';

function article(contentHtml: string, pageCount: number, failedPages: WholeArticle['failedPages'] = []): WholeArticle {
  const pageUrls = Array.from({ length: pageCount }, (_, i) => `http://www.news.cn/2024/c_1${i ? `_${i + 1}` : ''}.htm`);
  return wholeArticle({ title: '政府工作报告', siteName: null, pageUrls, failedPages, contentHtml, site: 'xinhua' });
}

const MULTI = `<article><section data-page="1"><h2>政府工作报告</h2><p>引言</p><h2>一、2023年工作回顾</h2><p>a</p><h3>（一）经济</h3><p>b</p></section>
<section data-page="2"><p>c</p><h3>（二）民生</h3><h4>1. 就业</h4><p>d</p><h2>  </h2></section>
<section data-page="4"><h2>二、2024年工作任务</h2><p>e</p></section></article>`;

function shell(): HTMLElement {
  document.body.innerHTML = `<header class="toolbar"><button id="toggle-toc" hidden></button></header>
    <nav id="reader-toc" hidden><div class="toc-head"><h2>目录</h2><button class="toc-close">×</button></div><ol class="toc-list"></ol><p class="toc-empty"></p></nav>
    <main><article id="reader-content"></article></main>`;
  return document.getElementById('reader-content') as HTMLElement;
}

beforeEach(() => {
  window.matchMedia = ((query: string) => ({ matches: query.includes('min-width: 1000px') && window.innerWidth >= 1000, addEventListener() {} })) as unknown as typeof window.matchMedia;
  Element.prototype.scrollIntoView = vi.fn();
});

describe('tocEntries', () => {
  it('lists pages (a failed one too) and h2–h4 in document order, levels from the highest heading present; the repeated title and empty headings left out', () => {
    const content = shell();
    renderArticle(content, article(MULTI, 4, [{ page: 3, url: 'http://www.news.cn/2024/c_1_3.htm', reason: 'HTTP 503' }]), {});
    const entries = tocEntries(content.querySelector('.article-body') as HTMLElement, '政府工作报告');
    expect(entries.map((e) => [e.kind, e.level, e.page, e.text])).toEqual([
      ['heading', 1, 1, '一、2023年工作回顾'],
      ['heading', 2, 1, '（一）经济'],
      ['page', 0, 2, 'readerPageMarker'],
      ['heading', 2, 2, '（二）民生'],
      ['heading', 3, 2, '1. 就业'],
      ['failed-page', 0, 3, 'tocPageNotLoaded'],
      ['page', 0, 4, 'readerPageMarker'],
      ['heading', 1, 4, '二、2024年工作任务'],
    ]);
    expect(entries[2]!.target).toBe(content.querySelector('section[data-page="2"]'));
    expect(entries[5]!.target.matches('[data-failed-page="3"]')).toBe(true);
  });

  it('pages only, when there is no heading: a boundary before each page but the first', () => {
    const content = shell();
    renderArticle(content, article('<article><section data-page="1"><p>一</p></section><section data-page="2"><p>二</p></section><section data-page="3"><p>三</p></section></article>', 3), {});
    const entries = tocEntries(content.querySelector('.article-body') as HTMLElement);
    expect(entries.map((e) => [e.kind, e.page])).toEqual([['page', 2], ['page', 3]]);
  });

  it('one page: headings only, no page; h3 alone is level 1', () => {
    const content = shell();
    renderArticle(content, article('<article><section data-page="1"><h3>A</h3><p>x</p><h4>B</h4></section></article>', 1), {});
    const entries = tocEntries(content.querySelector('.article-body') as HTMLElement);
    expect(entries.map((e) => [e.kind, e.level, e.text])).toEqual([['heading', 1, 'A'], ['heading', 2, 'B']]);
  });

  it('nothing to list for one page without headings', () => {
    const content = shell();
    renderArticle(content, article('<article><section data-page="1"><p>只有一段。</p></section></article>', 1), {});
    expect(tocEntries(content.querySelector('.article-body') as HTMLElement)).toEqual([]);
  });
});

describe('renderToc', () => {
  it('one link per entry, each pointing at an element of the page', () => {
    const content = shell();
    renderArticle(content, article(MULTI, 4), {});
    const entries = tocEntries(content.querySelector('.article-body') as HTMLElement, '政府工作报告');
    const links = renderToc(document.querySelector('.toc-list') as HTMLElement, entries);
    expect(links).toHaveLength(entries.length);
    for (const [i, link] of links.entries()) expect(document.querySelector(link.hash)).toBe(entries[i]!.target);
    expect(links.filter((l) => l.dataset.page).map((l) => l.dataset.page)).toEqual(['2', '4']);
  });
});

describe('currentEntry', () => {
  it('is the last target whose top has passed the line', () => {
    const targets = [0, 400, 900, 2000].map((top) => {
      const el = document.createElement('h2');
      el.getBoundingClientRect = () => ({ top: top - 500, bottom: top - 480, left: 0, right: 100, width: 100, height: 20 }) as DOMRect;
      return el;
    });
    expect(currentEntry(targets, 100)).toBe(1);
    expect(currentEntry(targets, 450)).toBe(2);
    expect(currentEntry(targets, -600)).toBe(-1);
    expect(currentEntry(targets, 5000)).toBe(3);
  });
});

describe('setUpToc', () => {
  it('hides the button when there is nothing to list, shows it otherwise', () => {
    const content = shell();
    const toc = setUpToc(document)!;
    renderArticle(content, article('<article><section data-page="1"><p>x</p></section></article>', 1), {});
    toc.rebuild();
    expect((document.getElementById('toggle-toc') as HTMLElement).hidden).toBe(true);
    renderArticle(content, article(MULTI, 4), {});
    toc.rebuild();
    expect((document.getElementById('toggle-toc') as HTMLElement).hidden).toBe(false);
    expect(document.querySelectorAll('#reader-toc a[href]')).toHaveLength(7);
  });

  it('opens with focus inside, a link click scrolls to its target, Esc closes and gives focus back', () => {
    const content = shell();
    const toc = setUpToc(document)!;
    renderArticle(content, article(MULTI, 4), {});
    toc.rebuild();
    const toggle = document.getElementById('toggle-toc') as HTMLButtonElement;
    const nav = document.getElementById('reader-toc') as HTMLElement;
    toggle.focus();
    toggle.click();
    expect(nav.hidden).toBe(false);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(nav.contains(document.activeElement)).toBe(true);
    const link = [...nav.querySelectorAll<HTMLAnchorElement>('a')].find((a) => a.textContent === '（二）民生')!;
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
    const heading = [...content.querySelectorAll('h3')].find((h) => h.textContent === '（二）民生')!;
    expect(Element.prototype.scrollIntoView).toHaveBeenCalled();
    expect(vi.mocked(Element.prototype.scrollIntoView).mock.contexts.at(-1)).toBe(heading);
    expect(document.activeElement).toBe(heading);
    toggle.focus();
    toggle.click();
    toggle.click();
    expect(nav.hidden).toBe(false);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(nav.hidden).toBe(true);
    expect(document.activeElement).toBe(toggle);
  });
});
