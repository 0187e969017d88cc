/**
 * Running the `wholestory` command from a test: in this process (`runCli` with the test's own
 * standard output and error, environment and working folder) or as `node bin/wholestory.mjs` in a
 * child process. Either way without the proxy settings of the machine running the tests.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/main';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = path.join(ROOT, 'bin/wholestory.mjs');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** Added to the (cleaned) environment. */
  env?: Record<string, string>;
  /** Default: the repository. */
  cwd?: string;
}

/** The command's environment, without any proxy settings of the machine running the tests. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(https?|no|all)_proxy$/i.test(k) && !k.startsWith('VITEST') && k !== 'NODE_OPTIONS') env[k] = v;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

/** `wholestory ARGS` in this process. */
export async function cli(args: string[], options: CliRunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: {
      write(chunk: string, callback?: (error?: Error | null) => void): boolean {
        stdout += chunk;
        callback?.();
        return true;
      },
    },
    stderr: {
      write(chunk: string): boolean {
        stderr += chunk;
        return true;
      },
    },
    env: cleanEnv(options.env),
    cwd: options.cwd ?? ROOT,
  });
  return { code, stdout, stderr };
}

/** `node bin/wholestory.mjs ARGS` in a child process. */
export function spawnCli(args: string[], options: CliRunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: cleanEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
