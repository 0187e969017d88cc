/**
 * Listen (read aloud) in real Chromium and real Firefox: the reader's `[data-action="listen"]`
 * button on a live and a saved article, the sentence splitting on the rendered article
 * (`<html data-listen-sentences>`), and what the browser's own speech synthesis gives: with no
 * voice for the language (headless browsers usually have none) the plain message, else the first
 * sentence highlighted. Then, with a scripted `speechSynthesis` put into the page (the real one
 * cannot be driven), the real browser's CSS highlight, keeping the sentence in view, a click on a
 * sentence reading from there, and copies without any of it. Screenshots of the player at 400 and
 * 1100 px, light, sepia and dark, English and Chinese interface, in $WHOLESTORY_SHOTS, only when it is
 * set (`npm run shots`; the English looks are checked in every run).
 *
 * Run: `npx vitest run --config vitest.e2e.config.ts test/e2e/listen.e2e.test.ts`.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachBrowser, type Tab } from './driver';
import { writeEnglishArticle } from './fixtures';
import { PHOTO_START, writePhotoArticle } from './photo-fixtures';
import { itShots, readerTabs, shot, shotsDir } from './reader-pages';
import { fixtureSite } from './site';

/**
 * The photo article's sentences as the splitter must find them on the rendered page: the title;
 * seven body paragraphs of two sentences each ("…“请保管好行李”……" | "票价12元，全程3.5小时。");
 * the paragraph after the third photo, two; four captions, one each. 1 + 14 + 2 + 4.
 */
const PHOTO_SENTENCES = 21;
const PHOTO_TITLE = '夜行列车把山谷和城市连在一起';

/** Polls `fn` in the page until it is true. */
async function until<A>(tab: Tab, fn: (arg: A) => boolean, arg: A, what: string, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await tab.evaluate(fn, arg).catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Scrolls to `fraction` of the page and makes sure it stays there: the reader brings back where
 * the last tab on this article was (reading-position.ts), which may come after the article shows.
 */
async function scrollStably(tab: Tab, fraction: number): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const y = await tab.evaluate((f) => {
      const target = Math.round((document.documentElement.scrollHeight - window.innerHeight) * f);
      window.scrollTo(0, target);
      return window.scrollY;
    }, fraction);
    await new Promise((r) => setTimeout(r, 300));
    if (Math.abs((await tab.evaluate(() => window.scrollY)) - y) < 5) return;
  }
}

const settled = (tab: Tab) => until(tab, () => ['ready', 'partial', 'error'].includes(document.documentElement.dataset.state ?? ''), undefined, 'the article', 30_000);
const listenState = (tab: Tab) => tab.evaluate(() => document.documentElement.dataset.listen ?? null);

/**
 * A scripted `speechSynthesis` for the page: it "speaks" nothing and moves on only when told
 * (`__speech.finish()`), with one Mandarin and one English voice. The reader reads
 * `window.speechSynthesis` when the player opens, so this is what it then uses.
 */
function installScriptedSpeech(): void {
  const voices = [
    { name: 'Scripted Mandarin', lang: 'zh-CN', voiceURI: 'scripted-zh', localService: true, default: false },
    { name: 'Scripted English', lang: 'en-US', voiceURI: 'scripted-en', localService: true, default: true },
  ];
  type U = { text: string; onend: ((e: unknown) => void) | null; onerror: ((e: { error: string }) => void) | null; onstart: ((e: unknown) => void) | null };
  const state = { current: null as U | null, paused: false, spoken: [] as string[] };
  const synth = new EventTarget() as EventTarget & Record<string, unknown>;
  Object.defineProperties(synth, {
    speaking: { get: () => state.current !== null },
    pending: { get: () => false },
    paused: { get: () => state.paused },
  });
  Object.assign(synth, {
    spoken: state.spoken,
    speak(u: U) {
      state.spoken.push(u.text);
      state.current = u;
      setTimeout(() => u.onstart?.({}), 0);
    },
    cancel() {
      const u = state.current;
      state.current = null;
      u?.onerror?.({ error: 'interrupted' });
    },
    pause() {
      state.paused = true;
    },
    resume() {
      state.paused = false;
    },
    getVoices: () => voices,
    finish() {
      const u = state.current;
      state.current = null;
      u?.onend?.({});
    },
  });
  function Utterance(this: Record<string, unknown>, text: string) {
    this.text = text;
    this.lang = '';
    this.rate = 1;
    this.voice = null;
    this.onstart = null;
    this.onend = null;
    this.onerror = null;
    this.onboundary = null;
  }
  Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: synth });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { configurable: true, writable: true, value: Utterance });
  (window as unknown as { __speech: unknown }).__speech = synth;
}

/** What the highlight covers now: the CSS highlight's range text, or null. */
function highlightedText(): string | null {
  const registry = (CSS as unknown as { highlights?: Map<string, { forEach(fn: (r: Range) => void): void }> }).highlights;
  const highlight = registry?.get('wholestory-listen');
  if (!highlight) return null;
  let text: string | null = null;
  highlight.forEach((r) => (text = r.toString()));
  return text;
}

/** The real browser's voices (once the player has decided: it waits for the browser to list them). */
function realVoices(): Array<{ name: string; lang: string }> {
  return (window.speechSynthesis?.getVoices() ?? []).map((v) => ({ name: v.name, lang: v.lang }));
}

/** The player bar and its visible controls lie inside the window. */
function barLayout() {
  const bar = document.getElementById('listen-bar') as HTMLElement;
  const r = bar.getBoundingClientRect();
  const inside = [...bar.querySelectorAll<HTMLElement>('button, select, .listen-status')]
    .filter((el) => el.getBoundingClientRect().width > 0)
    .every((el) => {
      const e = el.getBoundingClientRect();
      return e.left >= r.left - 1 && e.right <= r.right + 1 && e.top >= r.top - 1 && e.bottom <= r.bottom + 1;
    });
  return {
    shown: r.width > 0 && r.height > 0,
    inWindow: r.left >= 0 && r.right <= window.innerWidth && r.top >= 0 && r.bottom <= window.innerHeight,
    inside,
    pageWidth: document.documentElement.scrollWidth,
    fixed: getComputedStyle(bar).position,
  };
}

interface Suite {
  open(query: string, width?: number): Promise<Tab>;
}

/** The checks both browsers run, given how to open a reader tab. */
function listenChecks(name: string, suite: () => Suite, english: () => string) {
  it(`${name}: splits the rendered article, and the real speech synthesis gives the no-voice message or a highlighted first sentence`, async () => {
    const tab = await suite().open(`url=${encodeURIComponent(PHOTO_START)}`);
    await settled(tab);
    expect(await tab.evaluate(() => (document.querySelector('[data-action="listen"]') as HTMLButtonElement).disabled)).toBe(false);
    await scrollStably(tab, 0);
    await tab.click('[data-action="listen"]');
    await until(tab, () => !['searching', undefined].includes(document.documentElement.dataset.listen), undefined, 'the player to decide');
    // The system's voices, as the player found them (it waited for the browser to list them).
    const voices = await tab.evaluate(realVoices);
    console.log(`${name}: the system's voices: ${JSON.stringify(voices)}`);
    expect(await tab.evaluate(() => document.documentElement.dataset.listenSentences)).toBe(String(PHOTO_SENTENCES));
    expect(await tab.evaluate(() => document.documentElement.dataset.listenLang)).toMatch(/^zh/);
    const chinese = voices.filter((v) => /^(zh|cmn|yue)/i.test(v.lang));
    const status = await tab.evaluate(() => document.querySelector('#listen-bar .listen-status')?.textContent ?? '');
    if (chinese.length === 0) {
      expect(await listenState(tab)).toBe('no-voice');
      expect(status).toMatch(/^This system has no voice for Chinese/);
      expect(await tab.evaluate(() => (document.querySelector('#listen-bar .listen-play') as HTMLElement).getBoundingClientRect().width)).toBe(0);
    } else {
      expect(await listenState(tab)).toBe('playing');
      await until(tab, () => document.documentElement.dataset.listenSentence === '0', undefined, 'sentence 0');
      expect(await tab.evaluate(highlightedText)).toBe(PHOTO_TITLE);
    }
    const layout = await tab.evaluate(barLayout);
    expect(layout).toMatchObject({ shown: true, inWindow: true, inside: true, fixed: 'fixed' });
    // Closing takes everything away.
    await tab.click('#listen-bar .listen-close');
    expect(await listenState(tab)).toBeNull();
    expect(await tab.evaluate(highlightedText)).toBeNull();
    await tab.close();
  });

  it(`${name}: with a scripted voice: the real CSS highlight follows the speech, stays in view, a click reads from the sentence under it, copies carry none of it`, async () => {
    const tab = await suite().open(`url=${encodeURIComponent(PHOTO_START)}`, 1100);
    await settled(tab);
    await tab.evaluate(installScriptedSpeech);
    await scrollStably(tab, 0);
    const before = await tab.evaluate(() => document.getElementById('reader-content')!.innerHTML);
    await tab.press('l');
    await until(tab, () => document.documentElement.dataset.listen === 'playing', undefined, 'playing');
    expect(await tab.evaluate(highlightedText)).toBe(PHOTO_TITLE);
    const options = await tab.evaluate(() => [...document.querySelectorAll('#listen-bar .listen-voice option')].map((o) => o.textContent));
    expect(options).toEqual(['Scripted Mandarin (zh-CN)']);
    await tab.evaluate(() => (window as unknown as { __speech: { finish(): void } }).__speech.finish());
    const second = await tab.evaluate(highlightedText);
    expect(second).toMatch(/^第1页第1段：夜行列车准时驶出山谷.*“请保管好行李”……$/);
    // Next to the last sentence (page 2, far below): it is scrolled into the band between the
    // toolbar and the bar.
    for (let i = 0; i < PHOTO_SENTENCES - 2; i++) await tab.click('#listen-bar .listen-next');
    expect(await tab.evaluate(() => document.documentElement.dataset.listenSentence)).toBe(String(PHOTO_SENTENCES - 1));
    await until(
      tab,
      () => {
        const registry = (CSS as unknown as { highlights: Map<string, { forEach(fn: (r: Range) => void): void }> }).highlights;
        let rect: DOMRect | null = null;
        registry.get('wholestory-listen')?.forEach((r) => (rect = r.getBoundingClientRect()));
        const top = (document.querySelector('.toolbar') as HTMLElement).getBoundingClientRect().bottom;
        const bottom = (document.getElementById('listen-bar') as HTMLElement).getBoundingClientRect().top;
        return rect !== null && window.scrollY > 200 && (rect as DOMRect).top >= top && (rect as DOMRect).bottom <= bottom;
      },
      undefined,
      'the last sentence in view',
    );
    // A real click on the second sentence of page 1's second paragraph reads from there.
    const point = await tab.evaluate(() => {
      const p = [...document.querySelectorAll('#reader-content p')].find((el) => el.textContent?.startsWith('第1页第2段')) as HTMLElement;
      p.scrollIntoView({ block: 'center' });
      const text = p.firstChild as Text;
      const at = text.data.indexOf('票价');
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + 2);
      const r = range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    await tab.clickAt(point.x, point.y);
    await until(tab, () => /^票价12元/.test(String((window as unknown as { __speech: { spoken: string[] } }).__speech.spoken.at(-1))), undefined, 'reading from the clicked sentence');
    expect(await tab.evaluate(highlightedText)).toBe('票价12元，全程3.5小时。');
    // Pause and resume with the key; the article's DOM is as it was (copies read it).
    await tab.press('l');
    expect(await listenState(tab)).toBe('paused');
    await tab.press('l');
    expect(await listenState(tab)).toBe('playing');
    expect(await tab.evaluate(() => document.getElementById('reader-content')!.innerHTML)).toBe(before);
    await tab.close();
  });

  it(`${name}: a long article (the body 30 times, about 20,000 characters) opened mid-way starts on screen; what splitting costs`, async () => {
    const tab = await suite().open(`url=${encodeURIComponent(PHOTO_START)}`, 1100);
    await settled(tab);
    const chars = await tab.evaluate(() => {
      const body = document.querySelector('#reader-content .article-body') as HTMLElement;
      const copy = [...body.children].map((el) => el.cloneNode(true));
      for (let i = 1; i < 30; i++) body.append(...copy.map((el) => el.cloneNode(true)));
      return (body.textContent ?? '').replace(/\s+/g, '').length;
    });
    await scrollStably(tab, 0.5);
    await tab.evaluate(installScriptedSpeech);
    const times: number[] = [];
    for (let run = 0; run < 5; run++) {
      await tab.click('[data-action="listen"]');
      await until(tab, () => document.documentElement.dataset.listen === 'playing', undefined, 'playing');
      times.push(Number(await tab.evaluate(() => document.documentElement.dataset.listenPrepareMs)));
      const where = await tab.evaluate(() => {
        const index = Number(document.documentElement.dataset.listenSentence);
        const registry = (CSS as unknown as { highlights: Map<string, { forEach(fn: (r: Range) => void): void }> }).highlights;
        let rect: DOMRect | null = null;
        registry.get('wholestory-listen')?.forEach((r) => (rect = r.getBoundingClientRect()));
        const r = rect as DOMRect | null;
        return { index, top: r?.top ?? -1, bottom: r?.bottom ?? -1, height: window.innerHeight };
      });
      expect(where.index).toBeGreaterThan(150);
      expect(where.top).toBeGreaterThanOrEqual(0);
      expect(where.bottom).toBeLessThanOrEqual(where.height);
      await tab.click('#listen-bar .listen-close');
    }
    const sentences = Number(await tab.evaluate(() => document.documentElement.dataset.listenSentences));
    expect(sentences).toBe(1 + 30 * (PHOTO_SENTENCES - 1));
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`${name}: ${chars} characters, ${sentences} sentences: split + "from here" ${sorted.join(', ')} ms (5 opens, median ${sorted[2]} ms)`);
    await tab.close();
  });

  it(`${name}: an English article gets English voices only; a saved copy is read as the live one`, async () => {
    const tab = await suite().open(`url=${encodeURIComponent(english())}`);
    await settled(tab);
    await tab.evaluate(installScriptedSpeech);
    await tab.click('[data-action="listen"]');
    await until(tab, () => document.documentElement.dataset.listen === 'playing', undefined, 'playing');
    expect(await tab.evaluate(() => document.documentElement.dataset.listenLang)).toMatch(/^en/);
    expect(await tab.evaluate(() => [...document.querySelectorAll('#listen-bar .listen-voice option')].map((o) => o.textContent))).toEqual(['Scripted English (en-US)']);
    const live = Number(await tab.evaluate(() => document.documentElement.dataset.listenSentences));
    // Three pages of four paragraphs: each of their sentences, and the title.
    expect(live).toBeGreaterThan(12);
    await tab.click('#listen-bar .listen-close');
    await tab.click('#save-article');
    await until(tab, () => document.documentElement.dataset.save === 'saved', undefined, 'saved', 30_000);
    const id = await tab.evaluate(() => document.documentElement.dataset.savedId ?? '');
    await tab.close();
    const saved = await suite().open(`id=${encodeURIComponent(id)}`);
    await settled(saved);
    await saved.evaluate(installScriptedSpeech);
    await scrollStably(saved, 0);
    await saved.click('[data-action="listen"]');
    await until(saved, () => document.documentElement.dataset.listen === 'playing', undefined, 'playing the saved copy');
    expect(Number(await saved.evaluate(() => document.documentElement.dataset.listenSentences))).toBe(live);
    expect(await saved.evaluate(highlightedText)).toMatch(/^Night trains bring remote valleys closer to the cities$/);
    await saved.close();
  });
}

/**
 * A `speechSynthesis` with no voice at all, as most headless systems have, whose speech service
 * answers at once: `voiceschanged` (still no voice) as soon as the player listens for it, so the
 * player does not wait out its time for voices listed late (listen.ts VOICE_WAIT_MS).
 */
function installNoVoices(): void {
  const synth = new EventTarget();
  const listen = synth.addEventListener.bind(synth);
  synth.addEventListener = (type: string, fn: EventListenerOrEventListenerObject | null, options?: AddEventListenerOptions | boolean) => {
    listen(type, fn, options);
    if (type === 'voiceschanged') setTimeout(() => synth.dispatchEvent(new Event('voiceschanged')), 0);
  };
  Object.assign(synth, { getVoices: () => [], speak() {}, cancel() {}, pause() {}, resume() {}, speaking: false, pending: false, paused: false });
  Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: synth });
}

/**
 * The player in each look, one tab per width: mid-article with a (scripted) voice, light then
 * dark, then the no-voice message.
 */
async function screenshots(name: string, suite: Suite, locale: string): Promise<void> {
  for (const width of [400, 1100]) {
    const tab = await suite.open(`url=${encodeURIComponent(PHOTO_START)}`, width);
    await settled(tab);
    expect(await tab.evaluate(() => document.documentElement.lang)).toBe(locale === 'zh-CN' ? 'zh-CN' : 'en');
    await tab.evaluate(installScriptedSpeech);
    await tab.evaluate(() => document.querySelector('#reader-content .article-body p')?.scrollIntoView({ block: 'start' }));
    await tab.click('[data-action="listen"]');
    await until(tab, () => document.documentElement.dataset.listen === 'playing', undefined, 'playing');
    await tab.evaluate(() => (window as unknown as { __speech: { finish(): void } }).__speech.finish());
    await tab.evaluate(() => (window as unknown as { __speech: { finish(): void } }).__speech.finish());
    for (const theme of ['light', 'sepia', 'dark']) {
      await tab.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
      // The theme's colour transitions over.
      await until(tab, () => document.getAnimations().every((a) => a.playState !== 'running'), undefined, 'the theme to settle');
      const layout = await tab.evaluate(barLayout);
      expect(layout, `${locale} ${theme} ${width}`).toMatchObject({ shown: true, inWindow: true, inside: true });
      expect(layout.pageWidth, `${locale} ${theme} ${width}: no sideways scrolling`).toBeLessThanOrEqual(width);
      await shot(`listen-${name}-${locale}-${theme}-${width}`, (file) => tab.screenshot(file));
    }
    // The no-voice message: the bar closed, the system's voices gone, opened again.
    await tab.click('#listen-bar .listen-close');
    await tab.evaluate((t) => (document.documentElement.dataset.theme = t), 'light');
    await tab.evaluate(installNoVoices);
    await tab.click('[data-action="listen"]');
    await until(tab, () => document.documentElement.dataset.listen === 'no-voice', undefined, 'no-voice', 10_000);
    const layout = await tab.evaluate(barLayout);
    expect(layout, `no-voice ${locale} ${width}`).toMatchObject({ shown: true, inWindow: true, inside: true });
    expect(await tab.evaluate(() => document.querySelector('#listen-bar .listen-status')?.textContent ?? '')).toMatch(locale === 'zh-CN' ? /^系统中没有中文（中国）语音/ : /^This system has no voice for Chinese \(China\)/);
    await shot(`listen-${name}-${locale}-novoice-${width}`, (file) => tab.screenshot(file));
    await tab.close();
  }
}

let englishStart: string;
const fixture = fixtureSite('listen', (root) => {
  const photos = path.join(root, 'photos');
  writePhotoArticle(photos);
  const english = writeEnglishArticle(path.join(root, 'english'));
  englishStart = english.start;
  return [photos, english.dir];
});

forEachBrowser((browser) =>
  browser.describe('listen', () => {
    const label = browser.label;
    const b = readerTabs(browser, { sitePort: () => fixture.site.port, bootUrl: () => englishStart });
    const suite: Suite = { open: (query, width = 1100) => b.open(query, width, 900) };
    beforeAll(() => b.launch());
    afterAll(() => b.close());

    listenChecks(label, () => suite, () => englishStart);

    it(`${label}: the player in each look (400 and 1100 px, light, sepia and dark) and the no-voice message, English interface (screenshots with WHOLESTORY_SHOTS)`, async () => {
      await screenshots(browser.name, suite, 'en-US');
    }, 120_000);

    itShots(`${label}: screenshots of the player in the Chinese interface (400 and 1100 px, light, sepia and dark)`, async () => {
      await screenshots(browser.name, { open: (query, width = 1100) => b.openZh(query, width, 900) }, 'zh-CN');
      console.log(`screenshots: ${shotsDir()}/listen-${browser.name}-*.png`);
    }, 240_000);
  }),
);
