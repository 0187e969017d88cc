/**
 * A small local HTTP server for the trap and fault suites, on 127.0.0.1 only. It answers for any host
 * name: a request is identified by its absolute URL, rebuilt from
 * - an absolute-URI request line (the server is then an HTTP forward proxy, as the CLI's `--proxy` uses), or
 * - the `Host` header (+ `X-Original-Scheme`), as sent by {@link hostFetch}, which rewrites
 *   `http(s)://<host>/path` to `http://127.0.0.1:PORT/path`.
 *
 * Routes are functions of that URL; each can answer normally or misbehave (reset the connection,
 * trickle, never answer, stream megabytes). Every request is logged; open requests are counted.
 */
import http from 'node:http';
import type net from 'node:net';
import { Readable } from 'node:stream';
import type { FetchLike, ResponseLike } from '../../src/pipeline/types';
import { stripHash } from '../../src/pipeline/url';

export interface Hit {
  /** Absolute URL as the client meant it (fragment never sent). */
  url: string;
  host: string;
  path: string;
  method: string;
  via: 'proxy' | 'direct';
  /** ms since the server started. */
  at: number;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string | number>;
  body?: string | Uint8Array;
}

/** What a route does with a request: a reply, or full control of the raw request/response. */
export type Handler = (ctx: { url: URL; req: http.IncomingMessage; res: http.ServerResponse; hit: number; server: HostileServer }) => Reply | void | Promise<Reply | void>;

export interface HostileServer {
  port: number;
  /** `http://127.0.0.1:PORT`, for `--proxy`. */
  origin: string;
  hits: Hit[];
  /** Requests whose response has not finished or been torn down. */
  open(): number;
  /** The URLs of those requests (one entry per open request). */
  openUrls(): string[];
  /** Most requests open at once since the last `reset()`. */
  peakOpen(): number;
  /** Response body bytes written, per URL. */
  bytesSent: Map<string, number>;
  /** Route an exact URL (fragment ignored; query kept). */
  route(url: string, handler: Handler | Reply): void;
  /** Answer everything no exact route matched (default: 404). */
  fallback(handler: Handler | null): void;
  /** Forget routes, hits and counters. */
  reset(): void;
  close(): Promise<void>;
}

const startedAt = Date.now();

export async function startHostileServer(): Promise<HostileServer> {
  const routes = new Map<string, Handler>();
  let fallbackHandler: Handler | null = null;
  const hitsPerUrl = new Map<string, number>();
  const sockets = new Set<net.Socket>();
  let open = 0;
  let peak = 0;
  const openByUrl = new Map<number, string>();
  let nextRequestId = 0;

  const api: HostileServer = {
    port: 0,
    origin: '',
    hits: [],
    open: () => open,
    openUrls: () => [...openByUrl.values()],
    peakOpen: () => peak,
    bytesSent: new Map(),
    route(url, handler) {
      routes.set(stripHash(url), typeof handler === 'function' ? handler : () => handler);
    },
    fallback(handler) {
      fallbackHandler = handler;
    },
    reset() {
      routes.clear();
      fallbackHandler = null;
      hitsPerUrl.clear();
      api.hits.length = 0;
      api.bytesSent.clear();
      peak = open;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };

  const server = http.createServer((req, res) => {
    open++;
    peak = Math.max(peak, open);
    const requestId = nextRequestId++;
    let closed = false;
    const done = () => {
      if (!closed) {
        closed = true;
        open--;
        openByUrl.delete(requestId);
      }
    };
    res.on('close', done);
    req.on('close', () => {
      if (res.writableEnded || res.destroyed) done();
    });
    req.socket.on('close', done);

    const raw = req.url ?? '/';
    const via: Hit['via'] = /^https?:\/\//i.test(raw) ? 'proxy' : 'direct';
    let url: URL;
    try {
      const scheme = String(req.headers['x-original-scheme'] ?? 'http');
      url = via === 'proxy' ? new URL(raw) : new URL(`${scheme}://${req.headers.host ?? '127.0.0.1'}${raw}`);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const key = stripHash(url.href);
    if (!closed) openByUrl.set(requestId, key);
    const hit = (hitsPerUrl.get(key) ?? 0) + 1;
    hitsPerUrl.set(key, hit);
    api.hits.push({ url: key, host: url.hostname, path: url.pathname + url.search, method: req.method ?? 'GET', via, at: Date.now() - startedAt });

    // Count body bytes actually written.
    const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
    const count = (chunk: unknown) => {
      const n = typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk instanceof Uint8Array ? chunk.length : 0;
      api.bytesSent.set(key, (api.bytesSent.get(key) ?? 0) + n);
    };
    (res as unknown as { write: typeof write }).write = (chunk: unknown, ...rest: unknown[]) => {
      count(chunk);
      return write(chunk, ...rest);
    };
    const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => http.ServerResponse;
    (res as unknown as { end: typeof end }).end = (chunk?: unknown, ...rest: unknown[]) => {
      if (chunk !== undefined && typeof chunk !== 'function') count(chunk);
      return end(chunk, ...rest);
    };

    const handler = routes.get(key) ?? fallbackHandler;
    void (async () => {
      try {
        const reply = handler ? await handler({ url, req, res, hit, server: api }) : { status: 404, body: 'not found' };
        if (reply && !res.headersSent && !res.destroyed) {
          const body = reply.body ?? '';
          const headers = { 'content-type': 'text/html; charset=utf-8', ...(reply.headers ?? {}) };
          res.writeHead(reply.status ?? 200, headers);
          res.end(typeof body === 'string' ? body : Buffer.from(body));
        }
      } catch (error) {
        if (!res.headersSent) res.writeHead(500).end(String(error));
        else res.destroy();
      }
    })();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api.port = (server.address() as net.AddressInfo).port;
  api.origin = `http://127.0.0.1:${api.port}`;
  return api;
}

export interface HostFetch extends FetchLike {
  /** Every URL requested, redirect hops included, in order. */
  requests: string[];
}

export interface HostFetchOptions {
  /**
   * What `redirect: 'manual'` gives: `'opaque'` (default) as in a browser, an opaque-redirect
   * response (`type: 'opaqueredirect'`, status 0, Location hidden); `'expose'` as in Node's fetch, the
   * 3xx response itself with its Location.
   */
  manualRedirect?: 'opaque' | 'expose';
}

/**
 * A browser-like `fetch` for the pipeline that reaches {@link startHostileServer} for every host:
 * `http(s)://<host>/path?q` goes to `http://127.0.0.1:PORT/path?q` with `Host: <host>`. Like
 * `window.fetch` it follows redirects (up to 20, to any host) unless told `redirect: 'manual'`, has no
 * size limit of its own (`arrayBuffer()` buffers everything; `body` is a ReadableStream), and rejects
 * with a `TypeError('fetch failed')` on network errors and an `AbortError` on abort.
 */
export function hostFetch(server: Pick<HostileServer, 'port'>, options: HostFetchOptions = {}): HostFetch {
  const requests: string[] = [];
  const fn = (async (url, init = {}) => {
    const signal = init.signal;
    const redirect = (init as { redirect?: string }).redirect ?? 'follow';
    let current = new URL(url);
    for (let hops = 0; ; hops++) {
      if (signal?.aborted) throw abortError();
      if (current.protocol !== 'http:' && current.protocol !== 'https:') throw new TypeError('fetch failed', { cause: new Error(`unsupported scheme ${current.protocol}`) });
      current.hash = '';
      requests.push(current.href);
      const res = await rawRequest(server.port, current, init.headers ?? {}, signal);
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if ([301, 302, 303, 307, 308].includes(status) && location) {
        if (redirect === 'manual') {
          if ((options.manualRedirect ?? 'opaque') === 'opaque') {
            res.resume();
            return opaqueRedirect(current.href);
          }
          return toResponse(res, current.href, signal);
        }
        if (redirect === 'error') {
          res.resume();
          throw new TypeError('fetch failed', { cause: new Error('unexpected redirect') });
        }
        if (hops < 20) {
          res.resume();
          current = new URL(location, current);
          continue;
        }
      }
      return toResponse(res, current.href, signal);
    }
  }) as HostFetch;
  fn.requests = requests;
  return fn;
}

function opaqueRedirect(url: string): ResponseLike {
  return {
    ok: false,
    status: 0,
    statusText: '',
    url,
    type: 'opaqueredirect',
    headers: { get: () => null },
    body: null,
    arrayBuffer: async () => new ArrayBuffer(0),
  } as ResponseLike;
}

function abortError(): Error {
  return new DOMException('The operation was aborted.', 'AbortError');
}

function rawRequest(port: number, target: URL, headers: Record<string, string>, signal?: AbortSignal): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'GET',
      path: target.pathname + target.search,
      agent: false,
      headers: { ...headers, host: target.host, 'x-original-scheme': target.protocol.slice(0, -1) },
    });
    const onAbort = () => {
      req.destroy();
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('response', (res) => {
      signal?.removeEventListener('abort', onAbort);
      resolve(res);
    });
    req.on('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(new TypeError('fetch failed', { cause: error }));
    });
    req.end();
  });
}

function toResponse(res: http.IncomingMessage, url: string, signal?: AbortSignal): ResponseLike {
  const status = res.statusCode ?? 0;
  let body: Promise<ArrayBuffer> | null = null;
  const read = (): Promise<ArrayBuffer> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      const onAbort = () => {
        res.destroy();
        reject(abortError());
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        signal?.removeEventListener('abort', onAbort);
        if (!res.complete) return reject(new TypeError('terminated', { cause: new Error('other side closed') }));
        const all = Buffer.concat(chunks);
        resolve(all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer);
      });
      res.on('error', (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(new TypeError('terminated', { cause: error }));
      });
      res.on('close', () => {
        signal?.removeEventListener('abort', onAbort);
        if (!res.complete) reject(new TypeError('terminated', { cause: new Error('other side closed') }));
      });
    });
  let stream: ReadableStream<Uint8Array> | null = null;
  const response = {
    ok: status >= 200 && status < 300,
    status,
    statusText: res.statusMessage ?? '',
    url,
    type: 'basic',
    headers: {
      get(name: string) {
        const v = res.headers[name.toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(', ') : String(v);
      },
    },
    /** The body as a web stream (as `Response.body`); reading it and calling arrayBuffer() are exclusive. */
    get body(): ReadableStream<Uint8Array> {
      if (!stream) {
        const onAbort = () => res.destroy(abortError());
        signal?.addEventListener('abort', onAbort, { once: true });
        res.on('close', () => signal?.removeEventListener('abort', onAbort));
        stream = Readable.toWeb(res) as unknown as ReadableStream<Uint8Array>;
      }
      return stream;
    },
    arrayBuffer: () => (body ??= read()),
  };
  return response as ResponseLike;
}

/** Resolve after `ms`. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
