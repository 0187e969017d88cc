/**
 * The evaluate.py port against figures computed by the original script (Python 3.11:
 * `string_shingle_matching`, `_tokenize`, and `evaluate(gt, pred, 50)` after `random.seed(7)`)
 * on hand-made pairs covering: punctuation-only differences, an empty prediction, both empty,
 * texts shorter than one 4-gram, extra chrome, a substitution, repeated shingles, non-Latin
 * scripts / underscores / superscripts (`\w` is [\p{L}\p{N}_]), and a page with no truth.
 */
import { describe, expect, it } from 'vitest';
import { divToDouble, pyFixed, pyMean, pyStdev } from './exact';
import { PyRandom } from './py-random';
import { evaluateZyte, formatZyteLine, stringShingleMatching, zyteTokenize } from './zyte-evaluate';

const PAIRS: Record<string, [truth: string, pred: string]> = {
  same: ['The quick brown fox jumps over the lazy dog.', 'The quick brown fox jumps over the lazy dog!'],
  empty_pred: ['One two three four five six.', ''],
  both_empty: ['', '   ...  '],
  short: ['Hello world', 'hello world'],
  short_same: ['Hello, world', 'Hello world'],
  extra: [
    'Alpha beta gamma delta epsilon zeta eta theta.',
    'Menu Home News. Alpha beta gamma delta epsilon zeta eta theta. Share this on Twitter and Facebook now',
  ],
  partial: ['a b c d e f g h i j k l m n o p', 'a b c d e f g h x j k l m n o p q'],
  repeat: ['to be or not to be that is the question to be or not to be', 'to be or not to be'],
  unicode: ['新华社北京12月1日电 Café naïve_word ٣٤ ２０２４ 東京 x²', '新华社北京12月1日电 Café naïve_word ٣٤ ２０２４ 東京 x² extra words here ok'],
  no_truth: ['', 'Some predicted words where there is no truth at all'],
};

// evaluate.py's string_shingle_matching(true, pred) for each pair.
const PER_PAGE: Record<string, [number, number, number]> = {
  same: [1.0, 0.0, 0.0],
  empty_pred: [0.0, 0.0, 1.0],
  both_empty: [0.0, 0.0, 0.0],
  short: [0.0, 0.5, 0.5],
  short_same: [1.0, 0.0, 0.0],
  extra: [0.3333333333333333, 0.6666666666666666, 0.0],
  partial: [0.5, 0.2777777777777778, 0.2222222222222222],
  repeat: [0.23076923076923078, 0.0, 0.7692307692307693],
  unicode: [0.5, 0.5, 0.0],
  no_truth: [0.0, 1.0, 0.0],
};

describe('evaluate.py port', () => {
  it('tokenizes like re.findall(r"\\w+")', () => {
    expect(zyteTokenize(PAIRS.unicode![1])).toEqual(['新华社北京12月1日电', 'Café', 'naïve_word', '٣٤', '２０２４', '東京', 'x²', 'extra', 'words', 'here', 'ok']);
    expect(zyteTokenize(PAIRS.same![0])).toEqual(['The', 'quick', 'brown', 'fox', 'jumps', 'over', 'the', 'lazy', 'dog']);
    expect(zyteTokenize('   ...  ')).toEqual([]);
    expect(zyteTokenize(null)).toEqual([]);
  });

  it('gives string_shingle_matching’s normalized tp/fp/fn per page', () => {
    for (const [name, [t, p]] of Object.entries(PAIRS)) {
      expect(stringShingleMatching(t, p), name).toEqual(PER_PAGE[name]);
    }
  });

  it('gives evaluate()’s metrics and, with the same seed, its bootstrap errors, to the last bit', () => {
    const gt = Object.fromEntries(Object.entries(PAIRS).map(([k, [t]]) => [k, { articleBody: t }]));
    const pred = Object.fromEntries(Object.entries(PAIRS).map(([k, [, p]]) => [k, { articleBody: p }]));
    const m = evaluateZyte(gt, pred, 50, new PyRandom(7));
    expect(m.f1).toBe(0.5861262665627436);
    expect(m.precision).toBe(0.5595238095238095);
    expect(m.recall).toBe(0.6153846153846154);
    expect(m.accuracy).toBe(0.3);
    expect(m.f1_std).toBe(0.11643861719418638);
    expect(m.precision_std).toBe(0.15180715851028806);
    expect(m.recall_std).toBe(0.1600106488687451);
    expect(m.accuracy_std).toBe(0.1752549163769328);
    expect(formatZyteLine('hand', 'v1', m)).toBe('hand                 v1           0.586 ± 0.116  0.560 ± 0.152  0.615 ± 0.160  0.300 ± 0.175');
  });

  it('refuses predictions whose keys differ from the ground truth', () => {
    expect(() => evaluateZyte({ a: { articleBody: 'x' } }, { b: { articleBody: 'x' } }, 0, new PyRandom(0))).toThrow(/keys/);
  });
});

describe('Python-exact helpers', () => {
  it('draws what random.seed(s); random.randint(0, 180) draws', () => {
    const r = new PyRandom(42);
    expect(Array.from({ length: 8 }, () => r.randint(0, 180))).toEqual([163, 28, 6, 70, 62, 57, 35, 26]);
    const big = new PyRandom(12345678901234567890n);
    expect(Array.from({ length: 8 }, () => big.randint(0, 180))).toEqual([131, 139, 164, 114, 83, 90, 134, 58]);
  });

  it('means and standard deviations like the statistics module', () => {
    expect(pyMean([0.1, 0.2, 0.3])).toBe(0.2); // a float sum gives 0.20000000000000004
    expect(pyStdev([0.1, 0.2, 0.3])).toBe(0.09999999999999999);
    expect(pyMean([1e-3, 0.999999, 0.5, 0.25, 0.7])).toBe(0.49019979999999996);
    expect(pyStdev([1e-3, 0.999999, 0.5, 0.25, 0.7])).toBe(0.3876273275972683);
    expect(pyStdev([1, 1, 1])).toBe(0);
  });

  it('divides and formats like Python', () => {
    expect(divToDouble(1n, 3n)).toBe(1 / 3);
    expect(divToDouble(2n ** 60n + 1n, 3n)).toBe(384307168202282300);
    expect(pyFixed(0.0625, 3)).toBe('0.062'); // toFixed says 0.063
    expect(pyFixed(0.9465, 3)).toBe((0.9465).toFixed(3));
    expect(pyFixed(1, 3)).toBe('1.000');
    expect(pyFixed(0, 3)).toBe('0.000');
  });
});
