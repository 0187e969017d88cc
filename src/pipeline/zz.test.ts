import { it } from 'vitest';
import { createNodeDom } from '../cli/node-dom';
import { detectPagination, detectPaginationDetail } from './detect';
import { extractPart } from './extract';
const dom = createNodeDom();
it('x', async () => {
  let url = 'http://www.example.com/2020/01/my-post.html';
  console.log('D1', JSON.stringify(detectPagination(dom.parse('<p>x</p><div class="nav-links"><a rel="next" href="/2020/01/other-post.html">Next post: Other</a></div>', url), url)));
  console.log('D2', JSON.stringify(detectPagination(dom.parse('<p>x</p><div class="nav-links"><a href="/2020/01/other-post.html">Next »</a></div>', url), url)));
  url = 'http://www.chinanews.com/gn/2011/12-09/3519238.shtml';
  console.log('D3', JSON.stringify(detectPagination(dom.parse('<p>x</p><a href="3519299.shtml">下一页</a>', url), url)));
  url = 'http://en.people.cn/n3/2013/0910/c90000-8395871.html';
  const doc = dom.parse(`<div id="p_content"><p>This is a long enough English paragraph about nothing in particular at all.</p><p>(Web editor: Wen Ying, Bianji)</p><p>相关新闻</p><ul><li><a href="/a.html">相关的另一篇新闻</a></li></ul><p><a href="/b.html">点击进入专题>></a></p></div>`, url);
  console.log('E', extractPart(doc, url, detectPaginationDetail(doc, url), null)?.body.textContent);
});
