/**
 * The table of contents, `nav#reader-toc` (a contract): a link per heading (h2–h4) of the article
 * and per page boundary ("Page 2", "Page 3" …, like the rules between pages; a page that failed
 * to load is "Page 3 (not loaded)", its notice), opened from the toolbar's
 * `#toggle-toc`. A side panel beside the text on a wide window, an overlay on a narrow one (focus
 * kept inside, a click outside or Esc closes it). The section being read is marked
 * `aria-current` as the person scrolls (an IntersectionObserver says when a heading or page
 * crosses the top band of the window). An article with no heading and one page has nothing to
 * list: the button stays hidden.
 */
import { t } from '../ui-text';
import { READER_ID_PREFIX } from './article-view';

export interface TocEntry {
  kind: 'heading' | 'page' | 'failed-page';
  /** 0 for pages, 1… for headings (the highest heading level present is 1). */
  level: number;
  text: string;
  /** The page the entry is on. */
  page: number;
  /** What the link scrolls to. */
  target: HTMLElement;
}

const HEADINGS = 'h2, h3, h4';
const clean = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/**
 * The entries of `body` (`#reader-content > .article-body`) in document order: page boundaries
 * (every page after the first, a failed page's notice too), and every non-empty heading that is not the
 * reader's own and does not repeat the title.
 */
export function tocEntries(body: HTMLElement, title = ''): TocEntry[] {
  const pages = body.querySelectorAll(':scope > section[data-page], :scope > [data-failed-page]').length;
  const nodes = body.querySelectorAll<HTMLElement>(`:scope > section[data-page], :scope > [data-failed-page], ${HEADINGS}`);
  const headingTags = new Set<number>();
  const raw: Array<Omit<TocEntry, 'level'> & { tag: number }> = [];
  let page = 1;
  const titleKey = clean(title);
  for (const el of nodes) {
    if (el.matches('section[data-page]') && el.parentElement === body) {
      page = Number(el.dataset.page) || page;
      // A boundary before every page but the first, as the "Page N" rules in the text.
      if (pages > 1 && page > 1) raw.push({ kind: 'page', text: t('readerPageMarker', { page }), page, target: el, tag: 0 });
      continue;
    }
    if (el.hasAttribute('data-failed-page') && el.parentElement === body) {
      page = Number(el.dataset.failedPage) || page;
      if (pages > 1) raw.push({ kind: 'failed-page', text: t('tocPageNotLoaded', { page }), page, target: el, tag: 0 });
      continue;
    }
    if (el.closest('[data-reader-ui]')) continue;
    const text = clean(el.textContent);
    if (!text || text === titleKey) continue;
    const tag = Number(el.tagName.slice(1));
    headingTags.add(tag);
    raw.push({ kind: 'heading', text, page, target: el, tag });
  }
  const top = Math.min(...headingTags);
  return raw.map(({ tag, ...entry }) => ({ ...entry, level: entry.kind === 'heading' ? tag - top + 1 : 0 }));
}

/** The id a target gets so its link has a real `href` (ids of the article's own are kept). */
function targetId(el: HTMLElement, index: number): string {
  if (!el.id) el.id = `${READER_ID_PREFIX}toc-${index + 1}`;
  return el.id;
}

/** Fills `list` with one link per entry; returns the links, in entry order. */
export function renderToc(list: HTMLElement, entries: TocEntry[]): HTMLAnchorElement[] {
  const doc = list.ownerDocument;
  list.replaceChildren();
  return entries.map((entry, i) => {
    const item = doc.createElement('li');
    item.className = `toc-${entry.kind}`;
    item.dataset.level = String(entry.level);
    const link = doc.createElement('a');
    link.href = `#${targetId(entry.target, i)}`;
    link.textContent = entry.text;
    link.dataset.tocIndex = String(i);
    if (entry.kind !== 'heading') link.dataset.page = String(entry.page);
    item.append(link);
    list.append(item);
    return link;
  });
}

/**
 * Which entry is being read: the last whose start has passed `line` (px from the top of the
 * window; in vertical writing, px from its right edge). -1 before the first.
 */
export function currentEntry(targets: HTMLElement[], line: number, vertical = false, viewportWidth = 0): number {
  let current = -1;
  for (let i = 0; i < targets.length; i++) {
    const rect = (targets[i] as HTMLElement).getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    const passed = vertical ? viewportWidth - rect.right <= line : rect.top <= line;
    if (passed) current = i;
    else if (!vertical) break;
  }
  return current;
}

/** Wider than this, the table of contents is a side panel next to the text; narrower, an overlay. */
export const TOC_SIDE_PANEL_MIN_WIDTH = 1000;
/** The band at the top of the window (share of its height) where a heading becomes the current one. */
const CURRENT_BAND = 0.3;

export interface TocController {
  /** Rebuilds from the article on the page now. */
  rebuild(): void;
  open(): void;
  close(returnFocus?: boolean): void;
  readonly entries: TocEntry[];
}

/** Wires the toolbar button, the nav and the current-section tracking; `rebuild` after each article shown. */
export function setUpToc(doc: Document): TocController | null {
  const view = doc.defaultView as Window & typeof globalThis;
  const root = doc.documentElement;
  const nav = doc.getElementById('reader-toc');
  const toggle = doc.getElementById('toggle-toc') as HTMLButtonElement | null;
  const content = doc.getElementById('reader-content');
  if (!nav || !toggle || !content) return null;
  let list = nav.querySelector<HTMLElement>('.toc-list');
  if (!list) {
    list = doc.createElement('ol');
    list.className = 'toc-list';
    nav.append(list);
  }
  const empty = nav.querySelector<HTMLElement>('.toc-empty');
  const wide = view.matchMedia(`(min-width: ${TOC_SIDE_PANEL_MIN_WIDTH}px)`);
  let entries: TocEntry[] = [];
  let links: HTMLAnchorElement[] = [];
  let observer: IntersectionObserver | null = null;
  let current = -1;

  const isOpen = () => !nav.hidden;
  const vertical = () => root.dataset.layout === 'vertical';
  const toolbarBottom = () => doc.querySelector('.toolbar')?.getBoundingClientRect().bottom ?? 0;
  const line = () => (vertical() ? view.innerWidth * CURRENT_BAND : toolbarBottom() + (view.innerHeight - toolbarBottom()) * CURRENT_BAND);

  const markCurrent = () => {
    const next = currentEntry(
      entries.map((e) => e.target),
      line(),
      vertical(),
      view.innerWidth,
    );
    if (next === current) return;
    links[current]?.removeAttribute('aria-current');
    current = next;
    const link = links[current];
    if (!link) return;
    link.setAttribute('aria-current', 'location');
    if (isOpen()) keepInView(link);
  };

  /** Scrolls the list (not the page) so `link` shows. */
  const keepInView = (link: HTMLElement) => {
    const box = nav.getBoundingClientRect();
    const r = link.getBoundingClientRect();
    if (r.top < box.top + 40) nav.scrollTop -= box.top + 40 - r.top;
    else if (r.bottom > box.bottom - 8) nav.scrollTop += r.bottom - (box.bottom - 8);
  };

  const observe = () => {
    observer?.disconnect();
    if (entries.length === 0 || !('IntersectionObserver' in view)) return;
    // Any heading or page crossing the top band changes which one is current.
    const margin = vertical() ? `0px 0px 0px -${Math.round((1 - CURRENT_BAND) * 100)}%` : `-${Math.round(toolbarBottom())}px 0px -${Math.round((1 - CURRENT_BAND) * 100)}% 0px`;
    observer = new view.IntersectionObserver(markCurrent, { rootMargin: margin, threshold: [0, 1] });
    for (const entry of entries) observer.observe(entry.target);
  };

  const rebuild = () => {
    const body = content.querySelector<HTMLElement>(':scope > .article-body');
    const started = view.performance.now();
    entries = body ? tocEntries(body, clean(content.querySelector(':scope > .article-header h1')?.textContent ?? '')) : [];
    links = renderToc(list, entries);
    const ms = view.performance.now() - started;
    nav.dataset.entries = String(entries.length);
    nav.dataset.buildMs = ms.toFixed(2);
    if (empty) empty.hidden = entries.length > 0;
    toggle.hidden = entries.length === 0;
    // Shown disabled with the first page (reader-app.ts), so that it takes its place in time.
    toggle.disabled = false;
    if (entries.length === 0 && isOpen()) close(false);
    current = -1;
    observe();
    markCurrent();
  };

  const layOut = () => {
    const overlay = !wide.matches;
    root.toggleAttribute('data-toc-overlay', isOpen() && overlay);
    root.toggleAttribute('data-toc-open', isOpen());
    nav.style.top = `${Math.max(0, Math.round(toolbarBottom()))}px`;
    nav.setAttribute('aria-modal', String(isOpen() && overlay));
    if (overlay) nav.setAttribute('role', 'dialog');
    else nav.removeAttribute('role');
  };

  const open = () => {
    // Built again (under a millisecond): headings shown in another script since are listed as shown.
    rebuild();
    if (entries.length === 0) return;
    nav.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    layOut();
    markCurrent();
    const focus = links[current] ?? links[0];
    if (focus) {
      keepInView(focus);
      focus.focus({ preventScroll: true });
    }
  };

  const close = (returnFocus = true) => {
    if (!isOpen()) return;
    const hadFocus = nav.contains(doc.activeElement);
    nav.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
    layOut();
    if (returnFocus && hadFocus) toggle.focus({ preventScroll: true });
  };

  toggle.addEventListener('click', () => (isOpen() ? close() : open()));
  nav.querySelector('.toc-close')?.addEventListener('click', () => close());

  list.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest<HTMLAnchorElement>('a[data-toc-index]');
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    const entry = entries[Number(link.dataset.tocIndex)];
    if (!entry) return;
    // A page's "Page N" rule sits just before it: land on the rule when it is shown.
    const marker = entry.kind === 'page' ? entry.target.previousElementSibling : null;
    const to = marker instanceof view.HTMLElement && marker.matches('.page-marker') && marker.getClientRects().length > 0 ? marker : entry.target;
    if (!wide.matches) close(false);
    to.scrollIntoView({ block: 'start', inline: 'start', behavior: 'instant' });
    // Keyboard reading goes on from there (the URL keeps no #fragment: a reload restores the position).
    if (!entry.target.hasAttribute('tabindex')) {
      entry.target.setAttribute('tabindex', '-1');
      // Only while focused: the copies of the article carry no tabindex of ours.
      entry.target.addEventListener('blur', () => entry.target.removeAttribute('tabindex'), { once: true });
    }
    entry.target.focus({ preventScroll: true });
    markCurrent();
  });

  // Esc closes; in the overlay, Tab stays inside it.
  doc.addEventListener('keydown', (event) => {
    if (!isOpen()) return;
    if (event.key === 'Escape') {
      close(true);
      if (!nav.contains(doc.activeElement) && doc.activeElement === doc.body) toggle.focus({ preventScroll: true });
      return;
    }
    if (event.key !== 'Tab' || wide.matches) return;
    const focusable = [...nav.querySelectorAll<HTMLElement>('button, a[href]')].filter((el) => el.getClientRects().length > 0);
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && (doc.activeElement === first || !nav.contains(doc.activeElement))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (doc.activeElement === last || !nav.contains(doc.activeElement))) {
      event.preventDefault();
      first.focus();
    }
  });
  // The overlay closes on a click outside it.
  doc.addEventListener('click', (event) => {
    if (!isOpen() || wide.matches) return;
    const target = event.target as Element | null;
    if (!target?.closest('#reader-toc, #toggle-toc')) close(false);
  });
  wide.addEventListener('change', layOut);
  view.addEventListener('resize', () => {
    if (isOpen()) layOut();
  });

  return {
    rebuild,
    open,
    close,
    get entries() {
      return entries;
    },
  };
}
