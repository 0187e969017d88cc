import { describe, expect, it } from 'vitest';
import { cjkAwareLength, cjkRatio, collapseSpace, guessLang, normalizeText } from './text';

describe('collapseSpace', () => {
  it('folds NBSP, ideographic space, zero-width space and newlines into one space and trims', () => {
    expect(collapseSpace('\u3000\u3000据新华社\u00a0\u00a0电\n\t报道\u200b ')).toBe('据新华社 电 报道');
  });
});

describe('normalizeText', () => {
  it('never leaves a space between two CJK characters', () => {
    expect(normalizeText('中 国')).toBe('中国');
    expect(normalizeText('中   国\n人\u3000民')).toBe('中国人民');
    expect(normalizeText('　　北京 ，  上海 。')).toBe('北京，上海。');
    expect(normalizeText('日本 の ニュース')).toBe('日本のニュース');
    expect(normalizeText('（ 完 ）')).toBe('（完）');
  });
  it('keeps spaces in English and between Chinese and Latin words or digits', () => {
    expect(normalizeText('  Liberty   and Order in Cyberspace ')).toBe('Liberty and Order in Cyberspace');
    expect(normalizeText('习近平 Xi Jinping 会见')).toBe('习近平 Xi Jinping 会见');
    expect(normalizeText('2019 年 6 月')).toBe('2019 年 6 月');
  });
  // BUG: CJK_OR_PUNCT tests one UTF-16 unit, so a space next to a supplementary-plane Han character
  // (CJK Extension B, e.g. 𠀀 U+20000, used in names) is kept: "𠀀 国" stays "𠀀 国", though CJK_CHAR
  // itself counts these characters as CJK.
  it.fails('drops the space next to a CJK Extension B character', () => {
    expect(normalizeText('\u{20000} 国')).toBe('\u{20000}国');
  });
});

describe('cjkAwareLength', () => {
  it('counts each CJK character as one and each other word as one', () => {
    expect(cjkAwareLength('中国人民')).toBe(4);
    expect(cjkAwareLength('Liberty and Order')).toBe(3);
    expect(cjkAwareLength('习近平 met Xi')).toBe(5);
    expect(cjkAwareLength('2019年6月')).toBe(4);
    expect(cjkAwareLength('，。！ -- ')).toBe(0);
    expect(cjkAwareLength('')).toBe(0);
    expect(cjkAwareLength('\u{20000}')).toBe(1);
  });
});

describe('cjkRatio', () => {
  it('is the share of CJK among letters', () => {
    expect(cjkRatio('中国')).toBe(1);
    expect(cjkRatio('ab')).toBe(0);
    expect(cjkRatio('中a')).toBe(0.5);
    expect(cjkRatio('123')).toBe(0);
  });
});

describe('guessLang', () => {
  it('tells Simplified, Traditional and English apart', () => {
    expect(guessLang('新华网北京1月16日电 这个国家的经济发展与实际情况，记者从国务院获悉。')).toBe('zh-CN');
    expect(guessLang('新華網北京1月16日電 這個國家的經濟發展與實際情況，記者從國務院獲悉。')).toBe('zh-TW');
    expect(guessLang('Lu Wei: Liberty and Order in Cyberspace. BEIJING, Sept. 10 (Xinhua) -- The full text.')).toBe('en');
  });
  it('calls Chinese text with some English words Chinese', () => {
    expect(guessLang('人民网讯 据报道，iPhone 和 Android 手机用户在中国的数量持续增长，专家表示这个趋势还会继续。')).toBe('zh-CN');
  });
  it('returns null for nothing to go on', () => {
    expect(guessLang('')).toBeNull();
    expect(guessLang('   ')).toBeNull();
    expect(guessLang('123 456')).toBeNull();
  });
});
