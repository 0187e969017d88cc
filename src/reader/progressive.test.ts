// @vitest-environment jsdom
/**
 * Progressive reading (progressive.ts) under jsdom with the real catalogues: the first page shown
 * at once with a placeholder per other page, later pages put in their place in page order whatever
 * order they arrive in, the clock marks, and the final swap keeping the paragraph on the reading
 * line where it was (layout simulated: every block has a fixed height, the document scrolls).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArticlePart, WholeArticle } from '../pipeline/types';
import { useLocale } from '../../test/support/ui-catalogue';
import { wholeArticle } from '../../test/support/whole-article';

vi.mock('wxt/browser', () => import('../../test/support/ui-catalogue').then((m) => m.i18nBrowser));

const { createProgressiveView, readingAnchor, restoreAnchor } = await import('./progressive');
const { renderArticle } = await import('./article-view');
const { showReadingTime } = await import('./reading-time');

const TITLE = '城市书房点亮市民文化生活';
const META = { byline: null, source: '人民网', publishedTime: '2022-02-13T08:00:00+08:00', siteName: '人民网', lang: 'zh-CN', dir: 'ltr' };
const url = (n: number) => `http://culture.people.com.cn/n1/2022/0213/c1013-32351234${n === 1 ? '' : `-${n}`}.html`;
const para = (n: number, m: number) => `第${n}页第${m}段：走进位于老城区的城市书房，阅读区、自习区和儿童区错落有致。`;
const pageHtml = (n: number, count = 3) => `<div>${Array.from({ length: count }, (_, i) => `<p>${para(n, i + 1)}</p>`).join('')}</div>`;
const part = (page: number, total: number, html = pageHtml(page)): ArticlePart => {
  const pages = Array.from({ length: total }, (_, i) => i + 1);
  return { page, pages, pageUrls: pages.map(url), url: url(page), title: TITLE, meta: META, html };
};

function setUp(): HTMLElement {
  document.documentElement.removeAttribute('data-first-text-ms');
  document.documentElement.removeAttribute('data-first-text-page');
  document.documentElement.removeAttribute('data-article-ms');
  document.body.innerHTML = '<main><p id="status"></p><article id="reader-content"></article></main>';
  return document.getElementById('reader-content') as HTMLElement;
}

const sections = (content: HTMLElement) =>
  [...content.querySelectorAll<HTMLElement>(':scope > .article-body > section[data-page]')].map((s) => `${s.dataset.page}${s.hasAttribute('data-pending') ? ' pending' : ''}`);

beforeEach(() => useLocale('en-US', 'en'));

describe('progressive view: pages as they arrive', () => {
  it('the first page that arrives is shown under the headline at once, a placeholder for every other page, the time marked', () => {
    const content = setUp();
    const view = createProgressiveView(content, { now: () => 42.4 });
    expect(view.shown).toBe(false);
    view.show(part(2, 4));
    expect(view.shown).toBe(true);
    expect(content.querySelector('.article-header h1')?.textContent).toBe(TITLE);
    expect(sections(content)).toEqual(['1 pending', '2', '3 pending', '4 pending']);
    const pending = content.querySelector<HTMLElement>('section[data-page="3"]')!;
    expect(pending.textContent).toBe('Loading page 3…');
    expect(pending.hasAttribute('data-reader-ui')).toBe(true);
    expect(pending.getAttribute('aria-busy')).toBe('true');
    // The page's blocks are the section's children (the pipeline's wrapper lifted).
    const two = content.querySelector<HTMLElement>('section[data-page="2"]')!;
    expect([...two.children].map((c) => c.tagName)).toEqual(['P', 'P', 'P']);
    expect(two.textContent).toContain(para(2, 1));
    expect(document.documentElement.dataset.firstTextMs).toBe('42');
    expect(document.documentElement.dataset.firstTextPage).toBe('2');
    expect(content.dataset.progressive).toBe('loading');
  });

  it('the placeholder line is in the interface language', () => {
    useLocale('zh-CN', 'zh_CN');
    const content = setUp();
    createProgressiveView(content).show(part(1, 2));
    const line = content.querySelector<HTMLElement>('section[data-pending] .page-pending')!;
    expect(line.textContent).toBe('正在加载第2页…');
    expect(line.lang).toBe('zh-CN');
  });

  it('later pages take their placeholder\'s place in page order, whatever order they arrive in; page markers between pages', () => {
    const content = setUp();
    let clock = 10;
    const view = createProgressiveView(content, { now: () => clock });
    view.show(part(1, 4));
    clock = 500;
    view.show(part(4, 4));
    expect(sections(content)).toEqual(['1', '2 pending', '3 pending', '4']);
    view.show(part(2, 4));
    expect(sections(content)).toEqual(['1', '2', '3 pending', '4']);
    view.show(part(3, 4));
    expect(sections(content)).toEqual(['1', '2', '3', '4']);
    // The first text's time stays the first page's.
    expect(document.documentElement.dataset.firstTextMs).toBe('10');
    const text = content.querySelector('.article-body')!.textContent ?? '';
    const at = [1, 2, 3, 4].map((n) => text.indexOf(para(n, 1)));
    expect(at.every((i, k) => i >= 0 && (k === 0 || i > at[k - 1]!))).toBe(true);
    const markers = [...content.querySelectorAll<HTMLAnchorElement>('.article-body > .page-marker a')].map((a) => [a.textContent, a.href]);
    expect(markers).toEqual([2, 3, 4].map((n) => [`Page ${n}`, url(n)]));
    // Markers sit right before their page.
    for (const s of content.querySelectorAll<HTMLElement>('.article-body > section[data-page]:not([data-page="1"])')) expect(s.previousElementSibling?.className).toBe('page-marker');
  });

  it('a page that grows the list (a "next" link found) gets placeholders for the new pages; a block a later page repeats is not shown twice', () => {
    const content = setUp();
    const view = createProgressiveView(content);
    view.show(part(1, 2));
    expect(sections(content)).toEqual(['1', '2 pending']);
    view.show(part(2, 3, `<div><p>${para(1, 1)}</p><p>${para(2, 2)}</p></div>`));
    expect(sections(content)).toEqual(['1', '2', '3 pending']);
    const two = content.querySelector<HTMLElement>('section[data-page="2"]')!;
    expect(two.textContent).not.toContain(para(1, 1));
    expect(two.textContent).toContain(para(2, 2));
  });

  it('a page on screen stays as it is when it is handed over again (the page in hand, shown from the part its tab made, then from the pipeline); the page list still grows', () => {
    const content = setUp();
    const view = createProgressiveView(content);
    view.show(part(1, 3));
    const shown = content.querySelector('section[data-page="1"] p');
    view.show(part(1, 4, `<div><p>${para(9, 9)}</p></div>`));
    expect(content.querySelector('section[data-page="1"] p')).toBe(shown);
    expect(content.querySelector('section[data-page="1"]')?.textContent).toBe(`${para(1, 1)}${para(1, 2)}${para(1, 3)}`);
    expect(sections(content)).toEqual(['1', '2 pending', '3 pending', '4 pending']);
    expect(content.querySelector('.article-original')!.textContent).toContain('4 pages');
  });

  it('the header says how long the article takes to read from the first page on: that page counted as many times as there are pages', () => {
    const content = setUp();
    // 25 paragraphs of 29 Han characters and 2 numbers: 2.03 minutes a page (400 characters, 230 words a minute); 4 pages, 8 minutes.
    createProgressiveView(content).show(part(1, 4, pageHtml(1, 25)));
    const span = content.querySelector<HTMLElement>('.article-header .article-original .reading-time');
    expect(span?.textContent).toBe('8 min read');
    expect(span?.hasAttribute('data-estimate')).toBe(true);
    expect(content.querySelector('.article-original')!.textContent).toBe('Original article · 4 pages · 8 min read');
  });

  it('sanitizes again what it is given', () => {
    const content = setUp();
    createProgressiveView(content).show(part(1, 1, '<div><p onclick="alert(1)" class="x">好文章的第一段，足够长的文字。</p><script>alert(2)</script><img src="javascript:alert(3)"></div>'));
    const html = content.innerHTML;
    expect(html).not.toMatch(/onclick|<script|javascript:|class="x"/);
  });

  it("takes the pipeline's sanitized tree as it is when the part carries one (sanitized once on its way)", async () => {
    const content = setUp();
    const { sanitizedBody } = await import('../pipeline/sanitize');
    const body = sanitizedBody(pageHtml(1), window as Window & typeof globalThis);
    const first = body.querySelector('p');
    createProgressiveView(content).show({ ...part(1, 1), body });
    // The very nodes of that tree, moved into the page: not parsed and sanitized again from `html`.
    expect(content.querySelector('section[data-page="1"] p')).toBe(first);
    expect(content.querySelector('section[data-page="1"]')?.textContent).toBe(`${para(1, 1)}${para(1, 2)}${para(1, 3)}`);
  });

  it('an image the early pages showed and that failed is not asked for again by the final article (a 204 is not cached)', () => {
    const content = setUp();
    const view = createProgressiveView(content);
    const ok = 'http://culture.people.com.cn/NMediaFile/2022/0213/ok.png';
    const beacon = 'http://stats.tracker.example/beacon-204.gif';
    const images = `<p>${para(1, 1)}</p><p><img src="${ok}" alt="图"></p><p><img src="${beacon}" alt=""></p>`;
    view.show(part(1, 1, `<div>${images}</div>`));
    const early = [...content.querySelectorAll('img')].find((i) => i.src === beacon)!;
    early.dispatchEvent(new Event('error'));
    view.swap(() =>
      renderArticle(content, { ...finalArticle(1, {}), contentHtml: `<article><section data-page="1">${images}</section></article>` }, { prepareBody: (body) => view.skipFailedImages(body) }),
    );
    const [shown, skipped] = [...content.querySelectorAll('img')];
    expect(shown!.getAttribute('src')).toBe(ok);
    expect(shown!.hidden).toBe(false);
    expect(skipped!.hasAttribute('src')).toBe(false);
    expect(skipped!.getAttribute('data-saved-src')).toBe(beacon);
    expect(skipped!.hidden).toBe(true);
  });

  it('clear() takes the early pages away (the read failed)', () => {
    const content = setUp();
    const view = createProgressiveView(content);
    view.show(part(1, 3));
    view.clear();
    expect(content.childElementCount).toBe(0);
    expect(view.shown).toBe(false);
  });
});

// ---- layout, simulated --------------------------------------------------------------------

/** Heights of what the reader draws; everything else takes its children's room. */
const HEIGHT: Array<[string, number]> = [
  ['h1', 40],
  ['.page-marker', 20],
  ['.page-pending', 60],
  ['p', 100],
];
let scrollTop = 0;
function fakeLayout(): void {
  scrollTop = 0;
  const scroller = (document.scrollingElement ?? document.documentElement) as HTMLElement;
  Object.defineProperty(scroller, 'scrollTop', { configurable: true, get: () => scrollTop, set: (v: number) => (scrollTop = v) });
  Object.defineProperty(scroller, 'scrollLeft', { configurable: true, get: () => 0 });
  scroller.scrollBy = ((opts: ScrollToOptions) => (scrollTop += opts.top ?? 0)) as typeof scroller.scrollBy;
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const leaves = [...document.querySelectorAll('#reader-content *')].filter((el) => HEIGHT.some(([sel]) => el.matches(sel)) && !el.parentElement?.closest('p, .page-marker'));
    let y = 0;
    let top: number | null = null;
    let bottom = 0;
    for (const leaf of leaves) {
      const h = HEIGHT.find(([sel]) => leaf.matches(sel))![1];
      if (this === leaf || this.contains(leaf)) {
        top ??= y;
        bottom = y + h;
      }
      y += h;
    }
    const t = (top ?? 0) - scrollTop;
    const b = (top === null ? 0 : bottom) - scrollTop;
    return { top: t, bottom: b, height: b - t, left: 0, right: 800, width: 800, x: 0, y: t, toJSON: () => ({}) } as DOMRect;
  });
}
afterEach(() => vi.restoreAllMocks());

const finalArticle = (pages: number, perPage: Record<number, number>): WholeArticle => {
  const contentHtml = `<article>${Array.from({ length: pages }, (_, i) => `<section data-page="${i + 1}">${Array.from({ length: perPage[i + 1] ?? 3 }, (_, m) => `<p>${para(i + 1, m + 1)}</p>`).join('')}</section>`).join('')}</article>`;
  return wholeArticle({ title: TITLE, ...META, pageUrls: Array.from({ length: pages }, (_, i) => url(i + 1)), contentHtml });
};

const topOf = (content: HTMLElement, page: number, m: number) =>
  [...content.querySelectorAll<HTMLElement>(`section[data-page="${page}"] p`)].find((p) => p.textContent === para(page, m))!.getBoundingClientRect().top;

describe('progressive view: the final swap keeps what the person is looking at', () => {
  it('the header is drawn as the final article draws it (the swap does not move it), the page count following the pages found', () => {
    const content = setUp();
    const view = createProgressiveView(content);
    view.show(part(1, 3));
    const early = content.querySelector('.article-header')!.outerHTML;
    expect(content.lang).toBe('zh-CN');
    expect(content.querySelector('.article-original')!.textContent).toBe('Original article · 3 pages · 1 min read');
    // The reading time as the reader's article-shown hook puts it in (toc-setup.ts); its count is its own.
    view.swap(() => renderArticle(content, finalArticle(3, {}), {}));
    showReadingTime(content);
    const counts = (html: string) => html.replace(/ data-(estimate|cjk-chars|words)(="[^"]*")?/g, '');
    expect(counts(content.querySelector('.article-header')!.outerHTML)).toBe(counts(early));
    expect(early).toContain('class="reading-time"');
  });

  it('the paragraph on the reading line stays on it, though a page above it came in much longer than its placeholder', () => {
    const content = setUp();
    fakeLayout();
    const view = createProgressiveView(content);
    view.show(part(1, 3));
    view.show(part(3, 3));
    // Page 2 is still a placeholder; the person reads page 3's second paragraph, 30 px under the line.
    scrollTop = 0;
    const before = topOf(content, 3, 2);
    scrollTop = before - 8 + 30;
    expect(topOf(content, 3, 2)).toBe(8 - 30);
    const anchor = readingAnchor(content, { vertical: false, line: 8, viewportWidth: 800 });
    expect(anchor).toMatchObject({ page: 3, start: -30 });
    view.swap(() => renderArticle(content, finalArticle(3, { 2: 6 }), {}));
    // Page 2 came in with 6 paragraphs (600 px where the placeholder took 60).
    expect(sections(content)).toEqual(['1', '2', '3']);
    expect(topOf(content, 3, 2)).toBe(8 - 30);
    expect(document.documentElement.dataset.articleMs).toMatch(/^\d+$/);
    expect(content.dataset.progressive).toBeUndefined();
  });

  it('after the swap an image loading above keeps the place; once the reading position restored a saved place, that wins', () => {
    const content = setUp();
    fakeLayout();
    delete document.documentElement.dataset.positionRestored;
    const view = createProgressiveView(content);
    view.show(part(1, 3));
    view.show(part(3, 3));
    scrollTop = 0;
    scrollTop = topOf(content, 3, 2) - 8;
    view.swap(() => renderArticle(content, finalArticle(3, {}), {}));
    expect(topOf(content, 3, 2)).toBe(8);
    // Something above grows (an image came in): the place is kept.
    const grown = document.createElement('p');
    grown.textContent = '图片';
    content.querySelector('section[data-page="1"]')!.prepend(grown);
    expect(topOf(content, 3, 2)).toBe(108);
    grown.dispatchEvent(new Event('load'));
    expect(topOf(content, 3, 2)).toBe(8);
    // The reading position put the person back where they stopped last time: not undone.
    document.documentElement.dataset.positionRestored = '1';
    scrollTop = 0;
    grown.dispatchEvent(new Event('load'));
    expect(scrollTop).toBe(0);
    delete document.documentElement.dataset.positionRestored;
  });

  it('at the start of the article nothing is anchored: the final article opens at its start', () => {
    const content = setUp();
    fakeLayout();
    const view = createProgressiveView(content);
    view.show(part(1, 2));
    expect(readingAnchor(content, { vertical: false, line: 8, viewportWidth: 800 })).toBeNull();
    view.swap(() => renderArticle(content, finalArticle(2, {}), {}));
    expect(scrollTop).toBe(0);
  });

  it('the anchor is the first block ending past the line, never a placeholder; restoreAnchor finds it by its text among repeats', () => {
    const content = setUp();
    fakeLayout();
    const view = createProgressiveView(content);
    view.show(part(2, 3));
    // Scrolled past the header (headline, meta line, original link), page 1's placeholder and half into page 2's first paragraph.
    scrollTop = 40 + 100 + 100 + 60 + 20 + 50;
    const axis = { vertical: false, line: 0, viewportWidth: 800 };
    const anchor = readingAnchor(content, axis)!;
    expect(anchor).toMatchObject({ page: 2, nth: 0, start: -50 });
    expect(anchor.text).toBe(para(2, 1).replace(/\s+/g, '').slice(0, 24));
    // Gone from what is shown: not found, nothing scrolled.
    content.querySelector('section[data-page="2"]')!.replaceChildren();
    const at = scrollTop;
    expect(restoreAnchor(content, anchor, axis)).toBe(false);
    expect(scrollTop).toBe(at);
  });
});
