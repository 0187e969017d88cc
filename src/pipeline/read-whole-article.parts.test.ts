import { describe, expect, it, vi } from 'vitest';
import { createNodeDom } from '../cli/node-dom';
import { readWholeArticle } from './read-whole-article';
import { fakeFetch, type FakeResponse, type Route } from '../../test/support/fake-fetch';
import { PD_TITLE, pdMarker, pdUrl, peoplePage, peopleRoute } from '../../test/support/people-pages';
import type { ArticlePart } from './types';

const dom = createNodeDom();

/** A route that answers only once `open()` is called. */
function gated(response: FakeResponse): { route: Route; open(): void } {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return { route: async () => (await gate, response), open };
}

/**
 * Until `ready` holds (a condition, not a time: a loaded machine extracts a page later, never
 * differently). The gated routes keep every later page back, so what is checked after it is exact.
 */
const until = (ready: () => boolean) => vi.waitFor(() => expect(ready()).toBe(true), { timeout: 60_000, interval: 5 });

describe('readWholeArticle: onPart', () => {
  it('hands over the page in hand before the other pages answer, then each page as it arrives, and the article is the same as without it', async () => {
    const p1 = gated(peopleRoute(1, 3));
    const p3 = gated(peopleRoute(3, 3));
    const fetch = fakeFetch({ [pdUrl(1)]: p1.route, [pdUrl(3)]: p3.route });
    const parts: ArticlePart[] = [];
    const reading = readWholeArticle({ url: pdUrl(2), html: peoplePage(2, 3), fetch, dom, onPart: (p) => parts.push(p) });
    await until(() => parts.length >= 1 && fetch.calls.length >= 2);
    // Pages 1 and 3 are still on their way: page 2 is out already, with every page known.
    expect(parts.map((p) => p.page)).toEqual([2]);
    expect(parts[0]!.pages).toEqual([1, 2, 3]);
    expect(parts[0]!.pageUrls).toEqual([pdUrl(1), pdUrl(2), pdUrl(3)]);
    expect(parts[0]!.title).toBe(PD_TITLE);
    expect(parts[0]!.html).toContain(pdMarker(2));
    expect(parts[0]!.html).not.toContain(pdMarker(1));
    // Both requests went out at once.
    expect([...fetch.calls].sort()).toEqual([pdUrl(1), pdUrl(3)].sort());
    p3.open();
    await until(() => parts.length >= 2);
    expect(parts.map((p) => p.page)).toEqual([2, 3]);
    expect(parts[1]!.html).toContain(pdMarker(3));
    p1.open();
    const article = await reading;
    expect(parts.map((p) => p.page)).toEqual([2, 3, 1]);
    expect(parts[2]!.html).toContain(pdMarker(1));
    // Sanitized, headline not repeated, no pager.
    for (const p of parts) {
      // The same sanitized body as a tree, for a receiver that shows it at once.
      expect(p.body?.innerHTML).toBe(p.html);
      expect(p.html).not.toMatch(/<script|onclick|class=/i);
      expect(p.html).not.toContain(`<h1`);
      expect(p.html).not.toContain('【3】');
    }
    const plain = await readWholeArticle({ url: pdUrl(2), html: peoplePage(2, 3), fetch: fakeFetch({ [pdUrl(1)]: peopleRoute(1, 3), [pdUrl(3)]: peopleRoute(3, 3) }), dom });
    expect(article.contentHtml).toBe(plain.contentHtml);
    expect(article.textContent).toBe(plain.textContent);
    expect(article.title).toBe(plain.title);
    // The header the parts carry is the one the article will have.
    expect(parts[0]!.meta).toEqual({ byline: plain.byline, source: plain.source, publishedTime: plain.publishedTime, siteName: plain.siteName, lang: plain.lang, dir: plain.dir });
  });

  it('with concurrency = the page cap, every known page is requested at once (10 pages: 9 in flight, not 6)', async () => {
    const others = [1, 3, 4, 5, 6, 7, 8, 9, 10];
    const gates = new Map(others.map((n) => [n, gated(peopleRoute(n, 10))]));
    let inFlight = 0;
    let most = 0;
    const routes: Record<string, Route> = {};
    for (const [n, g] of gates) {
      routes[pdUrl(n)] = async (call, init) => {
        inFlight++;
        most = Math.max(most, inFlight);
        try {
          return await (g.route as (c: number, i: typeof init) => Promise<FakeResponse>)(call, init);
        } finally {
          inFlight--;
        }
      };
    }
    const reading = readWholeArticle({ url: pdUrl(2), html: peoplePage(2, 10), fetch: fakeFetch(routes), dom, concurrency: 30, onPart: () => undefined });
    await until(() => most >= 9);
    expect(most).toBe(9);
    for (const g of gates.values()) g.open();
    expect((await reading).pageCount).toBe(10);
  });

  it('a failed page sends no part; a one-page read sends its one part', async () => {
    const parts: number[] = [];
    const fetch = fakeFetch({ [pdUrl(1)]: peopleRoute(1, 3), [pdUrl(3)]: { status: 503 } });
    const a = await readWholeArticle({ url: pdUrl(2), html: peoplePage(2, 3), fetch, dom, onPart: (p) => parts.push(p.page) });
    expect(a.failedPages.map((f) => f.page)).toEqual([3]);
    expect(parts.sort()).toEqual([1, 2]);
    const one: ArticlePart[] = [];
    await readWholeArticle({ url: pdUrl(2), html: peoplePage(2, 3), fetch, dom, maxPages: 1, onPart: (p) => one.push(p) });
    expect(one.map((p) => [p.page, p.pages])).toEqual([[2, [2]]]);
  });
});
