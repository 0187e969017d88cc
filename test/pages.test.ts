/**
 * Multi-page fixture suite, in the spirit of mozilla/readability's test/test-pages, extended to
 * articles of several pages. Every folder under test/pages/ is a case (format: test/pages/README.md):
 * the pipeline reads it through a fetch that serves only the listed URLs, then the result is checked
 * against expected-metadata.json, case.json's checks and, when present, expected.html.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  PAGES_DIR,
  compareHtml,
  compareMetadataKey,
  countOccurrences,
  findInOrder,
  includesSquashed,
  listCaseSlugs,
  loadCase,
  normalizeSpace,
  runCase,
  type CaseRun,
  type FixtureCase,
} from './fixture-support';
import { urlKey } from '../src/pipeline/url';

const slugs = listCaseSlugs();

describe('fixture conventions', () => {
  it('has cases', () => {
    expect(slugs.length).toBeGreaterThan(0);
  });

  for (const slug of slugs) {
    it(`${slug}: case.json, expected-metadata.json, derivedFrom, page files`, () => {
      const dir = path.join(PAGES_DIR, slug);
      expect(fs.existsSync(path.join(dir, 'case.json')), 'case.json').toBe(true);
      expect(fs.existsSync(path.join(dir, 'expected-metadata.json')), 'expected-metadata.json').toBe(true);
      const c = loadCase(slug);
      expect(typeof c.json.description === 'string' && c.json.description.trim().length > 0, 'description').toBe(true);
      expect(typeof c.json.derivedFrom === 'string' && c.json.derivedFrom.trim().length > 0, 'derivedFrom').toBe(true);
      expect(Object.keys(c.json.pages).map(urlKey), 'start is one of the listed pages').toContain(urlKey(c.json.start));
      for (const [url, page] of Object.entries(c.json.pages)) {
        expect(() => new URL(url), `absolute URL: ${url}`).not.toThrow();
        expect(url.includes('#'), `listed URL has no fragment: ${url}`).toBe(false);
        if (page.file) expect(fs.existsSync(path.join(dir, page.file)), `${page.file} exists`).toBe(true);
        else expect(typeof page.body, `${url}: needs "file" or "body"`).toBe('string');
      }
      const keys = new Set(Object.keys(c.metadata ?? {}));
      const known = ['title', 'byline', 'source', 'siteName', 'publishedTime', 'lang', 'dir', 'url', 'pageUrls', 'pageCount', 'failedPages', 'excerpt', 'site', 'length'];
      for (const k of keys) expect(known, `expected-metadata.json key "${k}" is a WholeArticle field`).toContain(k);
    });
  }
});

for (const slug of slugs) {
  const c: FixtureCase = loadCase(slug);
  const checks = c.json.checks ?? {};

  describe(`page fixture: ${slug}`, () => {
    let run: CaseRun;
    let text = '';

    beforeAll(async () => {
      run = await runCase(c);
      text = normalizeSpace(run.result?.textContent ?? '');
    }, 60_000);

    const result = () => {
      if (run.error) throw run.error instanceof Error ? run.error : new Error(String(run.error));
      return run.result!;
    };

    it('reads the article without throwing', () => {
      expect(result()).toBeTruthy();
    });

    it('requests only listed URLs', () => {
      expect(run.unlisted, `unlisted requests (fetched: ${JSON.stringify(run.requests)})`).toEqual([]);
    });

    for (const [key, expected] of Object.entries(c.metadata ?? {})) {
      it(`metadata: ${key}`, () => {
        const actual = (result() as unknown as Record<string, unknown>)[key];
        const problem = compareMetadataKey(key, expected, actual);
        expect(problem, problem ?? '').toBeNull();
      });
    }

    it('decodes without U+FFFD replacement characters', () => {
      const r = result();
      const bad = `${r.title}\n${r.textContent}`.indexOf('\uFFFD');
      expect(bad, bad >= 0 ? `U+FFFD near: ${JSON.stringify(r.textContent.slice(Math.max(0, bad - 30), bad + 30))}` : '').toBe(-1);
    });

    if (checks.contains?.length) {
      it('textContent contains the snippets, in order (whitespace ignored)', () => {
        result();
        const { missing, at } = findInOrder(text, checks.contains!);
        expect(
          missing,
          missing === null
            ? ''
            : `missing (after position ${at}): ${JSON.stringify(missing)}; present anywhere: ${includesSquashed(text, missing)}`,
        ).toBeNull();
      });
    }

    if (checks.notContains?.length) {
      it('textContent has none of the page chrome (whitespace ignored)', () => {
        result();
        const found = checks.notContains!.filter((s) => includesSquashed(text, s));
        expect(found, 'chrome left in the text').toEqual([]);
      });
    }

    if (checks.once?.length) {
      it('each page appears exactly once', () => {
        result();
        const counts = Object.fromEntries(checks.once!.map((s) => [s, countOccurrences(text, s)]));
        expect(counts).toEqual(Object.fromEntries(checks.once!.map((s) => [s, 1])));
      });
    }

    if (checks.sections?.length) {
      it('contentHtml has one <section data-page> per loaded page, in order', () => {
        const html = result().contentHtml;
        const pages = Array.from(html.matchAll(/<section\b[^>]*\bdata-page="(\d+)"/g), (m) => Number(m[1]));
        expect(pages).toEqual(checks.sections);
      });
    }

    if (checks.images?.length) {
      it('contentHtml keeps the body images, in order', () => {
        const srcs = Array.from(result().contentHtml.matchAll(/<img\b[^>]*?\bsrc="([^"]*)"/g), (m) => m[1]!);
        let at = 0;
        for (const want of checks.images!) {
          const i = srcs.findIndex((src, k) => k >= at && src.includes(want));
          expect(i, `no <img src*="${want}"> (in order) among ${JSON.stringify(srcs)}`).toBeGreaterThanOrEqual(0);
          at = i + 1;
        }
      });
    }

    if (c.expectedHtml !== null) {
      it('contentHtml matches expected.html', () => {
        const difference = compareHtml(result().contentHtml, c.expectedHtml!);
        expect(difference, difference ?? '').toBeNull();
      });
    }
  });
}
