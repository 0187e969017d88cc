/**
 * The built command (dist/cli/, `npm run build:cli`): it runs, and gives what the TypeScript
 * sources give. Built once here; each case runs `node bin/wholestory.mjs` in a child process, once
 * with WHOLESTORY_CLI=bundle and once with WHOLESTORY_CLI=sources (through tsx), against the local
 * news site through --proxy (nothing leaves 127.0.0.1).
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNewsSite, type NewsSite } from '../../test/server/news-site';
import { USAGE } from './main';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin/wholestory.mjs');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const clean: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(https?|no|all)_proxy$/i.test(k) && !k.startsWith('VITEST') && k !== 'NODE_OPTIONS' && k !== 'WHOLESTORY_CLI') clean[k] = v;
  }
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: ROOT, env: { ...clean, ...env }, timeout: 60_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const code = error && typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : error ? null : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** What bin/wholestory.mjs checks: every source the bundle was built from is older than the build. */
function bundleIsFresh(): boolean {
  try {
    const meta = JSON.parse(readFileSync(path.join(ROOT, 'dist/cli/inputs.json'), 'utf8')) as { builtMs: number; inputs: string[] };
    return meta.inputs.every((file) => statSync(path.join(ROOT, file)).mtimeMs <= meta.builtMs);
  } catch {
    return false;
  }
}

describe('the bundled command (dist/cli)', () => {
  let site: NewsSite;

  beforeAll(async () => {
    // Built unless the bundle there is already that of these sources (npm install builds it): a
    // rebuild replaces dist/cli/ under any other test starting the command at that moment.
    if (!bundleIsFresh()) {
      const built = await run([path.join(ROOT, 'scripts/build-cli.mjs'), '--quiet']);
      expect(built.stderr).toBe('');
      expect(built.code).toBe(0);
    }
    expect(bundleIsFresh()).toBe(true);
    site = await startNewsSite({ cases: ['people-n2-2022-gb2312'] });
  }, 120_000);

  afterAll(async () => {
    await site?.close();
  });

  it('lists every source it was built from, jsdom and undici apart', () => {
    const meta = JSON.parse(readFileSync(path.join(ROOT, 'dist/cli/inputs.json'), 'utf8')) as { entry: string; inputs: string[] };
    expect(meta.entry).toBe('main.mjs');
    expect(meta.inputs).toContain('src/cli/main.ts');
    expect(meta.inputs).toContain('src/pipeline/read-whole-article.ts');
    expect(meta.inputs.some((f) => f.startsWith('node_modules/'))).toBe(false);
    const main = readFileSync(path.join(ROOT, 'dist/cli/main.mjs'), 'utf8');
    // The first chunk does not carry the pipeline: --help loads little.
    expect(main).not.toMatch(/function readWholeArticle\b/);
    const all = readdirSync(path.join(ROOT, 'dist/cli'))
      .filter((f) => f.endsWith('.mjs'))
      .map((f) => readFileSync(path.join(ROOT, 'dist/cli', f), 'utf8'))
      .join('\n');
    // jsdom and undici are files of their own (src/cli/node-packages.ts), not in the ES chunks;
    // jsdom's require('undici') is left a call (answered with the command's one copy).
    expect(all).not.toContain('parse5');
    expect(all).not.toMatch(/from "(undici|jsdom)"/);
    const jsdomFile = readFileSync(path.join(ROOT, 'dist/cli/jsdom.cjs'), 'utf8');
    expect(jsdomFile).toContain('parse5');
    expect(jsdomFile).toContain('require("undici")');
    expect(jsdomFile).not.toMatch(/readFileSync\([^)]*default-stylesheet/);
    expect(readFileSync(path.join(ROOT, 'dist/cli/undici.cjs'), 'utf8')).toContain('ProxyAgent');
    // The jsdom thread's file (jsdom-thread.ts), light itself: jsdom is loaded from jsdom.cjs there too.
    const worker = readFileSync(path.join(ROOT, 'dist/cli/jsdom-thread-worker.mjs'), 'utf8');
    expect(worker).toContain('workerData');
    expect(worker).not.toContain('parse5');
  });

  it("loads jsdom and undici from files of their own with V8's code cache, made anew when missing or damaged", async () => {
    const dir = path.join(ROOT, 'dist/cli');
    const cacheOf = (name: string) => path.join(dir, readdirSync(dir).find((f) => f.startsWith(`${name}-`) && f.endsWith('.v8cache')) ?? `${name}-none`);
    const caches = [cacheOf('jsdom'), cacheOf('undici')];
    const read = (env: Record<string, string> = {}) =>
      run([BIN, '--file', 'test/pages/people-en-seed/page-1.html', '--url', 'http://english.people.com.cn/90777/8395574.html', '--max-pages', '1', '-f', 'text'], { WHOLESTORY_CLI: 'bundle', ...env });
    /** A cache file's V8 data, when its header (magic, CRC-32 of the data) says it is whole. */
    const wholeCache = (file: string): Buffer | null => {
      const bytes = readFileSync(file);
      const data = bytes.subarray(16);
      return bytes.subarray(0, 8).toString() === 'WSCACHE1' && bytes.readUInt32LE(8) === crc32(data) ? data : null;
    };
    // The build read a page once: both caches are there.
    for (const cache of caches) expect(wholeCache(cache)?.length, cache).toBeGreaterThan(20_000);

    // With them, neither package's files in node_modules are opened (jsdom's are ~900).
    const traced = await read({ NODE_DEBUG: 'module' });
    expect(traced.code).toBe(0);
    expect(traced.stderr).toContain('MODULE');
    expect(traced.stderr).not.toMatch(/node_modules\/(jsdom|undici|parse5)\//);
    const expected = traced.stdout;
    expect(expected).toContain('Liberty and Order in Cyberspace');

    // Damaged (same length, bytes changed): the read is the same, and the caches are made anew.
    for (const cache of caches) {
      const damaged = readFileSync(cache);
      damaged.fill(0x5a, 5_000, 15_000);
      writeFileSync(cache, damaged);
      expect(wholeCache(cache)).toBeNull();
    }
    const afterDamage = await read();
    expect({ code: afterDamage.code, stderr: afterDamage.stderr }).toEqual({ code: 0, stderr: '' });
    expect(afterDamage.stdout).toBe(expected);
    for (const cache of caches) expect(wholeCache(cache), cache).not.toBeNull();

    // Missing: the same, and made again.
    for (const cache of caches) rmSync(cache);
    const afterLoss = await read();
    expect({ code: afterLoss.code, stderr: afterLoss.stderr }).toEqual({ code: 0, stderr: '' });
    expect(afterLoss.stdout).toBe(expected);
    for (const cache of caches) expect(wholeCache(cache), cache).not.toBeNull();
  }, 120_000);

  it('prints the help and the version', async () => {
    const help = await run([BIN, '--help'], { WHOLESTORY_CLI: 'bundle' });
    expect(help.stderr).toBe('');
    expect(help.code).toBe(0);
    expect(help.stdout).toBe(USAGE);
    const version = await run([BIN, '--version'], { WHOLESTORY_CLI: 'bundle' });
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout).toBe(`wholestory ${pkg.version}\n`);
  }, 60_000);

  it('reads a 3-page article through the proxy exactly as the sources do', async () => {
    const start = site.cases[0]!.start;
    const args = (format: string) => [BIN, '--proxy', site.origin, '-f', format, start];
    // The bundle sanitizes and formats on its jsdom thread (jsdom-thread.ts), the sources on the main thread.
    const [bundleMd, sourcesMd, bundleJson, bundleHtml, sourcesHtml] = await Promise.all([
      run(args('md'), { WHOLESTORY_CLI: 'bundle' }),
      run(args('md'), { WHOLESTORY_CLI: 'sources' }),
      run(args('json'), { WHOLESTORY_CLI: 'bundle' }),
      run(args('html'), { WHOLESTORY_CLI: 'bundle' }),
      run(args('html'), { WHOLESTORY_CLI: 'sources' }),
    ]);
    for (const r of [bundleMd, sourcesMd, bundleJson, bundleHtml, sourcesHtml]) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    expect(bundleMd.stdout.length).toBeGreaterThan(500);
    expect(bundleMd.stdout).toBe(sourcesMd.stdout);
    expect(bundleHtml.stdout).toContain('<p>');
    expect(bundleHtml.stdout).toBe(sourcesHtml.stdout);
    const article = JSON.parse(bundleJson.stdout) as { pageCount: number; failedPages: unknown[] };
    expect(article.pageCount).toBe(3);
    expect(article.failedPages).toEqual([]);
    // Each page was asked for once: the early first request was the one the read used.
    const pageRequests = site.requests.filter((u) => site.cases[0]!.urls.includes(u));
    expect(pageRequests.length).toBe(5 * 3);
  }, 120_000);

  it('says why a page cannot be read, with the same words and status as the sources', async () => {
    const missing = 'http://js.people.com.cn/n2/2022/0213/c360307-99999999.html';
    const [bundle, sources] = await Promise.all([
      run([BIN, '--proxy', site.origin, missing], { WHOLESTORY_CLI: 'bundle' }),
      run([BIN, '--proxy', site.origin, missing], { WHOLESTORY_CLI: 'sources' }),
    ]);
    expect(bundle.code).toBe(1);
    expect(bundle.stderr).toMatch(/^wholestory: cannot read .*HTTP 404/);
    expect(bundle.stdout).toBe('');
    expect({ code: bundle.code, stderr: bundle.stderr }).toEqual({ code: sources.code, stderr: sources.stderr });
  }, 120_000);
});
