/**
 * npm run eval:public — WholeStory next to plain Readability 0.6 on public third-party data
 * (../shared/benchmarks, see its README):
 *
 *  1. Zyte article-extraction-benchmark (181 pages): the benchmark's own shingle F1 / precision /
 *     recall, through a port of its evaluate.py (src/eval/public/zyte-evaluate.ts). Readability's
 *     figure is computed first, as the proof of the port (published: F1 0.947, P 0.914, R 0.982),
 *     and the same outputs are scored by the original evaluate.py (python3) to show both agree.
 *  2. Readability's 130 test pages: token F1 against expected.html (src/eval/tokenize.ts),
 *     articles lost (F1 < 0.1), titles and bylines against expected-metadata.json, WholeStory
 *     never reading a single page as paginated, and time per page next to Readability's (jsdom
 *     parse included, same worker thread, runs interleaved, median of --repeats).
 *
 *   npm run eval:public                         both parts, tables, one JSON summary line last
 *   npm run eval:public -- --only zyte          one part (zyte | readability)
 *   npm run eval:public -- --verbose            every lost page, wrong title, wrong byline (given vs
 *                                               expected), the 15 worst Zyte pages, slowest ratios
 *   npm run eval:public -- --limit 20           the first N pages of each part (quick run)
 *        [--timeout MS] per run of one system on one page (default 120000; over it: "timeout")
 *        [--repeats N] timed runs per system per test page (default 3; a page whose runs take
 *                      over 10 s together is not repeated)
 *        [--seed S] [--n-bootstrap N] the bootstrap's Python-compatible seed (0) and size (1000)
 *        [--no-python] skip the evaluate.py cross-check   [--save FILE] per-page results as JSON
 */
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createNodeDom } from '../src/cli/node-dom';
import { REPO_ROOT } from '../src/eval/corpus';
import { tokenF1 } from '../src/eval/tokenize';
import { PyRandom } from '../src/eval/public/py-random';
import { judgeByline, loadTestPages, median, normSpace, pagesNotLinked, TEST_PAGE_URL, titleRight, titleRightLoose, type BylineVerdict } from '../src/eval/public/readability-pages';
import { PageRunner, type RunOutcome } from '../src/eval/public/runner';
import type { RunResult, SystemName } from '../src/eval/public/systems';
import {
  evaluateZyte,
  formatZyteHeader,
  formatZyteLine,
  precisionScore,
  recallScore,
  type ZyteEvaluation,
} from '../src/eval/public/zyte-evaluate';
import { loadZytePages, pageUrlFromHtml, runPythonEvaluate, type ZyteOutputFile, type ZyteTruth } from '../src/eval/public/zyte';

interface Args {
  only: 'zyte' | 'readability' | null;
  verbose: boolean;
  limit: number | null;
  timeoutMs: number;
  repeats: number;
  seed: number;
  nBootstrap: number;
  python: boolean;
  save: string | null;
}

function usage(code: number): never {
  const msg =
    'usage: tsx scripts/eval-public.ts [--only zyte|readability] [--verbose] [--limit N] [--timeout MS] [--repeats N] [--seed S] [--n-bootstrap N] [--no-python] [--save FILE]';
  (code ? console.error : console.log)(msg);
  process.exit(code);
}

function parseArgs(argv: string[]): Args {
  const a: Args = { only: null, verbose: false, limit: null, timeoutMs: 120_000, repeats: 3, seed: 0, nBootstrap: 1000, python: true, save: null };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]!;
    const val = () => {
      const v = argv[++i];
      if (v === undefined) usage(2);
      return v;
    };
    const num = () => {
      const n = Number(val());
      if (!Number.isFinite(n) || n < 0) usage(2);
      return n;
    };
    if (k === '--only') {
      const v = val();
      if (v !== 'zyte' && v !== 'readability') usage(2);
      a.only = v;
    } else if (k === '--verbose' || k === '-v') a.verbose = true;
    else if (k === '--limit') a.limit = num();
    else if (k === '--timeout') a.timeoutMs = num();
    else if (k === '--repeats') a.repeats = Math.max(1, Math.floor(num()));
    else if (k === '--seed') a.seed = Math.floor(num());
    else if (k === '--n-bootstrap') a.nBootstrap = Math.floor(num());
    else if (k === '--no-python') a.python = false;
    else if (k === '--save') a.save = val();
    else if (k === '--help' || k === '-h') usage(0);
    else usage(2);
  }
  return a;
}

const f3 = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? '—' : x.toFixed(3));
const secs = (ms: number | null | undefined) => (ms === null || ms === undefined || Number.isNaN(ms) ? '—' : `${(ms / 1000).toFixed(2)} s`);
const clip = (s: string | null | undefined, n = 90) => {
  const t = normSpace(s);
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
};
const q = (s: string | null | undefined) => (s === null || s === undefined || s === '' ? '(none)' : JSON.stringify(clip(s)));

function progress(label: string, i: number, n: number, extra = ''): void {
  if (process.stderr.isTTY) process.stderr.write(`\r${label} ${i}/${n} ${extra}`.padEnd(100).slice(0, 100));
}
function progressDone(): void {
  if (process.stderr.isTTY) process.stderr.write('\r'.padEnd(101) + '\r');
}

/** HEAD's short hash, "+wt" when the engine (src/pipeline, src/sites) has uncommitted changes. */
function gitVersion(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src/pipeline', 'src/sites'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${head}+wt` : head;
  } catch {
    return '';
  }
}

/** A run's result, or an empty one standing for a timeout. */
function resultOf(o: RunOutcome): RunResult & { timedOut: boolean } {
  if (o.kind === 'done') return { ...o.result, timedOut: false };
  return { ok: false, ms: o.ms, cpuMs: o.ms, text: '', title: null, byline: null, pageCount: 0, failedPages: 0, pageUrls: [], error: `timed out after ${Math.round(o.ms)} ms`, timedOut: true };
}

// ─────────────────────────────────────────────── Zyte ───────────────────────────────────────────────

interface ZytePageRecord {
  id: string;
  url: string;
  urlFrom: 'benchmark' | 'page' | 'none';
  readability: { ms: number; error: string | null; timedOut: boolean; chars: number };
  wholestory: { ms: number; error: string | null; timedOut: boolean; chars: number };
  /** Shingle precision / recall / F1 of each system on this page (evaluate.py's per-page figures). */
  scores: Record<SystemName, { p: number | null; r: number | null; f1: number | null }>;
  texts?: Record<SystemName, string>;
}

interface ZyteSummary {
  pages: number;
  readability: ZyteEvaluation;
  wholestory: ZyteEvaluation;
  python: { ran: boolean; identical: boolean | null; error: string | null; lines: string[] };
  tsLines: string[];
  timeouts: Record<SystemName, number>;
  errors: Record<SystemName, number>;
  medianMs: Record<SystemName, number>;
  records: ZytePageRecord[];
}

const ZYTE_NAMES: Record<SystemName, string> = { readability: 'readability_js', wholestory: 'wholestory' };

function perPage(t: readonly [number, number, number]): { p: number | null; r: number | null; f1: number | null } {
  const [tp, fp, fn] = t;
  const p = tp + fp > 0 ? precisionScore(tp, fp, fn) : null;
  const r = tp + fn > 0 ? recallScore(tp, fp, fn) : null;
  // An empty prediction has no precision in evaluate.py (left out of that mean) but is a miss: F1 0.
  const f1 = p === null && r === null ? null : (p ?? 0) + (r ?? 0) > 0 ? (2 * (p ?? 0) * (r ?? 0)) / ((p ?? 0) + (r ?? 0)) : 0;
  return { p, r, f1 };
}

async function runZyte(args: Args, runner: PageRunner): Promise<ZyteSummary> {
  let pages = loadZytePages();
  if (args.limit !== null) pages = pages.slice(0, args.limit);
  const outputs: Record<SystemName, Record<string, { articleBody: string }>> = { readability: {}, wholestory: {} };
  const records: ZytePageRecord[] = [];
  const texts: Record<SystemName, Record<string, string>> = { readability: {}, wholestory: {} };
  for (const [i, page] of pages.entries()) {
    progress('zyte', i + 1, pages.length, page.id.slice(0, 12));
    const html = page.html();
    const fromPage = page.url ? null : pageUrlFromHtml(html);
    const url = page.url ?? fromPage ?? 'https://fake-url.com/';
    const order: SystemName[] = i % 2 ? ['wholestory', 'readability'] : ['readability', 'wholestory'];
    const got = {} as Record<SystemName, ReturnType<typeof resultOf>>;
    for (const system of order) {
      got[system] = resultOf(await runner.run({ system, html, url, ...(system === 'wholestory' ? { maxPages: 1 } : {}) }));
    }
    for (const s of ['readability', 'wholestory'] as const) {
      outputs[s][page.id] = { articleBody: got[s].text };
      texts[s][page.id] = got[s].text;
    }
    records.push({
      id: page.id,
      url,
      urlFrom: page.url ? 'benchmark' : fromPage ? 'page' : 'none',
      readability: { ms: got.readability.ms, error: got.readability.error, timedOut: got.readability.timedOut, chars: got.readability.text.length },
      wholestory: { ms: got.wholestory.ms, error: got.wholestory.error, timedOut: got.wholestory.timedOut, chars: got.wholestory.text.length },
      scores: { readability: { p: null, r: null, f1: null }, wholestory: { p: null, r: null, f1: null } },
    });
  }
  progressDone();

  const truth: Record<string, ZyteTruth> = {};
  for (const p of pages) truth[p.id] = p.truth;
  // evaluate.py scores output/*.json in sorted order with one (here: seeded) random stream.
  const rng = new PyRandom(args.seed);
  const version = gitVersion();
  const files: ZyteOutputFile[] = [
    { name: ZYTE_NAMES.readability, version: '0.6.0', output: outputs.readability },
    { name: ZYTE_NAMES.wholestory, version, output: outputs.wholestory },
  ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const evals = {} as Record<SystemName, ZyteEvaluation>;
  const tsLines = [formatZyteHeader()];
  for (const f of files) {
    const system = (Object.keys(ZYTE_NAMES) as SystemName[]).find((s) => ZYTE_NAMES[s] === f.name)!;
    evals[system] = evaluateZyte(truth, f.output, args.nBootstrap, rng);
    tsLines.push(formatZyteLine(f.name, f.version, evals[system]));
  }
  for (const s of ['readability', 'wholestory'] as const) {
    const e = evals[s];
    e.ids.forEach((id, k) => {
      const rec = records.find((r) => r.id === id)!;
      rec.scores[s] = perPage(e.tp_fp_fns[k]!);
    });
  }
  if (args.save) for (const rec of records) rec.texts = { readability: texts.readability[rec.id]!, wholestory: texts.wholestory[rec.id]! };

  const python: ZyteSummary['python'] = { ran: false, identical: null, error: null, lines: [] };
  if (args.python) {
    const r = runPythonEvaluate(files, args.seed, args.nBootstrap, args.limit !== null ? { truth } : {});
    python.ran = r.ok;
    python.error = r.error;
    python.lines = r.lines;
    if (r.ok) python.identical = r.lines.length === tsLines.length && r.lines.every((l, k) => l === tsLines[k]);
  }
  const count = (pred: (r: ZytePageRecord['readability']) => boolean) =>
    ({ readability: records.filter((r) => pred(r.readability)).length, wholestory: records.filter((r) => pred(r.wholestory)).length }) as Record<SystemName, number>;
  return {
    pages: pages.length,
    readability: evals.readability,
    wholestory: evals.wholestory,
    python,
    tsLines,
    timeouts: count((r) => r.timedOut),
    errors: count((r) => !!r.error && !r.timedOut),
    medianMs: { readability: median(records.map((r) => r.readability.ms)), wholestory: median(records.map((r) => r.wholestory.ms)) },
    records,
  };
}

function printZyte(z: ZyteSummary, args: Args): void {
  console.log(`\n== Zyte article-extraction-benchmark: ${z.pages} pages, evaluate.py's shingle metrics (bootstrap seed ${args.seed}, n=${args.nBootstrap}) ==`);
  console.log('');
  console.log(`${'system'.padEnd(22)}${'F1'.padEnd(8)}${'precision'.padEnd(11)}${'recall'.padEnd(8)}${'accuracy'.padEnd(10)}${'median time'.padEnd(13)}timeouts/errors`);
  const row = (label: string, e: ZyteEvaluation, s: SystemName) =>
    console.log(
      `${label.padEnd(22)}${f3(e.f1).padEnd(8)}${f3(e.precision).padEnd(11)}${f3(e.recall).padEnd(8)}${f3(e.accuracy).padEnd(10)}${secs(z.medianMs[s]).padEnd(13)}${z.timeouts[s]}/${z.errors[s]}`,
    );
  row('Readability 0.6', z.readability, 'readability');
  row('WholeStory', z.wholestory, 'wholestory');
  console.log(`${'(published Readability.js 0.6.0: F1 0.947, precision 0.914, recall 0.982)'}`);
  console.log('\nevaluate.py port (TypeScript):');
  for (const l of z.tsLines) console.log(`  ${l}`);
  if (z.python.ran) {
    console.log(`original evaluate.py (python3, random.seed(${args.seed})) on the same outputs: ${z.python.identical ? 'identical output' : 'DIFFERENT output:'}`);
    if (!z.python.identical) for (const l of z.python.lines) console.log(`  ${l}`);
  } else if (args.python) console.log(`original evaluate.py: not run (${z.python.error})`);

  if (args.verbose) {
    const worst = [...z.records].sort((a, b) => (a.scores.wholestory.f1 ?? 1) - (b.scores.wholestory.f1 ?? 1)).slice(0, 15);
    console.log('\n15 worst Zyte pages for WholeStory (per-page shingle F1 / P / R; Readability alongside):');
    for (const r of worst) {
      const w = r.scores.wholestory;
      const b = r.scores.readability;
      const note = r.wholestory.timedOut ? ' TIMEOUT' : r.wholestory.error ? ` error: ${clip(r.wholestory.error, 60)}` : '';
      console.log(
        `  ${r.id.slice(0, 10)} ${clip(r.url, 70).padEnd(70)} WS ${f3(w.f1)} ${f3(w.p)} ${f3(w.r)} | R ${f3(b.f1)} ${f3(b.p)} ${f3(b.r)}${note}`,
      );
    }
  }
}

// ─────────────────────────────────────────── Readability pages ───────────────────────────────────────────

interface SystemOnPage {
  f1: number;
  precision: number;
  recall: number;
  title: string | null;
  byline: string | null;
  titleRight: boolean;
  /** Right with quotes/dashes folded or a site suffix dropped (titleRightLoose). */
  titleLoose: boolean;
  byline_: BylineVerdict;
  times: number[];
  medianMs: number;
  /** Process CPU time of the same runs (runner.ts: steadier than wall time under load). */
  cpuTimes: number[];
  medianCpuMs: number;
  timedOut: boolean;
  error: string | null;
  pageCount: number;
  failedPages: number;
  pageUrls: string[];
  text?: string;
}

interface TestPageRecord {
  name: string;
  expectedTitle: string | null;
  expectedByline: string | null;
  readability: SystemOnPage;
  wholestory: SystemOnPage;
  /** WholeStory's median time over Readability's (wall clock). */
  ratio: number;
  /** The same over CPU time. */
  cpuRatio: number;
  /** Pages WholeStory took beyond the first that the source does not link to (none: read as one page, or every page linked). */
  unlinkedPages: string[];
}

interface TestPagesSummary {
  pages: number;
  records: TestPageRecord[];
  lost: Record<SystemName, string[]>;
  timeouts: Record<SystemName, string[]>;
  titlesRight: Record<SystemName, number>;
  titlesLoose: Record<SystemName, number>;
  bylinesExpected: number;
  bylines: Record<SystemName, Record<BylineVerdict, number>>;
  meanF1: Record<SystemName, number>;
  medianRatio: number;
  medianCpuRatio: number;
  worstRatios: { name: string; ratio: number; wholestoryMs: number; readabilityMs: number }[];
  worstCpuRatios: { name: string; ratio: number; wholestoryMs: number; readabilityMs: number }[];
  over3x: number;
  over3xCpu: number;
  /**
   * Pages read as paginated, with the pages taken; `unlinked`: those of them the page itself does
   * not link to (a page read as paginated without a link to its other pages is a false alarm).
   */
  paginated: { name: string; pageCount: number; failedPages: number; pageUrls: string[]; unlinked: string[] }[];
  wikipedia2: { wholestoryMs: number; readabilityMs: number; wholestoryCpuMs: number; readabilityCpuMs: number; timedOut: boolean } | null;
}

const PAGE_REPEAT_BUDGET_MS = 10_000;

async function runTestPages(args: Args, runner: PageRunner): Promise<TestPagesSummary> {
  let pages = loadTestPages();
  if (args.limit !== null) pages = pages.slice(0, args.limit);
  const dom = createNodeDom();
  const records: TestPageRecord[] = [];
  for (const [i, page] of pages.entries()) {
    progress('readability pages', i + 1, pages.length, page.name);
    const html = page.source();
    const expectedText = dom.parse(page.expectedHtml(), TEST_PAGE_URL).body?.textContent ?? '';
    const runs: Record<SystemName, ReturnType<typeof resultOf>[]> = { readability: [], wholestory: [] };
    let spent = 0;
    for (let r = 0; r < args.repeats; r++) {
      // Interleaved, the order alternating, so drift in machine load falls on both alike.
      const order: SystemName[] = (i + r) % 2 ? ['wholestory', 'readability'] : ['readability', 'wholestory'];
      for (const system of order) {
        if (runs[system].some((x) => x.timedOut)) continue;
        const res = resultOf(await runner.run({ system, html, url: TEST_PAGE_URL }));
        runs[system].push(res);
        spent += res.ms;
      }
      if (spent > PAGE_REPEAT_BUDGET_MS) break;
    }
    const judge = (system: SystemName): SystemOnPage => {
      const all = runs[system];
      const first = all[0]!;
      const score = tokenF1(first.text, expectedText);
      const times = all.filter((x) => !x.timedOut).map((x) => x.ms);
      const cpuTimes = all.filter((x) => !x.timedOut).map((x) => x.cpuMs);
      const timedOut = all.some((x) => x.timedOut);
      return {
        f1: score.f1,
        precision: score.precision,
        recall: score.recall,
        title: first.title,
        byline: first.byline,
        titleRight: titleRight(first.title, page.metadata.title),
        titleLoose: titleRightLoose(first.title, page.metadata.title),
        byline_: judgeByline(first.byline, page.metadata.byline),
        times,
        medianMs: timedOut ? all.find((x) => x.timedOut)!.ms : median(times),
        cpuTimes,
        medianCpuMs: timedOut ? all.find((x) => x.timedOut)!.ms : median(cpuTimes),
        timedOut,
        error: first.error,
        pageCount: first.pageCount,
        failedPages: first.failedPages,
        pageUrls: first.pageUrls,
        ...(args.save ? { text: first.text } : {}),
      };
    };
    const rd = judge('readability');
    const ws = judge('wholestory');
    records.push({
      name: page.name,
      expectedTitle: page.metadata.title ?? null,
      expectedByline: page.metadata.byline ?? null,
      readability: rd,
      wholestory: ws,
      ratio: ws.medianMs / rd.medianMs,
      cpuRatio: ws.medianCpuMs / rd.medianCpuMs,
      unlinkedPages: ws.pageUrls.length > 1 ? pagesNotLinked(dom.parse(html, TEST_PAGE_URL), ws.pageUrls) : [],
    });
  }
  progressDone();

  const by = <T>(f: (s: SystemName) => T) => ({ readability: f('readability'), wholestory: f('wholestory') });
  const verdicts = (s: SystemName) => {
    const v: Record<BylineVerdict, number> = { equal: 0, contained: 0, wrong: 0, missing: 0, extra: 0, none: 0 };
    for (const r of records) v[r[s].byline_]++;
    return v;
  };
  // A timed-out run has no time, only a bound: such pages stay out of the ratios (reported as timeouts).
  const timed = records.filter((r) => !r.wholestory.timedOut && !r.readability.timedOut);
  const ratios = timed.filter((r) => Number.isFinite(r.ratio)).map((r) => r.ratio);
  const cpuRatios = timed.filter((r) => Number.isFinite(r.cpuRatio)).map((r) => r.cpuRatio);
  const wiki = records.find((r) => r.name === 'wikipedia-2');
  return {
    pages: records.length,
    records,
    lost: by((s) => records.filter((r) => !r[s].timedOut && r[s].f1 < 0.1).map((r) => r.name)),
    timeouts: by((s) => records.filter((r) => r[s].timedOut).map((r) => r.name)),
    titlesRight: by((s) => records.filter((r) => r[s].titleRight).length),
    titlesLoose: by((s) => records.filter((r) => r[s].titleLoose).length),
    bylinesExpected: records.filter((r) => normSpace(r.expectedByline)).length,
    bylines: by(verdicts),
    meanF1: by((s) => records.reduce((a, r) => a + r[s].f1, 0) / Math.max(1, records.length)),
    medianRatio: median(ratios),
    medianCpuRatio: median(cpuRatios),
    worstRatios: [...timed]
      .sort((a, b) => b.ratio - a.ratio)
      .slice(0, 10)
      .map((r) => ({ name: r.name, ratio: r.ratio, wholestoryMs: r.wholestory.medianMs, readabilityMs: r.readability.medianMs })),
    worstCpuRatios: [...timed]
      .sort((a, b) => b.cpuRatio - a.cpuRatio)
      .slice(0, 10)
      .map((r) => ({ name: r.name, ratio: r.cpuRatio, wholestoryMs: r.wholestory.medianCpuMs, readabilityMs: r.readability.medianCpuMs })),
    over3x: timed.filter((r) => r.ratio > 3).length,
    over3xCpu: timed.filter((r) => r.cpuRatio > 3).length,
    paginated: records
      .filter((r) => r.wholestory.pageCount > 1 || r.wholestory.failedPages > 0)
      .map((r) => ({ name: r.name, pageCount: r.wholestory.pageCount, failedPages: r.wholestory.failedPages, pageUrls: r.wholestory.pageUrls, unlinked: r.unlinkedPages })),
    wikipedia2: wiki
      ? {
          wholestoryMs: wiki.wholestory.medianMs,
          readabilityMs: wiki.readability.medianMs,
          wholestoryCpuMs: wiki.wholestory.medianCpuMs,
          readabilityCpuMs: wiki.readability.medianCpuMs,
          timedOut: wiki.wholestory.timedOut,
        }
      : null,
  };
}

function printTestPages(t: TestPagesSummary, args: Args): void {
  const n = t.pages;
  console.log(`\n== Readability test pages: ${n} pages (url ${TEST_PAGE_URL}), token F1 against expected.html ==`);
  console.log('');
  const bl = (s: SystemName) => `${t.bylines[s].equal + t.bylines[s].contained}/${t.bylinesExpected} (${t.bylines[s].equal} equal, ${t.bylines[s].contained} contained)`;
  console.log(`${''.padEnd(34)}${'Readability 0.6'.padEnd(36)}WholeStory`);
  const line = (label: string, a: string, b: string) => console.log(`${label.padEnd(34)}${a.padEnd(36)}${b}`);
  line('articles lost (F1 < 0.1)', String(t.lost.readability.length), String(t.lost.wholestory.length));
  line('timeouts', String(t.timeouts.readability.length), String(t.timeouts.wholestory.length));
  line('mean token F1', f3(t.meanF1.readability), f3(t.meanF1.wholestory));
  line('pages with F1 < 0.5', String(t.records.filter((r) => r.readability.f1 < 0.5).length), String(t.records.filter((r) => r.wholestory.f1 < 0.5).length));
  line('titles right', `${t.titlesRight.readability}/${n}`, `${t.titlesRight.wholestory}/${n}`);
  line('  … site suffix, quotes aside', `${t.titlesLoose.readability}/${n}`, `${t.titlesLoose.wholestory}/${n}`);
  line('bylines right (of pages with one)', bl('readability'), bl('wholestory'));
  line('bylines wrong / missing / extra', `${t.bylines.readability.wrong} / ${t.bylines.readability.missing} / ${t.bylines.readability.extra}`, `${t.bylines.wholestory.wrong} / ${t.bylines.wholestory.missing} / ${t.bylines.wholestory.extra}`);
  line('read as paginated (pageCount > 1)', '—', String(t.paginated.length) + (t.paginated.length ? `: ${t.paginated.map((p) => `${p.name} (${p.pageCount})`).join(', ')}` : ''));
  line('  … with a page it does not link', '—', String(t.paginated.filter((p) => p.unlinked.length > 0).length));
  console.log('');
  console.log(`time WholeStory / Readability per page (median of up to ${args.repeats} interleaved runs each, jsdom parse included):`);
  console.log(`  wall clock: median ${f3(t.medianRatio)}×, ${t.over3x} page(s) over 3×`);
  console.log(`  CPU time:   median ${f3(t.medianCpuRatio)}×, ${t.over3xCpu} page(s) over 3×   (steadier when other processes share the cores)`);
  const worst = (ws: TestPagesSummary['worstRatios']) => ws.slice(0, 5).map((w) => `${w.name} ${w.ratio.toFixed(1)}× (${secs(w.wholestoryMs)} vs ${secs(w.readabilityMs)})`).join('; ');
  console.log(`  worst (wall): ${worst(t.worstRatios)}`);
  console.log(`  worst (CPU):  ${worst(t.worstCpuRatios)}`);
  if (t.wikipedia2) {
    const w = t.wikipedia2;
    console.log(
      `wikipedia-2: WholeStory ${w.timedOut ? `TIMEOUT (> ${secs(w.wholestoryMs)})` : `${secs(w.wholestoryMs)} wall, ${secs(w.wholestoryCpuMs)} CPU`}; Readability ${secs(w.readabilityMs)} wall, ${secs(w.readabilityCpuMs)} CPU`,
    );
  }

  if (args.verbose) {
    const low = t.records.filter((r) => r.wholestory.f1 < 0.5 || r.wholestory.timedOut).sort((a, b) => a.wholestory.f1 - b.wholestory.f1);
    console.log(`\nWholeStory pages with F1 < 0.5 (lost = < 0.1): ${low.length}`);
    for (const r of low) {
      const w = r.wholestory;
      const why = w.timedOut ? 'TIMEOUT' : w.error ? `error: ${clip(w.error, 80)}` : `P ${f3(w.precision)} R ${f3(w.recall)}`;
      console.log(`  ${r.name.padEnd(44)} F1 ${f3(w.f1)} (Readability ${f3(r.readability.f1)})  ${why}`);
    }
    const wrongTitles = t.records.filter((r) => !r.wholestory.titleRight);
    console.log(`\nwrong titles: ${wrongTitles.length} (~ = right once a site suffix or quote style is set aside)`);
    for (const r of wrongTitles) {
      console.log(`  ${r.name.padEnd(42)}${r.wholestory.titleLoose ? '~ ' : '  '}gave ${q(r.wholestory.title)}\n  ${''.padEnd(44)}want ${q(r.expectedTitle)}`);
    }
    const wrongBylines = t.records.filter((r) => ['wrong', 'missing', 'extra'].includes(r.wholestory.byline_));
    console.log(`\nbylines not right: ${wrongBylines.length}`);
    for (const r of wrongBylines) console.log(`  ${r.name.padEnd(44)} ${r.wholestory.byline_.padEnd(8)} gave ${q(r.wholestory.byline)}  want ${q(r.expectedByline)}`);
    if (t.paginated.length) {
      console.log('\nread as paginated:');
      for (const p of t.paginated) {
        const linked = p.unlinked.length ? `not linked from the page: ${p.unlinked.join(' ')}` : 'every one linked from the page';
        console.log(`  ${p.name}: pageCount ${p.pageCount}, failed pages ${p.failedPages}; pages ${p.pageUrls.join(' ')} (${linked})`);
      }
    }
    console.log('\nslowest ratios (CPU time; wall clock in brackets):');
    for (const r of [...t.records].sort((a, b) => b.cpuRatio - a.cpuRatio).slice(0, 20)) {
      console.log(
        `  ${r.name.padEnd(44)} ${r.cpuRatio.toFixed(2).padStart(7)}× (${r.ratio.toFixed(2)}×)  WholeStory ${secs(r.wholestory.medianCpuMs)} (${secs(r.wholestory.medianMs)})  Readability ${secs(r.readability.medianCpuMs)} (${secs(r.readability.medianMs)})`,
      );
    }
  }
}

// ─────────────────────────────────────────────── main ───────────────────────────────────────────────

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // Warm-up on each new worker: a small article page through both systems, twice.
  const warmPage = loadTestPages().find((p) => p.name === '001');
  const warm = warmPage ? warmPage.source() : '<html><head><title>t</title></head><body><article><p>Warm up.</p></article></body></html>';
  const warmJobs = [0, 1].flatMap(() => (['readability', 'wholestory'] as const).map((system) => ({ system, html: warm, url: TEST_PAGE_URL })));
  const runner = new PageRunner(args.timeoutMs, warmJobs);
  const started = performance.now();
  let zyte: ZyteSummary | null = null;
  let tp: TestPagesSummary | null = null;
  try {
    if (args.only !== 'readability') {
      zyte = await runZyte(args, runner);
      printZyte(zyte, args);
    }
    if (args.only !== 'zyte') {
      tp = await runTestPages(args, runner);
      printTestPages(tp, args);
    }
  } finally {
    await runner.close();
  }
  if (args.save) {
    writeFileSync(args.save, JSON.stringify({ zyte: zyte?.records ?? null, readabilityPages: tp?.records ?? null }, null, 1));
    console.log(`\nper-page results written to ${args.save}`);
  }
  const r3 = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 1000) / 1000);
  const summary = {
    eval: 'public',
    limit: args.limit,
    seconds: Math.round((performance.now() - started) / 1000),
    zyte: zyte && {
      pages: zyte.pages,
      wholestory: { f1: r3(zyte.wholestory.f1), precision: r3(zyte.wholestory.precision), recall: r3(zyte.wholestory.recall) },
      readability: { f1: r3(zyte.readability.f1), precision: r3(zyte.readability.precision), recall: r3(zyte.readability.recall) },
      pythonIdentical: zyte.python.identical,
      timeouts: zyte.timeouts.wholestory,
    },
    readabilityPages: tp && {
      pages: tp.pages,
      lost: tp.lost.wholestory.length,
      lostReadability: tp.lost.readability.length,
      timeouts: tp.timeouts.wholestory.length,
      titlesRight: tp.titlesRight.wholestory,
      titlesRightLoose: tp.titlesLoose.wholestory,
      bylinesRight: tp.bylines.wholestory.equal + tp.bylines.wholestory.contained,
      bylinesExpected: tp.bylinesExpected,
      paginated: tp.paginated.length,
      paginatedUnlinked: tp.paginated.filter((p) => p.unlinked.length > 0).length,
      medianTimeRatio: r3(tp.medianRatio),
      worstTimeRatio: r3(tp.worstRatios[0]?.ratio),
      over3x: tp.over3x,
      medianCpuRatio: r3(tp.medianCpuRatio),
      worstCpuRatio: r3(tp.worstCpuRatios[0]?.ratio),
      over3xCpu: tp.over3xCpu,
      wikipedia2Seconds: tp.wikipedia2 ? r3(tp.wikipedia2.wholestoryMs / 1000) : null,
      wikipedia2CpuSeconds: tp.wikipedia2 ? r3(tp.wikipedia2.wholestoryCpuMs / 1000) : null,
      wikipedia2ReadabilitySeconds: tp.wikipedia2 ? r3(tp.wikipedia2.readabilityMs / 1000) : null,
      wikipedia2TimedOut: tp.wikipedia2?.timedOut ?? null,
    },
  };
  console.log('');
  console.log(JSON.stringify(summary));
}

main().catch((e: unknown) => {
  console.error((e as Error)?.stack ?? String(e));
  process.exit(1);
});
