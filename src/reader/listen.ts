/**
 * Listen: the reader reads the shown article aloud with the browser's speech synthesis.
 *
 * The toolbar's `[data-action="listen"]` button (or the `l` key) opens a small player bar fixed at
 * the bottom of the window and starts reading "from here": at the selection if there is one, else
 * at the first sentence on screen. The bar has previous/next sentence, play/pause, speed, a voice
 * list filtered to the article's language (listen-voices.ts) and close; while it is open a click
 * on a sentence reads from there. The sentence being read is highlighted with the CSS Custom
 * Highlight API (boxes drawn over the text where a browser lacks it) and kept in view; the
 * article's DOM is never changed, so copies and exports are as before. A system without a voice
 * for the article's language gets a plain message instead of controls.
 *
 * For tests and tools, on `<html>`: `data-listen` (searching, playing, paused, stopped, ended,
 * failed, no-voice, unsupported, no-text; absent when closed), `data-listen-sentences` (how many
 * sentences the article was split into), `data-listen-sentence` (the current one, from 0),
 * `data-listen-lang` and `data-listen-prepare-ms` (splitting the article and finding "here").
 */
import { browser } from 'wxt/browser';
import { t, uiLocale } from '../ui-text';
import { onArticleShown } from './article-shown';
import { ListenPlayer, RATES, type PlayerState, type SynthLike, type UtteranceConstructor } from './listen-player';
import { articleLanguage, boxOf, collectSentences, rectsOf, firstVisibleSentence, sentenceAt, sentenceOfSelection, type SpokenSentence } from './listen-text';
import { pickVoice, speechLanguage, voicesFor, type VoiceLike } from './listen-voices';
import { iconButton } from './ui-elements';

/** The name of the CSS highlight (style.css: `::highlight(wholestory-listen)`). */
export const HIGHLIGHT_NAME = 'wholestory-listen';
const PREFERENCES_KEY = 'listenPreferences';
/** How long to wait for a browser that lists its voices late (Chromium: after `voiceschanged`). */
const VOICE_WAIT_MS = 1500;
/** After the person scrolls, the highlight does not pull the page back for this long. */
const USER_SCROLL_QUIET_MS = 4000;

export interface ListenOptions {
  /** Default: the window's `speechSynthesis` (read when the player opens). */
  synth?: SynthLike | null;
  Utterance?: UtteranceConstructor;
  voiceWaitMs?: number;
  /** Default: `CSS.highlights` where there is one, else boxes over the text. */
  highlight?: 'css' | 'boxes';
}

export interface ListenController {
  readonly isOpen: boolean;
  open(): Promise<void>;
  close(): void;
  /** Opens and reads, or pauses and resumes (the `l` key). */
  toggle(): Promise<void>;
  readonly player: ListenPlayer | null;
  readonly sentences: readonly SpokenSentence[];
  destroy(): void;
}

interface Preferences {
  rate?: number;
  /** The voice picked per language variant (zh-CN, zh-TW, en-US…), by voiceURI. */
  voices?: Record<string, string>;
}

async function loadPreferences(): Promise<Preferences> {
  try {
    const stored = await browser.storage.local.get(PREFERENCES_KEY);
    const raw = stored[PREFERENCES_KEY] as Preferences | undefined;
    return raw && typeof raw === 'object' ? raw : {};
  } catch {
    return {};
  }
}

function savePreferences(prefs: Preferences): void {
  try {
    void browser.storage.local.set({ [PREFERENCES_KEY]: prefs }).catch(() => undefined);
  } catch {
    // Outside an extension (unit tests): nothing kept.
  }
}

/** "Chinese (China)", "中文（台湾）": the language's name in the interface language. */
function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames([uiLocale()], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

// ---- the highlight ---------------------------------------------------------------------------

interface Highlighter {
  show(range: Range): void;
  clear(): void;
  destroy(): void;
}

type HighlightWindow = Window & { CSS?: { highlights?: Map<string, unknown> }; Highlight?: new (...ranges: Range[]) => unknown };

function cssHighlighter(view: HighlightWindow): Highlighter | null {
  const registry = view.CSS?.highlights;
  const Highlight = view.Highlight;
  if (!registry || typeof Highlight !== 'function') return null;
  return {
    show: (range) => void registry.set(HIGHLIGHT_NAME, new Highlight(range)),
    clear: () => void registry.delete(HIGHLIGHT_NAME),
    destroy: () => void registry.delete(HIGHLIGHT_NAME),
  };
}

/** Boxes drawn over the sentence's lines, outside the article (its DOM stays as it is). */
function boxHighlighter(doc: Document): Highlighter {
  const view = doc.defaultView as Window;
  const layer = doc.createElement('div');
  layer.className = 'listen-marks';
  layer.setAttribute('aria-hidden', 'true');
  doc.body.append(layer);
  let current: Range | null = null;
  const draw = () => {
    layer.replaceChildren();
    if (!current) return;
    for (const rect of rectsOf(current)) {
      const box = doc.createElement('div');
      box.className = 'listen-mark';
      box.style.left = `${rect.left + view.scrollX}px`;
      box.style.top = `${rect.top + view.scrollY}px`;
      box.style.width = `${rect.width}px`;
      box.style.height = `${rect.height}px`;
      layer.append(box);
    }
  };
  view.addEventListener('resize', draw);
  const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(draw) : null;
  const content = doc.getElementById('reader-content');
  if (observer && content) observer.observe(content);
  return {
    show(range) {
      current = range;
      draw();
    },
    clear() {
      current = null;
      layer.replaceChildren();
    },
    destroy() {
      current = null;
      view.removeEventListener('resize', draw);
      observer?.disconnect();
      layer.remove();
    },
  };
}

// ---- the player bar --------------------------------------------------------------------------

const ICONS = {
  previous: 'M6 5h2v14H6zM20 5v14L9 12z',
  next: 'M16 5h2v14h-2zM4 5v14l11-7z',
  play: 'M7 4v16l13-8z',
  pause: 'M6 4h4v16H6zM14 4h4v16h-4z',
} as const;

function icon(doc: Document, name: keyof typeof ICONS): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = doc.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = doc.createElementNS(ns, 'path');
  path.setAttribute('d', ICONS[name]);
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}

interface Bar {
  root: HTMLElement;
  previous: HTMLButtonElement;
  play: HTMLButtonElement;
  next: HTMLButtonElement;
  rate: HTMLSelectElement;
  voice: HTMLSelectElement;
  status: HTMLElement;
  close: HTMLButtonElement;
}

function buildBar(doc: Document): Bar {
  const root = doc.createElement('div');
  root.id = 'listen-bar';
  root.className = 'listen-bar';
  root.setAttribute('role', 'region');
  root.setAttribute('aria-label', t('listenPlayer'));
  root.title = t('listenClickHint');
  root.hidden = true;
  const previous = iconButton(doc, 'listen-previous', t('listenPrevious'), icon(doc, 'previous'));
  const play = iconButton(doc, 'listen-play', t('listenPlay'), icon(doc, 'play'));
  const next = iconButton(doc, 'listen-next', t('listenNext'), icon(doc, 'next'));
  const rate = doc.createElement('select');
  rate.className = 'listen-rate';
  rate.title = t('listenSpeed');
  rate.setAttribute('aria-label', t('listenSpeed'));
  for (const r of RATES) {
    const option = doc.createElement('option');
    option.value = String(r);
    option.textContent = `${r}×`;
    rate.append(option);
  }
  const voice = doc.createElement('select');
  voice.className = 'listen-voice';
  voice.title = t('listenVoice');
  voice.setAttribute('aria-label', t('listenVoice'));
  const status = doc.createElement('span');
  status.className = 'listen-status';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  const close = iconButton(doc, 'listen-close', t('listenClose'), '×');
  const transport = doc.createElement('span');
  transport.className = 'listen-transport';
  transport.append(previous, play, next);
  root.append(transport, rate, voice, status, close);
  doc.body.append(root);
  return { root, previous, play, next, rate, voice, status, close };
}

// ---- wiring ----------------------------------------------------------------------------------

const controllers = new WeakMap<Document, ListenController>();

/** The `l` key: opens the player and reads, or pauses and resumes. */
export function toggleListen(doc: Document): void {
  void controllers.get(doc)?.toggle();
}

/** Wires the listen button of the reader page `doc`; see the module comment. */
export function setUpListen(doc: Document, options: ListenOptions = {}): ListenController {
  const view = doc.defaultView as Window & typeof globalThis;
  const root = doc.documentElement;
  const content = doc.getElementById('reader-content') as HTMLElement;
  const toggleButton = doc.querySelector<HTMLButtonElement>('[data-action="listen"]');
  let bar: Bar | null = null;
  let highlighter: Highlighter | null = null;
  let player: ListenPlayer | null = null;
  let synth: SynthLike | null = null;
  let sentences: SpokenSentence[] = [];
  let open = false;
  let lang = 'en';
  let candidates: VoiceLike[] = [];
  let prefs: Preferences = {};
  let lastUserScroll = -Infinity;
  let opening: Promise<void> | null = null;
  let stopVoiceWatch: (() => void) | null = null;
  let observer: MutationObserver | null = null;
  let rebuildTimer: ReturnType<typeof setTimeout> | null = null;

  const setListenState = (state: string | null) => {
    if (state === null) delete root.dataset.listen;
    else root.dataset.listen = state;
  };

  /**
   * A message (no voice, finished…) is announced; the running "Sentence 4 of 21" is not (a screen
   * reader would talk over the speech).
   */
  const showStatus = (text: string, announce = true) => {
    if (!bar) return;
    bar.status.setAttribute('aria-live', announce ? 'polite' : 'off');
    bar.status.textContent = text;
    measureBar();
  };

  const positionText = () => (player && sentences.length > 0 ? t('listenPosition', { index: player.index + 1, total: sentences.length }) : '');

  /** The bar's height as `--listen-bar-height`: notices at the bottom move above it (style.css). */
  const measureBar = () => {
    if (!bar || bar.root.hidden) return;
    const height = bar.root.getBoundingClientRect().height;
    if (height > 0) root.style.setProperty('--listen-bar-height', `${Math.round(height)}px`);
  };

  const setControls = (usable: boolean) => {
    if (!bar) return;
    for (const el of [bar.previous, bar.play, bar.next, bar.rate, bar.voice]) el.hidden = !usable;
    measureBar();
  };

  const showPlayState = (state: PlayerState) => {
    if (!bar) return;
    const playing = state === 'playing';
    const label = playing ? t('listenPause') : t('listenPlay');
    bar.play.title = label;
    bar.play.setAttribute('aria-label', label);
    bar.play.replaceChildren(icon(doc, playing ? 'pause' : 'play'));
    bar.play.setAttribute('aria-pressed', String(playing));
  };

  /** Vertical reading (竖排, vertical.ts): the article in columns, scrolled sideways. */
  const isVertical = () => root.dataset.layout === 'vertical';

  /** The band of the window not covered by the toolbar and the bar. */
  const visibleBand = () => {
    const toolbar = doc.querySelector('.toolbar')?.getBoundingClientRect();
    const barRect = bar && !bar.root.hidden ? bar.root.getBoundingClientRect() : null;
    const top = toolbar && toolbar.bottom > 0 ? toolbar.bottom : 0;
    const bottom = barRect && barRect.height > 0 ? barRect.top : view.innerHeight;
    return { top, bottom };
  };

  const keepInView = (range: Range) => {
    if (view.performance.now() - lastUserScroll < USER_SCROLL_QUIET_MS) return;
    const rect = boxOf(range);
    if (!rect) return;
    const band = visibleBand();
    const behavior = view.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
    if (isVertical()) {
      // Vertical text (竖排) scrolls sideways, right to left: the sentence a quarter in from the right.
      if (rect.left >= 8 && rect.right <= view.innerWidth - 8) return;
      view.scrollBy({ left: rect.right - view.innerWidth * 0.75, behavior });
      return;
    }
    if (rect.top >= band.top + 8 && rect.bottom <= band.bottom - 8) return;
    view.scrollBy({ top: rect.top - (band.top + (band.bottom - band.top) * 0.3), behavior });
  };

  const showSentence = (index: number | null) => {
    if (index === null || !sentences[index]) {
      highlighter?.clear();
      delete root.dataset.listenSentence;
      return;
    }
    const sentence = sentences[index];
    root.dataset.listenSentence = String(index);
    highlighter?.show(sentence.range);
    keepInView(sentence.range);
    if (player?.state === 'playing' || player?.state === 'paused') showStatus(positionText(), false);
  };

  const onState = (state: PlayerState, detail?: string) => {
    setListenState(state);
    showPlayState(state);
    if (state === 'ended') {
      showStatus(t('listenEnded'));
      highlighter?.clear();
    } else if (state === 'failed') showStatus(t('listenFailed', { reason: detail ?? '' }));
    else showStatus(positionText(), false);
  };

  const rebuildSentences = () => {
    sentences = collectSentences(content);
    root.dataset.listenSentences = String(sentences.length);
    // Shown in another script or language now (script-view.ts marks zh-TW, zh-HK…): its voices.
    const now = articleLanguage(content);
    if (now !== lang) {
      lang = now;
      root.dataset.listenLang = lang;
      if (player) player.lang = lang;
      if (synth && bar && player) {
        const hadNone = root.dataset.listen === 'no-voice';
        fillVoices(synth.getVoices());
        if (candidates.length === 0) showNoVoice();
        else if (hadNone) {
          setControls(true);
          setListenState(player.state);
          showStatus(positionText());
        }
      }
    }
    if (player) {
      player.setSentences(sentences.map((s) => s.text));
      if (open && root.dataset.listenSentence !== undefined) showSentence(player.index);
    }
  };

  /** The article changed under the player (a page retried, text converted): sentences anew. */
  const watchContent = () => {
    observer?.disconnect();
    if (typeof MutationObserver !== 'function') return;
    observer = new MutationObserver(() => {
      if (rebuildTimer !== null) clearTimeout(rebuildTimer);
      rebuildTimer = setTimeout(() => {
        rebuildTimer = null;
        if (open) rebuildSentences();
      }, 50);
    });
    observer.observe(content, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['lang'] });
  };

  /** The system's voices; a browser that lists them late gets `voiceWaitMs` to do so. */
  const voicesOf = async (s: SynthLike): Promise<VoiceLike[]> => {
    const now = s.getVoices();
    if (now.length > 0) return now;
    const target = s as unknown as EventTarget;
    if (typeof target.addEventListener !== 'function') return now;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        target.removeEventListener('voiceschanged', done);
        resolve(s.getVoices());
      };
      const timer = setTimeout(done, options.voiceWaitMs ?? VOICE_WAIT_MS);
      target.addEventListener('voiceschanged', done);
    });
  };

  const fillVoices = (list: VoiceLike[]) => {
    if (!bar) return;
    const variant = speechLanguage(lang)?.variant ?? lang;
    candidates = voicesFor(list, lang);
    const chosen = pickVoice(candidates, prefs.voices?.[variant]);
    bar.voice.replaceChildren(
      ...candidates.map((v, i) => {
        const option = doc.createElement('option');
        option.value = String(i);
        option.textContent = `${v.name} (${v.lang})`;
        option.selected = v === chosen;
        return option;
      }),
    );
    if (player) player.setVoice(chosen);
  };

  const showNoVoice = () => {
    player?.stop();
    setControls(false);
    setListenState('no-voice');
    showStatus(t('listenNoVoice', { language: languageName(lang) }));
  };

  /** Voices listed after the message was shown (a speech service that started late). */
  const watchVoices = (s: SynthLike) => {
    stopVoiceWatch?.();
    const target = s as unknown as EventTarget;
    if (typeof target.addEventListener !== 'function') return;
    const changed = () => {
      if (!open) return;
      const list = s.getVoices();
      const had = candidates.length > 0;
      fillVoices(list);
      if (!had && candidates.length > 0 && player) {
        setControls(true);
        setListenState(player.state);
        showStatus(positionText());
      } else if (had && candidates.length === 0) showNoVoice();
    };
    target.addEventListener('voiceschanged', changed);
    stopVoiceWatch = () => target.removeEventListener('voiceschanged', changed);
  };

  const startIndex = (): number => {
    const selection = view.getSelection?.() ?? null;
    if (selection && selection.rangeCount > 0 && !selection.isCollapsed && content.contains(selection.getRangeAt(0).startContainer)) {
      const at = sentenceOfSelection(sentences, selection);
      if (at >= 0) return at;
    }
    return firstVisibleSentence(sentences, visibleBand().top, isVertical() ? { right: view.innerWidth } : undefined);
  };

  const doOpen = async () => {
    if (!bar) {
      bar = buildBar(doc);
      bindBar(bar);
      // What the button controls exists from now on (an aria-controls naming no element is broken).
      toggleButton?.setAttribute('aria-controls', bar.root.id);
    }
    open = true;
    bar.root.hidden = false;
    toggleButton?.setAttribute('aria-expanded', 'true');
    highlighter ??= (options.highlight !== 'boxes' && cssHighlighter(view as HighlightWindow)) || boxHighlighter(doc);
    lang = articleLanguage(content);
    root.dataset.listenLang = lang;
    const started = view.performance.now();
    sentences = collectSentences(content);
    root.dataset.listenSentences = String(sentences.length);
    watchContent();
    const from = startIndex();
    // What splitting the article and finding "here" cost (for the e2e figures).
    root.dataset.listenPrepareMs = (view.performance.now() - started).toFixed(1);
    synth = options.synth !== undefined ? options.synth : ((view as { speechSynthesis?: SynthLike }).speechSynthesis ?? null);
    const Utterance = options.Utterance ?? (view as unknown as { SpeechSynthesisUtterance?: UtteranceConstructor }).SpeechSynthesisUtterance;
    if (!synth || !Utterance) {
      setControls(false);
      setListenState('unsupported');
      showStatus(t('listenUnsupported'));
      return;
    }
    if (sentences.length === 0) {
      setControls(false);
      setListenState('no-text');
      showStatus(t('listenNoText'));
      return;
    }
    setControls(false);
    setListenState('searching');
    showStatus(t('listenSearching'));
    prefs = await loadPreferences();
    const list = await voicesOf(synth);
    if (!open) return;
    player = new ListenPlayer({
      synth,
      Utterance,
      lang,
      rate: RATES.includes(prefs.rate as (typeof RATES)[number]) ? (prefs.rate as number) : 1,
      onSentence: showSentence,
      onState,
    });
    player.setSentences(sentences.map((s) => s.text), from);
    bar.rate.value = String(player.rate);
    fillVoices(list);
    watchVoices(synth);
    if (candidates.length === 0) {
      showNoVoice();
      return;
    }
    setControls(true);
    player.play(from);
    bar.play.focus({ preventScroll: true });
  };

  const openPlayer = (): Promise<void> => {
    if (open) return opening ?? Promise.resolve();
    opening = doOpen().finally(() => (opening = null));
    return opening;
  };

  const closePlayer = () => {
    if (!open) return;
    open = false;
    player?.stop();
    player = null;
    stopVoiceWatch?.();
    stopVoiceWatch = null;
    observer?.disconnect();
    observer = null;
    if (rebuildTimer !== null) clearTimeout(rebuildTimer);
    rebuildTimer = null;
    highlighter?.clear();
    if (bar) bar.root.hidden = true;
    setListenState(null);
    delete root.dataset.listenSentence;
    root.style.removeProperty('--listen-bar-height');
    toggleButton?.setAttribute('aria-expanded', 'false');
  };

  function bindBar(b: Bar): void {
    b.play.addEventListener('click', () => player?.toggle());
    b.previous.addEventListener('click', () => player?.previous());
    b.next.addEventListener('click', () => player?.next());
    b.rate.addEventListener('change', () => {
      const rate = Number(b.rate.value);
      player?.setRate(rate);
      prefs = { ...prefs, rate };
      savePreferences(prefs);
    });
    b.voice.addEventListener('change', () => {
      const voice = candidates[Number(b.voice.value)] ?? null;
      player?.setVoice(voice);
      const variant = speechLanguage(lang)?.variant ?? lang;
      if (voice) {
        prefs = { ...prefs, voices: { ...prefs.voices, [variant]: voice.voiceURI } };
        savePreferences(prefs);
      }
    });
    b.close.addEventListener('click', () => {
      closePlayer();
      toggleButton?.focus();
    });
    // Esc inside the bar closes it, focus back on the toolbar's button.
    b.root.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      closePlayer();
      toggleButton?.focus();
    });
  }

  const onButton = () => {
    if (open) closePlayer();
    else void openPlayer();
  };
  toggleButton?.addEventListener('click', onButton);

  // While the bar is open, a click on a sentence reads from there (not on links or controls, and
  // not when the click ends a text selection).
  const onContentClick = (event: MouseEvent) => {
    if (!open || !player || candidates.length === 0) return;
    const target = event.target as Element | null;
    if (!target || target.closest('a, button, input, select, textarea, summary, [data-reader-ui]')) return;
    const selection = view.getSelection?.();
    if (selection && !selection.isCollapsed) return;
    const block = target.closest('p, h1, h2, h3, h4, h5, h6, li, dt, dd, blockquote, figcaption, caption, pre, td, th, div, section') ?? target;
    const index = sentenceAt(sentences, block, event.clientX, event.clientY);
    if (index >= 0) player.play(index);
  };
  content.addEventListener('click', onContentClick);

  const markUserScroll = () => (lastUserScroll = view.performance.now());
  const onKey = (event: KeyboardEvent) => {
    if (['PageUp', 'PageDown', 'ArrowUp', 'ArrowDown', 'Home', 'End', ' '].includes(event.key)) markUserScroll();
  };
  view.addEventListener('resize', measureBar);
  view.addEventListener('wheel', markUserScroll, { passive: true });
  view.addEventListener('touchmove', markUserScroll, { passive: true });
  doc.addEventListener('keydown', onKey);

  // Nothing to read before an article is on screen; a new one (or a retried page) is read anew.
  if (toggleButton) toggleButton.disabled = true;
  const stopShown = onArticleShown(doc, () => {
    if (toggleButton) toggleButton.disabled = false;
    if (open) rebuildSentences();
  });

  // Speech must not go on after the page: a closed tab, a navigation, the back/forward cache.
  const onPageHide = () => {
    closePlayer();
    synth?.cancel();
  };
  view.addEventListener('pagehide', onPageHide);

  const controller: ListenController = {
    get isOpen() {
      return open;
    },
    get player() {
      return player;
    },
    get sentences() {
      return sentences;
    },
    open: openPlayer,
    close: closePlayer,
    async toggle() {
      if (!open) {
        if (toggleButton?.disabled) return;
        await openPlayer();
        return;
      }
      await opening;
      player?.toggle();
    },
    destroy() {
      closePlayer();
      stopShown();
      toggleButton?.removeEventListener('click', onButton);
      content.removeEventListener('click', onContentClick);
      view.removeEventListener('resize', measureBar);
      view.removeEventListener('wheel', markUserScroll);
      view.removeEventListener('touchmove', markUserScroll);
      doc.removeEventListener('keydown', onKey);
      view.removeEventListener('pagehide', onPageHide);
      highlighter?.destroy();
      highlighter = null;
      bar?.root.remove();
      bar = null;
      controllers.delete(doc);
    },
  };
  controllers.set(doc, controller);
  return controller;
}
