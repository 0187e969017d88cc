import { describe, expect, it } from 'vitest';
import { createNodeDom } from '../cli/node-dom';
import { collapseSpace } from './cjk-text';
import { elementToText, shortTextOf } from './element-text';

const dom = createNodeDom();
const body = (html: string) => dom.parse(`<!doctype html><html><body>${html}</body></html>`, 'https://example.cn/').body;

describe('elementToText', () => {
  it('separates paragraphs with one blank line', () => {
    expect(elementToText(body('<div><p>第一段。</p>\n\n<p>第二段。</p><h2>小标题</h2><p>Third.</p></div>'))).toBe('第一段。\n\n第二段。\n\n小标题\n\nThird.');
  });
  it('keeps a <br> next to a source line break as one line break', () => {
    expect(elementToText(body('<p>中国<br>\n人民<br/>\r\n银行</p>'))).toBe('中国\n人民\n银行');
  });
  it('turns <br> into a single line break inside a paragraph', () => {
    expect(elementToText(body('<p>第一行<br>第二行<br/>third line</p>'))).toBe('第一行\n第二行\nthird line');
  });
  it('keeps inline elements inline and English spaces intact', () => {
    expect(elementToText(body('<p>Liberty <b>and</b> <a href="#">Order</a> in  Cyberspace</p>'))).toBe('Liberty and Order in Cyberspace');
  });
  it('drops source line breaks between CJK characters and the ideographic indent, keeps typed spaces', () => {
    expect(elementToText(body('<p>\u3000\u3000人民网北\n京6月15日电</p>'))).toBe('人民网北京6月15日电');
    expect(elementToText(body('<p>本报记者 葛灵丹<br>\n北京电</p>'))).toBe('本报记者 葛灵丹\n北京电');
    expect(elementToText(body('<p>Liberty\nand Order</p>'))).toBe('Liberty and Order');
  });
  // Was a bug (segment breaks resolved per text node: "中国 人民 银行"); fixed by resolving per paragraph.
  it('joins CJK text split across inline elements and source lines', () => {
    expect(elementToText(body('<p>中国<b>\n人民</b>\n银行</p>'))).toBe('中国人民银行');
  });
  it('skips empty blocks and whitespace-only lines', () => {
    expect(elementToText(body('<p>一</p><p> </p><div>\u00a0</div><p><br><br></p><p>二</p>'))).toBe('一\n\n二');
  });
  it('keeps table cells apart', () => {
    expect(elementToText(body('<table><tr><td>Name</td><td>Value</td></tr><tr><td>A</td><td>1</td></tr></table>'))).toBe('Name Value\n\nA 1');
  });
  it('handles text directly in the root and in lists', () => {
    expect(elementToText(body('Intro text<ul><li>one</li><li>two</li></ul>Outro'))).toBe('Intro text\n\none\n\ntwo\n\nOutro');
  });
});

describe('shortTextOf', () => {
  const el = (html: string) => body(`<div id=x>${html}</div>`).querySelector('#x')!;
  it('is collapseSpace(textContent) when that fits, null when longer', () => {
    for (const html of ['', '  <b> </b>\n', '<p>相关阅读：</p>  <a>链接</a>', 'a<i>b<u>c</u></i>  d<!-- comment -->e', '<span>x</span>'.repeat(50)]) {
      const e = el(html);
      const full = collapseSpace(e.textContent ?? '');
      for (const max of [0, 1, 5, 10, 49, 50, 51, 200]) expect(shortTextOf(e, max), `${html} @${max}`).toBe(full.length <= max ? full : null);
    }
  });
  it('does not read a long element to its end', () => {
    const e = el(`<p>${'很长的正文。'.repeat(2000)}</p><p>末尾</p>`);
    expect(shortTextOf(e, 200)).toBeNull();
    expect(shortTextOf(el('  \n\t  '), 0)).toBe('');
  });
});
