import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64ToBytes } from '../base64';
import { createNodeDom } from '../cli/node-dom';
import { loadPage } from '../pipeline/load-page';
import { createReaderFetch } from '../reader/reader-fetch';
import { fetchPageForReader } from './fetch-page';

// A real local server: a page, a body that never ends, and one that trickles forever.
let server: http.Server;
let origin: string;
/** The same server under another host name: another site as far as the pipeline knows. */
let otherOrigin: string;
const sockets = new Set<net.Socket>();
/** Host and path of every request, in order. */
const seen: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(`${req.headers.host}${req.url}`);
    if (req.url === '/elsewhere') {
      res.writeHead(302, { location: `${otherOrigin}/stolen` }).end();
    } else if (req.url === '/stolen') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>another site</p>');
    } else if (req.url === '/page') {
      res.writeHead(200, { 'content-type': 'text/html; charset=gb2312' });
      res.end(Buffer.from([0xd6, 0xd0, 0xce, 0xc4])); // 中文 in GB2312
    } else if (req.url === '/huge') {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    } else if (req.url === '/trickle') {
      res.writeHead(200, { 'content-type': 'text/html' });
      const timer = setInterval(() => res.write('a'), 200);
      res.on('close', () => clearInterval(timer));
    } else {
      res.writeHead(404).end();
    }
  });
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  otherOrigin = origin.replace('127.0.0.1', 'localhost');
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('fetchPageForReader (the background fallback)', () => {
  it('returns the bytes as they are, with the headers the pipeline reads', async () => {
    const got = await fetchPageForReader(`${origin}/page`);
    expect(got.ok).toBe(true);
    if (!got.ok) return;
    expect(got.status).toBe(200);
    expect(got.contentType).toBe('text/html; charset=gb2312');
    expect([...base64ToBytes(got.bodyBase64)]).toEqual([0xd6, 0xd0, 0xce, 0xc4]);
  });

  it('stops reading a body past the size limit instead of holding it all', async () => {
    const got = await fetchPageForReader(`${origin}/huge`, undefined, { maxBytes: 1024 * 1024 });
    expect(got).toEqual({ ok: false, error: 'too large (over 1048576 bytes)', code: 'too-large' });
  });

  it('gives up on a server that never finishes, within its time limit', async () => {
    const started = Date.now();
    const got = await fetchPageForReader(`${origin}/trickle`, undefined, { timeoutMs: 500 });
    expect(got).toEqual({ ok: false, error: 'no answer within 0.5 s', code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses what is not http(s)', async () => {
    expect(await fetchPageForReader('file:///etc/passwd')).toEqual({ ok: false, error: 'not an http(s) URL', code: 'not-http' });
  });

  // Was a bug (issue 12, item 9): the reader dropped `redirect` when it fell back to the background,
  // and the background always followed, so another site saw the request (3 of 3 runs).
  describe("honours redirect: 'manual' like the reader's own fetch: another site never sees the request", () => {
    const stolen = () => seen.filter((s) => s.endsWith('/stolen'));

    it("'manual': the redirect comes back unfollowed, with its Location", async () => {
      seen.length = 0;
      const got = await fetchPageForReader(`${origin}/elsewhere`, undefined, {}, 'manual');
      expect(got).toMatchObject({ ok: true, status: 302, redirect: 'exposed', location: `${otherOrigin}/stolen`, bodyBase64: '' });
      expect(stolen()).toEqual([]);
    });

    it('no mode, or an unknown one, is manual; only an explicit follow follows (the probe works)', async () => {
      seen.length = 0;
      expect(await fetchPageForReader(`${origin}/elsewhere`)).toMatchObject({ status: 302 });
      expect(await fetchPageForReader(`${origin}/elsewhere`, undefined, {}, 'error')).toMatchObject({ status: 302 });
      expect(stolen()).toEqual([]);
      expect(await fetchPageForReader(`${origin}/elsewhere`, undefined, {}, 'follow')).toMatchObject({ ok: true, status: 200, url: `${otherOrigin}/stolen` });
      expect(stolen()).toHaveLength(1);
    });

    it("a browser's opaque redirect is passed on as one", async () => {
      const opaque = async () => ({ ok: false, status: 0, statusText: '', url: `${origin}/elsewhere`, type: 'opaqueredirect', headers: { get: () => null }, body: null, arrayBuffer: async () => new ArrayBuffer(0) });
      const got = await fetchPageForReader(`${origin}/elsewhere`, undefined, { fetch: opaque }, 'manual');
      expect(got).toMatchObject({ ok: true, status: 0, redirect: 'opaque' });
      if (!got.ok) return;
      const { responseFromFetched } = await import('../reader/reader-fetch');
      expect(responseFromFetched(got)).toMatchObject({ ok: false, type: 'opaqueredirect', status: 0 });
    });

    it('the whole path: a page 302 → another host, the reader\'s fetch failing, the background asked: refused, never requested', async () => {
      seen.length = 0;
      const readerFetch = createReaderFetch({
        fetch: (async () => {
          throw new TypeError('Failed to fetch');
        }) as unknown as typeof fetch,
        viaBackground: (url, accept, redirect) => fetchPageForReader(url, accept, {}, redirect),
      });
      const page = await loadPage(`${origin}/elsewhere`, { fetch: readerFetch, dom: createNodeDom(), timeoutMs: 5000 });
      expect(page).toMatchObject({ ok: false, code: 'off-site-redirect', reason: expect.stringMatching(/redirected to another site \(localhost\)/) });
      expect(stolen()).toEqual([]);
      expect(seen.length).toBeGreaterThan(0);
    });
  });
});
