/**
 * One saved article as a file: Markdown, plain text, or a self-contained HTML page whose images are
 * inlined as data: URIs (it opens anywhere, offline, and loads nothing). The stored HTML is
 * sanitized again on the way out, like on every render.
 */
import { bytesToBase64 } from '../base64';
import { sanitizeArticleHtml } from '../pipeline/sanitize';
import { headerOf } from '../reader/article-view';
import { articleMarkdown, articleText } from '../reader/copy-formats';
import type { SavedArticle, StoredImage } from './types';

type DomWindow = Window & typeof globalThis;

/** The article body, sanitized, in an inert document of `window` (nothing in it loads). */
export function exportBody(article: SavedArticle, window: DomWindow): HTMLElement {
  const clean = sanitizeArticleHtml(article.contentHtml, window);
  const body = new window.DOMParser().parseFromString(`<!doctype html><body>${clean}`, 'text/html').body;
  const wrapper = body.firstElementChild;
  if (body.children.length === 1 && wrapper?.tagName === 'ARTICLE') wrapper.replaceWith(...wrapper.childNodes);
  return body;
}

/** Original absolute URL of an image element (relative ones against the article's URL). */
export function imageUrl(img: Element, article: SavedArticle): string | null {
  const src = img.getAttribute('src');
  if (!src) return null;
  try {
    return new URL(src, article.url).href;
  } catch {
    return null;
  }
}

/** An image that was not saved: its alt text stays, the element goes (it would load from the network). */
export function dropImage(img: Element): void {
  const alt = img.getAttribute('alt')?.trim();
  if (alt) img.replaceWith(img.ownerDocument.createTextNode(`[${alt}]`));
  else img.remove();
}

export function articleAsMarkdown(article: SavedArticle, window: DomWindow): string {
  return articleMarkdown(exportBody(article, window), headerOf(article));
}

export function articleAsText(article: SavedArticle, window: DomWindow): string {
  return articleText(exportBody(article, window), headerOf(article));
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A data: URI of a blob. */
export async function dataUri(blob: Blob): Promise<string> {
  return `data:${blob.type || 'application/octet-stream'};base64,${bytesToBase64(new Uint8Array(await blob.arrayBuffer()))}`;
}

const PAGE_STYLE = `body{margin:0;background:#fff;color:#1d1d1f;font:19px/1.8 Georgia,"Songti SC","Noto Serif CJK SC",serif}
article{max-width:36em;margin:0 auto;padding:2em 1.2em}h1{line-height:1.3}.meta{color:#5f6368;font-size:.85em}
img{max-width:100%;height:auto}@media (prefers-color-scheme:dark){body{background:#1f2023;color:#e3e3e3}.meta{color:#a0a4a8}a{color:#8ab4f8}}`;

/** A self-contained HTML page: header, body, images inlined; a CSP that allows nothing else. */
export async function articleAsHtml(article: SavedArticle, images: readonly StoredImage[], window: DomWindow): Promise<string> {
  const body = exportBody(article, window);
  const byUrl = new Map(images.map((image) => [image.url, image.blob]));
  const inlined = new Map<string, string>();
  for (const img of body.querySelectorAll('img')) {
    img.removeAttribute('srcset');
    img.removeAttribute('sizes');
    const url = imageUrl(img, article);
    const blob = url ? byUrl.get(url) : undefined;
    if (!url || !blob) {
      dropImage(img);
      continue;
    }
    let uri = inlined.get(url);
    if (!uri) {
      uri = await dataUri(blob);
      inlined.set(url, uri);
    }
    img.setAttribute('src', uri);
  }
  const header = headerOf(article);
  const lang = article.lang ? ` lang="${escapeHtml(article.lang)}"` : '';
  return `<!DOCTYPE html>
<html${lang}>
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(article.title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<article>
<header><h1>${escapeHtml(header.title)}</h1>${header.meta ? `<p class="meta">${escapeHtml(header.meta)}</p>` : ''}<p class="meta"><a href="${escapeHtml(header.url)}">${escapeHtml(header.url)}</a></p></header>
${body.innerHTML}
</article>
</body>
</html>
`;
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
