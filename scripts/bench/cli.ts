/**
 * The command line, process to process, in one run (issue 10): every figure is the wall time of a
 * whole `node …` process, from spawn to exit, median of --cli-runs runs taken in turn (each run
 * goes through every command once, so a busy spell of the shared machine hits all of them alike).
 *
 *   start-up     `wholestory --help`: the bundle (dist/cli/), the TypeScript sources through tsx,
 *                and `node -e 0` for the floor
 *   one page     a one-page article from a local server with no latency: the command (bundle and
 *                sources) against a bare script that loads jsdom and Readability and parses the same
 *                bytes (scripts/bench/bare-readability.mjs); goal ≤ 1.2 ×
 *   N pages      2-, 3- and 10-page articles, 100 ms per response: the command against the same
 *                engine following "next" one page at a time (scripts/bench/follow-next-cli.ts, bundled
 *                the same way) and against Postlight Parser's own command (`@postlight/parser`,
 *                through $HTTP_PROXY); goals ≤ 0.3 × sequential and ≤ 0.5 × Postlight at 10 pages,
 *                ≤ 0.8 × Postlight at 2–3 pages
 *
 * The articles are the bench's synthetic People's Daily article (src/eval/synthetic-article.ts)
 * served on 127.0.0.1; the local server is also the HTTP proxy the commands are pointed at, so they
 * ask for the real culture.people.com.cn URLs. Every output is checked for every page's text.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { buildSyntheticArticle, type SyntheticArticle } from '../../src/eval/synthetic-article';

export const CLI_BENCH_NAMES = ['cli'];

const root = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(root, 'bin/wholestory.mjs');
const SEQUENTIAL = join(root, 'dist/bench/follow-next-cli.mjs');
const BARE = join(root, 'scripts/bench/bare-readability.mjs');
const POSTLIGHT = join(root, 'node_modules/@postlight/parser/cli.js');

export interface CliBenchOptions {
  corpus: string;
  latencyMs: number;
  runs: number;
  /** Another checkout's bin/wholestory.mjs, measured beside this one (a "before" column). */
  before?: string;
}

interface Command {
  label: string;
  args: string[];
  env?: Record<string, string>;
  /** The article it reads, for the completeness check. */
  article?: SyntheticArticle;
}

interface Timed {
  label: string;
  medianMs: number;
  runsMs: number[];
  /** Pages whose every paragraph is in the output (the last run's). */
  pagesWithAllText?: number;
  failures: number;
  error?: string;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (x: number, d = 0) => Math.round(x * 10 ** d) / 10 ** d;

/** The local site, and the forward proxy for it: `GET http://culture.people.com.cn/…` or `GET /…`. */
function startSite(article: SyntheticArticle, latencyMs: number): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const html = article.pages.get(path);
    setTimeout(() => {
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
    server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })),
  );
}

/** One process, spawn to exit. */
function runOnce(command: Command): Promise<{ ms: number; code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, command.args, {
      cwd: root,
      env: { ...process.env, HTTP_PROXY: '', http_proxy: '', HTTPS_PROXY: '', https_proxy: '', NO_PROXY: '', no_proxy: '', ...command.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - t0, code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** Pages of the article whose every paragraph (its first 16 characters) is in the text. */
function pagesWithAllText(article: SyntheticArticle, text: string): number {
  return article.paragraphs.filter((paras) => paras.every((p) => text.includes(p.slice(0, 16)))).length;
}

/** Each command once per run, in turn, after one warm-up run of each. */
async function timeInTurn(commands: Command[], runs: number): Promise<Timed[]> {
  const results: Timed[] = commands.map((c) => ({ label: c.label, medianMs: NaN, runsMs: [], failures: 0 }));
  for (let r = -1; r < runs; r++) {
    // A run of the whole comparison takes minutes on a busy machine: say where it is.
    process.stderr.write(`[bench cli] ${commands.map((c) => c.label).join(', ')}: ${r < 0 ? 'warm-up' : `run ${r + 1} of ${runs}`}\n`);
    for (const [i, command] of commands.entries()) {
      const result = results[i]!;
      const run = await runOnce(command);
      if (run.code !== 0) {
        result.failures++;
        result.error ??= `exit ${run.code}: ${run.stderr.trim().split('\n').slice(-2).join(' / ').slice(0, 300)}`;
        continue;
      }
      if (r < 0) continue;
      result.runsMs.push(run.ms);
      if (command.article) result.pagesWithAllText = pagesWithAllText(command.article, run.stdout);
    }
  }
  for (const result of results) result.medianMs = median(result.runsMs);
  return results;
}

function build(args: string[]): void {
  const built = spawnSync(process.execPath, [join(root, 'scripts/build-cli.mjs'), '--quiet', ...args], { cwd: root, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build-cli ${args.join(' ')} failed: ${built.stderr.trim()}`);
}

export interface CliBenchResult {
  [k: string]: unknown;
}

/**
 * Run the comparison; prints the table on stdout and returns the figures for the one JSON line.
 */
export async function benchCli(options: CliBenchOptions): Promise<CliBenchResult> {
  // The bundle measured is the one of the sources as they are now.
  build([]);
  build(['--entry', 'scripts/bench/follow-next-cli.ts', '--outdir', 'dist/bench']);
  const template = readFileSync(join(options.corpus, 'people', 'gne_people_1.html'), 'utf8');
  const runs = options.runs;
  const load0 = loadavg()[0] ?? 0;
  const cli = (label: string, bin: string, mode?: string): ((url: string, proxy: string, article?: SyntheticArticle) => Command) =>
    (url, proxy, article) => ({ label, args: [bin, '--proxy', proxy, url], env: mode ? { WHOLESTORY_CLI: mode } : ({} as Record<string, string>), article });
  const variants = [cli('wholestory (bundle)', BIN, 'bundle'), cli('wholestory (tsx sources)', BIN, 'sources')];
  if (options.before) variants.push(cli('wholestory (before)', options.before));

  // Start-up.
  const startup = await timeInTurn(
    [
      { label: 'node -e 0', args: ['-e', '0'] },
      { label: 'wholestory --help (bundle)', args: [BIN, '--help'], env: { WHOLESTORY_CLI: 'bundle' } },
      { label: 'wholestory --help (tsx sources)', args: [BIN, '--help'], env: { WHOLESTORY_CLI: 'sources' } },
      ...(options.before ? [{ label: 'wholestory --help (before)', args: [options.before, '--help'] }] : []),
    ],
    runs,
  );

  // One page, no latency.
  const single = buildSyntheticArticle(template, 1);
  const singleSite = await startSite(single, 0);
  let onePage: Timed[];
  try {
    const url = single.urls[0]!;
    const localUrl = singleSite.origin + new URL(url).pathname;
    onePage = await timeInTurn(
      [
        { label: 'bare jsdom + Readability', args: [BARE, localUrl], article: single },
        ...variants.map((v) => v(url, singleSite.origin, single)),
      ],
      runs,
    );
  } finally {
    singleSite.server.close();
    singleSite.server.closeAllConnections();
  }

  // 2, 3 and 10 pages at the latency asked for.
  const multi: Array<{ pages: number; timed: Timed[] }> = [];
  for (const pages of [2, 3, 10]) {
    const article = buildSyntheticArticle(template, pages);
    const site = await startSite(article, options.latencyMs);
    try {
      const url = article.urls[0]!;
      const viaProxy = { HTTP_PROXY: site.origin, http_proxy: site.origin };
      const timed = await timeInTurn(
        [
          ...variants.map((v) => v(url, site.origin, article)),
          { label: 'sequential next-following', args: [SEQUENTIAL, url], env: viaProxy, article },
          { label: 'Postlight Parser 2.2.3', args: [POSTLIGHT, url, '--format=markdown'], env: viaProxy, article },
        ],
        runs,
      );
      multi.push({ pages, timed });
    } finally {
      site.server.close();
      site.server.closeAllConnections();
    }
  }

  // The table.
  const ms = (t: Timed | undefined) => (t && Number.isFinite(t.medianMs) ? `${round(t.medianMs)} ms` : 'failed');
  const ratio = (a: Timed | undefined, b: Timed | undefined) => (a && b && a.medianMs > 0 && b.medianMs > 0 ? round(a.medianMs / b.medianMs, 2) : null);
  const find = (list: Timed[], label: string) => list.find((t) => t.label === label);
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(1, n - [...s].length));
  const row = (t: Timed, extra = '') => {
    const pagesOk = t.pagesWithAllText === undefined ? '' : ` pages with all text: ${t.pagesWithAllText}`;
    const failed = t.failures ? ` (${t.failures} failed: ${t.error})` : '';
    console.log(`  ${pad(t.label, 34)}${pad(ms(t), 11)}${extra}${pagesOk}${failed}`);
  };
  console.log(`\nCommand line, process to process: median of ${runs} runs (spread in the JSON), 1-min load ${round(load0, 1)} on ${'a shared 2-core machine' }: timings are noisy`);
  console.log('start-up');
  for (const t of startup) row(t);
  const bareT = find(onePage, 'bare jsdom + Readability');
  console.log('one-page article, local server, no latency (goal: wholestory <= 1.2 x bare)');
  for (const t of onePage) row(t, t === bareT ? '' : `${pad(`${ratio(t, bareT)} x bare`, 14)}`);
  for (const { pages, timed } of multi) {
    const seq = find(timed, 'sequential next-following');
    const post = find(timed, 'Postlight Parser 2.2.3');
    const goal = pages >= 10 ? '<= 0.3 x sequential, <= 0.5 x Postlight' : '<= 0.8 x Postlight';
    console.log(`${pages}-page article, ${options.latencyMs} ms per response (goal: ${goal})`);
    for (const t of timed) row(t, t === seq || t === post ? ' '.repeat(30) : `${pad(`${ratio(t, seq)} x seq`, 14)}${pad(`${ratio(t, post)} x Postlight`, 16)}`);
    if (post && post.pagesWithAllText !== undefined && post.pagesWithAllText < pages) {
      console.log(`  (Postlight Parser read ${post.pagesWithAllText} of the ${pages} pages: it finds no next-page link in People's Daily's pager, so its time is for that much only)`);
    }
  }
  console.log('');

  const pick = (t: Timed | undefined) =>
    t && { ms: round(t.medianMs), runsMs: t.runsMs.map((x) => round(x)), ...(t.pagesWithAllText !== undefined ? { pagesWithAllText: t.pagesWithAllText } : {}), ...(t.failures ? { failures: t.failures, error: t.error } : {}) };
  const bundle = (list: Timed[]) => find(list, 'wholestory (bundle)');
  return {
    runs,
    latencyMs: options.latencyMs,
    startup: Object.fromEntries(startup.map((t) => [t.label, pick(t)])),
    onePage: {
      ...Object.fromEntries(onePage.map((t) => [t.label, pick(t)])),
      ratio: ratio(bundle(onePage), bareT),
      goal: 'ratio <= 1.2',
    },
    articles: multi.map(({ pages, timed }) => ({
      pages,
      ...Object.fromEntries(timed.map((t) => [t.label, pick(t)])),
      ratioToSequential: ratio(bundle(timed), find(timed, 'sequential next-following')),
      ratioToPostlight: ratio(bundle(timed), find(timed, 'Postlight Parser 2.2.3')),
      goal: pages >= 10 ? 'ratioToSequential <= 0.3, ratioToPostlight <= 0.5' : 'ratioToPostlight <= 0.8',
    })),
    value: bundle(multi.find((m) => m.pages === 10)?.timed ?? [])?.medianMs ?? null,
  };
}
