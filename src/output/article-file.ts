/**
 * One article as a file: Markdown (the command line's `md` and the reader's Export Markdown),
 * plain text with its header, a self-contained HTML page with the saved images inlined (Export
 * HTML; it opens anywhere, offline, and loads nothing), and the file's name.
 */
import type { WholeArticle } from '../pipeline/types';
import { articleBody, type DomWindow } from './article-body';
import { headerOf } from './header';
import { standaloneHtml } from './html';
import { bodyMarkdown, markdownDocument, textAsMarkdown } from './markdown';
import { bodyPlainText, tidyText } from './plain-text';
import { dataUri, placeSavedImages, type ImageBytes } from './saved-images';

/** Markdown: `# title`, the meta line with the URL, a note on missing pages, the body (its text when there is no HTML). */
export function articleAsMarkdown(article: WholeArticle, window: DomWindow): string {
  const body = article.contentHtml.trim() ? bodyMarkdown(articleBody(article, window)) : textAsMarkdown(tidyText(article.textContent));
  return markdownDocument(headerOf(article), body, article);
}

/** Plain text: title, meta line and URL, a blank line, the paragraphs. */
export function articleAsText(article: WholeArticle, window: DomWindow): string {
  return bodyPlainText(articleBody(article, window), headerOf(article));
}

/** A self-contained HTML page: the saved images inlined, the rest dropped to their alt text. */
export async function articleAsHtml<Image extends ImageBytes>(article: WholeArticle, images: readonly Image[], window: DomWindow): Promise<string> {
  const body = articleBody(article, window);
  await placeSavedImages(body, images, dataUri);
  return standaloneHtml(article, body, { selfContained: true });
}

/** A file name from a title: characters file systems refuse become dashes; CJK stays. */
export function fileNameFor(title: string, extension: string): string {
  const base = title
    .normalize('NFKC')
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
    .replace(/^[.\s-]+|[.\s-]+$/g, '');
  return `${base || 'article'}.${extension}`;
}
