/**
 * The 10-page benchmark inside real Chromium, where the extension's reader runs the pipeline:
 * native DOMParser, the browser's own fetch and connection limits. Same synthetic article and
 * 100 ms latency as the Node benchmark; this pipeline vs followNextOnly (sequential next-link
 * following, the Postlight/graby way), each from the URL and with page 1 in hand (as the reader
 * has it when opened from the tab). Prints one JSON object per line.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { buildSyntheticArticle, SYNTHETIC_ORIGIN } from '../../src/eval/synthetic-article';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

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

function serve(pages: Map<string, string>, script: string, latencyMs: number): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
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
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port })));
}

/** Runs the benchmark in Chromium and returns the JSON lines (empty when Chromium is missing). */
export async function benchInChromium(corpusDir: string, latencyMs = 100, runs = 3): Promise<Record<string, unknown>[]> {
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  if (!executablePath) return [{ name: 'whole_article_10_pages_ms_chromium', value: null, unit: 'ms', error: 'chromium not installed' }];
  const template = readFileSync(join(corpusDir, 'people', 'gne_people_1.html'), 'utf8');
  const article = buildSyntheticArticle(template, 10);
  const { server, port } = await serve(article.pages, await bundle(), latencyMs);
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', `--host-resolver-rules=MAP * 127.0.0.1:${port}`],
  });
  const out: Record<string, unknown>[] = [];
  try {
    const page = await browser.newPage();
    // Same origin as the article, as the reader's host permission makes it.
    await page.goto(`${SYNTHETIC_ORIGIN}/__bench.html`);
    const url = article.urls[0] as string;
    const page1 = article.pages.get(new URL(url).pathname) as string;
    for (const inHand of [false, true]) {
      const time = (followNextOnly: boolean) =>
        page.evaluate(([u, f, h]) => window.wholestoryBench(u as string, { followNextOnly: f as boolean, ...(h ? { html: h as string } : {}) }), [url, followNextOnly, inHand ? page1 : null] as const);
      await time(false);
      await time(true);
      const p: number[] = [];
      const b: number[] = [];
      let last = { pageCount: 0, failed: 0 };
      for (let r = 0; r < runs; r++) {
        const rp = await time(false);
        p.push(rp.ms);
        last = rp;
        b.push((await time(true)).ms);
      }
      out.push({
        name: inHand ? 'whole_article_10_pages_ms_chromium_page1_in_hand' : 'whole_article_10_pages_ms_chromium',
        value: round(median(p)),
        unit: 'ms',
        baseline: round(median(b)),
        ratio: round(median(p) / median(b), 3),
        goal: 'ratio <= 0.3',
        pages: last.pageCount,
        failedPages: last.failed,
        latencyMs,
        runs,
        runsMs: p.map((x) => round(x)),
        baselineRunsMs: b.map((x) => round(x)),
        note: `in Chromium (${inHand ? "page 1's HTML in hand, as the reader opened from the tab" : 'from the URL'}): native DOMParser and fetch; baseline = followNextOnly`,
      });
    }
  } finally {
    await browser.close();
    server.close();
    server.closeAllConnections?.();
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchInChromium(join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus'))) console.log(JSON.stringify(line));
}
