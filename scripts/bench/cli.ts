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
 *   TLS          the 10-page article at https://, the same site behind TLS twice: HTTP/1.1 only, and
 *                HTTP/2 (node:http2, offered by ALPN), with a throw-away self-signed certificate made
 *                by `openssl` at run time (trusted through NODE_EXTRA_CA_CERTS; no key is kept); the
 *                protocol each request actually came over is logged and printed
 *
 * The articles are the bench's synthetic People's Daily article (src/eval/synthetic-article.ts)
 * served on 127.0.0.1; the local server is also the HTTP proxy the commands are pointed at (absolute
 * URIs for http:, CONNECT for https:), so they ask for the real culture.people.com.cn URLs. Every
 * output is checked for every page's text. The site logs when each request arrived: the 10-page rows
 * print that schedule (ms after the process was spawned) for the last run, to see what waits on what.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import { connect as netConnect, type AddressInfo, type Socket } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { buildSyntheticArticle, SYNTHETIC_ORIGIN, type SyntheticArticle } from '../../src/eval/synthetic-article';

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
  /** The site it reads from: its request log gives the schedule. */
  site?: Site;
}

interface Timed {
  label: string;
  medianMs: number;
  runsMs: number[];
  /** Pages whose every paragraph is in the output (the last run's). */
  pagesWithAllText?: number;
  failures: number;
  error?: string;
  /** When each page was asked for (ms after spawn) and over what, in the last run. */
  schedule?: Hit[];
}

/** One request the site got. */
interface Hit {
  /** Page number of the synthetic article (0: not one of its pages). */
  page: number;
  /** ms after the process was spawned (the site's clock: performance.now()). */
  at: number;
  /** When the answer was sent, same clock. */
  sent: number;
  /** HTTP version the request came over ('1.1', '2.0'). */
  http: string;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (x: number, d = 0) => Math.round(x * 10 ** d) / 10 ** d;

interface Site {
  /** The forward proxy (and plain-http site): `http://127.0.0.1:port`. */
  origin: string;
  /** Every request, as it came. */
  log: Array<{ path: string; at: number; sent: number; http: string }>;
  close(): void;
}

/** A throw-away key and self-signed certificate for culture.people.com.cn, or null without openssl (also the browser bench's, browser.ts). */
export function throwAwayCertificate(host: string): { key: Buffer; cert: Buffer; certFile: string; dispose(): void } | null {
  const dir = mkdtempSync(join(tmpdir(), 'ws-bench-tls-'));
  const made = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', `/CN=${host}`, '-addext', `subjectAltName=DNS:${host}`, '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  const key = readFileSync(join(dir, 'key.pem'));
  // The key is in memory now: only the certificate stays on disk, for NODE_EXTRA_CA_CERTS.
  rmSync(join(dir, 'key.pem'));
  return { key, cert: readFileSync(join(dir, 'cert.pem')), certFile: join(dir, 'cert.pem'), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A forward proxy's `CONNECT host:443` on `proxy`, tunnelled to the local TLS server on `port()`
 * (refused while there is none). The sockets of open tunnels, for closing them.
 */
export function tunnelsTo(proxy: Server, port: () => number | null): Set<Socket> {
  const sockets = new Set<Socket>();
  proxy.on('connect', (_req: IncomingMessage, client: Socket, head: Buffer) => {
    const target = port();
    if (target === null) return void client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    const upstream = netConnect(target, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => [client, upstream].forEach((x) => x.destroy()));
      s.on('close', () => sockets.delete(s));
    }
  });
  return sockets;
}

/**
 * The local site, and the forward proxy for it: `GET http://culture.people.com.cn/…` or `GET /…`
 * answered here; with `tls`, `CONNECT culture.people.com.cn:443` tunnels to the same pages behind
 * TLS, over HTTP/1.1 only (`h1`) or HTTP/2 offered by ALPN (`h2`, HTTP/1.1 still accepted).
 */
function startSite(article: SyntheticArticle, latencyMs: number, tls?: { mode: 'h1' | 'h2'; key: Buffer; cert: Buffer }): Promise<Site> {
  const log: Site['log'] = [];
  const handle = (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const hit = { path, at: performance.now(), sent: 0, http: req.httpVersion };
    log.push(hit);
    const html = article.pages.get(path);
    setTimeout(() => {
      hit.sent = performance.now();
      if (html === undefined) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' });
      res.end(html);
    }, latencyMs);
  };
  const server = createServer(handle);
  const secure = tls ? (tls.mode === 'h2' ? createSecureServer({ key: tls.key, cert: tls.cert, allowHTTP1: true }, handle) : createHttpsServer({ key: tls.key, cert: tls.cert }, handle)) : null;
  const sockets = tunnelsTo(server, () => (secure ? (secure.address() as AddressInfo).port : null));
  const listen = (s: { listen(port: number, host: string, cb: () => void): unknown }) => new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return Promise.all([listen(server), ...(secure ? [listen(secure)] : [])]).then(() => ({
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    close() {
      for (const s of sockets) s.destroy();
      server.close();
      server.closeAllConnections();
      secure?.close();
      if (secure && 'closeAllConnections' in secure) secure.closeAllConnections();
    },
  }));
}

/** One process, spawn to exit. */
function runOnce(command: Command): Promise<{ t0: number; ms: number; code: number | null; stdout: string; stderr: string }> {
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
    child.on('close', (code) => resolve({ t0, ms: performance.now() - t0, code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
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
      if (command.site) command.site.log.length = 0;
      const run = await runOnce(command);
      if (command.site && command.article) {
        const paths = [...command.article.pages.keys()];
        result.schedule = command.site.log.map((h) => ({ page: paths.indexOf(h.path) + 1, at: round(h.at - run.t0), sent: round(h.sent - run.t0), http: h.http }));
      }
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

/** The HTTP versions a run's requests came over ("2.0", "1.1", "1.1 and 2.0"). */
function protocols(t: Timed): string {
  return [...new Set((t.schedule ?? []).map((h) => h.http))].sort().join(' and ') || '?';
}

/**
 * A run's requests in one line, ms after spawn: pages asked within 30 ms of each other are one
 * wave ("p1 @412 | p2-p10 (9) @3794-3807"); `→` the answer of the wave's last request.
 */
function scheduleLine(hits: Hit[]): string {
  const sorted = [...hits].sort((a, b) => a.at - b.at);
  const waves: Hit[][] = [];
  for (const h of sorted) {
    const wave = waves.at(-1);
    if (wave && h.at - wave[0]!.at <= 30) wave.push(h);
    else waves.push([h]);
  }
  return waves
    .map((w) => {
      const pages = w.map((h) => h.page).sort((a, b) => a - b);
      const name = pages.length === 1 ? `p${pages[0]}` : `p${pages[0]}-p${pages.at(-1)} (${pages.length})`;
      const from = w[0]!.at;
      const to = w.at(-1)!.at;
      return `${name} @${from}${to > from ? `-${to}` : ''}→${Math.max(...w.map((h) => h.sent))}`;
    })
    .join(' | ');
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
    singleSite.close();
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
        ].map((c) => ({ ...c, site })),
        runs,
      );
      multi.push({ pages, timed });
    } finally {
      site.close();
    }
  }

  // The 10-page article over TLS: HTTP/1.1 only, then HTTP/2 (one connection, many streams).
  const overTls: Array<{ mode: 'h1' | 'h2'; timed: Timed[] }> = [];
  const certificate = throwAwayCertificate(new URL(SYNTHETIC_ORIGIN).hostname);
  if (certificate) {
    try {
      const article = buildSyntheticArticle(template, 10);
      const url = article.urls[0]!.replace(/^http:/, 'https:');
      for (const mode of ['h1', 'h2'] as const) {
        const site = await startSite(article, options.latencyMs, { mode, key: certificate.key, cert: certificate.cert });
        try {
          const env = { NODE_EXTRA_CA_CERTS: certificate.certFile };
          const timed = await timeInTurn(
            [
              { ...variants[0]!(url, site.origin, article), env: { ...env, WHOLESTORY_CLI: 'bundle' } },
              { label: 'sequential next-following', args: [SEQUENTIAL, url], env: { ...env, HTTPS_PROXY: site.origin, https_proxy: site.origin }, article },
            ].map((c) => ({ ...c, site })),
            runs,
          );
          overTls.push({ mode, timed });
        } finally {
          site.close();
        }
      }
    } finally {
      certificate.dispose();
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
    if (pages >= 10) for (const t of timed) if (t.schedule && t !== post) console.log(`    ${pad(t.label, 32)}${scheduleLine(t.schedule)}`);
    if (post && post.pagesWithAllText !== undefined && post.pagesWithAllText < pages) {
      console.log(`  (Postlight Parser read ${post.pagesWithAllText} of the ${pages} pages: it finds no next-page link in People's Daily's pager, so its time is for that much only)`);
    }
  }
  if (!certificate) console.log('10-page article over TLS: not measured (no openssl to make a throw-away certificate)');
  for (const { mode, timed } of overTls) {
    const seq = find(timed, 'sequential next-following');
    console.log(`10-page article over https, ${mode === 'h2' ? 'HTTP/2 offered (ALPN h2, http/1.1)' : 'HTTP/1.1 only'}, ${options.latencyMs} ms per response`);
    for (const t of timed) row(t, `${t === seq ? ' '.repeat(14) : pad(`${ratio(t, seq)} x seq`, 14)}${pad(`over HTTP/${protocols(t)}`, 16)}`);
    for (const t of timed) if (t.schedule) console.log(`    ${pad(t.label, 32)}${scheduleLine(t.schedule)}`);
  }
  console.log('');

  const pick = (t: Timed | undefined) =>
    t && {
      ms: round(t.medianMs),
      runsMs: t.runsMs.map((x) => round(x)),
      ...(t.pagesWithAllText !== undefined ? { pagesWithAllText: t.pagesWithAllText } : {}),
      ...(t.failures ? { failures: t.failures, error: t.error } : {}),
      ...(t.schedule ? { requests: scheduleLine(t.schedule) } : {}),
    };
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
    overTls: overTls.map(({ mode, timed }) => ({
      pages: 10,
      http: mode === 'h2' ? 'HTTP/2 offered' : 'HTTP/1.1 only',
      ...Object.fromEntries(timed.map((t) => [t.label, { ...pick(t), over: protocols(t) }])),
      ratioToSequential: ratio(bundle(timed), find(timed, 'sequential next-following')),
    })),
    value: bundle(multi.find((m) => m.pages === 10)?.timed ?? [])?.medianMs ?? null,
  };
}
