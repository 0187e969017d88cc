/**
 * How reader.html's module starts the reader (entrypoints/reader/main.ts), per browser: in
 * Chromium reader-app.ts is part of the first module graph (this file) and starts in the same task;
 * Firefox builds take reader-start-lazy.ts in its place (wxt.config.ts), which imports it once the
 * small first module has run. Measured interleaved, one build's run then the other's (10 pages at
 * 100 ms, load 2.5-4): Chromium's first text 102 -> 90 ms with one graph; Firefox's 154 -> 170 ms
 * (a bigger graph compiles before anything runs, and Firefox's first use of `browser` comes later).
 */
import type { EarlyStart } from './reader-boot';
import { startReader } from './reader-app';

export function startReaderFrom(doc: Document, early: EarlyStart): Promise<void> {
  return startReader(doc, early);
}
