// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { announceArticleShown } from './article-shown';
import { FakeSynth, FakeUtterance, VOICES } from './listen-fake-speech';
import { HIGHLIGHT_NAME, setUpListen, toggleListen, type ListenController, type ListenOptions } from './listen';
import { articleLanguage, collectSentences, firstVisibleSentence, type SpokenSentence } from './listen-text';
import type { VoiceLike } from './listen-voices';
import type { WholeArticle } from '../pipeline/types';

const ARTICLE = `
<header class="toolbar"><div role="toolbar"><button type="button" id="listen" data-action="listen" aria-expanded="false">L</button></div></header>
<main><article id="reader-content" lang="zh-CN">
  <header class="article-header"><h1>夜行列车把山谷和城市连在一起</h1><p class="article-meta">人民网 · 2023-04-12</p><p class="article-original"><a href="#original">原文</a> · 共2页</p></header>
  <div class="article-body">
    <section data-page="1">
      <p>夜行列车准时驶出山谷。车厢里坐满了人，“请保管好行李”……票价12元，全程3.5小时。</p>
      <p>列车员说：<strong>“欢迎乘车！</strong>祝您旅途愉快。”</p>
      <p>   </p>
    </section>
    <div class="page-marker" data-reader-ui="" aria-hidden="true"><a href="#">第2页</a></div>
    <section data-page="2">
      <h2>第二部分</h2>
      <ul><li>一条。</li><li>Mr. Li said it costs 3.5 yuan. Fine!</li></ul>
      <div class="page-failed" data-reader-ui="" role="alert">第3页未能载入。</div>
    </section>
  </div>
</article></main>`;

const EXPECTED = [
  '夜行列车把山谷和城市连在一起',
  '夜行列车准时驶出山谷。',
  '车厢里坐满了人，“请保管好行李”……',
  '票价12元，全程3.5小时。',
  '列车员说：“欢迎乘车！',
  '祝您旅途愉快。”',
  '第二部分',
  '一条。',
  'Mr. Li said it costs 3.5 yuan.',
  'Fine!',
];

class FakeHighlight {
  ranges: Range[];
  constructor(...ranges: Range[]) {
    this.ranges = ranges;
  }
}

let controller: ListenController | null = null;
let registry: Map<string, FakeHighlight>;

beforeEach(() => {
  document.documentElement.removeAttribute('data-listen');
  document.body.innerHTML = ARTICLE;
  // A CSS Custom Highlight registry, as Chromium and Firefox have (jsdom has none).
  registry = new Map();
  Object.assign(window, { CSS: { highlights: registry }, Highlight: FakeHighlight });
});

/**
 * Runs `change` to the article and lets the player's rebuild happen: the content observer's
 * callback (a microtask) starts a short timer, run at once on fake time here, not waited out.
 */
async function changeAndRebuild(change: () => void): Promise<void> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    change();
    await vi.runOnlyPendingTimersAsync();
  } finally {
    vi.useRealTimers();
  }
}

afterEach(() => {
  controller?.destroy();
  controller = null;
});

function content(): HTMLElement {
  return document.getElementById('reader-content') as HTMLElement;
}

function shown(): void {
  announceArticleShown(document, { article: {} as WholeArticle, source: 'network', savedId: null, change: 'article' });
}

function start(voices: VoiceLike[] = [VOICES.zhCn, VOICES.zhTw, VOICES.enUs], options: ListenOptions = {}) {
  const synth = new FakeSynth(voices);
  controller = setUpListen(document, { synth, Utterance: FakeUtterance, voiceWaitMs: 20, ...options });
  shown();
  return synth;
}

const bar = () => document.getElementById('listen-bar') as HTMLElement;
const listenButton = () => document.getElementById('listen') as HTMLButtonElement;
const html = () => document.documentElement;
const highlighted = () => registry.get(HIGHLIGHT_NAME)?.ranges[0]?.toString();

async function openByButton(): Promise<void> {
  listenButton().click();
  await controller?.open();
}

describe('the article as sentences', () => {
  it('reads the title and body by blocks, across inline markup; not the meta line, markers, notices or blank paragraphs', () => {
    const sentences = collectSentences(content());
    expect(sentences.map((s) => s.text)).toEqual(EXPECTED);
    expect(sentences[4]!.range.toString()).toBe('列车员说：“欢迎乘车！');
    expect(sentences[5]!.block.tagName).toBe('P');
    for (const s of sentences) expect(s.range.toString().replace(/\s+/g, ' ')).toBe(s.text);
  });

  it('takes the language from #reader-content, else guesses it from the text', () => {
    expect(articleLanguage(content())).toBe('zh-CN');
    content().removeAttribute('lang');
    expect(articleLanguage(content())).toBe('zh-CN');
    content().textContent = 'Only English words here, nothing else.';
    expect(articleLanguage(content())).toBe('en');
    content().setAttribute('lang', 'zh-TW');
    expect(articleLanguage(content())).toBe('zh-TW');
  });
});

describe('"from here": the first sentence on screen', () => {
  const at = (boxes: Array<[number, number] | null>) =>
    boxes.map((b) => ({
      text: '',
      block: document.body,
      range: { getBoundingClientRect: () => (b ? ({ top: b[0], bottom: b[1], left: b[0], right: b[1], width: 10, height: b[1] - b[0] } as DOMRect) : ({ width: 0, height: 0 } as DOMRect)) } as Range,
    })) as SpokenSentence[];

  it('finds the first sentence below the toolbar, boxless ones skipped, by reading few boxes', () => {
    const sentences = at([[-300, -200], [-200, -100], null, [-100, 20], [20, 90], [90, 160], null, [160, 230]]);
    expect(firstVisibleSentence(sentences, 48)).toBe(4);
    expect(firstVisibleSentence(sentences, 10)).toBe(3);
    expect(firstVisibleSentence(sentences, -1000)).toBe(0);
    // All above the window: the top.
    expect(firstVisibleSentence(sentences, 5000)).toBe(0);
    const many = at(Array.from({ length: 10_000 }, (_, i) => [i * 30 - 150_000, i * 30 - 150_000 + 30] as [number, number]));
    let reads = 0;
    for (const s of many) {
      const get = s.range.getBoundingClientRect.bind(s.range);
      s.range.getBoundingClientRect = () => (reads++, get());
    }
    expect(firstVisibleSentence(many, 48)).toBe(5001);
    expect(reads).toBeLessThan(40);
  });

  it('in vertical text, the first sentence not off to the right of the window', () => {
    // Columns right to left: left edges fall along the reading order.
    const sentences = at([[1500, 1540], [1300, 1340], [1000, 1040], [700, 740]]);
    expect(firstVisibleSentence(sentences, 0, { right: 1100 })).toBe(2);
  });
});

describe('the listen button and player bar', () => {
  it('is disabled until an article is shown', () => {
    const synth = new FakeSynth([VOICES.zhCn]);
    controller = setUpListen(document, { synth, Utterance: FakeUtterance });
    expect(listenButton().disabled).toBe(true);
    toggleListen(document);
    expect(controller.isOpen).toBe(false);
    shown();
    expect(listenButton().disabled).toBe(false);
  });

  it('opens the bar, splits the article, reads from the first sentence and highlights it; the article DOM is untouched', async () => {
    const before = content().innerHTML;
    const synth = start();
    // It names what it controls only once that exists (issue 10, bug 11: no reference to a missing id).
    expect(listenButton().hasAttribute('aria-controls')).toBe(false);
    await openByButton();
    expect(bar().hidden).toBe(false);
    expect(listenButton().getAttribute('aria-expanded')).toBe('true');
    expect(listenButton().getAttribute('aria-controls')).toBe(bar().id);
    expect(html().dataset.listenSentences).toBe(String(EXPECTED.length));
    expect(html().dataset.listenLang).toBe('zh-CN');
    expect(html().dataset.listen).toBe('playing');
    expect(synth.current?.text).toBe(EXPECTED[0]);
    expect(synth.current?.voice).toBe(VOICES.zhCn);
    expect(html().dataset.listenSentence).toBe('0');
    expect(highlighted()).toBe(EXPECTED[0]);
    synth.finish();
    expect(highlighted()).toBe(EXPECTED[1]);
    expect(bar().querySelector('.listen-status')?.textContent).toBe('listenPosition');
    expect(content().innerHTML).toBe(before);
  });

  it('lists only voices of the article language, and a chosen voice reads the next utterance', async () => {
    const synth = start([VOICES.enUs, VOICES.zhTw, VOICES.zhCn, VOICES.frFr, VOICES.zhHk]);
    await openByButton();
    const select = bar().querySelector<HTMLSelectElement>('.listen-voice')!;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Xiaoxiao (zh-CN)', 'HsiaoChen (zh-TW)', 'Tracy (zh-HK)']);
    select.value = '1';
    select.dispatchEvent(new Event('change'));
    expect(synth.current?.voice).toBe(VOICES.zhTw);
    expect(synth.current?.text).toBe(EXPECTED[0]);
  });

  it('play/pause, next and previous buttons drive the speech; speed restarts the sentence', async () => {
    const synth = start();
    await openByButton();
    const click = (cls: string) => bar().querySelector<HTMLButtonElement>(cls)!.click();
    click('.listen-next');
    click('.listen-next');
    expect(synth.current?.text).toBe(EXPECTED[2]);
    expect(highlighted()).toBe(EXPECTED[2]);
    click('.listen-previous');
    expect(synth.current?.text).toBe(EXPECTED[1]);
    click('.listen-play');
    expect(html().dataset.listen).toBe('paused');
    expect(synth.paused).toBe(true);
    expect(bar().querySelector('.listen-play')?.getAttribute('aria-label')).toBe('listenPlay');
    click('.listen-play');
    expect(html().dataset.listen).toBe('playing');
    expect(bar().querySelector('.listen-play')?.getAttribute('aria-label')).toBe('listenPause');
    const rate = bar().querySelector<HTMLSelectElement>('.listen-rate')!;
    rate.value = '1.5';
    rate.dispatchEvent(new Event('change'));
    expect(synth.current?.text).toBe(EXPECTED[1]);
    expect(synth.current?.rate).toBe(1.5);
  });

  it('the l key opens and reads, then pauses and resumes', async () => {
    const synth = start();
    toggleListen(document);
    await controller?.open();
    expect(synth.current?.text).toBe(EXPECTED[0]);
    await controller?.toggle();
    expect(html().dataset.listen).toBe('paused');
    await controller?.toggle();
    expect(html().dataset.listen).toBe('playing');
  });

  it('a click on a paragraph while the bar is open reads from there; not on links', async () => {
    const synth = start();
    await openByButton();
    const li = content().querySelectorAll('li')[1] as HTMLElement;
    li.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: 5, clientY: 5 }));
    expect(synth.current?.text).toBe('Mr. Li said it costs 3.5 yuan.');
    expect(html().dataset.listenSentence).toBe('8');
    content().querySelector('.article-original a')!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    expect(synth.current?.text).toBe('Mr. Li said it costs 3.5 yuan.');
  });

  it('starts at the selection when there is one', async () => {
    const synth = start();
    const p = content().querySelectorAll('.article-body p')[1] as HTMLElement;
    const range = document.createRange();
    range.setStart(p.lastChild as Text, 2);
    range.setEnd(p.lastChild as Text, 4);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
    await openByButton();
    expect(synth.current?.text).toBe(EXPECTED[5]);
    window.getSelection()!.removeAllRanges();
  });

  it('says plainly when the system has no voice for the language, and offers the controls once one appears', async () => {
    const synth = start([VOICES.enUs, VOICES.frFr]);
    await openByButton();
    expect(html().dataset.listen).toBe('no-voice');
    expect(bar().querySelector('.listen-status')?.textContent).toBe('listenNoVoice');
    expect(bar().querySelector<HTMLElement>('.listen-play')!.hidden).toBe(true);
    expect(bar().querySelector<HTMLElement>('.listen-voice')!.hidden).toBe(true);
    expect(synth.spoken).toHaveLength(0);
    expect(registry.has(HIGHLIGHT_NAME)).toBe(false);
    synth.setVoices([VOICES.enUs, VOICES.cmn]);
    expect(bar().querySelector<HTMLElement>('.listen-play')!.hidden).toBe(false);
    expect(html().dataset.listen).toBe('stopped');
    bar().querySelector<HTMLButtonElement>('.listen-play')!.click();
    expect(synth.current?.text).toBe(EXPECTED[0]);
    expect(synth.current?.voice).toBe(VOICES.cmn);
  });

  it('waits for voices a browser lists late (voiceschanged), and gives up after a while', async () => {
    const synth = start([]);
    listenButton().click();
    expect(html().dataset.listen).toBe('searching');
    setTimeout(() => synth.setVoices([VOICES.zhCn]), 5);
    await controller?.open();
    expect(html().dataset.listen).toBe('playing');
    controller?.destroy();
    const silent = start([]);
    await openByButton();
    expect(html().dataset.listen).toBe('no-voice');
    expect(silent.spoken).toHaveLength(0);
  });

  it('says so when the browser has no speech synthesis at all', async () => {
    start([], { synth: null });
    await openByButton();
    expect(html().dataset.listen).toBe('unsupported');
    expect(bar().querySelector('.listen-status')?.textContent).toBe('listenUnsupported');
  });

  it('closing stops the speech, removes the highlight and hides the bar; the button opens it again', async () => {
    const synth = start();
    await openByButton();
    bar().querySelector<HTMLButtonElement>('.listen-close')!.click();
    expect(synth.speaking).toBe(false);
    expect(bar().hidden).toBe(true);
    expect(registry.has(HIGHLIGHT_NAME)).toBe(false);
    expect(html().dataset.listen).toBeUndefined();
    expect(html().dataset.listenSentence).toBeUndefined();
    expect(listenButton().getAttribute('aria-expanded')).toBe('false');
    await openByButton();
    expect(synth.current?.text).toBe(EXPECTED[0]);
    listenButton().click();
    expect(bar().hidden).toBe(true);
    expect(synth.speaking).toBe(false);
  });

  it('Esc in the bar closes it and gives focus back to the button; the running position is not announced, messages are', async () => {
    const synth = start();
    await openByButton();
    const status = bar().querySelector('.listen-status')!;
    expect(status.getAttribute('aria-live')).toBe('off');
    const play = bar().querySelector<HTMLButtonElement>('.listen-play')!;
    play.focus();
    play.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    expect(controller?.isOpen).toBe(false);
    expect(synth.speaking).toBe(false);
    expect(document.activeElement).toBe(listenButton());
    controller?.destroy();
    start([VOICES.enUs]);
    await openByButton();
    expect(bar().querySelector('.listen-status')!.getAttribute('aria-live')).toBe('polite');
  });

  it('stops speaking when the page goes', async () => {
    const synth = start();
    await openByButton();
    const cancels = synth.cancels;
    window.dispatchEvent(new Event('pagehide'));
    expect(synth.cancels).toBeGreaterThan(cancels);
    expect(synth.speaking).toBe(false);
    expect(controller?.isOpen).toBe(false);
  });

  it('reads the article anew when its text changes under the player (a retried page, another script)', async () => {
    const synth = start();
    await openByButton();
    synth.finish();
    const p = content().querySelector('.article-body p') as HTMLElement;
    await changeAndRebuild(() => (p.textContent = '夜行列車準時駛出山谷。車廂裡坐滿了人。'));
    expect(controller?.sentences[1]?.text).toBe('夜行列車準時駛出山谷。');
    expect(controller?.sentences[2]?.text).toBe('車廂裡坐滿了人。');
    expect(synth.current?.text).toBe('夜行列車準時駛出山谷。');
    expect(highlighted()).toBe('夜行列車準時駛出山谷。');
    expect(html().dataset.listenSentences).toBe(String(EXPECTED.length - 1));
  });

  it('follows the article into another script: Traditional text marked zh-TW gets the Taiwan voice first', async () => {
    const synth = start([VOICES.zhCn, VOICES.zhTw]);
    await openByButton();
    await changeAndRebuild(() => {
      content().lang = 'zh-TW';
      (content().querySelector('.article-header h1') as HTMLElement).textContent = '夜行列車把山谷和城市連在一起';
    });
    expect(html().dataset.listenLang).toBe('zh-TW');
    const select = bar().querySelector<HTMLSelectElement>('.listen-voice')!;
    expect([...select.options].map((o) => o.textContent)).toEqual(['HsiaoChen (zh-TW)', 'Xiaoxiao (zh-CN)']);
    expect(synth.current?.voice).toBe(VOICES.zhTw);
    expect(synth.current?.text).toBe('夜行列車把山谷和城市連在一起');
    // An English-only system then has nothing for it.
    controller?.destroy();
    const english = start([VOICES.enUs]);
    content().lang = 'en';
    await openByButton();
    expect(html().dataset.listen).toBe('playing');
    await changeAndRebuild(() => (content().lang = 'zh-CN'));
    expect(html().dataset.listen).toBe('no-voice');
    expect(english.speaking).toBe(false);
  });

  it('without CSS highlights, draws boxes outside the article instead', async () => {
    Object.assign(window, { CSS: undefined, Highlight: undefined });
    const before = content().innerHTML;
    start();
    await openByButton();
    expect(document.querySelector('body > .listen-marks')).not.toBeNull();
    expect(content().querySelector('.listen-marks, .listen-mark')).toBeNull();
    expect(content().innerHTML).toBe(before);
  });

  it('with no text to read, says so', async () => {
    content().querySelector('.article-body')!.replaceChildren();
    content().querySelector('.article-header h1')!.textContent = '';
    const synth = start();
    await openByButton();
    expect(html().dataset.listen).toBe('no-text');
    expect(html().dataset.listenSentences).toBe('0');
    expect(synth.spoken).toHaveLength(0);
  });
});
