// @vitest-environment jsdom
/**
 * The part a news tab hands the reader is that page's HTML as extracted there, not sanitized
 * (content/page-part.ts): every hostile payload (test/hostile/payloads.ts) on page 1 of a two-page
 * article in each real page template, through pagePart → handedPart → the progressive view, must
 * leave nothing in the reader page that runs, loads active content, restyles or clobbers
 * (test/hostile/check.ts), and the legitimate text around it must be there.
 */
import { describe, expect, it, vi } from 'vitest';
import { createNodeDom } from '../cli/node-dom';
import { pagePart } from '../content/page-part';
import { checkSanitizedHtml, collapse, describeViolations } from '../../test/hostile/check';
import { FRAME_IDS, framePage, frameUrl, legit } from '../../test/hostile/pages';
import { PAYLOADS, SPLIT_PAYLOADS } from '../../test/hostile/payloads';
import { useLocale } from '../../test/support/ui-catalogue';

vi.mock('wxt/browser', () => import('../../test/support/ui-catalogue').then((m) => m.i18nBrowser));

const { createProgressiveView } = await import('./progressive');
const { handedPart } = await import('./handed-part');

// One Node DOM for every case (it moves to a fresh jsdom window every 32 pages itself): a new one
// per case, a new window each, cost a third of this file's CPU time.
const dom = createNodeDom();
const p = (text: string) => `<p>　　${text}</p>`;
const bodies = [
  ...PAYLOADS.filter((x) => x.target !== 'title').map((x) => ({ id: x.id, html: x.html, swallows: x.swallowsRest === true })),
  ...SPLIT_PAYLOADS.map((x) => ({ id: x.id, html: x.split?.[0] ?? '', swallows: true })),
];

describe('a hostile page 1 handed over by its tab', () => {
  let handed = 0;
  let liveInPart = 0;
  for (const frame of FRAME_IDS) {
    it.each(bodies.map((b, i) => [b.id, b, i] as const))(`%s@${frame}: sanitized on its way into the reader`, (_id, body, i) => {
      useLocale('en-US', 'en');
      const urls = [frameUrl(frame, 5000 + i, 1), frameUrl(frame, 5000 + i, 2)];
      const html = framePage(frame, { url: urls[0]!, urls, page: 1, body: `${p(legit.before(1))}\n${body.html}\n${p(legit.after(1))}` });
      const made = pagePart(html, urls[0]!, dom);
      if (!made) return;
      handed++;
      if (checkSanitizedHtml(made.html).violations.length > 0) liveInPart++;
      const part = handedPart(JSON.parse(JSON.stringify(made)), urls[0]!);
      expect(part).not.toBeNull();
      document.body.innerHTML = '<article id="reader-content"></article>';
      const content = document.getElementById('reader-content') as HTMLElement;
      createProgressiveView(content).show(part!);
      const shown = content.querySelector('section[data-page="1"]')?.innerHTML ?? '';
      const result = checkSanitizedHtml(shown);
      expect(result.violations, describeViolations(result.violations)).toEqual([]);
      expect(result.text).toContain(collapse(legit.before(1)));
      if (!body.swallows) expect(result.text).toContain(collapse(legit.after(1)));
    });
  }

  it('the tab made a part for the pages, and many parts held live markup until the reader sanitized them', () => {
    expect(handed).toBeGreaterThan(bodies.length * 2);
    expect(liveInPart).toBeGreaterThan(20);
  });
});
