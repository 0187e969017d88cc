/**
 * The pipeline as the reader page runs it (DOMParser, window.fetch), exposed for the Chromium
 * benchmark: `window.wholestoryBench(url, { followNextOnly, html, concurrency })` → timing, a
 * summary and the protocols the page requests went over (resource timing's nextHopProtocol).
 */
import { readWholeArticle } from '../../src/pipeline/read-whole-article';
import { readFollowingNext } from './follow-next';
import type { DomEnvironment, FetchLike } from '../../src/pipeline/types';

/** What one read did, on the wall clock (epoch ms): each request sent and answered, each parse. */
export interface TraceEvent {
  at: number;
  what: 'fetch' | 'response' | 'parse-start' | 'parse-end' | 'end';
  url?: string;
}
let trace: TraceEvent[] | null = null;
const now = () => performance.timeOrigin + performance.now();
const note = (what: TraceEvent['what'], url?: string) => trace?.push({ at: now(), what, ...(url ? { url } : {}) });

const dom: DomEnvironment = {
  parse: (html, url) => {
    note('parse-start', url);
    const doc = new DOMParser().parseFromString(html, 'text/html');
    note('parse-end', url);
    return doc;
  },
  window: window as Window & typeof globalThis,
};
const fetchLike: FetchLike = async (url, init) => {
  note('fetch', url);
  const response = await window.fetch(url, { signal: init?.signal, headers: init?.headers, cache: 'no-store' });
  note('response', url);
  return response;
};

type Bench = (
  url: string,
  options: { followNextOnly?: boolean; html?: string; concurrency?: number; trace?: boolean },
) => Promise<{ ms: number; pageCount: number; failed: number; length: number; protocols: string[]; start: number; trace?: TraceEvent[] }>;

declare global {
  interface Window {
    wholestoryBench: Bench;
    /** Another checkout's (scripts/bench/browser.ts `before`). */
    wholestoryBenchBefore: Bench;
  }
}

window.wholestoryBench = async (url, options) => {
  performance.clearResourceTimings();
  trace = options.trace ? [] : null;
  const start = now();
  const t0 = performance.now();
  const read = options.followNextOnly ? readFollowingNext : readWholeArticle;
  const article = await read({ url, fetch: fetchLike, dom, ...(options.html !== undefined ? { html: options.html } : {}), ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}) });
  const ms = performance.now() - t0;
  note('end');
  const events = trace ?? undefined;
  trace = null;
  const protocols = [...new Set((performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => r.nextHopProtocol || '?'))];
  return { ms, pageCount: article.pageCount, failed: article.failedPages.length, length: article.length, protocols, start, ...(events ? { trace: events } : {}) };
};
