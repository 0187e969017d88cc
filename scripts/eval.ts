/**
 * npm run eval — extraction quality on the saved corpus pages, pipeline next to plain Readability.
 *
 *   npm run eval                          table: per page, per site group, overall, goal check
 *   npm run eval -- --site people         only one site (people, xinhua, cctv, …) or group (other)
 *   npm run eval -- --json                machine-readable results
 *   npm run eval -- --verbose FILE        missing / extra text runs for one page (FILE = any unique
 *                                          part of the corpus path, e.g. 20111215_society or b26fbb82)
 *        [--system pipeline|readability|both] [--full]
 *   npm run eval -- --corpus DIR          corpus other than ../shared/corpus
 *
 * Then the multi-page section (src/eval/multipage/): every multi-page first or middle page of the
 * corpus turned into a whole article from its own template, read from its first and from its last
 * page through an in-memory fetch, scored per page; chains and traps must stay single.
 *   npm run eval -- --generic             multi-page with site rules switched off only (default: both)
 *   npm run eval -- --rules               multi-page with site rules only
 *   npm run eval -- --holdout             table rows grouped into tuned / held out (totals always show both)
 *   npm run eval -- --verbose CASE        per-page diagnostic for one multi-page case (CASE = case id or a
 *                                          unique part of it: people-culture, xinmin-ent, gamersky, …)
 *   npm run eval -- --only single|multipage   one section only
 *   npm run eval -- --serial              everything in one process (default: each multi-page mode in a child process)
 * The last line printed is one JSON object with the single-page and multi-page figures.
 *
 * Metric: token F1 (src/eval/tokenize.ts). Ground truth covers only the saved page, so the pipeline
 * runs with maxPages 1 and a fetch that rejects everything. Formats whose truth starts with the
 * headline (reference.txt, fulltext.DERIVED.txt) are compared with "title + body" of both systems.
 */
import { Readability } from '@mozilla/readability';
import { createNodeDom } from '../src/cli/node-dom';
import { decodeHtml } from '../src/pipeline/decode';
import { readWholeArticle } from '../src/pipeline/read-whole-article';
import type { DomEnvironment } from '../src/pipeline/types';
import {
  DEFAULT_CORPUS_DIR,
  loadCorpusPages,
  rejectingFetch,
  withTimeout,
  type CorpusPage,
} from '../src/eval/corpus';
import { diffTexts, renderDiff } from '../src/eval/diff';
import {
  comparableText,
  GROUPS,
  goalCheck,
  scoreOutput,
  siteGroup,
  summarize,
  type GroupSummary,
  type PageResult,
  type SystemOutput,
  type SystemScore,
} from '../src/eval/evaluate';
import { shortName, type GroundTruth } from '../src/eval/ground-truth';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { caseIds, findCase, mergeResults, printMultiPage, runMultiPage, summaryOf, verboseCase, withoutTexts, type MultiPageResult } from '../src/eval/multipage/report';
import type { Mode } from '../src/eval/multipage/run';

interface Args {
  corpus: string;
  json: boolean;
  site: string | null;
  verbose: string | null;
  system: 'pipeline' | 'readability' | 'both' | null;
  full: boolean;
  timeoutMs: number;
  /** Multi-page modes to run. */
  modes: Mode[];
  holdout: boolean;
  only: 'single' | 'multipage' | null;
  /** Run everything in this process (default: each multi-page mode in a child process, next to the single-page run). */
  serial: boolean;
  /** Internal: print the multi-page result as JSON (what a child process sends back). */
  emit: boolean;
  /** The arguments as given (passed on to child processes). */
  raw: string[];
}

function usage(code: number): never {
  const msg = `usage: tsx scripts/eval.ts [--corpus DIR] [--site NAME] [--json] [--verbose FILE|CASE [--system pipeline|readability|both] [--full]] [--timeout MS] [--generic | --rules] [--holdout] [--only single|multipage] [--serial]`;
  (code ? console.error : console.log)(msg);
  process.exit(code);
}

function parseArgs(argv: string[]): Args {
  const a: Args = { corpus: DEFAULT_CORPUS_DIR, json: false, site: null, verbose: null, system: null, full: false, timeoutMs: 30_000, modes: ['rules', 'generic'], holdout: false, only: null, serial: false, emit: false, raw: argv };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]!;
    const val = () => {
      const v = argv[++i];
      if (v === undefined) usage(2);
      return v;
    };
    if (k === '--corpus') a.corpus = val();
    else if (k === '--json') a.json = true;
    else if (k === '--site') a.site = val();
    else if (k === '--verbose' || k === '-v') a.verbose = val();
    else if (k === '--system') {
      const s = val();
      if (s !== 'pipeline' && s !== 'readability' && s !== 'both') usage(2);
      a.system = s;
    } else if (k === '--full') a.full = true;
    else if (k === '--timeout') a.timeoutMs = Number(val());
    else if (k === '--generic') a.modes = ['generic'];
    else if (k === '--rules') a.modes = ['rules'];
    else if (k === '--holdout') a.holdout = true;
    else if (k === '--serial') a.serial = true;
    else if (k === '--emit-multipage-json') a.emit = true;
    else if (k === '--only') {
      const o = val();
      if (o !== 'single' && o !== 'multipage') usage(2);
      a.only = o;
    }
    else if (k === '--help' || k === '-h') usage(0);
    else {
      console.error(`unknown argument: ${k}`);
      usage(2);
    }
  }
  return a;
}

function runReadability(dom: DomEnvironment, page: CorpusPage): SystemOutput {
  const doc = dom.parse(page.html, page.entry.url);
  const article = new Readability(doc).parse();
  return { title: article?.title ?? null, text: article?.textContent ?? null };
}

async function runPipeline(
  dom: DomEnvironment,
  page: CorpusPage,
  timeoutMs: number,
): Promise<{ out: SystemOutput; info: Record<string, unknown> }> {
  const wa = await withTimeout(
    readWholeArticle({ url: page.entry.url, html: page.html, fetch: rejectingFetch, dom, maxPages: 1 }),
    timeoutMs,
    'readWholeArticle',
  );
  return {
    out: { title: wa.title, text: wa.textContent },
    info: { site: wa.site, pageCount: wa.pageCount, pageUrls: wa.pageUrls.length, failedPages: wa.failedPages.length, title: wa.title },
  };
}

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

function fmtScore(s: SystemScore): string {
  switch (s.kind) {
    case 'f1':
      return s.score.f1.toFixed(4);
    case 'snippets':
      return s.result.pass ? 'pass' : 'FAIL';
    case 'error':
      return 'ERR';
    case 'unavailable':
      return 'n/a';
  }
}

const fmtMean = (x: number | null) => (x === null ? 'n/a' : x.toFixed(4));

function pad(s: string, n: number): string {
  // Corpus short names are ASCII; plain padEnd is fine.
  return s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n);
}

function printTable(results: PageResult[], groups: GroupSummary[], overall: GroupSummary, skipped: CorpusPage[], site: string | null): void {
  const W = { site: 10, file: 40, fmt: 11, p: 9, r: 11, tok: 6 };
  const head = `${pad('site', W.site)} ${pad('file', W.file)} ${pad('format', W.fmt)} ${'pipeline'.padStart(W.p)} ${'readability'.padStart(W.r)} ${'gt tok'.padStart(W.tok)}`;
  console.log('');
  console.log(head);
  console.log('-'.repeat(head.length));
  const f1Rows = results.filter((r) => r.format !== 'evaldata');
  for (const r of f1Rows) {
    const tok = r.readability.kind === 'f1' ? String(r.readability.score.truthTokens) : r.pipeline.kind === 'f1' ? String(r.pipeline.score.truthTokens) : '';
    console.log(`${pad(r.site, W.site)} ${pad(r.short, W.file)} ${pad(r.format, W.fmt)} ${fmtScore(r.pipeline).padStart(W.p)} ${fmtScore(r.readability).padStart(W.r)} ${tok.padStart(W.tok)}`);
  }
  console.log('-'.repeat(head.length));
  for (const g of [...groups, overall]) {
    const label = g.group === 'overall' ? 'OVERALL mean' : `mean ${g.group}`;
    const errs = g.pipelineErrors ? ` (${g.pipelineErrors} pipeline error(s) counted as 0)` : '';
    console.log(`${pad(label, W.site + 1 + W.file)} ${pad(`${g.pages} pages`, W.fmt)} ${fmtMean(g.pipelineMean).padStart(W.p)} ${fmtMean(g.readabilityMean).padStart(W.r)}${errs}`);
  }

  const snip = results.filter((r) => r.format === 'evaldata');
  if (snip.length) {
    console.log('');
    console.log('Snippet checks (trafilatura evaldata: "with" must appear, "without" must not; not in F1 means)');
    const cell = (s: SystemScore) =>
      s.kind === 'snippets' ? `${s.result.pass ? 'pass' : 'FAIL'} with ${s.result.withFound}/${s.result.withTotal} without ${s.result.withoutAbsent}/${s.result.withoutTotal}` : fmtScore(s);
    for (const r of snip) console.log(`  ${pad(r.site, W.site)} ${pad(r.short, W.file)} pipeline: ${pad(cell(r.pipeline), 30)} readability: ${cell(r.readability)}`);
    const passes = (k: 'pipeline' | 'readability') => snip.filter((r) => r[k].kind === 'snippets' && (r[k] as { result: { pass: boolean } }).result.pass).length;
    console.log(`  pages passing: pipeline ${passes('pipeline')}/${snip.length}, readability ${passes('readability')}/${snip.length}`);
  }

  const errors = results.filter((r) => r.pipeline.kind === 'error' || r.readability.kind === 'error');
  if (errors.length) {
    console.log('');
    console.log('Errors:');
    for (const r of errors) {
      if (r.pipeline.kind === 'error') console.log(`  ${r.short} pipeline: ${r.pipeline.error}`);
      if (r.readability.kind === 'error') console.log(`  ${r.short} readability: ${r.readability.error}`);
    }
  }
  if (skipped.length) console.log(`\nSkipped (no ground truth): ${skipped.map((p) => p.entry.file).join(', ')}`);

  const goal = goalCheck(overall, groups);
  console.log('');
  const verdict = goal.pass === null ? 'NOT CHECKED' : goal.pass ? 'PASS' : 'FAIL';
  const scope = site ? ` (only --site ${site}; the goal is defined on the whole corpus)` : '';
  console.log(`Goal "mean F1 ≥ ${goal.threshold} and above Readability on every site group": ${verdict}${scope}`);
  for (const d of goal.detail) console.log(`  ${d}`);
}

function findPage(pages: CorpusPage[], query: string): CorpusPage {
  const exact = pages.filter((p) => p.entry.file === query || p.path === query || shortName(p.entry.file) === query);
  if (exact.length === 1) return exact[0]!;
  const q = query.toLowerCase();
  const hits = pages.filter((p) => p.path.toLowerCase().includes(q));
  if (hits.length === 1) return hits[0]!;
  if (!hits.length) throw new Error(`--verbose: no corpus page matches "${query}"`);
  throw new Error(`--verbose: "${query}" matches ${hits.length} pages:\n  ${hits.map((h) => h.entry.file).join('\n  ')}`);
}

function describeTruth(t: GroundTruth): string {
  if (t.kind === 'snippets') return `${t.file} (evaldata snippets)`;
  return `${t.file} (${t.format}${t.includesTitle ? ', includes the headline: scored against title + body' : ', body only'})`;
}

async function verbose(args: Args, pages: CorpusPage[], dom: DomEnvironment): Promise<void> {
  const page = findPage(pages, args.verbose!);
  const truth = page.truth;
  console.log(`page:  ${page.entry.file}`);
  console.log(`url:   ${page.entry.url}   (charset ${page.charset})`);
  if (!truth) {
    console.log('no ground truth for this page');
    return;
  }
  console.log(`truth: ${describeTruth(truth)}`);
  const want = args.system ?? 'pipeline';
  const systems: Array<'pipeline' | 'readability'> = want === 'both' ? ['pipeline', 'readability'] : [want];
  for (const sys of systems) {
    console.log('');
    console.log(`=== ${sys} ===`);
    let out: SystemOutput;
    try {
      if (sys === 'pipeline') {
        const r = await runPipeline(dom, page, args.timeoutMs);
        out = r.out;
        console.log(`info:  ${JSON.stringify(r.info)}`);
      } else out = runReadability(dom, page);
    } catch (e) {
      console.log(`ERROR: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      continue;
    }
    console.log(`title: ${out.title ?? '(none)'}`);
    const s = scoreOutput(truth, out);
    if (s.kind === 'snippets') {
      console.log(`snippets: ${s.result.pass ? 'pass' : 'FAIL'}; with ${s.result.withFound}/${s.result.withTotal}, without ${s.result.withoutAbsent}/${s.result.withoutTotal}`);
      for (const m of s.result.missing) console.log(`  missing:  ${m}`);
      for (const u of s.result.unwanted) console.log(`  unwanted: ${u}`);
      continue;
    }
    if (s.kind !== 'f1' || truth.kind !== 'text') continue;
    const { f1, precision, recall, predTokens, truthTokens, overlap } = s.score;
    console.log(`F1 ${f1.toFixed(4)}  P ${precision.toFixed(4)}  R ${recall.toFixed(4)}  (extracted ${predTokens} tok, truth ${truthTokens} tok, multiset overlap ${overlap})`);
    const d = diffTexts(comparableText(truth, out), truth.text);
    console.log(renderDiff(d, args.full ? { maxRunChars: 0, maxRuns: 0 } : {}));
  }
}

function multiPage(args: Args, dom: DomEnvironment): Promise<MultiPageResult> {
  return runMultiPage({ corpusDir: args.corpus, read: readWholeArticle, dom, modes: args.modes, timeoutMs: args.timeoutMs, site: args.site, holdout: args.holdout });
}

/**
 * The multi-page run of one mode in a child process (this script with --emit-multipage-json), so
 * the single-page run and both multi-page modes share the machine's cores.
 */
function multiPageChild(args: Args, mode: Mode): Promise<MultiPageResult> {
  const passOn: string[] = ['--corpus', args.corpus, '--timeout', String(args.timeoutMs)];
  if (args.site) passOn.push('--site', args.site);
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--only', 'multipage', mode === 'generic' ? '--generic' : '--rules', '--emit-multipage-json', ...passOn], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => (out += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`multi-page ${mode} run exited with ${code}`));
      try {
        resolve(JSON.parse(out.slice(out.indexOf('{'))) as MultiPageResult);
      } catch (e) {
        reject(new Error(`multi-page ${mode} run: unreadable output (${errText(e)})`));
      }
    });
  });
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const args = parseArgs(process.argv.slice(2));

  const dom = createNodeDom();

  if (args.verbose) {
    const mpCase = findCase(args.verbose);
    if (mpCase) {
      return verboseCase(mpCase, { corpusDir: args.corpus, read: readWholeArticle, dom, modes: args.modes, timeoutMs: args.timeoutMs });
    }
    const pages = loadCorpusPages(args.corpus, decodeHtml);
    try {
      return await verbose(args, pages, dom);
    } catch (e) {
      throw new Error(`${e instanceof Error ? e.message : String(e)}\n(multi-page cases: ${caseIds().join(', ')})`);
    }
  }

  if (args.emit) {
    const r = await multiPage(args, dom);
    process.stdout.write(JSON.stringify(withoutTexts(r)));
    return;
  }

  // Each multi-page mode in its own process, started first, while this one scores single pages.
  const children = args.only !== 'single' && !args.serial ? args.modes.map((m) => multiPageChild(args, m)) : null;
  // An unawaited rejection would end the process before the single-page table is printed.
  children?.forEach((c) => c.catch(() => undefined));

  let single: { results: PageResult[]; groups: GroupSummary[]; overall: GroupSummary; skipped: CorpusPage[] } | null = null;
  if (args.only !== 'multipage') {
    let pages = loadCorpusPages(args.corpus, decodeHtml);
    if (args.site) {
      const s = args.site;
      pages = pages.filter((p) => p.entry.site === s || siteGroup(p.entry.site) === s);
      if (!pages.length) throw new Error(`--site ${s}: no pages`);
    }
    single = await singlePage(args, pages, dom);
    if (!args.json) printTable(single.results, single.groups, single.overall, single.skipped, args.site);
  }

  const multi = args.only === 'single' ? null : children ? mergeResults(await Promise.all(children)) : await multiPage(args, dom);
  if (multi && !args.json) printMultiPage(multi, console.log, args.holdout);

  if (args.json) {
    console.log(
      JSON.stringify(
        {
          corpus: args.corpus,
          pages: single?.results,
          groups: single?.groups,
          overall: single?.overall,
          goal: single ? goalCheck(single.overall, single.groups) : undefined,
          skipped: single?.skipped.map((p) => p.entry.file),
          multipage: multi ? { summary: summaryOf(multi), ...withoutTexts(multi) } : null,
        },
        null,
        2,
      ),
    );
    return;
  }

  // One JSON summary line, last.
  const round = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 10000);
  const summary: Record<string, unknown> = {};
  if (single) {
    const goal = goalCheck(single.overall, single.groups);
    summary.singlePage = {
      pages: single.overall.pages,
      meanF1: round(single.overall.pipelineMean),
      readabilityMeanF1: round(single.overall.readabilityMean),
      groups: Object.fromEntries(single.groups.map((g) => [g.group, { pages: g.pages, meanF1: round(g.pipelineMean), readabilityMeanF1: round(g.readabilityMean) }])),
      goalPass: goal.pass,
    };
  }
  if (multi) summary.multiPage = summaryOf(multi);
  summary.seconds = Math.round((performance.now() - t0) / 100) / 10;
  console.log('');
  console.log(JSON.stringify(summary));
}

async function singlePage(
  args: Args,
  pages: CorpusPage[],
  dom: DomEnvironment,
): Promise<{ results: PageResult[]; groups: GroupSummary[]; overall: GroupSummary; skipped: CorpusPage[] }> {
  const skipped = pages.filter((p) => !p.truth);
  const results: PageResult[] = [];
  for (const page of pages) {
    const truth = page.truth;
    if (!truth) continue;
    let readability: SystemScore;
    try {
      readability = scoreOutput(truth, runReadability(dom, page));
    } catch (e) {
      readability = { kind: 'error', error: errText(e) };
    }
    let pipeline: SystemScore;
    let pipelineInfo: Record<string, unknown> | undefined;
    try {
      const r = await runPipeline(dom, page, args.timeoutMs);
      pipeline = scoreOutput(truth, r.out);
      pipelineInfo = r.info;
    } catch (e) {
      pipeline = { kind: 'error', error: errText(e) };
    }
    results.push({
      file: page.entry.file,
      short: shortName(page.entry.file),
      site: page.entry.site,
      group: siteGroup(page.entry.site),
      format: truth.format,
      url: page.entry.url,
      truthFile: truth.file,
      pipeline,
      readability,
      pipelineInfo,
    });
    // jsdom frees a window only after its pending load task ran: yield so documents do not pile up.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const groups = GROUPS.map((g) => summarize(results, g, (r) => r.group === g)).filter((g) => g.pages > 0);
  const overall = summarize(results, 'overall', () => true);
  return { results, groups, overall, skipped };
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
