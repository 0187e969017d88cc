import { describe, expect, it } from 'vitest';
import { createNodeDom } from '../cli/node-dom';
import { collapseSpace } from './cjk-text';
import { elementToText, shortTextOf } from './element-text';

const dom = createNodeDom();
const body = (html: string) => dom.parse(`<!doctype html><html><body>${html}</body></html>`, 'https://example.cn/').body;

describe('elementToText', () => {
  // Each: what it does, [the markup, its text].
  const cases: Record<string, [html: string, text: string]> = {
    'separates paragraphs with one blank line': ['<div><p>第一段。</p>\n\n<p>第二段。</p><h2>小标题</h2><p>Third.</p></div>', '第一段。\n\n第二段。\n\n小标题\n\nThird.'],
    'keeps a <br> next to a source line break as one line break': ['<p>中国<br>\n人民<br/>\r\n银行</p>', '中国\n人民\n银行'],
    'turns <br> into a single line break inside a paragraph': ['<p>第一行<br>第二行<br/>third line</p>', '第一行\n第二行\nthird line'],
    'keeps inline elements inline and English spaces intact': ['<p>Liberty <b>and</b> <a href="#">Order</a> in  Cyberspace</p>', 'Liberty and Order in Cyberspace'],
    // Was a bug (segment breaks resolved per text node: "中国 人民 银行"); fixed by resolving per paragraph.
    'joins CJK text split across inline elements and source lines': ['<p>中国<b>\n人民</b>\n银行</p>', '中国人民银行'],
    'skips empty blocks and whitespace-only lines': ['<p>一</p><p> </p><div>\u00a0</div><p><br><br></p><p>二</p>', '一\n\n二'],
    'keeps table cells apart': ['<table><tr><td>Name</td><td>Value</td></tr><tr><td>A</td><td>1</td></tr></table>', 'Name Value\n\nA 1'],
    'handles text directly in the root and in lists': ['Intro text<ul><li>one</li><li>two</li></ul>Outro', 'Intro text\n\none\n\ntwo\n\nOutro'],
  };
  it.each(Object.entries(cases))('%s', (_what, [html, text]) => {
    expect(elementToText(body(html))).toBe(text);
  });
  it('drops source line breaks between CJK characters and the ideographic indent, keeps typed spaces', () => {
    expect(elementToText(body('<p>\u3000\u3000人民网北\n京6月15日电</p>'))).toBe('人民网北京6月15日电');
    expect(elementToText(body('<p>本报记者 葛灵丹<br>\n北京电</p>'))).toBe('本报记者 葛灵丹\n北京电');
    expect(elementToText(body('<p>Liberty\nand Order</p>'))).toBe('Liberty and Order');
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
