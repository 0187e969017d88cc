/**
 * An in-memory `FetchLike` serving generated pages with the headers a site sends, recording every
 * request; anything else answers 404, as the site would for a page that does not exist.
 */
import type { FetchLike, ResponseLike } from '../../pipeline/types';
import { urlKey } from '../../pipeline/url';

export interface ServedResource {
  bytes: Uint8Array;
  contentType: string;
}

export interface RecordingFetch {
  fetch: FetchLike;
  /** Every URL asked for, in order. */
  requests: string[];
}

export function recordingFetch(resources: Map<string, ServedResource>): RecordingFetch {
  const requests: string[] = [];
  const fetch: FetchLike = async (url, init) => {
    requests.push(url);
    if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const res = resources.get(urlKey(url));
    const bytes = res?.bytes ?? new TextEncoder().encode('<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>');
    const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const headers = new Map<string, string>([
      ['content-type', res?.contentType ?? 'text/html'],
      ['content-length', String(bytes.byteLength)],
    ]);
    const response: ResponseLike = {
      ok: !!res,
      status: res ? 200 : 404,
      statusText: res ? 'OK' : 'Not Found',
      url,
      headers: { get: (name: string) => headers.get(name.toLowerCase()) ?? null },
      arrayBuffer: async () => buf,
    };
    return response;
  };
  return { fetch, requests };
}
