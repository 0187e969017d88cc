/**
 * Once per run of the browser suites: an id the extension builds are stamped with, and both
 * extensions built here, before any file starts (the files run two at a time, so a build in a
 * file could rebuild the folder under the other file's browser). buildExtension (browser.ts) in
 * a file then finds this run's stamp and returns; run alone, a file still builds for itself.
 */
import { randomUUID } from 'node:crypto';
import { buildExtension } from './browser';
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
  if (findBrowser('chromium')) buildExtension('chrome');
  if (findBrowser('firefox')) buildExtension('firefox');
}
