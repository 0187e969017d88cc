import { describe, expect, it } from 'vitest';
import { createNodeDom } from '../cli/node-dom';
import { sanitizeArticleHtml } from './sanitize';

const dom = createNodeDom();
const clean = (html: string) => sanitizeArticleHtml(html, dom.window);
const parse = (html: string) => dom.parse(`<!doctype html><html><body>${html}</body></html>`, 'https://example.cn/').body;

describe('sanitizeArticleHtml (DOMPurify under jsdom)', () => {
  it('keeps the article structure, data-page, links and https images', () => {
    const html =
      '<article><section data-page="1"><h2>标题</h2><p>正文 <a href="https://www.people.com.cn/">人民网</a></p>' +
      '<figure><img src="https://img.people.com.cn/a.jpg" alt="图"><figcaption>说明</figcaption></figure>' +
      '<table><tbody><tr><td>1</td></tr></tbody></table></section><section data-page="2"><p>二</p></section></article>';
    const body = parse(clean(html));
    expect([...body.querySelectorAll('section')].map((s) => s.getAttribute('data-page'))).toEqual(['1', '2']);
    expect(body.querySelector('a')?.getAttribute('href')).toBe('https://www.people.com.cn/');
    expect(body.querySelector('img')?.getAttribute('src')).toBe('https://img.people.com.cn/a.jpg');
    expect(body.querySelector('img')?.getAttribute('alt')).toBe('图');
    expect(body.querySelector('figcaption')?.textContent).toBe('说明');
    expect(body.querySelector('td')?.textContent).toBe('1');
  });

  it('strips scripts, styles, iframes, forms, svg and math', () => {
    const out = clean(
      '<p>ok</p><script>alert(1)</script><style>p{}</style><iframe src="https://evil.cn"></iframe>' +
        '<form action="https://evil.cn"><input name="q"><button>go</button></form>' +
        '<svg><script>alert(2)</script><circle r="1"/></svg><math><mi>x</mi></math><object data="x"></object><embed src="x">',
    );
    const body = parse(out);
    for (const tag of ['script', 'style', 'iframe', 'form', 'input', 'button', 'svg', 'math', 'object', 'embed']) {
      expect(body.querySelector(tag), tag).toBeNull();
    }
    expect(out).not.toMatch(/alert/);
    expect(body.textContent).toContain('ok');
  });

  it('strips on* handlers, style, class, id and other data attributes', () => {
    const body = parse(clean('<p onclick="alert(1)" onmouseover="x()" style="color:red" class="c" id="i" data-x="1" data-page="3">t</p><img src="https://a.cn/x.jpg" onerror="alert(1)">'));
    const p = body.querySelector('p') as Element;
    expect(p.getAttributeNames().sort()).toEqual(['data-page']);
    expect(body.querySelector('img')?.getAttributeNames()).toEqual(['src']);
  });

  it('strips javascript:, data: and vbscript: hrefs in any case and with whitespace', () => {
    const body = parse(
      clean(
        '<a href="javascript:alert(1)">a</a><a href=" JaVaScRiPt:alert(1)">b</a><a href="java&#x09;script:alert(1)">c</a>' +
          '<a href="data:text/html,<script>alert(1)</script>">d</a><a href="vbscript:x">e</a><a href="http://ok.cn/">f</a>',
      ),
    );
    const hrefs = [...body.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual([null, null, null, null, null, 'http://ok.cn/']);
    expect(body.textContent).toBe('abcdef');
  });

  it('strips video, audio and meta refresh, and keeps plain text', () => {
    const body = parse(clean('<video src="https://a.cn/v.mp4"></video><audio src="x"></audio><meta http-equiv="refresh" content="0;url=https://evil.cn"><p>正文</p>'));
    expect(body.querySelector('video, audio, meta')).toBeNull();
    expect(body.textContent).toBe('正文');
  });

  it('does not execute anything while sanitizing', () => {
    (dom.window as unknown as { pwned?: boolean }).pwned = false;
    clean('<img src="x" onerror="window.pwned = true"><script>window.pwned = true</script>');
    expect((dom.window as unknown as { pwned?: boolean }).pwned).toBe(false);
  });
});
