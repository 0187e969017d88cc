/**
 * The reading position, remembered and restored on return: a live article by its canonical URL
 * (page 1, no fragment), a saved copy by its library id. A position is a block (paragraph, heading,
 * list item, figure …) index and how far into that block the top of the text area is (0–1), with a
 * few characters of the block's text to find it again if the article changed a little: window
 * width, font size or vertical writing do not move it. All positions live under one key of
 * `browser.storage.local` (READING_POSITIONS_KEY), the last POSITIONS_CAP kept, oldest dropped.
 * Saved while scrolling (throttled) and when the page goes; restored once the article is shown, with
 * a notice "Resumed where you left off — Back to start".
 */
import { browser } from 'wxt/browser';
import { canonicalArticleUrl } from '../library/article-id';
import { READING_POSITIONS_KEY } from '../storage-keys';
import { t } from '../ui-text';
import { onArticleShown, type ArticleShown } from './article-shown';
import { element, iconButton, textButton } from './ui-elements';
import { articleScroller, blockText, positionBlocks, readingAxis, type ReadingAxis } from './reading-line';

export { articleScroller, blockText, positionBlocks, readingAxis, type ReadingAxis };

/** How many articles' positions are kept. */
export const POSITIONS_CAP = 200;
/** At most one save per this many ms while scrolling (and one when the page goes). */
const SAVE_EVERY_MS = 1000;
/** The notice goes by itself after this long. */
const NOTICE_MS = 10_000;
/** After restoring, images that load above keep the place for this long (until the person scrolls). */
const ANCHOR_MS = 5000;

export interface ReadingPosition {
  /** Block index in `positionBlocks` order. */
  block: number;
  /** How far into the block (0 ≤ offset < 1) the reading line is; -1 < offset < 0: that share of the space before it still to go. */
  offset: number;
  /** Blocks the article had. */
  blocks: number;
  /** The start of the block's text (spaces dropped), to find it again. */
  text: string;
  /** When saved (ms since 1970). */
  at: number;
}

interface StoredPositions {
  v: 1;
  entries: Record<string, ReadingPosition>;
}

/** The storage key of an article: `url:<canonical page-1 URL>` live, `id:<library id>` saved. */
export function positionKey(shown: { source: string; savedId: string | null; article: { url: string } }): string {
  return shown.source === 'library' && shown.savedId ? `id:${shown.savedId}` : `url:${canonicalArticleUrl(shown.article.url)}`;
}

/** The block's start and size along the reading direction, relative to the reading line. */
function span(el: Element, axis: ReadingAxis): { start: number; size: number } {
  const r = el.getBoundingClientRect();
  if (axis.vertical) return { start: axis.viewportWidth - r.right - axis.line, size: r.width };
  return { start: r.top - axis.line, size: r.height };
}

/** The position of the reading line among `blocks` (binary search: blocks follow each other). */
export function encodePosition(blocks: HTMLElement[], axis: ReadingAxis, at = Date.now()): ReadingPosition | null {
  if (blocks.length === 0) return null;
  // The first block that ends below the line.
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const s = span(blocks[mid] as HTMLElement, axis);
    if (s.start + s.size <= 0) lo = mid + 1;
    else hi = mid;
  }
  const block = blocks[lo] as HTMLElement;
  const s = span(block, axis);
  let offset = s.size > 0 ? Math.min(0.999, Math.max(0, -s.start / s.size)) : 0;
  // In the space between the previous block and this one: below 0, the share of that space still
  // to go (the margins scale with the font, not with the block), so the place comes back to the
  // pixel; before the first block it is the start.
  if (s.start > 0 && lo > 0) {
    const prev = span(blocks[lo - 1] as HTMLElement, axis);
    const gap = s.start - (prev.start + prev.size);
    if (gap > 0) offset = -Math.min(1, s.start / gap);
  }
  return { block: lo, offset: Math.round(offset * 1000) / 1000, blocks: blocks.length, text: blockText(block), at };
}

/** The block a stored position means in `blocks` now: same index and text, else the text nearby, else the same share of the article. */
export function findBlock(blocks: HTMLElement[], pos: ReadingPosition): number {
  if (blocks.length === 0) return -1;
  const at = Math.min(Math.max(0, pos.block), blocks.length - 1);
  if (!pos.text || blockText(blocks[at] as HTMLElement) === pos.text) return at;
  for (let d = 1; d < blocks.length; d++) {
    for (const i of [at - d, at + d]) if (i >= 0 && i < blocks.length && blockText(blocks[i] as HTMLElement) === pos.text) return i;
    if (at - d < 0 && at + d >= blocks.length) break;
  }
  return Math.min(blocks.length - 1, Math.round((pos.block / Math.max(1, pos.blocks)) * blocks.length));
}

/** How far (px) to scroll along the axis to put `pos` on the reading line. */
export function scrollDelta(blocks: HTMLElement[], pos: ReadingPosition, axis: ReadingAxis): number | null {
  const i = findBlock(blocks, pos);
  if (i < 0) return null;
  const s = span(blocks[i] as HTMLElement, axis);
  if (pos.offset >= 0) return s.start + pos.offset * s.size;
  if (i === 0) return s.start;
  const prev = span(blocks[i - 1] as HTMLElement, axis);
  return s.start + pos.offset * Math.max(0, s.start - (prev.start + prev.size));
}

/** Whether a position is worth restoring (not the very start). */
export function worthRestoring(pos: ReadingPosition | undefined): pos is ReadingPosition {
  return !!pos && (pos.block > 0 || pos.offset > 0.1);
}

// ---- storage ---------------------------------------------------------------------------------

export interface StorageAreaLike {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

function normalize(value: unknown): StoredPositions {
  const v = value as StoredPositions | undefined;
  if (!v || v.v !== 1 || typeof v.entries !== 'object' || v.entries === null) return { v: 1, entries: {} };
  return v;
}

/** Keeps the `cap` most recently saved entries. */
export function capEntries(entries: Record<string, ReadingPosition>, cap = POSITIONS_CAP): Record<string, ReadingPosition> {
  const list = Object.entries(entries);
  if (list.length <= cap) return entries;
  list.sort((a, b) => b[1].at - a[1].at);
  return Object.fromEntries(list.slice(0, cap));
}

export class PositionStore {
  constructor(
    private readonly area: StorageAreaLike = browser.storage.local as unknown as StorageAreaLike,
    private readonly cap = POSITIONS_CAP,
  ) {}

  /** Every stored position, by key. */
  async all(): Promise<Record<string, ReadingPosition>> {
    return normalize((await this.area.get(READING_POSITIONS_KEY))[READING_POSITIONS_KEY]).entries;
  }

  async get(key: string): Promise<ReadingPosition | undefined> {
    const stored = normalize((await this.area.get(READING_POSITIONS_KEY))[READING_POSITIONS_KEY]);
    return Object.hasOwn(stored.entries, key) ? stored.entries[key] : undefined;
  }

  /** Read, change, write: another reader tab's entry written meanwhile is kept. */
  async put(key: string, pos: ReadingPosition): Promise<void> {
    const stored = normalize((await this.area.get(READING_POSITIONS_KEY))[READING_POSITIONS_KEY]);
    const entries = { ...stored.entries };
    delete entries[key];
    entries[key] = pos;
    await this.area.set({ [READING_POSITIONS_KEY]: { v: 1, entries: capEntries(entries, this.cap) } });
  }

  async size(): Promise<number> {
    return Object.keys(normalize((await this.area.get(READING_POSITIONS_KEY))[READING_POSITIONS_KEY]).entries).length;
  }
}

// ---- the page ------------------------------------------------------------------------------

function scrollAlong(scroller: Element, axis: ReadingAxis, delta: number): void {
  // In vertical-rl the text runs leftwards: a later block is further left (scrollLeft goes negative).
  if (axis.vertical) scroller.scrollBy({ left: -delta, behavior: 'instant' });
  else scroller.scrollBy({ top: delta, behavior: 'instant' });
}

function scrollToStart(scroller: Element, axis: ReadingAxis): void {
  if (axis.vertical) scroller.scrollTo({ left: 0, behavior: 'instant' });
  else scroller.scrollTo({ top: 0, behavior: 'instant' });
}

export interface ReadingPositionOptions {
  store?: PositionStore;
}

/** Remembers and restores the reading position of each article shown in `#reader-content`. */
export function setUpReadingPosition(doc: Document, options: ReadingPositionOptions = {}): void {
  const view = doc.defaultView as Window & typeof globalThis;
  const content = doc.getElementById('reader-content');
  if (!content) return;
  const store = options.store ?? new PositionStore();
  // Read while the article loads, so restoring waits for no storage once it is shown.
  const stored = store.all().catch(() => ({}) as Record<string, ReadingPosition>);
  // The reader restores the place itself (by paragraph): the browser's own restoring of the old
  // scroll offset on reload would land elsewhere once the layout differs, or undo ours.
  if (view.history && 'scrollRestoration' in view.history) view.history.scrollRestoration = 'manual';
  let key: string | null = null;
  /** Saving starts once the stored position was read (a scroll at 0 first must not overwrite it). */
  let tracking = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastSaved = 0;
  let anchoring: { pos: ReadingPosition; until: number } | null = null;

  const body = () => content.querySelector<HTMLElement>(':scope > .article-body');

  const save = () => {
    timer = null;
    const b = body();
    if (!tracking || !key || !b) return;
    const pos = encodePosition(positionBlocks(b), readingAxis(doc));
    if (!pos) return;
    lastSaved = Date.now();
    void store.put(key, pos).catch(() => undefined);
  };

  const onScroll = () => {
    if (!tracking) return;
    if (timer !== null) return;
    timer = setTimeout(save, Math.max(0, SAVE_EVERY_MS - (Date.now() - lastSaved)));
  };

  const restore = (pos: ReadingPosition): void => {
    const b = body();
    if (!b) return;
    const axis = readingAxis(doc);
    const delta = scrollDelta(positionBlocks(b), pos, axis);
    if (delta !== null && Math.abs(delta) >= 1) scrollAlong(articleScroller(content, axis.vertical), axis, delta);
  };

  const stopAnchoring = () => (anchoring = null);

  const shown = async (event: ArticleShown) => {
    if (event.change !== 'article') return;
    const started = view.performance.now();
    tracking = false;
    key = positionKey(event);
    let pos: ReadingPosition | undefined;
    try {
      const entries = await stored;
      pos = Object.hasOwn(entries, key) ? entries[key] : undefined;
    } catch {
      pos = undefined;
    }
    if (worthRestoring(pos)) {
      const before = view.performance.now();
      restore(pos);
      const done = view.performance.now();
      doc.documentElement.dataset.positionRestored = String(pos.block);
      // For measurements: the whole restore (from the article shown) and the find + scroll alone.
      doc.documentElement.dataset.positionRestoreMs = (done - started).toFixed(2);
      doc.documentElement.dataset.positionScrollMs = (done - before).toFixed(2);
      anchoring = { pos, until: Date.now() + ANCHOR_MS };
      showNotice(doc, () => {
        stopAnchoring();
        scrollToStart(articleScroller(content, readingAxis(doc).vertical), readingAxis(doc));
        save();
      });
    }
    tracking = true;
  };

  onArticleShown(doc, (event) => void shown(event));
  // Images loading above the restored place, or the window still settling its size, would move
  // it: keep it for a while, until the person moves.
  const keepPlace = () => {
    if (anchoring && Date.now() < anchoring.until) restore(anchoring.pos);
    else anchoring = null;
  };
  content.addEventListener('load', keepPlace, true);
  view.addEventListener('resize', keepPlace);
  for (const type of ['wheel', 'touchstart', 'keydown', 'pointerdown']) view.addEventListener(type, stopAnchoring, { passive: true, capture: true });
  doc.addEventListener('scroll', onScroll, { passive: true, capture: true });
  view.addEventListener('pagehide', () => {
    if (timer !== null) clearTimeout(timer);
    save();
  });
}

/** "Resumed where you left off — Back to start ×", at the bottom of the window for a while. */
function showNotice(doc: Document, backToStart: () => void): void {
  doc.getElementById('resume-notice')?.remove();
  const back = textButton(doc, { class: 'resume-back' }, t('resumeBackToStart'));
  const close = iconButton(doc, 'close-notice', t('closeNotice'), '×');
  const notice = element(doc, 'div', { id: 'resume-notice', class: 'resume-notice', role: 'status' }, element(doc, 'span', {}, t('resumeNotice')), ' ', back, close);
  const timer = setTimeout(() => notice.remove(), NOTICE_MS);
  back.addEventListener('click', () => {
    clearTimeout(timer);
    notice.remove();
    backToStart();
  });
  close.addEventListener('click', () => {
    clearTimeout(timer);
    notice.remove();
  });
  doc.body.append(notice);
}
