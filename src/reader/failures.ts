/**
 * What the reader says when pages are missing, so a gap is never missed:
 * - a banner above the article naming the missing pages, with "Jump to the gap" (scrolls to and
 *   focuses the first missing page's notice) and "Retry all" ("Complete now" on a saved copy,
 *   which then updates the copy);
 * - a retried page that fails again says so, and when ("Tried again at 14:05 — still failing: …");
 * - an article that fails entirely offers Retry and "Open the original".
 * Reasons are shown in the interface language (failure-text.ts). The retrying itself is the
 * reader's (reader-app.ts `retryPages`); this module only draws.
 */
import type { FailedPage } from '../pipeline/types';
import { t, uiLanguage, uiLocale } from '../ui-text';
import { failureText, type ReasonLike } from './failure-text';
import { element, textButton } from './ui-elements';

/** "Page 3 of 5 is missing from this article." / "2 of 5 pages are missing…: pages 2, 4." */
export function missingText(failed: readonly Pick<FailedPage, 'page'>[], total: number): string {
  const pages = [...new Set(failed.map((f) => f.page))].sort((a, b) => a - b);
  if (pages.length === 1) return t('readerMissingOne', { page: pages[0] as number, total });
  return t('readerMissingMany', { count: pages.length, total, pages: pages.join(uiLanguage() === 'zh' ? '、' : ', ') });
}

/** A clock time in the interface language: "14:05" (24-hour in both, as the two languages write it). */
export function clockTime(when: Date, locale: string = uiLocale()): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(when);
}

/** A notice's text after a retry that failed again. */
export function retriedText(failed: Pick<FailedPage, 'page'>, total: number, reason: ReasonLike, when: Date): string {
  return t('readerRetriedPage', { page: failed.page, total, time: clockTime(when), reason: failureText(reason) });
}

export type BannerMode = 'live' | 'saved';

export interface FailuresBannerHandlers {
  /** Retry every failed page (a saved copy: and update the copy). */
  retryAll(): void;
}

export interface FailuresBanner {
  readonly element: HTMLElement;
  /** Shows the banner for these failed pages (hidden when there are none). */
  update(failed: readonly FailedPage[], total: number, mode: BannerMode): void;
  /** While pages are being retried: the button says so and cannot be pressed again. */
  busy(on: boolean): void;
  /** A line under the banner's text (a saved copy completed, or why it could not be updated). */
  note(text: string): void;
}

/** The first missing page's notice in `root`, scrolled to the middle of the window and focused. */
export function jumpToGap(root: ParentNode): HTMLElement | null {
  const notices = [...root.querySelectorAll<HTMLElement>('[data-failed-page]')];
  const first = notices.sort((a, b) => Number(a.dataset.failedPage) - Number(b.dataset.failedPage))[0];
  if (!first) return null;
  if (!first.hasAttribute('tabindex')) first.tabIndex = -1;
  first.scrollIntoView({ block: 'center' });
  first.focus({ preventScroll: true });
  return first;
}

/** The banner, put just above `#reader-content` (hidden until pages are missing). */
export function createFailuresBanner(doc: Document, content: HTMLElement, handlers: FailuresBannerHandlers): FailuresBanner {
  const banner = doc.createElement('section');
  banner.id = 'failures-banner';
  banner.className = 'failures-banner';
  banner.hidden = true;
  banner.setAttribute('aria-labelledby', 'failures-text');
  const text = doc.createElement('p');
  text.id = 'failures-text';
  text.className = 'failures-text';
  text.setAttribute('role', 'alert');
  const detail = doc.createElement('p');
  detail.className = 'failures-detail';
  const note = doc.createElement('p');
  note.className = 'failures-note';
  note.setAttribute('role', 'status');
  note.hidden = true;
  const actions = doc.createElement('div');
  actions.className = 'failures-actions';
  const jump = textButton(doc, { id: 'jump-to-gap' }, t('readerJumpToGap'), () => jumpToGap(content));
  const retry = textButton(doc, { id: 'retry-all', class: 'primary' }, '', () => handlers.retryAll());
  actions.append(retry, jump);
  banner.append(text, detail, actions, note);
  content.before(banner);

  let mode: BannerMode = 'live';
  const label = () => (mode === 'saved' ? t('readerCompleteNow') : t('readerRetryAll'));
  return {
    element: banner,
    update(failed, total, nextMode) {
      mode = nextMode;
      banner.dataset.missing = String(failed.length);
      banner.lang = uiLocale();
      // Nothing missing: gone, unless it has something to say (a saved copy just completed).
      banner.hidden = failed.length === 0 && note.hidden;
      text.hidden = failed.length === 0;
      actions.hidden = failed.length === 0;
      if (failed.length === 0) {
        detail.hidden = true;
        return;
      }
      text.textContent = missingText(failed, total);
      // One reason said once: what the pages' notices say, in a line.
      const reasons = [...new Set(failed.map((f) => failureText(f)))];
      detail.textContent = mode === 'saved' ? t('readerSavedIncomplete') : reasons.length === 1 ? (reasons[0] as string) : '';
      detail.hidden = detail.textContent === '';
      if (!retry.disabled) retry.textContent = label();
    },
    busy(on) {
      retry.disabled = on;
      retry.textContent = on ? t('readerRetrying') : label();
      banner.toggleAttribute('aria-busy', on);
    },
    note(line) {
      note.textContent = line;
      note.hidden = line === '';
      if (line) banner.hidden = false;
      else if (banner.dataset.missing === '0') banner.hidden = true;
    },
  };
}

export interface ReadFailureHandlers {
  retry(): void;
}

/**
 * An article that could not be read at all: the reason in the interface language, a Retry
 * button and a link to the original, in `#status` (data-state="error").
 */
export function showReadFailure(status: HTMLElement, reason: string, url: string | null, handlers: ReadFailureHandlers): void {
  const doc = status.ownerDocument;
  const text = element(doc, 'span', { class: 'read-failed-text' }, t('readerError', { reason }));
  const actions = element(doc, 'span', { class: 'read-failed-actions' }, textButton(doc, { id: 'retry-read' }, t('readerRetry'), () => handlers.retry()));
  if (url) {
    const original = doc.createElement('a');
    original.id = 'open-original';
    original.className = 'button-link';
    original.href = url;
    original.rel = 'noreferrer';
    original.textContent = t('readerOpenOriginal');
    actions.append(original);
  }
  status.replaceChildren(text, ' ', actions);
}
