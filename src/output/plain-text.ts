/** Plain text of an article: the header lines, a blank line, paragraphs separated by blank lines. */
import { elementToText } from '../pipeline/element-text';
import type { ArticleHeader } from './header';

/** The header as lines: title, meta line, URL (empty ones left out). */
export function headerLines(header: ArticleHeader | null): string[] {
  return header ? [header.title, header.meta, header.url] : [];
}

/** Line endings made `\n`, trailing spaces dropped, runs of blank lines made one, trimmed. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** `head` (one line each), a blank line, `body`. Ends with one newline. */
export function plainTextDocument(head: readonly string[], body: string): string {
  const top = head.filter((line) => line.trim() !== '').join('\n');
  return `${[top, body].filter(Boolean).join('\n\n')}\n`;
}

/** The text of a body element (no spaces put between CJK characters) under its header. */
export function bodyPlainText(body: Element, header: ArticleHeader | null): string {
  return plainTextDocument(headerLines(header), elementToText(body));
}
