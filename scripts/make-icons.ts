/**
 * Draws the toolbar and store icons (`public/icon/{16,32,48,96,128}.png`) with Chromium: a red
 * rounded square with two stacked pages and "全" (whole). Run again after changing the drawing:
 * `npx tsx scripts/make-icons.ts`. The PNGs are committed; the build does not need Chromium.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath, ROOT } from '../test/e2e/browser';

const SIZES = [16, 32, 48, 96, 128];
const outDir = path.join(ROOT, 'public/icon');

const svg = (size: number) => `
<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 128 128">
  <rect x="4" y="4" width="120" height="120" rx="26" fill="#b3261e"/>
  <rect x="30" y="22" width="64" height="80" rx="8" fill="#ffffff" opacity="0.45"/>
  <rect x="36" y="28" width="64" height="80" rx="8" fill="#ffffff"/>
  <text x="68" y="86" text-anchor="middle" font-size="56" font-weight="700" fill="#b3261e"
        font-family="'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif">全</text>
</svg>`;

const executablePath = chromiumPath();
if (!executablePath) throw new Error('Chromium not found (set CHROMIUM_PATH)');
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
try {
  mkdirSync(outDir, { recursive: true });
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg(size)}</body></html>`);
    await page.locator('svg').screenshot({ path: path.join(outDir, `${size}.png`), omitBackground: true });
  }
  process.stdout.write(`icons written to ${path.relative(process.cwd(), outDir)}/ (${SIZES.join(', ')} px)\n`);
} finally {
  await browser.close();
}
