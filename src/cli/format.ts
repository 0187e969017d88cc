import TurndownService from 'turndown';
import type { DomEnvironment, WholeArticle } from '../pipeline/types';
import { sanitizeArticleHtml } from '../pipeline/sanitize';
import { createNodeDom } from './node-dom';

import type { OutputFormat } from './formats';

export { OUTPUT_FORMATS, isOutputFormat, type OutputFormat } from './formats';

/** CJK characters and punctuation: whitespace between two of these is never a word space. */
const CJK = String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]`;
/** Whitespace holding a line break between two CJK characters: a source-code wrap, not a space. */
const CJK_SOFT_BREAK = new RegExp(String.raw`(${CJK})[ \t\r\f]*\n\s*(?=${CJK})`, 'gu');

/**
 * Remove line-wrap whitespace between CJK characters (`中\n文` → `中文`). Spaces written on one line
 * (`记者 张三`) are the author's and stay.
 */
export function joinCjkLineBreaks(text: string): string {
  return text.replace(CJK_SOFT_BREAK, '$1');
}

/**
 * Render an article in one of the output formats. The result ends with a newline.
 * @param dom used to parse `contentHtml` for `md` and `html` (default: a jsdom environment).
 */
export function formatArticle(article: WholeArticle, format: OutputFormat, dom?: DomEnvironment): string {
  switch (format) {
    case 'md':
      return formatMarkdown(article, dom);
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

/** "2013-09-10T08:35:00+08:00" → "2013-09-10 08:35 +08:00"; anything else unchanged. */
export function displayDate(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso);
  if (!m) return iso;
  const zone = m[3] === undefined ? '' : m[3] === 'Z' ? ' UTC' : ` ${m[3]}`;
  return `${m[1]} ${m[2]}${zone}`;
}

/** Byline, source (unless the byline already says it), date: the parts of the line under the title. */
function metaParts(article: WholeArticle): string[] {
  const parts: string[] = [];
  const byline = article.byline?.trim();
  const source = article.source?.trim();
  if (byline) parts.push(byline);
  if (source && !(byline && byline.includes(source))) parts.push(source);
  if (article.publishedTime) parts.push(displayDate(article.publishedTime));
  return parts;
}

function defaultDom(dom: DomEnvironment | undefined): DomEnvironment {
  if (dom) return dom;
  cachedDom ??= createNodeDom();
  return cachedDom;
}
let cachedDom: DomEnvironment | undefined;

/**
 * Parse the article body into a container element, with relative links and image sources made
 * absolute against the page each `<section data-page="N">` came from.
 */
function parseBody(article: WholeArticle, dom: DomEnvironment): HTMLElement {
  const doc = dom.parse(`<!doctype html><html><head></head><body>${article.contentHtml}</body></html>`, article.url || 'about:blank');
  const body = doc.body;
  const attrs: Array<[string, string]> = [
    ['a', 'href'],
    ['img', 'src'],
    ['source', 'src'],
    ['video', 'src'],
    ['video', 'poster'],
    ['audio', 'src'],
  ];
  for (const [tag, attr] of attrs) {
    for (const el of Array.from(body.querySelectorAll(`${tag}[${attr}]`))) {
      const value = el.getAttribute(attr) ?? '';
      if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('#')) continue;
      const section = el.closest('[data-page]');
      const page = Number(section?.getAttribute('data-page'));
      const base = (Number.isInteger(page) && article.pageUrls[page - 1]) || article.url;
      try {
        el.setAttribute(attr, new URL(value, base).href);
      } catch {
        // Leave a value that is not a URL alone.
      }
    }
  }
  // Join CJK text wrapped across source lines before Markdown collapses the break into a space.
  const walker = doc.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest('pre')) continue;
    const value = node.nodeValue ?? '';
    if (value.includes('\n')) node.nodeValue = joinCjkLineBreaks(value);
  }
  return body;
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
  service.remove(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'form', 'button']);
  return service;
}

/** Markdown: `# title`, a byline/source/date line, the URL, a note on missing pages, the body. */
export function formatMarkdown(article: WholeArticle, dom?: DomEnvironment): string {
  const service = createTurndown();
  const lines: string[] = [`# ${service.escape(oneLine(article.title) || 'Untitled')}`, ''];
  const meta = metaParts(article).map((p) => service.escape(oneLine(p)));
  meta.push(article.url ? `<${article.url}>` : '');
  lines.push(meta.filter(Boolean).join(' · '), '');
  if (article.failedPages.length > 0) {
    lines.push(
      `> **Incomplete:** ${article.failedPages.length} of ${article.pageCount} pages could not be loaded.`,
      '>',
      ...article.failedPages.map((f) => `> - Page ${f.page}: ${service.escape(f.reason)} (<${f.url}>)`),
      '',
    );
  }
  const body = article.contentHtml.trim()
    ? service.turndown(parseBody(article, defaultDom(dom)))
    : plainBody(article);
  lines.push(body.replace(/[ \t]+$/gm, (m) => (m === '  ' ? m : '')).trim());
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

/** Plain text: the title, a blank line, the body's paragraphs separated by blank lines. */
export function formatText(article: WholeArticle): string {
  const title = oneLine(article.title);
  const body = plainBody(article);
  return `${[title, body].filter(Boolean).join('\n\n')}\n`;
}

function plainBody(article: WholeArticle): string {
  return article.textContent
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function oneLine(value: string): string {
  return joinCjkLineBreaks(value).replace(/\s+/g, ' ').trim();
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

/**
 * A complete standalone HTML document: `<meta charset="utf-8">`, title, `lang`, a strict
 * Content-Security-Policy (no scripts), and the body sanitized again with the pipeline's sanitizer.
 */
export function formatHtml(article: WholeArticle, dom?: DomEnvironment): string {
  const env = defaultDom(dom);
  const body = parseBody(article, env);
  // Sanitized again here although the pipeline did it: this document is opened straight from disk.
  const clean = sanitizeArticleHtml(body.innerHTML, env.window);
  const lang = article.lang ?? guessLang(article.textContent);
  const title = oneLine(article.title) || 'Untitled';
  const meta = metaParts(article).map((p) => escapeHtml(oneLine(p)));
  if (article.publishedTime && meta.length > 0) {
    const shown = escapeHtml(displayDate(article.publishedTime));
    const index = meta.lastIndexOf(shown);
    if (index >= 0) meta[index] = `<time datetime="${escapeAttr(article.publishedTime)}">${shown}</time>`;
  }
  if (article.url) meta.push(`<a href="${escapeAttr(article.url)}">${escapeHtml(article.siteName ?? hostOf(article.url))}</a>`);
  const notice =
    article.failedPages.length > 0
      ? `<div class="notice" role="note"><p><strong>Incomplete:</strong> ${article.failedPages.length} of ${article.pageCount} pages could not be loaded.</p><ul>${article.failedPages
          .map((f) => `<li>Page ${f.page}: ${escapeHtml(f.reason)} (<a href="${escapeAttr(f.url)}">${escapeHtml(f.url)}</a>)</li>`)
          .join('')}</ul></div>\n`
      : '';
  const htmlAttrs = [lang ? ` lang="${escapeAttr(lang)}"` : '', article.dir ? ` dir="${escapeAttr(article.dir)}"` : ''].join('');
  return `<!doctype html>
<html${htmlAttrs}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src * data:; media-src *; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="WholeStory">
<title>${escapeHtml(title)}</title>
${article.url ? `<link rel="canonical" href="${escapeAttr(article.url)}">\n` : ''}<style>${STYLE}</style>
</head>
<body>
<article>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${meta.join(' · ')}</p>
</header>
${notice}${clean.trim()}
</article>
</body>
</html>
`;
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

function guessLang(text: string): string | null {
  const sample = text.slice(0, 2000);
  const cjk = sample.match(new RegExp(CJK, 'gu'))?.length ?? 0;
  return cjk > 20 ? 'zh' : null;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(value: string): string {
  return escapeHtml(value).replace(/"/g, '&quot;');
}
