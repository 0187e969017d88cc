#!/usr/bin/env node
// The `wholestory` command: TypeScript sources run through tsx, no build step.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const tsconfig = fileURLToPath(new URL('../tsconfig.json', import.meta.url));
// tsconfig.json extends .wxt/tsconfig.json, which `npm install` (wxt prepare) writes.
const wxtTsconfig = fileURLToPath(new URL('../.wxt/tsconfig.json', import.meta.url));
register({ tsconfig: existsSync(wxtTsconfig) ? tsconfig : false });

// `wholestory URL | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const { runCli } = await import('../src/cli/main.ts');
const controller = new AbortController();
// The first Ctrl-C stops the read cleanly; a second one kills at once.
process.once('SIGINT', () => controller.abort());
process.exitCode = await runCli(process.argv.slice(2), { signal: controller.signal });
