/**
 * Raw corpus bytes: the dataset's `<text …>` wrapper stripped before the bytes are decoded (by the
 * pipeline's `decodeHtml`, src/pipeline/decode.ts).
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
