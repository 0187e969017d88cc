/**
 * Once per run of the browser suites: an id the extension builds are stamped with, so each
 * browser's extension is built once per run (buildExtension in browser.ts), not once per file.
 */
import { randomUUID } from 'node:crypto';
import { findBrowser, haveCjkFonts, missingBrowserMessage, type BrowserName } from '../support/browsers';

export default function setup(): void {
  process.env.WHOLESTORY_E2E_RUN = randomUUID();
  // Once, before any file: what to install (each file then skips that browser's suites, off CI).
  const missing = (['chromium', 'firefox'] as BrowserName[]).filter((name) => !findBrowser(name));
  const text = missingBrowserMessage(missing, {
    fonts: !haveCjkFonts(),
    consequence: process.env.CI ? 'the real-browser tests fail on CI' : 'skipping those real-browser tests',
  });
  if (text) process.stderr.write(`\n${text}\n\n`);
}
