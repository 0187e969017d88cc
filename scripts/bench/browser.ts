/**
 * The 10-page benchmark inside real Chromium and real Firefox, where the extension's reader runs
 * the pipeline: native DOMParser, the browser's own fetch and connection limits. Same synthetic
 * article and 100 ms latency as the Node benchmark; this pipeline (every known page requested at
 * once, as the reader asks: `concurrency` = maxPages) vs followNextOnly (sequential next-link
 * following, the Postlight/graby way), each from the URL and with page 1 in hand (as the reader has
 * it when opened from the tab). Prints one JSON object per line.
 *
 * Three ways to the same site (issue 10: browsers open 6 connections per host over HTTP/1.1 and
 * many streams over one HTTP/2 connection, which real news sites serve):
 *   http      plain http://, HTTP/1.1 (the names without a suffix)
 *   https-h1  TLS, HTTP/1.1 only (`_https_h1`)
 *   h2        TLS, HTTP/2 by ALPN (`_h2`), goal: ratio <= 0.2 in Chromium
 * The TLS site has a throw-away self-signed certificate made by openssl at run time (cli.ts
 * throwAwayCertificate); that one browser is told to accept it (Chromium --ignore-certificate-errors,
 * Firefox acceptInsecureCerts). Chromium resolves every host to the site; Firefox reaches it
 * through the site's forward proxy (`GET http://…`, `CONNECT host:443` tunnelled to the TLS
 * server), at most 6 connections to it as to one host. Each record says which protocols the page
 * requests really went over (`protocols`), and `timeline` where one more read from the URL spent
 * its time: the site's request log (each request's arrival and answer) beside the page's own
 * events (each response, each parse), ms from the read's start.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { buildSyntheticArticle, SYNTHETIC_ORIGIN } from '../../src/eval/synthetic-article';
import { DEFAULTS } from '../../src/pipeline/read-whole-article';
import { findBrowser } from '../../test/support/browsers';
import { throwAwayCertificate, tunnelsTo } from './cli';
import type { TraceEvent } from './browser-entry';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

type Mode = 'http' | 'https-h1' | 'h2';
const SUFFIX: Record<Mode, string> = { http: '', 'https-h1': '_https_h1', h2: '_h2' };
const GOAL: Record<Mode, string> = { http: 'ratio <= 0.3', 'https-h1': 'ratio <= 0.3', h2: 'ratio <= 0.2' };

/**
 * The page's script: `window.wholestoryBench` over the pipeline of the checkout at `root` (this
 * one, or with `before`, another checkout's, carrying this file's browser-entry.ts), as
 * `window.wholestoryBenchBefore`.
 */
async function bundle(root = join(import.meta.dirname, '..', '..'), before = false): Promise<string> {
  const outDir = `/tmp/wholestory-bench-browser${before ? '-before' : ''}`;
  await build({
    logLevel: 'silent',
    configFile: false,
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      lib: { entry: join(root, 'scripts', 'bench', 'browser-entry.ts'), formats: ['iife'], name: 'WholeStoryBench', fileName: () => 'bench.js' },
    },
  });
  const script = readFileSync(join(outDir, 'bench.js'), 'utf8');
  return before ? `${script}\nwindow.wholestoryBenchBefore = window.wholestoryBench;` : script;
}

/** One request as the site saw it, on the wall clock (epoch ms). */
interface Hit {
  path: string;
  at: number;
  sent: number;
}

interface Served {
  /** Where Chromium connects (every host resolved to it): the site itself, plain or TLS. */
  port: number;
  /** Firefox's proxy: the plain site, and `CONNECT` tunnels to the TLS one. */
  proxyPort: number;
  /** The requests for article pages since the last call, emptied. */
  hits(): Hit[];
  close(): void;
}

const wallNow = () => performance.timeOrigin + performance.now();

function serve(pages: Map<string, string>, scripts: Scripts, latencyMs: number, mode: Mode, tls: { key: Buffer; cert: Buffer } | null): Promise<Served> {
  const log: Hit[] = [];
  const handle = (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => {
    // A proxy's request names the whole URL (`GET http://host/path`).
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/__bench.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><meta charset="utf-8"><title>bench</title>${scripts.before ? '<script src="/__before.js"></script>' : ''}<script src="/__bench.js"></script>`);
      return;
    }
    if (path === '/__bench.js' || path === '/__before.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end((path === '/__bench.js' ? scripts.now : scripts.before) ?? '');
      return;
    }
    const html = pages.get(path);
    const hit = { path, at: wallNow(), sent: 0 };
    // The article's pages (not a favicon).
    if (html !== undefined) log.push(hit);
    setTimeout(() => {
      hit.sent = wallNow();
      res.writeHead(html === undefined ? 404 : 200, { 'content-type': 'text/html; charset=UTF-8', 'cache-control': 'no-store' });
      res.end(html ?? 'not found');
    }, latencyMs);
  };
  const plain = createServer(handle);
  const secure =
    mode === 'http' || !tls
      ? null
      : mode === 'h2'
        ? // HTTP/2 offered by ALPN; a client that only speaks HTTP/1.1 still gets an answer.
          createSecureServer({ key: tls.key, cert: tls.cert, allowHTTP1: true }, handle)
        : createHttpsServer({ key: tls.key, cert: tls.cert, ALPNProtocols: ['http/1.1'] }, handle);
  const sockets = tunnelsTo(plain, () => (secure ? (secure.address() as AddressInfo).port : null));
  const listen = (server: typeof plain | NonNullable<typeof secure>) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  return Promise.all([listen(plain), secure ? listen(secure) : null]).then(([proxyPort, securePort]) => ({
    port: securePort ?? proxyPort,
    proxyPort,
    hits: () => log.splice(0),
    close: () => {
      for (const socket of sockets) socket.destroy();
      for (const server of [plain, secure]) {
        server?.close();
        if (server && 'closeAllConnections' in server) server.closeAllConnections();
      }
    },
  }));
}

type BrowserName = 'chromium' | 'firefox';
interface Run {
  ms: number;
  pageCount: number;
  failed: number;
  protocols: string[];
  start: number;
  trace?: TraceEvent[];
}
/** The bench page in one browser: one read per call. */
interface BenchPage {
  read(url: string, options: { followNextOnly: boolean; html: string | null; concurrency: number; trace: boolean; before?: boolean }): Promise<Run>;
  close(): Promise<void>;
}

async function openBenchPage(name: BrowserName, executablePath: string, site: Served, secure: boolean, origin: string): Promise<BenchPage> {
  type Args = [string, boolean, string | null, number, boolean, boolean];
  const inPage = ([u, f, h, c, t, b]: Args) => (b ? window.wholestoryBenchBefore : window.wholestoryBench)(u, { followNextOnly: f, concurrency: c, trace: t, ...(h !== null ? { html: h } : {}) });
  if (name === 'chromium') {
    const browser = await chromium.launch({
      executablePath,
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--host-resolver-rules=MAP * 127.0.0.1:${site.port}`,
        // The throw-away certificate of this bench's own local site, in this browser only.
        ...(secure ? ['--ignore-certificate-errors'] : []),
      ],
    });
    const page = await browser.newPage();
    // Same origin as the article, as the reader's host permission makes it.
    await page.goto(`${origin}/__bench.html`);
    return {
      read: (u, o) => page.evaluate(inPage, [u, o.followNextOnly, o.html, o.concurrency, o.trace, o.before === true] as Args),
      close: () => browser.close(),
    };
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    acceptInsecureCerts: secure,
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': site.proxyPort,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': site.proxyPort,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'network.proxy.share_proxy_settings': false,
      // Through the proxy as straight to the site: 6 connections, as to one host (default 32).
      'network.http.max-persistent-connections-per-proxy': 6,
      'dom.security.https_first': false,
      'dom.security.https_only_mode': false,
      'app.update.enabled': false,
    },
  });
  const page = await browser.newPage();
  await page.goto(`${origin}/__bench.html`);
  return {
    read: (u, o) => page.evaluate((...args: Args) => (args[5] ? window.wholestoryBenchBefore : window.wholestoryBench)(args[0], { followNextOnly: args[1], concurrency: args[3], trace: args[4], ...(args[2] !== null ? { html: args[2] } : {}) }), u, o.followNextOnly, o.html, o.concurrency, o.trace, o.before === true),
    close: () => browser.close(),
  };
}

/**
 * Where one read from the URL spent its time, ms from its start: page 1 asked, at the site, answered
 * and parsed; the other pages' first and last request at the site, the last answer received and
 * parsed; the end. `gaps`: page 1's answer to the first other request, the other pages' network
 * time, the last page's parse to the end (extraction, merge, cleaning).
 */
function timeline(run: Run, hits: Hit[], firstPath: string): Record<string, unknown> {
  const t = (x: number | undefined) => (x === undefined ? null : round(x - run.start));
  const events = run.trace ?? [];
  const pathOf = (url?: string) => (url ? new URL(url).pathname : '');
  const page1 = hits.find((h) => h.path === firstPath);
  const others = hits.filter((h) => h.path !== firstPath);
  const at = (what: TraceEvent['what'], first: boolean, page1Only: boolean) => {
    const xs = events.filter((e) => e.what === what && (pathOf(e.url) === firstPath) === page1Only).map((e) => e.at);
    return xs.length ? (first ? Math.min(...xs) : Math.max(...xs)) : undefined;
  };
  const p1Response = at('response', true, true);
  const othersFirstAsked = others.length ? Math.min(...others.map((h) => h.at)) : undefined;
  const lastResponse = at('response', false, false);
  const lastParsed = at('parse-end', false, false);
  const end = events.find((e) => e.what === 'end')?.at;
  const gap = (a?: number, b?: number) => (a === undefined || b === undefined ? null : round(b - a));
  return {
    page1: { asked: t(page1?.at), answered: t(page1?.sent), received: t(p1Response), parsed: t(at('parse-end', true, true)) },
    others: { count: others.length, firstAsked: t(othersFirstAsked), lastAsked: t(others.length ? Math.max(...others.map((h) => h.at)) : undefined), lastAnswered: t(others.length ? Math.max(...others.map((h) => h.sent)) : undefined), lastReceived: t(lastResponse), lastParsed: t(lastParsed) },
    end: t(end),
    gaps: { page1ToOthersAsked: gap(p1Response, othersFirstAsked), othersNetwork: gap(othersFirstAsked, lastResponse), lastReceivedToEnd: gap(lastResponse, end) },
  };
}

interface Scripts {
  now: string;
  before?: string;
}

/**
 * Runs the benchmark in each browser and returns the JSON lines (an error line for a missing
 * browser). `before`: another checkout (a folder with this browser-entry.ts in scripts/bench/ and
 * node_modules), whose pipeline is read in turn with this one in the same page: each record then
 * has `before` (its median, ratio and runs).
 */
export async function benchInBrowsers(corpusDir: string, latencyMs = 100, runs = 3, browsers: readonly BrowserName[] = ['chromium', 'firefox'], before?: string): Promise<Record<string, unknown>[]> {
  const template = readFileSync(join(corpusDir, 'people', 'gne_people_1.html'), 'utf8');
  const article = buildSyntheticArticle(template, 10);
  const script: Scripts = { now: await bundle(), ...(before ? { before: await bundle(before, true) } : {}) };
  const certificate = throwAwayCertificate(new URL(SYNTHETIC_ORIGIN).hostname);
  const out: Record<string, unknown>[] = [];
  try {
    for (const name of browsers) {
      const executablePath = findBrowser(name);
      for (const mode of ['http', 'https-h1', 'h2'] as const) {
        const record = `whole_article_10_pages_ms_${name}${SUFFIX[mode]}`;
        if (!executablePath || !existsSync(executablePath)) out.push({ name: record, value: null, unit: 'ms', error: `${name} not installed` });
        else if (mode !== 'http' && !certificate) out.push({ name: record, value: null, unit: 'ms', error: 'no openssl to make a throw-away certificate' });
        else out.push(...(await benchOverMode(name, executablePath, article, script, latencyMs, runs, mode, certificate)));
      }
    }
  } finally {
    certificate?.dispose();
  }
  return out;
}

async function benchOverMode(
  name: BrowserName,
  executablePath: string,
  article: ReturnType<typeof buildSyntheticArticle>,
  script: Scripts,
  latencyMs: number,
  runs: number,
  mode: Mode,
  tls: { key: Buffer; cert: Buffer } | null,
): Promise<Record<string, unknown>[]> {
  const site = await serve(article.pages, script, latencyMs, mode, tls);
  const secure = mode !== 'http';
  const origin = secure ? SYNTHETIC_ORIGIN.replace(/^http:/, 'https:') : SYNTHETIC_ORIGIN;
  const out: Record<string, unknown>[] = [];
  const page = await openBenchPage(name, executablePath, site, secure, origin);
  try {
    const url = (article.urls[0] as string).replace(SYNTHETIC_ORIGIN, origin);
    const firstPath = new URL(url).pathname;
    const page1 = article.pages.get(firstPath) as string;
    for (const inHand of [false, true]) {
      const time = (followNextOnly: boolean, trace = false, then = false) => page.read(url, { followNextOnly, html: inHand ? page1 : null, concurrency: DEFAULTS.maxPages, trace, before: then });
      await time(false);
      if (script.before) await time(false, false, true);
      await time(true);
      const p: number[] = [];
      const q: number[] = [];
      const b: number[] = [];
      let last: Run = { ms: 0, pageCount: 0, failed: 0, protocols: [], start: 0 };
      for (let r = 0; r < runs; r++) {
        const rp = await time(false);
        p.push(rp.ms);
        last = rp;
        if (script.before) q.push((await time(false, false, true)).ms);
        b.push((await time(true)).ms);
      }
      // One more read, traced, beside the site's log of it.
      site.hits();
      const traced = await time(false, true);
      const where = timeline(traced, site.hits(), firstPath);
      out.push({
        name: `whole_article_10_pages_ms_${name}${SUFFIX[mode]}${inHand ? '_page1_in_hand' : ''}`,
        value: round(median(p)),
        unit: 'ms',
        baseline: round(median(b)),
        ratio: round(median(p) / median(b), 3),
        goal: name === 'chromium' ? GOAL[mode] : 'ratio <= 0.3',
        browser: name,
        protocol: mode,
        protocols: last.protocols,
        pages: last.pageCount,
        failedPages: last.failed,
        latencyMs,
        runs,
        runsMs: p.map((x) => round(x)),
        baselineRunsMs: b.map((x) => round(x)),
        timeline: { ms: round(traced.ms), ...where },
        ...(q.length ? { before: { value: round(median(q)), ratio: round(median(q) / median(b), 3), runsMs: q.map((x) => round(x)) } } : {}),
        note: `in ${name === 'chromium' ? 'Chromium' : 'Firefox'} over ${mode === 'http' ? 'plain HTTP/1.1' : mode === 'h2' ? 'HTTP/2 (TLS)' : 'HTTP/1.1 over TLS'} (${inHand ? "page 1's HTML in hand, as the reader opened from the tab" : 'from the URL'}): native DOMParser and fetch, every known page at once; baseline = followNextOnly`,
      });
    }
  } finally {
    await page.close();
    site.close();
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchInBrowsers(join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus'))) console.log(JSON.stringify(line));
}
