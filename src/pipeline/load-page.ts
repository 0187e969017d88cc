/** Fetch one page through the injected fetch: timeout, one retry, content checks, decoding. */
import { decodeHtml, stripInertMarkup } from './decode';
import type { ArticleErrorCode } from './errors';
import type { DomEnvironment, FetchLike } from './types';
import { parseHttpUrl, sameSite } from './url';

/** Pages larger than this are refused ("too large"). */
export const DEFAULT_MAX_PAGE_BYTES = 10 * 1024 * 1024;

export interface LoadPageOptions {
  fetch: FetchLike;
  dom: DomEnvironment;
  timeoutMs: number;
  signal?: AbortSignal;
  maxBytes?: number;
}

export type LoadedPage =
  | { ok: true; url: string; finalUrl: string; doc: Document; charset: string }
  | { ok: false; url: string; code: ArticleErrorCode; reason: string };

class LoadFailure extends Error {
  constructor(
    readonly code: ArticleErrorCode,
    message: string,
    readonly retry: boolean,
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
      reject(new LoadFailure('timeout', `timed out after ${ms} ms`, true));
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
      let response;
      try {
        response = await options.fetch(url, {
          signal: controller.signal,
          headers: { Accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' },
        });
      } catch (error) {
        if (options.signal?.aborted) throw new LoadFailure('aborted', 'aborted', false);
        if (error instanceof LoadFailure) throw error;
        const message = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
        throw new LoadFailure('unreachable', `network error: ${message}`, true);
      }
      if (!response.ok) {
        const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
        throw new LoadFailure('http', status, response.status >= 500 || response.status === 429);
      }
      const finalUrl = response.url || url;
      const finalParsed = parseHttpUrl(finalUrl);
      if (finalParsed && !sameSite(finalParsed, url)) {
        throw new LoadFailure('off-site-redirect', `redirected to another site (${finalParsed.hostname})`, false);
      }
      const contentType = response.headers.get('content-type');
      const mime = contentType?.split(';')[0]?.trim() ?? '';
      if (mime && !HTML_TYPES.test(mime)) {
        throw new LoadFailure('content-type', `unsupported content type ${mime}`, false);
      }
      const maxBytes = options.maxBytes ?? DEFAULT_MAX_PAGE_BYTES;
      const declaredLength = Number(response.headers.get('content-length'));
      if (declaredLength > maxBytes) {
        throw new LoadFailure('too-large', `too large (${(declaredLength / 1048576).toFixed(1)} MB, limit ${maxBytes / 1048576} MB)`, false);
      }
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await response.arrayBuffer());
      } catch (error) {
        if (options.signal?.aborted) throw new LoadFailure('aborted', 'aborted', false);
        const code = (error as { code?: unknown })?.code;
        const message = error instanceof Error ? error.message : String(error);
        if (code === 'too-large' || /too large/i.test(message)) throw new LoadFailure('too-large', `too large (${message})`, false);
        throw new LoadFailure('unreachable', `connection lost while reading the page: ${message}`, true);
      }
      if (bytes.length > maxBytes) {
        throw new LoadFailure('too-large', `too large (${(bytes.length / 1048576).toFixed(1)} MB, limit ${maxBytes / 1048576} MB)`, false);
      }
      if (bytes.length === 0 || /^\s*$/.test(new TextDecoder('latin1').decode(bytes.subarray(0, 512))) && bytes.length < 512) {
        throw new LoadFailure('empty', 'empty page', false);
      }
      if (!mime && /[\0-\x08\x0e-\x1a]/.test(new TextDecoder('latin1').decode(bytes.subarray(0, 512)))) {
        throw new LoadFailure('content-type', 'binary content, not a web page', false);
      }
      const decoded = decodeHtml(bytes, contentType);
      const doc = options.dom.parse(stripInertMarkup(decoded.html), finalUrl);
      return { ok: true as const, url, finalUrl, doc, charset: decoded.charset };
    };
    return await withTimeout(run(), options.timeoutMs, controller);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Load one page: one retry on network errors, timeouts and 5xx; never throws. A failure says
 * what happened in plain words ("HTTP 503", "timed out after 15000 ms").
 */
export async function loadPage(url: string, options: LoadPageOptions): Promise<LoadedPage> {
  let last: LoadFailure | null = null;
  for (let tries = 0; tries < 2; tries++) {
    if (options.signal?.aborted) return { ok: false, url, code: 'aborted', reason: 'aborted' };
    try {
      return await attempt(url, options);
    } catch (error) {
      last = error instanceof LoadFailure ? error : new LoadFailure('unreachable', String(error), false);
      if (!last.retry || options.signal?.aborted) break;
    }
  }
  const failure = last ?? new LoadFailure('unreachable', 'unknown error', false);
  return { ok: false, url, code: options.signal?.aborted ? 'aborted' : failure.code, reason: options.signal?.aborted ? 'aborted' : failure.message };
}
