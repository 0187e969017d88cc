import { existsSync } from 'node:fs';
import iconv from 'iconv-lite';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CORPUS_DIR } from '../corpus';
import { MULTIPAGE_CASES } from './cases';
import { loadGroundTruth } from '../ground-truth';
import { encodeHtml, generateCase, locateBody, locateBodyByDom, readTemplateHtml, templateFor } from './generate';
import type { GeneratedCase, MultiPageCase } from './types';

const corpusDir = DEFAULT_CORPUS_DIR;
const spec = (id: string): MultiPageCase => MULTIPAGE_CASES.find((c) => c.id === id)!;
const build = (id: string): GeneratedCase => generateCase(spec(id), { corpusDir });

/** Everything outside the body and outside [pagerStart, pagerEnd) literals, for the chrome check. */
function chromeOutside(html: string, body: [number, number], pagerStart: string, pagerEnd: string): string {
  const rest = html.slice(0, body[0]) + '\u0000BODY\u0000' + html.slice(body[1]);
  const parts: string[] = [];
  let at = 0;
  for (;;) {
    const s = rest.indexOf(pagerStart, at);
    if (s < 0) break;
    const e = rest.indexOf(pagerEnd, s);
    expect(e).toBeGreaterThan(s);
    parts.push(rest.slice(at, s), '\u0000PAGER\u0000');
    at = e + pagerEnd.length;
  }
  parts.push(rest.slice(at));
  return parts.join('');
}

function allParagraphs(g: GeneratedCase): string[] {
  return g.pages.filter((p) => p.truthSource === 'generated').flatMap((p) => p.paragraphs);
}

describe.skipIf(!existsSync(corpusDir))('multi-page case generator (on the corpus templates)', () => {
  it('sina-tech: page 2 shows 2 as current, links page 1 and prev, next disabled; page 1 is the template', () => {
    const g = build('sina-tech');
    expect(g.pages).toHaveLength(2);
    const [p1, p2] = g.pages;
    const u1 = 'http://tech.sina.com.cn/s/2012-01-12/17066632680.shtml';
    expect(p1!.html).toContain("<span class='cur'>1</span>");
    expect(p2!.html).toContain("<span class='cur'>2</span>");
    expect(p2!.html).not.toContain("<span class='cur'>1</span>");
    expect(p2!.html).toContain(`<a href='${u1}'>1</a>`);
    expect(p2!.html).toContain(`<a href='${u1}'>上一页</a>`);
    expect(p2!.html).toContain('<span>下一页</span>');
    expect(p2!.html).not.toMatch(/17066632680_2\.shtml'>/);
    // The pager read through a DOM: the current page is the one non-link number.
    const doc = new JSDOM(p2!.html).window.document;
    const pager = doc.querySelector('p.page')!;
    expect(pager.querySelector('span.cur')!.textContent).toBe('2');
    expect([...pager.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['上一页', u1],
      ['1', u1],
    ]);
    // Page 1 keeps the template's own body (its corpus truth); page 2's truth is generated.
    expect(p1!.truthSource).toBe('corpus');
    expect(p2!.truthSource).toBe('generated');
  });

  it('sina-tech: chrome outside the body and the pager is byte-for-byte the template', () => {
    const s = spec('sina-tech');
    const tpl = templateFor(s, { corpusDir });
    const g = build('sina-tech');
    const want = chromeOutside(tpl.html, tpl.body, "<p class='page'>", '_6632680-->');
    for (const [i, p] of g.pages.entries()) expect(chromeOutside(p.html, g.bodyRanges[i]!, "<p class='page'>", '_6632680-->')).toBe(want);
    expect(g.pages[0]!.html).toBe(tpl.html);
  });

  it('xinhua-big5-legal: both pagers move the marker; bytes are Big5 and decode back; chrome unchanged', () => {
    const s = spec('xinhua-big5-legal');
    const g = build('xinhua-big5-legal');
    const [, p2] = g.pages;
    const u1 = 'http://big5.xinhuanet.com/gate/big5/news.xinhuanet.com/legal/2012-01/12/c_111421282.htm';
    const html = p2!.html;
    expect(html.split('<span class="page-Article">2</span>')).toHaveLength(3); // div_currpage + div_page_roll1
    expect(html.split(`<a href="${u1}" class="page-Article">1</a>`)).toHaveLength(3);
    expect(html).toContain(`<a href="${u1}" class="nextpage">上一頁</a>`);
    expect(html).not.toContain('下一頁</a>');
    expect(html).not.toContain('<span class="page-Article">1</span>');
    // Real Big5 bytes (not UTF-8), the meta says so, and they decode back to the page.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(p2!.bytes)).toThrow();
    const decoded = iconv.decode(Buffer.from(p2!.bytes), 'big5');
    expect(decoded).toContain('charset=big5');
    for (const para of p2!.paragraphs) expect(decoded).toContain(para);
    const tpl = templateFor(s, { corpusDir });
    const want = chromeOutside(tpl.html, tpl.body, '<div id="div_page_roll1"', '</center>');
    for (const [i, p] of g.pages.entries()) expect(chromeOutside(p.html, g.bodyRanges[i]!, '<div id="div_page_roll1"', '</center>')).toBe(want);
  });

  it('xinhua-chinaneast: 6 pages on a 0-based suffix; page 4 links page 1 and prev/next, GBK bytes', () => {
    const g = build('xinhua-chinaneast');
    expect(g.pages.map((p) => p.url.replace(/.*content_/, ''))).toEqual(['4894059.htm', '4894059_1.htm', '4894059_2.htm', '4894059_3.htm', '4894059_4.htm', '4894059_5.htm']);
    const p4 = g.pages[3]!;
    expect(p4.html).toContain('<a href="http://chinaneast.xinhuanet.com/jizhe/2005-08/16/content_4894059.htm" >[1]</a>');
    expect(p4.html).toContain('<a href="http://chinaneast.xinhuanet.com/jizhe/2005-08/16/content_4894059_4.htm" class="nextpage">');
    expect(p4.html).toContain('<a href="http://chinaneast.xinhuanet.com/jizhe/2005-08/16/content_4894059_2.htm" class="nextpage"><img src="http://imgs.xinhuanet.com/icon/newscenter/news_sy.gif"');
    expect(g.pages[5]!.html).not.toContain('news_xy.gif');
    const decoded = iconv.decode(Buffer.from(p4.bytes), 'gbk');
    expect(decoded).toContain('charset=gb2312');
    for (const para of p4.paragraphs) expect(decoded).toContain(para);
  });

  it('gamersky: the select and the "k/N" counter follow the page; last page disables next', () => {
    const g = build('gamersky');
    const p2 = g.pages[1]!.html;
    const parts = [
      '<option value="2" selected="selected"></option>',
      '<option value="1"></option>',
      '<span>2/2</span>',
      '<a href="https://wap.gamersky.com/news/Content-1220000.html" class="page-prev">上一页</a>',
      '<a href="javascript:;" class="disable">下一页</a>',
    ];
    for (const part of parts) expect(p2).toContain(part);
  });

  it('every case builds; generated paragraphs are distinct within and across pages; whole pages hold every page', () => {
    for (const c of MULTIPAGE_CASES) {
      const g = generateCase(c, { corpusDir });
      expect(g.pages).toHaveLength(c.urls.length);
      const paras = allParagraphs(g);
      expect(paras.length).toBeGreaterThan(0);
      expect(new Set(paras).size).toBe(paras.length);
      for (const p of g.pages) for (const para of p.truthSource === 'generated' ? p.paragraphs : []) expect(p.html).toContain(para);
      // No generated paragraph leaks onto another page.
      for (const p of g.pages) for (const q of g.pages) if (p !== q && q.truthSource === 'generated') expect(p.html.includes(q.paragraphs[0]!)).toBe(false);
      if (g.whole) for (const para of paras) expect(g.whole.html).toContain(para);
    }
  });

  it('the body locator finds what a parser finds, and no generated page keeps the template page\'s own paragraphs', () => {
    for (const c of MULTIPAGE_CASES) {
      const html = readTemplateHtml(corpusDir, c.file);
      const fast = locateBody(html, c.body, c.id);
      // Xinhua's gateway template opens <span id="content"> inside a <p> whose paragraphs the
      // parser moves out of the span: in source terms the paragraphs are inside it, and the
      // source range is the one to replace.
      if (!c.id.startsWith('xinhua-big5')) expect(fast, c.id).toEqual(locateBodyByDom(html, c.body, c.id));
      const truth = loadGroundTruth(corpusDir, c.file);
      if (!truth || truth.kind !== 'text') continue;
      // Lines of the template page's truth but its headline (which stands on every page, outside the body).
      const lines = truth.text.split('\n').map((l) => l.trim()).slice(truth.includesTitle ? 1 : 0).filter((l) => l.length >= 20 && !/&|“|”/.test(l));
      const g = generateCase(c, { corpusDir });
      const t = c.templateIndex ?? 0;
      for (const p of g.pages) {
        if (p.page === t + 1) continue;
        const body = p.html.slice(p.html.search(/<body/i));
        const left = lines.filter((l) => body.includes(l.slice(0, 20)));
        // At most a deck or lead sentence the template repeats above the body (caixun's .info, ynet's 本文导读).
        expect(left.length, `${c.id} page ${p.page} keeps ${left[0]}`).toBeLessThanOrEqual(2);
      }
    }
  });

  it('encodeHtml writes characters a legacy charset lacks as numeric references', () => {
    const bytes = encodeHtml('<p>中文𠀋</p>', 'big5');
    expect(iconv.decode(Buffer.from(bytes), 'big5')).toBe('<p>中文&#131083;</p>');
  });
});
