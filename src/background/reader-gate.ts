/**
 * At most one reader per tab per user action, on the background's side: a request to open a
 * reader from a tab's content script (its in-page control) is honoured once, and the same tab's
 * requests in the next `windowMs` are dropped. The control already counts only trusted clicks and
 * re-arms after a pause; this holds even if a page found a way to make it ask in a loop.
 */
export interface ReaderGate {
  /** Whether a reader may open for `tabId` now (and, if so, starts that tab's quiet time). */
  allow(tabId: number): boolean;
  /** The tab is gone: forget it. */
  forget(tabId: number): void;
}

export const READER_GATE_MS = 1500;

export function createReaderGate(windowMs = READER_GATE_MS, now: () => number = Date.now): ReaderGate {
  const last = new Map<number, number>();
  return {
    allow(tabId) {
      const t = now();
      const previous = last.get(tabId);
      if (previous !== undefined && t - previous < windowMs) return false;
      last.set(tabId, t);
      return true;
    },
    forget(tabId) {
      last.delete(tabId);
    },
  };
}
