import { describe, expect, it } from 'vitest';
import { articleTerms, foldToSimplified, queryPlan } from './search-terms';

describe('articleTerms', () => {
  it('indexes a CJK run as bigrams plus its last character', () => {
    expect(articleTerms('城市书房')).toEqual(['城市', '市书', '书房', '房']);
  });

  it('splits runs at punctuation and between scripts', () => {
    expect(articleTerms('5G网络，全覆盖。')).toEqual(['5g', '网络', '络', '全覆', '覆盖', '盖']);
  });

  it('lower-cases words, folds full-width forms and drops diacritics', () => {
    expect(articleTerms('Café ＡＢＣ Zürich')).toEqual(['cafe', 'abc', 'zurich']);
  });

  it('keeps each term once', () => {
    expect(articleTerms('书房书房', 'the the')).toEqual(['书房', '房书', '房', 'the']);
  });

  it('handles characters outside the Basic Multilingual Plane', () => {
    expect(articleTerms('𠀀人')).toEqual(['𠀀人', '人']);
  });
});

describe('queryPlan', () => {
  it('looks up the bigrams of a Chinese query', () => {
    expect(queryPlan('城市书房')).toEqual({ exact: ['城市', '市书', '书房'], prefixes: [] });
  });

  it('treats a lone CJK character as a prefix', () => {
    expect(queryPlan('书')).toEqual({ exact: [], prefixes: ['书'] });
  });

  it('treats the last word as a prefix while it is being typed', () => {
    expect(queryPlan('night tra')).toEqual({ exact: ['night'], prefixes: ['tra'] });
    expect(queryPlan('night train ')).toEqual({ exact: ['night', 'train'], prefixes: [] });
  });

  it('has nothing to look up in punctuation', () => {
    expect(queryPlan(' ，。!? ')).toEqual({ exact: [], prefixes: [] });
  });
});

describe('Traditional and Simplified Chinese', () => {
  it('fold to Simplified, character by character (OpenCC table)', () => {
    expect(foldToSimplified('中國經濟發展，頭髮')).toBe('中国经济发展，头发');
    expect(foldToSimplified('城市书房 and ASCII')).toBe('城市书房 and ASCII');
  });
  it('index and query to the same terms', () => {
    expect(articleTerms('中國經濟')).toEqual(articleTerms('中国经济'));
    expect(queryPlan('經濟')).toEqual(queryPlan('经济'));
  });
  it('find an article in whichever script the reader shows it (phrase-level conversion, script-convert.ts)', async () => {
    const { converterFor } = await import('../reader/script-convert');
    const text = '他心神不宁状态下，头发白了不少。经济发展很快，这里的台风和面条都有名。';
    const terms = new Set(articleTerms(text));
    for (const target of ['hant', 'hk'] as const) {
      const shown = (await converterFor('cn', target))(text);
      expect(shown).not.toBe(text);
      // Every word a reader copies from the converted view finds the Simplified original.
      for (const term of queryPlan(shown).exact) expect(terms.has(term), `${target}: ${term}`).toBe(true);
      expect(new Set(articleTerms(shown))).toEqual(terms);
    }
    // Taiwan's own words (軟體 for 软件) are other words, not other characters: those do not fold.
    expect(queryPlan((await converterFor('cn', 'tw'))('软件')).exact).not.toEqual(queryPlan('软件').exact);
  });
});
