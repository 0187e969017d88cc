/**
 * Real Firefox (Debian's firefox-esr, driven by puppeteer-core over WebDriver BiDi) with the built
 * MV2 extension installed as a temporary add-on, all traffic sent to the local news site through
 * the proxy preferences.
 */
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

export async function launchFirefox(proxyPort: number, options: LaunchFirefoxOptions = {}): Promise<FirefoxWithExtension> {
  const executablePath = firefoxPath();
  if (!executablePath) throw new Error(missingBrowserMessage(['firefox']));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    defaultViewport: { width: 1100, height: 800 },
    ...(options.userDataDir ? { userDataDir: options.userDataDir } : {}),
    extraPrefsFirefox: {
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
    },
  });
  await browser.installExtension(FIREFOX_DIR);
  return { browser, close: () => browser.close() };
}
