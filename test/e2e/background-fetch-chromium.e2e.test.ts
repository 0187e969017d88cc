/**
 * The background's fallback fetch in real Chromium (issue 12, item 9): the reader falls back to
 * it when its own fetch fails, with the reader's redirect mode. Asked, as the reader asks for every
 * page, with `redirect: 'manual'`, for a page that answers `302 → another site`, the background must
 * not follow: the other site never sees the request. (Asked with 'follow', it does: the probe works.)
 * The message goes in exactly as the reader sends it (@webext-core/messaging's format).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension, chromiumPath, launchWithExtension, type ExtensionBrowser } from './browser';
import { startE2eSite, type E2eSite } from './site';
import type { CaseFile } from '../server/news-site';

const haveChromium = chromiumPath() !== null;
const MOVED = 'http://www.xinhuanet.com/world/2019-12/10/c_1129000077_2.htm';
const ELSEWHERE = 'http://evil.example/stolen.htm';

let root: string;
let site: E2eSite;
let browser: ExtensionBrowser;

beforeAll(async () => {
  if (!haveChromium) return;
  buildExtension('chrome');
  root = mkdtempSync(path.join(os.tmpdir(), 'wholestory-bgfetch-e2e-'));
  const dir = path.join(root, 'redirect');
  mkdirSync(dir, { recursive: true });
  const data: CaseFile = {
    start: MOVED,
    pages: { [MOVED]: { status: 302, location: ELSEWHERE, body: '' }, [ELSEWHERE]: { body: '<p>another site</p>', contentType: 'text/html; charset=utf-8' } },
  };
  writeFileSync(path.join(dir, 'case.json'), JSON.stringify(data));
  site = await startE2eSite({ cases: [dir] });
  browser = await launchWithExtension(site.port);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe.skipIf(!haveChromium)('Chromium: the background fallback fetch', () => {
  it("honours redirect: 'manual': a 302 to another site is passed back unfollowed, the other site never asked", async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const ask = (redirect: 'manual' | 'follow') =>
      page.evaluate(
        ([url, mode]) => chrome.runtime.sendMessage({ id: 1, type: 'fetchPage', data: { url, redirect: mode }, timestamp: Date.now() }) as Promise<{ res?: Record<string, unknown>; err?: unknown }>,
        [MOVED, redirect] as const,
      );
    const before = site.requests.length;
    const manual = await ask('manual');
    console.log(`background fetch, redirect manual: ${JSON.stringify(manual.res ? { ok: manual.res.ok, status: manual.res.status, redirect: manual.res.redirect } : manual.err)}`);
    expect(manual.res).toMatchObject({ ok: true, status: 0, redirect: 'opaque', bodyBase64: '' });
    expect(site.requests.slice(before)).toEqual([MOVED]);
    // The probe: asked to follow, the background does send the request to the other site (whose
    // answer the browser then withholds: no host permission there, no CORS).
    await ask('follow');
    expect(site.requests.slice(before)).toEqual([MOVED, MOVED, ELSEWHERE]);
    await page.close();
  });
});
