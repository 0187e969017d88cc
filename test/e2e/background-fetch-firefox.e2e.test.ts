/**
 * The background's fallback fetch in real Firefox (MV2 background page), as
 * background-fetch-chromium.e2e.test.ts: asked with `redirect: 'manual'` for a page that answers
 * `302 → another site`, it does not follow; the other site never sees the request.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension } from './browser';
import { clickControlFf, waitForControl } from './control';
import { FIREFOX_ORIGIN, firefoxPath, launchFirefox, type FirefoxWithExtension } from './firefox';
import { startE2eSite, type E2eSite } from './site';
import type { CaseFile } from '../server/news-site';
import { writeSyntheticArticle, type SyntheticArticle } from '../server/synthetic-article';

const haveFirefox = firefoxPath() !== null;
const MOVED = 'http://www.xinhuanet.com/world/2019-12/10/c_1129000078_2.htm';
const ELSEWHERE = 'http://evil.example/stolen-ff.htm';

let root: string;
let site: E2eSite;
let ff: FirefoxWithExtension;
let launcher: SyntheticArticle;

async function findReader(known: Set<Page>): Promise<Page> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    for (const page of await ff.browser.pages()) {
      if (known.has(page)) continue;
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.startsWith(`${FIREFOX_ORIGIN}/reader.html`)) return page;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no reader opened');
}

beforeAll(async () => {
  if (!haveFirefox) return;
  buildExtension('firefox');
  root = mkdtempSync(path.join(os.tmpdir(), 'wholestory-bgfetch-ff-'));
  const dir = path.join(root, 'redirect');
  mkdirSync(dir, { recursive: true });
  const data: CaseFile = {
    start: MOVED,
    pages: { [MOVED]: { status: 302, location: ELSEWHERE, body: '' }, [ELSEWHERE]: { body: '<p>another site</p>', contentType: 'text/html; charset=utf-8' } },
  };
  writeFileSync(path.join(dir, 'case.json'), JSON.stringify(data));
  launcher = writeSyntheticArticle(path.join(root, 'launcher'), { pages: 2, startPage: 1, id: 30000003 });
  site = await startE2eSite({ cases: [dir, launcher.dir] });
  ff = await launchFirefox(site.port);
});

afterAll(async () => {
  await ff?.close();
  await site?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe.skipIf(!haveFirefox)('Firefox: the background fallback fetch', () => {
  it("honours redirect: 'manual': a 302 to another site is passed back unfollowed, the other site never asked", async () => {
    // An extension page to send from: the reader, opened from the control with a real click.
    const tab = await ff.browser.newPage();
    await tab.goto(launcher.start);
    await waitForControl(tab);
    const known = new Set(await ff.browser.pages());
    await clickControlFf(tab);
    const reader = await findReader(known);
    await reader.waitForFunction(() => ['ready', 'partial', 'error'].includes(document.documentElement.dataset.state ?? ''), { timeout: 30_000 });
    const mine = (from: number) => site.requests.slice(from).filter((u) => u === MOVED || u === ELSEWHERE);
    const ask = (redirect: 'manual' | 'follow') =>
      reader.evaluate(
        (url, mode) =>
          (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<{ res?: Record<string, unknown>; err?: unknown }> } } }).browser.runtime.sendMessage({
            id: 1,
            type: 'fetchPage',
            data: { url, redirect: mode },
            timestamp: Date.now(),
          }),
        MOVED,
        redirect,
      );
    const before = site.requests.length;
    const manual = await ask('manual');
    console.log(`Firefox background fetch, redirect manual: ${JSON.stringify(manual.res ? { ok: manual.res.ok, status: manual.res.status, redirect: manual.res.redirect, location: manual.res.location } : manual.err)}`);
    expect(manual.res).toMatchObject({ ok: true, bodyBase64: '' });
    expect(['opaque', 'exposed']).toContain(manual.res?.redirect);
    expect(mine(before)).toEqual([MOVED]);
    // The probe: asked to follow, the background does send the request to the other site.
    await ask('follow');
    expect(mine(before)).toEqual([MOVED, MOVED, ELSEWHERE]);
    await reader.close();
    await tab.close();
  });
});
