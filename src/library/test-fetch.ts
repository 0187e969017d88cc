/** A `FetchLike` over a table of URLs, for the library's unit tests. */
import type { FetchLike, ResponseLike } from '../pipeline/types';

export interface FakeResource {
  status?: number;
  type?: string | null;
  body: Uint8Array | string;
  /** A Content-Length header different from the body (a server that lies, or a huge file). */
  contentLength?: number;
  /** Never answers (until aborted). */
  hang?: boolean;
}

/** Fetches from `table`; anything else is a network error. Records every URL asked for. */
export function fakeFetch(table: Record<string, FakeResource>, requested: string[] = []): FetchLike {
  return async (url, init) => {
    requested.push(url);
    const resource = table[url];
    if (!resource) throw new TypeError('Failed to fetch');
    if (resource.hang) {
      await new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    }
    const bytes = typeof resource.body === 'string' ? new TextEncoder().encode(resource.body) : resource.body;
    const headers: Record<string, string> = {};
    if (resource.type !== null) headers['content-type'] = resource.type ?? 'image/png';
    headers['content-length'] = String(resource.contentLength ?? bytes.length);
    const response: ResponseLike = {
      ok: (resource.status ?? 200) < 300,
      status: resource.status ?? 200,
      statusText: '',
      url,
      headers: { get: (name) => headers[name.toLowerCase()] ?? null },
      arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer,
    };
    return response;
  };
}

/** Bytes that start like a PNG. */
export function pngBytes(size: number, seed = 0): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  for (let i = 8; i < size; i++) bytes[i] = (i * 31 + seed) & 0xff;
  return bytes;
}
