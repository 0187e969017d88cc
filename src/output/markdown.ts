/**
 * Markdown of an article: one Turndown setup for the command line, Copy Markdown and Export
 * Markdown. Markdown viewers render inline HTML, so nothing here ever writes live HTML: `<` and
 * `&` in text (titles and alt text too) become `&lt;` and `&amp;`, and a link or an image is
 * written only when it is http(s) (else the link's text alone, and no image).
 */
import TurndownService from 'turndown';
import type { FailedPage } from '../pipeline/types';
import { joinCjkLineBreaksIn } from './article-body';
import type { ArticleHeader } from './header';
import { httpUrl } from './links';

/** `<` and `&` as character references: text that can never open a tag, an entity or an autolink. */
export function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

function cleanAttribute(value: string | null): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

/** The reader's mark on a caption it found (src/reader/article-view.ts CAPTION_CLASS). */
const CAPTION_CLASS = 'reader-caption';
const MAX_ALT_CHARS = 200;

/**
 * An image's alt text for Markdown: its own `alt`, else its caption (the figure's `<figcaption>`, or
 * the caption line the reader marked after it), else its `title`; '' when it has none of them, which
 * Markdown reads as a decorative image (`![](src)`), never a broken `![]()`.
 */
export function imageAlt(img: Element): string {
  const own = cleanAttribute(img.getAttribute('alt'));
  if (own) return own;
  const block = img.closest('p, div, li, td, center, figure');
  const caption =
    img.closest('figure')?.querySelector('figcaption') ??
    (block?.classList.contains(CAPTION_CLASS) ? block : null) ??
    (block?.nextElementSibling?.classList.contains(CAPTION_CLASS) ? block.nextElementSibling : null);
  const text = cleanAttribute(caption?.textContent ?? null) || cleanAttribute(img.getAttribute('title'));
  return text.length > MAX_ALT_CHARS ? `${text.slice(0, MAX_ALT_CHARS - 1)}…` : text;
}

/** ` "title"` for a link or image, or nothing. */
function titlePart(node: Element): string {
  const title = cleanAttribute(node.getAttribute('title'));
  return title ? ` "${title.replace(/[\\"]/g, '\\$&')}"` : '';
}

/** A link destination: absolute http(s) (the URL serializer leaves no space, `<` or `>`), parentheses escaped. */
function destination(url: string): string {
  return url.replace(/[()]/g, '\\$&');
}

function createTurndown(): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    hr: '---',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    emDelimiter: '*',
    strongDelimiter: '**',
  });
  const escapeMarkdown = service.escape.bind(service);
  // Text nodes (code excepted: code spans and blocks are literal) go through this.
  service.escape = (text: string) => escapeMarkup(escapeMarkdown(text));
  service.remove(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'form', 'button']);
  service.addRule('httpLink', {
    filter: 'a',
    replacement: (content, node) => {
      const href = httpUrl((node as Element).getAttribute('href'));
      return href ? `[${content}](${destination(href)}${titlePart(node as Element)})` : content;
    },
  });
  service.addRule('httpImage', {
    filter: 'img',
    replacement: (_content, node) => {
      const src = httpUrl((node as Element).getAttribute('src'));
      return src ? `![${service.escape(imageAlt(node as Element))}](${destination(src)}${titlePart(node as Element)})` : '';
    },
  });
  return service;
}

let shared: TurndownService | undefined;
function turndown(): TurndownService {
  shared ??= createTurndown();
  return shared;
}

/** Markdown-escaped text (headings, the meta line, reasons). */
export function escapeMarkdownText(text: string): string {
  return turndown().escape(text);
}

/** The body as Markdown. `body` is not changed. */
export function bodyMarkdown(body: Element): string {
  const clone = body.cloneNode(true) as HTMLElement;
  // Before Markdown collapses a CJK line wrap into a space (a rendered body still has them).
  joinCjkLineBreaksIn(clone);
  return turndown().turndown(clone);
}

/** Plain text as a Markdown body: paragraphs as they are, with no markup that could be live. */
export function textAsMarkdown(text: string): string {
  return escapeMarkup(text);
}

export interface MissingPages {
  failedPages: readonly FailedPage[];
  pageCount: number;
}

/**
 * A Markdown document: `# title`, the meta line with the URL, a note on missing pages, the body
 * (Markdown already). Without a header, the body alone. Ends with one newline.
 */
export function markdownDocument(header: ArticleHeader | null, body: string, missing?: MissingPages): string {
  const lines: string[] = [];
  if (header) {
    const url = httpUrl(header.url);
    lines.push(`# ${escapeMarkdownText(header.title) || 'Untitled'}`, '');
    lines.push([header.meta ? escapeMarkdownText(header.meta) : '', url ? `<${url}>` : ''].filter(Boolean).join(' · '), '');
  }
  if (missing && missing.failedPages.length > 0) {
    lines.push(
      `> **Incomplete:** ${missing.failedPages.length} of ${missing.pageCount} pages could not be loaded.`,
      '>',
      ...missing.failedPages.map((f) => {
        const url = httpUrl(f.url);
        return `> - Page ${f.page}: ${escapeMarkdownText(f.reason)}${url ? ` (<${url}>)` : ''}`;
      }),
      '',
    );
  }
  lines.push(body.replace(/[ \t]+$/gm, (m) => (m === '  ' ? m : '')).trim());
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
