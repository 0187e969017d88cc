/**
 * The article tab's loaded page, asked of its content script by the background the moment it opens
 * a reader for that tab (issue 10: first text ≤ 100 ms after the click). The tab serializes its
 * page while the reader tab starts, and the reader's first script (reader-boot.ts) takes the answer
 * from here instead of asking the tab only once it runs. An answer nobody takes is dropped after
 * `keepMs`; one is taken once (a reload of the reader asks the tab again).
 */
import type { TabPage } from '../messaging';

/** The HTML, and page 1 extracted from it in the tab (passed on as it is: the reader sanitizes it). */
export type PageHtml = TabPage;

export interface PageHtmlCache {
  /** Asks tab `tabId` for its page now, if it still shows `url`. */
  start(tabId: number, url: string): void;
  /** The answer `start` asked for (waiting for it), or the tab asked now; null when it cannot say. */
  take(tabId: number, url: string): Promise<PageHtml | null>;
}

export const PAGE_HTML_KEEP_MS = 30_000;

export function createPageHtmlCache(ask: (tabId: number, url: string) => Promise<PageHtml | null>, keepMs = PAGE_HTML_KEEP_MS): PageHtmlCache {
  const pending = new Map<string, { answer: Promise<PageHtml | null>; timer: ReturnType<typeof setTimeout> }>();
  const keyOf = (tabId: number, url: string) => `${tabId} ${url}`;
  const askSafely = (tabId: number, url: string) => ask(tabId, url).catch(() => null);
  return {
    start(tabId, url) {
      const key = keyOf(tabId, url);
      const old = pending.get(key);
      if (old) clearTimeout(old.timer);
      pending.set(key, { answer: askSafely(tabId, url), timer: setTimeout(() => pending.delete(key), keepMs) });
    },
    take(tabId, url) {
      const key = keyOf(tabId, url);
      const entry = pending.get(key);
      if (!entry) return askSafely(tabId, url);
      pending.delete(key);
      clearTimeout(entry.timer);
      return entry.answer;
    },
  };
}
