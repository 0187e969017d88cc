/**
 * The two systems the public evaluation runs, one page at a time, timed from the HTML string
 * (jsdom parse included) to the text: plain Readability 0.6 (`new Readability(doc).parse()`, its
 * defaults) and WholeStory (`readWholeArticle`, offline: a fetch that refuses everything).
 * Both parse with the same jsdom DOMParser (src/cli/node-dom.ts), so a time ratio compares the
 * extraction work, not two different ways of building a document.
 */
import { Readability } from '@mozilla/readability';
import { createNodeDom } from '../../cli/node-dom';
import type { DomEnvironment } from '../../pipeline/types';
import { readWholeArticle } from '../../pipeline/read-whole-article';
import { rejectingFetch } from '../corpus';

export type SystemName = 'readability' | 'wholestory';

export interface RunJob {
  system: SystemName;
  html: string;
  url: string;
  /** WholeStory only: pages to read (1 = the page given only). Default: the pipeline's. */
  maxPages?: number;
}

export interface RunResult {
  ok: boolean;
  /** Milliseconds from the HTML string to the result (parse included), wall clock. */
  ms: number;
  /**
   * CPU milliseconds of the process over the same span (user + system, GC helper threads
   * included; the main thread only waits meanwhile). Steadier than `ms` on a loaded machine,
   * where wall time also counts the time other processes held the cores.
   */
  cpuMs: number;
  text: string;
  title: string | null;
  byline: string | null;
  /** WholeStory: pages in the article as it reports them (1 for Readability). */
  pageCount: number;
  /** WholeStory: pages it wanted but could not load (offline: every page beyond the first). */
  failedPages: number;
  /** WholeStory: the pages' URLs, in order, the page given first (Readability: that page only). */
  pageUrls: string[];
  /** Why nothing came back (Readability returned null, WholeStory threw). */
  error: string | null;
}

let readabilityDom: DomEnvironment | null = null;
let wholeStoryDom: DomEnvironment | null = null;

function cpuSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

export async function runSystem(job: RunJob): Promise<RunResult> {
  if (job.system === 'readability') {
    readabilityDom ??= createNodeDom();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const cpu = () => cpuSince(c0);
    try {
      const doc = readabilityDom.parse(job.html, job.url);
      const article = new Readability(doc).parse();
      const ms = performance.now() - t0;
      const cpuMs = cpu();
      if (!article) return { ok: false, ms, cpuMs, text: '', title: null, byline: null, pageCount: 1, failedPages: 0, pageUrls: [job.url], error: 'Readability returned null' };
      return {
        ok: true,
        ms,
        cpuMs,
        text: article.textContent ?? '',
        title: article.title ?? null,
        byline: article.byline ?? null,
        pageCount: 1,
        failedPages: 0,
        pageUrls: [job.url],
        error: null,
      };
    } catch (e) {
      return { ok: false, ms: performance.now() - t0, cpuMs: cpu(), text: '', title: null, byline: null, pageCount: 1, failedPages: 0, pageUrls: [job.url], error: String((e as Error)?.message ?? e) };
    }
  }
  wholeStoryDom ??= createNodeDom();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const cpu = () => cpuSince(c0);
  try {
    const a = await readWholeArticle({
      url: job.url,
      html: job.html,
      fetch: rejectingFetch,
      dom: wholeStoryDom,
      ...(job.maxPages !== undefined ? { maxPages: job.maxPages } : {}),
    });
    return {
      ok: true,
      ms: performance.now() - t0,
      cpuMs: cpu(),
      text: a.textContent,
      title: a.title,
      byline: a.byline,
      pageCount: a.pageCount,
      failedPages: a.failedPages.length,
      pageUrls: a.pageUrls,
      error: null,
    };
  } catch (e) {
    return { ok: false, ms: performance.now() - t0, cpuMs: cpu(), text: '', title: null, byline: null, pageCount: 0, failedPages: 0, pageUrls: [], error: String((e as Error)?.message ?? e) };
  }
}
