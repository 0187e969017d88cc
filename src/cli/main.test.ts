import { promises as fsp, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ArticleError } from '../pipeline/errors';
import { describeReadError, parseCliArgs, runCli, urlFromSavedPage, USAGE } from './main';
import { describeWriteError, writeFileAtomic, type AtomicFs } from './write-file-atomic';
import { buildPeoplePage } from '../../test/support/people-pages';

const URL_ = 'http://culture.people.com.cn/n1/2019/0615/c1013-31153719-2.html';

describe('parseCliArgs', () => {
  it('defaults to Markdown on stdout with the pipeline defaults', () => {
    expect(parseCliArgs([URL_])).toEqual({
      kind: 'run',
      options: { url: URL_, format: 'md', out: null, proxy: undefined, maxPages: undefined, timeoutMs: undefined, concurrency: undefined, file: null },
    });
  });

  it('reads every option', () => {
    const parsed = parseCliArgs([
      '-f', 'json', '-o', 'a.json', '--proxy', 'http://127.0.0.1:8080', '--max-pages', '5', '--timeout', '2000',
      '--concurrency', '2', '--file', 'p.html', '--url', URL_,
    ]);
    expect(parsed).toEqual({
      kind: 'run',
      options: { url: URL_, format: 'json', out: 'a.json', proxy: 'http://127.0.0.1:8080', maxPages: 5, timeoutMs: 2000, concurrency: 2, file: 'p.html' },
    });
  });

  it('adds http:// to a bare address and treats --out - as stdout', () => {
    expect(parseCliArgs(['www.news.cn/20240101/abc/c.html', '-o', '-'])).toMatchObject({
      options: { url: 'http://www.news.cn/20240101/abc/c.html', out: null },
    });
  });

  it('lets --file go without a URL (the file may record it)', () => {
    expect(parseCliArgs(['--file', 'p.html'])).toMatchObject({ kind: 'run', options: { url: null, file: 'p.html' } });
  });

  it('answers help and version first', () => {
    expect(parseCliArgs(['--help', '--format', 'nope'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['-V'])).toEqual({ kind: 'version' });
  });

  it.each([
    [[], /no URL given/],
    [['-f', 'docx', URL_], /unknown format "docx"/],
    [['--concurrency', '0', URL_], /--concurrency needs a whole number from 1 to 32/],
    [['--max-pages', '2.5', URL_], /--max-pages needs a whole number/],
    [['--timeout', '-1', URL_], /--timeout/],
    [['--proxy', 'https://proxy:443', URL_], /only http:\/\/ proxies/],
    [['javascript:alert(1)'], /not a web address/],
    [[URL_, '--url', 'http://other.cn/'], /give the URL once/],
    [['--out', '', URL_], /--out needs a file name/],
    [['--format'], /argument missing|--format/],
  ])('rejects %j', (args, message) => {
    const parsed = parseCliArgs(args);
    expect(parsed.kind).toBe('usage-error');
    expect(parsed.kind === 'usage-error' && parsed.message).toMatch(message);
  });
});

describe('urlFromSavedPage', () => {
  it('finds the address a saved page records', () => {
    expect(urlFromSavedPage(`<!-- saved from url=(0063)${URL_} -->\n<html>`)).toBe(URL_);
    expect(urlFromSavedPage(`<head><link rel="canonical" href="${URL_}"></head>`)).toBe(URL_);
    expect(urlFromSavedPage(`<meta property="og:url" content="${URL_}">`)).toBe(URL_);
    expect(urlFromSavedPage('<base href="http://www.xinhuanet.com/a/b.htm?x=1&amp;y=2">')).toBe('http://www.xinhuanet.com/a/b.htm?x=1&y=2');
    expect(urlFromSavedPage('<html><p>nothing</p>')).toBeNull();
    expect(urlFromSavedPage('<link rel="canonical" href="/relative.html">')).toBeNull();
  });
});

describe('describeReadError', () => {
  const u = 'http://a.cn/x.html';
  it.each([
    [new ArticleError('unreachable', `${u}: network error: could not connect to a.cn:80 (ECONNREFUSED)`, u), 'unreachable host: could not connect to a.cn:80 (ECONNREFUSED)'],
    [new ArticleError('unreachable', `${u}: network error: could not connect to proxy http://127.0.0.1:9 (ECONNREFUSED)`, u), 'could not connect to proxy http://127.0.0.1:9 (ECONNREFUSED)'],
    [new ArticleError('unreachable', `${u}: FetchError: response too large (over 20 MB): ${u}`, u), 'too large (over 20 MB)'],
    [new ArticleError('http', `${u}: HTTP 404 Not Found`, u), 'HTTP 404 Not Found'],
    [new ArticleError('timeout', `${u}: timed out after 300 ms`, u), 'timed out after 300 ms'],
    [new ArticleError('content-type', `${u}: unsupported content type application/pdf`, u), 'not a web page (unsupported content type application/pdf)'],
    [new ArticleError('too-large', `${u}: too large (25.0 MB, limit 10 MB)`, u), 'too large (25.0 MB, limit 10 MB)'],
    [new ArticleError('not-article', `${u}: no article text found on the page`, u), 'not an article (no article text found on the page)'],
    [new ArticleError('empty', `${u}: empty page`, u), 'not an article (empty page)'],
    [new TypeError('something broke'), 'something broke'],
  ])('%s', (error, expected) => {
    expect(describeReadError(error, u)).toBe(`cannot read ${u}: ${expected}`);
  });
});

describe('runCli in process', () => {
  function io() {
    let stdout = '';
    let stderr = '';
    return {
      io: {
        stdout: { write: (c: string, cb?: (e?: Error | null) => void) => ((stdout += c), cb?.(), true) },
        stderr: { write: (c: string) => ((stderr += c), true) },
        env: {},
      },
      out: () => stdout,
      err: () => stderr,
    };
  }

  it('prints help on stdout', async () => {
    const t = io();
    expect(await runCli(['--help'], t.io)).toBe(0);
    expect(t.out()).toBe(USAGE);
    expect(t.err()).toBe('');
  });

  it('prints a usage error and the usage lines on stderr', async () => {
    const t = io();
    expect(await runCli(['--max-pages', 'x', URL_], t.io)).toBe(2);
    expect(t.err()).toMatch(/^wholestory: --max-pages needs a whole number from 1 to 1000 \(got "x"\)\nUsage: wholestory <url>/);
    expect(t.out()).toBe('');
  });

  it('asks for every other page of a 10-page article at once, not a fixed few at a time', async () => {
    // The site answers the page given (3) at once and holds the nine others until all are asked for: a cap
    // below nine (the pipeline's 6, or a socket pool's) would leave them waiting for ever (no
    // timing involved; the read's own --timeout would end such a wait, failing pages).
    const pathOf = (k: number) => `/n1/2022/0213/c1013-3226${k === 1 ? '' : `-${k}`}.html`;
    const pages = new Map(
      Array.from({ length: 10 }, (_, i) => [pathOf(i + 1), buildPeoplePage({ layout: 'rm-2022', title: '城市书房', n: i + 1, count: 10, pathOf, paragraphs: [`第${i + 1}页的正文，足够长的一段文字，讲城市书房的故事。`.repeat(3)] })]),
    );
    const held: Array<() => void> = [];
    let mostHeld = 0;
    const site = http.createServer((req, res) => {
      const html = pages.get(new URL(req.url ?? '/', 'http://x').pathname);
      const answer = () => {
        res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
        res.end(html ?? '');
      };
      if (!html || req.url?.endsWith(pathOf(3))) return answer();
      held.push(answer);
      mostHeld = Math.max(mostHeld, held.length);
      if (held.length === 9) for (const go of held.splice(0)) go();
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    try {
      const proxy = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
      const t = io();
      const status = await runCli(['--proxy', proxy, '--format', 'text', '--timeout', '30000', `http://culture.people.com.cn${pathOf(3)}`], t.io);
      expect(t.err()).toBe('');
      expect(status).toBe(0);
      expect(mostHeld).toBe(9);
      for (let k = 1; k <= 10; k++) expect(t.out()).toContain(`第${k}页的正文`);
    } finally {
      site.closeAllConnections();
      site.close();
    }
  }, 60_000);

  it('asks for --url when a saved file does not say where it came from', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ws-main-'));
    try {
      writeFileSync(path.join(dir, 'p.html'), '<html><body><p>x</p></body></html>');
      const t = io();
      expect(await runCli(['--file', 'p.html'], { ...t.io, cwd: dir })).toBe(2);
      expect(t.err()).toMatch(/^wholestory: --file: p\.html does not say which address it was saved from; give it with --url URL\n/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('writeFileAtomic', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ws-atomic-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the whole file and leaves no temporary file', async () => {
    const file = path.join(dir, 'a.md');
    await writeFileAtomic(file, '# 标题\n');
    expect(readFileSync(file, 'utf8')).toBe('# 标题\n');
    expect(readdirSync(dir)).toEqual(['a.md']);
  });

  it('on a full disk, keeps the old file and removes the temporary one', async () => {
    const file = path.join(dir, 'b.md');
    writeFileSync(file, 'old');
    const fullDisk: AtomicFs = {
      ...{ rename: fsp.rename, unlink: fsp.unlink, stat: fsp.stat },
      open: (async (p: string, flags: string, mode: number) => {
        const handle = await fsp.open(p, flags, mode);
        // Half the data reaches the disk, then it is full.
        handle.writeFile = async (data: string | Uint8Array) => {
          await fsp.writeFile(p, String(data).slice(0, 3));
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        };
        return handle;
      }) as AtomicFs['open'],
    };
    const error = await writeFileAtomic(file, 'new content', fullDisk).catch((e: unknown) => e);
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    expect(describeWriteError(error)).toBe('no space left on device');
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['a.md', 'b.md']);
  });

  it('names a missing folder and a folder in the way', async () => {
    const missing = await writeFileAtomic(path.join(dir, 'none', 'c.md'), 'x').catch((e: unknown) => e);
    expect(describeWriteError(missing)).toBe('the folder does not exist');
    const folder = await writeFileAtomic(dir, 'x').catch((e: unknown) => e);
    expect(describeWriteError(folder)).toBe('it is a folder');
  });

  it('keeps the permissions of the file it replaces', async () => {
    const file = path.join(dir, 'd.md');
    writeFileSync(file, 'old', { mode: 0o600 });
    await writeFileAtomic(file, 'new');
    expect((await fsp.stat(file)).mode & 0o777).toBe(0o600);
  });
});
