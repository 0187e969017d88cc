/**
 * Search terms for the library's full-text index. Chinese (and Japanese, Korean) is written without
 * spaces, so a CJK run is indexed as overlapping character bigrams (城市书房 → 城市 市书 书房) plus
 * its last character alone, the way Lucene's CJKAnalyzer does; every character then starts some
 * term, so a one-character query is a prefix look-up. Traditional characters are folded to
 * Simplified first (OpenCC's character table), so 中國 finds an article from the big5 gateway typed
 * as 中国, and the other way round. Other scripts are indexed as words, lower case, without
 * diacritics. A query matches an article holding every one of the query's terms.
 */
import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';

const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`;
/** A CJK run, or a run of other letters and digits. */
const RUNS = new RegExp(String.raw`([${CJK}]+)|((?:(?![${CJK}])[\p{L}\p{N}\p{M}])+)`, 'gu');
const MARKS = /\p{M}/gu;
/** Longer "words" are noise (URLs, ids): cut so the index stays small. */
const MAX_WORD = 40;

interface Run {
  text: string;
  cjk: boolean;
}

let toSimplified: Map<string, string> | null = null;

/** Traditional characters to Simplified, one character for one (OpenCC TSCharacters, first choice). */
export function foldToSimplified(text: string): string {
  if (!toSimplified) {
    toSimplified = new Map();
    for (const pair of TS_CHARACTERS.split('|')) {
      const [from, to] = pair.split(' ');
      if (from && to && [...from].length === 1 && [...to].length === 1) toSimplified.set(from, to);
    }
  }
  const map = toSimplified;
  let out = '';
  for (const ch of text) out += map.get(ch) ?? ch;
  return out;
}

function runsOf(text: string): Run[] {
  const runs: Run[] = [];
  for (const m of text.normalize('NFKC').toLowerCase().matchAll(RUNS)) {
    if (m[1]) runs.push({ text: foldToSimplified(m[1]), cjk: true });
    else if (m[2]) {
      const word = m[2].normalize('NFD').replace(MARKS, '').slice(0, MAX_WORD);
      if (word) runs.push({ text: word, cjk: false });
    }
  }
  return runs;
}

/** The distinct terms an article is indexed under. */
export function articleTerms(...texts: string[]): string[] {
  const terms = new Set<string>();
  for (const text of texts) {
    for (const run of runsOf(text)) {
      if (!run.cjk) {
        terms.add(run.text);
        continue;
      }
      const chars = [...run.text];
      for (let i = 0; i + 1 < chars.length; i++) terms.add(`${chars[i]}${chars[i + 1]}`);
      terms.add(chars[chars.length - 1] as string);
    }
  }
  return [...terms];
}

/** What a query looks up: terms that must be present as they are, and prefixes of terms. */
export interface QueryPlan {
  exact: string[];
  prefixes: string[];
}

/**
 * The look-ups for a query typed into the search box. A lone CJK character is a prefix (it starts
 * a bigram or ends a run); the last Latin word is a prefix while it is being typed (no space after).
 */
export function queryPlan(query: string): QueryPlan {
  const exact = new Set<string>();
  const prefixes = new Set<string>();
  const runs = runsOf(query);
  const typing = !/\s$/.test(query);
  runs.forEach((run, i) => {
    if (!run.cjk) {
      if (typing && i === runs.length - 1) prefixes.add(run.text);
      else exact.add(run.text);
      return;
    }
    const chars = [...run.text];
    if (chars.length === 1) prefixes.add(chars[0] as string);
    for (let k = 0; k + 1 < chars.length; k++) exact.add(`${chars[k]}${chars[k + 1]}`);
  });
  return { exact: [...exact], prefixes: [...prefixes] };
}

/** Whether a query has anything to look up. */
export function isEmptyQuery(plan: QueryPlan): boolean {
  return plan.exact.length === 0 && plan.prefixes.length === 0;
}
