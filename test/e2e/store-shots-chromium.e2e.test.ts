/**
 * `npm run store-shots` (scripts/store-shots.ts): its quick mode renders the three 440×280 promo
 * tiles in real Chromium and checks what it wrote; here the files are read back independently.
 * The full run (fifteen 1280×800 screenshots, a few minutes) is not part of the suite; it checks its
 * own files the same way and exits 1 on a wrong size.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumPath } from './browser';
import { checkFiles, encodePng, expectedFiles, main, pngSize } from '../../scripts/store-shots';

const dir = mkdtempSync(path.join(os.tmpdir(), 'wholestory-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('store images: names and sizes', () => {
  it('names every image with its size: five screenshots and a tile per interface language', () => {
    expect(expectedFiles({ shots: true, tile: true }).map((f) => `${f.name} ${f.width}x${f.height}`)).toEqual([
      'en-1-control.png 1280x800',
      'en-2-article-light.png 1280x800',
      'en-3-article-dark.png 1280x800',
      'en-4-library.png 1280x800',
      'en-5-failed-page.png 1280x800',
      'promo-tile-en.png 440x280',
      'zh-1-control.png 1280x800',
      'zh-2-article-light.png 1280x800',
      'zh-3-article-dark.png 1280x800',
      'zh-4-library.png 1280x800',
      'zh-5-failed-page.png 1280x800',
      'promo-tile-zh.png 440x280',
      'zh-TW-1-control.png 1280x800',
      'zh-TW-2-article-light.png 1280x800',
      'zh-TW-3-article-dark.png 1280x800',
      'zh-TW-4-library.png 1280x800',
      'zh-TW-5-failed-page.png 1280x800',
      'promo-tile-zh-TW.png 440x280',
    ]);
  });

  it('reads a PNG’s size from its header and reports a wrong size, a missing file and a non-PNG', () => {
    const sub = mkdtempSync(path.join(dir, 'check-'));
    writeFileSync(path.join(sub, 'promo-tile-en.png'), encodePng(440, 280, () => [10, 20, 30, 255]));
    writeFileSync(path.join(sub, 'promo-tile-zh.png'), encodePng(441, 280, () => [0, 0, 0, 0]));
    expect(pngSize(readFileSync(path.join(sub, 'promo-tile-en.png')))).toEqual({ width: 440, height: 280 });
    expect(checkFiles(sub, expectedFiles({ shots: false, tile: true }, ['en', 'zh']))).toEqual(['promo-tile-zh.png: 441×280, not 440×280']);
    writeFileSync(path.join(sub, 'promo-tile-zh.png'), 'GIF89a');
    expect(checkFiles(sub, expectedFiles({ shots: false, tile: true }, ['zh']))).toEqual(['promo-tile-zh.png: not a PNG']);
    expect(checkFiles(sub, expectedFiles({ shots: true, tile: false }, ['en']))[0]).toBe('en-1-control.png: missing');
  });
});

describe.skipIf(chromiumPath() === null)('Chromium: npm run store-shots -- --only tile', () => {
  it('renders the three promo tiles at exactly 440×280', async () => {
    const out = path.join(dir, 'tiles');
    expect(await main(['--only', 'tile', '--out', out])).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['README.txt', 'promo-tile-en.png', 'promo-tile-zh-TW.png', 'promo-tile-zh.png']);
    for (const name of ['promo-tile-en.png', 'promo-tile-zh.png', 'promo-tile-zh-TW.png']) {
      const bytes = readFileSync(path.join(out, name));
      expect(pngSize(bytes)).toEqual({ width: 440, height: 280 });
      // Not a blank page: a tile this size with its text and gradient is tens of kilobytes.
      expect(bytes.length).toBeGreaterThan(10_000);
    }
  });
});
