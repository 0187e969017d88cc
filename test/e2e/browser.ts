/**
 * Real Chromium with the built extension loaded, every host name resolved to the local news site.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { findBrowser, missingBrowserMessage } from '../support/browsers';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** Where `wxt build` puts the extension: `.output/`, or `$WHOLESTORY_OUT_DIR` (wxt.config.ts). */
export const OUT_DIR = path.resolve(ROOT, process.env.WHOLESTORY_OUT_DIR ?? '.output');
export const CHROME_DIR = path.join(OUT_DIR, 'chrome-mv3');
export const FIREFOX_DIR = path.join(OUT_DIR, 'firefox-mv2');

/** Debian's Chromium, or $CHROMIUM_PATH (none with WHOLESTORY_NO_BROWSERS=1: test/support/browsers.ts). */
export function chromiumPath(): string | null {
  return findBrowser('chromium');
}

/** `wxt build` for one browser, and the stamp beside its folder (see buildExtension). */
function buildPlan(browser: 'chrome' | 'firefox') {
  const run = process.env.WHOLESTORY_E2E_RUN;
  // Beside the build folder, not in it (the folder is what gets loaded and linted).
  const stamp = path.join(OUT_DIR, `.e2e-run-${browser}`);
  const dir = browser === 'firefox' ? FIREFOX_DIR : CHROME_DIR;
  return {
    built: Boolean(run && existsSync(dir) && existsSync(stamp) && readFileSync(stamp, 'utf8') === run),
    args: ['wxt', 'build', ...(browser === 'firefox' ? ['-b', 'firefox'] : [])],
    done: () => void (run && writeFileSync(stamp, run)),
  };
}

/**
 * `wxt build` for one browser. Within one run of the browser suites (`WHOLESTORY_E2E_RUN`, set by
 * test/e2e/global-setup.ts) each browser is built once, by the first file that needs it: the
 * build leaves a stamp with the run's id beside the folder and later files find it.
 */
export function buildExtension(browser: 'chrome' | 'firefox' = 'chrome'): void {
  const plan = buildPlan(browser);
  if (plan.built) return;
  execFileSync('npx', plan.args, { cwd: ROOT, stdio: 'pipe' });
  plan.done();
}

/** The same, without holding up the event loop (global-setup.ts starts a Firefox meanwhile). */
export async function buildExtensionAsync(browser: 'chrome' | 'firefox' = 'chrome'): Promise<void> {
  const plan = buildPlan(browser);
  if (plan.built) return;
  await promisify(execFile)('npx', plan.args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  plan.done();
}

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  headless?: boolean;
  locale?: string;
  colorScheme?: 'light' | 'dark';
  /** A profile folder kept between launches (default: a new temporary one). */
  userDataDir?: string;
}

export async function launchWithExtension(sitePort: number, options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(missingBrowserMessage(['chromium']));
  const headless = options.headless ?? true;
  const context = await chromium.launchPersistentContext(options.userDataDir ?? '', {
    executablePath,
    headless: false,
    ignoreDefaultArgs: ['--disable-extensions'],
    locale: options.locale ?? 'en-US',
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 1100, height: 800 },
    args: [
      ...(headless ? ['--headless=new'] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--disable-extensions-except=${CHROME_DIR}`,
      `--load-extension=${CHROME_DIR}`,
      `--host-resolver-rules=MAP * 127.0.0.1:${sitePort}`,
      `--lang=${options.locale ?? 'en-US'}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  return { context, worker, extensionId, close: () => context.close() };
}
