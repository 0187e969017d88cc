import { describe, expect, it } from 'vitest';
import { converterFor, detectSource } from './script-convert';

describe('converterFor', () => {
  it('converts phrase by phrase where character tables fail (simpread #903)', async () => {
    const hant = await converterFor('cn', 'hant');
    // Character by character, 宁 and 态 go right but a mixed result (心神不寧状態) is what #903 showed.
    expect(hant('心神不宁状态')).toBe('心神不寧狀態');
    // 发 is 髮 in 头发 and 發 in 发展; 干 is 乾, 幹 or 干 by the word.
    expect(hant('他的头发')).toBe('他的頭髮');
    expect(hant('经济发展')).toBe('經濟發展');
    expect(hant('头发很干，干部去干活')).toBe('頭髮很乾，幹部去幹活');
    expect(hant('一只猫和只有')).toBe('一隻貓和只有');
  });

  it('uses Taiwan words for tw, not for hant or hk', async () => {
    const tw = await converterFor('cn', 'tw');
    expect(tw('软件和鼠标')).toBe('軟體和滑鼠');
    expect(tw('心神不宁状态')).toBe('心神不寧狀態');
    expect(tw('我们的信息')).toBe('我們的資訊');
    expect((await converterFor('cn', 'hant'))('软件和鼠标')).toBe('軟件和鼠標');
    const hk = await converterFor('cn', 'hk');
    expect(hk('软件')).toBe('軟件');
    expect(hk('温度和说话')).toBe('温度和説話');
  });

  it('brings Traditional back to Simplified from any region', async () => {
    expect((await converterFor('t', 'hans'))('心神不寧狀態，頭髮與發展')).toBe('心神不宁状态，头发与发展');
    expect((await converterFor('tw', 'hans'))('軟體和滑鼠')).toBe('软件和鼠标');
    expect((await converterFor('hk', 'hans'))('温度和説話')).toBe('温度和说话');
  });

  it('round-trips hant → hans on ordinary news text', async () => {
    const text = '新华社北京电 国务院新闻办公室发表白皮书，全面介绍中国经济发展的历程和成就。他说，这些头发的颜色不一样。';
    const hant = (await converterFor('cn', 'hant'))(text);
    expect(hant).toBe('新華社北京電 國務院新聞辦公室發表白皮書，全面介紹中國經濟發展的歷程和成就。他說，這些頭髮的顏色不一樣。');
    expect((await converterFor('t', 'hans'))(hant)).toBe(text);
  });

  it('leaves what is not Chinese alone, and does nothing when the script is already right', async () => {
    const tw = await converterFor('cn', 'tw');
    expect(tw('GDP 增长 6.5%, see https://example.com/发展')).toBe('GDP 增長 6.5%, see https://example.com/發展');
    expect(tw('Night trains 😀 𠀀')).toBe('Night trains 😀 𠀀');
    expect((await converterFor('cn', 'hans'))('头发')).toBe('头发');
    expect((await converterFor('tw', 'tw'))('軟體')).toBe('軟體');
  });
});

describe('detectSource', () => {
  it('tells Simplified from Traditional by the characters, the region by lang', async () => {
    expect(await detectSource('国务院新闻办公室发表白皮书', 'zh-CN')).toBe('cn');
    expect(await detectSource('國務院新聞辦公室發表白皮書', 'zh-CN')).toBe('t');
    expect(await detectSource('國務院新聞辦公室發表白皮書', 'zh-TW')).toBe('tw');
    expect(await detectSource('國務院新聞辦公室發表白皮書', 'zh-HK')).toBe('hk');
    expect(await detectSource('国务院新闻办公室发表白皮书', 'zh-TW')).toBe('cn');
    expect(await detectSource('Night trains bring remote valleys closer', 'en')).toBeNull();
    // Only shared characters: the page's lang decides.
    expect(await detectSource('中文', 'zh-Hant')).toBe('t');
    expect(await detectSource('中文', '')).toBe('cn');
  });
});
