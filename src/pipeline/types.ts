/**
 * The pipeline's public types. Everything here is plain data or an injected function, so the same
 * pipeline runs in the reader page (DOMParser, window.fetch), in Node (jsdom, node fetch) and in tests.
 */
import type { Failure } from './errors';
import type { EarlyLoads } from './load-page';

/** The part of a `Response` the pipeline reads. A real `fetch` Response satisfies it. */
export interface ResponseLike {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText?: string;
  /** Final URL after redirects ('' when unknown). */
  readonly url: string;
  readonly headers: { get(name: string): string | null };
  /** `opaqueredirect` when a browser answers a manual redirect (its Location is hidden). */
  readonly type?: string;
  /** The body as a stream, when the fetch offers one: read with a size cap. */
  readonly body?: ReadableStream<Uint8Array> | null;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A `fetch`-like function. Pipeline code never touches a global `fetch`. */
export type FetchLike = (
  url: string,
  init?: { signal?: AbortSignal; headers?: Record<string, string>; redirect?: 'follow' | 'manual' },
) => Promise<ResponseLike>;

/** How HTML becomes a `Document` and where DOMPurify gets its window. */
export interface DomEnvironment {
  /** Parse an HTML string into an inert document (no scripts run) whose base is `url`. */
  parse(html: string, url: string): Document;
  /** A window object for DOMPurify (the page's own window in a browser, a jsdom window in Node). */
  readonly window: Window & typeof globalThis;
  /**
   * The merged article sanitized elsewhere, as assemble.ts's {@link sanitizedArticle} would in
   * `window` (the command line's jsdom thread, src/cli/jsdom-thread.ts); absent: done in `window`.
   */
  sanitizeArticle?(html: string): SanitizedArticle;
}

/** The article's sanitized HTML and its text (assemble.ts sanitizedArticle). */
export interface SanitizedArticle {
  html: string;
  text: string;
}

/** Progress of a multi-page read, for "Loading page 2 of 5…". */
export interface Progress {
  /** Pages settled so far (loaded or failed). */
  done: number;
  /** Pages known so far; grows while "next" links are followed. */
  total: number;
  /** Whether `total` is final (the page list was known up front). */
  totalKnown: boolean;
  /** The page that just settled. */
  url: string;
  ok: boolean;
}

export interface FailedPage {
  /** 1-based page number in the article. */
  page: number;
  url: string;
  /** Plain words: "HTTP 503", "timed out after 15000 ms", "network error: ...", "no article text found". */
  reason: string;
  /**
   * The same reason as a code with its values, for the interface's own words
   * (src/reader/failure-text.ts). Absent on copies saved before codes existed.
   */
  failure?: Failure;
}

export interface ReadOptions {
  /** The URL of the page the user is on (any page of the article). */
  url: string;
  /** That page's document if already in hand; it is reused instead of fetched again (and defused in place: parse-page.ts). */
  document?: Document;
  /** That page's raw HTML if in hand (used when `document` is not given). */
  html?: string;
  fetch: FetchLike;
  dom: DomEnvironment;
  /** Most pages to read (default 30). `1` reads only the page given. */
  maxPages?: number;
  /** Pages fetched at once (default 6; the reader asks for every known page at once, up to `maxPages`). */
  concurrency?: number;
  /** Per-page timeout in ms (default 15000). */
  timeoutMs?: number;
  /** Total budget in ms (default 60000). */
  totalTimeoutMs?: number;
  signal?: AbortSignal;
  /** `false` reads every site with the generic engine alone, no site rule (eval's `--generic`). */
  siteRules?: boolean;
  onProgress?: (progress: Progress) => void;
  /**
   * Each page's part as soon as it is extracted, before the whole article is assembled: the page
   * in hand first (while the other requests travel), then each later page as it arrives, in
   * arrival order. For showing the article progressively; the article returned at the end is the
   * same with or without it (the final merge still removes what the pages repeat).
   */
  onPart?: (part: ArticlePart) => void;
  /**
   * Pages already requested for this read (load-page.ts EarlyLoads: the reader asks the pages its
   * tab's page list names while the pipeline is still loading): the read's first load of each
   * such URL takes that request; the read cancels the rest when it ends.
   */
  requested?: EarlyLoads;
}

/** One page of the article, extracted on its own (see `ReadOptions.onPart`). */
export interface ArticlePart {
  /** Its 1-based page number. */
  page: number;
  /** Every page number known so far, in order (grows while "next" links are followed). */
  pages: number[];
  /** Their addresses, in the same order. */
  pageUrls: string[];
  url: string;
  /** The headline, from the page in hand (without the per-page suffix). */
  title: string;
  /** What the header shows, from the page in hand (the final article may add a byline found in the text). */
  meta: Pick<WholeArticle, 'byline' | 'source' | 'publishedTime' | 'siteName' | 'lang' | 'dir'>;
  /** Sanitized HTML of this page's body alone (its repeated headline removed). */
  html: string;
  /**
   * The same sanitized body as a tree (the body of the sanitizer's own inert document, sanitize.ts
   * `sanitizedBody`), whose nodes are the receiver's to take: a page shown at once is then
   * sanitized once on its way to the screen, not again from `html`. Absent on a part made elsewhere.
   */
  body?: HTMLElement;
}

/** The whole article, merged, cleaned and sanitized. */
export interface WholeArticle {
  /** Title without the per-page suffix ("(3)", "【3】") or the site name. */
  title: string;
  byline: string | null;
  /** Original source credited by the page ("新华网", "Xinhua"). */
  source: string | null;
  /** ISO 8601 with offset when the page gives a time zone or the site's is known (+08:00). */
  publishedTime: string | null;
  siteName: string | null;
  lang: string | null;
  dir: string | null;
  /** Canonical URL: page 1 of the article. */
  url: string;
  /** Every page of the article in order. */
  pageUrls: string[];
  pageCount: number;
  failedPages: FailedPage[];
  /** Plain text, paragraphs separated by blank lines. */
  textContent: string;
  /** Sanitized HTML of the merged body. Each page's part sits in `<section data-page="N">`. */
  contentHtml: string;
  excerpt: string | null;
  /** Length counting each CJK character as one and each other word as one. */
  length: number;
  /** Id of the site rule used ("xinhua", "people", "generic"). */
  site: string;
}

/** What detection finds on one page, cheaply, without fetching. */
export interface Detection {
  /** Site rule id, or "generic". */
  site: string;
  /** True only when there is evidence of at least a second page. */
  paginated: boolean;
  /** Page URLs known from this page, in order (page 1 first). Contains the current page. */
  pageUrls: string[];
  /** Whether `pageUrls` is believed to be the whole list. */
  complete: boolean;
  /** 0-based index of the current page in `pageUrls`. */
  currentIndex: number;
  /** The next page's URL, if any. */
  nextUrl: string | null;
  /** Best guess of the page count (`pageUrls.length` when complete). */
  pageCount: number;
}
