import { describe, expect, it } from 'vitest';
import { FakeSynth, FakeUtterance, VOICES } from './listen-fake-speech';
import { ListenPlayer, type PlayerState } from './listen-player';
import { pickVoice, speechLanguage, voicesFor } from './listen-voices';

const SENTENCES = ['第一句。', '第二句！', '第三句？', 'The fourth one.'];

function setUp(cancelAs: 'error' | 'end' = 'error') {
  const synth = new FakeSynth([VOICES.zhCn], cancelAs);
  const shown: Array<number | null> = [];
  const states: Array<[PlayerState, string | undefined]> = [];
  const player = new ListenPlayer({
    synth,
    Utterance: FakeUtterance,
    lang: 'zh-CN',
    onSentence: (i) => shown.push(i),
    onState: (s, d) => states.push([s, d]),
  });
  player.setSentences(SENTENCES);
  return { synth, player, shown, states, texts: () => synth.spoken.map((u) => u.text) };
}

describe('ListenPlayer: one sentence at a time', () => {
  it('queues one utterance, the next when it ends, and ends after the last', () => {
    const { synth, player, shown, states, texts } = setUp();
    player.play();
    expect(texts()).toEqual(['第一句。']);
    expect(synth.pending).toBe(false);
    expect(synth.current?.lang).toBe('zh-CN');
    expect(player.state).toBe('playing');
    synth.finish();
    expect(texts()).toEqual(['第一句。', '第二句！']);
    synth.finish();
    synth.finish();
    synth.finish();
    expect(texts()).toEqual(SENTENCES);
    expect(shown).toEqual([0, 1, 2, 3]);
    expect(player.state).toBe('ended');
    expect(states.map((s) => s[0])).toEqual(['playing', 'ended']);
    // Play again after the end starts from the top.
    player.toggle();
    expect(synth.current?.text).toBe('第一句。');
  });

  it('starts at any sentence', () => {
    const { synth, player, shown } = setUp();
    player.play(2);
    expect(synth.current?.text).toBe('第三句？');
    expect(shown).toEqual([2]);
    player.play(99);
    expect(synth.current?.text).toBe('The fourth one.');
  });

  it('pauses and resumes the same utterance', () => {
    const { synth, player, states } = setUp();
    player.play();
    const first = synth.current;
    player.pause();
    expect(synth.paused).toBe(true);
    expect(player.state).toBe('paused');
    player.resume();
    expect(synth.paused).toBe(false);
    expect(synth.current).toBe(first);
    expect(synth.spoken).toHaveLength(1);
    expect(states.map((s) => s[0])).toEqual(['playing', 'paused', 'playing']);
    player.toggle();
    expect(player.state).toBe('paused');
    player.toggle();
    expect(player.state).toBe('playing');
  });

  for (const cancelAs of ['error', 'end'] as const) {
    it(`next and previous cancel and speak again; the cancelled utterance (reported as ${cancelAs}) does not move on`, () => {
      const { synth, player, texts } = setUp(cancelAs);
      player.play();
      player.next();
      expect(texts()).toEqual(['第一句。', '第二句！']);
      expect(player.index).toBe(1);
      expect(synth.current?.text).toBe('第二句！');
      player.next();
      player.previous();
      expect(texts()).toEqual(['第一句。', '第二句！', '第三句？', '第二句！']);
      expect(player.index).toBe(1);
      player.previous();
      player.previous();
      expect(player.index).toBe(0);
      expect(texts().at(-1)).toBe('第一句。');
      expect(player.state).toBe('playing');
      synth.finish();
      expect(synth.current?.text).toBe('第二句！');
    });
  }

  it('next/previous while paused move the sentence; resume speaks it anew (a paused Chromium is resumed first)', () => {
    const { synth, player, shown } = setUp();
    player.play();
    player.pause();
    player.next();
    player.next();
    expect(synth.spoken).toHaveLength(1);
    expect(shown).toEqual([0, 1, 2]);
    expect(player.state).toBe('paused');
    player.resume();
    expect(synth.paused).toBe(false);
    expect(synth.current?.text).toBe('第三句？');
    expect(player.state).toBe('playing');
  });

  it('a new speed restarts the current sentence at that speed', () => {
    const { synth, player } = setUp();
    player.play(1);
    player.setRate(1.5);
    expect(synth.spoken.map((u) => [u.text, u.rate])).toEqual([
      ['第二句！', 1],
      ['第二句！', 1.5],
    ]);
    expect(player.index).toBe(1);
    synth.finish();
    expect(synth.current?.rate).toBe(1.5);
    // Paused: nothing is spoken until resume, which applies it.
    player.pause();
    player.setRate(0.75);
    expect(synth.spoken).toHaveLength(3);
    player.resume();
    expect(synth.current?.text).toBe('第三句？');
    expect(synth.current?.rate).toBe(0.75);
    player.setRate(0.75);
    expect(synth.spoken).toHaveLength(4);
  });

  it('a new voice restarts the current sentence with it, in its language', () => {
    const { synth, player } = setUp();
    player.play();
    player.setVoice(VOICES.zhTw);
    expect(synth.current?.voice).toBe(VOICES.zhTw);
    expect(synth.current?.lang).toBe('zh-TW');
    expect(synth.current?.text).toBe('第一句。');
  });

  it('a synthesis error stops with its reason; a cancel is not an error', () => {
    const { synth, player, states } = setUp();
    player.play();
    player.next();
    expect(player.state).toBe('playing');
    synth.fail('synthesis-failed');
    expect(player.state).toBe('failed');
    expect(states.at(-1)).toEqual(['failed', 'synthesis-failed']);
  });

  it('stop cancels; play starts again where it stopped', () => {
    const { synth, player } = setUp();
    player.play(2);
    player.stop();
    expect(synth.speaking).toBe(false);
    expect(player.state).toBe('stopped');
    player.play();
    expect(synth.current?.text).toBe('第三句？');
  });

  it('new sentences keep the position where it still exists and go on speaking', () => {
    const { synth, player } = setUp();
    player.play(3);
    player.setSentences(['一。', '二。']);
    expect(player.index).toBe(1);
    expect(synth.current?.text).toBe('二。');
    player.setSentences(['甲。', '乙。', '丙。']);
    expect(synth.current?.text).toBe('乙。');
  });

  it('passes word boundaries of the current utterance on', () => {
    const synth = new FakeSynth();
    const seen: number[][] = [];
    const player = new ListenPlayer({ synth, Utterance: FakeUtterance, lang: 'en', onBoundary: (i, c, l) => seen.push([i, c, l]) });
    player.setSentences(['One two.', 'Three.']);
    player.play();
    synth.boundary(4, 3);
    synth.finish();
    synth.boundary(0, 5);
    expect(seen).toEqual([
      [0, 4, 3],
      [1, 0, 5],
    ]);
  });

  it('with no sentences, play does nothing', () => {
    const synth = new FakeSynth();
    const player = new ListenPlayer({ synth, Utterance: FakeUtterance, lang: 'en' });
    player.play();
    player.next();
    expect(synth.spoken).toHaveLength(0);
    expect(player.state).toBe('stopped');
  });
});

describe('voices by the article language', () => {
  it('tells Mainland, Taiwan and Hong Kong Chinese apart, and other languages by region', () => {
    for (const tag of ['zh-CN', 'zh', 'zh-Hans', 'zh-Hans-CN', 'zh-SG', 'cmn', 'cmn-Hans-CN', 'ZH_cn']) expect(speechLanguage(tag), tag).toEqual({ family: 'zh', variant: 'zh-CN' });
    for (const tag of ['zh-TW', 'zh-Hant', 'zh-Hant-TW', 'cmn-Hant-TW', 'zh_TW']) expect(speechLanguage(tag), tag).toEqual({ family: 'zh', variant: 'zh-TW' });
    for (const tag of ['zh-HK', 'zh-MO', 'zh-Hant-HK', 'yue', 'yue-Hant-HK', 'zh-yue']) expect(speechLanguage(tag), tag).toEqual({ family: 'zh', variant: 'zh-HK' });
    expect(speechLanguage('en-US')).toEqual({ family: 'en', variant: 'en-US' });
    expect(speechLanguage('en')).toEqual({ family: 'en', variant: 'en' });
    expect(speechLanguage('en-Latn-GB')).toEqual({ family: 'en', variant: 'en-GB' });
    for (const tag of ['', '  ', null, undefined, '-', 'x']) expect(speechLanguage(tag)).toBeNull();
  });

  const all = Object.values(VOICES);
  const names = (lang: string) => voicesFor(all, lang).map((v) => v.name);

  it('lists only voices of the article language, its own variant first', () => {
    expect(names('zh-CN')).toEqual(['Xiaoxiao', 'eSpeak Mandarin', 'Google 普通话', 'HsiaoChen', 'Tracy', 'eSpeak Cantonese']);
    expect(names('zh-TW')).toEqual(['HsiaoChen', 'Xiaoxiao', 'eSpeak Mandarin', 'Google 普通话', 'Tracy', 'eSpeak Cantonese']);
    expect(names('zh-HK')).toEqual(['Tracy', 'eSpeak Cantonese', 'HsiaoChen', 'Xiaoxiao', 'eSpeak Mandarin', 'Google 普通话']);
    expect(names('zh-Hant')).toEqual(names('zh-TW'));
    expect(names('en-US')).toEqual(['English US', 'English UK']);
    expect(names('en-GB')).toEqual(['English UK', 'English US']);
    expect(names('en')).toEqual(['English US', 'English UK']);
    expect(names('fr')).toEqual(['Amélie']);
    expect(names('ja')).toEqual([]);
    expect(names('')).toEqual([]);
    expect(voicesFor([], 'zh-CN')).toEqual([]);
  });

  it('prefers the system default, then local voices, within a variant', () => {
    const list = [{ ...VOICES.zhCnRemote }, { ...VOICES.zhCn }, { ...VOICES.zhCn, name: 'Default one', voiceURI: 'd', default: true }];
    expect(voicesFor(list, 'zh-CN').map((v) => v.name)).toEqual(['Default one', 'Xiaoxiao', 'Google 普通话']);
  });

  it('picks the voice chosen before if it is still there, else the best', () => {
    const candidates = voicesFor(all, 'zh-CN');
    expect(pickVoice(candidates, 'zh-tw')?.name).toBe('HsiaoChen');
    expect(pickVoice(candidates, 'gone')?.name).toBe('Xiaoxiao');
    expect(pickVoice(candidates)?.name).toBe('Xiaoxiao');
    expect(pickVoice([], 'zh-cn')).toBeNull();
  });
});

describe('ListenPlayer: keeping a network voice going (Chromium cuts one utterance at ~15 s)', () => {
  function timers() {
    const live = new Map<number, () => void>();
    let next = 1;
    return {
      live,
      setInterval: (fn: () => void) => {
        live.set(next, fn);
        return next++;
      },
      clearInterval: (id: unknown) => void live.delete(id as number),
      tick: () => [...live.values()].forEach((fn) => fn()),
    };
  }

  it('pauses and resumes a network voice while it speaks, never a local one, and stops when paused, stopped or done', () => {
    const clock = timers();
    const synth = new FakeSynth([VOICES.zhCnRemote]);
    const calls: string[] = [];
    const pause = synth.pause.bind(synth);
    const resume = synth.resume.bind(synth);
    synth.pause = () => (calls.push('pause'), pause());
    synth.resume = () => (calls.push('resume'), resume());
    const player = new ListenPlayer({ synth, Utterance: FakeUtterance, lang: 'zh-CN', voice: VOICES.zhCnRemote, setInterval: clock.setInterval, clearInterval: clock.clearInterval });
    player.setSentences(['很长的一句话。', '第二句。']);
    player.play();
    expect(clock.live.size).toBe(1);
    clock.tick();
    expect(calls).toEqual(['pause', 'resume']);
    expect(synth.paused).toBe(false);
    expect(synth.current?.text).toBe('很长的一句话。');
    synth.finish();
    expect(clock.live.size).toBe(1);
    player.pause();
    expect(clock.live.size).toBe(0);
    player.resume();
    expect(clock.live.size).toBe(1);
    synth.finish();
    expect(player.state).toBe('ended');
    expect(clock.live.size).toBe(0);
    player.play();
    player.stop();
    expect(clock.live.size).toBe(0);
    player.setVoice(VOICES.zhCn);
    player.play();
    expect(clock.live.size).toBe(0);
  });
});
