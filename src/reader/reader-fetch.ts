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
  viaBackground?: (url: string, accept?: string) => Promise<FetchedPage>;
}

export function createReaderFetch(options: ReaderFetchOptions = {}): FetchLike {
  const pageFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const viaBackground = options.viaBackground ?? ((url, accept) => messenger.sendMessage('fetchPage', { url, accept }));
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
      const fetched = await viaBackground(url, init?.headers?.Accept);
      if (!fetched.ok) throw new TypeError(fetched.error);
      return responseFromFetched(fetched);
    }
  };
}

/** A `ResponseLike` over what the background sent. */
export function responseFromFetched(fetched: FetchedPage & { ok: true }): ResponseLike {
  const bytes = base64ToBytes(fetched.bodyBase64);
  const headers: Record<string, string | null> = { 'content-type': fetched.contentType, 'content-length': fetched.contentLength };
  return {
    ok: fetched.status >= 200 && fetched.status < 300,
    status: fetched.status,
    statusText: fetched.statusText,
    url: fetched.url,
    headers: { get: (name) => headers[name.toLowerCase()] ?? null },
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  };
}
