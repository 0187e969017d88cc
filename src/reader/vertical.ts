/**
 * Vertical reading (竖排): the article set `writing-mode: vertical-rl` (style.css, under
 * `<html data-layout="vertical">`), columns from right to left, the page scrolled sideways. It
 * opens at the right edge (the beginning); the mouse wheel's vertical turn and the keys (arrows,
 * PageUp/PageDown, Space, Home/End) move through the columns. Short numbers (1–3 digits between
 * Chinese characters) stand upright in one cell (`text-combine-upright`, on a span: no browser
 * has `digits 2`).
 *
 * The layout comes from the `layout` setting, or for one page from `&layout=vertical` in the
 * reader's URL. For tests and tools: `<html data-layout="horizontal|vertical">`.
 */
import { wrapShortNumbers } from '../output/short-numbers';
import { onArticleShown } from './article-shown';
import { editOriginalText } from './script-view';
import { LAYOUTS, type Layout } from './settings';

const TCY_CLASS = 'tcy';
const SKIP = 'code, pre, kbd, samp, var, a, [data-reader-ui], .article-original, .tcy';

interface State {
  doc: Document;
  /** `&layout=` in the URL: this page's layout until the setting is changed. */
  forced: Layout | null;
  /** The `layout` setting last seen. */
  preferred: Layout;
  layout: Layout;
}

const states = new WeakMap<Document, State>();

function isLayout(value: string | null | undefined): value is Layout {
  return LAYOUTS.includes(value as Layout);
}

/** Wires vertical reading in the reader page `doc` with the `layout` setting `preferred`. */
export function setUpVertical(doc: Document, preferred: Layout): void {
  const view = doc.defaultView as Window & typeof globalThis;
  const param = new URLSearchParams(view.location.search).get('layout');
  const state: State = { doc, forced: isLayout(param) ? param : null, preferred, layout: 'horizontal' };
  states.set(doc, state);
  setLayout(state, state.forced ?? preferred, false);

  onArticleShown(doc, (shown) => {
    if (state.layout !== 'vertical') return;
    markShortNumbers(doc);
    if (shown.change === 'article') toStart(doc);
  });

  view.addEventListener(
    'wheel',
    (event) => {
      if (state.layout !== 'vertical' || event.ctrlKey || event.defaultPrevented) return;
      if (Math.abs(event.deltaX) >= Math.abs(event.deltaY)) return;
      // Over the toolbar, or over a panel that scrolls itself (settings, contents, shortcuts): its own.
      if ((event.target as Element | null)?.closest?.('.toolbar, .settings, .toolbar-more, dialog') || scrollsItself(event.target, view)) return;
      const unit = event.deltaMode === 1 ? lineStep(doc) / 3 : event.deltaMode === 2 ? view.innerWidth : 1;
      event.preventDefault();
      // Down (and away from you) reads on: to the left.
      view.scrollBy({ left: -event.deltaY * unit, top: 0, behavior: 'instant' });
    },
    { passive: false },
  );

  doc.addEventListener('keydown', (event) => {
    if (state.layout !== 'vertical' || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    if (target?.closest('input, select, textarea, button, summary, [contenteditable="true"], .settings')) return;
    const page = Math.max(view.innerWidth - 2 * lineStep(doc), view.innerWidth / 2);
    const moves: Record<string, number | 'start' | 'end'> = {
      ArrowDown: lineStep(doc),
      ArrowLeft: lineStep(doc),
      ArrowUp: -lineStep(doc),
      ArrowRight: -lineStep(doc),
      PageDown: page,
      PageUp: -page,
      ' ': event.shiftKey ? -page : page,
      Home: 'start',
      End: 'end',
    };
    const move = moves[event.key];
    if (move === undefined || (event.shiftKey && event.key !== ' ')) return;
    event.preventDefault();
    if (move === 'start') toStart(doc);
    else if (move === 'end') view.scrollTo({ left: -(doc.scrollingElement ?? doc.documentElement).scrollWidth, top: 0, behavior: 'smooth' });
    else view.scrollBy({ left: -move, top: 0, behavior: typeof move === 'number' && Math.abs(move) > lineStep(doc) ? 'smooth' : 'instant' });
  });

  view.addEventListener('resize', () => {
    if (state.layout === 'vertical') measureToolbar(doc);
  });
}

/** Whether `target` is inside an element (not the page) that can scroll up and down. */
function scrollsItself(target: EventTarget | null, view: Window & typeof globalThis): boolean {
  const doc = view.document;
  for (let el: Element | null = target instanceof view.Element ? target : null; el && el !== doc.body && el !== doc.documentElement; el = el.parentElement) {
    if (el.scrollHeight > el.clientHeight + 1 && /auto|scroll/.test(view.getComputedStyle(el).overflowY)) return true;
  }
  return false;
}

/**
 * Follows the `layout` setting. A page opened with `&layout=` keeps that layout until the setting
 * itself changes (the person picked one in the settings): then the setting wins.
 */
export function applyLayoutSetting(doc: Document, preferred: Layout): void {
  const state = states.get(doc);
  if (!state) return;
  if (preferred !== state.preferred) state.forced = null;
  state.preferred = preferred;
  if (state.forced) return;
  if (state.layout !== preferred) setLayout(state, preferred, true);
}

/** The layout shown in `doc`. */
export function shownLayout(doc: Document): Layout {
  return states.get(doc)?.layout ?? 'horizontal';
}

function setLayout(state: State, layout: Layout, keepPlace: boolean): void {
  const { doc } = state;
  const view = doc.defaultView as Window;
  // The paragraph being read stays in view across the switch. Asked only on a switch: at start-up
  // the scroll offsets would lay the page out before the first text is drawn.
  const atStart = !keepPlace || (Math.abs(view.scrollX) < 2 && view.scrollY < 2);
  const reading = keepPlace && !atStart ? paragraphInView(doc) : null;
  state.layout = layout;
  doc.documentElement.dataset.layout = layout;
  if (layout === 'vertical') {
    measureToolbar(doc);
    markShortNumbers(doc);
  } else unmarkShortNumbers(doc);
  if (reading) reading.scrollIntoView({ block: 'start', inline: 'start' });
  else if (layout === 'vertical') toStart(doc);
  else if (keepPlace) view.scrollTo(0, 0);
}

/** The first article paragraph on screen. */
function paragraphInView(doc: Document): Element | null {
  const view = doc.defaultView as Window;
  for (const el of doc.querySelectorAll('#reader-content :is(p, h1, h2, h3, h4, li, figure)')) {
    const box = el.getBoundingClientRect();
    if (box.bottom > 60 && box.top < view.innerHeight && box.right > 0 && box.left < view.innerWidth) return el;
  }
  return null;
}

/**
 * Scrolls to the beginning: the right edge. The page is right-to-left in vertical layout
 * (style.css), so that is scrollLeft 0, and reading on goes negative, as in any vertical-rl page.
 */
export function toStart(doc: Document): void {
  (doc.defaultView as Window).scrollTo({ left: 0, top: 0, behavior: 'instant' });
}

/** One step of the arrow keys: about two columns. */
function lineStep(doc: Document): number {
  const content = doc.getElementById('reader-content');
  const style = content ? doc.defaultView?.getComputedStyle(content) : null;
  const line = style ? parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.8 : 34;
  return Math.round(line * 2);
}

/** The fixed toolbar's height, for the body to start below it. */
function measureToolbar(doc: Document): void {
  const toolbar = doc.querySelector<HTMLElement>('.toolbar');
  if (toolbar) doc.documentElement.style.setProperty('--toolbar-height', `${toolbar.offsetHeight}px`);
}

/** Wraps 1–3-digit numbers between Chinese characters in `span.tcy` (set upright in one cell). */
export function markShortNumbers(doc: Document): number {
  const body = doc.querySelector('#reader-content');
  if (!body) return 0;
  let count = 0;
  editOriginalText(doc, () => {
    count = wrapShortNumbers(body, SKIP, (digits) => {
      const span = doc.createElement('span');
      span.className = TCY_CLASS;
      span.textContent = digits;
      return span;
    });
  });
  return count;
}

/** Puts the numbers back as plain text (horizontal reading, copies). */
export function unmarkShortNumbers(doc: Document): void {
  const spans = [...doc.querySelectorAll<HTMLElement>(`#reader-content span.${TCY_CLASS}`)];
  if (spans.length === 0) return;
  editOriginalText(doc, () => {
    const parents = new Set<Node>();
    for (const span of spans) {
      if (span.parentNode) parents.add(span.parentNode);
      span.replaceWith(doc.createTextNode(span.textContent ?? ''));
    }
    for (const parent of parents) parent.normalize();
  });
}
