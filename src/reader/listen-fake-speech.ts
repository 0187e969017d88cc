/**
 * A small stand-in for the Web Speech API's synthesizer, for the listen tests only (imported by
 * *.test.ts, never by the reader): it keeps a queue like the real one, speaks one utterance at a
 * time, and fires `start`, `end`, `boundary` and `error` when the test says the speech moved on.
 * `cancel()` reports each cancelled utterance the way a browser does: Chromium as an
 * `interrupted` error, Firefox as `end` (`cancelAs`).
 */
import type { SynthLike, UtteranceLike } from './listen-player';
import type { VoiceLike } from './listen-voices';

export class FakeUtterance implements UtteranceLike {
  lang = '';
  rate = 1;
  voice: VoiceLike | null = null;
  onstart: UtteranceLike['onstart'] = null;
  onend: UtteranceLike['onend'] = null;
  onerror: UtteranceLike['onerror'] = null;
  onboundary: UtteranceLike['onboundary'] = null;
  constructor(public text: string) {}
}

export class FakeSynth extends EventTarget implements SynthLike {
  /** Every utterance given to `speak`, in order. */
  readonly spoken: FakeUtterance[] = [];
  current: FakeUtterance | null = null;
  queue: FakeUtterance[] = [];
  paused = false;
  cancels = 0;
  constructor(
    private voices: VoiceLike[] = [],
    private readonly cancelAs: 'error' | 'end' = 'error',
  ) {
    super();
  }

  get speaking(): boolean {
    return this.current !== null;
  }

  get pending(): boolean {
    return this.queue.length > 0;
  }

  speak(utterance: UtteranceLike): void {
    const u = utterance as FakeUtterance;
    this.spoken.push(u);
    this.queue.push(u);
    if (!this.current && !this.paused) this.startNext();
  }

  cancel(): void {
    this.cancels++;
    const gone = [this.current, ...this.queue].filter((u): u is FakeUtterance => u !== null);
    this.current = null;
    this.queue = [];
    for (const u of gone) {
      if (this.cancelAs === 'end') u.onend?.({});
      else u.onerror?.({ error: 'interrupted' });
    }
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    if (!this.current) this.startNext();
  }

  getVoices(): VoiceLike[] {
    return this.voices;
  }

  /** The system's voices change (a speech service started): `voiceschanged`. */
  setVoices(voices: VoiceLike[]): void {
    this.voices = voices;
    this.dispatchEvent(new Event('voiceschanged'));
  }

  /** The utterance being spoken finishes. */
  finish(): void {
    const u = this.current;
    if (!u) throw new Error('nothing is being spoken');
    this.current = null;
    u.onend?.({});
    if (!this.current && !this.paused) this.startNext();
  }

  /** The utterance being spoken fails (a synthesis error). */
  fail(error: string): void {
    const u = this.current;
    if (!u) throw new Error('nothing is being spoken');
    this.current = null;
    u.onerror?.({ error });
  }

  boundary(charIndex: number, charLength: number): void {
    this.current?.onboundary?.({ charIndex, charLength });
  }

  private startNext(): void {
    const next = this.queue.shift() ?? null;
    this.current = next;
    next?.onstart?.({});
  }
}

export const VOICES = {
  enUs: { name: 'English US', lang: 'en-US', voiceURI: 'en-us', localService: true },
  enGb: { name: 'English UK', lang: 'en-GB', voiceURI: 'en-gb', localService: true },
  zhCn: { name: 'Xiaoxiao', lang: 'zh-CN', voiceURI: 'zh-cn', localService: true },
  zhCnRemote: { name: 'Google 普通话', lang: 'zh-CN', voiceURI: 'zh-cn-google', localService: false },
  zhTw: { name: 'HsiaoChen', lang: 'zh-TW', voiceURI: 'zh-tw', localService: true },
  zhHk: { name: 'Tracy', lang: 'zh-HK', voiceURI: 'zh-hk', localService: true },
  cmn: { name: 'eSpeak Mandarin', lang: 'cmn', voiceURI: 'espeak-cmn', localService: true },
  yue: { name: 'eSpeak Cantonese', lang: 'yue', voiceURI: 'espeak-yue', localService: true },
  frFr: { name: 'Amélie', lang: 'fr-FR', voiceURI: 'fr-fr', localService: true },
} satisfies Record<string, VoiceLike>;
