/**
 * An EPUB 3 book of one or several saved articles, for e-readers: `mimetype` stored first and
 * uncompressed, `META-INF/container.xml`, the package document (OPF), a navigation document, one
 * XHTML chapter per article and its saved images. Zipped with fflate.
 *
 * `vertical: true` sets the book in vertical columns read right to left (竖排), as Chinese and
 * Japanese e-books are: `page-progression-direction="rtl"` on the spine, `writing-mode: vertical-rl`
 * (and `-epub-writing-mode`, which older Readium/Apple readers want) in its CSS, the
 * `primary-writing-mode` meta Kindle's converter reads, and short numbers upright in one cell.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { articleIdFor } from '../library/article-id';
import type { SavedArticle } from '../library/types';
import { articleBody, type DomWindow } from './article-body';
import { headerOf } from './header';
import { escapeHtml as escapeXml } from './html';
import { httpUrl } from './links';
import { placeSavedImages, type ImageBytes } from './saved-images';
import { wrapShortNumbers } from './short-numbers';

const XHTML_NS = 'http://www.w3.org/1999/xhtml';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Image types every EPUB 3 reading system must show (core media types), and their extensions. */
const CORE_IMAGE_TYPES: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
};

/** Characters XML 1.0 does not allow, even escaped. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export interface EpubItem {
  article: SavedArticle;
  images: readonly ImageBytes[];
}

export interface EpubOptions {
  /** The book's title (default: the article's, or "WholeStory: N articles"). */
  title?: string;
  /** Time written into the book and its files (tests). */
  now?: Date;
  /** Vertical columns, right to left (default: horizontal lines). */
  vertical?: boolean;
}

interface ManifestItem {
  id: string;
  href: string;
  type: string;
  properties?: string;
}

const STYLE = `body{font-family:serif;line-height:1.7;margin:0 1em}h1{line-height:1.3;margin:1em 0 .5em}
.meta{color:#555;font-size:.85em;margin:0}img{max-width:100%;height:auto}figure{margin:1em 0}`;

/** Vertical: the whole page in columns; images bounded by the column's length; numbers upright. */
const VERTICAL_STYLE = `html{-epub-writing-mode:vertical-rl;-webkit-writing-mode:vertical-rl;writing-mode:vertical-rl}
body{margin:1em 0}h1{margin:0 .5em 0 1em}img{max-width:none;max-height:100%;width:auto}
.tcy{-epub-text-combine:horizontal;-webkit-text-combine:horizontal;text-combine-upright:all}`;

/** Wraps short numbers of `root`'s Chinese text in `span.tcy` (the reader's vertical rule, short-numbers.ts). */
function markShortNumbers(doc: XMLDocument, root: Element): void {
  wrapShortNumbers(root, 'a, code, pre, kbd, samp', (digits) => element(doc, 'span', digits, { class: 'tcy' }));
}

function xhtmlFile(window: DomWindow, title: string, lang: string, fill: (doc: XMLDocument, body: Element) => void): string {
  const doc = window.document.implementation.createDocument(XHTML_NS, 'html', null);
  const html = doc.documentElement;
  html.setAttribute('lang', lang);
  html.setAttributeNS(XML_NS, 'xml:lang', lang);
  const head = doc.createElementNS(XHTML_NS, 'head');
  const titleEl = doc.createElementNS(XHTML_NS, 'title');
  titleEl.textContent = title;
  const css = doc.createElementNS(XHTML_NS, 'link');
  css.setAttribute('rel', 'stylesheet');
  css.setAttribute('type', 'text/css');
  css.setAttribute('href', '../style.css');
  head.append(titleEl, css);
  const body = doc.createElementNS(XHTML_NS, 'body');
  html.append(head, body);
  fill(doc, body);
  // Text a browser keeps but XML refuses (stray control characters in a page) goes.
  const walker = doc.createTreeWalker(html, 4 /* SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) node.nodeValue = (node.nodeValue ?? '').replace(NOT_XML, '');
  for (const el of html.querySelectorAll('*')) for (const attr of [...el.attributes]) attr.value = attr.value.replace(NOT_XML, '');
  return `<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n${new window.XMLSerializer().serializeToString(html)}\n`;
}

function element(doc: XMLDocument, name: string, text?: string, attrs: Record<string, string> = {}): Element {
  const el = doc.createElementNS(XHTML_NS, name);
  if (text !== undefined) el.textContent = text;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

/** `2024-05-01T10:00:00Z` (no milliseconds, as `dcterms:modified` wants). */
function epubDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** The EPUB file's bytes. */
export async function buildEpub(items: readonly EpubItem[], window: DomWindow, options: EpubOptions = {}): Promise<Uint8Array> {
  if (items.length === 0) throw new Error('no articles to put in the book');
  const now = options.now ?? new Date();
  const first = items[0]!.article;
  const lang = first.lang || 'zh-CN';
  const title = options.title ?? (items.length === 1 ? first.title : `WholeStory: ${items.length} articles`);
  const files: Zippable = {};
  const manifest: ManifestItem[] = [
    { id: 'nav', href: 'nav.xhtml', type: 'application/xhtml+xml', properties: 'nav' },
    { id: 'style', href: 'style.css', type: 'text/css' },
  ];
  const chapters: Array<{ id: string; href: string; title: string }> = [];

  for (const [index, { article, images }] of items.entries()) {
    const n = index + 1;
    const body = articleBody(article, window);
    let count = 0;
    await placeSavedImages(body, images, async (blob) => {
      const extension = Object.hasOwn(CORE_IMAGE_TYPES, blob.type) ? CORE_IMAGE_TYPES[blob.type] : undefined;
      if (!extension) return null;
      count++;
      const href = `images/${n}-${count}.${extension}`;
      files[`OEBPS/${href}`] = [new Uint8Array(await blob.arrayBuffer()), { level: 0 }];
      manifest.push({ id: `img-${n}-${count}`, href, type: blob.type });
      return `../${href}`;
    });
    for (const img of body.querySelectorAll('img:not([alt])')) img.setAttribute('alt', '');
    const header = headerOf(article);
    const href = `text/chapter-${n}.xhtml`;
    const articleLang = article.lang || lang;
    files[`OEBPS/${href}`] = strToU8(
      xhtmlFile(window, article.title, articleLang, (doc, xbody) => {
        xbody.append(element(doc, 'h1', header.title));
        if (header.meta) xbody.append(element(doc, 'p', header.meta, { class: 'meta' }));
        const url = httpUrl(header.url);
        if (url) {
          const original = element(doc, 'p', undefined, { class: 'meta' });
          original.append(element(doc, 'a', url, { href: url }));
          xbody.append(original);
        }
        for (const child of [...body.childNodes]) xbody.append(doc.importNode(child, true));
        if (options.vertical) markShortNumbers(doc, xbody);
      }),
    );
    manifest.push({ id: `chapter-${n}`, href, type: 'application/xhtml+xml' });
    chapters.push({ id: `chapter-${n}`, href, title: article.title });
  }

  const nav = `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="${XHTML_NS}" xmlns:epub="http://www.idpf.org/2007/ops" lang="${escapeXml(lang)}" xml:lang="${escapeXml(lang)}">
<head><title>${escapeXml(title)}</title></head>
<body>
<nav epub:type="toc" id="toc"><h1>${escapeXml(title)}</h1>
<ol>
${chapters.map((c) => `<li><a href="${c.href}">${escapeXml(c.title.replace(NOT_XML, ''))}</a></li>`).join('\n')}
</ol>
</nav>
</body>
</html>
`;
  const identifier = `urn:wholestory:${articleIdFor(items.map((i) => i.article.id).join(' '))}`;
  const creator = items.length === 1 ? (first.byline ?? first.source ?? first.siteName) : null;
  const opf = `<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="${escapeXml(lang)}">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="book-id">${identifier}</dc:identifier>
<dc:title>${escapeXml(title.replace(NOT_XML, ''))}</dc:title>
<dc:language>${escapeXml(lang)}</dc:language>
${creator ? `<dc:creator>${escapeXml(creator.replace(NOT_XML, ''))}</dc:creator>\n` : ''}${items.map((i) => `<dc:source>${escapeXml(i.article.url)}</dc:source>`).join('\n')}
<meta property="dcterms:modified">${epubDate(now)}</meta>
${options.vertical ? '<meta name="primary-writing-mode" content="vertical-rl"/>\n' : ''}</metadata>
<manifest>
${manifest.map((m) => `<item id="${m.id}" href="${m.href}" media-type="${m.type}"${m.properties ? ` properties="${m.properties}"` : ''}/>`).join('\n')}
</manifest>
<spine${options.vertical ? ' page-progression-direction="rtl"' : ''}>
${chapters.map((c) => `<itemref idref="${c.id}"/>`).join('\n')}
</spine>
</package>
`;
  const container = `<?xml version="1.0" encoding="utf-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
`;
  // Insertion order is zip order: the mimetype entry must come first, stored, without extra fields.
  const book: Zippable = {
    mimetype: [strToU8('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': strToU8(container),
    'OEBPS/content.opf': strToU8(opf),
    'OEBPS/nav.xhtml': strToU8(nav),
    'OEBPS/style.css': strToU8(options.vertical ? `${STYLE}\n${VERTICAL_STYLE}` : STYLE),
    ...files,
  };
  return zipSync(book, { level: 6, mtime: now });
}
