/**
 * A bounded, seeded fuzz run over the real corpus pages (fuzz.ts): no crash (only ArticleError may
 * be thrown), no hang, no unsafe output, no request to another site. 30 cases (seed 20240501, cases
 * 0-29: about 21 s of CPU; 100 before, about 58 s) in `npm test`; `npm run fuzz` runs 5,000 by default and
 * `npm run test:hostile -- --fuzz-cases N` this file with N. FUZZ_CASES / FUZZ_SEED override the
 * defaults here. A case that gives no answer within 60 s is a hang (the slowest of the first 30,
 * case 7, takes about 4 s of CPU, and took 32 s at load 25); the whole run may take 900 s (it took
 * over 300 s beside other files at load 22).
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createNodeDom } from '../../src/cli/node-dom';
import { writeFigures } from './figures';
import { DEFAULT_CORPUS_DIR, formatSummary, loadCorpus, runCase, runFuzzInChildren } from './fuzz';

const CASES = Number(process.env.FUZZ_CASES ?? 30);
const SEED = Number(process.env.FUZZ_SEED ?? 20_240_501);
const haveCorpus = existsSync(DEFAULT_CORPUS_DIR);

// Off CI a checkout without the corpus beside it skips the fuzz run and says so; on CI
// (`CI=true`) a missing corpus is a failure, never a silent skip.
if (!haveCorpus) console.warn(`Fuzz corpus not found at ${DEFAULT_CORPUS_DIR}: skipping the fuzz run (it needs ../shared/corpus beside the repository)`);
describe('the fuzz corpus is there where CI runs', () => {
  it.runIf(Boolean(process.env.CI))(`finds ${DEFAULT_CORPUS_DIR}`, () => expect(haveCorpus, `missing fuzz corpus: ${DEFAULT_CORPUS_DIR}`).toBe(true));
});

describe.skipIf(!haveCorpus)('fuzzing the corpus pages', () => {
  it('is deterministic: a case replays to the same input and outcome', async () => {
    const corpus = loadCorpus();
    const dom = createNodeDom();
    // Case 8 (a Xinhua page, mutated, read into an article): 0.2 s of CPU; case 7, used before, 4 s, run twice.
    const a = await runCase(8, SEED, corpus, dom, 60_000);
    const b = await runCase(8, SEED, corpus, dom, 60_000);
    expect({ ...b, ms: 0 }).toEqual({ ...a, ms: 0 });
  });

  it(`runs ${CASES} cases: no crash, no hang, no unsafe output, no off-domain request`, async () => {
    // In a child process, so that whatever jsdom keeps (see dom.ts) is not kept by a test worker
    // shared with other suites.
    const summary = await runFuzzInChildren({ cases: CASES, seed: SEED, batch: CASES, jobs: 1, perCaseTimeoutMs: 60_000 });
    writeFigures('fuzz', {
      seed: summary.seed,
      casesRun: summary.casesRun,
      articles: summary.articles,
      articleErrors: summary.articleErrors,
      crashes: summary.crashes,
      hangs: summary.hangs,
      unsafeOutputs: summary.violations,
      offDomainRequests: summary.offDomainRequests,
      slowest: summary.slowest ? { case: summary.slowest.index, page: summary.slowest.page, ms: summary.slowest.ms, mutations: summary.slowest.mutations } : null,
      ms: summary.ms,
      failures: summary.failures,
    });
    expect(summary.casesRun).toBe(CASES);
    expect(summary.failures, formatSummary(summary)).toEqual([]);
  }, 900_000);
});
