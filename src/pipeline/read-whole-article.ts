/**
 * The whole pipeline: any page of a paginated article in, the whole clean article out.
 *
 *   start page (in hand or fetched) → detection (detect.ts) → a one-page version if the page
 *   offers one, else the page queue (page-queue.ts), each page extracted as it arrives
 *   (extract.ts) → assembly (assemble.ts: metadata, merge, Readability, DOMPurify, text).
 */
import { generic } from '../sites/index';
import { assembleArticle, metadataOf, ownSiteNameOf, partOf } from './assemble';
import { collapseSpace } from './cjk-text';
import { detectPaginationDetail, type DetectionDetail } from './detect';
import { ArticleError, failure } from './errors';
import { earlyLoads, loadPage, publicSuffixListFor, type LoadedPage } from './load-page';
import { pagesNamedIn } from './early-pages';
import { sameArticle } from './metadata';
import { findContentRoot } from './extract';
import { fetchPages, type PageSlot } from './page-queue';
import { pageWindow, partBodyHtml, partHead, type PartHead } from './page-part';
import { defusePage, parsePage } from './parse-page';
import { recordScriptPagerFromDocument } from './script-data';
import { loadReadability, readabilityLoaded } from './readability';
import { sanitizedBody } from './sanitize';
import type { ArticlePart, ReadOptions, WholeArticle } from './types';
import { pageKey } from './url';
import { DEFAULTS } from './read-defaults';

export { DEFAULTS };

/** How a read loads pages: the per-page limit, the article's budget and the reader's signal. */
export type PageLoader = (url: string, asked?: boolean) => Promise<LoadedPage>;

/**
 * A loader bound to a read's limits. `asked` marks the page the person asked for (only it may
 * follow a redirect a browser hides). Call `done()` when the read ends. A page it gives may be
 * extracted at once: Readability is loaded by then (readability.ts; it loads while the page travels).
 *
 * `early`: the pages to request the moment the asked page's markup is decoded, before it is parsed,
 * detected and extracted (early-pages.ts pagesNamedIn). The read's first load of each such URL gets
 * that request, already under way; one the read never asks for is cancelled by `done()`. The same
 * for the requests `options.requested` holds (the reader's, sent before the pipeline had loaded).
 */
export function pageLoader(options: ReadOptions, early?: (html: string, url: string) => readonly string[]): { load: PageLoader; signal: AbortSignal; done(): void } {
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const totalTimeoutMs = options.totalTimeoutMs ?? DEFAULTS.totalTimeoutMs;
  const total = new AbortController();
  let totalTimedOut = false;
  const totalTimer = setTimeout(() => {
    totalTimedOut = true;
    total.abort();
  }, totalTimeoutMs);
  const onOuterAbort = () => total.abort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const readabilityReady = loadReadability();
  const loadNow = (url: string, asked: boolean, signal: AbortSignal, onHtml?: (html: string, url: string) => boolean) =>
    loadPage(url, { fetch: options.fetch, dom: options.dom, timeoutMs, signal, followHiddenRedirects: asked, ...(onHtml ? { onHtml } : {}) });
  // The requests already under way (the reader's, from its tab's page list) or sent from the
  // asked page's markup, by URL until the read claims them; every URL sent once.
  const sent = options.requested ?? (early ? earlyLoads({ fetch: options.fetch, dom: options.dom, timeoutMs, signal: total.signal }) : null);
  const onAskedHtml =
    early && sent
      ? (html: string, url: string) => {
          sent.skip(url);
          let any = false;
          for (const page of early(html, url)) any = sent.send(page) || any;
          return any;
        }
      : undefined;
  const load: PageLoader = async (url, asked = false) => {
    const already = asked ? undefined : sent?.claim(url, total.signal);
    const loaded = await (already ?? loadNow(url, asked, total.signal, asked ? onAskedHtml : undefined));
    await readabilityReady;
    // Cut by the whole-article budget, not by the user: say so.
    if (!loaded.ok && loaded.code === 'aborted' && totalTimedOut && !options.signal?.aborted) {
      return { ...loaded, code: 'timeout', reason: `not loaded: the time for the whole article (${totalTimeoutMs} ms) ran out`, failure: failure('article-timeout', { seconds: Math.round(totalTimeoutMs / 100) / 10 }) };
    }
    return loaded;
  };
  return {
    load,
    signal: total.signal,
    done() {
      clearTimeout(totalTimer);
      options.signal?.removeEventListener('abort', onOuterAbort);
      sent?.cancel();
    },
  };
}

/** The page the person is on: the document in hand, its HTML, or fetched. */
export async function startPage(options: ReadOptions, load: PageLoader): Promise<{ doc: Document; url: string }> {
  // A site without a rule of its own is compared by the Public Suffix List from its first page on.
  await publicSuffixListFor(options.url);
  if (options.document) {
    // Its scripts go when it is defused: read a script pager first.
    recordScriptPagerFromDocument(options.document);
    defusePage(options.document);
    return { doc: options.document, url: options.url };
  }
  if (options.html !== undefined) return { doc: parsePage(options.dom, options.html, options.url), url: options.url };
  const loaded = await load(options.url, true);
  if (!loaded.ok) throw new ArticleError(loaded.code, `${options.url}: ${loaded.reason}`, options.url, loaded.failure);
  // Redirected from a known site to one without a rule: compared by the list from here on.
  await publicSuffixListFor(loaded.finalUrl);
  return { doc: loaded.doc, url: loaded.finalUrl };
}

/** The slot of the page the person is on, under the number detection gave it. */
export function startSlot(detail: DetectionDetail, start: { doc: Document; url: string }): PageSlot {
  return { page: detail.currentPage, url: detail.pages.get(detail.currentPage) ?? start.url, state: 'done', doc: start.doc, finalUrl: start.url };
}

/** Detection of the start page, refusing a page the site says was removed. */
export function detectStart(doc: Document, url: string, options: ReadOptions): DetectionDetail {
  const detail = detectPaginationDetail(doc, url, options.siteRules === false ? generic : undefined);
  if (detail.rule.removedTitle?.test(doc.title ?? '')) {
    throw new ArticleError('not-article', `${options.url}: the site says this article was deleted or has expired`, options.url, failure('removed'));
  }
  return detail;
}

/**
 * Read a whole article from any of its pages. Pages known up front are fetched in parallel
 * (`concurrency` at a time); when the list is incomplete, each loaded page's pager and "next"
 * link extend it, up to `maxPages`. A page that fails leaves its place in `failedPages`; the
 * article still comes back with every page that worked, in order. A page that links a one-page
 * version of the article ("全文", "单页阅读") is read from that version when it loads and holds at
 * least what the page in hand shows.
 *
 * Throws {@link ArticleError} only when the page given yields nothing.
 */
export async function readWholeArticle(options: ReadOptions): Promise<WholeArticle> {
  if (options.signal?.aborted) throw new ArticleError('aborted', 'aborted before reading began', options.url);
  const maxPages = Math.max(1, options.maxPages ?? DEFAULTS.maxPages);
  const concurrency = Math.max(1, options.concurrency ?? DEFAULTS.concurrency);
  // From the URL, the pages page 1's pager names are asked for as soon as its markup is there.
  const loader = pageLoader(options, maxPages > 1 ? (html, url) => pagesNamedIn(html, url, maxPages).slice(0, concurrency) : undefined);
  try {
    const start = await startPage(options, loader.load);
    const detail = detectStart(start.doc, start.url, options);
    const current = startSlot(detail, start);
    // The page in hand needs Readability only when its rule finds no body (pageLoader started the load).
    if (!readabilityLoaded() && !findContentRoot(start.doc, detail.rule)) await loadReadability();

    const report = partReporter(options, detail, current);

    if (maxPages > 1 && detail.paginated && detail.wholeUrl) {
      if (report) {
        partOf(current, detail);
        report(current, new Map([...detail.pages, [current.page, current.url] as const].filter(([n]) => n <= maxPages)));
      }
      const whole = await readOnePageVersion(detail, current, loader.load, options);
      if (whole) return whole;
    }

    const slots = new Map<number, PageSlot>([[current.page, current]]);
    const keys = new Set<string>([pageKey(current.url), pageKey(start.url)]);
    // Under a cap, a contiguous run of pages that holds the page in hand (pageWindow).
    const { first, last } = pageWindow(Math.max(detail.pageCount, detail.currentPage), detail.currentPage, maxPages);
    const addPage = (page: number, url: string): void => {
      if (slots.has(page) || page < first || page > last || slots.size >= maxPages) return;
      const key = pageKey(url);
      // The same document under another number (a cycle, or a link back to page 1 under another
      // query string): never fetched twice (fixture back-link-query-string).
      if (keys.has(key)) return;
      keys.add(key);
      slots.set(page, { page, url, state: 'pending' });
    };
    const discover = (doc: Document, url: string, knownAs: number): void => {
      // A site whose own first page listed every page: later pages add nothing but cost time.
      if (doc !== start.doc && detail.complete && detail.rule.strictSchemes) return;
      const found = doc === start.doc ? detail : detectPaginationDetail(doc, url, detail.rule);
      // Without a URL scheme a page cannot tell its own number: trust the number we fetched it as.
      const shift = found.position ? 0 : knownAs - found.currentPage;
      for (const [n, u] of [...found.pages.entries()].sort((a, b) => a[0] - b[0])) addPage(n + shift, u);
    };

    if (maxPages > 1) {
      discover(start.doc, start.url, current.page);
      // Someone waits to read (onPart): the page in hand is extracted and handed over first,
      // before the other pages' requests are started (9 fetches to start cost as much as the
      // extraction). Else the requests go out first (fetchPages starts them before its first
      // await) and the page in hand is extracted while they travel.
      const alone = slots.size === 1;
      if (report) {
        partOf(current, detail, alone);
        report(current, urlsOf(slots));
      }
      const fetching = fetchPages({
        slots,
        concurrency,
        load: (url) => loader.load(url),
        // A page list the pager proved needs no second opinion; pages reached by following links do.
        belongs: (doc) => detail.complete || sameArticle(start.doc, doc),
        discover,
        arrived: (slot) => {
          partOf(slot, detail);
          report?.(slot, urlsOf(slots));
        },
        onProgress: options.onProgress,
        stopped: () => loader.signal.aborted,
      });
      // Alone (no other page to fetch), its document is needed afterwards for its facts only.
      if (!report) partOf(current, detail, alone);
      await fetching;
    } else if (report) {
      partOf(current, detail, true);
      report(current, new Map([[current.page, current.url]]));
    }
    if (options.signal?.aborted) throw new ArticleError('aborted', 'aborted', options.url);
    const pages = [...slots.values()].filter((slot) => !slot.foreign);
    // Alone, the page is page 1, whatever digits its address carries (a chapter `xsh_10.htm`).
    if (pages.length === 1) current.page = 1;
    await loadReadability();
    return assembleArticle({ detail, slots: pages, current, dom: options.dom, url: options.url });
  } finally {
    loader.done();
  }
}

function urlsOf(slots: ReadonlyMap<number, PageSlot>): Map<number, string> {
  return new Map([...slots.values()].map((s) => [s.page, s.url]));
}

/**
 * What `onPart` is told of a page that was just extracted: its body alone, its repeated headline
 * removed, sanitized. A copy: the part itself goes on to the merge untouched. Null without `onPart`.
 */
function partReporter(options: ReadOptions, detail: DetectionDetail, start: PageSlot): ((slot: PageSlot, pages: ReadonlyMap<number, string>) => void) | null {
  const onPart = options.onPart;
  if (!onPart) return null;
  let head: PartHead | null = null;
  const sent = new Set<number>();
  return (slot, pages) => {
    if (!slot.part || options.signal?.aborted || sent.has(slot.page)) return;
    sent.add(slot.page);
    try {
      head ??= partHead(metadataOf(start, detail.rule), ownSiteNameOf(start), detail.rule, slot.part.body);
      const { title, meta } = head;
      const clean = sanitizedBody(partBodyHtml(slot.part.body, title), options.dom.window);
      const html = clean.innerHTML;
      const known = [...pages.keys()].sort((a, b) => a - b);
      onPart({ page: slot.page, pages: known, pageUrls: known.map((n) => pages.get(n) ?? ''), url: slot.finalUrl ?? slot.url, title, meta, html, body: clean });
    } catch {
      // Showing a page early is a nicety: the whole article still comes.
    }
  };
}

/**
 * The article from its one-page version, or null to read the pages instead: when that page fails,
 * has no article, or holds less than the page in hand shows (its text must contain the page in
 * hand's and be longer).
 */
async function readOnePageVersion(detail: DetectionDetail, current: PageSlot, load: PageLoader, options: ReadOptions): Promise<WholeArticle | null> {
  const wholeUrl = detail.wholeUrl as string;
  const loaded = await load(wholeUrl);
  if (!loaded.ok || options.signal?.aborted) return null;
  const whole: PageSlot = { page: 1, url: wholeUrl, state: 'done', doc: loaded.doc, finalUrl: loaded.finalUrl };
  const part = partOf(whole, detail);
  const here = partOf(current, detail);
  if (!part || !here) return null;
  const wholeText = collapseSpace(part.body.textContent ?? '');
  const hereText = collapseSpace(here.body.textContent ?? '');
  if (wholeText.length < hereText.length * 1.2) return null;
  const paragraphs = [...here.body.querySelectorAll('p, li, h2, h3, td')].map((el) => collapseSpace(el.textContent ?? '')).filter((t) => t.length >= 12);
  const found = paragraphs.filter((t) => wholeText.includes(t)).length;
  if (paragraphs.length && found < paragraphs.length * 0.8) return null;
  // Entered from page k, the whole article holds the pages before it too: a "余下全文" page that
  // starts with the page in hand (the rest of the article) is not the whole article.
  const opening = paragraphs.find((t) => wholeText.includes(t));
  if (current.page > 1 && opening !== undefined && wholeText.indexOf(opening) < 0.5 * (current.page - 1) * hereText.length) return null;
  return assembleArticle({ detail, slots: [whole], current: whole, dom: options.dom, url: options.url, canonicalUrl: detail.pages.get(1) ?? options.url });
}
