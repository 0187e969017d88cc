/**
 * The article's other pages asked for as soon as the reader has drawn its tab's page (issue 10):
 * before its pipeline has loaded, read page 1 and asked for them itself. The pipeline takes these requests as its own when it asks for the same pages
 * (`ReadOptions.requested`, load-page.ts EarlyLoads) and cancels the ones it never asks for.
 *
 * Only pages the pipeline will ask for: those page 1's pager names as the read from the URL reads
 * them before parsing (early-pages.ts pagesNamedIn: numbered links under the site's URL scheme, none
 * when the page offers a one-page version, sets a `<base>` or names more pages than a read takes),
 * and, when the tab handed page 1 over, also in the run of pages its own detection listed
 * (content/page-part.ts, the pipeline's detection on the same HTML), on the article's own host.
 * Each is a whole page load with the reader's per-page time limit, retry and failure in plain words.
 */
import { pagesNamedIn } from '../pipeline/early-pages';
import { earlyLoads, type EarlyLoads } from '../pipeline/load-page';
import type { ArticlePart, DomEnvironment, FetchLike } from '../pipeline/types';
import { parseHttpUrl, urlKey } from '../pipeline/url';

export interface EarlyLoadOptions {
  fetch: FetchLike;
  dom: DomEnvironment;
  /** The per-page limit ("Page time limit"), from the moment each request is sent. */
  timeoutMs: number;
  /** The reader closing: every request stops. */
  signal?: AbortSignal;
  /** As many pages as the read takes (its `maxPages`). */
  maxPages: number;
  /** At most this many requests (its `concurrency`). */
  concurrency: number;
}

/** The pages to ask for now: see the module comment. Lowest page first. */
export function pagesToAsk(html: string, url: string, part: ArticlePart | null, maxPages: number): string[] {
  const here = parseHttpUrl(url);
  if (!here) return [];
  let named = pagesNamedIn(html, url, maxPages);
  if (part) {
    const listed = new Set(part.pageUrls.filter((_, i) => part.pages[i] !== part.page).map((u) => urlKey(u)));
    named = named.filter((u) => listed.has(urlKey(u)));
  }
  return named.filter((u) => {
    const p = parseHttpUrl(u);
    return p !== null && p.protocol === here.protocol && p.host === here.host && urlKey(u) !== urlKey(url);
  });
}

/** Sends the requests for {@link pagesToAsk}; null when there is none to send. */
export function askOtherPages(html: string, url: string, part: ArticlePart | null, options: EarlyLoadOptions): EarlyLoads | null {
  const pages = pagesToAsk(html, url, part, options.maxPages).slice(0, options.concurrency);
  if (pages.length === 0 || options.signal?.aborted) return null;
  const loads = earlyLoads({ fetch: options.fetch, dom: options.dom, timeoutMs: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) });
  loads.skip(url);
  for (const page of pages) loads.send(page);
  return loads;
}
