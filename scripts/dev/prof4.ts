import { readFileSync } from 'node:fs';
import { createNodeDom } from '../../src/cli/node-dom';
import { readWholeArticle } from '../../src/pipeline/read-whole-article';
import type { FetchLike } from '../../src/pipeline/types';
const tpl = readFileSync('../shared/corpus/people/gne_people_1.html', 'utf8');
const base = 'http://culture.people.com.cn/n1/2019/0615/c1013-31153719';
const pager = '<div class="zdfy clearfix">' + Array.from({ length: 10 }, (_, i) => `<a href="/n1/2019/0615/c1013-31153719${i ? '-' + (i + 1) : ''}.html">【${i + 1}】</a>`).join('') + '</div>';
const pages = new Map<string, string>();
for (let i = 1; i <= 10; i++) pages.set(`${base}${i > 1 ? '-' + i : ''}.html`, tpl.replace(/<div class="zdfy clearfix">[\s\S]*?<\/div>/, pager).replace('父亲的教诲', `第${i}页父亲的教诲`));
const enc = new TextEncoder();
const fetch: FetchLike = async (url) => { const h = pages.get(url)!; return { ok: true, status: 200, url, headers: new Headers({ 'content-type': 'text/html; charset=utf-8' }), arrayBuffer: async () => enc.encode(h).buffer as ArrayBuffer }; };
const dom = createNodeDom();
for (let r = 0; r < 8; r++) {
  const s = performance.now();
  const a = await readWholeArticle({ url: `${base}.html`, fetch, dom });
  console.log((performance.now() - s).toFixed(0), 'ms', a.pageCount, a.length);
}
