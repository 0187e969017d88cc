import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { applyLayoutSetting, markShortNumbers, setUpVertical, shownLayout, unmarkShortNumbers } from './vertical';

function page(search = '', body = '') {
  const { window } = new JSDOM(`<!doctype html><html><body><header class="toolbar">x</header><article id="reader-content">${body}</article></body></html>`, {
    url: `http://localhost/reader.html${search}`,
    pretendToBeVisual: true,
  });
  // jsdom has no scrolling: record where the page was sent.
  const scrolls: Array<{ left?: number }> = [];
  window.scrollTo = ((options: ScrollToOptions) => void scrolls.push({ left: options.left })) as typeof window.scrollTo;
  return { window, doc: window.document, scrolls };
}

describe('vertical layout', () => {
  it('follows the layout setting; `&layout=` holds for the page until the setting changes', () => {
    const { doc } = page();
    setUpVertical(doc, 'horizontal');
    expect(doc.documentElement.dataset.layout).toBe('horizontal');
    applyLayoutSetting(doc, 'vertical');
    expect(shownLayout(doc)).toBe('vertical');
    expect(doc.documentElement.dataset.layout).toBe('vertical');

    const forced = page('?url=x&layout=vertical');
    setUpVertical(forced.doc, 'horizontal');
    expect(forced.doc.documentElement.dataset.layout).toBe('vertical');
    // Opened at the beginning: the right edge, scrollLeft 0 on the right-to-left page.
    expect(forced.scrolls.at(-1)).toEqual({ left: 0 });
    // Another page saving the same setting again changes nothing; a new choice wins.
    applyLayoutSetting(forced.doc, 'horizontal');
    expect(forced.doc.documentElement.dataset.layout).toBe('vertical');
    applyLayoutSetting(forced.doc, 'vertical');
    applyLayoutSetting(forced.doc, 'horizontal');
    expect(forced.doc.documentElement.dataset.layout).toBe('horizontal');
  });

  it('sets 1–3-digit numbers between Chinese characters upright, nothing else, and puts them back', () => {
    const html =
      '<p>第3页：12个城市、365天，2024年5月1日。</p><p>增长6.5%，5G网络，2024-05-01，50%，第12345号。</p>' +
      '<p><a href="/a">第12条</a><code>x = 10</code> English 12 words.</p>';
    const { doc } = page('', html);
    expect(markShortNumbers(doc)).toBe(5);
    expect([...doc.querySelectorAll('.tcy')].map((s) => s.textContent)).toEqual(['3', '12', '365', '5', '1']);
    expect(doc.getElementById('reader-content')?.textContent).toBe(new JSDOM(html).window.document.body.textContent);
    unmarkShortNumbers(doc);
    expect(doc.querySelectorAll('.tcy')).toHaveLength(0);
    expect(doc.getElementById('reader-content')?.innerHTML).toBe(html);
  });
});
