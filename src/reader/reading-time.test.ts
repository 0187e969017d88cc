// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { articleReadingText, countReading, CJK_CHARS_PER_MINUTE, LATIN_WORDS_PER_MINUTE, readingMinutes, readingMinutesExact, showReadingTime } from './reading-time';

const han = (n: number) => '书房里坐满了读者'.repeat(Math.ceil(n / 8)).slice(0, n);
const words = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 ? 'train' : 'valley')).join(' ');

describe('countReading', () => {
  it('counts Chinese by characters, punctuation and spaces not counted', () => {
    expect(countReading('城市书房，点亮生活。“以前借书要跑很远！”')).toEqual({ cjkChars: 16, words: 0 });
  });

  it('counts English by words: hyphens and apostrophes inside a word, punctuation around it', () => {
    expect(countReading("The night train's well-known route — 300 km, twice a day.")).toEqual({ cjkChars: 0, words: 10 });
  });

  it('counts a number as one word, inside Chinese too', () => {
    expect(countReading('2023年GDP增长5.2%，达到1,260,582亿元')).toEqual({ cjkChars: 7, words: 4 });
    expect(countReading('1,000.5 3.5% 2019-12-10')).toEqual({ cjkChars: 0, words: 3 });
  });

  it('counts mixed text both ways', () => {
    expect(countReading('习近平在APEC会议上说：We will open wider.')).toEqual({ cjkChars: 8, words: 5 });
  });

  it('counts kana and Traditional characters as characters', () => {
    expect(countReading('ひらがなカタカナ與繁體字')).toEqual({ cjkChars: 12, words: 0 });
  });
});

describe('readingMinutes', () => {
  it(`pure Chinese at ${CJK_CHARS_PER_MINUTE} characters a minute`, () => {
    expect(readingMinutes(han(CJK_CHARS_PER_MINUTE * 12))).toBe(12);
    expect(readingMinutes(han(CJK_CHARS_PER_MINUTE * 12 + 40))).toBe(12);
    expect(readingMinutes(han(CJK_CHARS_PER_MINUTE * 12 + 200))).toBe(13);
  });

  it(`pure English at ${LATIN_WORDS_PER_MINUTE} words a minute`, () => {
    expect(readingMinutes(words(LATIN_WORDS_PER_MINUTE * 5))).toBe(5);
    expect(readingMinutes(words(LATIN_WORDS_PER_MINUTE * 3))).toBe(3);
  });

  it('mixed: the Chinese minutes and the English minutes add up', () => {
    const text = `${han(CJK_CHARS_PER_MINUTE * 4)} ${words(LATIN_WORDS_PER_MINUTE * 3)}`;
    expect(readingMinutesExact(countReading(text))).toBeCloseTo(7, 5);
    expect(readingMinutes(text)).toBe(7);
  });

  it('is at least one minute, nothing to read included', () => {
    expect(readingMinutes('')).toBe(1);
    expect(readingMinutes('短文。')).toBe(1);
  });
});

describe('showReadingTime', () => {
  it('sets <html data-reading-minutes> and adds the estimate to the header line; reader notices are not counted', () => {
    document.documentElement.removeAttribute('data-reading-minutes');
    document.body.innerHTML = `<article id="reader-content"><header class="article-header"><h1>标题</h1><p class="article-original"><a href="#">原文</a> · 共2页</p></header>
      <div class="article-body"><section data-page="1"><p>${han(CJK_CHARS_PER_MINUTE * 2)}</p></section>
      <div class="page-marker" data-reader-ui><a>第2页</a></div><div class="page-failed" data-reader-ui>${han(CJK_CHARS_PER_MINUTE * 5)}</div>
      <section data-page="2"><p>${han(CJK_CHARS_PER_MINUTE)}</p></section></div></article>`;
    const content = document.getElementById('reader-content') as HTMLElement;
    expect(showReadingTime(content)).toBe(3);
    expect(document.documentElement.dataset.readingMinutes).toBe('3');
    const span = content.querySelector('.article-original .reading-time') as HTMLElement;
    expect(span.textContent).toBe('readingTime');
    expect(span.dataset.cjkChars).toBe(String(CJK_CHARS_PER_MINUTE * 3));
    // Shown again (a retried page): one estimate, not two.
    showReadingTime(content);
    expect(content.querySelectorAll('.reading-time')).toHaveLength(1);
  });

  it('keeps words of adjacent blocks apart', () => {
    const div = document.createElement('div');
    div.innerHTML = '<p>one end.</p><p>Start two</p><ul><li>three</li><li>four</li></ul>';
    expect(countReading(articleReadingText(div)).words).toBe(6);
  });
});
