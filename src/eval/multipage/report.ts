/**
 * The multi-page section of `npm run eval`: build the cases, run them (with site rules, with the
 * generic engine alone, or both), print the tables, totals for the tuned and held-out groups and a
 * per-page diagnostic for one case.
 */
import type { DomEnvironment } from '../../pipeline/types';
import type { ReadWholeArticleFn } from '../corpus';
import { diffTexts, renderDiff } from '../diff';
import { MULTIPAGE_CASES, TRAP_CASES } from './cases';
import { buildAll, entriesOf, PAGE_THRESHOLD, runCase, runTrap, type CaseRun, type Mode, type TrapRun } from './run';
import type { GeneratedCase, MultiPageCase } from './types';

export interface MultiPageOptions {
  corpusDir: string;
  read: ReadWholeArticleFn;
  dom: DomEnvironment;
  modes: Mode[];
  timeoutMs: number;
  /** Only cases of this site (or id substring). */
  site?: string | null;
  /** Group the table rows into tuned and held out. */
  holdout?: boolean;
  log?: (line: string) => void;
}

export interface GroupTotals {
  /** Merge runs complete / all merge runs (each case read from its first and its last page). */
  complete: number;
  runs: number;
  /** Mean over merge runs of the whole-article token F1 (errors count 0). */
  textF1: number | null;
  /** Mean over merge runs of the per-page mean F1. */
  pageF1: number | null;
  /** Lowest precision of a page found, over every merge run / over the complete ones. */
  minPagePrecision: number | null;
  minPagePrecisionComplete: number | null;
  /** Chains kept on their own piece / chain runs. */
  chainsSingle: number;
  chainRuns: number;
  trapsSingle: number;
  trapRuns: number;
}

export interface ModeTotals {
  all: GroupTotals;
  tuned: GroupTotals;
  heldOut: GroupTotals;
}

export interface MultiPageResult {
  cases: number;
  chains: number;
  traps: number;
  /** Cases the generator could not build. */
  unbuilt: Array<{ id: string; error: string }>;
  runs: Record<string, CaseRun[]>;
  trapRuns: Record<string, TrapRun[]>;
  totals: Partial<Record<Mode, ModeTotals>>;
  seconds: number;
  /** CPU seconds of the run (user + system), per mode where modes ran in separate processes. */
  cpuSeconds: Partial<Record<Mode, number>>;
}

const MODE_LABEL: Record<Mode, string> = { rules: 'with site rules', generic: 'generic engine alone (siteRules: false)' };

function mean(xs: number[]): number | null {
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null;
}

function minOf(xs: number[]): number | null {
  return xs.length ? Math.min(...xs) : null;
}

export function totalsOf(runs: CaseRun[], traps: TrapRun[]): GroupTotals {
  const merge = runs.filter((r) => r.expect === 'merge');
  const chains = runs.filter((r) => r.expect === 'single');
  // Precision of the pages the output has (a page not found shows as "pages not found", not as precision 0).
  const pagesP = (rs: CaseRun[]) => rs.flatMap((r) => r.pages.filter((p) => p.found).map((p) => p.precision));
  return {
    complete: merge.filter((r) => r.complete).length,
    runs: merge.length,
    textF1: mean(merge.map((r) => r.textF1 ?? 0)),
    pageF1: mean(merge.map((r) => r.meanF1 ?? 0)),
    minPagePrecision: minOf(pagesP(merge)),
    minPagePrecisionComplete: minOf(pagesP(merge.filter((r) => r.complete))),
    chainsSingle: chains.filter((r) => r.single).length,
    chainRuns: chains.length,
    trapsSingle: traps.filter((t) => t.single).length,
    trapRuns: traps.length,
  };
}

function modeTotals(runs: CaseRun[], traps: TrapRun[]): ModeTotals {
  return {
    all: totalsOf(runs, traps),
    tuned: totalsOf(
      runs.filter((r) => !r.holdout),
      traps.filter((t) => !t.holdout),
    ),
    heldOut: totalsOf(
      runs.filter((r) => r.holdout),
      traps.filter((t) => t.holdout),
    ),
  };
}

function selectCases(site: string | null | undefined): MultiPageCase[] {
  if (!site) return MULTIPAGE_CASES;
  return MULTIPAGE_CASES.filter((c) => c.site === site || c.id.includes(site));
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runMultiPage(opts: MultiPageOptions): Promise<MultiPageResult> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const cases = selectCases(opts.site);
  const traps = opts.site ? TRAP_CASES.filter((t) => t.site === opts.site || t.id.includes(opts.site!)) : TRAP_CASES;
  const { built, failed } = buildAll(cases, opts.corpusDir);
  const ctx = { read: opts.read, dom: opts.dom, timeoutMs: opts.timeoutMs };
  const result: MultiPageResult = {
    cases: cases.filter((c) => c.expect.kind === 'merge').length,
    chains: cases.filter((c) => c.expect.kind === 'single').length,
    traps: traps.length,
    unbuilt: failed,
    runs: {},
    trapRuns: {},
    totals: {},
    seconds: 0,
    cpuSeconds: {},
  };
  for (const mode of opts.modes) {
    const modeCpu = process.cpuUsage();
    const runs: CaseRun[] = [];
    for (const g of built) {
      for (const e of entriesOf(g.spec)) {
        runs.push(await runCase(ctx, g, mode, e));
        await yieldToLoop();
      }
    }
    const trapRuns: TrapRun[] = [];
    for (const t of traps) {
      trapRuns.push(await runTrap(ctx, t, opts.corpusDir, mode));
      await yieldToLoop();
    }
    result.runs[mode] = runs;
    result.trapRuns[mode] = trapRuns;
    result.totals[mode] = modeTotals(runs, trapRuns);
    const used = process.cpuUsage(modeCpu);
    result.cpuSeconds[mode] = (used.user + used.system) / 1e6;
  }
  // Building the cases is counted with the first mode.
  const first = opts.modes[0];
  if (first) {
    const all = process.cpuUsage(cpu0);
    const rest = opts.modes.slice(1).reduce((s, m) => s + (result.cpuSeconds[m] ?? 0), 0);
    result.cpuSeconds[first] = (all.user + all.system) / 1e6 - rest;
  }
  result.seconds = (performance.now() - t0) / 1000;
  return result;
}

/** The result without per-page texts (what a child process sends back, and --json prints). */
export function withoutTexts(result: MultiPageResult): MultiPageResult {
  const runs: Record<string, CaseRun[]> = {};
  for (const [mode, rs] of Object.entries(result.runs)) runs[mode] = rs.map((r) => ({ ...r, sections: [], pages: r.pages.map((p) => ({ ...p, text: '', truth: '' })) }));
  return { ...result, runs };
}

/** Results of separate runs (one mode each) as one. */
export function mergeResults(parts: MultiPageResult[]): MultiPageResult {
  const out: MultiPageResult = { ...parts[0]!, runs: {}, trapRuns: {}, totals: {}, seconds: 0, cpuSeconds: {} };
  for (const p of parts) {
    Object.assign(out.cpuSeconds, p.cpuSeconds);
    Object.assign(out.runs, p.runs);
    Object.assign(out.trapRuns, p.trapRuns);
    Object.assign(out.totals, p.totals);
    out.seconds = Math.max(out.seconds, p.seconds);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Printing

const f3 = (x: number | null) => (x === null ? '  n/a' : x.toFixed(3));

function pad(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n);
}

function notesOf(r: CaseRun): string {
  const notes: string[] = [];
  if (r.error) notes.push(`ERROR ${r.error.slice(0, 80)}`);
  if (r.wholeRead) notes.push('read the whole-article page');
  if (r.expect === 'merge' && !r.error && r.pageCount !== r.expectedPages && !r.wholeRead) notes.push(`pageCount ${r.pageCount}`);
  if (r.expect === 'single' && !r.error && r.pageCount !== 1) notes.push(`merged ${r.pageCount} pieces`);
  if (r.failedPages.length) notes.push(`failed ${r.failedPages.map((f) => `p${f.page} (${f.reason})`).join(', ')}`);
  const missing = r.expect === 'merge' && !r.wholeRead ? r.pages.filter((p) => !p.found).map((p) => p.page) : [];
  if (missing.length && !r.error) notes.push(`pages not found: ${missing.join(',')}`);
  if (r.misplaced.length) notes.push(`section→page ${r.misplaced.map(([s, p]) => `${s}→${p}`).join(' ')}`);
  if (r.duplicates.length) notes.push(`${r.duplicates.length} paragraph(s) twice`);
  const lowP = r.pages.filter((p) => p.found && p.precision < PAGE_THRESHOLD).map((p) => p.page);
  if (lowP.length && r.expect === 'merge') notes.push(`chrome kept on p${lowP.join(',')}`);
  const lowR = r.pages.filter((p) => p.found && p.recall < PAGE_THRESHOLD).map((p) => p.page);
  if (lowR.length && r.expect === 'merge') notes.push(`text lost on p${lowR.join(',')}`);
  const extraReq = r.requests.length - (r.expect === 'single' ? 1 : 0);
  if (r.expect === 'single' && extraReq > 0) notes.push(`${extraReq} other request(s)`);
  return notes.join('; ');
}

export function printRunsTable(runs: CaseRun[], traps: TrapRun[], mode: Mode, log: (s: string) => void, groupHoldout: boolean): void {
  const W = { c: 18, s: 10, set: 5, e: 6, pg: 6, ok: 8, n: 5 };
  const head = `${pad('case', W.c)} ${pad('site', W.s)} ${pad('set', W.set)} ${pad('from', W.e)} ${'pages'.padStart(W.pg)} ${pad('complete', W.ok)} ${'minR'.padStart(W.n)} ${'minP'.padStart(W.n)} ${'pgF1'.padStart(W.n)} ${'txtF1'.padStart(W.n)} ${'cpu s'.padStart(5)}  notes`;
  log('');
  log(`Multi-page articles, ${MODE_LABEL[mode]}  (pages = found/expected; complete = every page in order, each page R and P ≥ ${PAGE_THRESHOLD}, nothing twice;`);
  log('  minR/minP = lowest page recall/precision, pgF1 = mean page F1, txtF1 = whole-article token F1, cpu s = CPU time of the read; chains must stay single)');
  log(head);
  log('-'.repeat(head.length + 20));
  const groups: Array<[string, CaseRun[]]> = groupHoldout
    ? [
        ['tuned', runs.filter((r) => !r.holdout)],
        ['held out', runs.filter((r) => r.holdout)],
      ]
    : [['', runs]];
  for (const [label, rs] of groups) {
    if (label) log(`[${label}]`);
    for (const r of rs) {
      const ok = r.expect === 'single' ? (r.single ? 'single' : 'MERGED') : r.complete ? 'yes' : 'no';
      const pages = r.error ? 'ERR' : `${r.foundPages}/${r.expectedPages}`;
      log(
        `${pad(r.caseId, W.c)} ${pad(r.site, W.s)} ${pad(r.holdout ? 'held' : 'tuned', W.set)} ${pad(r.entered, W.e)} ${pages.padStart(W.pg)} ${pad(ok, W.ok)} ${f3(r.minRecall).padStart(W.n)} ${f3(r.minPrecision).padStart(W.n)} ${f3(r.meanF1).padStart(W.n)} ${f3(r.textF1).padStart(W.n)} ${(r.cpuMs / 1000).toFixed(1).padStart(5)}  ${notesOf(r)}`,
      );
    }
  }
  log('Traps (pager markup on a single page): must read 1 page and ask for no other');
  for (const t of traps) {
    const what = t.error ? `ERROR ${t.error}` : `pageCount ${t.pageCount}, ${t.otherRequests.length} other request(s)${t.otherRequests.length ? `: ${t.otherRequests.slice(0, 3).join(' ')}` : ''}`;
    log(`  ${pad(t.caseId, W.c)} ${pad(t.site, W.s)} ${t.single ? 'single' : 'PAGINATED'}  ${what}`);
  }
}

function totalsLine(label: string, t: GroupTotals): string {
  return `${pad(label, 10)} complete ${`${t.complete}/${t.runs}`.padStart(5)}   text F1 ${f3(t.textF1)}   page F1 ${f3(t.pageF1)}   lowest page P ${f3(t.minPagePrecision)} (on complete ${f3(t.minPagePrecisionComplete)})   chains single ${t.chainsSingle}/${t.chainRuns}   traps single ${t.trapsSingle}/${t.trapRuns}`;
}

export function printTotals(result: MultiPageResult, log: (s: string) => void): void {
  log('');
  log(`Multi-page totals (${result.cases} articles × first/last page = runs; ${result.chains} chains; ${result.traps} traps; held out = china.com.cn, ynet, caixun, gamersky, cclw)`);
  for (const mode of Object.keys(result.totals) as Mode[]) {
    const t = result.totals[mode]!;
    log(`  ${MODE_LABEL[mode]}:`);
    log(`    ${totalsLine('all', t.all)}`);
    log(`    ${totalsLine('tuned', t.tuned)}`);
    log(`    ${totalsLine('held out', t.heldOut)}`);
  }
  if (result.unbuilt.length) {
    log('  Cases that could not be built:');
    for (const u of result.unbuilt) log(`    ${u.id}: ${u.error}`);
  }
  const cpu = Object.entries(result.cpuSeconds).map(([m, c]) => `${m} ${c!.toFixed(1)} s`).join(', ');
  log(`  (${result.seconds.toFixed(1)} s; CPU ${cpu})`);
}

export function printMultiPage(result: MultiPageResult, log: (s: string) => void, groupHoldout: boolean): void {
  for (const mode of Object.keys(result.runs) as Mode[]) printRunsTable(result.runs[mode]!, result.trapRuns[mode]!, mode, log, groupHoldout);
  printTotals(result, log);
}

/** Compact figures for the one-line JSON summary. */
export function summaryOf(result: MultiPageResult): Record<string, unknown> {
  const round = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 10000);
  const g = (t: GroupTotals) => ({
    complete: t.complete,
    runs: t.runs,
    textF1: round(t.textF1),
    pageF1: round(t.pageF1),
    minPagePrecision: round(t.minPagePrecision),
    minPagePrecisionComplete: round(t.minPagePrecisionComplete),
    chainsSingle: t.chainsSingle,
    chainRuns: t.chainRuns,
    trapsSingle: t.trapsSingle,
    trapRuns: t.trapRuns,
  });
  const out: Record<string, unknown> = { cases: result.cases, chains: result.chains, traps: result.traps, unbuilt: result.unbuilt.map((u) => u.id) };
  for (const mode of Object.keys(result.totals) as Mode[]) {
    const t = result.totals[mode]!;
    out[mode] = { all: g(t.all), tuned: g(t.tuned), heldOut: g(t.heldOut) };
  }
  out.seconds = Math.round(result.seconds * 10) / 10;
  out.cpuSeconds = Object.fromEntries(Object.entries(result.cpuSeconds).map(([m, c]) => [m, Math.round(c! * 10) / 10]));
  return out;
}

// ---------------------------------------------------------------------------------------------
// --verbose CASE

export function findCase(query: string): MultiPageCase | null {
  const exact = MULTIPAGE_CASES.find((c) => c.id === query);
  if (exact) return exact;
  const hits = MULTIPAGE_CASES.filter((c) => c.id.includes(query));
  return hits.length === 1 ? hits[0]! : null;
}

export function caseIds(): string[] {
  return MULTIPAGE_CASES.map((c) => c.id);
}

function oneLine(s: string, max = 160): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

export async function verboseCase(spec: MultiPageCase, opts: MultiPageOptions): Promise<void> {
  const log = opts.log ?? console.log;
  const { built, failed } = buildAll([spec], opts.corpusDir);
  if (failed.length) {
    log(`${spec.id}: could not build: ${failed[0]!.error}`);
    return;
  }
  const g: GeneratedCase = built[0]!;
  log(`case:   ${spec.id}  (${spec.site}, ${spec.holdout ? 'held out' : 'tuned'})`);
  log(`file:   ${spec.file}`);
  log(`note:   ${spec.note}`);
  log(`expect: ${spec.expect.kind} — ${spec.expect.reason}`);
  log(`served: ${spec.charset}, Content-Type "${spec.contentType}"`);
  for (const p of g.pages) log(`  page ${p.page}: ${p.url}${p.aliases.length ? ` (also ${p.aliases.join(', ')})` : ''}  truth ${p.truthSource}, ${p.paragraphs.length} paragraph(s)`);
  if (g.whole) log(`  whole article on one page: ${g.whole.url}`);
  const ctx = { read: opts.read, dom: opts.dom, timeoutMs: opts.timeoutMs };
  for (const mode of opts.modes) {
    for (const e of entriesOf(spec)) {
      const r = await runCase(ctx, g, mode, e);
      log('');
      log(`=== ${MODE_LABEL[mode]}, entered from the ${e} page (${r.entryUrl}) ===`);
      if (r.error) {
        log(`ERROR: ${r.error}`);
        continue;
      }
      log(`title: ${r.title}   (site rule: ${r.siteRule}, ${(r.ms / 1000).toFixed(1)} s, CPU ${(r.cpuMs / 1000).toFixed(1)} s)`);
      log(`pageCount ${r.pageCount}; pageUrls: ${r.pageUrls.join(' ')}`);
      log(`requests (${r.requests.length}): ${r.requests.join(' ')}`);
      if (r.failedPages.length) log(`failed: ${r.failedPages.map((f) => `p${f.page} ${f.url}: ${f.reason}`).join('; ')}`);
      log(`sections: ${r.sections.map((s) => `${s.page} (${s.text.length} chars)`).join(', ') || '(none)'}`);
      if (r.wholeRead) log('read the whole-article page: each page scored against the whole text');
      const verdict = r.expect === 'single' ? (r.single ? 'stayed single' : 'MERGED other pieces') : r.complete ? 'COMPLETE' : 'not complete';
      log(`verdict: ${verdict}`);
      for (const [s, p] of r.misplaced) log(`  section ${s} holds page ${p}'s text`);
      for (const d of r.duplicates.slice(0, 5)) log(`  twice: ${oneLine(d, 80)}`);
      for (const p of r.pages) {
        log('');
        log(`--- page ${p.page}${p.found ? '' : ' (NOT FOUND in the output)'}: R ${p.recall.toFixed(3)} P ${p.precision.toFixed(3)} F1 ${p.f1.toFixed(3)} (truth ${p.truthTokens} tok, section ${p.predTokens} tok)`);
        if (p.text.startsWith('(whole-article page')) continue;
        const d = diffTexts(p.text, p.truth);
        const rendered = renderDiff(d, { maxRunChars: 240, maxRuns: 20 });
        for (const line of rendered.split('\n')) log(`  ${line}`);
      }
    }
  }
}
