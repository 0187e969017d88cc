/** Fetch one page through the injected fetch: timeout, one retry, content checks, decoding. */
import { decodeHtml } from './decode';
import { parsePage } from './parse-page';
import { readCapped } from './read-capped';
import { ArticleError, failure, type ArticleErrorCode, type Failure } from './errors';
import type { DomEnvironment, FetchLike, ResponseLike } from './types';
import { needsPublicSuffixList, parseHttpUrl, sameSite, urlKey } from './url';

let publicSuffixList: Promise<unknown> | null = null;

/**
 * Loads the Public Suffix List (public-suffix.ts, tldts) when reading `url` needs it
 * (needsPublicSuffixList: a site without a rule of its own), else null. Awaited before a page
 * is loaded, and by readWholeArticle before the page in hand is read, so every site comparison of
 * such a read has it.
 */
export function publicSuffixListFor(url: string): Promise<unknown> | null {
  const host = parseHttpUrl(url)?.hostname;
  if (!host || !needsPublicSuffixList(host)) return null;
  return (publicSuffixList ??= import('./public-suffix'));
}

/** Pages larger than this are refused ("too large"). */
export const DEFAULT_MAX_PAGE_BYTES = 10 * 1024 * 1024;

export interface LoadPageOptions {
  fetch: FetchLike;
  dom: DomEnvironment;
  timeoutMs: number;
  signal?: AbortSignal;
  maxBytes?: number;
  /**
   * Follow a redirect whose target the fetch hides (a browser's `redirect: 'manual'` answers with an
   * opaque redirect). Only for the page the person asked for: a browser would follow it too, and
   * where it ended is checked after (another site's content is never used). A page the pipeline
   * found by itself is not followed there: the other site would see the request before it could
   * be refused (hostile trap "redirect to another site").
   */
  followHiddenRedirects?: boolean;
  /**
   * The page's markup, decoded, before it is parsed: a read from the URL asks the pages its pager
   * names from here (early-pages.ts), while this page is still parsed, detected and extracted.
   * When it says it sent requests, the page waits one turn of the event loop before it is parsed,
   * so that a browser dispatches them before the synchronous work that follows.
   */
  onHtml?: (html: string, finalUrl: string) => boolean;
}

export type LoadedPage =
  | { ok: true; url: string; finalUrl: string; doc: Document; charset: string }
  | { ok: false; url: string; code: ArticleErrorCode; reason: string; failure: Failure };

class LoadFailure extends Error {
  constructor(
    readonly code: ArticleErrorCode,
    message: string,
    readonly retry: boolean,
    /** The reason as a code (errors.ts FAILURE_CODES) with its values. */
    readonly failure: Failure,
  ) {
    super(message);
  }
}

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml|text\/plain|application\/xml|text\/xml)$/i;

function withTimeout<T>(promise: Promise<T>, ms: number, controller: AbortController): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      // Not retried: a server that let a page wait this long would make the reader wait twice as
      // long for it; the reader offers Retry on that page instead.
      reject(new LoadFailure('timeout', `timed out after ${ms} ms`, false, failure('timeout', { seconds: Math.round(ms / 100) / 10 })));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function attempt(url: string, options: LoadPageOptions): Promise<LoadedPage & { ok: true }> {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const run = async () => {
      const response = await fetchFollowingSameSite(url, options, controller.signal);
      const finalUrl = response.url || url;
      const finalParsed = parseHttpUrl(finalUrl);
      // A fetch that followed redirects by itself (a browser's, where a manual redirect hides its
      // Location) is checked afterwards: the content of another site is never used.
      if (finalParsed && !sameSite(finalParsed, url)) {
        throw new LoadFailure('off-site-redirect', `redirected to another site (${finalParsed.hostname})`, false, failure('off-site-redirect', { host: finalParsed.hostname }));
      }
      const contentType = response.headers.get('content-type');
      const mime = contentType?.split(';')[0]?.trim() ?? '';
      // A response refused on its headers is not read: its body is cancelled, freeing the connection.
      const refuse = (failure: LoadFailure): never => {
        void response.body?.cancel?.().catch(() => undefined);
        throw failure;
      };
      if (mime && !HTML_TYPES.test(mime)) {
        refuse(new LoadFailure('content-type', `unsupported content type ${mime}`, false, failure('not-html', { type: mime })));
      }
      const maxBytes = options.maxBytes ?? DEFAULT_MAX_PAGE_BYTES;
      const declaredLength = Number(response.headers.get('content-length'));
      if (declaredLength > maxBytes) {
        refuse(new LoadFailure('too-large', `too large (${(declaredLength / 1048576).toFixed(1)} MB, limit ${maxBytes / 1048576} MB)`, false, tooLarge(maxBytes)));
      }
      let bytes: Uint8Array;
      try {
        bytes = await readBody(response, maxBytes);
      } catch (error) {
        if (options.signal?.aborted) throw new LoadFailure('aborted', 'aborted', false, failure('aborted'));
        if (error instanceof LoadFailure) throw error;
        const code = (error as { code?: unknown })?.code;
        const message = plainMessage(error);
        if (code === 'too-large' || /too large/i.test(message)) throw new LoadFailure('too-large', `too large (over ${maxBytes / 1048576} MB)`, false, tooLarge(maxBytes));
        throw new LoadFailure('unreachable', `connection lost while reading the page: ${message}`, true, failure('connection-lost', { detail: message }));
      }
      if (bytes.length > maxBytes) {
        throw new LoadFailure('too-large', `too large (${(bytes.length / 1048576).toFixed(1)} MB, limit ${maxBytes / 1048576} MB)`, false, tooLarge(maxBytes));
      }
      if (bytes.length === 0 || /^\s*$/.test(new TextDecoder('latin1').decode(bytes.subarray(0, 512))) && bytes.length < 512) {
        throw new LoadFailure('empty', 'empty page', false, failure('empty'));
      }
      if (!mime && /[\0-\x08\x0e-\x1a]/.test(new TextDecoder('latin1').decode(bytes.subarray(0, 512)))) {
        throw new LoadFailure('content-type', 'binary content, not a web page', false, failure('not-html', { type: 'binary' }));
      }
      const decoded = decodeHtml(bytes, contentType);
      if (options.onHtml?.(decoded.html, finalUrl)) await new Promise((resolve) => setTimeout(resolve, 0));
      let doc: Document;
      try {
        doc = parsePage(options.dom, decoded.html, finalUrl);
      } catch (error) {
        // Over the page's element or nesting budget: refused in plain words, not retried.
        if (error instanceof ArticleError && error.code === 'too-complex') throw new LoadFailure('too-complex', error.message, false, error.failure);
        throw error;
      }
      return { ok: true as const, url, finalUrl, doc, charset: decoded.charset };
    };
    return await withTimeout(run(), options.timeoutMs, controller);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** An error's message without the URL a fetch implementation appended and without a repeated prefix. */
function plainMessage(error: unknown): string {
  // Node's fetch says "fetch failed" and keeps the reason (ECONNRESET, ENOTFOUND) in its cause.
  const raw = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  return raw
    .replace(/:\s*https?:\/\/\S+$/, '')
    .replace(/^(network error:?\s*)+/i, '')
    .replace(/^with proxy (\S+?):\s*/i, 'via proxy $1: ')
    .trim();
}

const MAX_REDIRECTS = 5;

function tooLarge(maxBytes: number): Failure {
  return failure('too-large', { limitMb: maxBytes / 1048576 });
}

/** One request; a network failure becomes a LoadFailure in plain words. */
async function fetchOnce(target: string, redirect: 'manual' | 'follow', options: LoadPageOptions, signal: AbortSignal): Promise<ResponseLike> {
  try {
    return await options.fetch(target, { signal, headers: { Accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' }, redirect });
  } catch (error) {
    if (options.signal?.aborted) throw new LoadFailure('aborted', 'aborted', false, failure('aborted'));
    if (error instanceof LoadFailure) throw error;
    // The reader's fallback through the background names what went wrong (reader-fetch.ts).
    const code = (error as { code?: unknown })?.code;
    if (code === 'too-large') throw new LoadFailure('too-large', plainMessage(error), false, tooLarge(options.maxBytes ?? DEFAULT_MAX_PAGE_BYTES));
    if (code === 'timeout') throw new LoadFailure('timeout', plainMessage(error), false, failure('timeout', { seconds: Math.round(options.timeoutMs / 100) / 10 }));
    throw new LoadFailure('unreachable', `network error: ${plainMessage(error)}`, true, failure('network', { detail: plainMessage(error) }));
  }
}

/** A response that is not a success, as a failure (5xx and 429 are worth one retry). */
function httpFailure(response: ResponseLike): LoadFailure {
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return new LoadFailure('http', status, response.status >= 500 || response.status === 429, failure('http-status', { status: response.status, statusText: response.statusText ?? '' }));
}

/**
 * Fetch with redirects followed by hand, so a redirect to another site is refused before that
 * site is ever requested (hostile trap: page 2 answers `302 Location: http://evil.example/`).
 */
async function fetchFollowingSameSite(url: string, options: LoadPageOptions, signal: AbortSignal): Promise<ResponseLike> {
  let target = url;
  for (let hops = 0; ; hops++) {
    let response = await fetchOnce(target, 'manual', options, signal);
    if (response.type === 'opaqueredirect') {
      // A browser hides a manual redirect's Location: follow it only when asked (see the option);
      // the caller checks where it ended.
      if (!options.followHiddenRedirects) {
        throw new LoadFailure('http', 'redirected elsewhere; the browser does not say where, so it was not followed', false, failure('hidden-redirect'));
      }
      response = await fetchOnce(target, 'follow', options, signal);
      if (!response.ok) throw httpFailure(response);
      return response;
    }
    const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
    if (location) {
      const next = parseHttpUrl(location, target);
      if (!next) throw new LoadFailure('http', `HTTP ${response.status} to an unusable address`, false, failure('bad-redirect', { status: response.status }));
      if (!sameSite(next, url)) throw new LoadFailure('off-site-redirect', `redirected to another site (${next.hostname})`, false, failure('off-site-redirect', { host: next.hostname }));
      if (hops >= MAX_REDIRECTS) throw new LoadFailure('http', `too many redirects (more than ${MAX_REDIRECTS})`, false, failure('too-many-redirects', { max: MAX_REDIRECTS }));
      next.hash = '';
      target = next.href;
      continue;
    }
    if (!response.ok) throw httpFailure(response);
    // Fetches that ignore `redirect: 'manual'` report their own final URL; keep ours otherwise.
    return response.url ? response : withUrl(response, target);
  }
}

function withUrl(response: ResponseLike, url: string): ResponseLike {
  return {
    ok: response.ok,
    status: response.status,
    statusText: response.statusText,
    url,
    headers: response.headers,
    body: response.body,
    arrayBuffer: () => response.arrayBuffer(),
  };
}

/**
 * The body's bytes, never more than `maxBytes`: a stream is read chunk by chunk and cancelled at
 * the cap (a page that streams forever is refused as "too large", not buffered until a timeout).
 */
async function readBody(response: ResponseLike, maxBytes: number): Promise<Uint8Array> {
  const bytes = await readCapped(response, maxBytes);
  if (!bytes) throw new LoadFailure('too-large', `too large (over ${maxBytes / 1048576} MB)`, false, tooLarge(maxBytes));
  return bytes;
}

/**
 * Load one page: one retry on network errors and 5xx (not on a timeout); never throws. A failure says
 * what happened in plain words ("HTTP 503", "timed out after 15000 ms").
 */
export async function loadPage(url: string, options: LoadPageOptions): Promise<LoadedPage> {
  // Without the list to wait for, the request is sent before this call returns (early-pages.ts).
  const list = publicSuffixListFor(url);
  if (list) await list;
  let last: LoadFailure | null = null;
  for (let tries = 0; tries < 2; tries++) {
    if (options.signal?.aborted) return { ok: false, url, code: 'aborted', reason: 'aborted', failure: failure('aborted') };
    try {
      return await attempt(url, options);
    } catch (error) {
      last = error instanceof LoadFailure ? error : new LoadFailure('unreachable', String(error), false, failure('network', { detail: String(error) }));
      if (!last.retry || options.signal?.aborted) break;
    }
  }
  const final = last ?? new LoadFailure('unreachable', 'unknown error', false, failure('network', { detail: 'unknown error' }));
  if (options.signal?.aborted) return { ok: false, url, code: 'aborted', reason: 'aborted', failure: failure('aborted') };
  return { ok: false, url, code: final.code, reason: final.message, failure: final.failure };
}

/**
 * Pages requested before the read that wants them: by the read itself from the asked page's
 * markup (read-whole-article.ts pageLoader `early`), or by the reader from the page list its tab
 * handed over, while the pipeline is still loading (src/reader/early-loads.ts). Each is a whole
 * {@link loadPage} (its own per-page time limit from the moment it is sent, its retry, its
 * failure in plain words); the read's first load of each such URL claims it, and `cancel()`
 * stops the ones it never asked for. Every URL is sent at most once.
 */
export interface EarlyLoads {
  /** Sends `url`'s request now; false when it was sent (or ruled out) before, or `signal` has ended. */
  send(url: string): boolean;
  /** Never sends `url` (the page in hand). */
  skip(url: string): void;
  /**
   * The load sent for `url`, taken once (undefined when none is waiting); `signal` ending (the
   * read's budget) stops it from then on.
   */
  claim(url: string, signal?: AbortSignal): Promise<LoadedPage> | undefined;
  /** Stops every load not claimed. */
  cancel(): void;
}

/**
 * Links controllers to signals: `link(signal, controller, until)` aborts `controller` when `signal`
 * ends, until `until` settles. One listener per signal however many loads hang on it (Node warns
 * of a leak past 10 listeners on one signal: a 10-page read's pages all in flight at once).
 */
function abortLinks(): (signal: AbortSignal | undefined, controller: AbortController, until: Promise<unknown>) => void {
  const linked = new WeakMap<AbortSignal, Set<AbortController>>();
  const controllersOf = (signal: AbortSignal): Set<AbortController> => {
    let controllers = linked.get(signal);
    if (!controllers) {
      const all = new Set<AbortController>();
      signal.addEventListener('abort', () => all.forEach((c) => c.abort()), { once: true });
      linked.set(signal, (controllers = all));
    }
    return controllers;
  };
  return (signal, controller, until) => {
    if (!signal) return;
    if (signal.aborted) return void controller.abort();
    const controllers = controllersOf(signal).add(controller);
    const unlink = () => void controllers.delete(controller);
    until.then(unlink, unlink);
  };
}

/** {@link EarlyLoads} over `options` (its `signal`: what stops every one of them). */
export function earlyLoads(options: Omit<LoadPageOptions, 'followHiddenRedirects' | 'onHtml'>): EarlyLoads {
  const unclaimed = new Map<string, { page: Promise<LoadedPage>; controller: AbortController }>();
  const sent = new Set<string>();
  const link = abortLinks();
  return {
    send(url) {
      const key = urlKey(url);
      if (sent.has(key) || options.signal?.aborted) return false;
      sent.add(key);
      const controller = new AbortController();
      const page = loadPage(url, { ...options, signal: controller.signal });
      link(options.signal, controller, page);
      unclaimed.set(key, { page, controller });
      return true;
    },
    skip(url) {
      sent.add(urlKey(url));
    },
    claim(url, signal) {
      const key = urlKey(url);
      const early = unclaimed.get(key);
      if (!early) return undefined;
      unclaimed.delete(key);
      link(signal, early.controller, early.page);
      return early.page;
    },
    cancel() {
      for (const { controller } of unclaimed.values()) controller.abort();
      unclaimed.clear();
    },
  };
}
