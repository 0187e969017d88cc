import { describe, expect, it } from 'vitest';
import { expectMaps } from '../../test/support/maps';
import { cjkAwareLength, cjkRatio, collapseSegmentBreaks, collapseSpace, guessLang, joinCjkLineBreaks, normalizeText } from './cjk-text';

describe('collapseSpace', () => {
  it('folds NBSP, ideographic space, zero-width space and newlines into one space and trims', () => {
    expect(collapseSpace('\u3000\u3000据新华社\u00a0\u00a0电\n\t报道\u200b ')).toBe('据新华社 电 报道');
  });
});

describe('normalizeText', () => {
  it('never inserts a space between two CJK characters: source line breaks between them vanish', () => {
    expectMaps(normalizeText, [
      ['中\n国', '中国'],
      ['中华人民\r\n    共和国', '中华人民共和国'],
      ['北京，\n上海。\n', '北京，上海。'],
      ['日本の\nニュース', '日本のニュース'],
      ['（完\n）', '（完）'],
      ['\u3000\u3000据新华社\n电', '据新华社电'],
    ]);
  });
  it('keeps spaces the author typed between CJK words ("本报记者 葛灵丹")', () => {
    expectMaps(normalizeText, [
      ['本报记者 葛灵丹', '本报记者 葛灵丹'],
      ['本报记者   葛灵丹', '本报记者 葛灵丹'],
    ]);
  });
  it('keeps spaces in English and between Chinese and Latin words or digits', () => {
    expectMaps(normalizeText, [
      ['  Liberty   and Order in Cyberspace ', 'Liberty and Order in Cyberspace'],
      ['Liberty\nand Order', 'Liberty and Order'],
      ['习近平 Xi Jinping 会见', '习近平 Xi Jinping 会见'],
      ['习近平\nXi Jinping', '习近平 Xi Jinping'],
      ['2019 年 6 月', '2019 年 6 月'],
    ]);
  });  it('drops a source line break next to a CJK Extension B character', () => {
    expect(normalizeText('\u{20000}\n国')).toBe('\u{20000}国');
  });
});

describe('collapseSegmentBreaks', () => {
  it('removes line breaks between CJK characters and turns the others into spaces, leaving spaces alone', () => {
    expectMaps(collapseSegmentBreaks, [['中\n国', '中国'], ['a\nb', 'a b'], ['中 国', '中 国'], ['中\n\n  国 and\r\nmore', '中国 and more']]);
  });
});

describe('cjkAwareLength', () => {
  it('counts each CJK character as one and each other word as one', () => {
    expectMaps(cjkAwareLength, [['中国人民', 4], ['Liberty and Order', 3], ['习近平 met Xi', 5], ['2019年6月', 4], ['，。！ -- ', 0], ['', 0], ['\u{20000}', 1]]);
  });
});

describe('cjkRatio', () => {
  it('is the share of CJK among letters', () => {
    expectMaps(cjkRatio, [['中国', 1], ['ab', 0], ['中a', 0.5], ['123', 0]]);
  });
});

describe('guessLang', () => {
  it('calls Chinese text with some English words Chinese', () => {
    expect(guessLang('人民网讯 据报道，iPhone 和 Android 手机用户在中国的数量持续增长，专家表示这个趋势还会继续。')).toBe('zh-CN');
  });
  it('tells Simplified, Traditional and English apart', () => {
    expectMaps(guessLang, [
      ['新华网北京1月16日电 这个国家的经济发展与实际情况，记者从国务院获悉。', 'zh-CN'],
      ['新華網北京1月16日電 這個國家的經濟發展與實際情況，記者從國務院獲悉。', 'zh-TW'],
      ['Lu Wei: Liberty and Order in Cyberspace. BEIJING, Sept. 10 (Xinhua) -- The full text.', 'en'],
    ]);
  });
  it('returns null for nothing to go on', () => {
    expectMaps(guessLang, [['', null], ['   ', null], ['123 456', null]]);
  });
});

describe('joinCjkLineBreaks', () => {
  it('joins CJK line wraps only', () => {
    expectMaps(joinCjkLineBreaks, [['中\n  文', '中文'], ['中文\nEnglish', '中文\nEnglish'], ['记者 张三', '记者 张三'], ['一。\n二', '一。二']]);
  });
});
