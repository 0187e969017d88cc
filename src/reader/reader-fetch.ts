/**
 * The reader page's `FetchLike`: the page's own `fetch` (an extension page with host permission
 * may fetch across origins in Chrome MV3 and Firefox MV2), and the background's `fetchPage` when
 * that fails with a network-level error (a browser that refuses it).
 */
import { base64ToBytes } from '../base64';
import { messenger, type FetchedPage } from '../messaging';
import type { FetchLike, ResponseLike } from '../pipeline/types';

export interface ReaderFetchOptions {
  /** The page's fetch (tests pass their own). */
  fetch?: typeof fetch;
  /** The background fallback (tests pass their own). */
  viaBackground?: (url: string, accept?: string, redirect?: 'follow' | 'manual') => Promise<FetchedPage>;
}

export function createReaderFetch(options: ReaderFetchOptions = {}): FetchLike {
  const pageFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const viaBackground = options.viaBackground ?? ((url, accept, redirect) => messenger.sendMessage('fetchPage', { url, accept, redirect }));
  return async (url, init) => {
    try {
      return await pageFetch(url, {
        signal: init?.signal,
        headers: init?.headers,
        // 'manual' (what the pipeline asks for) leaves a redirect unfollowed: see load-page.ts.
        redirect: init?.redirect ?? 'follow',
        // News pages need no cookies, and sending none keeps the person's sessions out of it.
        credentials: 'omit',
      });
    } catch (error) {
      if (init?.signal?.aborted) throw error;
      // The same redirect mode as the page's own fetch: another site never sees the request on this path either.
      const fetched = await viaBackground(url, init?.headers?.Accept, init?.redirect ?? 'follow');
      // Its code travels on the error: load-page.ts tells a page too large or too slow from a network error.
      if (!fetched.ok) throw Object.assign(new TypeError(fetched.error), { code: fetched.code });
      return responseFromFetched(fetched);
    }
  };
}

/** A `ResponseLike` over what the background sent. */
export function responseFromFetched(fetched: FetchedPage & { ok: true }): ResponseLike {
  const bytes = base64ToBytes(fetched.bodyBase64);
  const headers: Record<string, string | null> = { 'content-type': fetched.contentType, 'content-length': fetched.contentLength, location: fetched.location ?? null };
  return {
    ...(fetched.redirect === 'opaque' ? { type: 'opaqueredirect' } : {}),
    ok: fetched.redirect ? false : fetched.status >= 200 && fetched.status < 300,
    status: fetched.status,
    statusText: fetched.statusText,
    url: fetched.url,
    headers: { get: (name) => headers[name.toLowerCase()] ?? null },
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  };
}
