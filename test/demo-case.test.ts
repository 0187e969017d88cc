/**
 * The demos' article (scripts/demo-case.ts): the default is the 12-page Xinhua article entered on
 * page 7; WHOLESTORY_DEMO_CASE / WHOLESTORY_DEMO_PAGE pick another; the list README.md shows is
 * the one the folder gives.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_CASE, demoCases, formatDemoCases, pickDemoCase, wantsList } from '../scripts/demo-case';
import { listCases, PAGES_DIR } from './server/news-site';

describe('the demo article', () => {
  it('defaults to the multi-page Xinhua article, entered on a later page', () => {
    const demo = pickDemoCase({});
    expect(demo.slug).toBe(DEFAULT_DEMO_CASE);
    expect(demo.pageCount).toBe(12);
    expect(demo.page).toBe(7);
    expect(demo.start).toBe('http://news.xinhuanet.com/society/2012-01/17/c_122593708_7.htm');
  });

  it('WHOLESTORY_DEMO_CASE picks a case by slug or folder, opened where it lands; WHOLESTORY_DEMO_PAGE another page', () => {
    const seed = pickDemoCase({ WHOLESTORY_DEMO_CASE: 'people-en-seed' });
    expect([seed.page, seed.pageCount]).toEqual([3, 4]);
    expect(pickDemoCase({ WHOLESTORY_DEMO_CASE: path.join(PAGES_DIR, 'people-en-seed') }).start).toBe(seed.start);
    expect(pickDemoCase({ WHOLESTORY_DEMO_CASE: 'xinhua-2012-big5-gateway', WHOLESTORY_DEMO_PAGE: '2' }).start).toBe(
      'http://big5.xinhuanet.com/gate/big5/news.xinhuanet.com/food/2012-01/16/c_122592817_2.htm',
    );
    expect(() => pickDemoCase({ WHOLESTORY_DEMO_CASE: 'no-such-case' })).toThrow(/no fixture case "no-such-case".*WHOLESTORY_DEMO_CASE=list/);
    expect(() => pickDemoCase({ WHOLESTORY_DEMO_CASE: 'people-en-seed', WHOLESTORY_DEMO_PAGE: '5' })).toThrow(/people-en-seed has pages 1 to 4/);
  });

  it('lists every case of test/pages, and README.md shows that list', () => {
    expect(demoCases().map((c) => c.slug)).toEqual(listCases().map((dir) => path.basename(dir)));
    expect(wantsList(['--list'], {})).toBe(true);
    expect(wantsList([], { WHOLESTORY_DEMO_CASE: 'list' })).toBe(true);
    expect(wantsList([], {})).toBe(false);
    const readme = readFileSync(path.join(import.meta.dirname, '../README.md'), 'utf8');
    expect(readme).toContain(`\`\`\`\n${formatDemoCases()}\n\`\`\``);
  });
});
