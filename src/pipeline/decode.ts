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
  // Own properties only: `charset=constructor` must not find Object.prototype's.
  if (Object.hasOwn(ALIASES, clean)) return ALIASES[clean] as string;
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

/**
 * Whether bytes are valid UTF-8 (by the WHATWG decoder itself: overlong forms, surrogates and
 * code points past U+10FFFF are not), and whether they contain any multi-byte sequence at all. A
 * body cut by its end in the middle of a character still counts as UTF-8 when what is there fits.
 */
export function utf8Validity(bytes: Uint8Array): { valid: boolean; multibyte: boolean } {
  let multibyte = false;
  for (let i = 0; i < bytes.length; i++) {
    if ((bytes[i] as number) >= 0x80) {
      multibyte = true;
      break;
    }
  }
  if (!multibyte) return { valid: true, multibyte };
  try {
    // Streaming, never flushed: a sequence cut by the end is waited for, not refused.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return { valid: true, multibyte };
  } catch {
    return { valid: false, multibyte };
  }
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
