/**
 * Prints what finding one's way costs, in Node + jsdom (no layout: the browsers' figures, with
 * layout, come from test/e2e/toc.e2e.test.ts):
 *   toc_build_ms          tocEntries + renderToc on the 12-page fixture (test/pages/xinhua-2012-windowed-pager)
 *                         rendered as the reader renders it; median of --runs (default 50)
 *   reading_time_ms       articleReadingText + countReading on the same article
 *   position_find_ms      positionBlocks + findBlock on a 20,000-character article whose block moved
 *                         (text looked up nearby), the part of a restore that is not layout
 * One JSON object per line. Run: `npx tsx scripts/bench/toc.ts [--runs N]`.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { JSDOM } from 'jsdom';
import { loadCase, runCase } from '../../test/fixture-support';
import { renderArticle } from '../../src/reader/article-view';
import { renderToc, tocEntries } from '../../src/reader/toc';
import { articleReadingText, countReading } from '../../src/reader/reading-time';
import { blockText, findBlock, positionBlocks } from '../../src/reader/reading-position';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 50;

function stats(times: number[]): { median: number; min: number; max: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}
const round = (x: number) => Math.round(x * 1000) / 1000;

function print(name: string, times: number[], extra: Record<string, unknown>): void {
  const s = stats(times);
  console.log(JSON.stringify({ name, value: round(s.median), unit: 'ms', min: round(s.min), max: round(s.max), runs: times.length, ...extra, load1: round(loadavg()[0]!) }));
}

const dom = new JSDOM('<!doctype html><html><body><nav id="reader-toc"><ol class="toc-list"></ol></nav><article id="reader-content"></article></body></html>');
const doc = dom.window.document;
Object.assign(globalThis, { window: dom.window, document: doc, DOMParser: dom.window.DOMParser, Node: dom.window.Node, Element: dom.window.Element, HTMLElement: dom.window.HTMLElement });

const twelve = loadCase('xinhua-2012-windowed-pager');
const run = await runCase(twelve);
if (!run.result) throw new Error(`the 12-page fixture did not read: ${String(run.error)}`);
const article = run.result;
const content = doc.getElementById('reader-content') as HTMLElement;
renderArticle(content, article, {});
const body = content.querySelector<HTMLElement>('.article-body')!;
const list = doc.querySelector<HTMLElement>('.toc-list')!;

const tocTimes: number[] = [];
let entries = 0;
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  const e = tocEntries(body, article.title);
  renderToc(list, e);
  tocTimes.push(performance.now() - t0);
  entries = e.length;
}
print('toc_build_ms', tocTimes, { article: twelve.slug, pages: article.pageCount, sections: body.querySelectorAll('section[data-page]').length, entries });

const timeTimes: number[] = [];
let count = { cjkChars: 0, words: 0 };
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  count = countReading(articleReadingText(body));
  timeTimes.push(performance.now() - t0);
}
print('reading_time_ms', timeTimes, { article: twelve.slug, ...count });

// A 20,000-character article: 40 paragraphs of 500 characters over 4 pages.
const sentence = '清晨六点，村口的书房已经亮起了灯，几位老人坐在窗边翻看当天的报纸。';
const paragraphs = Array.from({ length: 40 }, (_, i) => `<p>第${i + 1}段。${sentence.repeat(15).slice(0, 495)}</p>`);
const long = doc.createElement('div');
long.innerHTML = [0, 1, 2, 3].map((p) => `<section data-page="${p + 1}">${paragraphs.slice(p * 10, p * 10 + 10).join('')}</section>`).join('');
const chars = (long.textContent ?? '').length;
const findTimes: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  const blocks = positionBlocks(long);
  // Stored as block 25; two paragraphs were added before it since, so it is found by its text.
  findBlock(blocks, { block: 25, offset: 0.4, blocks: 40, text: blockText(blocks[27]!), at: 0 });
  findTimes.push(performance.now() - t0);
}
print('position_find_ms', findTimes, { chars, blocks: 40 });
