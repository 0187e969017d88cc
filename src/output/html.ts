/**
 * HTML of an article: the fragment the Copy HTML button puts on the clipboard, and a standalone
 * page (the command line's `--format html`, the reader's Export HTML) that opens from disk with a
 * Content-Security-Policy allowing no script at all.
 */
import { guessLang } from '../pipeline/cjk-text';
import type { WholeArticle } from '../pipeline/types';
import { displayDate } from './display';
import { headerOf, metaParts, oneLine, type ArticleHeader } from './header';
import { httpUrl } from './links';

/** Text (or an attribute value) as HTML or XML: `& < > " '` as character references. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The body under an escaped header, in one `<article>` (the body is sanitized already). */
export function htmlFragment(body: Element, header: ArticleHeader | null): string {
  const inner = body.innerHTML.trim();
  if (!header) return `<article>${inner}</article>`;
  const head = [`<h1>${escapeHtml(header.title)}</h1>`];
  if (header.meta) head.push(`<p>${escapeHtml(header.meta)}</p>`);
  const url = httpUrl(header.url);
  if (url) head.push(`<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`);
  return `<article>${head.join('')}${inner}</article>`;
}

const STYLE = `
body{margin:0;background:#fdfdfb;color:#1d1d1f}
article{max-width:42em;margin:2.5em auto;padding:0 1.25em;font:18px/1.75 system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Microsoft YaHei",sans-serif}
h1{font-size:1.8em;line-height:1.3;margin:0 0 .4em}
.meta{color:#5f6368;font-size:.9em;margin:0 0 2em;overflow-wrap:anywhere}
.notice{background:#fff4e5;border-left:4px solid #f0a030;padding:.6em 1em;font-size:.9em}
img,video{max-width:100%;height:auto}
figure{margin:1.5em 0}figcaption{color:#5f6368;font-size:.9em}
a{color:#1a5fb4}
@media (prefers-color-scheme:dark){body{background:#1c1c1e;color:#e8e8ea}.meta,figcaption{color:#a0a0a8}.notice{background:#3a2e1a}a{color:#8cb4ff}}
`.trim();

/** What may load: images from anywhere (they are the article's), or, self-contained, nothing at all. */
const CSP = {
  linked: "default-src 'none'; img-src * data:; media-src *; style-src 'unsafe-inline'",
  selfContained: "default-src 'none'; img-src data:; style-src 'unsafe-inline'",
};

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export interface StandaloneOptions {
  /** The images are inlined (`data:`): the page loads nothing from anywhere. */
  selfContained?: boolean;
}

type StandaloneFacts = Pick<WholeArticle, 'title' | 'byline' | 'source' | 'publishedTime' | 'siteName' | 'url' | 'lang' | 'dir' | 'textContent' | 'failedPages' | 'pageCount'>;

/**
 * A complete HTML document of the article: charset, title, `lang` (guessed only for Chinese), a
 * strict CSP, a header (byline · source · date, a link to the original) and a note on missing
 * pages. `body` is `articleBody`'s (sanitized).
 */
export function standaloneHtml(article: StandaloneFacts, body: Element, options: StandaloneOptions = {}): string {
  const header = headerOf(article);
  const title = header.title || 'Untitled';
  const guessed = guessLang(article.textContent);
  const lang = article.lang ?? (guessed?.startsWith('zh') ? guessed : null);
  const url = httpUrl(article.url);
  const meta = metaParts(article).map((p) => escapeHtml(p));
  if (article.publishedTime && meta.length > 0) {
    meta[meta.length - 1] = `<time datetime="${escapeHtml(article.publishedTime)}">${escapeHtml(displayDate(article.publishedTime))}</time>`;
  }
  if (url) meta.push(`<a href="${escapeHtml(url)}">${escapeHtml(oneLine(article.siteName ?? '') || hostOf(url))}</a>`);
  const notice =
    article.failedPages.length > 0
      ? `<div class="notice" role="note"><p><strong>Incomplete:</strong> ${article.failedPages.length} of ${article.pageCount} pages could not be loaded.</p><ul>${article.failedPages
          .map((f) => {
            const page = httpUrl(f.url);
            return `<li>Page ${f.page}: ${escapeHtml(f.reason)}${page ? ` (<a href="${escapeHtml(page)}">${escapeHtml(page)}</a>)` : ''}</li>`;
          })
          .join('')}</ul></div>\n`
      : '';
  const htmlAttrs = [lang ? ` lang="${escapeHtml(lang)}"` : '', article.dir ? ` dir="${escapeHtml(article.dir)}"` : ''].join('');
  return `<!doctype html>
<html${htmlAttrs}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${options.selfContained ? CSP.selfContained : CSP.linked}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="WholeStory">
<title>${escapeHtml(title)}</title>
${url ? `<link rel="canonical" href="${escapeHtml(url)}">\n` : ''}<style>${STYLE}</style>
</head>
<body>
<article>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${meta.join(' · ')}</p>
</header>
${notice}${body.innerHTML.trim()}
</article>
</body>
</html>
`;
}
