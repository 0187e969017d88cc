/**
 * What the copy buttons put on the clipboard: the rendered article body (so a page brought in by
 * Retry is copied too) without the reader's own elements, as plain text, Markdown or HTML, each
 * with an optional "title, source, date, URL" header. The formats themselves are `src/output/`'s.
 */
import type { ArticleHeader } from '../output/header';
import { htmlFragment } from '../output/html';
import { bodyMarkdown, markdownDocument } from '../output/markdown';
import { bodyPlainText } from '../output/plain-text';
import { withoutReaderUi } from './article-view';

export type { ArticleHeader };

export function articleText(body: Element, header: ArticleHeader | null): string {
  return bodyPlainText(withoutReaderUi(body), header);
}

export function articleMarkdown(body: Element, header: ArticleHeader | null): string {
  return markdownDocument(header, bodyMarkdown(withoutReaderUi(body)));
}

/** HTML of the article (the body is already sanitized; the header is escaped). */
export function articleHtml(body: Element, header: ArticleHeader | null): string {
  return htmlFragment(withoutReaderUi(body), header);
}
