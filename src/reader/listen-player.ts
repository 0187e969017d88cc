/**
 * Reading a list of sentences aloud with the Web Speech API, one utterance per sentence: no DOM,
 * the synthesizer and the utterance constructor are given (the page's, or a test's fake).
 *
 * One sentence is queued at a time and the next one when it ends, so the reader always knows
 * which sentence is spoken (for the highlight), and next/previous, a new speed or voice and a
 * click on another sentence simply cancel and speak again. Events of an utterance that was
 * cancelled (browsers report those as `end` or as an `interrupted`/`canceled` error, at once or
 * later) are recognised and ignored.
 */
import type { VoiceLike } from './listen-voices';

/** The part of `SpeechSynthesisUtterance` used here. */
export interface UtteranceLike {
  text: string;
  lang: string;
  rate: number;
  voice: VoiceLike | null;
  onstart: ((event: unknown) => void) | null;
  onend: ((event: unknown) => void) | null;
  onerror: ((event: { error?: string }) => void) | null;
  onboundary: ((event: { charIndex?: number; charLength?: number }) => void) | null;
}

/** The part of `speechSynthesis` used here. */
export interface SynthLike {
  readonly speaking: boolean;
  readonly pending: boolean;
  readonly paused: boolean;
  speak(utterance: UtteranceLike): void;
  cancel(): void;
  pause(): void;
  resume(): void;
  getVoices(): VoiceLike[];
}

export type UtteranceConstructor = new (text: string) => UtteranceLike;

export type PlayerState = 'stopped' | 'playing' | 'paused' | 'ended' | 'failed';

export interface PlayerEvents {
  /** The sentence now spoken (or, paused, the one a resume starts from); null when none. */
  onSentence?(index: number | null): void;
  onState?(state: PlayerState, detail?: string): void;
  /** A word boundary inside the current sentence (offset and length within its text). */
  onBoundary?(index: number, charIndex: number, charLength: number): void;
}

export interface PlayerOptions extends PlayerEvents {
  synth: SynthLike;
  Utterance: UtteranceConstructor;
  /** BCP 47 tag given to every utterance (the article's language). */
  lang: string;
  rate?: number;
  voice?: VoiceLike | null;
  /**
   * Chromium stops a network voice (`localService: false`, Google's) after about 15 seconds of one
   * utterance, and a Chinese sentence often runs longer: a pause and resume this often keeps it
   * going (0: never). Local voices are left alone. Default 10 s.
   */
  keepAliveMs?: number;
  /** Timers (tests give fake ones). */
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (id: unknown) => void;
}

export const RATES = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2] as const;

/** Errors the API reports for an utterance that was cancelled on purpose. */
const CANCEL_ERRORS = new Set(['interrupted', 'canceled', 'cancelled']);

export class ListenPlayer {
  private sentences: string[] = [];
  private current: UtteranceLike | null = null;
  private position = 0;
  private stateNow: PlayerState = 'stopped';
  /** Paused after a change (speed, voice, another sentence) that a resume must apply by speaking anew. */
  private stale = false;
  private keepAlive: unknown = null;
  rate: number;
  voice: VoiceLike | null;
  lang: string;

  constructor(private readonly options: PlayerOptions) {
    this.rate = options.rate ?? 1;
    this.voice = options.voice ?? null;
    this.lang = options.lang;
  }

  get state(): PlayerState {
    return this.stateNow;
  }

  /** The index of the current sentence. */
  get index(): number {
    return this.position;
  }

  get length(): number {
    return this.sentences.length;
  }

  /** New sentences (the article changed, a page came in): the position is kept where it still exists. */
  setSentences(sentences: readonly string[], index = Math.min(this.position, Math.max(0, sentences.length - 1))): void {
    this.sentences = [...sentences];
    this.position = Math.max(0, Math.min(index, sentences.length - 1));
    if (this.stateNow === 'playing') this.speak(this.position);
    else if (this.stateNow === 'paused') this.stale = true;
  }

  /** Reads from sentence `index` (default: the current one). */
  play(index = this.position): void {
    if (this.sentences.length === 0) return;
    this.speak(Math.max(0, Math.min(index, this.sentences.length - 1)));
  }

  pause(): void {
    if (this.stateNow !== 'playing') return;
    this.stopKeepAlive();
    this.options.synth.pause();
    this.setState('paused');
  }

  resume(): void {
    if (this.stateNow !== 'paused') return;
    if (this.stale || !this.current) {
      this.speak(this.position);
      return;
    }
    this.options.synth.resume();
    this.startKeepAlive();
    this.setState('playing');
  }

  /** Play, pause or resume, as a single play/pause button does. */
  toggle(): void {
    if (this.stateNow === 'playing') this.pause();
    else if (this.stateNow === 'paused') this.resume();
    else this.play(this.stateNow === 'ended' ? 0 : this.position);
  }

  next(): void {
    this.move(this.position + 1);
  }

  previous(): void {
    this.move(this.position - 1);
  }

  /** A new speed: the current sentence starts again at it (an utterance's rate is fixed once spoken). */
  setRate(rate: number): void {
    if (!(rate > 0) || rate === this.rate) return;
    this.rate = rate;
    this.restartCurrent();
  }

  setVoice(voice: VoiceLike | null): void {
    if (voice === this.voice) return;
    this.voice = voice;
    this.restartCurrent();
  }

  /** Stops speaking; `play()` starts again from the same sentence. */
  stop(): void {
    this.current = null;
    this.stopKeepAlive();
    this.cancelSynth();
    this.stale = false;
    this.setState('stopped');
  }

  private move(index: number): void {
    if (index < 0 || index >= this.sentences.length) return;
    if (this.stateNow === 'playing') {
      this.speak(index);
      return;
    }
    this.position = index;
    if (this.stateNow === 'paused') this.stale = true;
    this.options.onSentence?.(index);
  }

  private restartCurrent(): void {
    if (this.stateNow === 'playing') this.speak(this.position);
    else if (this.stateNow === 'paused') this.stale = true;
  }

  private cancelSynth(): void {
    const synth = this.options.synth;
    if (synth.speaking || synth.pending || synth.paused) synth.cancel();
    // Chromium stays paused across cancel(): the next utterance would never start.
    if (synth.paused) synth.resume();
  }

  private speak(index: number): void {
    // First forget the utterance being cancelled: its `end` may fire inside cancel().
    this.current = null;
    this.cancelSynth();
    this.position = index;
    this.stale = false;
    const utterance = new this.options.Utterance(this.sentences[index] ?? '');
    utterance.lang = this.voice?.lang || this.lang;
    utterance.rate = this.rate;
    if (this.voice) utterance.voice = this.voice;
    utterance.onend = () => {
      if (utterance !== this.current) return;
      this.current = null;
      if (this.position + 1 < this.sentences.length) this.speak(this.position + 1);
      else {
        this.stopKeepAlive();
        this.setState('ended');
      }
    };
    utterance.onerror = (event) => {
      if (utterance !== this.current) return;
      if (CANCEL_ERRORS.has(event?.error ?? '')) return;
      this.current = null;
      this.stopKeepAlive();
      this.setState('failed', event?.error || 'error');
    };
    utterance.onboundary = (event) => {
      if (utterance !== this.current) return;
      this.options.onBoundary?.(index, event.charIndex ?? 0, event.charLength ?? 0);
    };
    this.current = utterance;
    this.options.onSentence?.(index);
    this.setState('playing');
    this.options.synth.speak(utterance);
    this.startKeepAlive();
  }

  private startKeepAlive(): void {
    this.stopKeepAlive();
    const every = this.options.keepAliveMs ?? 10_000;
    if (!(every > 0) || this.voice?.localService !== false) return;
    const setTimer = this.options.setInterval ?? ((fn, ms) => setInterval(fn, ms));
    this.keepAlive = setTimer(() => {
      const synth = this.options.synth;
      if (this.stateNow !== 'playing' || !synth.speaking || synth.paused) return;
      synth.pause();
      synth.resume();
    }, every);
  }

  private stopKeepAlive(): void {
    if (this.keepAlive === null) return;
    (this.options.clearInterval ?? ((id) => clearInterval(id as ReturnType<typeof setInterval>)))(this.keepAlive);
    this.keepAlive = null;
  }

  private setState(state: PlayerState, detail?: string): void {
    if (state === this.stateNow && detail === undefined) return;
    this.stateNow = state;
    this.options.onState?.(state, detail);
  }
}
