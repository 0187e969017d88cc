import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { useLocalImages, withOriginalImages } from './saved-images';

function body(html: string): HTMLElement {
  const { document } = new JSDOM('<!doctype html>').window;
  // An inert document, as the reader's DOMParser gives.
  const doc = document.implementation.createHTMLDocument('');
  doc.body.innerHTML = html;
  return doc.body;
}

describe('useLocalImages', () => {
  it('points saved images at their local copies, hides the others, and copies get the originals back', () => {
    const el = body('<p><img src="http://a.cn/1.jpg" srcset="http://a.cn/1-2x.jpg 2x" alt="一"><img src="/2.jpg" alt="二"><img src="http://a.cn/3.jpg"></p>');
    const swap = useLocalImages(el, 'http://a.cn/news/x.html', new Map([['http://a.cn/1.jpg', 'blob:one'], ['http://a.cn/2.jpg', 'blob:two']]));
    expect(swap).toEqual({ shown: 2, missing: 1 });
    const imgs = [...el.querySelectorAll('img')];
    expect(imgs.map((i) => i.getAttribute('src'))).toEqual(['blob:one', 'blob:two', null]);
    expect(imgs[0]!.hasAttribute('srcset')).toBe(false);
    expect(imgs[2]!.hidden).toBe(true);
    expect(el.querySelector('.missing-image')?.hasAttribute('data-reader-ui')).toBe(true);

    const copy = withOriginalImages(el);
    expect([...copy.querySelectorAll('img')].map((i) => i.getAttribute('src'))).toEqual(['http://a.cn/1.jpg', 'http://a.cn/2.jpg', 'http://a.cn/3.jpg']);
    expect(copy.querySelector('[hidden], .missing-image, [data-saved-src]')).toBeNull();
    // The page itself is untouched.
    expect(el.querySelector('img')?.getAttribute('src')).toBe('blob:one');
  });
});
