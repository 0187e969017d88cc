/**
 * `web-ext lint` (Mozilla's add-on linter, as addons.mozilla.org runs it) on the Firefox build the
 * global setup made: no errors. A file of its own, so it runs beside a browser file (it takes the
 * CPU for a while, the browser files mostly wait).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildExtension, FIREFOX_DIR, ROOT } from './browser';
import { firefoxPath } from './firefox';

describe.skipIf(firefoxPath() === null)('web-ext lint', () => {
  it('finds no errors in the Firefox build', async () => {
    buildExtension('firefox');
    const webExt = path.join(ROOT, 'node_modules/.bin/web-ext');
    const { stdout } = await promisify(execFile)(webExt, ['lint', '--source-dir', FIREFOX_DIR, '--output', 'json'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }).catch((error: { stdout?: string }) => ({
      stdout: error.stdout ?? '',
    }));
    const report = JSON.parse(stdout) as { summary: { errors: number }; errors: Array<{ code: string; message: string }> };
    expect(report.errors.map((e) => `${e.code}: ${e.message}`)).toEqual([]);
    expect(report.summary.errors).toBe(0);
    // (The linter alone takes well over a minute on a loaded 2-core machine.)
  }, 240_000);
});
