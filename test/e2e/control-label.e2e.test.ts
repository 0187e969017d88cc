/**
 * The in-page control speaks the page's script: on Xinhua's Big5 gateway (Big5 bytes, whose
 * `content-language` still says zh-cn) it reads 閱讀全文（共5頁）, on a Simplified GB2312 page
 * 阅读全文（共3页）, whatever the browser's own language. One launch per browser, one suite over
 * the driver (driver.ts).
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { urlKey } from '../../src/pipeline/url';
import { PAGES_DIR, readCase } from '../server/news-site';
import { controlLabel, forEachBrowser, type Driver } from './driver';
import { startE2eSite, type E2eSite } from './site';

const CASES = {
  traditional: { slug: 'xinhua-2012-big5-gateway', label: '閱讀全文（共5頁）' },
  simplified: { slug: 'xinhua-2012-gb2312-bytes', label: '阅读全文（共3页）' },
};
const startOf = (slug: string) => readCase(path.join(PAGES_DIR, slug)).start;

let site: E2eSite;
beforeAll(async () => {
  site = await startE2eSite({ cases: Object.values(CASES).map((c) => c.slug) });
});
afterAll(async () => {
  await site?.close();
});

forEachBrowser((b) => {
  let driver: Driver | undefined;
  beforeAll(async () => {
    if (b.available) driver = await b.launch({ sitePort: site.port, locale: 'en-US' });
  });
  afterAll(async () => {
    await driver?.close();
  });

  b.describe('the control’s label in the page’s script', () => {
    it.each(Object.entries(CASES))('%s page', async (_, c) => {
      const start = startOf(c.slug);
      const logged = site.inner.log.length;
      const tab = await driver!.openSite(start, 'domcontentloaded');
      expect(await tab.evaluate(() => document.characterSet)).toBe(c.slug.includes('big5') ? 'Big5' : 'GBK');
      expect(await controlLabel(tab)).toBe(c.label);
      // The page is served once per open: its 14 ad slots (`<iframe src="#">`) ask for it again and
      // get 204 (news-site.ts framedInItself), not the page with all its scripts 14 more times.
      const asked = site.inner.log.slice(logged).filter((r) => r.url === urlKey(start));
      expect(asked.filter((r) => r.status !== 204)).toEqual([expect.objectContaining({ status: 200 })]);
      await tab.close();
    });
  });
});
