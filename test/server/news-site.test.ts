import http from 'node:http';
import net from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCases, startNewsSite, TEST_CA_FILE, writeCase, type NewsSite } from './news-site';
import { createNodeFetch } from '../../src/cli/node-fetch';

/** A raw HTTP/1.1 exchange, so the request line is exactly what a proxy client would send. */
function rawRequest(port: number, requestLine: string, headers: Record<string, string> = {}): Promise<{ status: number; head: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      const lines = [requestLine, ...Object.entries({ connection: 'close', ...headers }).map(([k, v]) => `${k}: ${v}`), '', ''];
      socket.write(lines.join('\r\n'));
    });
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const head = all.subarray(0, split).toString('latin1');
      resolve({ status: Number(head.split(' ')[1]), head, body: all.subarray(split + 4) });
    });
  });
}

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

const GB2312_BYTES = Buffer.from([0xc4, 0xe3, 0xba, 0xc3]); // 你好 in GB2312

let root: string;
let caseA: string;
let caseB: string;
let site: NewsSite;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'ws-site-'));
  caseA = path.join(root, 'people-test');
  caseB = path.join(root, 'xinhua-test');
  const people = 'http://culture.people.com.cn/n1/2019/0615/c1013-31153719';
  writeCase(
    caseA,
    {
      start: `${people}-2.html`,
      pages: {
        [`${people}.html`]: { file: 'page-1.html' },
        [`${people}-2.html`]: { file: 'page-2.html', contentType: 'text/html; charset=utf-8' },
        [`${people}-3.html`]: { file: 'page-2.html', status: 503 },
        'http://culture.people.com.cn/doc.pdf': { file: 'doc.pdf' },
        'http://culture.people.com.cn/search?q=1&page=2': { file: 'page-2.html' },
      },
      expected: 'ignored by the server',
    },
    { 'page-1.html': Buffer.concat([Buffer.from('<meta charset=gb2312><p>'), GB2312_BYTES]), 'page-2.html': '<p>two</p>', 'doc.pdf': '%PDF-1.4' },
  );
  const xinhua = 'https://www.news.cn/20240101/abc/c.html';
  writeCase(caseB, { start: xinhua, pages: { [xinhua]: { file: 'c.html', contentType: 'text/html; charset=utf-8' }, 'https://www.news.cn/slow.html': { file: 'c.html', latencyMs: 300 } } }, { 'c.html': '<p>新华</p>' });
  site = await startNewsSite({ cases: [caseA, caseB] });
});

afterAll(async () => {
  await site.close();
  rmSync(root, { recursive: true, force: true });
});

describe('startNewsSite', () => {
  it('lists its cases', () => {
    expect(site.origin).toBe(`http://127.0.0.1:${site.port}`);
    expect(site.cases.map((c) => c.slug)).toEqual(['people-test', 'xinhua-test']);
    expect(site.cases[0]?.start).toBe('http://culture.people.com.cn/n1/2019/0615/c1013-31153719-2.html');
    expect(site.cases[0]?.urls).toHaveLength(5);
  });

  it('serves the raw bytes, with the listed or guessed content type, as a proxy', async () => {
    const res = await rawRequest(site.port, 'GET http://culture.people.com.cn/n1/2019/0615/c1013-31153719.html HTTP/1.1', {
      host: 'culture.people.com.cn',
    });
    expect(res.status).toBe(200);
    expect(res.head).toMatch(/content-type: text\/html\r\n/i);
    expect(res.body.subarray(-4).equals(GB2312_BYTES)).toBe(true);
    expect(site.requests.at(-1)).toBe('http://culture.people.com.cn/n1/2019/0615/c1013-31153719.html');
    expect(site.log.at(-1)).toMatchObject({ via: 'proxy', status: 200, method: 'GET' });
  });

  it('matches by Host header and path, as with --host-resolver-rules', async () => {
    const res = await get(`${site.origin}/n1/2019/0615/c1013-31153719-2.html`, { host: 'culture.people.com.cn' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body.toString()).toBe('<p>two</p>');
    expect(site.log.at(-1)).toMatchObject({ via: 'direct', url: 'http://culture.people.com.cn/n1/2019/0615/c1013-31153719-2.html' });
  });

  it('serves an https fixture to a plain-http request with the same host', async () => {
    const res = await get(`${site.origin}/20240101/abc/c.html`, { host: 'www.news.cn' });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('<p>新华</p>');
  });

  it('matches the query string exactly', async () => {
    expect((await get(`${site.origin}/search?q=1&page=2`, { host: 'culture.people.com.cn' })).status).toBe(200);
    expect((await get(`${site.origin}/search?q=1&page=3`, { host: 'culture.people.com.cn' })).status).toBe(404);
  });

  it('serves a unique path on 127.0.0.1 itself', async () => {
    expect((await get(`${site.origin}/doc.pdf`)).headers['content-type']).toBe('application/pdf');
  });

  it('answers the listed status', async () => {
    const res = await rawRequest(site.port, 'GET http://culture.people.com.cn/n1/2019/0615/c1013-31153719-3.html HTTP/1.1', {
      host: 'culture.people.com.cn',
    });
    expect(res.status).toBe(503);
    expect(res.body.toString()).toBe('<p>two</p>');
  });

  it('answers 404 for anything else and records it', async () => {
    const res = await rawRequest(site.port, 'GET http://culture.people.com.cn/nope.html HTTP/1.1', { host: 'culture.people.com.cn' });
    expect(res.status).toBe(404);
    expect(res.body.toString()).toContain('not in the loaded fixtures');
    expect(site.log.at(-1)).toMatchObject({ url: 'http://culture.people.com.cn/nope.html', status: 404 });
  });

  it('answers HEAD without a body', async () => {
    const res = await rawRequest(site.port, 'HEAD http://culture.people.com.cn/n1/2019/0615/c1013-31153719-2.html HTTP/1.1', {
      host: 'culture.people.com.cn',
    });
    expect(res.status).toBe(200);
    expect(res.head).toMatch(/content-length: 10/i);
    expect(res.body.length).toBe(0);
  });

  it('answers a page asked for as a document inside itself (an <iframe src="#">) with 204, and only that', async () => {
    const page = 'http://culture.people.com.cn/n1/2019/0615/c1013-31153719-2.html';
    const navigation = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    const framed = await rawRequest(site.port, `GET ${page} HTTP/1.1`, { host: 'culture.people.com.cn', accept: navigation, referer: page });
    expect(framed.status).toBe(204);
    expect(framed.body.length).toBe(0);
    expect(site.log.at(-1)).toMatchObject({ url: page, status: 204 });
    // A fetch of the page from itself, and a navigation to it from another page, get the page.
    const fetched = await rawRequest(site.port, `GET ${page} HTTP/1.1`, { host: 'culture.people.com.cn', accept: '*/*', referer: page });
    expect([fetched.status, fetched.body.toString()]).toEqual([200, '<p>two</p>']);
    const linked = await rawRequest(site.port, `GET ${page} HTTP/1.1`, { host: 'culture.people.com.cn', accept: navigation, referer: 'http://culture.people.com.cn/n1/2019/0615/c1013-31153719.html' });
    expect([linked.status, linked.body.toString()]).toEqual([200, '<p>two</p>']);
  });

  it('terminates CONNECT tunnels with the test certificate', async () => {
    const fetch = createNodeFetch({ proxy: site.origin, ca: readFileSync(TEST_CA_FILE) });
    try {
      const res = await fetch('https://www.news.cn/20240101/abc/c.html');
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('<p>新华</p>');
      expect(site.requests.slice(-2)).toEqual(['CONNECT www.news.cn:443', 'https://www.news.cn/20240101/abc/c.html']);
      expect(site.log.at(-1)?.via).toBe('tunnel');
    } finally {
      fetch.close();
    }
  });

  it('delays a page by its own latency', async () => {
    const started = Date.now();
    await get(`${site.origin}/slow.html`, { host: 'www.news.cn' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('applies a site-wide latency', async () => {
    const slow = await startNewsSite({ cases: [caseA], latencyMs: 200 });
    try {
      const started = Date.now();
      const res = await get(`${slow.origin}/n1/2019/0615/c1013-31153719-2.html`, { host: 'culture.people.com.cn' });
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(180);
    } finally {
      await slow.close();
    }
  });

  it('refuses two cases that disagree about a URL, and a missing file', async () => {
    const clash = path.join(root, 'clash');
    writeCase(clash, { start: 'http://culture.people.com.cn/doc.pdf', pages: { 'http://culture.people.com.cn/doc.pdf': { file: 'x.html' } } }, { 'x.html': 'different' });
    await expect(startNewsSite({ cases: [caseA, clash] })).rejects.toThrow(/defined differently by cases people-test and clash/);
    writeCase(clash, { start: 'http://a.test/', pages: { 'http://a.test/': { file: 'gone.html' } } });
    await expect(startNewsSite({ cases: [clash] })).rejects.toThrow(/missing file gone\.html/);
  });

  it("finds every case folder for 'all'", () => {
    const dirs = listCases(root);
    expect(dirs.map((d) => path.basename(d))).toEqual(expect.arrayContaining(['people-test', 'xinhua-test']));
  });
});
