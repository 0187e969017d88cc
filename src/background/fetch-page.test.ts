import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64ToBytes } from '../base64';
import { fetchPageForReader } from './fetch-page';

// A real local server: a page, a body that never ends, and one that trickles forever.
let server: http.Server;
let origin: string;
const sockets = new Set<net.Socket>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/page') {
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
    expect(got).toEqual({ ok: false, error: 'too large (over 1048576 bytes)' });
  });

  it('gives up on a server that never finishes, within its time limit', async () => {
    const started = Date.now();
    const got = await fetchPageForReader(`${origin}/trickle`, undefined, { timeoutMs: 500 });
    expect(got).toEqual({ ok: false, error: 'no answer within 0.5 s' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses what is not http(s)', async () => {
    expect(await fetchPageForReader('file:///etc/passwd')).toEqual({ ok: false, error: 'not an http(s) URL' });
  });
});
