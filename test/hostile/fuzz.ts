/**
 * Fuzzing the pipeline with the real pages of `../shared/corpus/`: each case takes a corpus page (its
 * bytes, the `<text …>` wrapper of some pages removed), mutates it — on the parsed DOM (drop,
 * duplicate, nest, wrap, truncate elements; hostile attributes; retargeted links) and on the bytes
 * (flip, cut, insert, duplicate, splice another page, drop a payload in anywhere) — and runs
 * `readWholeArticle` with `maxPages: 3` and a fetch that serves mutated sibling pages or fails in
 * every way. Seeded and deterministic: case N of seed S is always the same input.
 *
 * A case passes when the call resolves to an article whose `contentHtml` passes the sanitizer check
 * (check.ts), or rejects with an `ArticleError`; it fails as a *crash* (anything else thrown), a
 * *hang* (no answer within the per-case limit), a *violation* (unsafe output) or an *off-domain*
 * request.
 *
 *     npx tsx test/hostile/fuzz.ts [--cases 5000] [--seed 1] [--timeout 10000] [--batch 250] [--jobs N]
 *     npx tsx test/hostile/fuzz.ts --seed 1 --case 1234 [--dump DIR]   replay one case (DIR: its input and output)
 *     npm run fuzz -- --cases 20000 --seed 7
 *
 * More than `--batch` cases run in child processes of `--batch` cases each (`--jobs` at once): a
 * fresh process per batch bounds whatever memory jsdom keeps (see dom.ts) and uses every CPU.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM, VirtualConsole } from 'jsdom';
import { createNodeDom } from '../../src/cli/node-dom';
import { loadCorpusIndex } from '../../src/eval/ground-truth';
import { stripTextWrapper } from '../../src/eval/page-bytes';
import { prng } from '../../src/eval/synthetic-article';
import { decodeHtml } from '../../src/pipeline/decode';
import { stripInertMarkup } from '../../src/pipeline/defuse-markup';
import { ArticleError } from '../../src/pipeline/errors';
import { readWholeArticle } from '../../src/pipeline/read-whole-article';
import type { DomEnvironment, FetchLike, ResponseLike } from '../../src/pipeline/types';
import { registrableDomain } from '../../src/pipeline/url';
import { checkSanitizedHtml, describeViolations } from './check';
import { releaseDocument, releasingDom } from './dom';
import { PAYLOADS, pwn } from './payloads';

const here = path.dirname(fileURLToPath(import.meta.url));
/** ../shared/corpus beside the repository ($WHOLESTORY_CORPUS overrides it). */
export const DEFAULT_CORPUS_DIR = process.env.WHOLESTORY_CORPUS ? path.resolve(process.env.WHOLESTORY_CORPUS) : path.resolve(here, '../../../shared/corpus');

// --- deterministic randomness -----------------------------------------------------------------------


/** The seed of case `index` under run seed `seed` (so one case can be replayed alone). */
export function caseSeed(seed: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (index + 0x85ebca6b), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

class Rand {
  constructor(readonly next: () => number) {}
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

// --- the corpus --------------------------------------------------------------------------------------

export interface CorpusPage {
  file: string;
  url: string;
  site: string;
  bytes: Uint8Array;
}

let corpusCache: { dir: string; pages: CorpusPage[] } | null = null;

/** Every .html page of INDEX.tsv, as bytes with the `<text …>` wrapper removed. */
export function loadCorpus(dir = DEFAULT_CORPUS_DIR): CorpusPage[] {
  if (corpusCache?.dir === dir) return corpusCache.pages;
  const pages = loadCorpusIndex(dir)
    .filter((e) => /\.html?$/i.test(e.file) || !path.extname(e.file))
    .map((e) => ({ file: e.file, url: e.url, site: e.site, bytes: stripTextWrapper(new Uint8Array(readFileSync(path.join(dir, e.file)))) }));
  corpusCache = { dir, pages };
  return pages;
}

// --- mutations ---------------------------------------------------------------------------------------

const quiet = new VirtualConsole();
const parsedCache = new Map<string, Document>();

function parsed(page: CorpusPage): Document {
  let doc = parsedCache.get(page.file);
  if (!doc) {
    // Scripts, styles and comments go first (the pipeline strips them before parsing anyway): the DOM
    // mutations work on what the pipeline parses, at a third of the cost. Byte mutations still hit
    // the original bytes, scripts and all, in the other cases.
    doc = new JSDOM(stripInertMarkup(decodeHtml(page.bytes, null).html), { virtualConsole: quiet }).window.document;
    parsedCache.set(page.file, doc);
  }
  return doc;
}

const WRAPPERS = ['div', 'p', 'span', 'table', 'td', 'li', 'a', 'b', 'center', 'font', 'svg', 'math', 'template', 'noscript', 'form', 'select', 'textarea', 'style', 'title', 'iframe', 'object', 'xmp', 'section'];
const HOSTILE_ATTRS: Array<[string, (id: string) => string]> = [
  ['onerror', pwn],
  ['onclick', pwn],
  ['onload', pwn],
  ['href', (id) => `javascript:${pwn(id)}`],
  ['src', (id) => `javascript:${pwn(id)}`],
  ['src', () => 'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+'],
  ['srcset', (id) => `/a.jpg 1x, javascript:${pwn(id)} 2x`],
  ['data-src', (id) => `javascript:${pwn(id)}`],
  ['style', (id) => `background:url(javascript:${pwn(id)});position:fixed`],
  ['id', () => '__proto__'],
  ['name', () => 'createElement'],
  ['formaction', (id) => `javascript:${pwn(id)}`],
  ['srcdoc', (id) => `<script>${pwn(id)}</script>`],
  ['xlink:href', (id) => `javascript:${pwn(id)}`],
];
const LINK_TARGETS = (url: URL, r: Rand): string => {
  const stem = url.pathname.replace(/(\.[a-z]+)$/i, '');
  const ext = /\.[a-z]+$/i.exec(url.pathname)?.[0] ?? '.html';
  return r.pick([
    `${stem}_${2 + r.int(300)}${ext}`,
    `${stem}-${2 + r.int(300)}${ext}`,
    `${stem}${ext}?page=${r.int(1000)}`,
    `http://evil.example${url.pathname}`,
    `http://${url.hostname}.evil.example${url.pathname}`,
    `javascript:${pwn('fuzz-link')}`,
    `https://${url.host}${url.pathname}#x`,
    `${url.pathname}?from=pager`,
  ]);
};

function elementsOf(doc: Document): Element[] {
  return [...doc.querySelectorAll('body *')];
}

/** Mutate the parsed page; returns the serialized HTML and what was done. */
function mutateDom(page: CorpusPage, r: Rand, log: string[]): string {
  const doc = parsed(page).cloneNode(true) as Document;
  const url = new URL(page.url);
  const ops = 1 + r.int(4);
  for (let k = 0; k < ops; k++) {
    const all = elementsOf(doc);
    if (all.length === 0) break;
    const el = r.pick(all);
    const op = r.int(9);
    try {
      switch (op) {
        case 0:
          el.remove();
          log.push(`drop <${el.localName}>`);
          break;
        case 1:
          el.after(el.cloneNode(true));
          log.push(`duplicate <${el.localName}>`);
          break;
        case 2: {
          const target = r.pick(all);
          if (!el.contains(target) && target !== el) {
            target.append(el);
            log.push(`move <${el.localName}> into <${target.localName}>`);
          }
          break;
        }
        case 3: {
          const tag = r.pick(WRAPPERS);
          const wrapper = doc.createElement(tag);
          el.replaceWith(wrapper);
          wrapper.append(el);
          log.push(`wrap <${el.localName}> in <${tag}>`);
          break;
        }
        case 4: {
          const kids = [...el.childNodes];
          const keep = r.int(kids.length + 1);
          for (const kid of kids.slice(keep)) kid.remove();
          const text = [...el.childNodes].find((n) => n.nodeType === 3);
          if (text?.nodeValue) text.nodeValue = text.nodeValue.slice(0, r.int(text.nodeValue.length + 1));
          log.push(`truncate <${el.localName}> to ${keep} children`);
          break;
        }
        case 5: {
          const [name, value] = r.pick(HOSTILE_ATTRS);
          el.setAttribute(name, value('fuzz-attr'));
          log.push(`set ${name} on <${el.localName}>`);
          break;
        }
        case 6: {
          const links = [...doc.querySelectorAll('a[href]')];
          if (links.length) {
            const a = r.pick(links);
            const to = LINK_TARGETS(url, r);
            a.setAttribute('href', to);
            if (r.chance(0.3)) a.textContent = r.pick(['下一页', '2', '【3】', 'Next', '>>', '下一頁']);
            log.push(`retarget link to ${to.slice(0, 40)}`);
          }
          break;
        }
        case 7: {
          // Deeply nest a run of wrappers (bounded: 8-40 levels).
          const depth = 8 + r.int(33);
          let inner: Element = el;
          for (let d = 0; d < depth; d++) {
            const w = doc.createElement(r.pick(['div', 'span', 'font', 'b', 'td']));
            inner.replaceWith(w);
            w.append(inner);
            inner = w;
          }
          log.push(`nest <${el.localName}> ${depth} deep`);
          break;
        }
        default: {
          const other = r.pick(all);
          if (other !== el && !el.contains(other) && !other.contains(el)) {
            const clone = other.cloneNode(true);
            el.append(clone);
            log.push(`copy <${other.localName}> into <${el.localName}>`);
          }
        }
      }
    } catch (error) {
      log.push(`(dom op failed: ${String(error).slice(0, 40)})`);
    }
  }
  const html = `<!DOCTYPE html>\n${doc.documentElement.outerHTML}`;
  releaseDocument(doc);
  return html;
}

const enc = new TextEncoder();

/** `bytes` with `part` put in at `at`. */
function insertAt(bytes: Uint8Array, at: number, part: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length + part.length);
  out.set(bytes.subarray(0, at));
  out.set(part, at);
  out.set(bytes.subarray(at), at + part.length);
  return out;
}

/** Mutate bytes; returns the new bytes. */
function mutateBytes(bytes: Uint8Array, r: Rand, corpus: CorpusPage[], log: string[]): Uint8Array {
  let b = bytes;
  const ops = r.int(3);
  for (let k = 0; k < ops; k++) {
    const at = r.int(b.length + 1);
    switch (r.int(6)) {
      case 0: {
        const n = 1 + r.int(24);
        b = b.slice();
        for (let i = 0; i < n && b.length; i++) b[r.int(b.length)] = r.int(256);
        log.push(`flip ${n} bytes`);
        break;
      }
      case 1:
        b = b.subarray(0, at);
        log.push(`cut at ${at}`);
        break;
      case 2: {
        const junk = Uint8Array.from({ length: 1 + r.int(64) }, () => r.int(256));
        b = insertAt(b, at, junk);
        log.push(`insert ${junk.length} random bytes at ${at}`);
        break;
      }
      case 3: {
        const from = r.int(b.length + 1);
        const len = r.int(Math.min(4096, b.length - from) + 1);
        b = insertAt(b, at, b.subarray(from, from + len));
        log.push(`duplicate ${len} bytes`);
        break;
      }
      case 4: {
        const other = r.pick(corpus);
        const from = r.int(other.bytes.length + 1);
        const len = r.int(Math.min(8192, other.bytes.length - from) + 1);
        b = insertAt(b, at, other.bytes.subarray(from, from + len));
        log.push(`splice ${len} bytes of ${path.basename(other.file).slice(0, 16)}`);
        break;
      }
      default: {
        const payload = r.pick(PAYLOADS.filter((p) => p.html));
        b = insertAt(b, at, enc.encode(payload.html as string));
        log.push(`payload ${payload.id} at ${at}`);
      }
    }
  }
  return b;
}

/** One mutated variant of a page: DOM mutations (or none), then byte mutations. */
function variant(page: CorpusPage, r: Rand, corpus: CorpusPage[], log: string[]): Uint8Array {
  const base = r.chance(0.6) ? enc.encode(mutateDom(page, r, log)) : page.bytes;
  return mutateBytes(base, r, corpus, log);
}

// --- running a case ----------------------------------------------------------------------------------

export type Outcome = 'article' | 'article-error' | 'crash' | 'hang' | 'violation' | 'off-domain';

export interface CaseResult {
  index: number;
  page: string;
  mode: 'html' | 'fetch';
  mutations: string[];
  outcome: Outcome;
  detail: string;
  ms: number;
  requests: number;
}

export interface FuzzOptions {
  cases: number;
  seed: number;
  /** First case index (default 0). */
  start?: number;
  /** Run only this case index (replay). */
  only?: number;
  /** Write each case's start page and output there (`case-N.html`, `case-N.out.html`). */
  dumpDir?: string;
  /** A case that takes longer is a hang (default 10 s). */
  perCaseTimeoutMs?: number;
  corpusDir?: string;
  dom?: DomEnvironment;
  onCase?: (result: CaseResult) => void;
}

export interface FuzzSummary {
  seed: number;
  casesRun: number;
  articles: number;
  articleErrors: number;
  crashes: number;
  hangs: number;
  violations: number;
  offDomainRequests: number;
  failures: CaseResult[];
  slowest: CaseResult | null;
  ms: number;
}

const CONTENT_TYPES = ['text/html', 'text/html; charset=utf-8', 'text/html; charset=gbk', 'text/html; charset=big5', null, 'application/xhtml+xml', 'text/plain', 'image/png'];

function response(url: string, status: number, body: Uint8Array, contentType: string | null): ResponseLike {
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: '',
    url,
    headers: { get: (name: string) => (name.toLowerCase() === 'content-type' ? contentType : null) },
    arrayBuffer: async () => body.slice().buffer as ArrayBuffer,
  };
}

function abortable(signal?: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal?.aborted) reject(new DOMException('The operation was aborted.', 'AbortError'));
    signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')), { once: true });
  });
}

/** Build and run case `index`. */
export async function runCase(index: number, seed: number, corpus: CorpusPage[], baseDom: DomEnvironment, perCaseTimeoutMs: number, dumpDir?: string): Promise<CaseResult> {
  const released = releasingDom(baseDom);
  // Every document the pipeline parses is checked as it comes out of the parser: a browser reports
  // each handler attribute it merely parses as a CSP violation in the reader (decode.ts,
  // removeEventHandlers), so none may be there, however broken the page.
  const parsedHandlers: string[] = [];
  const dom: typeof released = {
    ...released,
    parse(html, url) {
      const doc = released.parse(html, url);
      for (const el of doc.getElementsByTagName('*')) {
        for (const name of el.getAttributeNames()) if (/^on/i.test(name)) parsedHandlers.push(`<${el.localName} ${name}>`);
      }
      return doc;
    },
  };
  const r = new Rand(prng(caseSeed(seed, index)));
  const page = r.pick(corpus);
  const log: string[] = [];
  const bytes = variant(page, r, corpus, log);
  const mode: CaseResult['mode'] = r.chance(0.5) ? 'html' : 'fetch';
  const startType = r.chance(0.85) ? r.pick(CONTENT_TYPES.slice(0, 6)) : r.pick(CONTENT_TYPES);
  const home = registrableDomain(new URL(page.url).hostname);
  const requested: string[] = [];
  // Sibling pages: decided per URL by a generator seeded from the case, so the same URL always
  // gets the same answer within a case.
  const siblingSeed = r.int(2 ** 31);
  const fetch: FetchLike = async (url, init) => {
    requested.push(url);
    const signal = init?.signal;
    if (signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
    if (url.split('#')[0] === page.url.split('#')[0] && mode === 'fetch') return response(url, 200, bytes, startType);
    let h = siblingSeed;
    for (let i = 0; i < url.length; i++) h = Math.imul(h ^ url.charCodeAt(i), 16777619) >>> 0;
    const s = new Rand(prng(h));
    const roll = s.next();
    if (roll < 0.45) {
      const sib: string[] = [];
      return response(url, 200, variant(page, s, corpus, sib), 'text/html');
    }
    if (roll < 0.6) {
      const other = s.pick(corpus.filter((c) => c.site === page.site));
      return response(url, 200, other.bytes, null);
    }
    if (roll < 0.68) return response(url, s.pick([404, 410, 500, 503, 429]), enc.encode('error'), 'text/html');
    if (roll < 0.76) throw new TypeError('fetch failed', { cause: new Error(s.pick(['ECONNRESET', 'ECONNREFUSED', 'socket hang up'])) });
    if (roll < 0.8) return abortable(signal);
    if (roll < 0.86) return response(url, 200, new Uint8Array(0), 'text/html');
    if (roll < 0.9) return response(url, 200, Uint8Array.from({ length: 700 }, () => s.int(256)), s.pick(['image/png', null, 'application/octet-stream']));
    if (roll < 0.95) return response(`http://evil.example/redirected${new URL(url).pathname}`, 200, page.bytes, 'text/html');
    return response(url, 200, enc.encode(`<html><body><p>${'正文'.repeat(s.int(200))}</p></body></html>`), 'text/html; charset=utf-8');
  };

  if (dumpDir) {
    mkdirSync(dumpDir, { recursive: true });
    writeFileSync(path.join(dumpDir, `case-${index}.html`), bytes);
  }
  const controller = new AbortController();
  const t0 = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<'hang'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve('hang');
    }, perCaseTimeoutMs);
  });
  const base = { index, page: page.file, mode, mutations: log };
  let outcome: Outcome = 'crash';
  let detail = '';
  try {
    const run = readWholeArticle({
      url: page.url,
      html: mode === 'html' ? decodeHtml(bytes, null).html : undefined,
      fetch,
      dom,
      maxPages: 3,
      timeoutMs: 200,
      totalTimeoutMs: 3000,
      signal: controller.signal,
    });
    const settled = await Promise.race([run.then((a) => ({ a })), hang]);
    if (settled === 'hang') {
      outcome = 'hang';
      detail = `no answer within ${perCaseTimeoutMs} ms`;
      run.catch(() => undefined);
    } else {
      if (dumpDir) writeFileSync(path.join(dumpDir, `case-${index}.out.html`), settled.a.contentHtml);
      const check = checkSanitizedHtml(settled.a.contentHtml);
      const a = settled.a;
      const shapeOk = a.pageCount === a.pageUrls.length && a.failedPages.every((f) => f.page >= 1 && f.page <= a.pageCount + 200);
      if (check.violations.length) {
        outcome = 'violation';
        detail = describeViolations(check.violations).slice(0, 500);
      } else if (parsedHandlers.length) {
        outcome = 'violation';
        detail = `handler attributes reached the parser: ${parsedHandlers.slice(0, 5).join(' ')}`;
      } else if (!shapeOk) {
        outcome = 'crash';
        detail = `inconsistent result: pageCount ${a.pageCount}, pageUrls ${a.pageUrls.length}`;
      } else {
        outcome = 'article';
        detail = `${a.pageCount} pages, ${a.failedPages.length} failed`;
      }
    }
  } catch (error) {
    if (error instanceof ArticleError) {
      outcome = 'article-error';
      detail = `${error.code}: ${error.message.slice(0, 120)}`;
      if (/\n/.test(error.message)) {
        outcome = 'crash';
        detail = `ArticleError message spans lines: ${JSON.stringify(error.message.slice(0, 200))}`;
      }
    } else {
      outcome = 'crash';
      detail = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack?.split('\n').slice(1, 6).join('\n')}` : String(error);
    }
  } finally {
    clearTimeout(timer);
    if (outcome !== 'hang') dom.release();
  }
  const off = requested.filter((u) => {
    try {
      return registrableDomain(new URL(u).hostname) !== home;
    } catch {
      return true;
    }
  });
  if (off.length && outcome !== 'crash' && outcome !== 'violation') {
    outcome = 'off-domain';
    detail = `requested ${off.slice(0, 3).join(', ')}`;
  }
  return { ...base, outcome, detail, ms: Math.round(performance.now() - t0), requests: requested.length };
}

/** Run `cases` cases (or only case `only`). */
export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const corpus = loadCorpus(options.corpusDir);
  const dom = options.dom ?? createNodeDom();
  const perCase = options.perCaseTimeoutMs ?? 10_000;
  const t0 = performance.now();
  const summary: FuzzSummary = { seed: options.seed, casesRun: 0, articles: 0, articleErrors: 0, crashes: 0, hangs: 0, violations: 0, offDomainRequests: 0, failures: [], slowest: null, ms: 0 };
  const first = options.start ?? 0;
  const indices = options.only !== undefined ? [options.only] : Array.from({ length: options.cases }, (_, i) => first + i);
  for (const index of indices) {
    const result = await runCase(index, options.seed, corpus, dom, perCase, options.dumpDir);
    summary.casesRun++;
    if (result.outcome === 'article') summary.articles++;
    else if (result.outcome === 'article-error') summary.articleErrors++;
    else {
      if (result.outcome === 'crash') summary.crashes++;
      if (result.outcome === 'hang') summary.hangs++;
      if (result.outcome === 'violation') summary.violations++;
      if (result.outcome === 'off-domain') summary.offDomainRequests++;
      summary.failures.push(result);
    }
    if (!summary.slowest || result.ms > summary.slowest.ms) summary.slowest = result;
    options.onCase?.(result);
  }
  summary.ms = Math.round(performance.now() - t0);
  return summary;
}

export function formatSummary(s: FuzzSummary): string {
  const lines = [
    `fuzz seed ${s.seed}: ${s.casesRun} cases in ${(s.ms / 1000).toFixed(1)} s`,
    `  articles ${s.articles}, ArticleErrors ${s.articleErrors}`,
    `  crashes ${s.crashes}, hangs ${s.hangs}, unsafe outputs ${s.violations}, off-domain requests ${s.offDomainRequests}`,
    s.slowest ? `  slowest: case ${s.slowest.index} (${s.slowest.page}) ${s.slowest.ms} ms [${s.slowest.mutations.join('; ')}]` : '',
  ];
  for (const f of s.failures.slice(0, 20)) lines.push(`  FAIL case ${f.index} ${f.outcome} (${f.page}, ${f.mode}) [${f.mutations.join('; ')}]: ${f.detail.split('\n')[0]}`);
  if (s.failures.length) lines.push(`  replay one: npx tsx test/hostile/fuzz.ts --seed ${s.seed} --case ${s.failures[0]?.index}`);
  return lines.filter(Boolean).join('\n');
}

/** Add one summary into another. */
function merge(into: FuzzSummary, part: FuzzSummary): void {
  into.casesRun += part.casesRun;
  into.articles += part.articles;
  into.articleErrors += part.articleErrors;
  into.crashes += part.crashes;
  into.hangs += part.hangs;
  into.violations += part.violations;
  into.offDomainRequests += part.offDomainRequests;
  into.failures.push(...part.failures);
  if (part.slowest && (!into.slowest || part.slowest.ms > into.slowest.ms)) into.slowest = part.slowest;
}

export interface BatchOptions {
  cases: number;
  seed: number;
  /** Cases per child process (default 250). */
  batch?: number;
  /** Child processes at once (default: the CPUs). */
  jobs?: number;
  perCaseTimeoutMs?: number;
  onBatch?: (done: number, part: FuzzSummary) => void;
}

/**
 * Run the cases in child processes, `batch` at a time (`jobs` at once): fresh processes bound
 * whatever memory jsdom keeps (see dom.ts) and use every CPU.
 */
export async function runFuzzInChildren(options: BatchOptions): Promise<FuzzSummary> {
  const { spawn } = await import('node:child_process');
  const os = await import('node:os');
  const batch = options.batch ?? 250;
  const jobs = Math.max(1, options.jobs ?? os.availableParallelism());
  const self = fileURLToPath(import.meta.url);
  const root = path.resolve(here, '../..');
  const total: FuzzSummary = { seed: options.seed, casesRun: 0, articles: 0, articleErrors: 0, crashes: 0, hangs: 0, violations: 0, offDomainRequests: 0, failures: [], slowest: null, ms: 0 };
  const t0 = performance.now();
  const ranges: Array<[number, number]> = [];
  for (let from = 0; from < options.cases; from += batch) ranges.push([from, Math.min(batch, options.cases - from)]);
  const runOne = ([from, count]: [number, number]) =>
    new Promise<FuzzSummary>((resolve, reject) => {
      const args = ['--import', 'tsx', self, '--json', '--from', String(from), '--cases', String(count), '--seed', String(options.seed), '--timeout', String(options.perCaseTimeoutMs ?? 10_000)];
      const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
      let out = '';
      let err = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
      child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
      child.on('error', reject);
      child.on('close', (code) => {
        try {
          resolve(JSON.parse(out) as FuzzSummary);
        } catch {
          // The child itself died (out of memory, a crash outside any case): a crash of the whole batch.
          const failure: CaseResult = { index: from, page: '(batch)', mode: 'html', mutations: [], outcome: 'crash', detail: `fuzz child for cases ${from}..${from + count - 1} exited ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`, ms: 0, requests: 0 };
          resolve({ ...total, casesRun: 0, articles: 0, articleErrors: 0, crashes: 1, hangs: 0, violations: 0, offDomainRequests: 0, failures: [failure], slowest: null, ms: 0 });
        }
      });
    });
  const queue = [...ranges];
  const workers = Array.from({ length: Math.min(jobs, queue.length) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const part = await runOne(next);
      merge(total, part);
      options.onBatch?.(total.casesRun, part);
    }
  });
  await Promise.all(workers);
  total.failures.sort((a, b) => a.index - b.index);
  total.ms = Math.round(performance.now() - t0);
  return total;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const arg = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const cases = Number(arg('--cases') ?? 5000);
  const seed = Number(arg('--seed') ?? 1);
  const only = arg('--case') !== undefined ? Number(arg('--case')) : undefined;
  const perCaseTimeoutMs = Number(arg('--timeout') ?? 10_000);
  const batch = Number(arg('--batch') ?? 250);
  const jobs = arg('--jobs') !== undefined ? Number(arg('--jobs')) : undefined;
  if (args.includes('--json')) {
    // A batch for runFuzzInChildren: one summary as JSON on stdout.
    const summary = await runFuzz({ cases, seed, start: Number(arg('--from') ?? 0), perCaseTimeoutMs });
    process.stdout.write(JSON.stringify(summary));
  } else if (only !== undefined || cases <= batch) {
    const summary = await runFuzz({
      cases,
      seed,
      only,
      perCaseTimeoutMs,
      dumpDir: arg('--dump'),
      onCase: (r) => {
        if (only !== undefined || !['article', 'article-error'].includes(r.outcome)) {
          process.stdout.write(`case ${r.index} ${r.outcome} ${r.ms} ms (${r.page}, ${r.mode}) [${r.mutations.join('; ')}] ${r.detail}\n`);
        }
      },
    });
    process.stdout.write(`${formatSummary(summary)}\n`);
    process.exitCode = summary.failures.length ? 1 : 0;
  } else {
    const summary = await runFuzzInChildren({
      cases,
      seed,
      batch,
      jobs,
      perCaseTimeoutMs,
      onBatch: (done, part) => {
        for (const f of part.failures) process.stdout.write(`case ${f.index} ${f.outcome} (${f.page}, ${f.mode}) [${f.mutations.join('; ')}] ${f.detail.split('\n')[0]}\n`);
        process.stderr.write(`… ${done} of ${cases} cases\n`);
      },
    });
    process.stdout.write(`${formatSummary(summary)}\n`);
    process.exitCode = summary.failures.length ? 1 : 0;
  }
}
