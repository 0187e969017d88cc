/**
 * Bytes to text, the way a careful browser would: BOM, then the HTTP header's charset, then the
 * `<meta>` prescan — and never one signal alone: bytes that are valid UTF-8 with multi-byte
 * sequences are UTF-8 even under a GB2312 meta (People's Daily pages re-saved as UTF-8,
 * fixture people-n1-2019-utf8-under-gb2312-meta). GB2312/GBK decode as gb18030, the superset
 * browsers use (Node's own `gbk` differs on 102 byte pairs).
 */

export interface DecodedHtml {
  html: string;
  /** The WHATWG encoding name used. */
  charset: string;
  /** Where the charset came from. */
  source: 'bom' | 'header' | 'meta' | 'sniffed' | 'default';
  /** True when bytes that the charset cannot represent were replaced with U+FFFD. */
  lossy: boolean;
}

const ALIASES: Record<string, string> = {
  gb2312: 'gb18030', gbk: 'gb18030', 'x-gbk': 'gb18030', gb18030: 'gb18030', 'gb_2312-80': 'gb18030', cp936: 'gb18030',
  'x-euc-cn': 'gb18030', 'euc-cn': 'gb18030', 'csgb2312': 'gb18030', 'chinese': 'gb18030', 'iso-ir-58': 'gb18030',
  big5: 'big5', 'big5-hkscs': 'big5', 'x-x-big5': 'big5', 'cn-big5': 'big5', 'csbig5': 'big5',
  'utf-8': 'utf-8', utf8: 'utf-8', 'unicode-1-1-utf-8': 'utf-8',
};

/** The WHATWG decoder name for a declared charset label, or null when unknown or unsupported. */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const clean = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (ALIASES[clean]) return ALIASES[clean];
  try {
    return new TextDecoder(clean).encoding;
  } catch {
    return null;
  }
}

/** The charset parameter of a Content-Type header value. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType);
  return m ? normalizeCharset(m[1]) : null;
}

function bomCharset(bytes: Uint8Array): { charset: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  return null;
}

/** The `<meta charset>` / `<meta http-equiv=content-type>` in the first 4 KiB (after comments). */
export function metaCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096)).replace(/<!--[\s\S]*?-->/g, '');
  const metas = head.match(/<meta\b[^>]*>/gi) ?? [];
  for (const meta of metas) {
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(meta);
    if (!direct) continue;
    // <meta http-equiv="Content-Language" content="utf-8"> is not a charset (People's Daily trap).
    if (/http-equiv\s*=\s*["']?content-language/i.test(meta)) continue;
    const cs = normalizeCharset(direct[1]);
    if (cs) return cs;
  }
  return null;
}

/** Whether bytes are valid UTF-8, and whether they contain any multi-byte sequence at all. */
export function utf8Validity(bytes: Uint8Array): { valid: boolean; multibyte: boolean } {
  let multibyte = false;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return { valid: false, multibyte };
    // A sequence cut by the end of a truncated body still counts as UTF-8, if what is there fits.
    if (i + need >= n) {
      for (let k = i + 1; k < n; k++) if (((bytes[k] as number) & 0xc0) !== 0x80) return { valid: false, multibyte };
      return { valid: true, multibyte: true };
    }
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k] as number;
      if ((c & 0xc0) !== 0x80) return { valid: false, multibyte };
    }
    multibyte = true;
    i += need + 1;
  }
  return { valid: true, multibyte };
}

function decodeWith(charset: string, bytes: Uint8Array): { text: string; lossy: boolean } {
  try {
    const text = new TextDecoder(charset, { fatal: true }).decode(bytes);
    // ICU's big5 (Node) maps unassigned pairs to the Private Use Area instead of failing, where
    // the WHATWG decoder would: treat that as loss so other decoders get their turn.
    return { text, lossy: charset === 'big5' && /[\ue000-\uf8ff]/.test(text) };
  } catch {
    return { text: new TextDecoder(charset).decode(bytes), lossy: true };
  }
}

/** Share of non-ASCII characters that are replacement or private-use characters. */
function lossRatio(text: string): number {
  const nonAscii = text.match(/[^\x00-\x7f]/g)?.length ?? 0;
  const lost = text.match(/[\ufffd\ue000-\uf8ff]/g)?.length ?? 0;
  return nonAscii === 0 ? 0 : lost / nonAscii;
}

/**
 * Decode an HTML page's bytes. `contentType` is the HTTP Content-Type header (or null).
 */
export function decodeHtml(bytes: Uint8Array, contentType: string | null): DecodedHtml {
  const bom = bomCharset(bytes);
  if (bom) {
    const { text, lossy } = decodeWith(bom.charset, bytes.subarray(bom.length));
    return { html: text, charset: bom.charset, source: 'bom', lossy };
  }
  const utf8 = utf8Validity(bytes);
  const declared = charsetFromContentType(contentType);
  const meta = declared ? null : metaCharset(bytes);
  const claimed = declared ?? meta;
  const source: DecodedHtml['source'] = declared ? 'header' : meta ? 'meta' : 'default';

  // Valid UTF-8 with real multi-byte sequences is almost never GB2312 or Big5 text: trust the bytes.
  if (utf8.valid && utf8.multibyte) {
    return { html: new TextDecoder('utf-8').decode(bytes), charset: 'utf-8', source: claimed === 'utf-8' ? source : 'sniffed', lossy: false };
  }
  // A wrong header: the page's own <meta> is the next witness, before any guess.
  const metaWitness = declared ? metaCharset(bytes) : null;
  if (claimed && claimed !== 'utf-8') {
    const { text, lossy } = decodeWith(claimed, bytes);
    if (!lossy) return { html: text, charset: claimed, source, lossy };
    // A few unmappable pairs in a page that is otherwise what it claims: keep the claim. GB18030
    // decodes nearly any bytes, so it only wins against a claim that fails broadly.
    if (lossRatio(text) < 0.02) return { html: text, charset: claimed, source, lossy: true };
    // A wrong declaration: try the other Chinese encodings before accepting replacement characters.
    for (const alt of [metaWitness, 'gb18030', 'big5']) {
      if (!alt) continue;
      if (alt === claimed) continue;
      const other = decodeWith(alt, bytes);
      if (!other.lossy) return { html: other.text, charset: alt, source: 'sniffed', lossy: false };
    }
    return { html: text, charset: claimed, source, lossy };
  }
  if (utf8.valid) return { html: new TextDecoder('utf-8').decode(bytes), charset: 'utf-8', source, lossy: false };
  // Declared UTF-8 (or nothing) but not UTF-8: the meta, then GB18030 or Big5.
  for (const alt of [metaWitness && metaWitness !== 'utf-8' ? metaWitness : null, 'gb18030', 'big5']) {
    if (!alt) continue;
    const other = decodeWith(alt, bytes);
    if (!other.lossy) return { html: other.text, charset: alt, source: 'sniffed', lossy: false };
  }
  const { text } = decodeWith('utf-8', bytes);
  return { html: text, charset: 'utf-8', source, lossy: true };
}

/** Elements whose content is text up to their end tag (the HTML tokenizer's raw-text states). */
const STRIPPED_RAW = new Set(['script', 'style', 'noscript']);
const KEPT_RAW = new Set(['textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);

/** The HTML tokenizer's whitespace (not JavaScript's `\s`, which also takes U+00A0 and others). */
function isHtmlSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r';
}

interface AttributeSpan {
  start: number;
  end: number;
  name: string;
}

/**
 * A start tag read the way the HTML tokenizer reads it, from just after its `<`: the rest of the
 * tag name (up to space, `/` or `>`), then attributes through the before/after-name, value
 * (quoted or unquoted) and self-closing states. Returns the index just past its `>` (or the end
 * of the text: a tag cut by the end of the file) and each attribute's span.
 */
function scanStartTag(html: string, from: number): { end: number; attrs: AttributeSpan[] } {
  const n = html.length;
  const attrs: AttributeSpan[] = [];
  let i = from;
  while (i < n && !isHtmlSpace(html[i]) && html[i] !== '/' && html[i] !== '>') i++;
  for (;;) {
    while (i < n && (isHtmlSpace(html[i]) || html[i] === '/')) i++;
    if (i >= n) return { end: n, attrs };
    if (html[i] === '>') return { end: i + 1, attrs };
    const start = i;
    i++; // the first character of a name may be '='
    while (i < n && !isHtmlSpace(html[i]) && html[i] !== '/' && html[i] !== '>' && html[i] !== '=') i++;
    const name = html.slice(start, i);
    let j = i;
    while (j < n && isHtmlSpace(html[j])) j++;
    if (html[j] === '=') {
      j++;
      while (j < n && isHtmlSpace(html[j])) j++;
      const q = html[j];
      if (q === '"' || q === "'") {
        const close = html.indexOf(q, j + 1);
        if (close === -1) {
          attrs.push({ start, end: n, name });
          return { end: n, attrs };
        }
        j = close + 1;
      } else {
        while (j < n && !isHtmlSpace(html[j]) && html[j] !== '>') j++;
      }
      i = j;
    }
    attrs.push({ start, end: i, name });
  }
}

/** Index just past a start tag's `>` (see scanStartTag). */
function endOfStartTag(html: string, from: number): number {
  return scanStartTag(html, from).end;
}

const EVENT_HANDLER = /^on/i;

/**
 * Every `on*` attribute renamed (`onerror` → `x-error`) in every place the HTML tokenizer could
 * read a start tag — including spots that are only text or an attribute value in one reading of
 * the markup (inside `<svg>`, `<math>`, `<title>`, or a mutation-XSS string meant to be re-read).
 * A browser reports each handler attribute it merely parses as a CSP violation in the extension's
 * page (script-src-attr), so none may reach a parser in the reader. Renaming two letters, rather
 * than cutting the attribute, changes no quote, space or `>`: every reading of the markup keeps its
 * structure (a cut could end inside another reading's quoted value and swallow the page).
 */
export function removeEventHandlers(html: string): string {
  const names: number[] = [];
  let i = html.indexOf('<');
  while (i !== -1) {
    const c = html.charCodeAt(i + 1);
    // '<' then an ASCII letter: where the tokenizer may open a start tag.
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      for (const a of scanStartTag(html, i + 1).attrs) if (EVENT_HANDLER.test(a.name)) names.push(a.start);
    }
    i = html.indexOf('<', i + 1);
  }
  if (!names.length) return html;
  names.sort((x, y) => x - y);
  let out = '';
  let from = 0;
  for (const at of names) {
    if (at < from) continue;
    out += html.slice(from, at) + 'x-';
    from = at + 2;
  }
  return out + html.slice(from);
}

/** Index of the end tag `</name` (followed by space, `/` or `>`) at or after `from`, or -1. */
function endTagIndex(html: string, name: string, from: number): number {
  const re = new RegExp(`</${name}[\\s/>]`, 'ig');
  re.lastIndex = from;
  const m = re.exec(html);
  return m ? m.index : -1;
}

/**
 * Remove what never reaches an article before parsing: scripts, styles, `<noscript>` and comments
 * are a third of a typical news page and parsing them costs time on every page. A small tokenizer
 * finds them only where the HTML tokenizer would (never inside an attribute value or a
 * `<textarea>`/`<title>`), so no real text is cut. `<noscript>` goes whole, as a browser with
 * scripting on reads it: DOMParser parses its content as markup, where an unclosed `<p>` inside
 * would swallow the rest of the page (hostile corpus). Inside `<svg>`/`<math>` nothing is
 * stripped: there those elements are not raw text. Last, every `on*` attribute goes
 * (removeEventHandlers).
 */
export function stripInertMarkup(html: string): string {
  const n = html.length;
  let out = '';
  let copyFrom = 0;
  let i = 0;
  // Inside SVG/MathML a <style> or <script> is not raw text and an HTML tag breaks out: nothing is
  // stripped there, the real parser decides (stripping only saves time).
  let foreign = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt === -1) break;
    if (html.startsWith('<!--', lt)) {
      // In foreign content what looks like a comment may be text of a <style> (mXSS payloads play
      // on exactly that): only outside it is a comment surely a comment.
      if (foreign > 0) {
        i = lt + 4;
        continue;
      }
      const end = html.indexOf('-->', lt + 4);
      const stop = end === -1 ? n : end + 3;
      out += html.slice(copyFrom, lt);
      copyFrom = i = stop;
      continue;
    }
    if (foreign > 0 && /^<\/(svg|math)[\s/>]/i.test(html.slice(lt, lt + 7))) {
      foreign--;
      i = lt + 2;
      continue;
    }
    const m = /^<([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(lt, lt + 24));
    if (!m) {
      i = lt + 1;
      continue;
    }
    const name = (m[1] as string).toLowerCase();
    const nameEnd = lt + 1 + name.length;
    const tagEnd = endOfStartTag(html, nameEnd);
    const rawEnd = (): number => {
      const close = endTagIndex(html, name, tagEnd);
      return close === -1 ? n : endOfStartTag(html, close + 2 + name.length);
    };
    if (foreign === 0 && STRIPPED_RAW.has(name)) {
      const end = rawEnd();
      out += html.slice(copyFrom, lt);
      copyFrom = i = end;
      continue;
    }
    const tag = html.slice(nameEnd, tagEnd);
    if ((name === 'svg' || name === 'math') && !/\/\s*>$/.test(tag)) {
      foreign++;
      i = tagEnd;
      continue;
    }
    if (foreign === 0 && KEPT_RAW.has(name)) {
      // Raw text kept as it is: nothing inside a <textarea> or <title> is markup.
      i = rawEnd();
      continue;
    }
    i = tagEnd;
  }
  return removeEventHandlers(out + html.slice(copyFrom));
}

