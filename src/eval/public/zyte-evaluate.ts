/**
 * A TypeScript port of the Zyte article-extraction-benchmark's `evaluate.py`
 * (scrapinghub/article-extraction-benchmark @ 4a3bc97, copied in ../shared/benchmarks):
 *
 *  - tokens: Python's `re.findall(r'\w+', text)` with re.UNICODE — `\w` is exactly
 *    [\p{L}\p{N}_] (checked over every code point in Python 3.11 / Unicode 14; Node's newer Unicode
 *    tables differ only on characters assigned since). Case is kept.
 *  - shingles: 4-grams of tokens; a text with 1–3 tokens is one shorter shingle, no token none.
 *  - per page: tp / fp / fn over the shingle multisets, normalized by their sum (so long pages
 *    weigh no more than short ones); precision = tp / (tp + fp), recall = tp / (tp + fn), both 1
 *    when fp = fn = 0.
 *  - overall: precision = mean over pages with tp + fp > 0, recall = mean over pages with
 *    tp + fn > 0, F1 = 2PR / (P + R) of those means (not a mean of per-page F1); accuracy = share
 *    of pages whose token lists are identical.
 *  - error bars: `n_bootstrap` resamples of the pages with replacement, `random.randint` draws,
 *    `statistics.stdev` of each metric. evaluate.py never seeds `random`; this port takes a seed,
 *    and the same seed given to Python's `random.seed` before evaluate.py runs gives the same ±.
 *
 * Means and standard deviations are Python's `statistics` ones, exact to the last bit (exact.ts).
 */
import { pyFixed, pyMeanScaled, pyStdev, scaledExact } from './exact';
import { PyRandom } from './py-random';

export type TpFpFn = readonly [tp: number, fp: number, fn: number];

const TOKEN_RE = /[\p{L}\p{N}_]+/gu;

/** `_tokenize`: `\w+` runs. */
export function zyteTokenize(text: string | null | undefined): string[] {
  return (text ?? '').match(TOKEN_RE) ?? [];
}

/** `_ngrams`: token n-grams, joined with U+0000 (no token contains it) so they can be map keys. */
export function zyteNgrams(text: string, n: number): string[] {
  const tokens = zyteTokenize(text);
  const out: string[] = [];
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const shingle = tokens.slice(i, i + n);
    if (shingle.length) out.push(shingle.join('\u0000'));
  }
  return out;
}

function countShingles(text: string, n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (const s of zyteNgrams(text, n)) m.set(s, (m.get(s) ?? 0) + 1);
  return m;
}

/** `string_shingle_matching`: normalized (tp, fp, fn) of one page. */
export function stringShingleMatching(truth: string, pred: string, ngramN = 4): TpFpFn {
  const t = countShingles(truth, ngramN);
  const p = countShingles(pred, ngramN);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const keys = new Set([...t.keys(), ...p.keys()]);
  for (const k of keys) {
    const tc = t.get(k) ?? 0;
    const pc = p.get(k) ?? 0;
    tp += Math.min(tc, pc);
    fp += Math.max(0, pc - tc);
    fn += Math.max(0, tc - pc);
  }
  const s = tp + fp + fn;
  if (s > 0) return [tp / s, fp / s, fn / s];
  return [tp, fp, fn];
}

export function precisionScore(tp: number, fp: number, fn: number): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

export function recallScore(tp: number, fp: number, fn: number): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

/** `get_accuracy`: 1 when both texts give the same token list. */
export function getAccuracy(truth: string, pred: string): number {
  const a = zyteTokenize(truth);
  const b = zyteTokenize(pred);
  return a.length === b.length && a.every((x, i) => x === b[i]) ? 1 : 0;
}

export interface ZyteMetrics {
  f1: number;
  precision: number;
  recall: number;
}

/** Per-page precision / recall as exact scaled integers, null where evaluate.py leaves the page out. */
interface PageExact {
  p: bigint | null;
  r: bigint | null;
  acc: bigint;
}

function pageExact(t: TpFpFn, acc: number): PageExact {
  const [tp, fp, fn] = t;
  return {
    p: tp + fp > 0 ? scaledExact(precisionScore(tp, fp, fn)) : null,
    r: tp + fn > 0 ? scaledExact(recallScore(tp, fp, fn)) : null,
    acc: scaledExact(acc),
  };
}

function metricsOf(pages: readonly PageExact[]): ZyteMetrics {
  const ps = pages.flatMap((x) => (x.p === null ? [] : [x.p]));
  const rs = pages.flatMap((x) => (x.r === null ? [] : [x.r]));
  const precision = pyMeanScaled(ps);
  const recall = pyMeanScaled(rs);
  const f1 = (2 * precision * recall) / (precision + recall);
  return { f1, precision, recall };
}

/** `metrics_from_tp_fp_fns`. */
export function metricsFromTpFpFns(tpFpFns: readonly TpFpFn[]): ZyteMetrics {
  return metricsOf(tpFpFns.map((t) => pageExact(t, 0)));
}

export interface ZyteEvaluation extends ZyteMetrics {
  accuracy: number;
  f1_std: number;
  precision_std: number;
  recall_std: number;
  accuracy_std: number;
  /** Per page, in ground-truth order. */
  tp_fp_fns: TpFpFn[];
  /** Page ids in ground-truth order (the order bootstrap indices refer to). */
  ids: string[];
}

export interface ZytePrediction {
  articleBody?: string;
}

/**
 * `evaluate(ground_truth, prediction, n_bootstrap)`. `rng` carries on from call to call the way
 * Python's global `random` does when evaluate.py scores several output files in one run.
 */
export function evaluateZyte(
  groundTruth: Readonly<Record<string, { articleBody?: string }>>,
  prediction: Readonly<Record<string, ZytePrediction>>,
  nBootstrap: number,
  rng: PyRandom,
): ZyteEvaluation {
  const ids = Object.keys(groundTruth);
  const predIds = Object.keys(prediction);
  if (ids.length !== predIds.length || !predIds.every((k) => Object.prototype.hasOwnProperty.call(groundTruth, k))) {
    throw new Error('prediction keys do not match ground truth');
  }
  const tpFpFns: TpFpFn[] = [];
  const accuracies: number[] = [];
  for (const id of ids) {
    const truth = groundTruth[id]!.articleBody ?? '';
    const pred = prediction[id]!.articleBody ?? '';
    tpFpFns.push(stringShingleMatching(truth, pred));
    accuracies.push(getAccuracy(truth, pred));
  }
  const pages = tpFpFns.map((t, i) => pageExact(t, accuracies[i]!));
  const m = metricsOf(pages);
  const accuracy = pyMeanScaled(pages.map((x) => x.acc));

  const b: Record<'f1' | 'precision' | 'recall' | 'accuracy', number[]> = { f1: [], precision: [], recall: [], accuracy: [] };
  const n = pages.length;
  for (let k = 0; k < nBootstrap; k++) {
    const idx = Array.from({ length: n }, () => rng.randint(0, n - 1));
    const sample = idx.map((i) => pages[i]!);
    const bm = metricsOf(sample);
    b.f1.push(bm.f1);
    b.precision.push(bm.precision);
    b.recall.push(bm.recall);
    b.accuracy.push(pyMeanScaled(sample.map((x) => x.acc)));
  }
  const sd = (v: number[]) => (v.length > 1 ? pyStdev(v) : 0);
  return {
    ...m,
    accuracy,
    f1_std: sd(b.f1),
    precision_std: sd(b.precision),
    recall_std: sd(b.recall),
    accuracy_std: sd(b.accuracy),
    tp_fp_fns: tpFpFns,
    ids,
  };
}

/** One result line exactly as evaluate.py prints it. */
export function formatZyteLine(name: string, version: string, m: ZyteEvaluation): string {
  const f = (x: number) => pyFixed(x, 3);
  return (
    `${name.padEnd(20)} ${version.padEnd(12)} ` +
    `${f(m.f1)} ± ${f(m.f1_std)}  ${f(m.precision)} ± ${f(m.precision_std)}  ` +
    `${f(m.recall)} ± ${f(m.recall_std)}  ${f(m.accuracy)} ± ${f(m.accuracy_std)}`
  );
}

/** evaluate.py's header line. */
export function formatZyteHeader(): string {
  return `${''.padEnd(20)} ${'version'.padEnd(12)} ${'F1'.padEnd(13)}  ${'precision'.padEnd(13)}  ${'recall'.padEnd(13)}  ${'accuracy'.padEnd(13)}`;
}
