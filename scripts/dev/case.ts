import { readFileSync } from 'node:fs';
import { createNodeDom } from '../../src/cli/node-dom';
import { readWholeArticle } from '../../src/pipeline/read-whole-article';
import type { FetchLike } from '../../src/pipeline/types';
const slug = process.argv[2]!;
const dir = `test/pages/${slug}`;
const c = JSON.parse(readFileSync(`${dir}/case.json`, 'utf8'));
const fetch: FetchLike = async (url) => {
  const p = c.pages[url];
  if (!p) throw new Error('unlisted ' + url);
  const bytes = p.file ? readFileSync(`${dir}/${p.file}`) : Buffer.from('');
  return { ok: (p.status ?? 200) < 400, status: p.status ?? 200, url, headers: new Headers(p.contentType ? { 'content-type': p.contentType } : {}), arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer };
};
const a = await readWholeArticle({ url: c.start, fetch, dom: createNodeDom(), ...(c.options ?? {}) });
const { contentHtml, textContent, ...rest } = a;
console.log(JSON.stringify(rest, null, 1));
console.log(process.argv[3] === 'html' ? contentHtml : textContent);
