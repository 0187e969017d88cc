/**
 * The e2e tests' news site: the shared fixture server (test/server/news-site.ts) behind a small
 * front that can make chosen URLs fail with 503 until told otherwise, so a test can see a failed
 * page and then bring it in with Retry, or never answer chosen URLs (and note when the browser
 * gives up on one), or hold chosen URLs until released, so a test can see a reader that must not hang and fetches that must stop. Reached directly (Chromium's `--host-resolver-rules`) or as
 * an HTTP proxy (Firefox's proxy preferences). Listens on 127.0.0.1 only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { startNewsSite, type NewsSite, type NewsSiteOptions } from '../server/news-site';

export interface E2eSite {
  /** Port for `--host-resolver-rules=MAP * 127.0.0.1:PORT`. */
  port: number;
  /** The fixture server behind the front (replaced by `serve`). */
  inner: NewsSite;
  /** Serve other cases from now on, on the same port (cases that share a URL cannot be served together). */
  serve(options: NewsSiteOptions): Promise<void>;
  /** URLs (without fragment) answered with 503 while listed. */
  failing: Set<string>;
  /** URLs (without fragment) never answered while listed: the request is held open. */
  stalling: Set<string>;
  /** URLs (without fragment) answered with an endless image/png body, no Content-Length. */
  endless: Set<string>;
  /** Per endless response, in order: its URL, its Accept header, bytes written, whether the client closed it. */
  endlessResponses: Array<{ url: string; accept: string; bytes: number; closed: boolean }>;
  /** Stalled URLs whose connection the browser closed (gave up on), in order. */
  abandoned: string[];
  /** Hold requests for these URLs until `release()`: a test can act while the browser waits. */
  hold(urls: Iterable<string>): void;
  /** Answer the held requests and stop holding. */
  release(): void;
  /** Absolute URLs requested through the front, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startE2eSite(options: NewsSiteOptions): Promise<E2eSite> {
  let inner = await startNewsSite(options);
  const failing = new Set<string>();
  const stalling = new Set<string>();
  const endless = new Set<string>();
  const endlessResponses: E2eSite['endlessResponses'] = [];
  const abandoned: string[] = [];
  const holding = new Set<string>();
  let held: Array<() => void> = [];
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    const raw = req.url ?? '/';
    // A proxy client (Firefox with proxy prefs) sends the absolute URL; a browser with mapped host
    // names sends a path and a Host header.
    const url = /^https?:\/\//i.test(raw) ? raw : `http://${req.headers.host ?? '127.0.0.1'}${raw}`;
    requests.push(url);
    if (failing.has(url)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' });
      res.end('503 Service Unavailable (e2e: failing on purpose)\n');
      return;
    }
    if (endless.has(url)) {
      const record = { url, accept: String(req.headers.accept ?? ''), bytes: 0, closed: false };
      endlessResponses.push(record);
      res.writeHead(200, { 'content-type': 'image/png' });
      const chunk = Buffer.alloc(256 * 1024, 7);
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(chunk);
      const timer = setInterval(() => {
        record.bytes += chunk.length;
        res.write(chunk);
      }, 5);
      res.on('close', () => {
        record.closed = true;
        clearInterval(timer);
      });
      return;
    }
    if (stalling.has(url)) {
      res.on('close', () => abandoned.push(url));
      return;
    }
    if (holding.has(url)) {
      held.push(() => forward(req, res));
      return;
    }
    forward(req, res);
  });
  function forward(req: http.IncomingMessage, res: http.ServerResponse): void {
    const upstream = http.request(
      { host: '127.0.0.1', port: inner.port, method: req.method, path: req.url, headers: { ...req.headers, connection: 'close' }, agent: false },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  }
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const site: E2eSite = {
    port,
    inner,
    failing,
    stalling,
    endless,
    endlessResponses,
    abandoned,
    hold(urls) {
      for (const u of urls) holding.add(u);
    },
    release() {
      holding.clear();
      const waiting = held;
      held = [];
      for (const go of waiting) go();
    },
    requests,
    async serve(next) {
      const old = inner;
      inner = await startNewsSite(next);
      site.inner = inner;
      await old.close();
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await inner.close();
    },
  };
  return site;
}

/** A reader page as a browser suite drives it. */
export interface ReaderHandle {
  state(): Promise<string | undefined>;
  close(): Promise<void>;
}

/**
 * Open a reader on an article whose other pages never answer, wait until it has asked for all of
 * them, close it mid-read and expect the site to see every one of those requests abandoned.
 * Returns how long after the close the last one went.
 */
export async function expectCloseAbandons(site: E2eSite, stalled: readonly string[], open: () => Promise<ReaderHandle>): Promise<number> {
  for (const u of stalled) site.stalling.add(u);
  const abandonedBefore = site.abandoned.length;
  const requestsBefore = site.requests.length;
  try {
    const reader = await open();
    await expect.poll(() => stalled.every((u) => site.requests.slice(requestsBefore).includes(u)), { timeout: 10_000 }).toBe(true);
    expect(await reader.state()).toBe('loading');
    const closed = Date.now();
    await reader.close();
    await expect.poll(() => site.abandoned.slice(abandonedBefore).sort(), { timeout: 5_000 }).toEqual([...stalled].sort());
    return Date.now() - closed;
  } finally {
    site.stalling.clear();
  }
}

/**
 * A browser test file's site: `write(root)` puts the file's fixture cases into a new temporary
 * folder and gives their folders; the site serves them from before the file's first test and is
 * closed, the folder removed, after its last. `fixture.site` and `fixture.root` once started.
 */
export function fixtureSite(name: string, write: (root: string) => string[]): { readonly site: E2eSite; readonly root: string } {
  let root: string | undefined;
  let site: E2eSite | undefined;
  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), `wholestory-${name}-e2e-`));
    site = await startE2eSite({ cases: write(root) });
  });
  afterAll(async () => {
    await site?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });
  return {
    get site() {
      if (!site) throw new Error('fixtureSite: the site starts in beforeAll');
      return site;
    },
    get root() {
      if (!root) throw new Error('fixtureSite: the folder is made in beforeAll');
      return root;
    },
  };
}
