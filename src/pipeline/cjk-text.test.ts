import { describe, expect, it } from 'vitest';
import { cjkAwareLength, cjkRatio, collapseSegmentBreaks, collapseSpace, guessLang, joinCjkLineBreaks, normalizeText } from './cjk-text';

describe('collapseSpace', () => {
  it('folds NBSP, ideographic space, zero-width space and newlines into one space and trims', () => {
    expect(collapseSpace('\u3000\u3000据新华社\u00a0\u00a0电\n\t报道\u200b ')).toBe('据新华社 电 报道');
  });
});

describe('normalizeText', () => {
  it('never inserts a space between two CJK characters: source line breaks between them vanish', () => {
    expect(normalizeText('中\n国')).toBe('中国');
    expect(normalizeText('中华人民\r\n    共和国')).toBe('中华人民共和国');
    expect(normalizeText('北京，\n上海。\n')).toBe('北京，上海。');
    expect(normalizeText('日本の\nニュース')).toBe('日本のニュース');
    expect(normalizeText('（完\n）')).toBe('（完）');
    expect(normalizeText('\u3000\u3000据新华社\n电')).toBe('据新华社电');
  });
  it('keeps spaces the author typed between CJK words ("本报记者 葛灵丹")', () => {
    expect(normalizeText('本报记者 葛灵丹')).toBe('本报记者 葛灵丹');
    expect(normalizeText('本报记者   葛灵丹')).toBe('本报记者 葛灵丹');
  });
  it('keeps spaces in English and between Chinese and Latin words or digits', () => {
    expect(normalizeText('  Liberty   and Order in Cyberspace ')).toBe('Liberty and Order in Cyberspace');
    expect(normalizeText('Liberty\nand Order')).toBe('Liberty and Order');
    expect(normalizeText('习近平 Xi Jinping 会见')).toBe('习近平 Xi Jinping 会见');
    expect(normalizeText('习近平\nXi Jinping')).toBe('习近平 Xi Jinping');
    expect(normalizeText('2019 年 6 月')).toBe('2019 年 6 月');
  });  it('drops a source line break next to a CJK Extension B character', () => {
    expect(normalizeText('\u{20000}\n国')).toBe('\u{20000}国');
  });
});

describe('collapseSegmentBreaks', () => {
  it('removes line breaks between CJK characters and turns the others into spaces, leaving spaces alone', () => {
    expect(collapseSegmentBreaks('中\n国')).toBe('中国');
    expect(collapseSegmentBreaks('a\nb')).toBe('a b');
    expect(collapseSegmentBreaks('中 国')).toBe('中 国');
    expect(collapseSegmentBreaks('中\n\n  国 and\r\nmore')).toBe('中国 and more');
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

describe('joinCjkLineBreaks', () => {
  it('joins CJK line wraps only', () => {
    expect(joinCjkLineBreaks('中\n  文')).toBe('中文');
    expect(joinCjkLineBreaks('中文\nEnglish')).toBe('中文\nEnglish');
    expect(joinCjkLineBreaks('记者 张三')).toBe('记者 张三');
    expect(joinCjkLineBreaks('一。\n二')).toBe('一。二');
  });
});
