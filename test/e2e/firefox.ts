/**
 * Real Firefox (Debian's firefox-esr, driven by puppeteer-core over WebDriver BiDi) with the built
 * MV2 extension installed as a temporary add-on, all traffic sent to the local news site through
 * the proxy preferences.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { findBrowser, missingBrowserMessage } from '../support/browsers';
import { FIREFOX_DIR } from './browser';

/** The add-on's id in the manifest (wxt.config.ts). */
export const GECKO_ID = 'wholestory@wholestory.dev';
/** A fixed internal UUID, so `moz-extension://` URLs are known before the add-on starts. */
export const FIREFOX_UUID = '3f0c8a52-6c1e-4f7a-9b7e-2a9d6c1e0b11';
export const FIREFOX_ORIGIN = `moz-extension://${FIREFOX_UUID}`;

/** Debian's firefox-esr, or $FIREFOX_PATH (none with WHOLESTORY_NO_BROWSERS=1: test/support/browsers.ts). */
export function firefoxPath(): string | null {
  return findBrowser('firefox');
}

export interface FirefoxWithExtension {
  browser: Browser;
  close(): Promise<void>;
}

export interface LaunchFirefoxOptions {
  locale?: string;
  /** A profile folder kept between launches (default: a new temporary one). */
  userDataDir?: string;
  /** More preferences, e.g. `{ 'ui.systemUsesDarkTheme': 1 }` for a dark system (BiDi cannot emulate prefers-color-scheme). */
  prefs?: Record<string, string | number | boolean>;
}

/**
 * Where this run's started-once Firefox profile is (`makeFirefoxProfile`, called by
 * test/e2e/global-setup.ts): a launch on a new profile copies it instead of starting from nothing.
 */
export const PROFILE_ENV = 'WHOLESTORY_E2E_FIREFOX_PROFILE';

/** The preferences every launch sets (written to the profile's user.js by puppeteer at each start). */
function firefoxPrefs(proxyPort: number, options: LaunchFirefoxOptions): Record<string, string | number | boolean> {
  return {
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
    // Every request, loopback included, to the local news site.
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'network.proxy.share_proxy_settings': false,
    // No upgrade of the fixtures' http URLs, no background traffic.
    'dom.security.https_first': false,
    'dom.security.https_only_mode': false,
    // The async clipboard without a paste prompt (the testing switch the web-platform tests use).
    'dom.events.testing.asyncClipboard': true,
    'intl.locale.requested': options.locale ?? 'en-US',
    'intl.accept_languages': options.locale ?? 'en-US',
    'browser.shell.checkDefaultBrowser': false,
    'app.update.enabled': false,
    'extensions.update.enabled': false,
    // A temporary add-on is uninstalled when Firefox quits: keep its origin and its data (the
    // offline library) for the next launch on the same profile, as an installed add-on keeps them.
    'extensions.webextensions.keepStorageOnUninstall': true,
    'extensions.webextensions.keepUuidOnUninstall': true,
    ...options.prefs,
  };
}

/** Files of a closed profile that belong to the Firefox that had it open. */
const PROFILE_LOCKS = new Set(['lock', '.parentlock']);

/**
 * A Firefox profile started once (no add-on, English, every request to a port nothing listens on)
 * and closed, in `dir`. Firefox's first start on a new profile sets it up (its databases, caches,
 * the installed language packs found), about 5 s of a 14 s launch at load 20 and more than half
 * of its close: a launch on a copy of this starts as on any used profile. The add-on's data is
 * not in it (the add-on is installed after the start), so a copy is a new profile to the add-on.
 */
export async function makeFirefoxProfile(dir: string): Promise<void> {
  const executablePath = firefoxPath();
  if (!executablePath) return;
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath, headless: true, userDataDir: dir, extraPrefsFirefox: firefoxPrefs(9, {}) });
  await browser.close();
  for (const name of PROFILE_LOCKS) rmSync(path.join(dir, name), { force: true });
}

/** Whether this run has the started-once profile (then a new profile starts in a non-English interface at once: its language packs are already found). */
export function haveFirefoxProfile(): boolean {
  const dir = process.env[PROFILE_ENV];
  return Boolean(dir && existsSync(path.join(dir, 'prefs.js')));
}

export async function launchFirefox(proxyPort: number, options: LaunchFirefoxOptions = {}): Promise<FirefoxWithExtension> {
  const executablePath = firefoxPath();
  if (!executablePath) throw new Error(missingBrowserMessage(['firefox']));
  // A new profile (none given, or an empty folder) is a copy of the run's started-once one, when there is one.
  let userDataDir = options.userDataDir;
  let ownProfile: string | undefined;
  const isNew = (dir: string | undefined) => !dir || !existsSync(dir) || readdirSync(dir).length === 0;
  if (haveFirefoxProfile()) {
    if (!userDataDir) userDataDir = ownProfile = mkdtempSync(path.join(os.tmpdir(), 'wholestory-ff-'));
    if (isNew(userDataDir)) cpSync(process.env[PROFILE_ENV]!, userDataDir, { recursive: true });
  }
  const start = async (dir: string | undefined) => {
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      defaultViewport: { width: 1100, height: 800 },
      ...(dir ? { userDataDir: dir } : {}),
      extraPrefsFirefox: firefoxPrefs(proxyPort, options),
    });
    await browser.installExtension(FIREFOX_DIR);
    return browser;
  };
  // Without the run's profile, a new profile takes an installed language pack only from its
  // second start: a non-English interface is started once on it first.
  if (!haveFirefoxProfile() && options.locale && !options.locale.startsWith('en') && isNew(userDataDir)) {
    if (!userDataDir) userDataDir = ownProfile = mkdtempSync(path.join(os.tmpdir(), 'wholestory-ff-profile-'));
    await (await start(userDataDir)).close();
  }
  const browser = await start(userDataDir);
  return {
    browser,
    close: async () => {
      await browser.close();
      if (ownProfile) rmSync(ownProfile, { recursive: true, force: true });
    },
  };
}
