/**
 * The background's fallback fetch in real Chromium (MV3 service worker) and Firefox (MV2
 * background page) (issue 12, item 9): the reader falls back to it when its own fetch fails, with
 * the reader's redirect mode. Asked, as the reader asks for every page, with `redirect: 'manual'`,
 * for a page that answers `302 → another site`, the background must not follow: the other site
 * never sees the request. (Asked with 'follow', it does: the probe works.) The message goes in
 * exactly as the reader sends it (@webext-core/messaging's format), from an extension page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachBrowser, type Driver } from './driver';
import { startE2eSite, type E2eSite } from './site';
import { writeCase } from '../server/news-site';
import { writeSyntheticArticle } from '../server/synthetic-article';

type Answer = { res?: Record<string, unknown>; err?: unknown };

forEachBrowser((b) =>
  b.describe('the background fallback fetch', () => {
    const MOVED = `http://www.xinhuanet.com/world/2019-12/10/c_11290000${b.name === 'chromium' ? 77 : 78}_2.htm`;
    const ELSEWHERE = `http://evil.example/stolen-${b.name}.htm`;
    let root: string;
    let site: E2eSite;
    let driver: Driver;

    beforeAll(async () => {
      root = mkdtempSync(path.join(os.tmpdir(), `wholestory-bgfetch-${b.name}-`));
      const dir = path.join(root, 'redirect');
      writeCase(dir, {
        start: MOVED,
        pages: { [MOVED]: { status: 302, location: ELSEWHERE, body: '' }, [ELSEWHERE]: { body: '<p>another site</p>', contentType: 'text/html; charset=utf-8' } },
      });
      // Firefox's first extension page comes from the control on an article (driver.ts).
      const launcher = writeSyntheticArticle(path.join(root, 'launcher'), { pages: 2, startPage: 1, id: 30000003 });
      site = await startE2eSite({ cases: [dir, launcher.dir] });
      driver = await b.launch({ sitePort: site.port, bootUrl: launcher.start });
    });

    afterAll(async () => {
      await driver?.close();
      await site?.close();
      if (root) rmSync(root, { recursive: true, force: true });
    });

    it("honours redirect: 'manual': a 302 to another site is passed back unfollowed, the other site never asked", async () => {
      const page = await driver.openExtension('/popup.html');
      const ask = (redirect: 'manual' | 'follow') =>
        page.evaluate(
          ([url, mode]) => {
            const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
            return api.runtime.sendMessage({ id: 1, type: 'fetchPage', data: { url, redirect: mode }, timestamp: Date.now() }) as Promise<Answer>;
          },
          [MOVED, redirect] as const,
        );
      // Chromium: nothing else asks the site meanwhile. Firefox: its reader (driver.ts) may still
      // load, so only these two URLs are counted.
      const seen = (from: number) => site.requests.slice(from).filter((u) => b.name === 'chromium' || u === MOVED || u === ELSEWHERE);
      const before = site.requests.length;
      const manual = await ask('manual');
      console.log(`${b.label} background fetch, redirect manual: ${JSON.stringify(manual.res ? { ok: manual.res.ok, status: manual.res.status, redirect: manual.res.redirect, location: manual.res.location } : manual.err)}`);
      expect(manual.res).toMatchObject({ ok: true, bodyBase64: '' });
      if (b.name === 'chromium') expect(manual.res).toMatchObject({ status: 0, redirect: 'opaque' });
      // Firefox's fetch may show the redirect (status and Location) instead of an opaque one.
      else expect(['opaque', 'exposed']).toContain(manual.res?.redirect);
      expect(seen(before)).toEqual([MOVED]);
      // The probe: asked to follow, the background does send the request to the other site (whose
      // answer the browser then withholds: no host permission there, no CORS).
      await ask('follow');
      expect(seen(before)).toEqual([MOVED, MOVED, ELSEWHERE]);
      await page.close();
    });
  }),
);
