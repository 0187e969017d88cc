/**
 * A read from the URL asks for the pages page 1's pager names as soon as page 1's bytes are
 * decoded: before page 1 is parsed, detected, extracted or handed to the reader (early-pages.ts,
 * read-whole-article.ts pageLoader). A real local HTTP server answers page 1 at once and holds
 * every other page until the test opens its gate, so what was asked when is exact.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNodeDom } from '../cli/node-dom';
import { gb } from '../../test/support/fake-fetch';
import { pdUrl, peoplePage } from '../../test/support/people-pages';
import { readWholeArticle } from './read-whole-article';
import type { ArticlePart, DomEnvironment, FetchLike } from './types';

const dom = createNodeDom();

interface Site {
  /** Paths asked, in the order the server got them. */
  asked: string[];
  /** Paths whose request went away unanswered (cancelled). */
  cancelled: string[];
  /** Answers every held page (or those of `only`), and from then on every page (unless `only`). */
  open(only?: string[]): void;
  /** Node's fetch, every host sent to this server, the real URL kept. */
  fetch: FetchLike;
  /** Every URL the pipeline fetched, in order, as it called fetch. */
  calls: string[];
  close(): void;
}

/** A server of `pages` (path → HTML, GB2312 bytes); every path but `open` waits for `open()`. */
async function startSite(pages: Map<string, string>, answerAtOnce: string): Promise<Site> {
  const asked: string[] = [];
  const cancelled: string[] = [];
  const held: { path: string; answer: () => void }[] = [];
  let opened = false;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    asked.push(path);
    const answer = () => {
      const html = pages.get(path);
      res.writeHead(html === undefined ? 404 : 200, { 'content-type': 'text/html' });
      res.end(html === undefined ? 'not found' : gb(html));
    };
    res.on('close', () => {
      if (!res.writableFinished) cancelled.push(path);
    });
    if (path === answerAtOnce || opened) answer();
    else held.push({ path, answer });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const calls: string[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push(url);
    const u = new URL(url);
    const res = await globalThis.fetch(`http://127.0.0.1:${port}${u.pathname}${u.search}`, { signal: init?.signal, headers: init?.headers, redirect: init?.redirect ?? 'follow' });
    return { ok: res.ok, status: res.status, statusText: res.statusText, url, headers: res.headers, body: res.body, arrayBuffer: () => res.arrayBuffer() };
  };
  return {
    asked,
    cancelled,
    calls,
    fetch,
    open(only) {
      opened ||= !only;
      for (const h of [...held]) {
        if (only && !only.includes(h.path)) continue;
        held.splice(held.indexOf(h), 1);
        h.answer();
      }
    },
    close() {
      server.close();
      server.closeAllConnections();
    },
  };
}

const paths = (n: number) => Array.from({ length: n }, (_, i) => new URL(pdUrl(i + 1)).pathname);
const article = (count: number, page = (n: number) => peoplePage(n, count)) => new Map(paths(count).map((p, i) => [p, page(i + 1)]));

/** `dom`, noting what `seen()` says at each parse of `url`. */
function watchingParse(url: string, seen: () => string[]): { dom: DomEnvironment; atParse: string[][] } {
  const atParse: string[][] = [];
  return {
    atParse,
    dom: {
      window: dom.window,
      parse: (html, at) => {
        if (at === url) atParse.push([...seen()]);
        return dom.parse(html, at);
      },
    },
  };
}

let site: Site | null = null;
afterEach(() => site?.close());

describe('readWholeArticle from the URL: the other pages asked before page 1 is parsed', () => {
  it("sends every page page 1's pager names before page 1 is parsed and before its part is handed over", async () => {
    const count = 6;
    site = await startSite(article(count), paths(1)[0]!);
    const s = site;
    const others = Array.from({ length: count - 1 }, (_, i) => pdUrl(i + 2));
    const watch = watchingParse(pdUrl(1), () => s.calls);
    const atFirstPart: string[][] = [];
    const parts: number[] = [];
    const reading = readWholeArticle({
      url: pdUrl(1),
      fetch: s.fetch,
      dom: watch.dom,
      concurrency: 30,
      onPart: (part: ArticlePart) => {
        if (!parts.length) atFirstPart.push([...s.calls]);
        parts.push(part.page);
      },
    });
    // Page 1 is on screen while every other page is still held at the server, all of them asked.
    await vi.waitFor(() => expect(parts.length > 0 && s.asked.length === count).toBe(true), { timeout: 60_000, interval: 5 });
    expect(parts).toEqual([1]);
    expect(watch.atParse).toEqual([[pdUrl(1), ...others]]);
    expect(atFirstPart).toEqual([[pdUrl(1), ...others]]);
    expect(s.asked).toEqual(paths(count));
    s.open();
    const whole = await reading;
    expect(whole.pageCount).toBe(count);
    expect(whole.failedPages).toEqual([]);
    // Each page fetched once: the early requests are the read's own.
    expect(s.calls).toEqual([pdUrl(1), ...others]);
    expect(s.cancelled).toEqual([]);
    expect(parts.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reads the same article as with page 1 in hand', async () => {
    site = await startSite(article(3), paths(1)[0]!);
    site.open();
    const fromUrl = await readWholeArticle({ url: pdUrl(1), fetch: site.fetch, dom, concurrency: 30 });
    const inHand = await readWholeArticle({ url: pdUrl(1), html: peoplePage(1, 3), fetch: site.fetch, dom, concurrency: 30 });
    expect(fromUrl.contentHtml).toBe(inHand.contentHtml);
    expect(fromUrl.textContent).toBe(inHand.textContent);
    expect(fromUrl.pageCount).toBe(3);
  });

  it('asks nothing early past maxPages or with one page wanted, and cancels an early request the read never claims', async () => {
    // A pager of 12 under maxPages 10: no early guess (the read takes a run around the page in hand).
    site = await startSite(article(12), paths(1)[0]!);
    const s = site;
    const watch = watchingParse(pdUrl(1), () => s.calls);
    const reading = readWholeArticle({ url: pdUrl(1), fetch: s.fetch, dom: watch.dom, maxPages: 10, concurrency: 30 });
    await vi.waitFor(() => expect(s.asked.length).toBe(10), { timeout: 60_000, interval: 5 });
    s.open();
    await reading;
    expect(watch.atParse).toEqual([[pdUrl(1)]]);
    s.close();

    site = await startSite(article(3), paths(1)[0]!);
    const one = site;
    await readWholeArticle({ url: pdUrl(1), fetch: one.fetch, dom, maxPages: 1 });
    expect(one.asked).toEqual(paths(1));
    one.close();

    // Page 1's markup names a page 3 of this article outside its pager (a "related" list): asked
    // early as a guess, never by the read (its pager has 2 pages), and cancelled when the read ends.
    const stray = `<ul class="related"><li><a href="${new URL(pdUrl(3)).pathname}">3</a></li></ul>`;
    site = await startSite(article(2, (n) => peoplePage(n, 2).replace('</body>', `${stray}</body>`)), paths(1)[0]!);
    const guessed = site;
    const reading2 = readWholeArticle({ url: pdUrl(1), fetch: guessed.fetch, dom, concurrency: 30 });
    await vi.waitFor(() => expect(guessed.asked.length).toBe(3), { timeout: 60_000, interval: 5 });
    guessed.open(paths(2).slice(1));
    const whole = await reading2;
    expect(whole.pageCount).toBe(2);
    expect(whole.textContent).not.toContain('not found');
    expect(guessed.calls).toEqual([pdUrl(1), pdUrl(2), pdUrl(3)]);
    await vi.waitFor(() => expect(guessed.cancelled).toEqual([paths(3)[2]]), { timeout: 60_000, interval: 5 });
  });
});
