/**
 * Every hostile payload (payloads.ts) inside the article body of three real page templates
 * (People's Daily `.rm_txt_con`, Xinhua `#p-detail`, Xinhua `span#content`), single-page and split
 * across two pages, through `readWholeArticle` with the Node DOM: the merged `contentHtml`, re-parsed,
 * must hold nothing that runs, loads active content, restyles or clobbers (check.ts), and the
 * legitimate paragraphs around the payload must still be there. The CLI side is in hostile-cli.test.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeDom } from '../../src/cli/node-dom';
import { stripInertMarkup } from '../../src/pipeline/defuse-markup';
import { parsePage } from '../../src/pipeline/parse-page';
import { readWholeArticle } from '../../src/pipeline/read-whole-article';
import type { WholeArticle } from '../../src/pipeline/types';
import { checkSanitizedHtml, collapse, describeViolations, parseFragment } from './check';
import { releasingDom } from './dom';
import { writeFigures } from './figures';
import { buildCase, caseFetch, FRAME_IDS, hostileCases, type HostileCase } from './pages';
import { ALL_PAYLOADS, assertPayloadIds, joined, PAYLOADS } from './payloads';

const dom = createNodeDom();


interface CaseFigure {
  case: string;
  category: string;
  pages: number;
  violations: string[];
  stable: boolean;
  textKept: boolean;
  ms: number;
}
const rows: CaseFigure[] = [];

afterAll(() => {
  const surviving = rows.filter((r) => r.violations.length > 0);
  writeFigures('hostile', {
    payloadsTried: new Set(rows.map((r) => r.case.split('@')[0])).size,
    casesRun: rows.length,
    casesSurviving: surviving.length,
    payloadsSurviving: [...new Set(surviving.map((r) => r.case.split('@')[0]))],
    unstableOutputs: rows.filter((r) => !r.stable).map((r) => r.case),
    textLost: rows.filter((r) => !r.textKept).map((r) => r.case),
    slowest: [...rows].sort((a, b) => b.ms - a.ms).slice(0, 3).map((r) => `${r.case} ${r.ms} ms`),
    rows,
  });
});

/** The case read; `ms` wall time (the figures), `cpuMs` this process's CPU time (what a ratio can compare on a loaded machine). */
async function run(c: HostileCase): Promise<{ article: WholeArticle; ms: number; cpuMs: number }> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const env = releasingDom(dom);
  try {
    const article = await readWholeArticle({ url: c.start, fetch: caseFetch(c), dom: env, timeoutMs: 2000 });
    const cpu = process.cpuUsage(cpu0);
    return { article, ms: Math.round(performance.now() - t0), cpuMs: (cpu.user + cpu.system) / 1000 };
  } finally {
    env.release();
  }
}

function verify(c: HostileCase, article: WholeArticle, ms: number): void {
  const result = checkSanitizedHtml(article.contentHtml);
  const textKept = c.legit.every((t) => result.text.includes(collapse(t)));
  rows.push({ case: c.id, category: c.payload.category, pages: article.pageCount, violations: result.violations.map((v) => `${v.rule}: ${v.detail}`), stable: result.stable, textKept, ms });

  // Nothing that runs, loads, restyles or clobbers; also after a second parse (mutation XSS).
  expect(result.violations, describeViolations(result.violations)).toEqual([]);
  for (const s of c.payload.mustNotAppear ?? []) expect(article.contentHtml).not.toContain(s);
  // Every page came through, in order (for split payloads: the merge really happened).
  expect(article.pageCount).toBe(c.urls.length);
  expect(article.failedPages).toEqual([]);
  const top = [...parseFragment(article.contentHtml).querySelectorAll(':scope > article > section[data-page]')].map((el) => el.getAttribute('data-page'));
  expect(top).toEqual(c.urls.map((_, i) => String(i + 1)));
  // The legitimate text around the payload.
  expect(result.text).toContain(collapse(c.legit[0] as string));
  for (const t of c.legit) expect(result.text).toContain(collapse(t));
}

it('the payload ids are unique kebab-case flags', () => {
  expect(() => assertPayloadIds()).not.toThrow();
  expect(ALL_PAYLOADS.length).toBeGreaterThanOrEqual(100);
});

describe('the sanitizer check itself', () => {
  /** Payloads that are inert when parsed as they are (their danger is elsewhere: old engines, the pre-strip, the headline). */
  const INERT_AS_IS = new Set([
    'script-b-attr', 'body-onload', 'frameset-onload', 'a-javascript-control', 'a-javascript-ls', 'mxss-listing',
    'strip-creates-script', 'strip-nested-script', 'strip-comment-attr', 'strip-comment-script', 'title-markup',
  ]);

  it('flags every payload that is live markup when parsed as it is (unsanitized)', () => {
    const missed = ALL_PAYLOADS.filter((p) => !INERT_AS_IS.has(p.id) && checkSanitizedHtml(joined(p)).violations.length === 0).map((p) => p.id);
    expect(missed).toEqual([]);
  });

  it.each([
    ['<img src=x onerror=alert(1)>', 'event-handler'],
    ['<a href="jav&#x09;ascript:alert(1)">x</a>', 'url'],
    ['<a href="  JAVASCRIPT:alert(1)">x</a>', 'url'],
    ['<img srcset="/a.jpg 1x, data:image/png;base64,AAAA 2x">', 'url'],
    ['<svg><a xlink:href="javascript:alert(1)">x</a></svg>', 'foreign-element'],
    ['<template><img src=x onerror=alert(1)></template>', 'event-handler'],
    ['<p style="color:red">x</p>', 'style-attr'],
    ['<a id="__proto__">x</a>', 'clobbering-attr'],
    ['<img data-src="javascript:alert(1)">', 'data-attr'],
    ['<section data-page="1 onerror">x</section>', 'data-attr'],
  ])('flags %s', (html, rule) => {
    expect(checkSanitizedHtml(html).violations.map((v) => v.rule)).toContain(rule);
  });

  it('passes what the sanitizer is meant to keep', () => {
    const ok = '<article><section data-page="1"><h2>小标题</h2><p>正文 <a href="http://www.people.com.cn/">链接</a> <a href="#top">顶部</a></p><img src="http://img.people.com.cn/a.jpg" alt="图" srcset="http://img.people.com.cn/a.jpg 1x"><table><tbody><tr><td>表格</td></tr></tbody></table><blockquote>引文</blockquote></section></article>';
    expect(checkSanitizedHtml(ok).violations).toEqual([]);
  });

  it('the pre-parse strip (stripInertMarkup) never turns an inert payload into live markup', () => {
    const created = ALL_PAYLOADS.filter((p) => checkSanitizedHtml(joined(p)).violations.length === 0 && checkSanitizedHtml(stripInertMarkup(joined(p))).violations.length > 0).map((p) => p.id);
    expect(created).toEqual([]);
  });

  // The reader parses pages in the extension's own origin, where Chromium reports every handler
  // attribute it merely parses as a CSP violation. These two properties are what keeps that count at
  // zero (hostile-chromium.e2e.test.ts counts it in the real browser).
  // Each parses every hostile page (hundreds) two or three times: seconds alone, much longer
  // beside another test file on a shared machine; a time limit here would only measure the machine.
  // (The second took 182 s beside other files at load 22.)
  const WHOLE_CORPUS_MS = 600_000;
  const handlerAttributes = (root: ParentNode): string[] =>
    [...root.querySelectorAll('*')].flatMap((el) => el.getAttributeNames().filter((n) => /^on/i.test(n)).map((n) => `${el.localName}[${n}]`));
  const everyPage = (): Array<[string, string]> =>
    hostileCases().flatMap((c) => Object.entries(c.pages).map(([url, p]) => [`${c.id} ${url}`, p.body] as [string, string]));

  it('no page, once stripped, parses into a single handler attribute (first parse)', () => {
    const found = everyPage().flatMap(([id, html]) => handlerAttributes(dom.parse(stripInertMarkup(html), 'http://www.people.com.cn/')).map((a) => `${id}: ${a}`));
    expect(found).toEqual([]);
  }, WHOLE_CORPUS_MS);

  it('a parsed page reads the same however often it is serialized and parsed again (no mutation XSS)', () => {
    const changed: string[] = [];
    for (const [id, html] of everyPage()) {
      const doc = parsePage(dom, html, 'http://www.people.com.cn/');
      const once = doc.body.innerHTML;
      // Both ways the pipeline re-reads markup: a new document (DOMPurify) and innerHTML in a <div>.
      const again = dom.parse(`<!doctype html><html><head></head><body>${once}</body></html>`, 'about:blank');
      const holder = doc.createElement('div');
      holder.innerHTML = once; // eslint-disable-line no-unsanitized/property -- inert parsed copy under test
      const found = [...handlerAttributes(again), ...handlerAttributes(holder)];
      if (found.length || collapse(again.body.textContent ?? '') !== collapse(doc.body.textContent ?? '')) changed.push(`${id}: ${found.join(' ') || 'text changed'}`);
    }
    expect(changed).toEqual([]);
  }, WHOLE_CORPUS_MS);
});

describe.each(FRAME_IDS.map((f) => [f]))('hostile payloads in the %s template', (frame) => {
  const cases = hostileCases([frame]);
  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const { article, ms } = await run(c);
    verify(c, article, ms);
  });
});

describe('the deep-nesting mutation-XSS payload (506 nested <div>s)', () => {
  const payload = PAYLOADS.find((p) => p.id === 'mxss-deep-nesting') as (typeof PAYLOADS)[number];
  const index = ALL_PAYLOADS.indexOf(payload) + 1;
  const c = buildCase(payload, 'people-2022', index);
  let outcome: Promise<{ article: WholeArticle; ms: number; cpuMs: number }> | null = null;
  const once = () => (outcome ??= run(c));

  it('is sanitized', async () => {
    const { article, ms } = await once();
    verify(c, article, ms);
  }, 120_000);

  // Was a bug when this suite was written: deeply nested markup made the pipeline superlinear
  // (100 levels ~0.2 s, 400 ~4 s, 506 ~8 s, 800 ~27 s; mergeParts' walk and the Readability pass),
  // and CPU time is bounded by no timeout. Measured as a ratio, not a time: 5x the nesting should
  // cost about 5x, not 40x. CPU time, not wall time: another process taking the CPU during one of
  // the two runs would change a wall-time ratio, not this one.
  it('costs about linearly in the nesting depth (506 levels vs 100 levels)', async () => {
    const shallow = buildCase({ ...payload, html: (payload.html as string).split('<div>'.repeat(506)).join('<div>'.repeat(100)).split('</div>'.repeat(506)).join('</div>'.repeat(100)) }, 'people-2022', index + 5000);
    await run(shallow); // warm-up
    const small = (await run(shallow)).cpuMs;
    const { cpuMs } = await once();
    expect(cpuMs / Math.max(small, 20)).toBeLessThan(15);
  }, 120_000);
});

// Was a bug when this suite was written: page content could forge the page markers the reader relies
// on (a `<section data-page="99">` in page 1's body came out as a top-level "page 99" section).
it('page content cannot forge a page marker (data-page)', async () => {
  const payload = PAYLOADS.find((p) => p.id === 'fake-page-section');
  const { article } = await run(buildCase(payload!, 'xinhua-2019', 999));
  expect(article.contentHtml).not.toMatch(/data-page="99"/);
});

describe('legitimate text around odd markup (a browser shows it, so must the reader)', () => {
  const url = 'http://www.xinhuanet.com/world/2019-12/10/c_1125399999.htm';
  const page = (body: string) =>
    `<!doctype html><html><head><meta charset="utf-8"><title>标题_新华网</title></head><body><h1 class="h-title">标题</h1><div id="p-detail"><p>第一段：记者从有关部门获悉，今年以来各地扎实推进民生工程。</p>${body}<p>第三段：专家表示，将继续加大投入力度，确保各项措施落到实处。</p></div></body></html>`;
  const read = (body: string) => readWholeArticle({ url, html: page(body), dom, maxPages: 1, fetch: async () => Promise.reject(new Error('offline')) });
  const SECOND = '<p>第二段：群众获得感持续增强，各项工作取得明显成效。</p>';

  it('keeps the text around a well-formed <noscript>, <form>, <svg> and <math>', async () => {
    const article = await read(`<noscript><p>请开启JavaScript</p></noscript><form action="/vote"><p>投票</p></form><svg><rect></rect></svg><math><mi>x</mi></math>${SECOND}`);
    expect(article.textContent).toContain('第二段');
    expect(article.textContent).toContain('第三段');
  });

  // Was a bug when this suite was written: pages are parsed with scripting off, so an open `<p>` in a
  // `<noscript>` made the parser ignore `</noscript>` and extraction removed the rest of the body.
  it('keeps the text after a <noscript> with an unclosed <p>', async () => {
    const article = await read(`<noscript><p>请开启浏览器的JavaScript功能</noscript>${SECOND}`);
    expect(article.textContent).toContain('第二段');
    expect(article.textContent).toContain('第三段');
  });

  // Was a bug when this suite was written: the regex pre-strip of scripts, styles and comments cut
  // across attribute values and `<textarea>` content (and could join `<scr<!---->ipt>` into a script).
  it('keeps the text when comment or style delimiters sit inside attributes or a <textarea>', async () => {
    const a = await read(`<p title="<!--">说明</p>${SECOND}<p title="-->">注</p>`);
    expect(a.textContent).toContain('第二段');
    const b = await read(`<textarea><style></textarea>${SECOND}<style>p{}</style>`);
    expect(b.textContent).toContain('第二段');
    expect(b.textContent).toContain('第三段');
  });

  // Was a bug when this suite was written: an unclosed <form>, <svg> or <math> was removed with
  // everything the parser had put inside it, the rest of the article included.
  it('keeps the text after an unclosed <form> or <math>', async () => {
    const a = await read(`<form action="/vote"><p>投票：</p>${SECOND}`);
    expect(a.textContent).toContain('第二段');
    const b = await read(`<math><mi>x</mi><mtext>${SECOND}`);
    expect(b.textContent).toContain('第二段');
  });

  // Regression: the pre-parse strip once treated `<style>` inside `<svg>` as raw text and removed
  // the rest of the page (a browser parses it as markup). Hostile-corpus case: mxss-svg-style.
  it('keeps the text after an unclosed <style> inside an <svg>', async () => {
    const a = await read(`<svg><style>.a{fill:red}${SECOND}`);
    expect(a.textContent).toContain('第二段');
    expect(a.textContent).toContain('第三段');
  });
});
