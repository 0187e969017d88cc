// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { WholeArticle } from '../pipeline/types';
import { announceArticleShown } from './article-shown';
import { scrollFraction, setUpProgress } from './progress';

/** An element with the scroll geometry given (jsdom lays nothing out). */
function scroller(geometry: { scrollTop?: number; scrollLeft?: number; scrollHeight?: number; clientHeight?: number; scrollWidth?: number; clientWidth?: number }): Element {
  const el = document.createElement('div');
  for (const [k, v] of Object.entries(geometry)) Object.defineProperty(el, k, { value: v, configurable: true });
  return el;
}

describe('scrollFraction', () => {
  it('down the page: scrollTop over what can be scrolled', () => {
    expect(scrollFraction(scroller({ scrollTop: 0, scrollHeight: 5000, clientHeight: 1000 }), false)).toBe(0);
    expect(scrollFraction(scroller({ scrollTop: 2000, scrollHeight: 5000, clientHeight: 1000 }), false)).toBe(0.5);
    expect(scrollFraction(scroller({ scrollTop: 4000, scrollHeight: 5000, clientHeight: 1000 }), false)).toBe(1);
  });

  it('vertical-rl: scrollLeft from 0 at the right edge, negative onwards', () => {
    expect(scrollFraction(scroller({ scrollLeft: -750, scrollWidth: 4000, clientWidth: 1000 }), true)).toBe(0.25);
  });

  it('an article that fits the window is read whole', () => {
    expect(scrollFraction(scroller({ scrollTop: 0, scrollHeight: 800, clientHeight: 800 }), false)).toBe(1);
  });
});

describe('setUpProgress', () => {
  it('shows the bar once an article is shown and sets aria-valuenow as the page scrolls (once a frame)', () => {
    document.body.innerHTML = '<div id="reading-progress" role="progressbar" aria-valuenow="0" hidden><div class="reading-progress-fill"></div></div><main><article id="reader-content"></article></main>';
    const root = document.documentElement;
    let top = 0;
    Object.defineProperty(root, 'scrollTop', { get: () => top, configurable: true });
    Object.defineProperty(root, 'scrollHeight', { value: 3000, configurable: true });
    Object.defineProperty(root, 'clientHeight', { value: 1000, configurable: true });
    const frames: FrameRequestCallback[] = [];
    window.requestAnimationFrame = (cb) => frames.push(cb);
    setUpProgress(document);
    const bar = document.getElementById('reading-progress') as HTMLElement;
    announceArticleShown(document, { article: {} as WholeArticle, source: 'network', savedId: null, change: 'article' });
    expect(bar.hidden).toBe(false);
    top = 500;
    document.dispatchEvent(new Event('scroll'));
    document.dispatchEvent(new Event('scroll'));
    expect(frames).toHaveLength(1);
    frames.shift()!(0);
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect((bar.firstElementChild as HTMLElement).style.transform).toBe('scaleX(0.2500)');
  });
});
