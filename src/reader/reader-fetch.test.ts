import { describe, expect, it, vi } from 'vitest';
import { bytesToBase64 } from '../base64';
import { createReaderFetch } from './reader-fetch';

describe('createReaderFetch', () => {
  it("uses the page's own fetch when it works, without cookies", async () => {
    const pageFetch = vi.fn(async (_url: string, _init?: RequestInit) => new Response('<p>ok</p>', { headers: { 'content-type': 'text/html' } }));
    const viaBackground = vi.fn();
    const fetchLike = createReaderFetch({ fetch: pageFetch as unknown as typeof fetch, viaBackground });
    const res = await fetchLike('http://www.news.cn/a.htm', { headers: { Accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(pageFetch.mock.calls[0]![1]).toMatchObject({ credentials: 'omit', redirect: 'follow' });
    expect(viaBackground).not.toHaveBeenCalled();
  });

  it('falls back to the background when the page cannot fetch, bytes intact', async () => {
    const bytes = new Uint8Array([0xc4, 0xe3, 0xba, 0xc3]); // 你好 in GB2312
    const fetchLike = createReaderFetch({
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as unknown as typeof fetch,
      viaBackground: async () => ({ ok: true, status: 503, statusText: 'Service Unavailable', url: 'http://www.news.cn/b.htm', contentType: 'text/html; charset=gb2312', contentLength: '4', bodyBase64: bytesToBase64(bytes) }),
    });
    const res = await fetchLike('http://www.news.cn/a.htm');
    expect(res.ok).toBe(false);
    expect(res.status).toBe(503);
    expect(res.url).toBe('http://www.news.cn/b.htm');
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=gb2312');
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([...bytes]);
  });

  it('reports the background failure as a network error, and does not retry after an abort', async () => {
    const failing = createReaderFetch({
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as unknown as typeof fetch,
      viaBackground: async () => ({ ok: false, error: 'net::ERR_NAME_NOT_RESOLVED' }),
    });
    await expect(failing('http://www.news.cn/a.htm')).rejects.toThrow('net::ERR_NAME_NOT_RESOLVED');
    const controller = new AbortController();
    controller.abort();
    const viaBackground = vi.fn();
    const aborted = createReaderFetch({
      fetch: (async () => {
        throw new DOMException('aborted', 'AbortError');
      }) as unknown as typeof fetch,
      viaBackground,
    });
    await expect(aborted('http://www.news.cn/a.htm', { signal: controller.signal })).rejects.toThrow('aborted');
    expect(viaBackground).not.toHaveBeenCalled();
  });
});
