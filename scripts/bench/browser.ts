/**
 * The 10-page benchmark inside real Chromium, where the extension's reader runs the pipeline:
 * native DOMParser, the browser's own fetch and connection limits. Same synthetic article and
 * 100 ms latency as the Node benchmark; this pipeline (every known page requested at once, as the
 * reader asks: `concurrency` = maxPages) vs followNextOnly (sequential next-link following, the
 * Postlight/graby way), each from the URL and with page 1 in hand (as the reader has it when
 * opened from the tab). Prints one JSON object per line.
 *
 * Three ways to the same site (issue 10: browsers open 6 connections per host over HTTP/1.1 and
 * many streams over one HTTP/2 connection, which real news sites serve):
 *   http      plain http://, HTTP/1.1 (the names without a suffix)
 *   https-h1  TLS, HTTP/1.1 only (`_https_h1`)
 *   h2        TLS, HTTP/2 by ALPN (`_h2`), goal: ratio <= 0.2 with page 1 in hand
 * The TLS site has a throw-away self-signed certificate made by openssl at run time (cli.ts
 * throwAwayCertificate); that one Chromium is told to accept it (--ignore-certificate-errors).
 * Each record says which protocols the page requests really went over (`protocols`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { buildSyntheticArticle, SYNTHETIC_ORIGIN } from '../../src/eval/synthetic-article';
import { DEFAULTS } from '../../src/pipeline/read-whole-article';
import { throwAwayCertificate } from './cli';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

type Mode = 'http' | 'https-h1' | 'h2';
const SUFFIX: Record<Mode, string> = { http: '', 'https-h1': '_https_h1', h2: '_h2' };
const GOAL: Record<Mode, string> = { http: 'ratio <= 0.3', 'https-h1': 'ratio <= 0.3', h2: 'ratio <= 0.2' };

async function bundle(): Promise<string> {
  const outDir = '/tmp/wholestory-bench-browser';
  await build({
    logLevel: 'silent',
    configFile: false,
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      lib: { entry: join(import.meta.dirname, 'browser-entry.ts'), formats: ['iife'], name: 'WholeStoryBench', fileName: () => 'bench.js' },
    },
  });
  return readFileSync(join(outDir, 'bench.js'), 'utf8');
}

interface Served {
  port: number;
  close(): void;
}

function serve(pages: Map<string, string>, script: string, latencyMs: number, mode: Mode, tls: { key: Buffer; cert: Buffer } | null): Promise<Served> {
  const handle = (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] as string;
    if (path === '/__bench.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><meta charset="utf-8"><title>bench</title><script src="/__bench.js"></script>');
      return;
    }
    if (path === '/__bench.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(script);
      return;
    }
    setTimeout(() => {
      const html = pages.get(path);
      res.writeHead(html === undefined ? 404 : 200, { 'content-type': 'text/html; charset=UTF-8', 'cache-control': 'no-store' });
      res.end(html ?? 'not found');
    }, latencyMs);
  };
  const server =
    mode === 'http' || !tls
      ? createServer(handle)
      : mode === 'h2'
        ? // HTTP/2 offered by ALPN; a client that only speaks HTTP/1.1 still gets an answer.
          createSecureServer({ key: tls.key, cert: tls.cert, allowHTTP1: true }, handle)
        : createHttpsServer({ key: tls.key, cert: tls.cert, ALPNProtocols: ['http/1.1'] }, handle);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => {
          server.close();
          if ('closeAllConnections' in server) server.closeAllConnections();
        },
      }),
    ),
  );
}

/** Runs the benchmark in Chromium and returns the JSON lines (empty when Chromium is missing). */
export async function benchInChromium(corpusDir: string, latencyMs = 100, runs = 3): Promise<Record<string, unknown>[]> {
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  if (!executablePath) return [{ name: 'whole_article_10_pages_ms_chromium', value: null, unit: 'ms', error: 'chromium not installed' }];
  const template = readFileSync(join(corpusDir, 'people', 'gne_people_1.html'), 'utf8');
  const article = buildSyntheticArticle(template, 10);
  const script = await bundle();
  const certificate = throwAwayCertificate(new URL(SYNTHETIC_ORIGIN).hostname);
  const out: Record<string, unknown>[] = [];
  try {
    for (const mode of ['http', 'https-h1', 'h2'] as const) {
      if (mode !== 'http' && !certificate) {
        out.push({ name: `whole_article_10_pages_ms_chromium${SUFFIX[mode]}`, value: null, unit: 'ms', error: 'no openssl to make a throw-away certificate' });
        continue;
      }
      out.push(...(await benchOverMode(executablePath, article, script, latencyMs, runs, mode, certificate)));
    }
  } finally {
    certificate?.dispose();
  }
  return out;
}

async function benchOverMode(
  executablePath: string,
  article: ReturnType<typeof buildSyntheticArticle>,
  script: string,
  latencyMs: number,
  runs: number,
  mode: Mode,
  tls: { key: Buffer; cert: Buffer } | null,
): Promise<Record<string, unknown>[]> {
  const site = await serve(article.pages, script, latencyMs, mode, tls);
  const secure = mode !== 'http';
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
  const out: Record<string, unknown>[] = [];
  const origin = secure ? SYNTHETIC_ORIGIN.replace(/^http:/, 'https:') : SYNTHETIC_ORIGIN;
  try {
    const page = await browser.newPage();
    // Same origin as the article, as the reader's host permission makes it.
    await page.goto(`${origin}/__bench.html`);
    const url = (article.urls[0] as string).replace(SYNTHETIC_ORIGIN, origin);
    const page1 = article.pages.get(new URL(url).pathname) as string;
    for (const inHand of [false, true]) {
      const time = (followNextOnly: boolean) =>
        page.evaluate(([u, f, h, c]) => window.wholestoryBench(u as string, { followNextOnly: f as boolean, concurrency: c as number, ...(h ? { html: h as string } : {}) }), [url, followNextOnly, inHand ? page1 : null, DEFAULTS.maxPages] as const);
      await time(false);
      await time(true);
      const p: number[] = [];
      const b: number[] = [];
      let last = { pageCount: 0, failed: 0, protocols: [] as string[] };
      for (let r = 0; r < runs; r++) {
        const rp = await time(false);
        p.push(rp.ms);
        last = rp;
        b.push((await time(true)).ms);
      }
      out.push({
        name: `whole_article_10_pages_ms_chromium${SUFFIX[mode]}${inHand ? '_page1_in_hand' : ''}`,
        value: round(median(p)),
        unit: 'ms',
        baseline: round(median(b)),
        ratio: round(median(p) / median(b), 3),
        goal: GOAL[mode],
        protocol: mode,
        protocols: last.protocols,
        pages: last.pageCount,
        failedPages: last.failed,
        latencyMs,
        runs,
        runsMs: p.map((x) => round(x)),
        baselineRunsMs: b.map((x) => round(x)),
        note: `in Chromium over ${mode === 'http' ? 'plain HTTP/1.1' : mode === 'h2' ? 'HTTP/2 (TLS)' : 'HTTP/1.1 over TLS'} (${inHand ? "page 1's HTML in hand, as the reader opened from the tab" : 'from the URL'}): native DOMParser and fetch, every known page at once; baseline = followNextOnly`,
      });
    }
  } finally {
    await browser.close();
    site.close();
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchInChromium(join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus'))) console.log(JSON.stringify(line));
}
