/**
 * Strings, CJK-aware: whitespace that never puts a space between two CJK characters, length counted
 * in CJK characters and words, a language guess. No DOM (an element's text is `element-text.ts`).
 */

/** One Han, kana or hangul character (the units CJK text is counted in). */
export const CJK_CHAR = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]|[\ud840-\ud87f][\udc00-\udfff]/;
const CJK_CHAR_G = new RegExp(CJK_CHAR.source, 'g');
const CJK_OR_PUNCT_CLASS = '[\\u3000-\\u303f\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef\\uac00-\\ud7af]';
// Astral Han (Extension B and later) counts too: matched by code point with the `u` flag.
const CJK_UNIT = `(?:${CJK_OR_PUNCT_CLASS}|[\\u{20000}-\\u{3134F}])`;
const CJK_SEGMENT_BREAK = new RegExp(`(${CJK_UNIT})[ \\t\\u00a0]*[\\r\\n]+[\\s]*(?=${CJK_UNIT})`, 'gu');

/** Collapse runs of whitespace (incl. NBSP and the ideographic space) into one space and trim. */
export function collapseSpace(text: string): string {
  return text.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, ' ').trim();
}

/**
 * Source line breaks inside running text: between two CJK characters they vanish (CSS Text 3's
 * segment-break rule; a Chinese page wraps its source lines anywhere), elsewhere they are a space.
 */
export function collapseSegmentBreaks(text: string): string {
  return joinCjkLineBreaks(text).replace(/[\r\n]+/g, ' ');
}

/**
 * Remove line-wrap whitespace between two CJK characters (`中\n文` → `中文`) and leave every other
 * line break as it is. Spaces written on one line (`记者 张三`) are the author's and stay.
 */
export function joinCjkLineBreaks(text: string): string {
  return text.replace(CJK_SEGMENT_BREAK, '$1');
}

/**
 * Collapse whitespace without ever inserting a space between CJK characters: a line break in
 * the source between two CJK characters disappears; spaces the author typed ("本报记者 葛灵丹",
 * a headline's two clauses) stay.
 */
export function normalizeText(text: string): string {
  return collapseSpace(collapseSegmentBreaks(text));
}

/** Length counting each CJK character as one and each other word as one. */
export function cjkAwareLength(text: string): number {
  const cjk = text.match(CJK_CHAR_G)?.length ?? 0;
  const words = text.replace(CJK_CHAR_G, ' ').match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  return cjk + words;
}

/** Share of CJK characters among letters. */
export function cjkRatio(text: string): number {
  const cjk = text.match(CJK_CHAR_G)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  return cjk + latin === 0 ? 0 : cjk / (cjk + latin);
}

/** Characters only Traditional Chinese uses, frequent in news text (from the big5 gateway pages). */
const TRADITIONAL = /[這個們來說時對會過還從國學經發動現兩開關機後進義與實際頁當點間]/g;
const SIMPLIFIED = /[这个们来说时对会过还从国学经发动现两开关机后进义与实际页当点间]/g;

/** A BCP 47 tag guessed from the text: `zh-CN`, `zh-TW` (Traditional script) or `en`. */
export function guessLang(text: string): string | null {
  const sample = text.slice(0, 4000);
  if (!sample.trim()) return null;
  if (cjkRatio(sample) > 0.3) {
    const trad = sample.match(TRADITIONAL)?.length ?? 0;
    const simp = sample.match(SIMPLIFIED)?.length ?? 0;
    return trad > simp ? 'zh-TW' : 'zh-CN';
  }
  return /[A-Za-z]{3}/.test(sample) ? 'en' : null;
}
