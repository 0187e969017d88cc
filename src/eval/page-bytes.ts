/**
 * Raw corpus bytes → HTML string: dataset-wrapper stripping and a fallback decoder used until the
 * pipeline's own `decodeHtml` (src/pipeline/decode.ts) exists.
 */

export type DecodeHtml = (bytes: Uint8Array, contentType: string | null) => { html: string; charset: string };

const TEXT_OPEN = /^\s*<text\s[^>]*>/i;

/**
 * Strip the `<text id="URL" title=".." encoding="..">` wrapper (first line) and the closing
 * `</text>` when present. Works on bytes because wrapped files are raw GB2312/GBK.
 */
export function stripTextWrapper(bytes: Uint8Array): Uint8Array {
  // The opening tag line is ASCII apart from the title attribute; latin1 keeps byte offsets 1:1.
  const headLen = Math.min(bytes.length, 4096);
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, headLen).toString('latin1');
  if (!TEXT_OPEN.test(head)) return bytes;
  const nl = head.indexOf('\n');
  let start = nl >= 0 ? nl + 1 : (TEXT_OPEN.exec(head)?.[0].length ?? 0);
  let end = bytes.length;
  const tailLen = Math.min(bytes.length, 64);
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset + bytes.length - tailLen, tailLen).toString('latin1');
  const close = /<\/text>\s*$/i.exec(tail);
  if (close) end = bytes.length - tailLen + close.index;
  if (end < start) start = end;
  return bytes.subarray(start, end);
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Map a declared charset label to a TextDecoder label (GB2312/GBK → gb18030, a superset). */
function decoderLabel(label: string): string | null {
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (/^(gb2312|gbk|gb18030|x-gbk|cp936|euc-cn|csgb2312|chinese)$/.test(l)) return 'gb18030';
  try {
    new TextDecoder(l);
    return l;
  } catch {
    return null;
  }
}

/** Charset from a `<meta charset>` / `<meta http-equiv content="…charset=…">` in the first 4 KiB. */
export function sniffMetaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head);
  return m ? m[1]! : null;
}

/**
 * Fallback decoder: BOM; else valid UTF-8 wins (corpus pages re-encoded to UTF-8 keep a GB2312
 * meta); else the meta / Content-Type charset (GB2312/GBK → gb18030); else gb18030.
 */
export const fallbackDecodeHtml: DecodeHtml = (bytes, contentType) => {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { html: new TextDecoder('utf-8').decode(bytes.subarray(3)), charset: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { html: new TextDecoder('utf-16le').decode(bytes.subarray(2)), charset: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { html: new TextDecoder('utf-16be').decode(bytes.subarray(2)), charset: 'utf-16be' };
  if (isValidUtf8(bytes)) return { html: new TextDecoder('utf-8').decode(bytes), charset: 'utf-8' };
  const declared = (contentType && /charset=([^;]+)/i.exec(contentType)?.[1]) || sniffMetaCharset(bytes);
  const label = (declared && decoderLabel(declared)) || 'gb18030';
  return { html: new TextDecoder(label).decode(bytes), charset: label };
};
