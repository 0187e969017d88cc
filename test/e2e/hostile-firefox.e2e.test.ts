/**
 * The Firefox twin of hostile-chromium.e2e.test.ts: the same hostile pages (test/hostile/payloads.ts)
 * opened in the extension's reader in real Firefox (firefox-esr over WebDriver BiDi), reached through
 * the proxy under their real host names. Nothing from a page may run there.
 *
 * Each reader must settle (ready/partial) with the article's legitimate text shown, `__pwned` must
 * stay undefined on the reader's window (and `top`), no `__pwned:` message may arrive from a frame,
 * the shown article must hold no handler attribute, script-capable element or script URL, and the
 * page's CSP must report no violation.
 *
 * How the watch gets in first: BiDi preload scripts do not run in moz-extension pages, and the
 * tests may not navigate to one, so one reader tab (opened by the extension) is moved from case to
 * case by its own `location`. The site holds the case's requests while the new reader page starts;
 * the watch (the `securitypolicyviolation` listener, the frame-message listener) is installed then,
 * and only after that does the site answer: nothing of the article reaches the reader before the
 * watch is in place.
 *
 * Found when this suite was first run: a clobbering payload (`<img name="createElement">`) made
 * `doc.createElement` an image in Firefox's parsed documents and every such page failed to read
 * ("e.createElement is not a function"); Chromium and jsdom do not expose those names there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension } from './browser';
import { FIREFOX_ORIGIN, firefoxPath, launchFirefox, type FirefoxWithExtension } from './firefox';
import { clickControlFf, waitForControl } from './control';
import { browserFigures, browserHostileCases, expectNothingRan, CONTROL_VIOLATION, DANGER_PROBE, OUTCOME_PROBE, WATCH_SCRIPT, type HostileOutcome } from './hostile';
import { startE2eSite, type E2eSite } from './site';
import { writeHostileCases, FRAME_IDS, type HostileCase } from '../hostile/pages';
import { PAYLOADS, SPLIT_PAYLOADS } from '../hostile/payloads';

const haveFirefox = firefoxPath() !== null;

let root: string;
let site: E2eSite;
let firefox: FirefoxWithExtension;
/** The reader tab moved from case to case. */
let reader: Page;
const cases = browserHostileCases();
const figures = browserFigures('firefox', cases);

function readerUrl(articleUrl: string): string {
  return `${FIREFOX_ORIGIN}/reader.html?url=${encodeURIComponent(articleUrl)}`;
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const got = await probe().catch(() => null);
    if (got) return got;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function openInReader(c: HostileCase): Promise<HostileOutcome> {
  const urls = Object.keys(c.pages);
  const target = readerUrl(c.start);
  const requestsBefore = site.requests.length;
  site.hold(urls);
  try {
    // Mark the old document, then move the tab; the new one is the page without the mark.
    await reader.evaluate((u) => {
      (window as unknown as { __leaving?: boolean }).__leaving = true;
      location.href = u;
    }, target);
    await until('the new reader page', () =>
      reader.evaluate((u) => location.href === u && !(window as unknown as { __leaving?: boolean }).__leaving && document.readyState !== 'loading', target),
    );
    // The reader now waits for the held start page: the watch goes in before any of the article.
    await until('the reader to ask for the article', async () => site.requests.slice(requestsBefore).includes(c.start));
    await reader.evaluate(WATCH_SCRIPT);
    expect(await reader.evaluate(() => document.documentElement.dataset.state)).toBe('loading');
  } finally {
    site.release();
  }
  await reader.waitForFunction(() => ['ready', 'partial', 'error'].includes(document.documentElement.dataset.state ?? ''), { timeout: 30_000 });
  // Give anything that slipped through (an image's onerror, a frame's load, a refresh) time to act.
  await new Promise((r) => setTimeout(r, 300));
  const danger = (await reader.evaluate(DANGER_PROBE)) as string[];
  const out = (await reader.evaluate(OUTCOME_PROBE)) as Omit<HostileOutcome, 'danger'>;
  return { ...out, danger };
}

beforeAll(async () => {
  if (!haveFirefox) return;
  buildExtension('firefox');
  root = mkdtempSync(path.join(os.tmpdir(), 'wholestory-e2e-ff-hostile-'));
  const dirs = writeHostileCases(root, cases);
  site = await startE2eSite({ cases: dirs, latencyMs: 0 });
  firefox = await launchFirefox(site.port);
  // The first reader comes from the control on a two-page article, as a person would open it.
  const boot = cases.find((c) => Object.keys(c.pages).length > 1) as HostileCase;
  const article = await firefox.browser.newPage();
  await article.goto(boot.start);
  await waitForControl(article);
  const known = new Set(await firefox.browser.pages());
  await clickControlFf(article);
  reader = await until('the reader tab', async () => {
    for (const page of await firefox.browser.pages()) {
      if (known.has(page)) continue;
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.startsWith(`${FIREFOX_ORIGIN}/reader.html`)) return page;
    }
    return null;
  });
  await article.close();
});

afterAll(async () => {
  figures.write();
  await firefox?.close();
  await site?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe.skipIf(!haveFirefox)('Firefox: hostile pages in the reader', () => {
  it('serves every payload class (combined pages, headlines, splits)', () => {
    expect(cases.length).toBe(FRAME_IDS.length * (1 + PAYLOADS.filter((p) => p.target === 'title').length + SPLIT_PAYLOADS.length));
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s: nothing runs, no CSP report, the article is shown', async (_id, c) => {
    const out = await openInReader(c);
    figures.add(c, out);
    expectNothingRan(c, out);
  });

  it('the watch does see a refused handler (control)', async () => {
    const seen = (await reader.evaluate(CONTROL_VIOLATION)) as { ran: boolean; violations: number };
    expect(seen.ran).toBe(false);
    expect(seen.violations).toBeGreaterThan(0);
  });
});
