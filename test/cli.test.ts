/**
 * End-to-end tests of the `wholestory` command against the local news site
 * (test/server/news-site.ts) reached through `--proxy`; nothing leaves 127.0.0.1. The command runs
 * in this process (`runCli` with its standard output, standard error, environment and working
 * folder given by the test), real HTTP through the real proxy code included; two smoke tests run
 * `node bin/wholestory.mjs` in a child process (one success, one failure exit status).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { PAGES_DIR, startNewsSite, TEST_CA_FILE, writeCase, type NewsSite } from './server/news-site';
import { writeSyntheticArticle, type SyntheticArticle } from './server/synthetic-article';
import { cli, ROOT, spawnCli, type CliRun } from './support/cli-runs';

/** The stderr of a failed run must be one line, starting "wholestory: ". */
function oneLine(run: CliRun, expect: ExpectStatic): string {
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^wholestory: /);
  return lines[0] ?? '';
}

async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let tmp: string;
let site: NewsSite;
let article: SyntheticArticle;
let partial: SyntheticArticle;
let secure: SyntheticArticle;
const PDF_URL = 'http://culture.people.com.cn/files/report.pdf';
const SLOW_URL = 'http://culture.people.com.cn/n1/2022/0213/slow.html';
const EMPTY_URL = 'http://culture.people.com.cn/n1/2022/0213/empty.html';

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'ws-cli-'));
  article = writeSyntheticArticle(path.join(tmp, 'article'));
  partial = writeSyntheticArticle(path.join(tmp, 'partial'), { id: 32359999, status: { 3: 503 }, startPage: 1 });
  secure = writeSyntheticArticle(path.join(tmp, 'secure'), { id: 32358888, scheme: 'https' });
  const odd = path.join(tmp, 'odd');
  writeCase(
    odd,
    {
      start: PDF_URL,
      pages: {
        [PDF_URL]: { file: 'report.pdf', contentType: 'application/pdf' },
        [SLOW_URL]: { file: 'empty.html', latencyMs: 5000 },
        [EMPTY_URL]: { file: 'empty.html' },
      },
    },
    { 'report.pdf': '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'empty.html': '<!doctype html><html><head><title>登录</title></head><body><form><input name=q></form></body></html>' },
  );
  site = await startNewsSite({ cases: [article.dir, partial.dir, secure.dir, odd] });
});

afterAll(async () => {
  await site?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe.concurrent('wholestory formats', () => {
  it('prints Markdown by default: every page in order, from any page', async ({ expect }) => {
    const run = await cli([article.start, '--proxy', site.origin]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(`# ${article.title}`);
    expect(run.stdout).toContain(`<${article.urls[0]}>`);
    const positions = article.markers.map((m) => run.stdout.indexOf(m));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(run.stdout).not.toContain('【2】');
    expect(run.stdout).not.toContain('责编');
    for (const url of article.urls) expect(site.requests).toContain(url);
  });

  it('prints JSON with the page list', async ({ expect }) => {
    const run = await cli([article.start, '--proxy', site.origin, '--format', 'json']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ title: article.title, pageCount: 3, pageUrls: article.urls, failedPages: [], url: article.urls[0] });
    for (const key of ['byline', 'siteName', 'publishedTime', 'lang', 'textContent', 'contentHtml', 'source', 'excerpt', 'length', 'site']) {
      expect(json).toHaveProperty(key);
    }
    expect(json.textContent).toContain(article.markers[2]);
  });

  it('prints plain text without spaces in the Chinese', async ({ expect }) => {
    const run = await cli([article.start, '--proxy', site.origin, '-f', 'text']);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith(`${article.title}\n\n`)).toBe(true);
    for (const marker of article.markers) expect(run.stdout).toContain(marker);
    expect(run.stdout).not.toMatch(/[\u4e00-\u9fff] [\u4e00-\u9fff]/);
  });

  it('prints a standalone HTML document', async ({ expect }) => {
    const run = await cli([article.start, '--proxy', site.origin, '-f', 'html']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^<!doctype html>\n<html lang="zh/);
    expect(run.stdout).toContain('<meta charset="utf-8">');
    expect(run.stdout).toContain(`<title>${article.title}</title>`);
    expect(run.stdout).not.toContain('<script');
    expect(run.stdout).toContain(article.markers[0]);
  });

  // A child process (smoke test of bin/wholestory.mjs, success): the test CA is trusted through
  // NODE_EXTRA_CA_CERTS, which Node reads only when it starts.
  it('reaches https pages through the proxy tunnel (node bin/wholestory.mjs)', async ({ expect }) => {
    const run = await spawnCli([secure.start, '--proxy', site.origin, '-f', 'json'], { env: { NODE_EXTRA_CA_CERTS: TEST_CA_FILE } });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ pageCount: 3, pageUrls: secure.urls, failedPages: [] });
    expect(site.requests).toContain('CONNECT culture.people.com.cn:443');
  });

  it('takes the proxy from HTTP_PROXY', async ({ expect }) => {
    const run = await cli([article.start, '-f', 'json'], { env: { HTTP_PROXY: site.origin } });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ pageCount: 3 });
  });
});

describe.concurrent('wholestory --out', () => {
  it('writes the file and nothing else', async ({ expect }) => {
    const dir = mkdtempSync(path.join(tmp, 'out-'));
    const file = path.join(dir, 'article.md');
    const run = await cli([article.start, '--proxy', site.origin, '--out', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('');
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(`# ${article.title}`);
    expect(readdirSync(dir)).toEqual(['article.md']);
  });

  it('resolves --out against the working folder', async ({ expect }) => {
    const dir = mkdtempSync(path.join(tmp, 'cwd-'));
    const run = await cli([article.start, '--proxy', site.origin, '-o', 'a.json', '-f', 'json'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'a.json'), 'utf8'))).toMatchObject({ pageCount: 3 });
  });

  it('says why it cannot write, and leaves nothing behind', async ({ expect }) => {
    const file = path.join(tmp, 'no-such-folder', 'article.md');
    const run = await cli([article.start, '--proxy', site.origin, '--out', file]);
    expect(run.code).toBe(1);
    expect(oneLine(run, expect)).toBe(`wholestory: cannot write ${file}: the folder does not exist`);
    expect(existsSync(path.dirname(file))).toBe(false);
  });
});

describe.concurrent('wholestory with a page that fails', () => {
  it('prints the rest with a warning naming the page and the reason', async ({ expect }) => {
    const run = await cli([partial.start, '--proxy', site.origin]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('wholestory: warning: incomplete article: 1 of 3 pages could not be loaded');
    expect(run.stderr).toContain(`page 3 of 3: HTTP 503`);
    expect(run.stderr).toContain(partial.urls[2]);
    expect(run.stdout).toContain(partial.markers[0]);
    expect(run.stdout).toContain(partial.markers[1]);
    expect(run.stdout).toContain('**Incomplete:**');
  });
});

describe.concurrent('wholestory errors', () => {
  // A child process (smoke test of bin/wholestory.mjs, failure): exit status 1, one line.
  it('names an unreachable host (node bin/wholestory.mjs)', async ({ expect }) => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/n1/2022/0213/c1013-1.html`;
    const run = await spawnCli([url]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(oneLine(run, expect)).toMatch(new RegExp(`^wholestory: cannot read ${url.replace(/[.?]/g, '\\$&')}: unreachable host: .*ECONNREFUSED`));
  });

  it('names an unreachable proxy', async ({ expect }) => {
    const port = await closedPort();
    const run = await cli([article.start, '--proxy', `http://127.0.0.1:${port}`]);
    expect(run.code).toBe(1);
    expect(oneLine(run, expect)).toMatch(/could not connect to proxy http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });

  it('gives the HTTP status of a missing start page', async ({ expect }) => {
    const url = 'http://culture.people.com.cn/n1/2022/0213/c1013-404.html';
    const run = await cli([url, '--proxy', site.origin]);
    expect(run.code).toBe(1);
    expect(oneLine(run, expect)).toBe(`wholestory: cannot read ${url}: HTTP 404 Not Found`);
  });

  it('refuses a document that is not a web page', async ({ expect }) => {
    const run = await cli([PDF_URL, '--proxy', site.origin]);
    expect(run.code).toBe(1);
    expect(oneLine(run, expect)).toBe(`wholestory: cannot read ${PDF_URL}: not a web page (unsupported content type application/pdf)`);
  });

  it('says when a page holds no article', async ({ expect }) => {
    const run = await cli([EMPTY_URL, '--proxy', site.origin]);
    expect(run.code).toBe(1);
    expect(oneLine(run, expect)).toMatch(/: not an article \(/);
  });

  it('says when the start page timed out', async ({ expect }) => {
    const run = await cli([SLOW_URL, '--proxy', site.origin, '--timeout', '300']);
    expect(run.code).toBe(1);
    expect(oneLine(run, expect)).toBe(`wholestory: cannot read ${SLOW_URL}: timed out after 300 ms`);
  });
});

describe.concurrent('wholestory --file', () => {
  it('starts from a saved page and fetches the others', async ({ expect }) => {
    const saved = path.join(article.dir, 'page-2.html');
    const run = await cli(['--file', saved, '--url', article.urls[1]!, '--proxy', site.origin, '-f', 'json']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { pageCount: number; textContent: string };
    expect(json.pageCount).toBe(3);
    for (const marker of article.markers) expect(json.textContent).toContain(marker);
  });

  it('reads the address a browser recorded in the file, and stays offline with --max-pages 1', async ({ expect }) => {
    const saved = path.join(tmp, 'saved.html');
    const html = readFileSync(path.join(article.dir, 'page-2.html'), 'utf8');
    writeFileSync(saved, `<!-- saved from url=(0063)${article.urls[1]} -->\n${html}`);
    // No proxy: any fetch would fail (the host does not resolve offline) and show up on stderr.
    const run = await cli(['--file', saved, '--max-pages', '1', '-f', 'text']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(article.markers[1]);
    expect(run.stdout).not.toContain(article.markers[0]);
  });

  it('reports a missing file', async ({ expect }) => {
    const run = await cli(['--file', path.join(tmp, 'nope.html'), '--url', article.urls[0]!]);
    expect(run.code).toBe(1);
    expect(oneLine(run, expect)).toMatch(/cannot read .*nope\.html: no such file/);
  });
});

describe('wholestory usage', () => {
  it('prints help and version', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: wholestory <url> \[options\]/);
    for (const option of ['--format', '--out', '--proxy', '--max-pages', '--timeout', '--concurrency', '--file', '--url']) {
      expect(help.stdout).toContain(option);
    }
    const version = await cli(['--version']);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout).toBe(`wholestory ${pkg.version}\n`);
  });

  it.each([
    [[], 'no URL given'],
    [['--format', 'pdf', 'http://a.cn/'], 'unknown format "pdf"'],
    [['--max-pages', '0', 'http://a.cn/'], '--max-pages needs a whole number'],
    [['--timeout', 'soon', 'http://a.cn/'], '--timeout needs a whole number'],
    [['--proxy', 'socks5://127.0.0.1:1080', 'http://a.cn/'], 'only http:// proxies'],
    [['ftp://a.cn/x'], 'not a web address'],
    [['http://a.cn/1', 'http://a.cn/2'], 'one URL at a time'],
    [['--bogus', 'http://a.cn/'], "Unknown option '--bogus'"],
  ])('exits 2 with usage for %j', async (args, message) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toContain(message);
    expect(run.stderr).toContain('Usage: wholestory');
  });
});

// The bundled demo article (SITES.md "The seed example"), once its fixture exists.
const SEED = path.join(PAGES_DIR, 'people-en-seed');
describe.skipIf(!existsSync(path.join(SEED, 'case.json')))('wholestory on the seed article (people-en-seed)', () => {
  it('reads pages 1-4 in order from page 3, titled without "(3)"', async () => {
    const seedSite = await startNewsSite({ cases: ['people-en-seed'] });
    try {
      const start = seedSite.cases[0]!.start;
      const run = await cli([start, '--proxy', seedSite.origin, '-f', 'json']);
      expect(run.stderr).toBe('');
      const json = JSON.parse(run.stdout) as { title: string; pageCount: number; pageUrls: string[]; failedPages: unknown[] };
      expect(json.title).toBe('Lu Wei: Liberty and Order in Cyberspace (Full Text)');
      expect(json.pageCount).toBe(4);
      expect(json.pageUrls).toHaveLength(4);
      expect(json.failedPages).toEqual([]);
    } finally {
      await seedSite.close();
    }
  });
});
