/**
 * Memory hygiene for long runs in Node. jsdom registers every element with an id or name in its
 * window's named-property table as soon as it is attached to a document of that window (DOMParser
 * and cloned documents included) and keeps it until the element is detached or the window itself is
 * dropped. `createNodeDom()` now retires its windows every few dozen documents (faults.test.ts,
 * "memory"); the fuzzer's own mutation documents live in long-lived windows, so it detaches them, and
 * detaching the pipeline's documents after each case keeps a run's memory flat as well.
 */
import type { DomEnvironment } from '../../src/pipeline/types';

/** Detach a document's tree so jsdom can free it. */
export function releaseDocument(doc: Document): void {
  doc.documentElement?.remove();
}

/** A DOM environment that remembers the documents it parsed, so a case can release them afterwards. */
export function releasingDom(base: DomEnvironment): DomEnvironment & { release(): void } {
  const docs: Document[] = [];
  return {
    parse(html: string, url: string): Document {
      const doc = base.parse(html, url);
      docs.push(doc);
      return doc;
    },
    window: base.window,
    release() {
      for (const doc of docs.splice(0)) releaseDocument(doc);
    },
  };
}
