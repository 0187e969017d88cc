/**
 * Tokenizer and token-F1 scorer for the extraction evaluation.
 *
 * Tokens (after NFKC normalization and lowercasing, character by character):
 *  - every CJK character (Han ideograph, hiragana, katakana, hangul syllable/jamo, 々, 〇, ー) is one token;
 *  - every maximal run of other letters / digits / combining marks is one token ("xinhua", "2024", "u.s" → "u", "s");
 *  - punctuation (CJK punctuation included), symbols and whitespace are dropped.
 * NFKC folds fullwidth digits and letters (１２月 → 12月, ＡＢＣ → abc), so the same text in
 * half- or fullwidth forms scores the same.
 *
 * Precision / recall are over the multiset of tokens (order ignored):
 *   overlap = Σ_t min(count_pred(t), count_truth(t)),  P = overlap / |pred|,  R = overlap / |truth|.
 */

export interface Token {
  /** Normalized token text. */
  text: string;
  /** Offset of the token's first code unit in the ORIGINAL (unnormalized) string. */
  start: number;
  /** Offset just past the token's last code unit in the original string. */
  end: number;
}

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3005\u3007\u30FC\uFF70]/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** Tokenize with offsets into the original string (used by the diff to show original text). */
export function tokenizeWithOffsets(input: string): Token[] {
  const tokens: Token[] = [];
  let word = '';
  let wordStart = -1;
  let wordEnd = -1;
  const flush = () => {
    if (word) tokens.push({ text: word, start: wordStart, end: wordEnd });
    word = '';
    wordStart = -1;
  };
  let i = 0;
  while (i < input.length) {
    const cp = input.codePointAt(i)!;
    const raw = String.fromCodePoint(cp);
    const next = i + raw.length;
    // NFKC of one character may yield several ("㈱" → "(株)", "ﬁ" → "fi"); all map to this source span.
    for (const ch of raw.normalize('NFKC').toLowerCase()) {
      if (CJK_CHAR.test(ch)) {
        flush();
        tokens.push({ text: ch, start: i, end: next });
      } else if (WORD_CHAR.test(ch)) {
        if (!word) wordStart = i;
        word += ch;
        wordEnd = next;
      } else {
        flush();
      }
    }
    i = next;
  }
  flush();
  return tokens;
}

export function tokenize(input: string): string[] {
  return tokenizeWithOffsets(input).map((t) => t.text);
}

export interface F1Score {
  precision: number;
  recall: number;
  f1: number;
  /** Tokens in the prediction / truth / both (multiset overlap). */
  predTokens: number;
  truthTokens: number;
  overlap: number;
}

function counts(tokens: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of tokens) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/** Multiset token F1 between two token lists. Both empty → 1; exactly one empty → 0. */
export function tokenF1FromTokens(pred: readonly string[], truth: readonly string[]): F1Score {
  const pc = counts(pred);
  const tc = counts(truth);
  let overlap = 0;
  for (const [t, n] of pc) overlap += Math.min(n, tc.get(t) ?? 0);
  const predTokens = pred.length;
  const truthTokens = truth.length;
  if (predTokens === 0 && truthTokens === 0) {
    return { precision: 1, recall: 1, f1: 1, predTokens, truthTokens, overlap };
  }
  const precision = predTokens ? overlap / predTokens : 0;
  const recall = truthTokens ? overlap / truthTokens : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, predTokens, truthTokens, overlap };
}

export function tokenF1(predicted: string, truth: string): F1Score {
  return tokenF1FromTokens(tokenize(predicted), tokenize(truth));
}

/** Text normalized for snippet containment checks: NFKC, lowercase, no whitespace at all. */
export function normalizeForSnippet(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

export interface SnippetResult {
  /** "with" snippets found / total. */
  withFound: number;
  withTotal: number;
  /** "without" snippets correctly absent / total. */
  withoutAbsent: number;
  withoutTotal: number;
  /** Every "with" present and every "without" absent. */
  pass: boolean;
  missing: string[];
  unwanted: string[];
}

/** Trafilatura-evaldata style check: `with` snippets must appear in the text, `without` must not. */
export function checkSnippets(text: string, withSnippets: readonly string[], withoutSnippets: readonly string[]): SnippetResult {
  const hay = normalizeForSnippet(text);
  const missing = withSnippets.filter((s) => !hay.includes(normalizeForSnippet(s)));
  const unwanted = withoutSnippets.filter((s) => hay.includes(normalizeForSnippet(s)));
  return {
    withFound: withSnippets.length - missing.length,
    withTotal: withSnippets.length,
    withoutAbsent: withoutSnippets.length - unwanted.length,
    withoutTotal: withoutSnippets.length,
    pass: missing.length === 0 && unwanted.length === 0,
    missing,
    unwanted,
  };
}
