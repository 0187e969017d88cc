#!/usr/bin/env node
// The `wholestory` command. It runs the bundle `npm run build:cli` writes (dist/cli/, plain
// JavaScript, built by `npm install` too) when no source it was built from changed since; else the
// TypeScript sources through tsx, so a fresh clone or a source just edited always works.
// WHOLESTORY_CLI=sources forces the sources, WHOLESTORY_CLI=bundle the bundle.
import { readFileSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);

/** The bundle's entry, when it exists and is newer than every file it was built from. */
function freshBundle() {
  const want = process.env.WHOLESTORY_CLI;
  if (want === 'sources') return null;
  try {
    const meta = JSON.parse(readFileSync(new URL('dist/cli/inputs.json', root), 'utf8'));
    if (want !== 'bundle') {
      for (const file of meta.inputs) if (statSync(new URL(file, root)).mtimeMs > meta.builtMs) return null;
    }
    return new URL(`dist/cli/${meta.entry}`, root).href;
  } catch {
    if (want === 'bundle') throw new Error('wholestory: no bundle in dist/cli/ (run npm run build:cli)');
    return null;
  }
}

async function loadSources() {
  const { existsSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  const { register } = await import('tsx/esm/api');
  const tsconfig = fileURLToPath(new URL('tsconfig.json', root));
  // tsconfig.json extends .wxt/tsconfig.json, which `npm install` (wxt prepare) writes.
  const wxtTsconfig = fileURLToPath(new URL('.wxt/tsconfig.json', root));
  register({ tsconfig: existsSync(wxtTsconfig) ? tsconfig : false });
  return import('../src/cli/main.ts');
}

// `wholestory URL | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const bundle = freshBundle();
const { runCli } = bundle ? await import(bundle) : await loadSources();
const controller = new AbortController();
// The first Ctrl-C stops the read cleanly; a second one kills at once.
process.once('SIGINT', () => controller.abort());
process.exitCode = await runCli(process.argv.slice(2), { signal: controller.signal });
