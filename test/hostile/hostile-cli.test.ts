/**
 * The hostile payloads through the `wholestory` CLI: `--format html` (a whole document opened straight
 * from disk) and `--format json` (its `contentHtml`), fetched through the CLI's own Node fetch with
 * `--proxy` pointing at the local server. In-process (`runCli`): html for every payload, json for the
 * split, headline and base/meta ones; then, as a real child process (`node bin/wholestory.mjs`), both
 * formats over one page that carries every body payload at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WholeArticle } from '../../src/pipeline/types';
import { checkHtmlDocument, checkSanitizedHtml, collapse, describeViolations, type CheckResult } from './check';
import { writeFigures } from './figures';
import { combinedCase, hostileCases, type FrameId, type HostileCase } from './pages';
import { SPLIT_PAYLOADS } from './payloads';
import { startHostileServer, type HostileServer } from './server';
import { cli, spawnCli } from '../support/cli-runs';

let server: HostileServer;
const rows: Array<{ case: string; format: string; violations: string[]; exit: number }> = [];

/** Every payload in one frame; the split payloads in the other two as well. */
const FRAME: FrameId = 'people-2022';
const cases: HostileCase[] = [
  ...hostileCases([FRAME]),
  ...hostileCases(['xinhua-2019', 'xinhua-2012'], SPLIT_PAYLOADS),
];
const combined = combinedCase('xinhua-2019');

beforeAll(async () => {
  server = await startHostileServer();
  for (const c of [...cases, combined]) for (const [url, page] of Object.entries(c.pages)) server.route(url, { headers: { 'content-type': page.contentType }, body: page.body });
});

afterAll(async () => {
  const surviving = rows.filter((r) => r.violations.length > 0);
  writeFigures('hostile-cli', {
    runs: rows.length,
    payloadsTried: new Set(rows.filter((r) => !r.case.startsWith('combined@')).map((r) => r.case.split('@')[0])).size,
    runsSurviving: surviving.length,
    surviving: surviving.map((r) => `${r.case} (${r.format}): ${r.violations.join('; ')}`),
  });
  await server?.close();
});

/** `wholestory ARGS` through the hostile server (in this process, or as a child process). */
const cliInProcess = (args: string[]) => cli([...args, '--proxy', server.origin, '--timeout', '3000']);
const cliChild = (args: string[]) => spawnCli([...args, '--proxy', server.origin]);

function expectClean(c: HostileCase, format: string, result: CheckResult, raw: string, exit: number): void {
  rows.push({ case: c.id, format, violations: result.violations.map((v) => `${v.rule}: ${v.detail}`), exit });
  expect(result.violations, describeViolations(result.violations)).toEqual([]);
  for (const s of c.payload.mustNotAppear ?? []) expect(raw).not.toContain(s);
  expect(result.text).toContain(collapse(c.legit[0] as string));
  for (const t of c.legit) expect(result.text).toContain(collapse(t));
}

describe('wholestory --format json', () => {
  // Every payload's JSON `contentHtml` is the pipeline output hostile.test.ts checks, and the child
  // process below prints JSON for a page carrying all of them at once; here: split and headline ones.
  const jsonCases = cases.filter((c) => c.payload.split || c.payload.target === 'title' || c.payload.category === 'base-meta');
  it.each(jsonCases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const run = await cliInProcess([c.start, '-f', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as WholeArticle;
    expect(json.pageCount).toBe(c.urls.length);
    expectClean(c, 'json', checkSanitizedHtml(json.contentHtml), json.contentHtml, run.code ?? -1);
  });
});

describe('wholestory --format html', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const run = await cliInProcess([c.start, '-f', 'html']);
    expect(run.code).toBe(0);
    const result = checkHtmlDocument(run.stdout);
    expectClean(c, 'html', result, run.stdout, run.code ?? -1);
    expect(result.csp).toMatch(/default-src 'none'/);
    if (c.payload.target === 'title') {
      // The headline is text in <title> and <h1>, never markup.
      const doc = new (await import('jsdom')).JSDOM(run.stdout).window.document;
      expect(doc.querySelector('header h1')?.children.length).toBe(0);
      expect(doc.head.querySelectorAll('script, img').length).toBe(0);
    }
  });
});

describe('node bin/wholestory.mjs over one page carrying every payload', () => {
  it.each([['html'], ['json']])('--format %s', async (format) => {
    const run = await cliChild([combined.start, '-f', format]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = format === 'json' ? checkSanitizedHtml((JSON.parse(run.stdout) as WholeArticle).contentHtml) : checkHtmlDocument(run.stdout);
    expectClean(combined, `${format} (child process)`, result, run.stdout, run.code ?? -1);
  });
});
