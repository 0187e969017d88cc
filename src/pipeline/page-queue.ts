/**
 * The page queue: known pages fetched `concurrency` at a time, lowest page first; each page that
 * arrives may add pages (its pager, its "next" link) and is handed on the moment it arrives, so
 * extraction overlaps the other pages' network time.
 */
import { failure, type Failure } from './errors';
import type { ExtractedPart } from './extract';
import type { LoadedPage } from './load-page';
import type { PageFacts } from './metadata';
import type { Progress } from './types';

/** One page of the article: where it is, and what became of it. */
export interface PageSlot {
  page: number;
  url: string;
  state: 'pending' | 'loading' | 'done';
  doc?: Document;
  finalUrl?: string;
  /** Why it did not load. */
  reason?: string;
  /** The same as a code (errors.ts FAILURE_CODES). */
  failure?: Failure;
  /** Extracted as soon as the page arrived (null: no article text on it). */
  part?: ExtractedPart | null;
  /** Its metadata and site name, read before extraction took its document apart (a page read alone). */
  facts?: PageFacts;
  /** It loaded, but it is another article (the next chapter or story of a chain): not a page of this one. */
  foreign?: boolean;
}

export interface QueueOptions {
  /** The article's pages by number; the queue fills it as pages are found. */
  slots: Map<number, PageSlot>;
  concurrency: number;
  load(url: string): Promise<LoadedPage>;
  /** Whether a loaded page belongs to the article; one that does not is left out and not followed. */
  belongs(doc: Document): boolean;
  /** A page arrived: add the pages it names. */
  discover(doc: Document, url: string, knownAs: number): void;
  /** A page arrived and was discovered from: extract it now. */
  arrived(slot: PageSlot): void;
  onProgress?: (progress: Progress) => void;
  /** True once the whole article's time is up or the reader closed. */
  stopped(): boolean;
}

/** Fetch every pending slot (and every slot found meanwhile) until none is left or `stopped()`. */
export async function fetchPages(q: QueueOptions): Promise<void> {
  const report = (slot: PageSlot, ok: boolean) => {
    if (!q.onProgress) return;
    const all = [...q.slots.values()];
    q.onProgress({
      done: all.filter((s) => s.state === 'done').length,
      total: all.length,
      totalKnown: all.every((s) => s.state !== 'pending'),
      url: slot.url,
      ok,
    });
  };
  const running = new Set<Promise<void>>();
  const next = (): PageSlot | undefined => {
    let best: PageSlot | undefined;
    for (const s of q.slots.values()) if (s.state === 'pending' && (!best || s.page < best.page)) best = s;
    return best;
  };
  for (;;) {
    while (running.size < q.concurrency && !q.stopped()) {
      const slot = next();
      if (!slot) break;
      slot.state = 'loading';
      const task = (async () => {
        const loaded = await q.load(slot.url);
        slot.state = 'done';
        if (loaded.ok && !q.belongs(loaded.doc)) {
          slot.foreign = true;
        } else if (loaded.ok) {
          slot.doc = loaded.doc;
          slot.finalUrl = loaded.finalUrl;
          q.discover(loaded.doc, loaded.finalUrl, slot.page);
          q.arrived(slot);
        } else {
          slot.reason = loaded.reason;
          slot.failure = loaded.failure;
        }
        report(slot, loaded.ok);
      })();
      running.add(task);
      void task.finally(() => running.delete(task));
    }
    if (running.size === 0) break;
    await Promise.race(running);
  }
  for (const slot of q.slots.values()) {
    if (slot.state !== 'done') {
      slot.state = 'done';
      slot.reason = q.stopped() ? 'not loaded: the time for the whole article ran out' : 'not loaded';
      slot.failure = failure(q.stopped() ? 'article-timeout' : 'not-loaded');
    }
  }
}
