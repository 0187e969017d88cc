/**
 * The pipeline as the reader page runs it (DOMParser, window.fetch), exposed for the Chromium
 * benchmark: `window.wholestoryBench(url, { followNextOnly, html })` → timing and a summary.
 */
import { readWholeArticle } from '../../src/pipeline/read-whole-article';
import { readFollowingNext } from './follow-next';
import type { DomEnvironment, FetchLike } from '../../src/pipeline/types';

const dom: DomEnvironment = {
  parse: (html) => new DOMParser().parseFromString(html, 'text/html'),
  window: window as Window & typeof globalThis,
};
const fetchLike: FetchLike = (url, init) => window.fetch(url, { signal: init?.signal, headers: init?.headers });

declare global {
  interface Window {
    wholestoryBench: (url: string, options: { followNextOnly?: boolean; html?: string }) => Promise<{ ms: number; pageCount: number; failed: number; length: number }>;
  }
}

window.wholestoryBench = async (url, options) => {
  const t0 = performance.now();
  const read = options.followNextOnly ? readFollowingNext : readWholeArticle;
  const article = await read({ url, fetch: fetchLike, dom, ...(options.html !== undefined ? { html: options.html } : {}) });
  return { ms: performance.now() - t0, pageCount: article.pageCount, failed: article.failedPages.length, length: article.length };
};
