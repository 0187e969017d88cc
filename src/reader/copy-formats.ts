/**
 * What the copy buttons put on the clipboard: plain text (paragraphs kept, no spaces put between
 * CJK characters), Markdown and HTML, each with an optional "title, source, date, URL" header.
 * Works on the rendered article body, so a page brought in by Retry is copied too.
 */
import TurndownService from 'turndown';
import { elementToText } from '../pipeline/html-text';

/** The header facts of an article. */
export interface ArticleHeader {
  title: string;
  /** Byline, source and date, already joined for display ("记者 张三 · 人民网 · 2022-02-13 07:48"). */
  meta: string;
  url: string;
}

/** Elements inside the article body that are the reader's own (notices, page markers): never copied. */
export const READER_UI_SELECTOR = '[data-reader-ui]';

/** A copy of the body without the reader's own elements. */
function cleanClone(body: Element): Element {
  const clone = body.cloneNode(true) as Element;
  for (const el of clone.querySelectorAll(READER_UI_SELECTOR)) el.remove();
  return clone;
}

export function articleText(body: Element, header: ArticleHeader | null): string {
  const text = elementToText(cleanClone(body));
  if (!header) return `${text}\n`;
  const head = [header.title, header.meta, header.url].filter((line) => line.trim() !== '');
  return `${head.join('\n')}\n\n${text}\n`;
}

function turndown(): TurndownService {
  const service = new TurndownService({ headingStyle: 'atx', hr: '---', bulletListMarker: '-', codeBlockStyle: 'fenced', emDelimiter: '*' });
  service.remove(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'form', 'button']);
  return service;
}

/** Line-wrap whitespace between two CJK characters is not a space: Markdown would keep one. */
const CJK = String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]`;
const CJK_SOFT_BREAK = new RegExp(String.raw`(${CJK})[ \t\r\f]*\n\s*(?=${CJK})`, 'gu');

export function articleMarkdown(body: Element, header: ArticleHeader | null): string {
  const service = turndown();
  const clone = cleanClone(body);
  const walker = clone.ownerDocument.createTreeWalker(clone, 4 /* SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeValue?.includes('\n') && !node.parentElement?.closest('pre')) node.nodeValue = node.nodeValue.replace(CJK_SOFT_BREAK, '$1');
  }
  const markdown = service.turndown(clone as HTMLElement).trim();
  if (!header) return `${markdown}\n`;
  const lines = [`# ${service.escape(header.title)}`, ''];
  const meta = [header.meta ? service.escape(header.meta) : '', header.url ? `<${header.url}>` : ''].filter(Boolean).join(' · ');
  if (meta) lines.push(meta, '');
  return `${lines.join('\n')}\n${markdown}\n`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** HTML of the article (the body is already sanitized; the header is escaped here). */
export function articleHtml(body: Element, header: ArticleHeader | null): string {
  const inner = cleanClone(body).innerHTML.trim();
  if (!header) return `<article>${inner}</article>`;
  const head = [`<h1>${escapeHtml(header.title)}</h1>`];
  if (header.meta) head.push(`<p>${escapeHtml(header.meta)}</p>`);
  if (header.url) head.push(`<p><a href="${escapeHtml(header.url)}">${escapeHtml(header.url)}</a></p>`);
  return `<article>${head.join('')}${inner}</article>`;
}
