/**
 * npm run bench — performance of the pipeline. Prints one JSON object per line:
 *   { "name", "value", "unit", "baseline"?, "ratio"?, …details }
 *
 *   detect_ms_per_page                 detectPagination per corpus page (jsdom parse excluded), median of runs
 *   extract_merge_ms_per_page          readWholeArticle, maxPages 1, rejecting fetch, per corpus page
 *                                      (jsdom parse INCLUDED), median of runs
 *   readability_ms_per_page            the same pages through jsdom parse + plain Readability, for scale
 *   whole_article_10_pages_ms          10-page People's Daily article from a local server with 100 ms
 *                                      latency per response: default options vs baseline followNextOnly
 *                                      (next-link following, one page at a time); ratio = pipeline / baseline
 *   whole_article_10_pages_ms_chromium the same article read inside Chromium (scripts/bench/browser.ts): plain
 *                                      HTTP/1.1, HTTP/1.1 over TLS (_https_h1) and HTTP/2 (_h2, throw-away
 *                                      certificate), from the URL and with page 1 in hand; goal h2 ratio <= 0.2;
 *                                      `timeline`: where one more read from the URL spent its time
 *   whole_article_10_pages_ms_firefox  the same in Firefox (through the site's proxy, 6 connections)
 *   cli                                the command line, process to process (scripts/bench/cli.ts): start-up,
 *                                      a one-page read vs a bare jsdom + Readability script, 2-, 3- and
 *                                      10-page articles vs sequential next-following and Postlight Parser;
 *                                      a table, then this one JSON line
 *   library_*                          the offline library in real Chromium (scripts/bench-library.ts):
 *                                      popup first render and search over 5,000 saved articles, save of
 *                                      a 5-page article with 10 images
 *   reader_from_click_*                the extension's reader in real Chromium and Firefox, from the click
 *                                      on the in-page control (page 1 in hand), 10 and 20 pages at 100 and
 *                                      500 ms latency: first text, first text painted, whole article
 *                                      (scripts/bench/reader-click.ts); goal first text <= 100 ms; a table
 *                                      on stderr, then one JSON line each
 *
 * Options: --only NAME (whole _-separated words of a bench's name: cli, reader_from_click, chromium;
 *          repeatable), --corpus DIR, --runs N (whole-article runs, default 3),
 *          --latency MS (default 100), --page1-in-hand (pass page 1's HTML instead of fetching it),
 *          --cli-runs N (command-line runs, default 7), --cli-before PATH/bin/wholestory.mjs (another
 *          checkout's command, measured beside this one), --reader-runs N (reader runs per case, default 5),
 *          --browser-before DIR (another checkout, with this scripts/bench/browser-entry.ts and a
 *          node_modules: its pipeline read in turn with this one in the same browser page).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Readability } from '@mozilla/readability';
import { createNodeDom } from '../src/cli/node-dom';
import { decodeHtml } from '../src/pipeline/decode';
import { detectPagination } from '../src/pipeline/detect';
import { readWholeArticle } from '../src/pipeline/read-whole-article';
import type { FetchLike, ResponseLike } from '../src/pipeline/types';
import {
  DEFAULT_CORPUS_DIR,
  loadCorpusPages,
  rejectingFetch,
  withTimeout,
  type CorpusPage,
} from '../src/eval/corpus';
import { buildSyntheticArticle, SYNTHETIC_ORIGIN } from '../src/eval/synthetic-article';
import { benchLibrary, LIBRARY_BENCH_NAMES } from './bench-library';
import { readFollowingNext } from './bench/follow-next';
import { benchCli, CLI_BENCH_NAMES } from './bench/cli';
import { benchReaderFromClick, READER_BENCH_NAMES, readerTable } from './bench/reader-click';

interface Args {
  only: string[];
  corpus: string;
  runs: number;
  latencyMs: number;
  page1InHand: boolean;
  cliRuns: number;
  cliBefore: string | undefined;
  readerRuns: number;
  browserBefore: string | undefined;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { only: [], corpus: DEFAULT_CORPUS_DIR, runs: 3, latencyMs: 100, page1InHand: false, cliRuns: 7, cliBefore: undefined, readerRuns: 5, browserBefore: undefined };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]!;
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${k} needs a value`);
      return v;
    };
    if (k === '--only') a.only.push(val());
    else if (k === '--corpus') a.corpus = val();
    else if (k === '--runs') a.runs = Math.max(1, Number(val()));
    else if (k === '--latency') a.latencyMs = Number(val());
    else if (k === '--page1-in-hand') a.page1InHand = true;
    else if (k === '--cli-runs') a.cliRuns = Math.max(1, Number(val()));
    else if (k === '--cli-before') a.cliBefore = val();
    else if (k === '--reader-runs') a.readerRuns = Math.max(1, Number(val()));
    else if (k === '--browser-before') a.browserBefore = val();
    else if (k === '--help' || k === '-h') {
      console.log('usage: tsx scripts/bench.ts [--only NAME]... [--corpus DIR] [--runs N] [--latency MS] [--page1-in-hand] [--cli-runs N] [--cli-before BIN] [--reader-runs N] [--browser-before DIR]');
      process.exit(0);
    } else throw new Error(`unknown argument: ${k}`);
  }
  return a;
}

interface Record_ {
  name: string;
  value: number | null;
  unit: string;
  baseline?: number;
  ratio?: number;
  [k: string]: unknown;
}

let failures = 0;
function emit(r: Record_): void {
  if (r.value === null) failures++;
  // The 1-minute load average, so numbers taken on a busy machine can be recognised as such.
  console.log(JSON.stringify({ ...r, load1: round(loadavg()[0] ?? 0, 2) }));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Let one macrotask run (outside the timed region). jsdom keeps every window alive until its
 * pending load-event task has run, so a loop that never yields to the event loop piles up
 * hundreds of documents (~3 MB each) and runs out of heap.
 */
const turnEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

// ---------------------------------------------------------------------------------------------

async function benchDetect(pages: CorpusPage[]): Promise<void> {
  const name = 'detect_ms_per_page';
  const detect = detectPagination;
  const dom = createNodeDom();
  const docs = pages.map((p) => ({ doc: dom.parse(p.html, p.entry.url), url: p.entry.url }));
  // Repeat each pass enough to get above timer noise, ~7 timed runs after one warm-up.
  const inner = 5;
  const runs = 7;
  const per: number[] = [];
  let errors = 0;
  for (let r = 0; r <= runs; r++) {
    const t0 = performance.now();
    for (let k = 0; k < inner; k++) {
      for (const { doc, url } of docs) {
        try {
          detect(doc, url);
        } catch {
          if (r === 0 && k === 0) errors++;
        }
      }
    }
    const t = performance.now() - t0;
    if (r > 0) per.push(t / (inner * docs.length));
  }
  emit({ name, value: round(median(per), 4), unit: 'ms', pages: docs.length, runs, note: `jsdom parse excluded; median of ${runs} runs × ${inner} passes over all corpus pages`, ...(errors ? { pagesThatThrew: errors } : {}) });
}

async function benchExtract(pages: CorpusPage[]): Promise<void> {
  const name = 'extract_merge_ms_per_page';
  const read = readWholeArticle;
  const dom = createNodeDom();
  const runs = 3;
  const per: number[] = [];
  let errors = 0;
  const firstError: string[] = [];
  for (let r = 0; r < runs; r++) {
    let t = 0;
    for (const p of pages) {
      const t0 = performance.now();
      try {
        await withTimeout(read({ url: p.entry.url, html: p.html, fetch: rejectingFetch, dom, maxPages: 1 }), 30_000, 'readWholeArticle');
      } catch (e) {
        if (r === 0) {
          errors++;
          if (firstError.length < 3) firstError.push(`${p.entry.file}: ${errText(e)}`);
        }
      }
      t += performance.now() - t0;
      await turnEventLoop();
    }
    per.push(t / pages.length); // the median discards the cold first run
  }
  emit({
    name,
    value: round(median(per), 2),
    unit: 'ms',
    pages: pages.length,
    runs,
    note: `includes jsdom parse of the page HTML; maxPages 1 with a fetch that rejects; median of ${runs} runs`,
    ...(errors ? { pagesThatThrew: errors, errors: firstError } : {}),
  });
}

async function benchReadability(pages: CorpusPage[]): Promise<void> {
  const dom = createNodeDom();
  const runs = 1;
  const per: number[] = [];
  for (const p of pages.slice(0, 5)) {
    new Readability(dom.parse(p.html, p.entry.url)).parse(); // warm-up
    await turnEventLoop();
  }
  for (let r = 0; r < runs; r++) {
    let t = 0;
    for (const p of pages) {
      const t0 = performance.now();
      try {
        new Readability(dom.parse(p.html, p.entry.url)).parse();
      } catch {
        /* counted in eval, not here */
      }
      t += performance.now() - t0;
      await turnEventLoop();
    }
    per.push(t / pages.length);
  }
  emit({ name: 'readability_ms_per_page', value: round(median(per), 2), unit: 'ms', pages: pages.length, runs, note: 'jsdom parse + plain Readability.parse(), one run after a 5-page warm-up, for scale next to extract_merge_ms_per_page' });
}

// ---------------------------------------------------------------------------------------------
// Whole 10-page article over a slow local server.

function startServer(pages: Map<string, string>, latencyMs: number): Promise<{ server: Server; port: number; hits: () => string[] }> {
  const log: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    log.push(path);
    setTimeout(() => {
      const html = pages.get(path);
      if (html === undefined) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' });
      res.end(html);
    }, latencyMs);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, hits: () => log.splice(0) })),
  );
}

/**
 * Node's global fetch as a FetchLike that sends the real host (culture.people.com.cn) to the local
 * server, keeping the real URL in the response so site rules and relative links behave.
 */
function localFetch(port: number): FetchLike {
  const local = `http://127.0.0.1:${port}`;
  const origin = new URL(SYNTHETIC_ORIGIN);
  return async (url, init) => {
    const u = new URL(url);
    if (u.hostname !== origin.hostname) throw new Error(`bench fetch: refusing ${url} (only ${origin.hostname} is served)`);
    const target = local + u.pathname + u.search;
    const res = await fetch(target, { signal: init?.signal, headers: init?.headers, redirect: init?.redirect ?? 'follow' });
    const finalUrl = res.url ? SYNTHETIC_ORIGIN + new URL(res.url).pathname + new URL(res.url).search : url;
    const out: ResponseLike = {
      ok: res.ok,
      status: res.status,
      statusText: res.statusText,
      url: finalUrl,
      headers: res.headers,
      arrayBuffer: () => res.arrayBuffer(),
    };
    return out;
  };
}

async function benchWholeArticle(args: Args): Promise<void> {
  const name = 'whole_article_10_pages_ms';
  const read = readWholeArticle;
  const template = readFileSync(join(args.corpus, 'people', 'gne_people_1.html'), 'utf8');
  const article = buildSyntheticArticle(template, 10);
  const { server, port, hits } = await startServer(article.pages, args.latencyMs);
  const fetchLike = localFetch(port);
  const dom = createNodeDom();
  const page1Html = article.pages.get(new URL(article.urls[0]!).pathname)!;

  // Does the merged text contain every page's paragraphs?
  const completeness = (text: string) => {
    let found = 0;
    for (const paras of article.paragraphs) if (paras.every((p) => text.includes(p.slice(0, 40)))) found++;
    return found;
  };

  const once = async (followNextOnly: boolean) => {
    hits();
    const t0 = performance.now();
    const wa = await withTimeout(
      (followNextOnly ? readFollowingNext : read)({ url: article.urls[0]!, ...(args.page1InHand ? { html: page1Html } : {}), fetch: fetchLike, dom }),
      60_000,
      'readWholeArticle',
    );
    const ms = performance.now() - t0;
    return { ms, pageCount: wa.pageCount, failed: wa.failedPages.length, pagesWithAllText: completeness(wa.textContent), requests: hits().length };
  };

  try {
    const times = { pipeline: [] as number[], baseline: [] as number[] };
    let lastP: Awaited<ReturnType<typeof once>> | null = null;
    let lastB: Awaited<ReturnType<typeof once>> | null = null;
    // Warm-up (JIT, connection pool), then alternate the strategies.
    await once(false);
    await once(true);
    for (let r = 0; r < args.runs; r++) {
      lastP = await once(false);
      times.pipeline.push(lastP.ms);
      lastB = await once(true);
      times.baseline.push(lastB.ms);
    }
    const p = median(times.pipeline);
    const b = median(times.baseline);
    emit({
      name,
      value: round(p, 1),
      unit: 'ms',
      baseline: round(b, 1),
      ratio: round(p / b, 3),
      goal: 'ratio <= 0.3',
      pages: 10,
      latencyMs: args.latencyMs,
      runs: args.runs,
      start: args.page1InHand ? 'page 1 HTML in hand (9 fetches needed)' : 'from the URL (all 10 pages fetched)',
      pipeline: { runsMs: times.pipeline.map((x) => round(x, 1)), pageCount: lastP!.pageCount, failedPages: lastP!.failed, pagesWithAllText: lastP!.pagesWithAllText, requests: lastP!.requests },
      baselineRun: { runsMs: times.baseline.map((x) => round(x, 1)), pageCount: lastB!.pageCount, failedPages: lastB!.failed, pagesWithAllText: lastB!.pagesWithAllText, requests: lastB!.requests },
      note: 'default options vs one page at a time following next (scripts/bench/follow-next.ts); synthetic 10-page article from corpus people/gne_people_1.html served on 127.0.0.1',
    });
  } catch (e) {
    emit({ name, value: null, unit: 'ms', error: errText(e) });
  } finally {
    server.close();
    server.closeAllConnections?.();
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // Whole words of the name: `--only cli` is the command line's bench, not reader_from_click.
  const want = (name: string) => !args.only.length || args.only.some((o) => `_${name}_`.includes(`_${o}_`));
  const needCorpus = ['detect_ms_per_page', 'extract_merge_ms_per_page', 'readability_ms_per_page'].some(want);
  let pages: CorpusPage[] = [];
  if (needCorpus) {
    pages = loadCorpusPages(args.corpus, decodeHtml);
  }
  if (want('detect_ms_per_page')) await benchDetect(pages);
  if (want('extract_merge_ms_per_page')) await benchExtract(pages);
  if (want('readability_ms_per_page')) await benchReadability(pages);
  if (want('whole_article_10_pages_ms')) await benchWholeArticle(args);
  if (CLI_BENCH_NAMES.some(want)) {
    try {
      const result = await benchCli({ corpus: args.corpus, latencyMs: args.latencyMs, runs: args.cliRuns, before: args.cliBefore });
      emit({ name: 'cli', unit: 'ms', ...result, value: result.value as number | null, note: 'wall time of whole node processes, median of runs; value: wholestory (bundle) on the 10-page article' });
    } catch (e) {
      emit({ name: 'cli', value: null, unit: 'ms', error: errText(e) });
    }
  }
  if (LIBRARY_BENCH_NAMES.some(want)) await benchLibrary(emit);
  if (READER_BENCH_NAMES.some(want)) {
    const records = await benchReaderFromClick(args.readerRuns);
    console.error(readerTable(records));
    for (const r of records) emit(r);
  }
  const inBrowsers = (['chromium', 'firefox'] as const).filter((b) => want(`whole_article_10_pages_ms_${b}`));
  if (inBrowsers.length) {
    // The same read inside Chromium and Firefox, where the extension runs it (scripts/bench/browser.ts).
    const { benchInBrowsers } = await import('./bench/browser');
    for (const line of await benchInBrowsers(args.corpus, args.latencyMs, args.runs, inBrowsers, args.browserBefore)) emit(line as Parameters<typeof emit>[0]);
  }
  if (failures) {
    console.error(`[bench] ${failures} measurement(s) unavailable (see "error" fields)`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
