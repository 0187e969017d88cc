/**
 * Once per run of the browser suites: an id the extension builds are stamped with, both
 * extensions built here, before any file starts (the files run two at a time, so a build in a
 * file could rebuild the folder under the other file's browser), and, meanwhile, a Firefox
 * profile started once that each Firefox launch on a new profile copies (firefox.ts
 * makeFirefoxProfile), removed after the run. buildExtension (browser.ts) in a file then finds
 * this run's stamp and returns; run alone, a file still builds for itself.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildExtensionAsync } from './browser';
import { makeFirefoxProfile, PROFILE_ENV } from './firefox';
import { findBrowser, haveCjkFonts, missingBrowserMessage, type BrowserName } from '../support/browsers';

export default async function setup(): Promise<() => void> {
  process.env.WHOLESTORY_E2E_RUN = randomUUID();
  // Once, before any file: what to install (each file then skips that browser's suites, off CI).
  const missing = (['chromium', 'firefox'] as BrowserName[]).filter((name) => !findBrowser(name));
  const text = missingBrowserMessage(missing, {
    fonts: !haveCjkFonts(),
    consequence: process.env.CI ? 'the real-browser tests fail on CI' : 'skipping those real-browser tests',
  });
  if (text) process.stderr.write(`\n${text}\n\n`);
  const profile = findBrowser('firefox') ? mkdtempSync(path.join(os.tmpdir(), 'wholestory-e2e-ff-profile-')) : undefined;
  // Without it each launch starts on a new profile, as before: slower, not wrong.
  const profileMade = profile
    ? makeFirefoxProfile(profile).then(
        () => void (process.env[PROFILE_ENV] = profile),
        (error: unknown) => process.stderr.write(`\nFirefox: no started-once profile (${String(error)}); each launch starts a new one\n\n`),
      )
    : undefined;
  // One build at a time (both write wxt's .wxt folder).
  if (findBrowser('chromium')) await buildExtensionAsync('chrome');
  if (findBrowser('firefox')) await buildExtensionAsync('firefox');
  await profileMade;
  return () => {
    if (profile) rmSync(profile, { recursive: true, force: true });
  };
}
