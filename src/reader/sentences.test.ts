import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences';

const texts = (text: string) => splitSentences(text).map((s) => s.text);

describe('splitSentences: Chinese', () => {
  it('ends sentences at 。！？； and keeps the mark', () => {
    expect(texts('夜行列车准时驶出山谷。车厢里坐满了人！你去吗？我去；他也去。')).toEqual(['夜行列车准时驶出山谷。', '车厢里坐满了人！', '你去吗？', '我去；', '他也去。']);
  });

  it('keeps closing quotes and brackets with the sentence they end', () => {
    expect(texts('他说：“请保管好行李。”列车员走了。')).toEqual(['他说：“请保管好行李。”', '列车员走了。']);
    expect(texts('「你好嗎？」她問。『再見！』')).toEqual(['「你好嗎？」', '她問。', '『再見！』']);
    expect(texts('（这是括号里的话。）下一句。')).toEqual(['（这是括号里的话。）', '下一句。']);
  });

  it('treats an ellipsis (…, ……, ⋯⋯) as an end, with its quote', () => {
    expect(texts('“请保管好行李”……票价12元。')).toEqual(['“请保管好行李”……', '票价12元。']);
    expect(texts('他想了想……“算了吧……”然后走了。')).toEqual(['他想了想……', '“算了吧……”', '然后走了。']);
    expect(texts('等一等⋯⋯好了。')).toEqual(['等一等⋯⋯', '好了。']);
  });

  it('keeps a run of marks together (？！, 。。。)', () => {
    expect(texts('真的吗？！不会吧。')).toEqual(['真的吗？！', '不会吧。']);
  });

  it('never splits on spaces, commas or decimals in Chinese', () => {
    expect(texts('全程 3.5 小时，票价 12 元，约合 1.7 美元。')).toEqual(['全程 3.5 小时，票价 12 元，约合 1.7 美元。']);
    expect(texts('第1页第1段：夜行列车准时驶出山谷，车厢里坐满了回乡的学生、赶集的农民和出差的工人，列车员一遍遍检查车票，“请保管好行李”……票价12元，全程3.5小时。')).toEqual([
      '第1页第1段：夜行列车准时驶出山谷，车厢里坐满了回乡的学生、赶集的农民和出差的工人，列车员一遍遍检查车票，“请保管好行李”……',
      '票价12元，全程3.5小时。',
    ]);
  });

  it('gives text without an end mark as one sentence (a heading, a caption)', () => {
    expect(texts('第一部分　发展成就')).toEqual(['第一部分　发展成就']);
    expect(texts('新华社记者 金立旺 摄')).toEqual(['新华社记者 金立旺 摄']);
  });
});

describe('splitSentences: English', () => {
  it('ends at . ! ? followed by a space and a capital', () => {
    expect(texts('The train left at nine. It arrived before dawn! Did anyone sleep? Nobody knows.')).toEqual([
      'The train left at nine.',
      'It arrived before dawn!',
      'Did anyone sleep?',
      'Nobody knows.',
    ]);
  });

  it('keeps titles, shorthand and initials inside the sentence', () => {
    expect(texts('Mr. Smith met Dr. Li at St. Paul. They talked.')).toEqual(['Mr. Smith met Dr. Li at St. Paul.', 'They talked.']);
    expect(texts('Bring tea, rice, etc. and come early, e.g. at six. Fine.')).toEqual(['Bring tea, rice, etc. and come early, e.g. at six.', 'Fine.']);
    expect(texts('J. K. Rowling wrote it. The U.S. Senate agreed.')).toEqual(['J. K. Rowling wrote it.', 'The U.S. Senate agreed.']);
    expect(texts('See No. 5 and Fig. 2 from Jan. 12. I said no. Then I left.')).toEqual(['See No. 5 and Fig. 2 from Jan. 12.', 'I said no.', 'Then I left.']);
  });

  it('keeps decimals, versions and times intact', () => {
    expect(texts('The trip takes 3.5 hours and costs $1.70. Version 2.0.1 is out.')).toEqual(['The trip takes 3.5 hours and costs $1.70.', 'Version 2.0.1 is out.']);
    expect(texts('Growth was 6.1 percent in 2019. 2020 was different.')).toEqual(['Growth was 6.1 percent in 2019.', '2020 was different.']);
  });

  it('keeps closing quotes with the sentence and does not split before lowercase', () => {
    expect(texts('"I used to spend two days on the road," said a farmer. "Now I sleep on the way." Fourth paragraph.')).toEqual([
      '"I used to spend two days on the road," said a farmer.',
      '"Now I sleep on the way."',
      'Fourth paragraph.',
    ]);
    expect(texts('He shouted "Stop!" and ran. Then silence.')).toEqual(['He shouted "Stop!" and ran.', 'Then silence.']);
  });

  it('treats ... like a period: an end before a capital, not before lowercase', () => {
    expect(texts('Wait... and then go. Well... Maybe.')).toEqual(['Wait... and then go.', 'Well...', 'Maybe.']);
    expect(texts('Wait… and then go.')).toEqual(['Wait… and then go.']);
  });

  it('does not split inside a word or an address', () => {
    expect(texts('Visit www.xinhuanet.com today. Done.')).toEqual(['Visit www.xinhuanet.com today.', 'Done.']);
  });
});

describe('splitSentences: mixed, empty, offsets', () => {
  it('splits mixed Chinese and English text', () => {
    expect(texts('他说：OK! 我们走吧。The end. 完。')).toEqual(['他说：OK!', '我们走吧。', 'The end.', '完。']);
    expect(texts('这是 WholeStory 的测试。It works well. 很好！')).toEqual(['这是 WholeStory 的测试。', 'It works well.', '很好！']);
    expect(texts('Hello!你好。')).toEqual(['Hello!', '你好。']);
  });

  it('has no sentences in empty or blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences('   \n\t ')).toEqual([]);
    expect(splitSentences('。')).toEqual([{ text: '。', start: 0, end: 1 }]);
  });

  it('gives offsets into the text, trimmed of whitespace', () => {
    const text = '  First one. Second one.\n 第三句。  ';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => [s.start, s.end])).toEqual([
      [2, 12],
      [13, 24],
      [26, 30],
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('covers every non-space character exactly once', () => {
    const text = '全程3.5小时。“好！”他说……Mr. Li said: "Fine." Then? 完；';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text).join('')).toBe(text.replace(/\s+/g, (m, at: number) => (sentences.some((s) => s.start <= at && at < s.end) ? m : '')));
    for (let k = 1; k < sentences.length; k++) expect(sentences[k]!.start).toBeGreaterThanOrEqual(sentences[k - 1]!.end);
  });
});
