#!/usr/bin/env node
/**
 * npm run build:cli — the command line as plain JavaScript: src/cli/main.ts and everything it
 * imports bundled by esbuild into dist/cli/ (ES modules, code split at main.ts's dynamic imports,
 * so `--help` loads only the small first chunk). jsdom and undici stay external: jsdom is loaded
 * from node_modules, once, while the first request is in flight (src/cli/main.ts). Every other
 * dependency (Readability, DOMPurify, Turndown, tldts, …) is bundled in.
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
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const ifPossible = argv.includes('--if-possible');
const quiet = argv.includes('--quiet');
const valueOf = (flag) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);

/**
 * Node packages that stay outside the bundle: jsdom (large, CommonJS, reads files of its own) and
 * undici (the command's HTTP client, src/cli/node-fetch.ts), which jsdom loads too: one copy, from
 * node_modules, for both.
 */
export const EXTERNAL = ['jsdom', 'undici'];

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
      entryPoints: { [name]: entry },
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
    return { entry: join(finalDir, `${name}.mjs`), inputs, ms: Date.now() - startedMs };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
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
