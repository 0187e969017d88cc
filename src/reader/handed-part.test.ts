/**
 * The part a news tab hands the reader (handed-part.ts) is taken only in the pipeline's shape, for
 * the article being read, with web addresses only; its HTML is left to be sanitized on its way in.
 */
import { describe, expect, it } from 'vitest';
import { handedPart } from './handed-part';

const URL1 = 'http://politics.people.com.cn/n1/2024/0101/c1001-40000000.html';
const good = {
  page: 1,
  pages: [1, 2, 3],
  pageUrls: [URL1, URL1.replace('.html', '-2.html'), URL1.replace('.html', '-3.html')],
  url: URL1,
  title: '标题',
  meta: { byline: null, source: '人民网', publishedTime: null, siteName: '人民网', lang: 'zh-CN', dir: 'ltr' },
  html: '<div><p onclick="x()">第一段</p></div>',
};

describe('handedPart', () => {
  it("takes the tab's part for the article being read (its fragment aside), its HTML still to sanitize, nothing else", () => {
    const part = handedPart({ ...good, body: 'not a tree', extra: 1, meta: { ...good.meta, evil: 'x' } }, `${URL1}#top`);
    expect(part).toEqual(good);
    expect(part).not.toHaveProperty('body');
  });

  it.each([
    ['no part', null],
    ['another article', { ...good, url: URL1.replace('40000000', '40000001') }],
    ['a javascript: page address', { ...good, pageUrls: [URL1, 'javascript:alert(1)', ''] }],
    ['a javascript: article address', { ...good, url: 'javascript:alert(1)' }],
    ['a page number that is not one', { ...good, page: 1.5 }],
    ['a page outside its list', { ...good, page: 4 }],
    ['lists of different lengths', { ...good, pageUrls: [URL1] }],
    ['HTML that is not text', { ...good, html: { toString: (): string => '<p>x</p>' } }],
    ['a title that is not text', { ...good, title: ['标题'] }],
    ['header facts that are not text', { ...good, meta: { ...good.meta, byline: { a: 1 } } }],
    ['no header facts', { ...good, meta: null }],
  ])('refuses %s', (_what, part) => {
    expect(handedPart(part, URL1)).toBeNull();
  });
});
