/**
 * The reading-progress bar: a thin line at the top of the window (`#reading-progress`,
 * `role="progressbar"`, `aria-valuenow` 0–100), how far through the article the person has
 * scrolled. Updated at most once a frame from a passive scroll listener; sideways scrolling in
 * vertical writing (`<html data-layout="vertical">`) counts the same.
 */
import { onArticleShown } from './article-shown';
import { articleScroller } from './reading-line';

/** 0–1: how far `scroller` has scrolled (1 when it cannot scroll). */
export function scrollFraction(scroller: Element, vertical: boolean): number {
  const max = vertical ? scroller.scrollWidth - scroller.clientWidth : scroller.scrollHeight - scroller.clientHeight;
  if (max <= 1) return 1;
  // vertical-rl starts at scrollLeft 0 and goes negative leftwards (some engines report positive).
  const at = vertical ? Math.abs(scroller.scrollLeft) : scroller.scrollTop;
  return Math.min(1, Math.max(0, at / max));
}

export function setUpProgress(doc: Document): void {
  const view = doc.defaultView as Window & typeof globalThis;
  const bar = doc.getElementById('reading-progress');
  const content = doc.getElementById('reader-content');
  if (!bar || !content) return;
  const fill = bar.querySelector<HTMLElement>('.reading-progress-fill');
  let frame = 0;
  let shown = false;

  const update = () => {
    frame = 0;
    if (!shown) return;
    const vertical = doc.documentElement.dataset.layout === 'vertical';
    const fraction = scrollFraction(articleScroller(content, vertical), vertical);
    const percent = Math.round(fraction * 100);
    if (bar.getAttribute('aria-valuenow') !== String(percent)) {
      bar.setAttribute('aria-valuenow', String(percent));
      bar.setAttribute('aria-valuetext', `${percent}%`);
    }
    if (fill) fill.style.transform = `scaleX(${fraction.toFixed(4)})`;
  };
  const schedule = () => {
    if (frame === 0) frame = view.requestAnimationFrame(update);
  };

  onArticleShown(doc, () => {
    shown = true;
    bar.hidden = false;
    schedule();
  });
  doc.addEventListener('scroll', schedule, { passive: true, capture: true });
  view.addEventListener('resize', schedule, { passive: true });
}
