/**
 * `npm run release -- patch|minor`: the next version, everywhere it is written, and its packages.
 *
 * 1. bumps the version in package.json (and package-lock.json, through `npm version`): the only
 *    place it lives; WXT writes it into both manifests;
 * 2. turns CHANGELOG.md's `## Unreleased` section into `## <version> — <date>` under a new, empty
 *    `## Unreleased` (a release with nothing under Unreleased is refused);
 * 3. runs `npm run zip`: `.output/wholestory-<version>-chrome.zip`, `-firefox.zip`, `-sources.zip`.
 *
 * If a step fails, package.json, package-lock.json and CHANGELOG.md are put back as they were.
 * Nothing is committed or tagged: the script prints the commands for that.
 * `--no-zip` stops after step 2 (tests).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export type Bump = 'patch' | 'minor';

/** The next version: `patch` 1.4.2 → 1.4.3, `minor` 1.4.2 → 1.5.0. Plain x.y.z only (the stores' form). */
export function bumpVersion(version: string, bump: Bump): string {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!m) throw new Error(`package.json version "${version}" is not x.y.z`);
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return bump === 'minor' ? `${major}.${minor + 1}.0` : `${major}.${minor}.${patch + 1}`;
}

const UNRELEASED = /^## Unreleased[ \t]*$/m;

/**
 * CHANGELOG.md with its Unreleased section headed `## <version> — <date>` and a new empty
 * Unreleased above it. Throws when there is no Unreleased heading, when the section is empty, or
 * when the version already has a heading.
 */
export function releaseChangelog(text: string, version: string, date: string): string {
  const match = UNRELEASED.exec(text);
  if (!match) throw new Error('CHANGELOG.md has no "## Unreleased" heading');
  const start = match.index + match[0].length;
  const nextHeading = /^## /m.exec(text.slice(start));
  const body = text.slice(start, nextHeading ? start + nextHeading.index : undefined);
  if (!body.trim()) throw new Error('CHANGELOG.md: nothing under "## Unreleased" to release');
  if (new RegExp(`^## ${version.replaceAll('.', '\\.')}\\b`, 'm').test(text)) throw new Error(`CHANGELOG.md already has a ${version} heading`);
  return `${text.slice(0, match.index)}## Unreleased\n\n## ${version} — ${date}${text.slice(start)}`;
}

function main(argv: string[]): void {
  const bump = argv.find((a) => !a.startsWith('-'));
  if (bump !== 'patch' && bump !== 'minor') {
    process.stderr.write('usage: npm run release -- patch|minor [--no-zip]\n');
    process.exit(2);
  }
  const root = path.resolve(import.meta.dirname, '..');
  const files = ['package.json', 'package-lock.json', 'CHANGELOG.md'].map((f) => path.join(root, f));
  const before = files.map((f) => readFileSync(f, 'utf8'));
  const current = (JSON.parse(before[0]!) as { version: string }).version;
  const next = bumpVersion(current, bump);
  const date = new Date().toISOString().slice(0, 10);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  try {
    const changelog = releaseChangelog(before[2]!, next, date);
    execFileSync(npm, ['version', next, '--no-git-tag-version'], { cwd: root, stdio: 'inherit' });
    writeFileSync(files[2]!, changelog);
    process.stdout.write(`version ${current} -> ${next}; CHANGELOG.md: "## ${next} — ${date}"\n`);
    if (!argv.includes('--no-zip')) execFileSync(npm, ['run', 'zip'], { cwd: root, stdio: 'inherit' });
  } catch (error) {
    files.forEach((f, i) => writeFileSync(f, before[i]!));
    process.stderr.write(`release stopped, package.json, package-lock.json and CHANGELOG.md restored: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  process.stdout.write(
    [
      '',
      `Release ${next} ready${argv.includes('--no-zip') ? '' : ` in .output/: wholestory-${next}-chrome.zip, wholestory-${next}-firefox.zip, wholestory-${next}-sources.zip`}.`,
      'Then:',
      `  git commit -m "Release ${next}" -- package.json package-lock.json CHANGELOG.md`,
      `  git tag v${next}`,
      '',
    ].join('\n'),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
