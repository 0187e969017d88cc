import { describe, expect, it } from 'vitest';
import type { FetchLike, ResponseLike } from '../pipeline/types';
import { withFirstRequest } from './first-request';

interface Call {
  url: string;
  init: Parameters<FetchLike>[1];
  resolve(response: ResponseLike): void;
}

/** A fetch that records each call and answers when the test says. */
function recordingFetch(): { fetch: FetchLike; calls: Call[] } {
  const calls: Call[] = [];
  const fetch: FetchLike = (url, init) =>
    new Promise<ResponseLike>((resolve, reject) => {
      calls.push({ url, init, resolve });
      init?.signal?.addEventListener('abort', () => reject(init.signal!.reason), { once: true });
    });
  return { fetch, calls };
}

const response = (url: string): ResponseLike => ({ ok: true, status: 200, url, headers: new Headers(), arrayBuffer: async () => new ArrayBuffer(0) });
const URL1 = 'http://culture.people.com.cn/n1/2019/0615/c1013-31153719.html';

describe('withFirstRequest', () => {
  it('sends the page request at once, as the pipeline would, and hands it to the first matching request only', async () => {
    const { fetch, calls } = recordingFetch();
    const first = withFirstRequest(fetch, URL1);
    expect(calls.map((c) => [c.url, c.init?.redirect, c.init?.headers?.Accept])).toEqual([[URL1, 'manual', expect.stringContaining('text/html')]]);
    const claimed = first.fetch(URL1, { redirect: 'manual', signal: new AbortController().signal });
    expect(calls).toHaveLength(1);
    calls[0]!.resolve(response(URL1));
    expect((await claimed).url).toBe(URL1);
    // A second request for the same page (a retry) and other pages go out as asked.
    void first.fetch(URL1, { redirect: 'manual' });
    void first.fetch(`${URL1}?2`, { redirect: 'follow' });
    expect(calls.map((c) => c.url)).toEqual([URL1, URL1, `${URL1}?2`]);
    first.done();
  });

  it('passes other requests through and leaves the early one for its page', () => {
    const { fetch, calls } = recordingFetch();
    const first = withFirstRequest(fetch, URL1);
    void first.fetch('http://culture.people.com.cn/other.html', { redirect: 'manual' });
    void first.fetch(URL1, { redirect: 'follow' });
    expect(calls.map((c) => [c.url, c.init?.redirect])).toEqual([
      [URL1, 'manual'],
      ['http://culture.people.com.cn/other.html', 'manual'],
      [URL1, 'follow'],
    ]);
    first.done();
  });

  it("aborts the early request with the claiming request's signal (a page timeout)", async () => {
    const { fetch, calls } = recordingFetch();
    const first = withFirstRequest(fetch, URL1);
    const timeout = new AbortController();
    const claimed = first.fetch(URL1, { redirect: 'manual', signal: timeout.signal });
    timeout.abort(new Error('timed out'));
    await expect(claimed).rejects.toThrow('timed out');
    expect(calls[0]!.init?.signal?.aborted).toBe(true);
    first.done();
  });

  it('aborts with the command (Ctrl-C), and when the read never asked for the page', async () => {
    const { fetch, calls } = recordingFetch();
    const interrupt = new AbortController();
    withFirstRequest(fetch, URL1, interrupt.signal);
    interrupt.abort(new Error('interrupted'));
    expect(calls[0]!.init?.signal?.aborted).toBe(true);

    const unused = withFirstRequest(fetch, URL1);
    unused.done();
    expect(calls[1]!.init?.signal?.aborted).toBe(true);
  });

  it('keeps a failure of the early request for whoever claims it (no unhandled rejection)', async () => {
    const failing: FetchLike = () => Promise.reject(new Error('could not connect'));
    const first = withFirstRequest(failing, URL1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await expect(first.fetch(URL1, { redirect: 'manual' })).rejects.toThrow('could not connect');
    first.done();
  });
});

describe('withFirstRequest with the pages the first one names', () => {
  const streamed = (url: string, text: string): ResponseLike => {
    const bytes = new TextEncoder().encode(text);
    return {
      ok: true,
      status: 200,
      url,
      headers: new Headers({ 'content-type': 'text/html; charset=utf-8' }),
      body: new ReadableStream({ start: (c) => (c.enqueue(bytes), c.close()) }),
      arrayBuffer: async () => bytes.buffer,
    };
  };
  const URL2 = URL1.replace('.html', '-2.html');
  const URL3 = URL1.replace('.html', '-3.html');

  it('requests them once the first page arrives, hands each to its first request, and the first page its whole body', async () => {
    const { fetch, calls } = recordingFetch();
    const seen: string[] = [];
    const first = withFirstRequest(fetch, URL1, undefined, (bytes) => {
      seen.push(new TextDecoder().decode(bytes));
      return [URL2, URL3];
    });
    const page = first.fetch(URL1, { redirect: 'manual' });
    calls[0]!.resolve(streamed(URL1, '<p>page one</p>'));
    const response = await page;
    expect(new TextDecoder().decode(await response.arrayBuffer())).toBe('<p>page one</p>');
    await first.scanning();
    expect(seen).toEqual(['<p>page one</p>']);
    expect(calls.map((c) => [c.url, c.init?.redirect])).toEqual([
      [URL1, 'manual'],
      [URL2, 'manual'],
      [URL3, 'manual'],
    ]);
    const second = first.fetch(URL2, { redirect: 'manual' });
    calls[1]!.resolve(response);
    expect(await second).toBe(response);
    // Page 3 was never asked for: cancelled at the end.
    first.done();
    expect(calls[2]!.init?.signal?.aborted).toBe(true);
    expect(calls[1]!.init?.signal?.aborted).toBe(false);
  });

  it("ends the read's copy of the page only once the pages it names are requested (before the read parses it)", async () => {
    const { fetch, calls } = recordingFetch();
    let named!: (pages: string[]) => void;
    const first = withFirstRequest(fetch, URL1, undefined, () => new Promise<string[]>((resolve) => (named = resolve)));
    const page = first.fetch(URL1, { redirect: 'manual' });
    calls[0]!.resolve(streamed(URL1, '<p>page one</p>'));
    let requestedWhenRead: string[] | null = null;
    const read = (await page).arrayBuffer().then((body) => ((requestedWhenRead = calls.map((c) => c.url)), body));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The scan has not answered yet: the read is still waiting for the page's end.
    expect(requestedWhenRead).toBeNull();
    named([URL2, URL3]);
    expect(new TextDecoder().decode(await read)).toBe('<p>page one</p>');
    expect(requestedWhenRead).toEqual([URL1, URL2, URL3]);
    first.done();
  });

  it("ends the read's copy when the scan fails, with the page whole", async () => {
    const { fetch, calls } = recordingFetch();
    const first = withFirstRequest(fetch, URL1, undefined, () => Promise.reject(new Error('scan broke')));
    const page = first.fetch(URL1, { redirect: 'manual' });
    calls[0]!.resolve(streamed(URL1, '<p>page one</p>'));
    expect(new TextDecoder().decode(await (await page).arrayBuffer())).toBe('<p>page one</p>');
    expect(calls).toHaveLength(1);
    first.done();
  });

  it('scans nothing of a page that did not load (a redirect, an error status)', async () => {
    const { fetch, calls } = recordingFetch();
    let scanned = 0;
    const first = withFirstRequest(fetch, URL1, undefined, () => (scanned++, [URL2]));
    const page = first.fetch(URL1, { redirect: 'manual' });
    calls[0]!.resolve({ ...streamed(URL1, ''), ok: false, status: 302 });
    expect((await page).status).toBe(302);
    expect(first.scanning()).toBeNull();
    expect(scanned).toBe(0);
    expect(calls).toHaveLength(1);
    first.done();
  });
});
