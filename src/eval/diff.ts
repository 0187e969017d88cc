/**
 * Token diff between extracted text and ground truth, rendered as runs of original text
 * ("missing" = in the truth but not extracted, "extra" = extracted but not in the truth).
 *
 * Alignment is a longest common subsequence over token bigrams (Hirschberg, linear memory): a
 * token counts as matched when it sits in an aligned bigram. Text that appears out of order, and
 * isolated single tokens shared by an extra and a missing passage, count as missing + extra here
 * even though the multiset F1 forgives them, so the F1 numbers and the diff totals can differ.
 */
import { tokenizeWithOffsets, type Token } from './tokenize';

/** LCS matches as index pairs [i in a, j in b], increasing in both. */
export function lcsPairs(a: readonly number[], b: readonly number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  // Common prefix / suffix first: cheap and usually large.
  let lo = 0;
  while (lo < a.length && lo < b.length && a[lo] === b[lo]) out.push([lo, lo++]);
  let hiA = a.length;
  let hiB = b.length;
  const suffix: Array<[number, number]> = [];
  while (hiA > lo && hiB > lo && a[hiA - 1] === b[hiB - 1]) suffix.push([--hiA, --hiB]);

  // Tokens absent from the other side can never match: drop them before the quadratic part.
  const inB = new Set(b.slice(lo, hiB));
  const inA = new Set(a.slice(lo, hiA));
  const ia: number[] = [];
  const ib: number[] = [];
  for (let i = lo; i < hiA; i++) if (inB.has(a[i]!)) ia.push(i);
  for (let j = lo; j < hiB; j++) if (inA.has(b[j]!)) ib.push(j);
  const sa = Int32Array.from(ia, (i) => a[i]!);
  const sb = Int32Array.from(ib, (j) => b[j]!);
  hirschberg(sa, 0, sa.length, sb, 0, sb.length, (i, j) => out.push([ia[i]!, ib[j]!]));

  for (let k = suffix.length - 1; k >= 0; k--) out.push(suffix[k]!);
  return out;
}

/** Last row of LCS lengths of a[a0..a1) against b[b0..b1) (forward, or both reversed). */
function lcsRow(a: Int32Array, a0: number, a1: number, b: Int32Array, b0: number, b1: number, reverse: boolean): Int32Array {
  const m = b1 - b0;
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  for (let x = 0; x < a1 - a0; x++) {
    const av = reverse ? a[a1 - 1 - x]! : a[a0 + x]!;
    cur[0] = 0;
    for (let y = 1; y <= m; y++) {
      const bv = reverse ? b[b1 - y]! : b[b0 + y - 1]!;
      if (av === bv) cur[y] = prev[y - 1]! + 1;
      else cur[y] = prev[y]! > cur[y - 1]! ? prev[y]! : cur[y - 1]!;
    }
    [prev, cur] = [cur, prev];
  }
  return prev;
}

function hirschberg(
  a: Int32Array, a0: number, a1: number,
  b: Int32Array, b0: number, b1: number,
  emit: (i: number, j: number) => void,
): void {
  const n = a1 - a0;
  const m = b1 - b0;
  if (n === 0 || m === 0) return;
  if (n === 1) {
    for (let j = b0; j < b1; j++) if (b[j] === a[a0]) return emit(a0, j);
    return;
  }
  if (n * m <= 4096) return smallLcs(a, a0, n, b, b0, m, emit);
  const mid = a0 + (n >> 1);
  const left = lcsRow(a, a0, mid, b, b0, b1, false);
  const right = lcsRow(a, mid, a1, b, b0, b1, true);
  let best = -1;
  let split = b0;
  for (let y = 0; y <= m; y++) {
    const v = left[y]! + right[m - y]!;
    if (v > best) {
      best = v;
      split = b0 + y;
    }
  }
  hirschberg(a, a0, mid, b, b0, split, emit);
  hirschberg(a, mid, a1, b, split, b1, emit);
}

/** Full-table LCS for small blocks: a[a0..a0+n) against b[b0..b0+m). */
function smallLcs(a: Int32Array, a0: number, n: number, b: Int32Array, b0: number, m: number, emit: (i: number, j: number) => void): void {
  const t = new Int32Array((n + 1) * (m + 1));
  const at = (x: number, y: number) => x * (m + 1) + y;
  for (let x = n - 1; x >= 0; x--) {
    for (let y = m - 1; y >= 0; y--) {
      t[at(x, y)] = a[a0 + x] === b[b0 + y] ? t[at(x + 1, y + 1)]! + 1 : Math.max(t[at(x + 1, y)]!, t[at(x, y + 1)]!);
    }
  }
  let x = 0;
  let y = 0;
  while (x < n && y < m) {
    if (a[a0 + x] === b[b0 + y]) {
      emit(a0 + x, b0 + y);
      x++;
      y++;
    } else if (t[at(x + 1, y)]! >= t[at(x, y + 1)]!) x++;
    else y++;
  }
}

export interface DiffRun {
  /** Index of the first / last token of the run in its own token list. */
  firstToken: number;
  lastToken: number;
  /** Unmatched tokens in the run (bridged matched tokens not counted). */
  tokens: number;
  /** Original text of the run (from the first token's start to the last token's end). */
  text: string;
  /** A little original text before / after, for orientation. */
  before: string;
  after: string;
}

export interface TextDiff {
  missing: DiffRun[];
  extra: DiffRun[];
  missingTokens: number;
  extraTokens: number;
  truthTokens: number;
  predTokens: number;
}

function runsOf(src: string, toks: Token[], matched: Uint8Array, bridge: number, context: number): DiffRun[] {
  const runs: DiffRun[] = [];
  let i = 0;
  while (i < toks.length) {
    if (matched[i]) {
      i++;
      continue;
    }
    const first = i;
    let last = i;
    let count = 0;
    // Extend over unmatched tokens, bridging gaps of at most `bridge` matched tokens.
    while (i < toks.length) {
      if (!matched[i]) {
        last = i;
        count++;
        i++;
        continue;
      }
      let k = i;
      while (k < toks.length && matched[k] && k - i < bridge) k++;
      if (k < toks.length && !matched[k] && k - i <= bridge) i = k;
      else break;
    }
    const start = toks[first]!.start;
    const end = toks[last]!.end;
    runs.push({
      firstToken: first,
      lastToken: last,
      tokens: count,
      text: src.slice(start, end),
      before: src.slice(Math.max(0, start - context), start),
      after: src.slice(end, end + context),
    });
    i = last + 1;
  }
  return runs;
}

export interface DiffOptions {
  /** Merge unmatched runs separated by at most this many matched tokens (default 2). */
  bridge?: number;
  /** Characters of context kept on each side of a run (default 12). */
  context?: number;
  /** Tokens per aligned shingle (default 2; 1 = plain token LCS). */
  shingle?: number;
}

export function diffTexts(predicted: string, truth: string, opts: DiffOptions = {}): TextDiff {
  const bridge = opts.bridge ?? 2;
  const context = opts.context ?? 12;
  const pt = tokenizeWithOffsets(predicted);
  const tt = tokenizeWithOffsets(truth);
  const k = Math.max(1, opts.shingle ?? 2);
  // Align k-token shingles rather than single tokens: with one CJK character per token, a plain
  // LCS happily matches a stray "文" of "文化" and then pairs the rest with the wrong paragraph.
  // Shingles only match inside runs of at least k equal tokens, which keeps runs contiguous.
  const ids = new Map<string, number>();
  const shingles = (toks: Token[]) => {
    const n = toks.length >= k ? toks.length - k + 1 : 0;
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      let key = toks[i]!.text;
      for (let d = 1; d < k; d++) key += `\u0000${toks[i + d]!.text}`;
      let v = ids.get(key);
      if (v === undefined) ids.set(key, (v = ids.size));
      out[i] = v;
    }
    return out;
  };
  const ma = new Uint8Array(tt.length);
  const mb = new Uint8Array(pt.length);
  const sa = shingles(tt);
  const sb = shingles(pt);
  if (sa.length && sb.length) {
    for (const [i, j] of lcsPairs(sa, sb)) {
      for (let d = 0; d < k; d++) {
        ma[i + d] = 1;
        mb[j + d] = 1;
      }
    }
  } else if (tt.length < k && pt.length < k) {
    // Too short to shingle: compare the (tiny) token lists directly.
    const a = tt.map((t) => t.text);
    const b = pt.map((t) => t.text);
    for (let i = 0; i < a.length; i++) if (b.includes(a[i]!)) ma[i] = 1;
    for (let j = 0; j < b.length; j++) if (a.includes(b[j]!)) mb[j] = 1;
  }
  const missing = runsOf(truth, tt, ma, bridge, context);
  const extra = runsOf(predicted, pt, mb, bridge, context);
  return {
    missing,
    extra,
    missingTokens: tt.length - ma.reduce((s, v) => s + v, 0),
    extraTokens: pt.length - mb.reduce((s, v) => s + v, 0),
    truthTokens: tt.length,
    predTokens: pt.length,
  };
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ¶ ').replace(/[ \t\u3000\u00a0]+/g, ' ');
}

function elide(s: string, max: number): string {
  if (s.length <= max) return s;
  const keep = Math.floor((max - 20) / 2);
  return `${s.slice(0, keep)} …(${s.length - 2 * keep} more chars)… ${s.slice(s.length - keep)}`;
}

export interface RenderOptions {
  /** Longest run text shown before eliding the middle (default 400; 0 = never elide). */
  maxRunChars?: number;
  /** Most runs listed per side (default 60; 0 = all). */
  maxRuns?: number;
}

/** Human-readable rendering: one line per run, `…context 【run text】 context…`. */
export function renderDiff(d: TextDiff, opts: RenderOptions = {}): string {
  const maxChars = opts.maxRunChars ?? 400;
  const maxRuns = opts.maxRuns ?? 60;
  const lines: string[] = [];
  const side = (label: string, runs: DiffRun[], total: number, of: number, what: string) => {
    lines.push(`${label}: ${total} of ${of} ${what} tokens in ${runs.length} run(s)`);
    const shown = maxRuns > 0 ? runs.slice(0, maxRuns) : runs;
    for (const r of shown) {
      const text = maxChars > 0 ? elide(oneLine(r.text), maxChars) : oneLine(r.text);
      lines.push(`  @${String(r.firstToken).padEnd(5)} ${String(r.tokens).padStart(4)} tok  …${oneLine(r.before)}【${text}】${oneLine(r.after)}…`);
    }
    if (shown.length < runs.length) lines.push(`  … ${runs.length - shown.length} more run(s)`);
  };
  side('MISSING (in truth, not extracted)', d.missing, d.missingTokens, d.truthTokens, 'truth');
  side('EXTRA (extracted, not in truth)', d.extra, d.extraTokens, d.predTokens, 'extracted');
  return lines.join('\n');
}
