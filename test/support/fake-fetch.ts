/**
 * The one in-memory `FetchLike` of the unit tests: a table of URLs → responses (or functions of the
 * call), every request recorded. Pages (pipeline tests) and images (library tests) use the same
 * fake; `imageFetch` is its preset for the library (unknown URLs are network errors, bodies are
 * PNG, Content-Length is sent).
 */
import iconv from 'iconv-lite';
import type { FetchLike, ResponseLike } from '../../src/pipeline/types';

export interface FakeResponse {
  status?: number;
  statusText?: string;
  /** Content-Type header; `null` sends none (default: the fake's `contentType`). */
  contentType?: string | null;
  /** Final URL after redirects (default: the requested URL). */
  url?: string;
  body?: string | Uint8Array;
  /** A Content-Length header different from the body (a server that lies, or a huge file). */
  contentLength?: number;
  /** Never answers (until the request is aborted, then rejects like fetch does). */
  hang?: boolean;
}

/** What a route answers: a response, or a function of the call (1-based per URL) that returns one. */
export type Route = FakeResponse | ((call: number, init: Parameters<FetchLike>[1]) => FakeResponse | Promise<FakeResponse>);

export interface FakeFetchOptions {
  /** What an unknown URL gets: a 404 page (default) or a network error (`TypeError: Failed to fetch`). */
  missing?: 'not-found' | 'network-error';
  /** Content-Type of responses that do not say (default `text/html; charset=utf-8`). */
  contentType?: string;
  /** Send Content-Length (the body's, unless a response gives `contentLength`) on every response. */
  sendLength?: boolean;
}

export type FakeFetch = FetchLike & {
  /** Every URL requested, in order. */
  calls: string[];
  count(url: string): number;
};

export function toResponse(url: string, r: FakeResponse, options: FakeFetchOptions = {}): ResponseLike {
  const status = r.status ?? 200;
  const bytes = typeof r.body === 'string' ? new TextEncoder().encode(r.body) : (r.body ?? new Uint8Array());
  const headers: Record<string, string> = {};
  if (r.contentType !== null) headers['content-type'] = r.contentType ?? options.contentType ?? 'text/html; charset=utf-8';
  if (r.contentLength !== undefined || options.sendLength) headers['content-length'] = String(r.contentLength ?? bytes.length);
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: r.statusText ?? '',
    url: r.url ?? url,
    headers: { get: (name: string) => headers[name.toLowerCase()] ?? null },
    arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer,
  };
}

/** A fetch over a table of routes. */
export function fakeFetch(routes: Record<string, Route>, options: FakeFetchOptions = {}): FakeFetch {
  const calls: string[] = [];
  const count = (url: string): number => calls.filter((u) => u === url).length;
  const fn = (async (url: string, init?: Parameters<FetchLike>[1]) => {
    calls.push(url);
    if (init?.signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
    const route = routes[url];
    if (!route) {
      if (options.missing === 'network-error') throw new TypeError('Failed to fetch');
      return toResponse(url, { status: 404, statusText: 'Not Found', body: 'not found' }, options);
    }
    const r = typeof route === 'function' ? await route(count(url), init) : route;
    if (r.hang) await hang(init?.signal);
    return toResponse(url, r, options);
  }) as FakeFetch;
  fn.calls = calls;
  fn.count = count;
  return fn;
}

/** The library's image fetch: unknown URLs fail like an offline fetch, bodies default to PNG, Content-Length sent. */
export function imageFetch(table: Record<string, Route>): FakeFetch {
  return fakeFetch(table, { missing: 'network-error', contentType: 'image/png', sendLength: true });
}

/** A promise that never settles unless the signal aborts (then it rejects like fetch does). */
export function hang(signal?: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')), { once: true });
  });
}

/** GB2312 text as the bytes a server sends (GB18030 is its superset). */
export const gb = (s: string): Uint8Array => new Uint8Array(iconv.encode(s, 'gb18030'));

/** Bytes that start like a PNG. */
export function pngBytes(size: number, seed = 0): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  for (let i = 8; i < size; i++) bytes[i] = (i * 31 + seed) & 0xff;
  return bytes;
}
