/**
 * Sentences of one block of text, for reading aloud (listen.ts): pure, no DOM.
 *
 * - Chinese ends a sentence at 。！？；, at an ellipsis (…, ……, ⋯⋯) and at the fullwidth ．; the
 *   closing quotes and brackets that follow (」』”’）》】) stay with it. Spaces never split Chinese.
 * - Latin text ends a sentence at . ! ? (and ...), with closing quotes and brackets kept, when
 *   whitespace and then no lowercase letter follows (or the text ends): "Mr. Smith", "e.g. this",
 *   "3.5 hours", "U.S." and "J. K." initials stay inside their sentence.
 * - `!`, `?` or `.` right before a Chinese character end a sentence too (mixed text: "OK!他说").
 *
 * Each sentence is given with its offsets in the text (trimmed of whitespace), so the caller can
 * map it back onto the text nodes it came from.
 */

export interface Sentence {
  text: string;
  /** Offset of the first character in the block's text. */
  start: number;
  /** Offset just after the last character. */
  end: number;
}

/** Marks that end a Chinese sentence whatever follows. */
const CJK_END = new Set(['。', '！', '？', '；', '．', '｡']);
/** Ellipsis characters: one or more end a sentence (Chinese …… or a lone …). */
const ELLIPSIS = new Set(['…', '⋯']);
/** Latin marks that may end a sentence. */
const LATIN_END = new Set(['.', '!', '?']);
/** Closing quotes and brackets that belong to the sentence they follow. */
const CLOSERS = new Set(['」', '』', '”', '’', '"', "'", '）', ')', '》', '】', '〕', ']', '〉', '»']);

/**
 * Words that end with a period without ending the sentence (compared lowercase, without the last
 * period): titles and Latin shorthand, always.
 */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'gen', 'gov', 'sen', 'rep', 'col', 'lt', 'sgt', 'capt', 'cmdr', 'adm', 'rev', 'hon', 'pres', 'messrs',
  'vs', 'etc', 'cf', 'approx', 'dept', 'inc', 'ltd', 'corp', 'ave', 'blvd', 'a.m', 'p.m', 'e.g', 'i.e', 'ph.d',
]);
/** Shorthand that is also a word ("no", "sun"): an abbreviation only before a number ("No. 5", "Jan. 12"). */
const BEFORE_NUMBER = new Set([
  'no', 'nos', 'vol', 'vols', 'p', 'pp', 'fig', 'figs', 'op', 'art', 'sec', 'ch', 'tel',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

const HAN = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]/u;
const LOWER = /\p{Ll}/u;
const SPACE = /\s/;

function isHan(ch: string | undefined): boolean {
  return ch !== undefined && HAN.test(ch);
}

/** The word right before the period at `dot` (letters and inner periods: "U.S", "Mr", "e.g"). */
function wordBefore(text: string, dot: number): string {
  let i = dot;
  while (i > 0 && /[\p{L}.]/u.test(text[i - 1] as string)) i--;
  return text.slice(i, dot).replace(/^\.+/, '');
}

/** The period at `dot` belongs to a word (an abbreviation or an initial), not a sentence end. */
function isAbbreviation(text: string, dot: number, following: string): boolean {
  const word = wordBefore(text, dot);
  if (!word) return false;
  const lower = word.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return true;
  if (BEFORE_NUMBER.has(lower)) return /\d/.test(following);
  // An initial: one capital letter ("J. K. Rowling"), or letters joined by periods ("U.S.", "U.S.A.").
  if (/^\p{Lu}$/u.test(word)) return true;
  return /^(?:\p{L}\.)+\p{L}$/u.test(word);
}

/**
 * Whether the Latin marks from `mark` to `marksEnd` (closers after them up to `after`) end the
 * sentence: whitespace and no lowercase letter next, Chinese next, or the end of the text.
 */
function latinEnds(text: string, mark: number, marksEnd: number, after: number): boolean {
  const next = text[after];
  if (next === undefined) return true;
  if (isHan(next)) return true;
  if (!SPACE.test(next)) return false;
  let j = after;
  while (j < text.length && SPACE.test(text[j] as string)) j++;
  const following = text[j];
  if (following === undefined) return true;
  if (LOWER.test(following)) return false;
  // A lone period after an abbreviation, right before its next word ("Mr. Smith", "No. 5").
  if (text[mark] === '.' && marksEnd === mark + 1 && after === marksEnd && isAbbreviation(text, mark, following)) return false;
  return true;
}

/** Splits `text` into sentences (see the module comment). Whitespace-only text has none. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && SPACE.test(text[s] as string)) s++;
    while (e > s && SPACE.test(text[e - 1] as string)) e--;
    if (e > s) out.push({ text: text.slice(s, e), start: s, end: e });
    start = end;
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (CJK_END.has(ch) || ELLIPSIS.has(ch)) {
      let j = i + 1;
      // A run of marks (？！, ……, 。」) stays together, then the closers after it.
      while (j < text.length && (CJK_END.has(text[j] as string) || ELLIPSIS.has(text[j] as string) || LATIN_END.has(text[j] as string))) j++;
      while (j < text.length && CLOSERS.has(text[j] as string)) j++;
      // An ellipsis inside a Latin sentence ("wait… and then") does not end it.
      if (ELLIPSIS.has(ch) && !isHan(text[i - 1]) && !CLOSERS.has(text[i - 1] as string) && LOWER.test(text.slice(j).trimStart()[0] ?? '')) {
        i = j;
        continue;
      }
      push(j);
      i = j;
      continue;
    }
    if (LATIN_END.has(ch)) {
      // A decimal or a version ("3.5", "v1.2"): a period between digits.
      if (ch === '.' && /\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '')) {
        i++;
        continue;
      }
      let marksEnd = i + 1;
      while (marksEnd < text.length && LATIN_END.has(text[marksEnd] as string)) marksEnd++;
      let j = marksEnd;
      while (j < text.length && CLOSERS.has(text[j] as string)) j++;
      if (latinEnds(text, i, marksEnd, j)) push(j);
      i = j;
      continue;
    }
    i++;
  }
  push(text.length);
  return out;
}
