/**
 * `npm run release` (scripts/release.ts): the version bump, the changelog heading, and the whole
 * script on a copy of the project files (`--no-zip`: the packages are src/packages.test.ts's).
 * Also: the version is written in package.json only, never in wxt.config.ts.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bumpVersion, releaseChangelog } from '../scripts/release';

const ROOT = path.resolve(import.meta.dirname, '..');

describe('bumpVersion', () => {
  it('patch and minor', () => {
    expect(bumpVersion('0.1.0', 'patch')).toBe('0.1.1');
    expect(bumpVersion('0.1.9', 'patch')).toBe('0.1.10');
    expect(bumpVersion('0.1.3', 'minor')).toBe('0.2.0');
    expect(bumpVersion('1.9.4', 'minor')).toBe('1.10.0');
  });

  it('refuses a version the stores would not take', () => {
    expect(() => bumpVersion('1.0.0-beta.1', 'patch')).toThrow(/x\.y\.z/);
    expect(() => bumpVersion('1.0', 'minor')).toThrow(/x\.y\.z/);
  });
});

describe('releaseChangelog', () => {
  const log = '# Changelog\n\nIntro.\n\n## Unreleased\n\n- Fixed a thing.\n\n## 0.1.0 — 2026-11-01\n\n- First.\n';

  it('heads the Unreleased section with the version and date, under a new empty Unreleased', () => {
    expect(releaseChangelog(log, '0.1.1', '2026-12-01')).toBe(
      '# Changelog\n\nIntro.\n\n## Unreleased\n\n## 0.1.1 — 2026-12-01\n\n- Fixed a thing.\n\n## 0.1.0 — 2026-11-01\n\n- First.\n',
    );
  });

  it('refuses an empty Unreleased section, a missing one, and a version already released', () => {
    expect(() => releaseChangelog('# Changelog\n\n## Unreleased\n\n## 0.1.0 — 2026-11-01\n- First.\n', '0.1.1', '2026-12-01')).toThrow(/nothing under/);
    expect(() => releaseChangelog('# Changelog\n\n## 0.1.0\n', '0.1.1', '2026-12-01')).toThrow(/no "## Unreleased"/);
    expect(() => releaseChangelog(log, '0.1.0', '2026-12-01')).toThrow(/already has a 0\.1\.0/);
  });

  it("works on the project's CHANGELOG.md as it stands", () => {
    const text = readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
    expect(releaseChangelog(text, '9.9.9', '2026-12-01')).toMatch(/^## Unreleased\n\n## 9\.9\.9 — 2026-12-01\n/m);
  });
});

describe('npm run release (on a copy of the project files)', () => {
  it('bumps package.json and package-lock.json and heads the changelog; a failed step restores all three', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wholestory-release-'));
    try {
      mkdirSync(path.join(dir, 'scripts'));
      for (const f of ['package.json', 'package-lock.json', 'CHANGELOG.md', 'scripts/release.ts']) copyFileSync(path.join(ROOT, f), path.join(dir, f));
      const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
      const next = bumpVersion(version, 'minor');
      const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
      execFileSync(tsx, [path.join(dir, 'scripts/release.ts'), 'minor', '--no-zip'], { cwd: dir, stdio: 'pipe' });
      expect((JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version).toBe(next);
      const lock = JSON.parse(readFileSync(path.join(dir, 'package-lock.json'), 'utf8')) as { version: string; packages: Record<string, { version?: string }> };
      expect(lock.version).toBe(next);
      expect(lock.packages['']?.version).toBe(next);
      expect(readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8')).toMatch(new RegExp(`^## Unreleased\\n\\n## ${next.replaceAll('.', '\\.')} — \\d{4}-\\d{2}-\\d{2}$`, 'm'));

      // Now Unreleased is empty: a second release is refused and nothing changes.
      const files = ['package.json', 'package-lock.json', 'CHANGELOG.md'].map((f) => readFileSync(path.join(dir, f), 'utf8'));
      expect(() => execFileSync(tsx, [path.join(dir, 'scripts/release.ts'), 'patch', '--no-zip'], { cwd: dir, stdio: 'pipe' })).toThrow(/nothing under/);
      expect(['package.json', 'package-lock.json', 'CHANGELOG.md'].map((f) => readFileSync(path.join(dir, f), 'utf8'))).toEqual(files);

      // Not patch or minor: usage, exit 2.
      writeFileSync(path.join(dir, 'CHANGELOG.md'), files[2]!);
      expect(() => execFileSync(tsx, [path.join(dir, 'scripts/release.ts'), 'major'], { cwd: dir, stdio: 'pipe' })).toThrow(/usage/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('the version is written in package.json only (wxt.config.ts takes it from there)', () => {
    expect(readFileSync(path.join(ROOT, 'wxt.config.ts'), 'utf8')).not.toMatch(/\bversion(_name)?\s*:/);
  });
});
