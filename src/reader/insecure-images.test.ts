import { JSDOM } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import type { FetchLike, ResponseLike } from '../pipeline/types';
import { holdHttpImages, loadHttpImages, upgradesHttpImages } from './insecure-images';
import { withOriginalImages } from './saved-images';

function response(status: number, type = 'image/png'): ResponseLike {
  return { ok: status >= 200 && status < 300, status, statusText: '', url: '', headers: { get: (n) => (n === 'content-type' ? type : null) }, arrayBuffer: async () => new ArrayBuffer(4) };
}

describe('http: photos in Firefox', () => {
  it('only moz-extension pages are treated as upgrading', () => {
    expect(upgradesHttpImages({ location: { protocol: 'moz-extension:' } } as Window)).toBe(true);
    expect(upgradesHttpImages({ location: { protocol: 'chrome-extension:' } } as Window)).toBe(false);
  });

  it('holds http: images (no src while inert), fetches them with the given fetch, shows blob: URLs; a failed one is hidden; copies get the originals', async () => {
    const { document } = new JSDOM('<body><div id="b"><img src="http://a.cn/1.png"><img src="https://a.cn/2.png"><img src="http://a.cn/3.png"></div></body>').window;
    const body = document.getElementById('b') as HTMLElement;
    const held = holdHttpImages(body);
    expect(held.map((i) => i.getAttribute('data-saved-src'))).toEqual(['http://a.cn/1.png', 'http://a.cn/3.png']);
    expect(held.every((i) => !i.hasAttribute('src'))).toBe(true);
    const fetch = vi.fn<FetchLike>(async (url) => response(url.endsWith('3.png') ? 404 : 200));
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:moz-extension://x/1');
    const urls = await loadHttpImages(held, fetch);
    createObjectURL.mockRestore();
    expect(fetch.mock.calls.map((c) => c[0])).toEqual(['http://a.cn/1.png', 'http://a.cn/3.png']);
    expect(urls).toEqual(['blob:moz-extension://x/1']);
    const imgs = [...body.querySelectorAll('img')];
    expect(imgs.map((i) => i.getAttribute('src'))).toEqual(['blob:moz-extension://x/1', 'https://a.cn/2.png', null]);
    expect(imgs[2]!.hidden).toBe(true);
    expect([...withOriginalImages(body).querySelectorAll('img')].map((i) => i.getAttribute('src'))).toEqual(['http://a.cn/1.png', 'https://a.cn/2.png', 'http://a.cn/3.png']);
  });
});
