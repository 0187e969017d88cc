// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { articleIdFor } from '../library/article-id';
import type { WholeArticle } from '../pipeline/types';
import { READING_POSITIONS_KEY } from '../storage-keys';
import { announceArticleShown } from './article-shown';
import {
  capEntries,
  encodePosition,
  findBlock,
  PositionStore,
  positionBlocks,
  positionKey,
  scrollDelta,
  setUpReadingPosition,
  type ReadingAxis,
  type ReadingPosition,
  type StorageAreaLike,
} from './reading-position';

/** A storage.local stand-in: values kept as JSON, as the browser keeps them. */
function fakeArea(): StorageAreaLike & { data: Record<string, string> } {
  const data: Record<string, string> = {};
  return {
    data,
    async get(key) {
      return key in data ? { [key]: JSON.parse(data[key]!) } : {};
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data[k] = JSON.stringify(v);
    },
  };
}

/**
 * Everything the reader started on the fake area has finished: the area answers with promises
 * alone (no timer, no I/O), and a task runs only once every microtask queued before it, and
 * every one those queued, has run. One task's turn, not a guessed delay.
 */
const storageSettled = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Lays `blocks` out one under the other (heights given) below `top`, scrolled by `scroll.y`. */
function layOut(blocks: HTMLElement[], heights: number[], scroll: { y: number }, top = 200): void {
  let y = top;
  blocks.forEach((el, i) => {
    const start = y;
    const h = heights[i % heights.length]!;
    el.getBoundingClientRect = () => ({ top: start - scroll.y, bottom: start + h - scroll.y, left: 0, right: 600, width: 600, height: h, x: 0, y: start - scroll.y, toJSON() {} }) as DOMRect;
    y += h;
  });
}

const axis: ReadingAxis = { vertical: false, line: 50, viewportWidth: 1000 };

function body(paragraphs = 40): HTMLElement {
  const div = document.createElement('div');
  div.className = 'article-body';
  const parts: string[] = [];
  for (let p = 1; p <= 2; p++) {
    if (p > 1) parts.push('<div class="page-marker" data-reader-ui><a>第2页</a></div>');
    parts.push(`<section data-page="${p}">`);
    for (let i = 0; i < paragraphs / 2; i++) parts.push(i === 3 ? `<blockquote><p>引文${p}-${i}</p></blockquote>` : `<p>第${p}页第${i}段：书房里坐满了读者。</p>`);
    parts.push('</section>');
  }
  div.innerHTML = parts.join('');
  return div;
}

describe('positionBlocks', () => {
  it('innermost blocks in order, the reader’s own elements left out', () => {
    const b = body(10);
    const blocks = positionBlocks(b);
    expect(blocks).toHaveLength(10);
    expect(blocks.every((el) => el.tagName === 'P')).toBe(true);
    expect(blocks.some((el) => el.closest('[data-reader-ui]'))).toBe(false);
  });
});

describe('encodePosition / scrollDelta', () => {
  it('a block index and a fraction into it; restoring at another width (taller blocks) puts the same place on the line', () => {
    const b = body();
    const blocks = positionBlocks(b);
    const scroll = { y: 0 };
    layOut(blocks, [100], scroll);
    scroll.y = 200 + 17 * 100 + 25 - axis.line; // a quarter into block 17
    const pos = encodePosition(blocks, axis, 123)!;
    expect(pos).toEqual({ block: 17, offset: 0.25, blocks: 40, text: blocks[17]!.textContent!.replace(/\s+/g, '').slice(0, 24), at: 123 });

    // A narrower window: every block 180 px, a header 50 px taller; the page reloaded at the top.
    const narrow = { y: 0 };
    layOut(blocks, [180], narrow, 250);
    const delta = scrollDelta(blocks, pos, axis)!;
    expect(delta).toBeCloseTo(250 + 17 * 180 + 0.25 * 180 - axis.line, 5);
    narrow.y += delta;
    expect(encodePosition(blocks, axis, 123)).toMatchObject({ block: 17, offset: 0.25 });
  });

  it('in the space between two paragraphs: just before the next one (a negative offset), restored to the pixel', () => {
    const blocks = positionBlocks(body());
    const scroll = { y: 0 };
    let y = 200;
    blocks.forEach((el) => {
      const start = y;
      el.getBoundingClientRect = () => ({ top: start - scroll.y, bottom: start + 100 - scroll.y, height: 100, width: 600, left: 0, right: 600 }) as DOMRect;
      y += 120; // 20 px between paragraphs
    });
    scroll.y = 200 + 5 * 120 - 10 - axis.line; // 10 px above block 5
    const pos = encodePosition(blocks, axis)!;
    expect(pos).toMatchObject({ block: 5, offset: -0.5 });
    scroll.y = 0;
    expect(scrollDelta(blocks, pos, axis)).toBeCloseTo(200 + 5 * 120 - 10 - axis.line, 5);
    // Narrower (blocks twice as tall), the same 20 px margins: still half-way through the space before block 5.
    y = 200;
    blocks.forEach((el) => {
      const start = y;
      el.getBoundingClientRect = () => ({ top: start - scroll.y, bottom: start + 200 - scroll.y, height: 200, width: 300, left: 0, right: 300 }) as DOMRect;
      y += 220;
    });
    expect(scrollDelta(blocks, pos, axis)).toBeCloseTo(200 + 5 * 220 - 10 - axis.line, 5);
  });

  it('at the top of the article: block 0, offset 0', () => {
    const blocks = positionBlocks(body());
    layOut(blocks, [90], { y: 0 });
    expect(encodePosition(blocks, axis)).toMatchObject({ block: 0, offset: 0 });
  });

  it('vertical writing (vertical-rl): blocks run right to left, the line is at the right edge', () => {
    const blocks = positionBlocks(body(10));
    const vaxis: ReadingAxis = { vertical: true, line: 24, viewportWidth: 1000 };
    const scroll = { x: 0 };
    blocks.forEach((el, i) => {
      el.getBoundingClientRect = () => {
        const right = 1000 - 30 - i * 120 + scroll.x;
        return { left: right - 120, right, width: 120, top: 0, bottom: 800, height: 800 } as DOMRect;
      };
    });
    scroll.x = 30 + 4 * 120 + 60 - 24; // half-way into block 4
    expect(encodePosition(blocks, vaxis)).toMatchObject({ block: 4, offset: 0.5 });
    scroll.x = 0;
    expect(scrollDelta(blocks, { block: 4, offset: 0.5, blocks: 10, text: '', at: 0 }, vaxis)).toBeCloseTo(30 + 4 * 120 + 60 - 24, 5);
  });
});

describe('findBlock', () => {
  const pos = (block: number, text: string, blocks = 40): ReadingPosition => ({ block, offset: 0.5, blocks, text, at: 0 });
  it('the same index when its text matches; the block with that text nearby when the article changed; the same share otherwise', () => {
    const blocks = positionBlocks(body());
    const text = (i: number) => blocks[i]!.textContent!.replace(/\s+/g, '').slice(0, 24);
    expect(findBlock(blocks, pos(12, text(12)))).toBe(12);
    // Two paragraphs were added before it since.
    expect(findBlock(blocks, pos(10, text(12)))).toBe(12);
    expect(findBlock(blocks, pos(10, 'no longer there', 20))).toBe(20);
    expect(findBlock(blocks, pos(99, 'gone', 100))).toBe(39);
  });
});

describe('PositionStore', () => {
  it('stores under one key and keeps the last N positions, oldest dropped', async () => {
    const area = fakeArea();
    const store = new PositionStore(area, 3);
    for (let i = 1; i <= 5; i++) await store.put(`url:https://a.example/${i}`, { block: i, offset: 0, blocks: 9, text: '', at: 1000 + i });
    expect(Object.keys(area.data)).toEqual([READING_POSITIONS_KEY]);
    expect(await store.size()).toBe(3);
    expect(await store.get('url:https://a.example/1')).toBeUndefined();
    expect(await store.get('url:https://a.example/5')).toMatchObject({ block: 5 });
    // Re-reading an old one makes it the newest.
    await store.put('url:https://a.example/3', { block: 33, offset: 0, blocks: 9, text: '', at: 2000 });
    await store.put('url:https://a.example/6', { block: 6, offset: 0, blocks: 9, text: '', at: 2001 });
    expect(await store.get('url:https://a.example/3')).toMatchObject({ block: 33 });
    expect(await store.get('url:https://a.example/4')).toBeUndefined();
  });

  it('reads junk as nothing stored', async () => {
    const area = fakeArea();
    area.data[READING_POSITIONS_KEY] = JSON.stringify({ v: 7, entries: 'x' });
    expect(await new PositionStore(area).get('url:x')).toBeUndefined();
    expect(await new PositionStore(area).get('__proto__')).toBeUndefined();
  });

  it('capEntries keeps the newest', () => {
    const entries = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`k${i}`, { block: 0, offset: 0, blocks: 1, text: '', at: i }]));
    const kept = capEntries(entries);
    expect(Object.keys(kept)).toHaveLength(200);
    expect(kept.k49).toBeUndefined();
    expect(kept.k50).toBeDefined();
  });
});

describe('positionKey', () => {
  it('live articles by canonical page-1 URL (no fragment), saved copies by id', () => {
    const url = 'http://www.news.cn/politics/2024-03/05/c_1130083452.htm';
    expect(positionKey({ source: 'network', savedId: null, article: { url: `${url}#p3` } })).toBe(`url:${url}`);
    expect(positionKey({ source: 'tab', savedId: 'abc', article: { url } })).toBe(`url:${url}`);
    expect(positionKey({ source: 'library', savedId: articleIdFor(url), article: { url } })).toBe(`id:${articleIdFor(url)}`);
  });
});

describe('setUpReadingPosition', () => {
  let scroll: { y: number };
  beforeEach(() => {
    document.body.innerHTML = '<header class="toolbar"></header><main><article id="reader-content"></article></main>';
    scroll = { y: 0 };
    const scroller = document.scrollingElement ?? document.documentElement;
    scroller.scrollBy = ((opts: ScrollToOptions) => (scroll.y += opts.top ?? 0)) as Element['scrollBy'];
    scroller.scrollTo = ((opts: ScrollToOptions) => (scroll.y = opts.top ?? 0)) as Element['scrollTo'];
  });

  it('restores a saved copy’s stored position once shown, says so, and "Back to start" goes to the top and remembers that', async () => {
    const area = fakeArea();
    const store = new PositionStore(area);
    const content = document.getElementById('reader-content') as HTMLElement;
    const b = body();
    content.append(b);
    const blocks = positionBlocks(b);
    layOut(blocks, [120], scroll);
    await store.put('id:abc', { block: 21, offset: 0.5, blocks: 40, text: blocks[21]!.textContent!.replace(/\s+/g, '').slice(0, 24), at: 1 });
    setUpReadingPosition(document, { store });
    announceArticleShown(document, { article: { url: 'http://x.example/a' } as WholeArticle, source: 'library', savedId: 'abc', change: 'article' });
    await storageSettled();
    // The line is 8 px under the (empty) toolbar.
    expect(scroll.y).toBeCloseTo(200 + 21 * 120 + 60 - 8, 5);
    expect(document.documentElement.dataset.positionRestored).toBe('21');
    const notice = document.getElementById('resume-notice') as HTMLElement;
    expect(notice.textContent).toContain('resumeNotice');
    (notice.querySelector('.resume-back') as HTMLButtonElement).click();
    expect(scroll.y).toBe(0);
    expect(document.getElementById('resume-notice')).toBeNull();
    await storageSettled();
    expect(await store.get('id:abc')).toMatchObject({ block: 0, offset: 0 });
  });

  it('saves on pagehide; nothing to restore at the start (no notice)', async () => {
    const store = new PositionStore(fakeArea());
    const content = document.getElementById('reader-content') as HTMLElement;
    const b = body();
    content.append(b);
    layOut(positionBlocks(b), [100], scroll);
    setUpReadingPosition(document, { store });
    announceArticleShown(document, { article: { url: 'http://x.example/a#frag' } as WholeArticle, source: 'network', savedId: null, change: 'article' });
    await storageSettled();
    expect(document.getElementById('resume-notice')).toBeNull();
    scroll.y = 200 + 30 * 100 - 8;
    window.dispatchEvent(new Event('pagehide'));
    await storageSettled();
    expect(await store.get('url:http://x.example/a')).toMatchObject({ block: 30, offset: 0 });
  });
});
