/**
 * Scoring of one system's output against a page's ground truth, and the summaries the eval prints.
 */
import type { GroundTruth } from './ground-truth';
import { siteGroup } from './ground-truth';
import { checkSnippets, tokenF1, type F1Score, type SnippetResult } from './tokenize';

/** What a system produced for one page (null title/text = nothing extracted). */
export interface SystemOutput {
  title: string | null;
  text: string | null;
}

/** The text that is compared with the truth: title + body when the truth includes the headline. */
export function comparableText(truth: GroundTruth, out: SystemOutput): string {
  const body = out.text ?? '';
  if (truth.kind === 'text' && truth.includesTitle) return `${out.title ?? ''}\n${body}`;
  return body;
}

export type SystemScore =
  | { kind: 'f1'; score: F1Score }
  | { kind: 'snippets'; result: SnippetResult }
  | { kind: 'error'; error: string }
  | { kind: 'unavailable'; error: string };

export function scoreOutput(truth: GroundTruth, out: SystemOutput): SystemScore {
  if (truth.kind === 'snippets') return { kind: 'snippets', result: checkSnippets(out.text ?? '', truth.with, truth.without) };
  return { kind: 'f1', score: tokenF1(comparableText(truth, out), truth.text) };
}

export interface PageResult {
  file: string;
  short: string;
  site: string;
  group: 'people' | 'xinhua' | 'other';
  format: string;
  url: string;
  truthFile: string;
  pipeline: SystemScore;
  readability: SystemScore;
  /** Extra facts about the pipeline's read (site rule, page count…), for the JSON output. */
  pipelineInfo?: Record<string, unknown>;
}

/** F1 of a score for averaging: errors count as 0, unavailable / snippet pages are excluded (null). */
export function f1Of(s: SystemScore): number | null {
  if (s.kind === 'f1') return s.score.f1;
  if (s.kind === 'error') return 0;
  return null;
}

export interface GroupSummary {
  group: string;
  pages: number;
  pipelineMean: number | null;
  readabilityMean: number | null;
  /** Pages where the pipeline failed (counted as F1 0 in the mean). */
  pipelineErrors: number;
}

function mean(xs: number[]): number | null {
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null;
}

export function summarize(results: PageResult[], group: string, filter: (r: PageResult) => boolean): GroupSummary {
  const rows = results.filter((r) => filter(r) && r.pipeline.kind !== 'snippets' && r.readability.kind !== 'snippets');
  const p = rows.map((r) => f1Of(r.pipeline)).filter((x): x is number => x !== null);
  const b = rows.map((r) => f1Of(r.readability)).filter((x): x is number => x !== null);
  return {
    group,
    pages: rows.length,
    pipelineMean: p.length === rows.length ? mean(p) : null,
    readabilityMean: mean(b),
    pipelineErrors: rows.filter((r) => r.pipeline.kind === 'error').length,
  };
}

export const GROUPS = ['people', 'xinhua', 'other'] as const;

export interface GoalCheck {
  /** Overall mean pipeline F1 ≥ threshold. */
  meanOk: boolean | null;
  /** Pipeline mean > Readability mean in every site group that has pages. */
  aboveReadabilityEveryGroup: boolean | null;
  pass: boolean | null;
  threshold: number;
  detail: string[];
}

export function goalCheck(overall: GroupSummary, groups: GroupSummary[], threshold = 0.97): GoalCheck {
  const detail: string[] = [];
  if (overall.pipelineMean === null) {
    return { meanOk: null, aboveReadabilityEveryGroup: null, pass: null, threshold, detail: ['pipeline unavailable: goal not checked'] };
  }
  const meanOk = overall.pipelineMean >= threshold;
  detail.push(`overall mean F1 ${overall.pipelineMean.toFixed(4)} ${meanOk ? '≥' : '<'} ${threshold}`);
  let above = true;
  for (const g of groups) {
    if (!g.pages || g.pipelineMean === null || g.readabilityMean === null) continue;
    const ok = g.pipelineMean > g.readabilityMean;
    above &&= ok;
    detail.push(`${g.group}: pipeline ${g.pipelineMean.toFixed(4)} ${ok ? '>' : '≤'} Readability ${g.readabilityMean.toFixed(4)}`);
  }
  return { meanOk, aboveReadabilityEveryGroup: above, pass: meanOk && above, threshold, detail };
}

export { siteGroup };
