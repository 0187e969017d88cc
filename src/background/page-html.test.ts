import { describe, expect, it, vi } from 'vitest';
import { createPageHtmlCache, type PageHtml } from './page-html';

const page = (url: string): PageHtml => ({ url, html: `<p>${url}</p>` });

describe('createPageHtmlCache', () => {
  it('asks the tab when the reader opens and hands that answer to the reader, once', async () => {
    const ask = vi.fn(async (_tab: number, url: string) => page(url));
    const cache = createPageHtmlCache(ask);
    cache.start(3, 'http://a.cn/1.html');
    expect(ask).toHaveBeenCalledTimes(1);
    expect(await cache.take(3, 'http://a.cn/1.html')).toEqual(page('http://a.cn/1.html'));
    expect(ask).toHaveBeenCalledTimes(1);
    // Taken: a reload of the reader asks the tab again.
    await cache.take(3, 'http://a.cn/1.html');
    expect(ask).toHaveBeenCalledTimes(2);
  });

  it('waits for an answer still on its way', async () => {
    let answer: (p: PageHtml) => void = () => undefined;
    const cache = createPageHtmlCache(() => new Promise<PageHtml>((resolve) => (answer = resolve)));
    cache.start(1, 'http://a.cn/');
    const taken = cache.take(1, 'http://a.cn/');
    answer(page('http://a.cn/'));
    expect(await taken).toEqual(page('http://a.cn/'));
  });

  it('keeps tabs and URLs apart, and says null when the tab cannot answer', async () => {
    const cache = createPageHtmlCache(async (tab, url) => {
      if (tab === 9) throw new Error('Could not establish connection');
      return page(`${tab} ${url}`);
    });
    cache.start(1, 'http://a.cn/');
    cache.start(9, 'http://a.cn/');
    expect(await cache.take(1, 'http://a.cn/2')).toEqual(page('1 http://a.cn/2'));
    expect(await cache.take(9, 'http://a.cn/')).toBeNull();
    expect(await cache.take(1, 'http://a.cn/')).toEqual(page('1 http://a.cn/'));
  });

  it('drops an answer nobody took', async () => {
    vi.useFakeTimers();
    try {
      const ask = vi.fn(async (_tab: number, url: string) => page(url));
      const cache = createPageHtmlCache(ask, 1000);
      cache.start(1, 'http://a.cn/');
      vi.advanceTimersByTime(1001);
      await cache.take(1, 'http://a.cn/');
      expect(ask).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
