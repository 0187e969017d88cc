/**
 * Running the multi-page cases through the pipeline the way the CLI does
 * (`readWholeArticle({ url, fetch, dom })`, entered from the first and from the last page) and
 * scoring each page: token recall / precision of the page's truth vs the text of the output's
 * `<section data-page="N">`.
 *
 * A merge case is COMPLETE when every page is there in order (the output's page list is the
 * article's, aliases allowed), each page has recall ≥ 0.95 and precision ≥ 0.95, no page failed
 * and no truth paragraph appears more often than the article holds it. Where the template links
 * the whole article on one page and the reader read that page instead (one section, the page
 * requested), each page's recall is measured against the whole text and precision is the whole
 * text's against all pages' truth.
 * A chain case (`expect.kind = 'single'`) and a trap must stay single: one page, no other piece's
 * text; a trap must also ask for no page but the one given.
 */
import { JSDOM } from 'jsdom';
import type { DomEnvironment, ReadOptions, WholeArticle } from '../../pipeline/types';
import type { ReadWholeArticleFn } from '../corpus';
import { withTimeout } from '../corpus';
import { htmlToText } from '../ground-truth';
import { normalizeForSnippet, tokenF1, tokenize, tokenF1FromTokens } from '../tokenize';
import { urlKey } from '../../pipeline/url';
import { recordingFetch, type ServedResource } from './fetch';
import { generateCase, trapPage } from './generate';
import type { GeneratedCase, GeneratedPage, MultiPageCase, TrapCase } from './types';

export const PAGE_THRESHOLD = 0.95;

export type Mode = 'rules' | 'generic';
export type Entry = 'first' | 'middle' | 'last';

export interface PageScore {
  page: number;
  /** The output has a section for this page and its page list has this page's URL in this place. */
  found: boolean;
  recall: number;
  precision: number;
  f1: number;
  truthTokens: number;
  predTokens: number;
  /** The text scored for this page (the section's, the headline prepended where the truth has it). */
  text: string;
  truth: string;
}

export interface CaseRun {
  caseId: string;
  site: string;
  holdout: boolean;
  expect: 'merge' | 'single';
  mode: Mode;
  entered: Entry;
  entryUrl: string;
  expectedPages: number;
  /** Pages found (merge) or pages in the output (single: should be 1). */
  foundPages: number;
  pageCount: number | null;
  pageUrls: string[];
  failedPages: Array<{ page: number; url: string; reason: string }>;
  requests: string[];
  /** The whole-article page was read instead of the pages. */
  wholeRead: boolean;
  pages: PageScore[];
  /** Truth paragraphs that appear more often than the article holds them. */
  duplicates: string[];
  /** Sections whose text best matches another page's truth: [section, best page]. */
  misplaced: Array<[number, number]>;
  complete: boolean;
  /** Chains: stayed on one piece with no other piece's text. */
  single: boolean;
  minRecall: number | null;
  minPrecision: number | null;
  meanF1: number | null;
  /** Token F1 of the whole output vs the whole article's truth. */
  textF1: number | null;
  title: string | null;
  /** The site rule the pipeline reported ("generic", "xinhua", …). */
  siteRule: string | null;
  error: string | null;
  ms: number;
  /** CPU time of the read (this process runs one read at a time, so it is the read's own). */
  cpuMs: number;
  /** Kept for --verbose. */
  sections: Array<{ page: number; text: string }>;
}

export interface TrapRun {
  caseId: string;
  site: string;
  holdout: boolean;
  mode: Mode;
  url: string;
  pageCount: number | null;
  requests: string[];
  /** Requests for anything but the page given. */
  otherRequests: string[];
  single: boolean;
  error: string | null;
  ms: number;
}

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

function resourcesOf(g: GeneratedCase): Map<string, ServedResource> {
  const m = new Map<string, ServedResource>();
  const put = (p: GeneratedPage) => {
    for (const u of [p.url, ...p.aliases]) m.set(urlKey(u), { bytes: p.bytes, contentType: p.contentType });
  };
  g.pages.forEach(put);
  if (g.whole) put(g.whole);
  return m;
}

function sameUrl(a: string, b: string): boolean {
  return urlKey(a) === urlKey(b);
}

/** Sections of the merged HTML, by data-page, with block-aware text. */
export function sectionsOf(contentHtml: string): Array<{ page: number; text: string }> {
  const frag = JSDOM.fragment(contentHtml);
  const out: Array<{ page: number; text: string }> = [];
  for (const s of frag.querySelectorAll('section[data-page]')) {
    out.push({ page: Number(s.getAttribute('data-page')), text: htmlToText(s.innerHTML) });
  }
  if (!out.length && contentHtml.trim()) out.push({ page: 1, text: htmlToText(contentHtml) });
  return out;
}

function countOccurrences(hay: string, needle: string): number {
  if (!needle) return 0;
  let n = 0;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) n++;
  return n;
}

function withTitle(text: string, title: string | null, page: GeneratedPage): string {
  if (!page.truthIncludesTitle || !title) return text;
  return normalizeForSnippet(text).startsWith(normalizeForSnippet(title)) ? text : `${title}\n${text}`;
}

function mean(xs: number[]): number | null {
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null;
}

/** Paragraphs long enough to be told apart (normalized), with how often the article's truth holds each. */
function paragraphCounts(pages: GeneratedPage[]): Map<string, number> {
  const all = normalizeForSnippet(pages.map((p) => p.truth).join('\n'));
  const m = new Map<string, number>();
  for (const p of pages) {
    for (const para of p.paragraphs) {
      const n = normalizeForSnippet(para);
      if (n.length >= 12 && !m.has(n)) m.set(n, countOccurrences(all, n));
    }
  }
  return m;
}

export interface RunContext {
  read: ReadWholeArticleFn;
  dom: DomEnvironment;
  timeoutMs: number;
}

async function readWith(ctx: RunContext, url: string, fetch: ReadOptions['fetch'], mode: Mode): Promise<WholeArticle> {
  const opts: ReadOptions = { url, fetch, dom: ctx.dom };
  if (mode === 'generic') opts.siteRules = false;
  return withTimeout(ctx.read(opts), ctx.timeoutMs, 'readWholeArticle');
}

export async function runCase(ctx: RunContext, g: GeneratedCase, mode: Mode, entered: Entry): Promise<CaseRun> {
  const spec = g.spec;
  const n = g.pages.length;
  const entryIndex = entered === 'first' ? 0 : entered === 'last' ? n - 1 : (spec.templateIndex ?? 0);
  const entry = g.pages[entryIndex]!;
  const { fetch, requests } = recordingFetch(resourcesOf(g));
  const base: CaseRun = {
    caseId: spec.id,
    site: spec.site,
    holdout: spec.holdout,
    expect: spec.expect.kind,
    mode,
    entered,
    entryUrl: entry.url,
    expectedPages: spec.expect.kind === 'merge' ? n : 1,
    foundPages: 0,
    pageCount: null,
    pageUrls: [],
    failedPages: [],
    requests,
    wholeRead: false,
    pages: [],
    duplicates: [],
    misplaced: [],
    complete: false,
    single: false,
    minRecall: null,
    minPrecision: null,
    meanF1: null,
    textF1: null,
    title: null,
    siteRule: null,
    error: null,
    ms: 0,
    cpuMs: 0,
    sections: [],
  };
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const took = () => {
    const c = process.cpuUsage(c0);
    base.ms = performance.now() - t0;
    base.cpuMs = (c.user + c.system) / 1000;
  };
  let wa: WholeArticle;
  try {
    wa = await readWith(ctx, entry.url, fetch, mode);
  } catch (e) {
    base.error = errText(e);
    took();
    return base;
  }
  took();
  base.pageCount = wa.pageCount;
  base.pageUrls = wa.pageUrls;
  base.failedPages = wa.failedPages;
  base.title = wa.title;
  base.siteRule = wa.site;
  const sections = sectionsOf(wa.contentHtml);
  base.sections = sections;
  const allText = sections.map((s) => s.text).join('\n');
  const allNorm = normalizeForSnippet(allText);

  // The pages this run is scored against.
  const scored = spec.expect.kind === 'merge' ? g.pages : [entry];
  const counts = paragraphCounts(scored);
  for (const [para, expected] of counts) {
    if (countOccurrences(allNorm, para) > Math.max(1, expected)) base.duplicates.push(para);
  }

  if (spec.expect.kind === 'single') {
    const others = g.pages.filter((p) => p !== entry);
    const foreign = others.some((p) => p.paragraphs.some((para) => {
      const np = normalizeForSnippet(para);
      return np.length >= 12 && allNorm.includes(np);
    }));
    const text = withTitle(allText, wa.title, entry);
    const s = tokenF1(text, entry.truth);
    base.pages = [{ page: 1, found: true, recall: s.recall, precision: s.precision, f1: s.f1, truthTokens: s.truthTokens, predTokens: s.predTokens, text, truth: entry.truth }];
    base.foundPages = wa.pageCount;
    base.single = wa.pageCount === 1 && !foreign;
    base.minRecall = s.recall;
    base.minPrecision = s.precision;
    base.meanF1 = s.f1;
    base.textF1 = s.f1;
    return base;
  }

  const wholeUrl = g.whole?.url;
  base.wholeRead = !!wholeUrl && requests.some((r) => sameUrl(r, wholeUrl)) && sections.length === 1;
  const truthAll = g.pages.map((p) => p.truth).join('\n');
  if (base.wholeRead) {
    const text = withTitle(allText, wa.title, g.pages[0]!);
    const global = tokenF1(text, truthAll);
    const predTokens = tokenize(text);
    for (const p of g.pages) {
      const r = tokenF1FromTokens(predTokens, tokenize(p.truth)).recall;
      base.pages.push({
        page: p.page,
        found: r >= 0.5,
        recall: r,
        precision: global.precision,
        f1: r + global.precision > 0 ? (2 * r * global.precision) / (r + global.precision) : 0,
        truthTokens: tokenize(p.truth).length,
        predTokens: global.predTokens,
        text: p.page === 1 ? text : '(whole-article page: see page 1)',
        truth: p.truth,
      });
    }
    base.textF1 = global.f1;
  } else {
    const scoredTexts: string[] = [];
    for (const p of g.pages) {
      const sec = sections.find((s) => s.page === p.page);
      const listed = wa.pageUrls[p.page - 1];
      const found = !!sec && !!listed && [p.url, ...p.aliases].some((u) => sameUrl(u, listed));
      const text = withTitle(sec?.text ?? '', wa.title, p);
      scoredTexts.push(text);
      const s = tokenF1(text, p.truth);
      base.pages.push({ page: p.page, found, recall: s.recall, precision: s.precision, f1: s.f1, truthTokens: s.truthTokens, predTokens: s.predTokens, text, truth: p.truth });
    }
    // Text in sections numbered past the article's pages counts against the whole-text F1 too.
    const extraSections = sections.filter((s) => s.page < 1 || s.page > n).map((s) => s.text);
    base.textF1 = tokenF1([...scoredTexts, ...extraSections].join('\n'), truthAll).f1;
    for (const s of sections) {
      let best = 0;
      let bestPage = s.page;
      for (const p of g.pages) {
        const r = tokenF1(s.text, p.truth).f1;
        if (r > best) {
          best = r;
          bestPage = p.page;
        }
      }
      if (best > 0.3 && bestPage !== s.page) base.misplaced.push([s.page, bestPage]);
    }
  }
  base.foundPages = base.pages.filter((p) => p.found).length;
  base.minRecall = Math.min(...base.pages.map((p) => p.recall));
  base.minPrecision = Math.min(...base.pages.map((p) => p.precision));
  base.meanF1 = mean(base.pages.map((p) => p.f1));
  const inOrder = base.wholeRead || (wa.pageUrls.length === n && base.pages.every((p) => p.found));
  base.complete =
    inOrder &&
    base.failedPages.length === 0 &&
    base.duplicates.length === 0 &&
    base.pages.every((p) => p.found && p.recall >= PAGE_THRESHOLD && p.precision >= PAGE_THRESHOLD);
  return base;
}

export async function runTrap(ctx: RunContext, trap: TrapCase, corpusDir: string, mode: Mode): Promise<TrapRun> {
  const page = trapPage(trap, corpusDir);
  const { fetch, requests } = recordingFetch(new Map([[urlKey(page.url), { bytes: page.bytes, contentType: page.contentType }]]));
  const run: TrapRun = { caseId: trap.id, site: trap.site, holdout: trap.holdout, mode, url: trap.url, pageCount: null, requests, otherRequests: [], single: false, error: null, ms: 0 };
  const t0 = performance.now();
  try {
    const wa = await readWith(ctx, page.url, fetch, mode);
    run.pageCount = wa.pageCount;
  } catch (e) {
    run.error = errText(e);
  }
  run.ms = performance.now() - t0;
  run.otherRequests = requests.filter((r) => !sameUrl(r, page.url));
  run.single = run.error === null && run.pageCount === 1 && run.otherRequests.length === 0;
  return run;
}

/** Entries a case is read from: first and last page; a chain's template piece too when it is in the middle. */
export function entriesOf(spec: MultiPageCase): Entry[] {
  const t = spec.templateIndex ?? 0;
  const entries: Entry[] = ['first', 'last'];
  if (spec.expect.kind === 'single' && t > 0 && t < spec.urls.length - 1) entries.splice(1, 0, 'middle');
  return entries;
}

export interface BuiltCases {
  built: GeneratedCase[];
  /** Cases the generator could not build, with the reason. */
  failed: Array<{ id: string; error: string }>;
}

export function buildAll(cases: MultiPageCase[], corpusDir: string): BuiltCases {
  const built: GeneratedCase[] = [];
  const failed: Array<{ id: string; error: string }> = [];
  for (const c of cases) {
    try {
      built.push(generateCase(c, { corpusDir }));
    } catch (e) {
      failed.push({ id: c.id, error: errText(e) });
    }
  }
  return { built, failed };
}
