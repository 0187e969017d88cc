/**
 * What the command prints: the article in the format `--format` names. Markdown and HTML are
 * `src/output/`'s (the same the reader's copy and export give); `text` is the title over the
 * article's text; `json` every field.
 */
import { articleAsMarkdown } from '../output/article-file';
import { articleBody } from '../output/article-body';
import { oneLine } from '../output/header';
import { standaloneHtml } from '../output/html';
import { plainTextDocument, tidyText } from '../output/plain-text';
import type { DomEnvironment, WholeArticle } from '../pipeline/types';
import type { OutputFormat } from './format-option';
import { createNodeDom } from './node-dom';

/**
 * Render an article in one of the output formats. The result ends with a newline.
 * @param dom used to parse `contentHtml` for `md` and `html` (default: a jsdom environment).
 */
export function formatArticle(article: WholeArticle, format: OutputFormat, dom?: DomEnvironment): string {
  switch (format) {
    case 'md':
      return articleAsMarkdown(article, defaultDom(dom).window);
    case 'text':
      return formatText(article);
    case 'html':
      return formatHtml(article, dom);
    case 'json':
      return formatJson(article);
  }
}

/**
 * One line per failed page, "page 3 of 4: HTTP 503 (URL)", for warnings and notes.
 */
export function describeFailedPages(article: WholeArticle): string[] {
  return article.failedPages.map((f) => `page ${f.page} of ${article.pageCount}: ${f.reason} (${f.url})`);
}

function defaultDom(dom: DomEnvironment | undefined): DomEnvironment {
  if (dom) return dom;
  cachedDom ??= createNodeDom();
  return cachedDom;
}
let cachedDom: DomEnvironment | undefined;

/** Plain text: the title, a blank line, the body's paragraphs separated by blank lines. */
export function formatText(article: WholeArticle): string {
  return plainTextDocument([oneLine(article.title)], tidyText(article.textContent));
}

/**
 * A complete standalone HTML document: `<meta charset="utf-8">`, title, `lang`, a strict
 * Content-Security-Policy (no scripts), and the body sanitized again with the pipeline's sanitizer.
 */
export function formatHtml(article: WholeArticle, dom?: DomEnvironment): string {
  const window = defaultDom(dom).window;
  return standaloneHtml(article, articleBody(article, window));
}

/** One JSON object with every field of the article, pretty-printed. */
export function formatJson(article: WholeArticle): string {
  const out = {
    title: article.title,
    byline: article.byline,
    source: article.source,
    siteName: article.siteName,
    publishedTime: article.publishedTime,
    lang: article.lang,
    dir: article.dir,
    url: article.url,
    site: article.site,
    pageCount: article.pageCount,
    pageUrls: article.pageUrls,
    failedPages: article.failedPages,
    excerpt: article.excerpt,
    length: article.length,
    textContent: article.textContent,
    contentHtml: article.contentHtml,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
