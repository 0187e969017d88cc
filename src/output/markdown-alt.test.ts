/**
 * Images in Markdown (issue 10, bug 11: copies wrote `![](…)` for every photo): the alt text is the
 * image's own, else its caption (figcaption, or the caption line the reader found), else its title;
 * empty only when it has none of them, and never an image without an address.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { expectMaps } from '../../test/support/maps';
import { bodyMarkdown, imageAlt } from './markdown';

const body = (html: string) => new JSDOM(`<!doctype html><body><div id="b">${html}</div>`).window.document.getElementById('b') as HTMLElement;

describe('Markdown image alt text', () => {
  it('takes the image\'s alt, then its caption, then its title', () => {
    const b = body(
      '<p><img id="own" alt=" 山谷 " src="http://x.cn/1.jpg"></p>' +
        '<figure><img id="fig" src="http://x.cn/2.jpg"><figcaption>图为夜行列车驶出山谷。</figcaption></figure>' +
        '<p><img id="next" src="http://x.cn/3.jpg"></p><p class="reader-caption">新华社记者 金立旺 摄</p>' +
        '<p class="reader-caption"><img id="same" src="http://x.cn/4.jpg"><br>（新华社发）</p>' +
        '<p><img id="titled" title="Night train" src="http://x.cn/5.jpg"></p>' +
        '<p><img id="bare" src="http://x.cn/6.jpg"></p><p>下一段正文。</p>',
    );
    const alt = (id: string) => imageAlt(b.ownerDocument.getElementById(id) as Element);
    expectMaps(alt, [
      ['own', '山谷'],
      ['fig', '图为夜行列车驶出山谷。'],
      ['next', '新华社记者 金立旺 摄'],
      ['same', '（新华社发）'],
      ['titled', 'Night train'],
      ['bare', ''],
    ]);
  });

  it('writes ![caption](src), ![](src) for an image with nothing to say, and no image without an http address', () => {
    const md = bodyMarkdown(
      body(
        '<figure><img src="http://x.cn/2.jpg"><figcaption>图为[夜行]列车</figcaption></figure>' +
          '<p><img src="http://x.cn/6.jpg"></p><p><img src="javascript:alert(1)"></p><p><img></p>',
      ),
    );
    expect(md).toContain('![图为\\[夜行\\]列车](http://x.cn/2.jpg)');
    expect(md).toContain('![](http://x.cn/6.jpg)');
    expect(md).not.toMatch(/!\[[^\]]*\]\(\)/);
    expect(md).not.toContain('javascript');
  });
});
