import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import zlib from 'node:zlib';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFirstFetch, createNodeFetch, DESKTOP_USER_AGENT, FetchError, proxyFromEnv, checkProxyUrl, type NodeFetchOptions } from './node-fetch';
import type { FetchLike } from '../pipeline/types';
import { startNewsSite, TEST_CA_FILE, type NewsSite } from '../../test/server/news-site';

const TLS_DIR = path.join(path.dirname(TEST_CA_FILE));

const text = (buf: ArrayBuffer): string => Buffer.from(buf).toString('utf8');

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
}

function closeServer(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A free port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const s = http.createServer();
  const port = await listen(s);
  await closeServer(s);
  return port;
}

const BIG = 'x'.repeat(5000);

/** Paths answered with a Content-Encoding and the body so encoded (or not, where it lies). */
const ENCODED: Record<string, [encoding: string, body: Buffer | string]> = {
  '/gzip': ['gzip', zlib.gzipSync('gzipped 文字')],
  '/deflate': ['deflate', zlib.deflateSync('deflated')],
  '/raw-deflate': ['deflate', zlib.deflateRawSync('raw deflated')],
  '/br': ['br', zlib.brotliCompressSync('brotli')],
  '/compress': ['compress', '\x1f\x9d not decodable here'],
  '/bad-gzip': ['gzip', 'this is not gzip'],
  '/bomb': ['gzip', zlib.gzipSync(Buffer.alloc(100_000))],
};

let origin = '';
let originPort = 0;
const seen: Array<{ url: string; headers: http.IncomingHttpHeaders }> = [];
const server = http.createServer((req, res) => {
  seen.push({ url: req.url ?? '', headers: req.headers });
  const u = new URL(req.url ?? '/', 'http://x');
  const encoded = ENCODED[u.pathname];
  if (encoded) {
    res.writeHead(200, { 'content-encoding': encoded[0] });
    res.end(encoded[1]);
    return;
  }
  switch (u.pathname) {
    case '/hello':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-multi': ['a', 'b'] });
      res.end('<p>你好 hello</p>');
      return;
    case '/ua':
      res.end(req.headers['user-agent'] ?? '');
      return;
    case '/missing':
      res.writeHead(404, 'Not Found', { 'content-type': 'text/html' });
      res.end('nope');
      return;
    case '/redirect': {
      const n = Number(u.searchParams.get('n') ?? 0);
      res.writeHead(302, { location: n > 0 ? `/redirect?n=${n - 1}` : '/hello' });
      res.end();
      return;
    }
    case '/big':
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': BIG.length });
      res.end(BIG);
      return;
    case '/big-chunked':
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write(BIG.slice(0, 2500));
      setTimeout(() => res.end(BIG.slice(2500)), 10);
      return;
    case '/slow':
      setTimeout(() => res.end('late'), 2000).unref();
      return;
    case '/slow-body':
      res.writeHead(200);
      res.write('start');
      setTimeout(() => res.end('end'), 2000).unref();
      return;
    case '/cut':
      res.writeHead(200, { 'content-length': 100 });
      res.write('only part');
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    default:
      res.writeHead(404);
      res.end();
  }
});

/** A tiny forward proxy: absolute-URI GETs go to the origin server whatever the host; CONNECT is refused. */
const proxyLog: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders }> = [];
const proxy = http.createServer((req, res) => {
  proxyLog.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
  const target = new URL(req.url ?? '');
  const upstream = http.request(
    { host: '127.0.0.1', port: originPort, path: target.pathname + target.search, headers: req.headers },
    (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    },
  );
  upstream.on('error', () => res.destroy());
  upstream.end();
});
proxy.on('connect', (req: http.IncomingMessage, socket: net.Socket) => {
  proxyLog.push({ method: 'CONNECT', url: req.url ?? '', headers: req.headers });
  socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
});
let proxyUrl = '';

beforeAll(async () => {
  originPort = await listen(server);
  origin = `http://127.0.0.1:${originPort}`;
  proxyUrl = `http://127.0.0.1:${await listen(proxy)}`;
});
afterAll(async () => {
  await closeServer(server);
  await closeServer(proxy);
});

describe('createNodeFetch, direct', () => {
  const fetch = createNodeFetch({ proxy: null });
  afterAll(() => fetch.close());

  it('returns status, headers and the raw body', async () => {
    const res = await fetch(`${origin}/hello`);
    expect(res.ok).toBe(true);
    expect(res.status).toBe(200);
    expect(res.statusText).toBe('OK');
    expect(res.url).toBe(`${origin}/hello`);
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-multi')).toBe('a, b');
    expect(res.headers.get('x-absent')).toBeNull();
    expect(text(await res.arrayBuffer())).toBe('<p>你好 hello</p>');
  });

  it('sends a desktop browser User-Agent and accepts compression', async () => {
    const res = await fetch(`${origin}/ua`);
    expect(text(await res.arrayBuffer())).toBe(DESKTOP_USER_AGENT);
    expect(DESKTOP_USER_AGENT).toMatch(/Windows NT.*Chrome/);
    expect(seen.at(-1)?.headers['accept-encoding']).toMatch(/gzip.*deflate.*br/);
  });

  it('lets the caller add headers', async () => {
    await (await fetch(`${origin}/ua`, { headers: { 'X-Test': '1' } })).arrayBuffer();
    expect(seen.at(-1)?.headers['x-test']).toBe('1');
  });

  it('resolves non-2xx responses with ok false', async () => {
    const res = await fetch(`${origin}/missing`);
    expect(res.ok).toBe(false);
    expect(res.status).toBe(404);
    expect(res.statusText).toBe('Not Found');
  });

  it('follows redirects and reports the final URL', async () => {
    const res = await fetch(`${origin}/redirect?n=4`);
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${origin}/hello`);
    expect(text(await res.arrayBuffer())).toContain('hello');
  });

  it('gives up after 5 redirects', async () => {
    await expect(fetch(`${origin}/redirect?n=5`)).rejects.toThrow(/too many redirects/);
  });

  it.each([
    ['/gzip', 'gzipped 文字'],
    ['/deflate', 'deflated'],
    ['/raw-deflate', 'raw deflated'],
    ['/br', 'brotli'],
  ])('decodes %s', async (p, expected) => {
    const res = await fetch(`${origin}${p}`);
    expect(text(await res.arrayBuffer())).toBe(expected);
  });

  it('reports a corrupt compressed body', async () => {
    const res = await fetch(`${origin}/bad-gzip`);
    await expect(res.arrayBuffer()).rejects.toMatchObject({ code: 'bad-encoding' });
  });

  it('refuses a content encoding it cannot decode instead of passing the bytes on', async () => {
    const res = await fetch(`${origin}/compress`);
    await expect(res.arrayBuffer()).rejects.toMatchObject({ code: 'bad-encoding', message: expect.stringMatching(/unsupported content encoding "compress"/) });
  });

  it('refuses a body over the limit, declared or not, compressed or not', async () => {
    const small = createNodeFetch({ proxy: null, maxBytes: 4000 });
    try {
      for (const p of ['/big', '/big-chunked', '/bomb']) {
        const res = await small(`${origin}${p}`);
        const error = await res.arrayBuffer().then(
          () => null,
          (e: unknown) => e,
        );
        expect(error, p).toBeInstanceOf(FetchError);
        expect((error as FetchError).code).toBe('too-large');
        expect((error as FetchError).message).toMatch(/too large/);
      }
    } finally {
      small.close();
    }
  });

  it('accepts a body at the default limit', async () => {
    const res = await fetch(`${origin}/big`);
    expect((await res.arrayBuffer()).byteLength).toBe(BIG.length);
  });

  it('rejects with the signal reason when aborted before the headers', async () => {
    const started = Date.now();
    const error = await fetch(`${origin}/slow`, { signal: AbortSignal.timeout(100) }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('TimeoutError');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('rejects with the signal reason when aborted while reading the body', async () => {
    const controller = new AbortController();
    const res = await fetch(`${origin}/slow-body`, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop')), 50);
    await expect(res.arrayBuffer()).rejects.toThrow('stop');
  });

  it('rejects at once with an already aborted signal', async () => {
    await expect(fetch(`${origin}/hello`, { signal: AbortSignal.abort(new Error('early')) })).rejects.toThrow('early');
  });

  it('reports a body cut short', async () => {
    const res = await fetch(`${origin}/cut`);
    await expect(res.arrayBuffer()).rejects.toMatchObject({ code: 'network' });
  });

  it('names an unreachable host', async () => {
    const port = await closedPort();
    const error = await fetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).code).toBe('unreachable');
    expect((error as FetchError).message).toBe(`could not connect to 127.0.0.1:${port} (ECONNREFUSED)`);
  });

  it('names a host that does not resolve', async () => {
    const error = await fetch('http://no-such-host.invalid/').catch((e: unknown) => e);
    expect((error as FetchError).code).toBe('dns');
    expect((error as FetchError).message).toMatch(/^host not found: no-such-host\.invalid/);
  });

  it('refuses other schemes', async () => {
    await expect(fetch('file:///etc/passwd')).rejects.toMatchObject({ code: 'bad-url' });
    await expect(fetch('not a url')).rejects.toMatchObject({ code: 'bad-url' });
  });
});

describe("createFirstFetch: the first request on Node's own client", () => {
  const undici = createNodeFetch({ proxy: null });
  afterAll(() => undici.close());
  /** The requests the fallback (undici) was asked to make. */
  let fellBack: string[] = [];
  const fallback = (): FetchLike => (url, init) => (fellBack.push(url), undici(url, init));
  /** The first request for `url`, as withFirstRequest sends it (redirect: 'manual'). */
  const first = (url: string, init: { signal?: AbortSignal; headers?: Record<string, string> } = {}, options: NodeFetchOptions = { proxy: null }) => {
    fellBack = [];
    const fetch = createFirstFetch(url, options, fallback);
    if (!fetch) throw new Error('no first fetch');
    return fetch(url, { ...init, redirect: 'manual' });
  };

  it('answers as undici does (status, headers, body) and sends the same headers', async () => {
    const res = await first(`${origin}/hello`, { headers: { 'X-Test': '1' } });
    expect([res.ok, res.status, res.statusText, res.url]).toEqual([true, 200, 'OK', `${origin}/hello`]);
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-multi')).toBe('a, b');
    expect(res.headers.get('x-absent')).toBeNull();
    expect(text(await res.arrayBuffer())).toBe('<p>你好 hello</p>');
    const sent = seen.at(-1)!.headers;
    expect(sent['user-agent']).toBe(DESKTOP_USER_AGENT);
    expect(sent['accept-encoding']).toMatch(/gzip.*deflate.*br/);
    expect(sent['x-test']).toBe('1');
    expect(fellBack).toEqual([]);
  });

  it('hands a redirect back as it is (the pipeline follows it itself)', async () => {
    const res = await first(`${origin}/redirect?n=1`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/redirect?n=0');
    expect(fellBack).toEqual([]);
  });

  it.each([
    ['/gzip', 'gzipped 文字', false],
    ['/br', 'brotli', false],
    ['/deflate', 'deflated', true],
    ['/raw-deflate', 'raw deflated', true],
  ])('decodes %s (or asks undici again)', async (p, expected, again) => {
    const res = await first(`${origin}${p}`);
    expect(text(await res.arrayBuffer())).toBe(expected);
    expect(fellBack).toEqual(again ? [`${origin}${p}`] : []);
  });

  it('fails a body as undici does: corrupt, unknown coding, too large, cut short', async () => {
    await expect((await first(`${origin}/bad-gzip`)).arrayBuffer()).rejects.toMatchObject({ code: 'bad-encoding' });
    await expect((await first(`${origin}/compress`)).arrayBuffer()).rejects.toMatchObject({ code: 'bad-encoding', message: expect.stringMatching(/unsupported content encoding "compress"/) });
    for (const p of ['/big', '/big-chunked', '/bomb']) {
      const res = await first(`${origin}${p}`, {}, { proxy: null, maxBytes: 4000 });
      await expect(res.arrayBuffer(), p).rejects.toMatchObject({ code: 'too-large', message: expect.stringMatching(/too large/) });
    }
    expect((await (await first(`${origin}/big`)).arrayBuffer()).byteLength).toBe(BIG.length);
    await expect((await first(`${origin}/cut`)).arrayBuffer()).rejects.toMatchObject({ code: 'network', message: expect.stringMatching(/connection closed before the whole response arrived/) });
  });

  it('stops with the signal, before the headers, in the body, or at once', async () => {
    expect(((await first(`${origin}/slow`, { signal: AbortSignal.timeout(100) }).catch((e: unknown) => e)) as Error).name).toBe('TimeoutError');
    const controller = new AbortController();
    const res = await first(`${origin}/slow-body`, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop')), 50);
    await expect(res.arrayBuffer()).rejects.toThrow('stop');
    await expect(first(`${origin}/hello`, { signal: AbortSignal.abort(new Error('early')) })).rejects.toThrow('early');
    expect(fellBack).toEqual([]);
  });

  it("leaves a failed connection to undici, so the failure reads as undici's", async () => {
    const port = await closedPort();
    const error = await first(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).message).toBe(`could not connect to 127.0.0.1:${port} (ECONNREFUSED)`);
    expect(fellBack).toEqual([`http://127.0.0.1:${port}/`]);
  });

  it('asks a proxy as undici does: absolute URI, the site as Host, the credentials', async () => {
    for (const options of [{ proxy: proxyUrl.replace('http://', 'http://me:s%40cret@') }, { env: { HTTP_PROXY: proxyUrl } }]) {
      const before = proxyLog.length;
      const res = await first('http://culture.people.com.cn/hello?x=1#frag', {}, options);
      expect([res.status, res.url]).toEqual([200, 'http://culture.people.com.cn/hello?x=1#frag']);
      expect(text(await res.arrayBuffer())).toBe('<p>你好 hello</p>');
      expect(proxyLog.length).toBe(before + 1);
      const sent = proxyLog.at(-1)!;
      expect([sent.method, sent.url, sent.headers.host]).toEqual(['GET', 'http://culture.people.com.cn/hello?x=1', 'culture.people.com.cn']);
      expect(sent.headers['user-agent']).toBe(DESKTOP_USER_AGENT);
      expect(sent.headers['proxy-authorization']).toBe(options.proxy ? `Basic ${Buffer.from('me:s@cret').toString('base64')}` : undefined);
      expect(fellBack).toEqual([]);
    }
    // A proxy that is down: undici asks again and says so, as without the first request.
    const down = { proxy: `http://127.0.0.1:${await closedPort()}` };
    const viaDown = createNodeFetch(down);
    try {
      const asked: string[] = [];
      const fetch = createFirstFetch('http://news.example.test/', down, () => (url, init) => (asked.push(url), viaDown(url, init)))!;
      const error = await fetch('http://news.example.test/', { redirect: 'manual' }).catch((e: unknown) => e);
      expect((error as FetchError).message).toBe(`could not connect to proxy ${down.proxy} (ECONNREFUSED)`);
      expect(asked).toEqual(['http://news.example.test/']);
    } finally {
      viaDown.close();
    }
  });

  it('is not used with a proxy URL it cannot read, for a URL with credentials, or for another URL or request', async () => {
    expect(createFirstFetch(`${origin}/hello`, { proxy: 'socks5://127.0.0.1:1080' }, fallback)).toBeNull();
    // Loopback never goes through the environment's proxy (proxyFromEnv); an empty --proxy is none.
    expect(createFirstFetch(`${origin}/hello`, { env: { HTTP_PROXY: proxyUrl } }, fallback)).not.toBeNull();
    expect(createFirstFetch(`${origin}/hello`, { proxy: '', env: { HTTP_PROXY: proxyUrl } }, fallback)).not.toBeNull();
    expect(createFirstFetch('file:///etc/passwd', { proxy: null }, fallback)).toBeNull();
    expect(createFirstFetch('not a url', { proxy: null }, fallback)).toBeNull();
    expect(createFirstFetch(origin.replace('http://', 'http://user:secret@'), { proxy: null }, fallback)).toBeNull();
    fellBack = [];
    const fetch = createFirstFetch(`${origin}/hello`, { proxy: null }, fallback)!;
    await (await fetch(`${origin}/ua`, { redirect: 'manual' })).arrayBuffer();
    await (await fetch(`${origin}/hello`)).arrayBuffer();
    expect(fellBack).toEqual([`${origin}/ua`, `${origin}/hello`]);
  });

  it("leaves https to undici, whose connection the other pages' requests then share", () => {
    expect(createFirstFetch('https://www.news.cn/a.html', { proxy: null }, fallback)).toBeNull();
  });
});

describe('createNodeFetch over HTTP/2', () => {
  it('speaks HTTP/2 to a site that offers it, and sends parallel requests over one connection', async () => {
    let sessions = 0;
    const held: Array<() => void> = [];
    const versions: string[] = [];
    const site = http2.createSecureServer(
      { key: readFileSync(path.join(TLS_DIR, 'key.pem')), cert: readFileSync(path.join(TLS_DIR, 'cert.pem')), allowHTTP1: true },
      (req, res) => {
        versions.push(req.httpVersion);
        const answer = () => res.end(`page ${req.url}`);
        if (req.url === '/first') return answer();
        // The six others wait until all six are in: none is answered before the last is sent.
        held.push(answer);
        if (held.length === 6) for (const go of held.splice(0)) go();
      },
    );
    site.on('session', () => sessions++);
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const fetch = createNodeFetch({ proxy: null, ca: readFileSync(TEST_CA_FILE) });
    try {
      const base = `https://127.0.0.1:${(site.address() as net.AddressInfo).port}`;
      expect(text(await (await fetch(`${base}/first`)).arrayBuffer())).toBe('page /first');
      const bodies = await Promise.all([1, 2, 3, 4, 5, 6].map(async (n) => text(await (await fetch(`${base}/p${n}`)).arrayBuffer())));
      expect(bodies).toEqual([1, 2, 3, 4, 5, 6].map((n) => `page /p${n}`));
      expect(versions).toEqual(Array(7).fill('2.0'));
      expect(sessions).toBe(1);
    } finally {
      fetch.close();
      site.close();
    }
  });
});

describe('createNodeFetch through a proxy', () => {
  it('sends absolute-URI request lines for http targets', async () => {
    const fetch = createNodeFetch({ proxy: proxyUrl });
    try {
      const res = await fetch('http://culture.people.com.cn/hello?x=1#frag');
      expect(res.status).toBe(200);
      expect(res.url).toBe('http://culture.people.com.cn/hello?x=1#frag');
      expect(text(await res.arrayBuffer())).toContain('你好');
      const last = proxyLog.at(-1);
      expect(last?.url).toBe('http://culture.people.com.cn/hello?x=1');
      expect(last?.headers.host).toBe('culture.people.com.cn');
      expect(last?.headers['proxy-authorization']).toBeUndefined();
    } finally {
      fetch.close();
    }
  });

  it('follows redirects through the proxy', async () => {
    const fetch = createNodeFetch({ proxy: proxyUrl });
    try {
      const res = await fetch('http://news.example.test/redirect?n=1');
      expect(res.url).toBe('http://news.example.test/hello');
    } finally {
      fetch.close();
    }
  });

  it('sends proxy credentials', async () => {
    const fetch = createNodeFetch({ proxy: proxyUrl.replace('http://', 'http://me:s%40cret@') });
    try {
      await (await fetch('http://news.example.test/hello')).arrayBuffer();
      const expected = `Basic ${Buffer.from('me:s@cret').toString('base64')}`;
      expect(proxyLog.at(-1)?.headers['proxy-authorization']).toBe(expected);
    } finally {
      fetch.close();
    }
  });

  it('reports a refused CONNECT', async () => {
    const fetch = createNodeFetch({ proxy: proxyUrl });
    try {
      const error = await fetch('https://www.news.cn/x').catch((e: unknown) => e);
      expect((error as FetchError).code).toBe('proxy');
      expect((error as FetchError).message).toMatch(/refused the tunnel to www\.news\.cn:443: HTTP 403/);
      expect(proxyLog.at(-1)).toMatchObject({ method: 'CONNECT', url: 'www.news.cn:443' });
    } finally {
      fetch.close();
    }
  });

  it('reports a proxy that is down', async () => {
    const port = await closedPort();
    const fetch = createNodeFetch({ proxy: `http://127.0.0.1:${port}` });
    try {
      const error = await fetch('http://news.example.test/').catch((e: unknown) => e);
      expect((error as FetchError).code).toBe('proxy');
      expect((error as FetchError).message).toBe(`could not connect to proxy http://127.0.0.1:${port} (ECONNREFUSED)`);
    } finally {
      fetch.close();
    }
  });

  it('takes HTTP_PROXY from the environment, but not for loopback', async () => {
    const fetch = createNodeFetch({ env: { HTTP_PROXY: proxyUrl } });
    try {
      const before = proxyLog.length;
      await (await fetch('http://news.example.test/hello')).arrayBuffer();
      expect(proxyLog.length).toBe(before + 1);
      await (await fetch(`${origin}/hello`)).arrayBuffer();
      expect(proxyLog.length).toBe(before + 1);
    } finally {
      fetch.close();
    }
  });

  it('ignores the environment when told to use no proxy', async () => {
    const fetch = createNodeFetch({ proxy: '', env: { HTTP_PROXY: 'http://127.0.0.1:1' } });
    try {
      expect((await fetch(`${origin}/hello`)).status).toBe(200);
    } finally {
      fetch.close();
    }
  });

  describe('https through CONNECT and TLS', () => {
    let site: NewsSite;
    let dir: string;
    beforeAll(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'ws-fetch-'));
      writeFileSync(path.join(dir, 'a.html'), '<title>安全</title>');
      writeFileSync(
        path.join(dir, 'case.json'),
        JSON.stringify({
          start: 'https://www.news.cn/20240101/abc/c.html',
          pages: {
            'https://www.news.cn/20240101/abc/c.html': { file: 'a.html', contentType: 'text/html; charset=utf-8' },
            'https://www.news.cn/old': { file: 'a.html', status: 301, location: '/20240101/abc/c.html' },
          },
        }),
      );
      site = await startNewsSite({ cases: [dir] });
    });
    afterAll(async () => {
      await site.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('tunnels, verifies the certificate and follows a redirect', async () => {
      const fetch = createNodeFetch({ proxy: site.origin, ca: readFileSync(TEST_CA_FILE) });
      try {
        const res = await fetch('https://www.news.cn/old');
        expect(res.status).toBe(200);
        expect(res.url).toBe('https://www.news.cn/20240101/abc/c.html');
        expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(text(await res.arrayBuffer())).toBe('<title>安全</title>');
        expect(site.requests).toContain('CONNECT www.news.cn:443');
        expect(site.log.some((r) => r.via === 'tunnel' && r.url === 'https://www.news.cn/20240101/abc/c.html')).toBe(true);
      } finally {
        fetch.close();
      }
    });

    it('refuses a certificate it does not trust', async () => {
      const fetch = createNodeFetch({ proxy: site.origin });
      try {
        const error = await fetch('https://www.news.cn/old').catch((e: unknown) => e);
        expect((error as FetchError).code).toBe('tls');
      } finally {
        fetch.close();
      }
    });
  });
});

describe('proxyFromEnv', () => {
  const P = 'http://proxy.local:3128';
  it('picks the variable for the scheme, lower case first', () => {
    expect(proxyFromEnv(new URL('http://a.com/'), { HTTP_PROXY: P })).toBe(P);
    expect(proxyFromEnv(new URL('http://a.com/'), { http_proxy: 'http://lower:1', HTTP_PROXY: P })).toBe('http://lower:1');
    expect(proxyFromEnv(new URL('https://a.com/'), { HTTP_PROXY: P })).toBeNull();
    expect(proxyFromEnv(new URL('https://a.com/'), { HTTPS_PROXY: P })).toBe(P);
    expect(proxyFromEnv(new URL('http://a.com/'), {})).toBeNull();
  });
  it('never proxies loopback', () => {
    for (const u of ['http://localhost:8080/', 'http://127.0.0.1/', 'http://[::1]:3000/', 'http://app.localhost/']) {
      expect(proxyFromEnv(new URL(u), { HTTP_PROXY: P }), u).toBeNull();
    }
  });
  it('honours NO_PROXY', () => {
    const env = { HTTP_PROXY: P, NO_PROXY: 'people.com.cn, .news.cn,example.org:8080,10.0.0.1' };
    expect(proxyFromEnv(new URL('http://people.com.cn/'), env)).toBeNull();
    expect(proxyFromEnv(new URL('http://culture.people.com.cn/'), env)).toBeNull();
    expect(proxyFromEnv(new URL('http://www.news.cn/'), env)).toBeNull();
    expect(proxyFromEnv(new URL('http://notpeople.com.cn/'), env)).toBe(P);
    expect(proxyFromEnv(new URL('http://example.org:8080/'), env)).toBeNull();
    expect(proxyFromEnv(new URL('http://example.org/'), env)).toBe(P);
    expect(proxyFromEnv(new URL('http://10.0.0.1/'), env)).toBeNull();
    expect(proxyFromEnv(new URL('http://a.com/'), { HTTP_PROXY: P, no_proxy: '*' })).toBeNull();
  });
});

describe('checkProxyUrl', () => {
  it('accepts http proxies and names the problem otherwise', () => {
    expect(checkProxyUrl('http://127.0.0.1:8080')).toBeNull();
    expect(checkProxyUrl('127.0.0.1:8080')).toBeNull();
    expect(checkProxyUrl('socks5://127.0.0.1:1080')).toMatch(/only http:\/\/ proxies/);
    expect(checkProxyUrl('http://')).toMatch(/invalid proxy URL/);
  });
});
