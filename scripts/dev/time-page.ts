// Dev: time the pipeline and plain Readability on one saved page (jsdom parse included).
import { readFileSync } from 'node:fs';
import { Readability } from '@mozilla/readability';
import { createNodeDom } from '../../src/cli/node-dom';
import { readWholeArticle } from '../../src/pipeline/read-whole-article';
const file = process.argv[2]!;
const url = process.argv[3] ?? 'http://fakehost/test/page.html';
const html = readFileSync(file, 'utf8');
const dom = createNodeDom();
const reject = async () => { throw new Error('offline'); };
for (let i = 0; i < 2; i++) {
  let t = performance.now();
  const a = await readWholeArticle({ url, html, fetch: reject, dom, maxPages: 1 });
  const ours = performance.now() - t;
  t = performance.now();
  const r = new Readability(dom.parse(html, url)).parse();
  const theirs = performance.now() - t;
  console.log(JSON.stringify({ ours: Math.round(ours), readability: Math.round(theirs), ratio: +(ours / theirs).toFixed(2), title: a.title, byline: a.byline, rTitle: r?.title, rByline: r?.byline, len: a.textContent.length, rLen: r?.textContent?.length }));
}
