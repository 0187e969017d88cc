#!/usr/bin/env node
/**
 * npm run build:cli — the command line as plain JavaScript: src/cli/main.ts and everything it
 * imports bundled by esbuild into dist/cli/ (ES modules, code split at main.ts's dynamic imports,
 * so `--help` loads only the small first chunk). jsdom and undici are files of their own beside it,
 * loaded with V8's code cache (src/cli/node-packages.ts); jsdom while the first request is in
 * flight (src/cli/main.ts). Every other dependency (Readability, DOMPurify, Turndown, tldts, …) is
 * bundled in.
 *
 * bin/wholestory.mjs runs the bundle when dist/cli/inputs.json says no source it was built from
 * changed since (a stat per input), else it runs the TypeScript sources through tsx.
 *
 * `--if-possible` (postinstall): never fail; a missing esbuild or a build error is one warning line
 * and the command then simply runs through tsx. `--entry FILE --outdir DIR`: another command built
 * the same way (the bench's sequential reader, scripts/bench/follow-next-cli.ts).
 *
 * Written in JavaScript, not TypeScript, so that it runs in postinstall without tsx.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const ifPossible = argv.includes('--if-possible');
const quiet = argv.includes('--quiet');
const valueOf = (flag) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);

/**
 * Node packages that stay outside the ES module bundle: jsdom (large, CommonJS, reads files of its
 * own) and undici (the command's HTTP client, src/cli/node-fetch.ts, which jsdom loads too: one
 * copy for both), each bundled apart (below).
 */
export const EXTERNAL = ['jsdom', 'undici'];

/** The page the build reads once so that V8's code caches are made (any saved article page). */
const WARM_PAGE = { file: 'test/pages/people-en-seed/page-1.html', url: 'http://english.people.com.cn/90777/8395574.html' };

/**
 * undici and jsdom as one CommonJS file each in `outdir` (`undici.cjs`, `jsdom.cjs`), which
 * src/cli/node-packages.ts compiles with V8's code cache. What jsdom reads from its own folder is
 * put in: its default style sheet inline, its synchronous-XHR worker by package path. Its
 * `require('undici')` stays a call, answered with the command's copy; undici's handler classes,
 * which jsdom takes from subpaths for loading resources (never done here), are bundled in. canvas
 * stays outside (optional, absent).
 */
async function buildPackages(build, outdir) {
  const requireHere = createRequire(import.meta.url);
  const styleSheet = requireHere.resolve('jsdom/lib/jsdom/browser/default-stylesheet.css');
  const readsStyleSheet = /fs\.readFileSync\(\s*path\.resolve\(__dirname, "\.\.\/\.\.\/\.\.\/browser\/default-stylesheet\.css"\),\s*\{ encoding: "utf-8" \}\s*\)/;
  const xhrWorker = 'jsdom/lib/jsdom/living/xhr/xhr-sync-worker.js';
  const edits = [
    { filter: /computed-style\.js$/, from: readsStyleSheet, to: JSON.stringify(readFileSync(styleSheet, 'utf8')) },
    { filter: /XMLHttpRequest-impl\.js$/, from: 'require.resolve("./xhr-sync-worker.js")', to: `require.resolve(${JSON.stringify(xhrWorker)})` },
  ];
  const jsdomInOneFile = {
    name: 'jsdom-in-one-file',
    setup(b) {
      b.onResolve({ filter: /^undici$/ }, () => ({ path: 'undici', external: true }));
      // css-tree is imported by ES modules too (@asamuzakjp/dom-selector): its CommonJS build for
      // all of them, whose data it requires (its ES build reads it with import.meta.url).
      b.onResolve({ filter: /^css-tree(\/|$)/ }, (args) =>
        args.kind === 'require-call' || args.pluginData === 'cjs' ? undefined : b.resolve(args.path, { kind: 'require-call', resolveDir: args.resolveDir, pluginData: 'cjs' }),
      );
      for (const edit of edits) {
        b.onLoad({ filter: edit.filter }, (args) => {
          const code = readFileSync(args.path, 'utf8');
          const changed = code.replace(edit.from, edit.to);
          if (changed === code) throw new Error(`jsdom changed: ${relative(root, args.path)} no longer has ${edit.from}`);
          return { contents: changed, loader: 'js' };
        });
      }
    },
  };
  // jsdom's file initialises its dependencies one step each, then jsdom (node-packages.ts
  // loadJsdomStepwise): the packages of them that have a main entry.
  const jsdomManifest = requireHere.resolve('jsdom/package.json');
  const requireFromJsdom = createRequire(jsdomManifest);
  const steps = Object.keys(JSON.parse(readFileSync(jsdomManifest, 'utf8')).dependencies ?? {}).filter((dep) => {
    try {
      return Boolean(requireFromJsdom.resolve(dep));
    } catch {
      return false;
    }
  });
  const jsdomEntry = `exports.steps = [${steps.map((dep) => `() => require(${JSON.stringify(dep)})`).join(', ')}];\nexports.load = () => require('jsdom');`;
  for (const [name, options, contents] of [
    ['undici', {}, "module.exports = require('undici');"],
    ['jsdom', { external: ['canvas', xhrWorker], plugins: [jsdomInOneFile] }, jsdomEntry],
  ]) {
    await build({
      absWorkingDir: root,
      stdin: { contents, resolveDir: root, loader: 'js' },
      outfile: join(outdir, `${name}.cjs`),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      minifyWhitespace: true,
      legalComments: 'none',
      logLevel: 'warning',
      ...options,
    });
  }
}

/**
 * Bundle `entry` (default the command, src/cli/main.ts) into `outdir` (default dist/cli/).
 * @returns the bundle's entry file and the sources it was built from.
 */
export async function buildCli({ entry = 'src/cli/main.ts', outdir: dir = 'dist/cli' } = {}) {
  const { build } = await import('esbuild');
  const startedMs = Date.now();
  const finalDir = resolve(root, dir);
  // Built beside, then put in place: a command starting meanwhile sees the old bundle or none.
  const outdir = `${finalDir}.tmp-${process.pid}`;
  const name = basename(entry).replace(/\.[cm]?[jt]s$/, '');
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  try {
    const result = await build({
      absWorkingDir: root,
      // The command's jsdom thread is an entry of its own (src/cli/jsdom-thread.ts starts it).
      entryPoints: { [name]: entry, ...(name === 'main' ? { 'jsdom-thread-worker': 'src/cli/jsdom-thread-worker.ts' } : {}) },
      outdir,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      external: EXTERNAL,
      // Turndown's Node build loads domino (300 kB) at start to parse HTML strings; the command only
      // ever hands it DOM nodes, so its browser build (same code without domino) does.
      alias: { turndown: 'turndown/lib/turndown.browser.es.js' },
      // Bundled CommonJS packages (turndown's, tldts') call require() for Node built-ins.
      banner: { js: "import { createRequire as __wsCreateRequire } from 'node:module'; const require = __wsCreateRequire(import.meta.url);" },
      chunkNames: 'chunk-[hash]',
      entryNames: '[name]',
      outExtension: { '.js': '.mjs' },
      metafile: true,
      sourcemap: 'linked',
      legalComments: 'linked',
      logLevel: 'warning',
    });
    await buildPackages(build, outdir);
    const inputs = Object.keys(result.metafile.inputs)
      .filter((file) => !file.startsWith('node_modules/'))
      .sort();
    // Anything edited after the build started makes the bundle stale (bin/wholestory.mjs).
    writeFileSync(
      join(outdir, 'inputs.json'),
      `${JSON.stringify({ builtMs: startedMs, entry: `${name}.mjs`, inputs }, null, 1)}\n`,
    );
    rmSync(finalDir, { recursive: true, force: true });
    renameSync(outdir, finalDir);
    if (name === 'main') {
      try {
        warmUp();
      } catch (error) {
        // A bundle that cannot read a page is not put to use: the command runs from the sources.
        rmSync(finalDir, { recursive: true, force: true });
        throw error;
      }
    }
    return { entry: join(finalDir, `${name}.mjs`), inputs, ms: Date.now() - startedMs };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * One read of a saved page with the new bundle (no network), which writes the code caches: the
 * first real read is then as quick as every later one. Without the page, the first read makes it.
 */
function warmUp() {
  if (!existsSync(join(root, WARM_PAGE.file))) return;
  const bin = join(root, 'bin/wholestory.mjs');
  const read = spawnSync(process.execPath, [bin, '--file', WARM_PAGE.file, '--url', WARM_PAGE.url, '--max-pages', '1', '-f', 'text'], {
    cwd: root,
    env: { ...process.env, WHOLESTORY_CLI: 'bundle', NODE_OPTIONS: '' },
    encoding: 'utf8',
  });
  if (read.status !== 0) throw new Error(`the new bundle could not read ${WARM_PAGE.file}: ${read.stderr.trim().split('\n').at(-1)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const { entry, inputs, ms } = await buildCli({ entry: valueOf('--entry'), outdir: valueOf('--outdir') });
    if (!quiet) console.log(`build:cli: ${relative(root, entry)} from ${inputs.length} sources in ${ms} ms`);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    if (!ifPossible) throw error;
    console.warn(`build:cli: not built (${message}); the wholestory command runs from the TypeScript sources instead`);
  }
}
