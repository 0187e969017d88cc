/**
 * The Zyte article-extraction-benchmark as data: pages (html/<id>.html.gz, read as UTF-8 the way
 * the benchmark's extractors read them), ground truth, outputs in the benchmark's
 * `output/<name>.json` format, and a cross-check that runs the benchmark's own evaluate.py over
 * those outputs.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { REPO_ROOT } from '../corpus';

export const DEFAULT_ZYTE_DIR = resolve(REPO_ROOT, '..', 'shared', 'benchmarks', 'article-extraction-benchmark');

export interface ZyteTruth {
  articleBody: string;
  url?: string;
}

export interface ZytePage {
  id: string;
  url: string | null;
  truth: ZyteTruth;
  /** Lazily read: 181 pages are ~40 MB of HTML. */
  html(): string;
}

/** Ground truth in file order (the order evaluate.py iterates and the bootstrap indexes). */
export function loadZyteTruth(dir = DEFAULT_ZYTE_DIR): Record<string, ZyteTruth> {
  return JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, ZyteTruth>;
}

export function loadZytePages(dir = DEFAULT_ZYTE_DIR): ZytePage[] {
  const truth = loadZyteTruth(dir);
  const files = new Set(readdirSync(join(dir, 'html')));
  return Object.entries(truth).map(([id, t]) => {
    const file = `${id}.html.gz`;
    if (!files.has(file)) throw new Error(`${dir}/html/${file} missing`);
    return {
      id,
      url: t.url ?? null,
      truth: t,
      html: () => new TextDecoder('utf-8').decode(gunzipSync(readFileSync(join(dir, 'html', file)))),
    };
  });
}

/** The page's own address when the benchmark gives none: canonical link, then og:url. */
export function pageUrlFromHtml(html: string): string | null {
  const head = html.slice(0, 200_000);
  const canon = /<link\b[^>]*\brel=["']?canonical["']?[^>]*>/i.exec(head)?.[0];
  const href = canon && /\bhref=["']([^"']+)["']/i.exec(canon)?.[1];
  if (href && /^https?:\/\//i.test(href)) return href;
  const og = /<meta\b[^>]*\bproperty=["']og:url["'][^>]*>/i.exec(head)?.[0];
  const content = og && /\bcontent=["']([^"']+)["']/i.exec(og)?.[1];
  if (content && /^https?:\/\//i.test(content)) return content;
  return null;
}

export interface ZyteOutputFile {
  name: string;
  version: string;
  output: Record<string, { articleBody: string }>;
}

export interface PythonCheck {
  ok: boolean;
  /** evaluate.py's stdout lines (header first). */
  lines: string[];
  dir: string;
  error: string | null;
}

/**
 * Write each output as `output/<name>.json` in a fresh temp dir next to the ground truth and run
 * the benchmark's evaluate.py there with Python's `random` seeded (evaluate.py itself never seeds
 * it), so its ± match the port's for the same seed.
 */
export function runPythonEvaluate(
  outputs: readonly ZyteOutputFile[],
  seed: number,
  nBootstrap: number,
  opts: { dir?: string; truth?: Record<string, ZyteTruth> } = {},
): PythonCheck {
  const dir = opts.dir ?? DEFAULT_ZYTE_DIR;
  const tmp = mkdtempSync(join(tmpdir(), 'wholestory-zyte-'));
  mkdirSync(join(tmp, 'output'));
  // The published ground truth as it is, or (for --limit runs) just the pages scored.
  if (opts.truth) writeFileSync(join(tmp, 'ground-truth.json'), JSON.stringify(opts.truth));
  else symlinkSync(join(dir, 'ground-truth.json'), join(tmp, 'ground-truth.json'));
  for (const o of outputs) {
    writeFileSync(join(tmp, 'output', `${o.name}.json`), JSON.stringify({ version: o.version, output: o.output }, null, 1));
  }
  const script = [
    'import random, runpy, sys',
    `random.seed(${seed})`,
    `sys.argv = ['evaluate.py', '--n-bootstrap', '${nBootstrap}']`,
    `runpy.run_path(${JSON.stringify(join(dir, 'evaluate.py'))}, run_name='__main__')`,
  ].join('\n');
  const r = spawnSync('python3', ['-c', script], { cwd: tmp, encoding: 'utf8', timeout: 600_000 });
  if (r.error) return { ok: false, lines: [], dir: tmp, error: String(r.error.message) };
  if (r.status !== 0) return { ok: false, lines: [], dir: tmp, error: (r.stderr || `exit ${r.status}`).trim().split('\n').slice(-3).join(' | ') };
  return { ok: true, lines: r.stdout.replace(/\n$/, '').split('\n'), dir: tmp, error: null };
}
