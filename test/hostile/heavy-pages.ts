/**
 * Pages whose shape alone costs work (issue 12, items 1 and 3): a pre-parse scanner or a DOM walk
 * that is quadratic in one of them freezes the reader's renderer, and a recursive step overflows the
 * stack on deep nesting. Plain data builders, shared by `heavy.test.ts` (work counted, no clock) and
 * `scripts/hostile-report.ts` (times printed).
 */

/** A page body (no more markup than given) inside a minimal document. */
const doc = (body: string): string => `<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>`;

/** `unit` repeated until the text is about `bytes` long. */
const fill = (unit: string, bytes: number): string => unit.repeat(Math.max(1, Math.ceil(bytes / unit.length)));

export interface MarkupShape {
  id: string;
  what: string;
  build(bytes: number): string;
}

/** Shapes for the pre-parse defusing step (`defuse-markup.ts`) and the parse (item 1). */
export const MARKUP_SHAPES: readonly MarkupShape[] = [
  { id: 'open-tags', what: 'many `<a` without `>`', build: (n) => doc(fill('<a ', n)) },
  { id: 'open-tags-nospace', what: 'many `<a` run together', build: (n) => doc(fill('<a', n)) },
  { id: 'unclosed-quotes', what: 'many unclosed quotes', build: (n) => doc(fill(`<a b="<a c='`, n)) },
  { id: 'quote-at-start', what: '`<a b="` at the start, then ordinary markup', build: (n) => `<a b="${doc(fill('<p class="x">正文</p>', n))}` },
  { id: 'deep-nesting', what: 'deeply nested elements', build: (n) => doc(`${fill('<div>', n / 2)}正文${fill('</div>', n / 2)}`) },
  { id: 'tiny-tags', what: 'tiny tags', build: (n) => doc(fill('<b>x</b>', n)) },
  { id: 'handlers', what: 'a handler on every tag', build: (n) => doc(fill('<i onclick=x>y</i>', n)) },
];

/** Shapes for the whole read (item 3), each a full page of one of these sizes. */
export interface ArticleShape {
  id: string;
  what: string;
  html: () => string;
}

const para = (i: number): string => `<p>　　第${i}段：记者从有关部门获悉，今年以来各地扎实推进民生工程，群众获得感持续增强，专家表示将继续加大投入力度，确保各项惠民措施落到实处。</p>`;
const indexed = (n: number, f: (i: number) => string): string => Array.from({ length: n }, (_, i) => f(i + 1)).join('');

export const ARTICLE_SHAPES: readonly ArticleShape[] = [
  { id: 'paragraphs-8000', what: '8,000 paragraphs (1.5 MB)', html: () => doc(`<h1>标题</h1><div id="content">${indexed(8000, para)}</div>`) },
  {
    id: 'pager-10000',
    what: 'a 10,000-link pager',
    html: () => doc(`<h1>标题</h1><div id="content">${indexed(20, para)}<div class="pager">${indexed(10_000, (i) => `<a href="c_1129000001${i > 1 ? `_${i}` : ''}.htm">${i}</a>`)}</div></div>`),
  },
  { id: 'tiny-paragraphs-200000', what: '200,000 tiny paragraphs', html: () => doc(`<h1>标题</h1><div id="content">${para(0)}${'<p>x</p>'.repeat(200_000)}</div>`) },
  { id: 'nested-20000', what: '20,000 nested elements', html: () => doc(`<h1>标题</h1><div id="content">${para(0)}${'<div>'.repeat(20_000)}${para(1)}${'</div>'.repeat(20_000)}</div>`) },
];

/** The address each article shape is read as (Xinhua's URL scheme: the pager's links are its pages). */
export const ARTICLE_URL = 'http://www.xinhuanet.com/world/2019-12/10/c_1129000001.htm';
