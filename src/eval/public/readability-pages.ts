/**
 * Mozilla Readability's test pages (../shared/benchmarks/readability-test-pages): one folder per
 * case with source.html, expected.html (Readability's own output) and expected-metadata.json.
 * The runner's page URL is http://fakehost/test/page.html.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../corpus';

export const DEFAULT_READABILITY_PAGES_DIR = resolve(REPO_ROOT, '..', 'shared', 'benchmarks', 'readability-test-pages');
export const TEST_PAGE_URL = 'http://fakehost/test/page.html';

export interface ExpectedMetadata {
  title?: string | null;
  byline?: string | null;
  dir?: string | null;
  lang?: string | null;
  excerpt?: string | null;
  siteName?: string | null;
  publishedTime?: string | null;
  readerable?: boolean;
}

export interface TestPage {
  name: string;
  source(): string;
  expectedHtml(): string;
  metadata: ExpectedMetadata;
}

export function loadTestPages(dir = DEFAULT_READABILITY_PAGES_DIR): TestPage[] {
  return readdirSync(dir)
    .filter((n) => statSync(join(dir, n)).isDirectory() && existsSync(join(dir, n, 'source.html')))
    .sort()
    .map((name) => ({
      name,
      source: () => readFileSync(join(dir, name, 'source.html'), 'utf8'),
      expectedHtml: () => readFileSync(join(dir, name, 'expected.html'), 'utf8'),
      metadata: existsSync(join(dir, name, 'expected-metadata.json'))
        ? (JSON.parse(readFileSync(join(dir, name, 'expected-metadata.json'), 'utf8')) as ExpectedMetadata)
        : {},
    }));
}

/** Whitespace collapsed and trimmed (how titles and bylines are compared). */
export function normSpace(s: string | null | undefined): string {
  return (s ?? '').replace(/\s+/gu, ' ').trim();
}

export type BylineVerdict = 'equal' | 'contained' | 'wrong' | 'missing' | 'extra' | 'none';

/**
 * A byline against the expected one: equal (whitespace-normalized), contained (one inside the
 * other, case-insensitive: "By Jane Doe" vs "Jane Doe"), wrong, missing (expected one, gave none),
 * extra (expected none, gave one), none (neither).
 */
export function judgeByline(got: string | null | undefined, expected: string | null | undefined): BylineVerdict {
  const g = normSpace(got);
  const e = normSpace(expected);
  if (!e) return g ? 'extra' : 'none';
  if (!g) return 'missing';
  if (g === e) return 'equal';
  const gl = g.toLowerCase();
  const el = e.toLowerCase();
  if (gl.includes(el) || el.includes(gl)) return 'contained';
  return 'wrong';
}

export function titleRight(got: string | null | undefined, expected: string | null | undefined): boolean {
  return normSpace(got) === normSpace(expected);
}

export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Typographic quotes and dashes folded to ASCII, whitespace collapsed. */
function foldTitle(s: string | null | undefined): string {
  return normSpace(s)
    .replace(/[‘’‚‛′]/gu, "'")
    .replace(/[“”„‟″]/gu, '"')
    .replace(/[‐‑‒–—―]/gu, '-');
}

/**
 * Right once typographic quotes/dashes are folded, or when the expected title is the given one
 * plus a site or section suffix ("How to Build a Terrarium | eHow", "Mozilla - Wikipedia",
 * "…_科技_腾讯网"): Readability keeps those suffixes, a reader may fairly drop them.
 */
export function titleRightLoose(got: string | null | undefined, expected: string | null | undefined): boolean {
  const g = foldTitle(got);
  const e = foldTitle(expected);
  if (g === e) return true;
  if (!g || !e.startsWith(g)) return false;
  const rest = e.slice(g.length);
  return /^\s*([-|_:·»•]|::|\(|\[)/u.test(rest) && rest.length <= 80;
}

/**
 * Of the pages a read took (`pageUrls`, the page given first), those after the first that no
 * `<a href>` of the page given (`doc`) points to. A single test page read as paginated is right
 * when the page links every page it took (its own pager: "1 | 2 | 3", "Next Page"), a false
 * alarm when it does not.
 */
export function pagesNotLinked(doc: Document, pageUrls: readonly string[]): string[] {
  const linked = new Set(
    [...doc.querySelectorAll('a[href]')].flatMap((a) => {
      try {
        return [new URL(a.getAttribute('href') ?? '', doc.baseURI).href];
      } catch {
        return [];
      }
    }),
  );
  return pageUrls.slice(1).filter((u) => !linked.has(u));
}
