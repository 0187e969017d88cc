/**
 * The background's fetch for the reader page, used only when the reader's own `fetch` fails
 * (a browser that refuses a cross-origin request from an extension page). The bytes travel as
 * base64 because runtime messages carry JSON.
 */
import type { FetchedPage } from '../messaging';
import { bytesToBase64 } from '../base64';
import { readCapped } from '../pipeline/read-capped';
import type { FetchLike } from '../pipeline/types';

/** Bodies over this size are refused, like the pipeline's own limit. */
const MAX_BYTES = 10 * 1024 * 1024;
/**
 * The whole request, body included, is given up after this long: the reader that asked may have
 * timed out or closed (it cannot cancel a message), and the background must not hold the request.
 */
const TIMEOUT_MS = 20_000;

export interface BackgroundFetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  /** The fetch to use (tests); the background's own, without cookies, by default. */
  fetch?: FetchLike;
}

const ownFetch: FetchLike = (url, init) => fetch(url, { ...init, credentials: 'omit' });

/**
 * `redirect` is the reader's: `'manual'` (what the pipeline asks for every page) is honoured here
 * exactly as by the reader's own fetch, so a redirect to another site is never followed on this
 * path either: the browser answers with an opaque redirect (passed on as such), Node with the 3xx
 * and its Location (passed on, for the pipeline to check). Anything but `'follow'` is `'manual'`.
 */
export async function fetchPageForReader(url: string, accept?: string, limits: BackgroundFetchOptions = {}, redirect?: string): Promise<FetchedPage> {
  const timeoutMs = limits.timeoutMs ?? TIMEOUT_MS;
  const maxBytes = limits.maxBytes ?? MAX_BYTES;
  const doFetch = limits.fetch ?? ownFetch;
  if (!/^https?:\/\//i.test(url)) return { ok: false, error: 'not an http(s) URL', code: 'not-http' };
  const mode = redirect === 'follow' ? 'follow' : 'manual';
  try {
    const response = await doFetch(url, {
      headers: { Accept: accept ?? 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' },
      redirect: mode,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
    if (response.type === 'opaqueredirect' || location !== null) {
      void response.body?.cancel?.().catch(() => undefined);
      return { ok: true, status: response.status, statusText: response.statusText ?? '', url: response.url || url, contentType: null, contentLength: null, bodyBase64: '', redirect: response.type === 'opaqueredirect' ? 'opaque' : 'exposed', location };
    }
    const bytes = await readCapped(response, maxBytes);
    if (!bytes) return { ok: false, error: `too large (over ${maxBytes} bytes)`, code: 'too-large' };
    return {
      ok: true,
      status: response.status,
      statusText: response.statusText ?? '',
      url: response.url || url,
      contentType: response.headers.get('content-type'),
      contentLength: response.headers.get('content-length'),
      bodyBase64: bytesToBase64(bytes),
    };
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') return { ok: false, error: `no answer within ${timeoutMs / 1000} s`, code: 'timeout' };
    return { ok: false, error: error instanceof Error ? error.message : String(error), code: 'network' };
  }
}
