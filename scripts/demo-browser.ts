/**
 * The extension on a demo article in Chromium: builds `.output/chrome-mv3`, starts the local news
 * site with the `people-en-seed` fixture (a 4-page article opened on page 3) and opens Chromium on
 * it with the extension loaded, every host name resolved to the local site (nothing leaves
 * 127.0.0.1).
 *
 * With a display ($DISPLAY or $WAYLAND_DISPLAY): a real window; close it or press Ctrl-C to stop.
 * Without one: headless; clicks "Read all 4 pages", waits for the whole article and prints where
 * the screenshot of the reader is. `WHOLESTORY_DEMO_CASE=path/to/case` serves another fixture.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildExtension, chromiumPath, launchWithExtension } from '../test/e2e/browser';
import { clickControl, controlLabelIn } from '../test/e2e/control';
import { startE2eSite } from '../test/e2e/site';
import { PAGES_DIR } from '../test/server/news-site';

const caseDir = path.resolve(process.env.WHOLESTORY_DEMO_CASE ?? path.join(PAGES_DIR, 'people-en-seed'));
const shots = process.env.WHOLESTORY_SHOTS ?? '/tmp/wholestory-shots';
const say = (line: string) => process.stderr.write(`demo: ${line}\n`);

if (!existsSync(path.join(caseDir, 'case.json'))) {
  say(`the demo fixture ${path.relative(process.cwd(), caseDir)}/case.json is missing`);
  process.exit(1);
}
if (!chromiumPath()) {
  say('Chromium not found: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH');
  process.exit(1);
}

say('building the extension (wxt build)…');
buildExtension('chrome');
const site = await startE2eSite({ cases: [caseDir] });
const start = site.inner.cases[0]!.start;
const headless = !(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const browser = await launchWithExtension(site.port, { headless });
say(`news site on 127.0.0.1:${site.port}; Chromium ${headless ? 'headless' : 'in a window'} on ${start}`);

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
