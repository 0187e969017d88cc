import { describe, expect, it } from 'vitest';
import { comparableText, goalCheck, scoreOutput, summarize, type PageResult } from './evaluate';
import type { GroundTruth } from './ground-truth';

const withTitle: GroundTruth = { kind: 'text', format: 'reference', text: '标题\n正文', includesTitle: true, file: 'x' };
const bodyOnly: GroundTruth = { kind: 'text', format: 'cleaned', text: '正文', includesTitle: false, file: 'y' };

describe('comparableText / scoreOutput', () => {
  it('prepends the title only for formats whose truth includes the headline', () => {
    expect(comparableText(withTitle, { title: '标题', text: '正文' })).toBe('标题\n正文');
    expect(comparableText(bodyOnly, { title: '标题', text: '正文' })).toBe('正文');
    expect(scoreOutput(withTitle, { title: '标题', text: '正文' })).toMatchObject({ kind: 'f1', score: { f1: 1 } });
    expect(scoreOutput(bodyOnly, { title: '标题', text: '正文' })).toMatchObject({ kind: 'f1', score: { f1: 1 } });
  });

  it('scores nothing extracted as 0', () => {
    expect(scoreOutput(bodyOnly, { title: null, text: null })).toMatchObject({ kind: 'f1', score: { f1: 0 } });
  });

  it('checks snippets for evaldata', () => {
    const t: GroundTruth = { kind: 'snippets', format: 'evaldata', with: ['正文'], without: ['广告'], title: null, file: 'z' };
    expect(scoreOutput(t, { title: null, text: '正文' })).toMatchObject({ kind: 'snippets', result: { pass: true } });
  });
});

function row(group: 'people' | 'xinhua' | 'other', p: number | 'error', r: number): PageResult {
  const f1 = (x: number) => ({ kind: 'f1' as const, score: { f1: x, precision: x, recall: x, predTokens: 1, truthTokens: 1, overlap: 1 } });
  return {
    file: 'f', short: 'f', site: group, group, format: 'cleaned', url: 'u', truthFile: 't',
    pipeline: p === 'error' ? { kind: 'error', error: 'boom' } : f1(p),
    readability: f1(r),
  };
}

describe('summaries and the goal', () => {
  it('averages per group and counts pipeline errors as 0', () => {
    const rs = [row('people', 1, 0.9), row('people', 'error', 0.8)];
    const s = summarize(rs, 'people', () => true);
    expect(s).toMatchObject({ pages: 2, pipelineMean: 0.5, pipelineErrors: 1 });
    expect(s.readabilityMean).toBeCloseTo(0.85);
  });

  it('passes only with mean ≥ 0.97 and above Readability in every group', () => {
    const rs = [row('people', 0.99, 0.9), row('xinhua', 0.98, 0.97), row('other', 0.96, 0.97)];
    const groups = (['people', 'xinhua', 'other'] as const).map((g) => summarize(rs, g, (r) => r.group === g));
    const g = goalCheck(summarize(rs, 'overall', () => true), groups);
    expect(g.meanOk).toBe(true);
    expect(g.aboveReadabilityEveryGroup).toBe(false);
    expect(g.pass).toBe(false);
  });

  it('is not checked when the pipeline is unavailable', () => {
    const r: PageResult = { ...row('people', 1, 1), pipeline: { kind: 'unavailable', error: 'missing' } };
    const overall = summarize([r], 'overall', () => true);
    expect(overall.pipelineMean).toBeNull();
    expect(goalCheck(overall, []).pass).toBeNull();
  });
});
