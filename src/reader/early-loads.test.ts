/**
 * The reader asks for the article's other pages the moment it has its tab's page (early-loads.ts),
 * without its pipeline: the requests go out with the pipeline module not even loaded, the pipeline
 * then takes each of them as its own (every page fetched once), a page that fails still comes
 * back as a failed page (its retry done, its reason kept), and only pages the read asks for are
 * requested (page 1's pager, the tab's own page list, the article's host).
 */
import { describe, expect, it, vi } from 'vitest';
import { createNodeDom } from '../cli/node-dom';
import { fakeFetch, hang, type Route } from '../../test/support/fake-fetch';
import { pdUrl, peoplePage, peopleRoute } from '../../test/support/people-pages';
import type { ArticlePart } from '../pipeline/types';
import { askOtherPages, pagesToAsk } from './early-loads';

// Whether the pipeline module was evaluated (it must not be, for the requests to go out).
const pipeline = vi.hoisted(() => ({ loaded: false }));
vi.mock('../pipeline/read-whole-article', async (importOriginal) => {
  pipeline.loaded = true;
  return importOriginal();
});

const dom = createNodeDom();
const COUNT = 6;
const urls = (count: number) => Array.from({ length: count }, (_, i) => pdUrl(i + 1));

/** The part the tab hands over for page 1 of `count` (only its page list matters here). */
const partOf = (pageUrls: string[]): ArticlePart => ({ page: 1, pages: pageUrls.map((_, i) => i + 1), pageUrls, url: pdUrl(1), title: 't', meta: { byline: null, source: null, publishedTime: null, siteName: null, lang: null, dir: null }, html: '<p>1</p>' });

/** Pages 2-N held until `open()`, so what was asked before the read is exact. */
function heldSite(count: number, route: (n: number) => Route = (n) => peopleRoute(n, count)) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const routes: Record<string, Route> = {};
  for (let n = 2; n <= count; n++) {
    routes[pdUrl(n)] = async (call, init) => {
      await Promise.race([gate, hang(init?.signal)]);
      const r = route(n);
      return typeof r === 'function' ? r(call, init) : r;
    };
  }
  return { fetch: fakeFetch(routes), open };
}

const options = (fetch: ReturnType<typeof fakeFetch>, signal?: AbortSignal) => ({ fetch, dom, timeoutMs: 15_000, maxPages: 30, concurrency: 30, ...(signal ? { signal } : {}) });

describe('the reader asks for the other pages before its pipeline', () => {
  it('requests pages 2-N with the pipeline not loaded; the read then fetches each page exactly once', async () => {
    const site = heldSite(COUNT);
    const html = peoplePage(1, COUNT);
    const requested = askOtherPages(html, pdUrl(1), partOf(urls(COUNT)), options(site.fetch));
    expect(requested).not.toBeNull();
    expect(site.fetch.calls).toEqual(urls(COUNT).slice(1));
    expect(pipeline.loaded).toBe(false);

    const { readWholeArticle } = await import('../pipeline/read-whole-article');
    expect(pipeline.loaded).toBe(true);
    const parts: number[] = [];
    const reading = readWholeArticle({ url: pdUrl(1), html, fetch: site.fetch, dom, concurrency: 30, requested: requested!, onPart: (p) => parts.push(p.page) });
    await vi.waitFor(() => expect(parts).toEqual([1]), { timeout: 30_000, interval: 5 });
    site.open();
    const whole = await reading;
    expect(whole.pageCount).toBe(COUNT);
    expect(whole.failedPages).toEqual([]);
    for (const url of urls(COUNT).slice(1)) expect(site.fetch.count(url), url).toBe(1);
    expect(site.fetch.calls).toHaveLength(COUNT - 1);
    expect(whole.textContent).toContain('第6页标志句');
  });

  it('a page that fails is tried once more, then reported with its reason (Retry offered on it), not asked again by the read', async () => {
    const site = heldSite(4, (n) => (n === 3 ? { status: 503, statusText: 'Service Unavailable', body: 'busy' } : peopleRoute(n, 4)));
    const html = peoplePage(1, 4);
    const requested = askOtherPages(html, pdUrl(1), partOf(urls(4)), options(site.fetch));
    const { readWholeArticle } = await import('../pipeline/read-whole-article');
    const reading = readWholeArticle({ url: pdUrl(1), html, fetch: site.fetch, dom, concurrency: 30, requested: requested! });
    site.open();
    const whole = await reading;
    expect(whole.failedPages.map((f) => [f.page, f.url, f.failure?.code])).toEqual([[3, pdUrl(3), 'http-status']]);
    expect(whole.failedPages[0]?.reason).toContain('HTTP 503');
    // The early load's own retry, and nothing more.
    expect(site.fetch.count(pdUrl(3))).toBe(2);
    expect(site.fetch.count(pdUrl(2))).toBe(1);
    expect(site.fetch.count(pdUrl(4))).toBe(1);
  });

  it('the per-page time limit applies to a request sent early', async () => {
    const site = heldSite(3, (n) => (n === 2 ? { hang: true } : peopleRoute(n, 3)));
    const html = peoplePage(1, 3);
    const requested = askOtherPages(html, pdUrl(1), null, { ...options(site.fetch), timeoutMs: 300 });
    const { readWholeArticle } = await import('../pipeline/read-whole-article');
    site.open();
    const whole = await readWholeArticle({ url: pdUrl(1), html, fetch: site.fetch, dom, concurrency: 30, timeoutMs: 15_000, requested: requested! });
    expect(whole.failedPages.map((f) => [f.page, f.failure?.code])).toEqual([[2, 'timeout']]);
    expect(site.fetch.count(pdUrl(2))).toBe(1);
  });

  it('a page the read never asks for is cancelled when it ends; the reader closing stops every request', async () => {
    // Page 1 of 2 names a page 3 outside its pager: without the tab's list it is a guess, dropped by the read.
    const stray = `<ul class="related"><li><a href="${new URL(pdUrl(3)).pathname}">3</a></li></ul>`;
    const html = peoplePage(1, 2).replace('</body>', `${stray}</body>`);
    let strayAborted = false;
    const fetch = fakeFetch({
      [pdUrl(2)]: peopleRoute(2, 2),
      [pdUrl(3)]: async (_call, init) => {
        init?.signal?.addEventListener('abort', () => (strayAborted = true));
        return { hang: true };
      },
    });
    const requested = askOtherPages(html, pdUrl(1), null, options(fetch));
    expect(fetch.calls).toEqual([pdUrl(2), pdUrl(3)]);
    const { readWholeArticle } = await import('../pipeline/read-whole-article');
    const whole = await readWholeArticle({ url: pdUrl(1), html, fetch, dom, concurrency: 30, requested: requested! });
    expect(whole.pageCount).toBe(2);
    expect(strayAborted).toBe(true);
    expect(fetch.calls).toEqual([pdUrl(2), pdUrl(3)]);
    // With the tab's page list (pages 1-2), the stray page is not asked at all.
    expect(pagesToAsk(html, pdUrl(1), partOf(urls(2)), 30)).toEqual([pdUrl(2)]);

    const closing = new AbortController();
    const aborted: string[] = [];
    const hanging = fakeFetch(Object.fromEntries(urls(3).slice(1).map((u) => [u, (_c: number, init: Parameters<typeof fetch>[1]) => (init?.signal?.addEventListener('abort', () => aborted.push(u)), { hang: true })])));
    askOtherPages(peoplePage(1, 3), pdUrl(1), null, options(hanging, closing.signal));
    closing.abort();
    expect(aborted.sort()).toEqual(urls(3).slice(1));
    expect(askOtherPages(peoplePage(1, 3), pdUrl(1), null, options(hanging, closing.signal))).toBeNull();
  });

  it('asks only pages the read will take: on the tab’s list, on the article’s host, none with a one-page version', () => {
    const html = peoplePage(1, COUNT);
    expect(pagesToAsk(html, pdUrl(1), null, 30)).toEqual(urls(COUNT).slice(1));
    // The tab's detection listed pages 1-4 only (say, a cap): 5 and 6 are not asked.
    expect(pagesToAsk(html, pdUrl(1), partOf(urls(4)), 30)).toEqual(urls(4).slice(1));
    // A tab's list naming other addresses adds nothing: only pages the pager names too.
    expect(pagesToAsk(html, pdUrl(1), partOf([pdUrl(1), 'http://evil.example/2.html', pdUrl(3)]), 30)).toEqual([pdUrl(3)]);
    // More pages than a read takes: none (the read takes a run around the page in hand).
    expect(pagesToAsk(html, pdUrl(1), null, 4)).toEqual([]);
    // A one-page version offered: the read may take it instead of the pages.
    const whole = html.replace('</body>', `<a href="${new URL(pdUrl(1)).pathname.replace('.html', '-all.html')}">全文</a></body>`);
    expect(pagesToAsk(whole, pdUrl(1), partOf(urls(COUNT)), 30)).toEqual([]);
    // A pager whose numbered links go to another host: not this article's pages.
    const elsewhere = html.replaceAll('href="/n1/', 'href="http://evil.example/n1/');
    expect(elsewhere).not.toBe(html);
    expect(pagesToAsk(elsewhere, pdUrl(1), null, 30)).toEqual([]);
  });
});
