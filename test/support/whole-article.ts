/** A finished article (the pipeline's `WholeArticle`) for the reader's and the outputs' unit tests. */
import type { WholeArticle } from '../../src/pipeline/types';

/**
 * A People's Daily article, Simplified Chinese, one section per page, nothing missing; each test
 * gives what it is about. `url` and `pageCount` follow `pageUrls` unless given.
 */
export function wholeArticle(fields: Partial<WholeArticle> = {}): WholeArticle {
  const pageUrls = fields.pageUrls ?? ['http://culture.people.com.cn/n1/2022/0213/c1013-1.html'];
  return {
    title: '城市书房',
    byline: null,
    source: null,
    publishedTime: null,
    siteName: '人民网',
    lang: 'zh-CN',
    dir: 'ltr',
    url: pageUrls[0]!,
    pageUrls,
    pageCount: pageUrls.length,
    failedPages: [],
    textContent: '',
    contentHtml: '<article><section data-page="1"><p>城市书房点亮市民文化生活。</p></section></article>',
    excerpt: null,
    length: 0,
    site: 'people',
    ...fields,
  };
}
