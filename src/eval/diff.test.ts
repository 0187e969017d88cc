import { describe, expect, it } from 'vitest';
import { diffTexts, lcsPairs, renderDiff } from './diff';

function lcsLength(a: number[], b: number[]): number {
  const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) t[i]![j] = a[i - 1] === b[j - 1] ? t[i - 1]![j - 1]! + 1 : Math.max(t[i - 1]![j]!, t[i]![j - 1]!);
  return t[a.length]![b.length]!;
}

describe('lcsPairs', () => {
  it('finds a longest common subsequence (checked against a full table on random inputs)', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 40; round++) {
      const a = Array.from({ length: rnd(120) }, () => rnd(6));
      const b = Array.from({ length: rnd(120) }, () => rnd(6));
      const pairs = lcsPairs(a, b);
      expect(pairs.length).toBe(lcsLength(a, b));
      for (let k = 0; k < pairs.length; k++) {
        const [i, j] = pairs[k]!;
        expect(a[i]).toBe(b[j]);
        if (k) {
          expect(i).toBeGreaterThan(pairs[k - 1]![0]);
          expect(j).toBeGreaterThan(pairs[k - 1]![1]);
        }
      }
    }
  });
});

describe('diffTexts', () => {
  it('reports missing and extra text as runs of original characters', () => {
    const truth = '标题\n第一段正文内容。\n第二段正文内容，很重要。';
    const predicted = '人民网首页 > 文化\n第一段正文内容。\n（责编：张三）';
    const d = diffTexts(predicted, truth);
    expect(d.missing.map((r) => r.text)).toEqual(['标题', '第二段正文内容，很重要']);
    expect(d.extra.map((r) => r.text)).toEqual(['人民网首页 > 文化', '责编：张三']);
    expect(d.missingTokens).toBe(2 + 10);
    const out = renderDiff(d);
    expect(out).toContain('【第二段正文内容，很重要】');
    expect(out).toContain('MISSING');
    expect(out).toContain('EXTRA');
  });

  it('is empty for equal token sequences', () => {
    const d = diffTexts('Hello, world 你好', 'hello world 你好。');
    expect(d.missing).toEqual([]);
    expect(d.extra).toEqual([]);
  });

  it('bridges tiny matched gaps so a run reads as one piece of text', () => {
    // "的" inside the boilerplate also occurs in the truth; the run should not split around it.
    const d = diffTexts('正文。相关新闻的链接列表', '正文的');
    expect(d.extra.map((r) => r.text)).toEqual(['相关新闻的链接列表']);
  });
});
