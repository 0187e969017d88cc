/**
 * The in-page control speaks the page's script: on Xinhua's Big5 gateway (Big5 bytes, whose
 * `content-language` still says zh-cn) it reads 閱讀全文（共5頁）, on a Simplified GB2312 page
 * 阅读全文（共3页）, whatever the browser's own language. One launch per browser.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension, chromiumPath, launchWithExtension, type ExtensionBrowser } from './browser';
import { controlLabelIn, waitForControl } from './control';
import { firefoxPath, launchFirefox, type FirefoxWithExtension } from './firefox';
import { startE2eSite, type E2eSite } from './site';
import { PAGES_DIR, readCase } from '../server/news-site';

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

describe.skipIf(chromiumPath() === null)('Chromium: the control’s label in the page’s script', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    buildExtension('chrome');
    browser = await launchWithExtension(site.port, { locale: 'en-US' });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(Object.entries(CASES))('%s page', async (_, c) => {
    const page = await browser.context.newPage();
    await page.goto(startOf(c.slug), { waitUntil: 'domcontentloaded' });
    expect(await page.evaluate(() => document.characterSet)).toBe(c.slug.includes('big5') ? 'Big5' : 'GBK');
    expect(await controlLabelIn(page)).toBe(c.label);
    await page.close();
  });
});

describe.skipIf(firefoxPath() === null)('Firefox: the control’s label in the page’s script', () => {
  let firefox: FirefoxWithExtension;
  beforeAll(async () => {
    buildExtension('firefox');
    firefox = await launchFirefox(site.port, { locale: 'en-US' });
  });
  afterAll(async () => {
    await firefox?.close();
  });

  it.each(Object.entries(CASES))('%s page', async (_, c) => {
    const page = await firefox.browser.newPage();
    await page.goto(startOf(c.slug), { waitUntil: 'domcontentloaded' });
    const control = await waitForControl(page);
    expect(await control.evaluate((host) => host.getAttribute('data-label'))).toBe(c.label);
    await page.close();
  });
});
