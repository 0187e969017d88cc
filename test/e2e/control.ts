/**
 * The in-page control as the browser suites press it. Its shadow root is closed (the page, and so a
 * test driver's selectors, cannot reach the buttons), so a test waits for the host, reads the label
 * from `data-label`, and clicks where the button is: a real (trusted) mouse click, as a person's.
 * The host is the fixed bar itself: "open" is its left part, "×" its last ~36 px.
 */
import type { Page as PlaywrightPage } from 'playwright-core';
import type { ElementHandle, Page as PuppeteerPage } from 'puppeteer-core';

export const CONTROL_HOST = 'wholestory-control[data-label]';

type Part = 'open' | 'close';

/** Playwright (Chromium): wait for the control and return its label. */
export async function controlLabelIn(page: PlaywrightPage, timeout = 15_000): Promise<string> {
  const host = page.locator(CONTROL_HOST);
  await host.waitFor({ timeout });
  return (await host.getAttribute('data-label')) ?? '';
}

/** Playwright (Chromium): a real click on the control's "open" (default) or "×" button. */
export async function clickControl(page: PlaywrightPage, part: Part = 'open'): Promise<void> {
  const host = page.locator(CONTROL_HOST);
  await host.waitFor({ timeout: 15_000 });
  const box = await host.boundingBox();
  if (!box) throw new Error('the control has no box');
  await host.click({ position: { x: part === 'open' ? 24 : box.width - 14, y: box.height / 2 } });
}

/** Puppeteer (Firefox): wait for the control's host. */
export async function waitForControl(page: PuppeteerPage, timeout = 15_000): Promise<ElementHandle<Element>> {
  const host = await page.waitForSelector(CONTROL_HOST, { timeout, visible: true });
  if (!host) throw new Error('no control');
  return host;
}

/** Puppeteer (Firefox): a real click on the control's "open" (default) or "×" button. */
export async function clickControlFf(page: PuppeteerPage, part: Part = 'open'): Promise<void> {
  const host = await waitForControl(page);
  const box = await host.boundingBox();
  if (!box) throw new Error('the control has no box');
  await page.mouse.click(box.x + (part === 'open' ? 24 : box.width - 14), box.y + box.height / 2);
}
