/**
 * The part the news tab hands the reader (page-part.ts) is the part the reader's own pipeline
 * shows first for the same HTML: once sanitized, the same body HTML, headline, header facts, page
 * and page list, on every multi-page case of test/pages/ (the reader paints it first, and nothing
 * may be replaced when its pipeline's part for that page comes).
 */
import { describe, expect, it } from 'vitest';
import { listCaseSlugs, loadCase, makeFixtureFetch, pageBytes } from '../../test/fixture-support';
import { createNodeDom } from '../cli/node-dom';
import { decodeHtml } from '../pipeline/decode';
import { readWholeArticle } from '../pipeline/read-whole-article';
import { sanitizedBody } from '../pipeline/sanitize';
import type { ArticlePart } from '../pipeline/types';
import { urlKey } from '../pipeline/url';
import { pagePart } from './page-part';

const cases = listCaseSlugs().map((slug) => loadCase(slug));
/** The news tab's DOM, one for every case (the pipeline's own moves to a fresh window every 32 pages). */
const tabDom = createNodeDom();

describe('the part made in the news tab (pagePart)', () => {
  const made: string[] = [];
  it.each(cases.map((c) => [c.slug, c] as const))('%s: the same page the pipeline shows first', async (_slug, c) => {
    const page = Object.entries(c.json.pages).find(([url]) => urlKey(url) === urlKey(c.json.start))?.[1];
    if (!page) throw new Error(`${c.slug}: no start page`);
    const html = decodeHtml(pageBytes(c, page), page.contentType ?? null).html;
    const dom = createNodeDom();
    const parts: ArticlePart[] = [];
    // Only the first part is compared: the read stops once it is in (it is handed over before any
    // other page is asked for; the other pages and the merge were most of the read's CPU time).
    const stop = new AbortController();
    const onPart = (p: ArticlePart) => {
      parts.push(p);
      stop.abort();
    };
    await readWholeArticle({ ...(c.json.options ?? {}), url: c.json.start, html, fetch: makeFixtureFetch(c).fetch, dom, onPart, signal: stop.signal }).catch(() => undefined);
    const part = pagePart(html, c.json.start, tabDom);
    if (!part) return;
    made.push(c.slug);
    const first = parts[0];
    expect(first, 'the pipeline showed a page').toBeDefined();
    const { body: _body, html: pipelineHtml, ...facts } = first!;
    const { html: handed, ...handedFacts } = part;
    expect(handedFacts).toEqual(facts);
    expect(sanitizedBody(handed, dom.window).innerHTML).toBe(pipelineHtml);
  });

  it('makes a part for most multi-page cases (the rule finds the body)', () => {
    expect(made.length).toBeGreaterThanOrEqual(10);
  });

  it('makes none for a page that is not paginated', () => {
    const html = '<!doctype html><html><head><title>一页</title></head><body><div id="p-detail"><p>只有一页的文章。</p></div></body></html>';
    expect(pagePart(html, 'http://politics.people.com.cn/n1/2024/0101/c1001-40000000.html', createNodeDom())).toBeNull();
  });
});
