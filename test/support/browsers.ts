/**
 * Where the browsers the demo and the real-browser suites drive are, and what to say when one is
 * missing: the exact Debian package to install (`chromium`, `firefox-esr`, and `fonts-noto-cjk`
 * for Chinese text), not a stack trace from deep inside a launcher.
 *
 * `CHROMIUM_PATH` / `FIREFOX_PATH` name the binary to use (then only that one: a wrong path is
 * reported, not silently replaced by /usr/bin's); `WHOLESTORY_NO_BROWSERS=1` makes both look
 * missing, to see on a machine that has them what a machine without them gets.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export type BrowserName = 'chromium' | 'firefox';

/** The Debian package of each browser (what `.ci/run` installs). */
export const BROWSER_PACKAGES: Record<BrowserName, string> = { chromium: 'chromium', firefox: 'firefox-esr' };
/** Fonts with Chinese characters (without them Chinese pages render as boxes). */
export const CJK_FONT_PACKAGE = 'fonts-noto-cjk';

const LABELS: Record<BrowserName, string> = { chromium: 'Chromium', firefox: 'Firefox' };
const DEFAULT_PATHS: Record<BrowserName, string[]> = {
  chromium: ['/usr/bin/chromium', '/usr/bin/chromium-browser'],
  firefox: ['/usr/bin/firefox-esr', '/usr/bin/firefox'],
};
const ENV_VARS: Record<BrowserName, string> = { chromium: 'CHROMIUM_PATH', firefox: 'FIREFOX_PATH' };

/** The binaries tried for a browser, in order: $CHROMIUM_PATH / $FIREFOX_PATH alone when set, else Debian's; none with WHOLESTORY_NO_BROWSERS. */
export function browserCandidates(name: BrowserName, env: NodeJS.ProcessEnv = process.env): string[] {
  if (isSet(env.WHOLESTORY_NO_BROWSERS)) return [];
  const fromEnv = env[ENV_VARS[name]];
  return fromEnv ? [fromEnv] : [...DEFAULT_PATHS[name]];
}

/** The first candidate that exists, or null. */
export function findBrowser(name: BrowserName, env: NodeJS.ProcessEnv = process.env, exists: (file: string) => boolean = existsSync): string | null {
  return browserCandidates(name, env).find((file) => exists(file)) ?? null;
}

/** Whether fontconfig knows a font with Chinese characters (unknown, e.g. no fc-list: assumed yes). */
export function haveCjkFonts(): boolean {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
  } catch {
    return true;
  }
}

export interface MissingOptions {
  /** What the missing browsers cost: "npm start needs it", "its real-browser tests are skipped". */
  consequence?: string;
  /** Also name the CJK fonts package. */
  fonts?: boolean;
  env?: NodeJS.ProcessEnv;
}

/**
 * What to tell a person whose machine lacks these browsers (and fonts): which is missing, the one
 * command that installs it on Debian/Ubuntu, and the variable that points at a binary elsewhere.
 * Empty when nothing is missing.
 */
export function missingBrowserMessage(missing: readonly BrowserName[], options: MissingOptions = {}): string {
  const fonts = options.fonts ?? false;
  if (missing.length === 0 && !fonts) return '';
  const packages = [...missing.map((name) => BROWSER_PACKAGES[name]), ...(fonts ? [CJK_FONT_PACKAGE] : [])];
  const what = [
    ...missing.map((name) => `${LABELS[name]} (Debian package ${BROWSER_PACKAGES[name]})`),
    ...(fonts ? [`fonts with Chinese characters (${CJK_FONT_PACKAGE})`] : []),
  ];
  const env = options.env ?? process.env;
  const lines = [`${joinAnd(what)} not found${options.consequence ? `: ${options.consequence}` : ''}.`, `Install with:  sudo apt-get install -y ${packages.join(' ')}`];
  for (const name of missing) {
    const set = env[ENV_VARS[name]];
    if (set && !isSet(env.WHOLESTORY_NO_BROWSERS)) lines.push(`(${ENV_VARS[name]}=${set}: no such file.)`);
  }
  const elsewhere = missing.map((name) => `${ENV_VARS[name]}=/path/to/${name}`);
  if (elsewhere.length > 0) lines.push(`A browser installed elsewhere: set ${elsewhere.join(' or ')}.`);
  if (isSet(env.WHOLESTORY_NO_BROWSERS)) lines.push('(WHOLESTORY_NO_BROWSERS is set: every browser counts as missing.)');
  return lines.join('\n');
}

function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0';
}
