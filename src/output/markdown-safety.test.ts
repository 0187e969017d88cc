/**
 * Markdown never carries live HTML (issue 12, item 5), on every path that writes Markdown: the
 * command line (`--format md`), the reader's Copy Markdown (from the rendered body) and Export
 * Markdown (from a saved copy). Viewers render inline HTML and follow links, so text that is
 * escaped markup must stay text, and no link or image may be anything but http(s).
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { formatArticle } from '../cli/article-output';
import { testArticle } from '../../test/support/library-articles';
import type { SavedArticle } from '../library/types';
import { articleMarkdown } from '../reader/copy-formats';
import { articleAsMarkdown } from './article-file';
import { ALL_PAYLOADS, joined } from '../../test/hostile/payloads';
import { headerOf } from './header';
import { escapeHtml } from './html';

const window = new JSDOM('<!doctype html>').window as unknown as Window & typeof globalThis;

/** Markdown with code blocks and code spans taken out (their text is literal in every viewer). */
function outsideCode(md: string): string {
  return md
    .replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?\n\1[`~]*[ \t]*$/gm, '')
    .replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, '');
}

/** Every way Markdown could hold live HTML or a non-http(s) link, as a list of what was found. */
function liveMarkup(md: string): string[] {
  const text = outsideCode(md);
  const found: string[] = [];
  // Raw HTML starts with `<` and a letter, `/`, `!` or `?`; the only `<` allowed opens an http(s) autolink.
  for (const m of text.matchAll(/<(?!https?:\/\/[^\s<>]*>)/g)) found.push(`"<" at ${m.index}: ${text.slice(m.index, m.index + 40)}`);
  // `&` only as the escapes themselves: nothing decodes into markup, in a viewer or later.
  for (const m of text.matchAll(/&(?!amp;|lt;)/g)) found.push(`"&" at ${m.index}: ${text.slice(m.index, m.index + 40)}`);
  // Link and image destinations: http(s) only.
  for (const m of text.matchAll(/(?<!\\)\]\(\s*<?([^)\s>]*)/g)) if (!/^https?:\/\//i.test(m[1] ?? '')) found.push(`destination ${m[1]}`);
  for (const m of text.matchAll(/<([a-z][a-z0-9+.-]*):/gi)) if (!/^https?$/i.test(m[1] ?? '')) found.push(`autolink ${m[1]}:`);
  for (const m of text.matchAll(/^ {0,3}\[[^\]\n]*\]:/gm)) found.push(`link definition ${m[0]}`);
  return found;
}

const HOSTILE_TEXT = '&lt;img src=x onerror=alert(1)&gt; &lt;a href="javascript:alert(2)"&gt;x&lt;/a&gt; &amp;lt;script&amp;gt; &lt;!-- c --&gt; &lt;https://x.cn/&gt; &lt;javascript:alert(3)&gt;';

/** A saved article whose text, title, byline, links, images and failed pages all try to smuggle markup. */
function hostileArticle(overrides: Partial<SavedArticle> = {}): SavedArticle {
  return testArticle(5, {
    title: '<img src=x onerror=alert(1)> & <b>title</b>',
    byline: '<script>alert(4)</script>',
    source: '&lt;svg onload=alert(5)&gt;',
    pageCount: 3,
    failedPages: [{ page: 3, url: 'javascript:alert(6)', reason: '<img src=x onerror=alert(7)>' }],
    contentHtml:
      `<section data-page="1"><p>${HOSTILE_TEXT}</p>` +
      '<p><a href="javascript:alert(8)">a script link</a> <a href="data:text/html,&lt;script&gt;alert(9)&lt;/script&gt;">a data link</a> <a href="http://culture.people.com.cn/ok.html" title="t &quot;q&quot; \\">a good link &lt;b&gt;</a></p>' +
      '<p><img src="data:image/svg+xml,&lt;svg onload=alert(10)&gt;" alt="data image"><img src="http://culture.people.com.cn/a.png" alt="&lt;img src=x onerror=alert(11)&gt;](javascript:alert(12))"></p>' +
      '<p><code>&lt;script&gt;alert(13)&lt;/script&gt;</code></p></section>',
    ...overrides,
  });
}

/** The rendered body the reader copies from: the article's sections as they are in the page, unsanitized here on purpose. */
function renderedBody(article: SavedArticle): Element {
  const body = window.document.createElement('div');
  body.className = 'article-body';
  // eslint-disable-next-line no-unsanitized/property -- on purpose: the copy path must hold even on a body nobody sanitized
  body.innerHTML = article.contentHtml;
  return body;
}

const paths: Array<[string, (a: SavedArticle) => string]> = [
  ['the command line (--format md)', (a) => formatArticle(a, 'md')],
  ['Copy Markdown', (a) => articleMarkdown(renderedBody(a), headerOf(a))],
  ['Export Markdown', (a) => articleAsMarkdown(a, window)],
];

describe.each(paths)('Markdown from %s', (_name, markdown) => {
  it('carries no live HTML and no link or image that is not http(s)', () => {
    const md = markdown(hostileArticle());
    expect(liveMarkup(md), md).toEqual([]);
  });

  it('keeps escaped markup as the text it is, title included', () => {
    const md = markdown(hostileArticle());
    expect(md.split('\n')[0]).toBe('# &lt;img src=x onerror=alert(1)> &amp; &lt;b>title&lt;/b>');
    expect(md).toContain('&lt;img src=x onerror=alert(1)>');
    expect(md).toContain('&amp;lt;script&amp;gt;');
    expect(md).toContain('a script link');
    expect(md).toContain('[a good link &lt;b>](http://culture.people.com.cn/ok.html');
    expect(md).toContain('![&lt;img src=x onerror=alert(11)>\\](javascript:alert(12))](http://culture.people.com.cn/a.png)');
    expect(md).toContain('`<script>alert(13)</script>`');
  });

  it('escapes the text fallback too (no HTML body)', () => {
    const md = markdown(hostileArticle({ contentHtml: '', textContent: '<img src=x onerror=alert(1)>\n\n&lt;b&gt;' }));
    expect(liveMarkup(md), md).toEqual([]);
  });

  it('writes no autolink for an address that is not http(s)', () => {
    const md = markdown(hostileArticle({ url: 'javascript:alert(14)' }));
    expect(liveMarkup(md), md).toEqual([]);
    expect(md).not.toContain('javascript:alert(14)>');
  });
});

// The command line's `md` is Export Markdown's function (`articleAsMarkdown`): the sweep runs it
// once, and Copy Markdown on a body nobody sanitized; text and titles share one escaping, run once.
describe('every hostile payload through Markdown', () => {
  const exportMarkdown = paths[2]![1];
  const copyMarkdown = paths[1]![1];
  const inBody = (markup: string): Partial<SavedArticle> => ({ contentHtml: `<section data-page="1"><p>text</p>${markup}<p>more</p></section>` });
  const kinds: Array<[string, (a: SavedArticle) => string, (markup: string) => Partial<SavedArticle>]> = [
    ['as markup in the body, Export Markdown and the command line', exportMarkdown, inBody],
    ['as markup in the body, Copy Markdown', copyMarkdown, inBody],
    ['as escaped markup (text) in the body', exportMarkdown, (markup) => ({ contentHtml: `<section data-page="1"><p>${escapeHtml(markup)}</p></section>` })],
    ['as the title, byline and source', copyMarkdown, (markup) => ({ title: markup, byline: markup, source: markup, contentHtml: '<p>text</p>' })],
  ];
  it.each(kinds)('%s: no live HTML, no link or image that is not http(s)', (_kind, markdown, place) => {
    const found: string[] = [];
    for (const payload of ALL_PAYLOADS) {
      const md = markdown(testArticle(9, { failedPages: [], ...place(joined(payload)) }));
      for (const what of liveMarkup(md)) found.push(`${payload.id}: ${what}`);
    }
    expect(found).toEqual([]);
    expect(ALL_PAYLOADS.length).toBeGreaterThan(150);
  });
});
