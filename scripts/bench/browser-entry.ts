/**
 * The pipeline as the reader page runs it (DOMParser, window.fetch), exposed for the Chromium
 * benchmark: `window.wholestoryBench(url, { followNextOnly, html, concurrency })` → timing, a
 * summary and the protocols the page requests went over (resource timing's nextHopProtocol).
 */
import { readWholeArticle } from '../../src/pipeline/read-whole-article';
import { readFollowingNext } from './follow-next';
import type { DomEnvironment, FetchLike } from '../../src/pipeline/types';

const dom: DomEnvironment = {
  parse: (html) => new DOMParser().parseFromString(html, 'text/html'),
  window: window as Window & typeof globalThis,
};
const fetchLike: FetchLike = (url, init) => window.fetch(url, { signal: init?.signal, headers: init?.headers, cache: 'no-store' });

declare global {
  interface Window {
    wholestoryBench: (
      url: string,
      options: { followNextOnly?: boolean; html?: string; concurrency?: number },
    ) => Promise<{ ms: number; pageCount: number; failed: number; length: number; protocols: string[] }>;
  }
}

window.wholestoryBench = async (url, options) => {
  performance.clearResourceTimings();
  const t0 = performance.now();
  const read = options.followNextOnly ? readFollowingNext : readWholeArticle;
  const article = await read({ url, fetch: fetchLike, dom, ...(options.html !== undefined ? { html: options.html } : {}), ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}) });
  const ms = performance.now() - t0;
  const protocols = [...new Set((performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => r.nextHopProtocol || '?'))];
  return { ms, pageCount: article.pageCount, failed: article.failedPages.length, length: article.length, protocols };
};
