/**
 * Helpers shared by the multi-page fixture suite (`test/pages.test.ts`) and the expected-output
 * generator (`scripts/gen-expected.ts`). Format of a case: see `test/pages/README.md`.
 *
 * Nothing here touches the network: the fetch built by `makeFixtureFetch` serves only the URLs a
 * case lists, and records every other request.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import type { FailedPage, FetchLike, ReadOptions, ResponseLike, WholeArticle } from '../src/pipeline/types';
import { urlKey } from '../src/pipeline/url';

export const PAGES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pages');

export interface CasePage {
  /** File in the case folder holding the exact bytes the server sends. */
  file?: string;
  /** Inline body (sent as UTF-8) when there is no file, e.g. a 503 error page. */
  body?: string;
  /** The HTTP Content-Type header; omitted = no header at all. */
  contentType?: string;
  /** HTTP status (default 200). */
  status?: number;
}

export interface CaseChecks {
  /** Snippets that must appear in textContent, each after the previous one. */
  contains?: string[];
  /** Snippets that must not appear in textContent (page chrome). */
  notContains?: string[];
  /** Snippets that must appear exactly once in textContent (no duplicated pages). */
  once?: string[];
  /** The `data-page` numbers of contentHtml's `<section>`s, in order. */
  sections?: number[];
  /** Substrings of `src` of body images that contentHtml must keep, in order. */
  images?: string[];
}

export interface CaseJson {
  description: string;
  derivedFrom: string;
  start: string;
  pages: Record<string, CasePage>;
  /** ReadOptions overrides (maxPages, concurrency, ...). */
  options?: Partial<Omit<ReadOptions, 'url' | 'fetch' | 'dom'>>;
  checks?: CaseChecks;
}

export interface FixtureCase {
  slug: string;
  dir: string;
  json: CaseJson;
  /** Parsed expected-metadata.json, or null when missing. */
  metadata: Record<string, unknown> | null;
  /** Contents of expected.html, or null when not generated yet. */
  expectedHtml: string | null;
}

/** Every folder under test/pages/ (except hidden ones), sorted. */
export function listCaseSlugs(dir: string = PAGES_DIR): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && !d.name.startsWith('_'))
    .map((d) => d.name)
    .sort();
}

export function loadCase(slug: string, dir: string = PAGES_DIR): FixtureCase {
  const caseDir = path.join(dir, slug);
  const json = JSON.parse(fs.readFileSync(path.join(caseDir, 'case.json'), 'utf8')) as CaseJson;
  const metaPath = path.join(caseDir, 'expected-metadata.json');
  const metadata = fs.existsSync(metaPath)
    ? (JSON.parse(fs.readFileSync(metaPath, 'utf8')) as Record<string, unknown>)
    : null;
  const htmlPath = path.join(caseDir, 'expected.html');
  const expectedHtml = fs.existsSync(htmlPath) ? fs.readFileSync(htmlPath, 'utf8') : null;
  return { slug, dir: caseDir, json, metadata, expectedHtml };
}


const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  301: 'Moved Permanently',
  302: 'Found',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export interface FixtureFetch {
  fetch: FetchLike;
  /** Every URL requested, in order, as passed to fetch. */
  requests: string[];
  /** Requests for URLs the case does not list. */
  unlisted: string[];
}

/** A fetch that serves only the case's listed URLs with their bytes, status and Content-Type. */
export function makeFixtureFetch(c: FixtureCase): FixtureFetch {
  const table = new Map<string, CasePage>();
  for (const [url, page] of Object.entries(c.json.pages)) table.set(urlKey(url), page);
  const requests: string[] = [];
  const unlisted: string[] = [];

  const fetch: FetchLike = async (url, init) => {
    requests.push(url);
    if (init?.signal?.aborted) throw abortError();
    const key = urlKey(url);
    const page = table.get(key);
    if (!page) {
      unlisted.push(url);
      throw new TypeError(`fixture fetch: ${url} is not listed in ${c.slug}/case.json (network error)`);
    }
    const bytes = pageBytes(c, page);
    const status = page.status ?? 200;
    const response: ResponseLike = {
      ok: status >= 200 && status < 300,
      status,
      statusText: STATUS_TEXT[status] ?? '',
      url: key,
      headers: {
        get(name: string): string | null {
          const n = name.toLowerCase();
          if (n === 'content-type') return page.contentType ?? null;
          if (n === 'content-length') return String(bytes.byteLength);
          return null;
        },
      },
      async arrayBuffer(): Promise<ArrayBuffer> {
        if (init?.signal?.aborted) throw abortError();
        return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      },
    };
    return response;
  };
  return { fetch, requests, unlisted };
}

function abortError(): Error {
  const e = new Error('The operation was aborted.');
  e.name = 'AbortError';
  return e;
}

export function pageBytes(c: FixtureCase, page: CasePage): Uint8Array {
  if (page.file) return new Uint8Array(fs.readFileSync(path.join(c.dir, page.file)));
  return new TextEncoder().encode(page.body ?? '');
}

export interface CaseRun {
  result?: WholeArticle;
  error?: unknown;
  requests: string[];
  unlisted: string[];
}

/** Runs the real pipeline on a case. Imports it lazily so a missing pipeline fails per case, not per file. */
export async function runCase(c: FixtureCase): Promise<CaseRun> {
  const ff = makeFixtureFetch(c);
  try {
    const [{ readWholeArticle }, { createNodeDom }] = await Promise.all([
      import('../src/pipeline/read-whole-article'),
      import('../src/cli/node-dom'),
    ]);
    const result = await readWholeArticle({
      ...(c.json.options ?? {}),
      url: c.json.start,
      fetch: ff.fetch,
      dom: createNodeDom(),
    });
    return { result, requests: ff.requests, unlisted: ff.unlisted };
  } catch (error) {
    return { error, requests: ff.requests, unlisted: ff.unlisted };
  }
}

/** Collapses every run of whitespace (including NBSP and the ideographic space U+3000) to one space. */
export function normalizeSpace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Text as the content checks see it: every whitespace character removed, so the checks test which
 * words are present, not the pipeline's spacing policy (e.g. whether "电 题" keeps its space).
 */
export function squash(s: string): string {
  return s.replace(/\s+/g, '');
}

/** Looks for each needle after the previous one in `hay` (both compared squashed). */
export function findInOrder(hay: string, needles: string[]): { missing: string | null; at: number } {
  const h = squash(hay);
  let pos = 0;
  for (const n of needles) {
    const i = h.indexOf(squash(n), pos);
    if (i < 0) return { missing: n, at: pos };
    pos = i + squash(n).length;
  }
  return { missing: null, at: pos };
}

export function includesSquashed(hay: string, needle: string): boolean {
  return squash(hay).includes(squash(needle));
}

export function countOccurrences(hay: string, needle: string): number {
  const h = squash(hay);
  const n = squash(needle);
  if (!n) return 0;
  let count = 0;
  for (let i = h.indexOf(n); i >= 0; i = h.indexOf(n, i + n.length)) count++;
  return count;
}

// ---------------------------------------------------------------------------------------------
// Metadata comparison
// ---------------------------------------------------------------------------------------------

/**
 * Compares one expected-metadata key. Returns null when it matches, else a message.
 * - strings (title, byline, source, siteName, url, ...): equal after whitespace normalization
 * - publishedTime: same instant, and the actual value carries an explicit offset
 * - lang: case-insensitive; "zh" accepts "zh", "zh-CN", "zh-Hans", ...
 * - pageUrls: same array; failedPages: same pages and urls, reason contains the expected substring
 */
export function compareMetadataKey(key: string, expected: unknown, actual: unknown): string | null {
  const show = (v: unknown) => JSON.stringify(v);
  switch (key) {
    case 'publishedTime': {
      if (expected === null) return actual === null ? null : `expected null, got ${show(actual)}`;
      if (typeof actual !== 'string') return `expected ${show(expected)}, got ${show(actual)}`;
      if (!/(Z|[+-]\d\d:?\d\d)$/.test(actual)) return `expected an explicit UTC offset, got ${show(actual)}`;
      const a = Date.parse(actual);
      const e = Date.parse(String(expected));
      return a === e ? null : `expected ${show(expected)} (same instant), got ${show(actual)}`;
    }
    case 'lang': {
      if (expected === null) return actual === null ? null : `expected null, got ${show(actual)}`;
      if (typeof actual !== 'string') return `expected ${show(expected)}, got ${show(actual)}`;
      const a = actual.toLowerCase();
      const e = String(expected).toLowerCase();
      return a === e || a.startsWith(`${e}-`) ? null : `expected ${show(expected)} (or a subtag of it), got ${show(actual)}`;
    }
    case 'failedPages': {
      const exp = expected as Array<Partial<FailedPage>>;
      const act = actual as FailedPage[] | undefined;
      if (!Array.isArray(act)) return `expected an array, got ${show(actual)}`;
      if (act.length !== exp.length) return `expected ${exp.length} failed page(s), got ${show(act)}`;
      for (let i = 0; i < exp.length; i++) {
        const e = exp[i]!;
        const a = act[i]!;
        if (e.page !== undefined && a.page !== e.page) return `failedPages[${i}].page: expected ${e.page}, got ${show(a)}`;
        if (e.url !== undefined && a.url !== e.url) return `failedPages[${i}].url: expected ${e.url}, got ${show(a)}`;
        if (e.reason !== undefined && !String(a.reason ?? '').includes(e.reason))
          return `failedPages[${i}].reason: expected to contain ${show(e.reason)}, got ${show(a.reason)}`;
      }
      return null;
    }
    default: {
      if (typeof expected === 'string' && typeof actual === 'string') {
        return normalizeSpace(expected) === normalizeSpace(actual) ? null : `expected ${show(expected)}, got ${show(actual)}`;
      }
      return isDeepStrictEqual(expected, actual) ? null : `expected ${show(expected)}, got ${show(actual)}`;
    }
  }
}

function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// ---------------------------------------------------------------------------------------------
// DOM comparison of contentHtml against expected.html
// ---------------------------------------------------------------------------------------------

function parseBody(html: string): HTMLElement {
  return new JSDOM(`<!doctype html><html><head></head><body>${html}</body></html>`).window.document.body;
}

function significantChildren(node: Node): Node[] {
  const out: Node[] = [];
  node.childNodes.forEach((child) => {
    if (child.nodeType === 1) out.push(child);
    else if (child.nodeType === 3 && normalizeSpace(child.textContent ?? '') !== '') out.push(child);
  });
  return out;
}

function describeNode(node: Node): string {
  if (node.nodeType === 3) return `#text ${JSON.stringify(normalizeSpace(node.textContent ?? '').slice(0, 80))}`;
  const el = node as Element;
  const attrs = Array.from(el.attributes).map((a) => `${a.name}="${a.value}"`).join(' ');
  return `<${el.tagName.toLowerCase()}${attrs ? ` ${attrs}` : ''}>`;
}

function stepName(parent: Node, child: Node): string {
  const siblings = significantChildren(parent);
  if (child.nodeType === 3) {
    const texts = siblings.filter((n) => n.nodeType === 3);
    return `#text[${texts.indexOf(child) + 1}]`;
  }
  const el = child as Element;
  const same = siblings.filter((n) => n.nodeType === 1 && (n as Element).tagName === el.tagName);
  return `${el.tagName.toLowerCase()}[${same.indexOf(child) + 1}]`;
}

/**
 * Walks both DOMs in parallel, ignoring comments and whitespace-only text nodes and normalizing
 * whitespace inside text. Returns null when equal, else the path of the first differing node.
 */
export function compareHtml(actualHtml: string, expectedHtml: string): string | null {
  const actual = parseBody(actualHtml);
  const expected = parseBody(expectedHtml);

  function walk(a: Node, e: Node, at: string): string | null {
    const ak = significantChildren(a);
    const ek = significantChildren(e);
    const n = Math.max(ak.length, ek.length);
    for (let i = 0; i < n; i++) {
      const ac = ak[i];
      const ec = ek[i];
      const here = `${at} > ${stepName(ec ? e : a, (ec ?? ac)!)}`;
      if (!ac) return `${here}: expected ${describeNode(ec!)}, actual has nothing more`;
      if (!ec) return `${here}: unexpected ${describeNode(ac)}`;
      if (ac.nodeType !== ec.nodeType) return `${here}: expected ${describeNode(ec)}, got ${describeNode(ac)}`;
      if (ec.nodeType === 3) {
        const at1 = normalizeSpace(ac.textContent ?? '');
        const et1 = normalizeSpace(ec.textContent ?? '');
        if (at1 !== et1) return `${here}: text differs\n  expected: ${JSON.stringify(et1)}\n  actual:   ${JSON.stringify(at1)}`;
        continue;
      }
      const ae = ac as Element;
      const ee = ec as Element;
      if (ae.tagName !== ee.tagName) return `${here}: expected ${describeNode(ee)}, got ${describeNode(ae)}`;
      const attrs = (el: Element) =>
        Array.from(el.attributes)
          .map((x) => `${x.name}=${normalizeSpace(x.value)}`)
          .sort()
          .join('\n');
      if (attrs(ae) !== attrs(ee)) return `${here}: attributes differ\n  expected: ${describeNode(ee)}\n  actual:   ${describeNode(ae)}`;
      const deeper = walk(ac, ec, here);
      if (deeper) return deeper;
    }
    return null;
  }
  return walk(actual, expected, 'body');
}

/** Puts block-level tags on their own lines so expected.html diffs well (the comparison ignores this). */
export function prettyHtml(html: string): string {
  const blocks = 'section|p|div|h[1-6]|ul|ol|li|table|thead|tbody|tr|figure|figcaption|blockquote|pre|hr|br';
  return (
    html
      .replace(new RegExp(`(</(?:${blocks})>)(?!\\n)`, 'gi'), '$1\n')
      .replace(new RegExp(`(?<!\\n)(<(?:section)\\b)`, 'gi'), '\n$1')
      .replace(/\n{2,}/g, '\n')
      .trim() + '\n'
  );
}
