/**
 * Figures the hostile suites report. Each suite collects rows and, when `HOSTILE_FIGURES_DIR` is set
 * (scripts/hostile-report.ts sets it), writes them to `<dir>/<suite>.json` after its tests.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function figuresDir(): string | null {
  return process.env.HOSTILE_FIGURES_DIR || null;
}

export function writeFigures(suite: string, data: unknown): void {
  const dir = figuresDir();
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${suite}.json`), `${JSON.stringify(data, null, 2)}\n`);
}
