/**
 * The extension on a demo article in Chromium: builds `.output/chrome-mv3`, starts the local news
 * site with a fixture article (scripts/demo-case.ts: by default the 12-page Xinhua article of
 * `test/pages/xinhua-2012-windowed-pager`, opened on page 7) and opens Chromium on it with the
 * extension loaded, every host name resolved to the local site (nothing leaves 127.0.0.1).
 *
 * With a display ($DISPLAY or $WAYLAND_DISPLAY): a real window; close it or press Ctrl-C to stop.
 * Without one: headless; clicks "Read all N pages", waits for the whole article and prints where
 * the screenshot of the reader is.
 *
 * `WHOLESTORY_DEMO_CASE=<slug>` serves another case of test/pages (`WHOLESTORY_DEMO_CASE=list` or
 * `--list` lists them), `WHOLESTORY_DEMO_PAGE=N` opens its page N. Without Chromium it says which
 * Debian package to install and exits 1.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildExtension, chromiumPath, launchWithExtension } from '../test/e2e/browser';
import { clickControl, controlLabelIn } from '../test/e2e/control';
import { startE2eSite } from '../test/e2e/site';
import { haveCjkFonts, missingBrowserMessage } from '../test/support/browsers';
import { formatDemoCases, pickDemoCase, wantsList, type DemoCase } from './demo-case';

const shots = process.env.WHOLESTORY_SHOTS ?? '/tmp/wholestory-shots';
const say = (line: string) => process.stderr.write(`demo: ${line}\n`);

if (wantsList()) {
  process.stdout.write(`${formatDemoCases()}\n\nnpm start with WHOLESTORY_DEMO_CASE=<one of these> [WHOLESTORY_DEMO_PAGE=N]\n`);
  process.exit(0);
}
let demo: DemoCase;
try {
  demo = pickDemoCase();
} catch (error) {
  say((error as Error).message);
  process.exit(1);
}
if (!chromiumPath()) {
  process.stderr.write(`${missingBrowserMessage(['chromium'], { consequence: 'npm start opens the demo article in it', fonts: !haveCjkFonts() })}\n`);
  process.exit(1);
}
if (!haveCjkFonts()) process.stderr.write(`${missingBrowserMessage([], { fonts: true })}\n(Chinese text will show as boxes.)\n`);

say('building the extension (wxt build)…');
buildExtension('chrome');
const site = await startE2eSite({ cases: [demo.dir] });
const start = demo.start;
const headless = !(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const browser = await launchWithExtension(site.port, { headless });
say(`${demo.slug}, page ${demo.page} of ${demo.pageCount}: ${start}`);
say(`news site on 127.0.0.1:${site.port}; Chromium ${headless ? 'headless' : 'in a window'} (other articles: WHOLESTORY_DEMO_CASE=list)`);

const page = browser.context.pages()[0] ?? (await browser.context.newPage());
await page.goto(start);
const label = await controlLabelIn(page);

if (headless) {
  try {
    const started = Date.now();
    const [reader] = await Promise.all([browser.context.waitForEvent('page'), clickControl(page)]);
    await reader.waitForFunction(() => ['ready', 'partial', 'error'].includes(document.documentElement.dataset.state ?? ''), null, { timeout: 30_000 });
    const state = await reader.evaluate(() => document.documentElement.dataset.state);
    const title = await reader.locator('#reader-content h1').textContent().catch(() => '');
    const pages = await reader.locator('#reader-content').getAttribute('data-page-count');
    await reader.evaluate(() => document.fonts.ready);
    mkdirSync(shots, { recursive: true });
    const file = path.join(shots, 'demo-reader.png');
    await reader.screenshot({ path: file, fullPage: true });
    say(`"${title}": ${pages} pages, reader ${state} ${Date.now() - started} ms after the click`);
    say(`screenshot of the reader: ${file}`);
  } finally {
    await browser.close();
    await site.close();
  }
} else {
  say(`click "${label || 'Read all pages'}" at the bottom right of the page; close the window to stop`);
  const stop = async () => {
    await browser.close().catch(() => undefined);
    await site.close();
    process.exit(0);
  };
  browser.context.on('close', () => void stop());
  process.on('SIGINT', () => void stop());
}
