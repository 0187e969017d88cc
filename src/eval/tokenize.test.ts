import { describe, expect, it } from 'vitest';
import { checkSnippets, normalizeForSnippet, tokenF1, tokenize, tokenizeWithOffsets } from './tokenize';

describe('tokenize', () => {
  it('makes every CJK ideograph one token and drops CJK punctuation', () => {
    expect(tokenize('新华社北京，电。')).toEqual(['新', '华', '社', '北', '京', '电']);
    expect(tokenize('「人民网」、《报》…')).toEqual(['人', '民', '网', '报']);
  });

  it('makes each run of Latin letters / digits one lowercased token', () => {
    expect(tokenize('BEIJING, Jan. 8 (Xinhua) -- U.S. 2,000')).toEqual(['beijing', 'jan', '8', 'xinhua', 'u', 's', '2', '000']);
  });

  it('splits digits from adjacent CJK characters', () => {
    expect(tokenize('2024年5月10日')).toEqual(['2024', '年', '5', '月', '10', '日']);
  });

  it('folds fullwidth forms with NFKC, so half- and fullwidth score the same', () => {
    expect(tokenize('１月１２日电ＡＢＣ')).toEqual(tokenize('1月12日电abc'));
  });

  it('tokenizes traditional characters, kana and hangul per character', () => {
    expect(tokenize('新華網')).toEqual(['新', '華', '網']);
    expect(tokenize('ニュース')).toEqual(['ニ', 'ュ', 'ー', 'ス']);
    expect(tokenize('한국')).toEqual(['한', '국']);
  });

  it('ignores all whitespace, including ideographic and no-break spaces', () => {
    expect(tokenize('\u3000\u3000正文\u00a0text\n\n下一段')).toEqual(['正', '文', 'text', '下', '一', '段']);
  });

  it('keeps offsets into the original string', () => {
    const src = '　ＡＢ 新华';
    const toks = tokenizeWithOffsets(src);
    expect(toks.map((t) => t.text)).toEqual(['ab', '新', '华']);
    expect(src.slice(toks[0]!.start, toks[0]!.end)).toBe('ＡＢ');
    expect(src.slice(toks[2]!.start, toks[2]!.end)).toBe('华');
  });
});

describe('tokenF1', () => {
  it('is 1 for identical token multisets regardless of punctuation and spacing', () => {
    expect(tokenF1('新华社 北京电。', '新华社北京电').f1).toBe(1);
  });

  it('is 0 for disjoint texts and when the prediction is empty', () => {
    expect(tokenF1('甲乙', '丙丁').f1).toBe(0);
    expect(tokenF1('', '丙丁').f1).toBe(0);
  });

  it('is 1 when both sides are empty', () => {
    expect(tokenF1('', '。').f1).toBe(1);
  });

  it('computes precision and recall over the multiset', () => {
    // truth 4 tokens, prediction 5 tokens (one extra), 4 overlap
    const s = tokenF1('甲乙丙丁戊', '甲乙丙丁');
    expect(s.precision).toBeCloseTo(4 / 5);
    expect(s.recall).toBe(1);
    expect(s.f1).toBeCloseTo((2 * 0.8 * 1) / 1.8);
  });

  it('counts repeated tokens: a duplicated paragraph costs precision', () => {
    const s = tokenF1('好好好', '好');
    expect(s.overlap).toBe(1);
    expect(s.precision).toBeCloseTo(1 / 3);
    expect(s.recall).toBe(1);
  });

  it('ignores order (multiset, not sequence)', () => {
    expect(tokenF1('乙甲 world hello', 'hello world 甲乙').f1).toBe(1);
  });
});

describe('checkSnippets', () => {
  it('passes when every "with" is present and every "without" absent, ignoring whitespace and width', () => {
    const r = checkSnippets('一个约定，信守１５年，\n感人至深。', ['一个约定，信守15年，感人至深'], ['ICP证010042号']);
    expect(r).toMatchObject({ pass: true, withFound: 1, withoutAbsent: 1 });
  });

  it('reports missing and unwanted snippets', () => {
    const r = checkSnippets('正文 copyright (c) 2000', ['正文', '结尾'], ['Copyright (c) 2000']);
    expect(r.pass).toBe(false);
    expect(r.missing).toEqual(['结尾']);
    expect(r.unwanted).toEqual(['Copyright (c) 2000']);
  });

  it('normalizes for containment', () => {
    expect(normalizeForSnippet(' Ａ b\u3000c ')).toBe('abc');
  });
});
