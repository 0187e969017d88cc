import { takeEarly } from '../../src/reader/reader-boot';
import { startReaderFrom } from '../../src/reader/reader-start';

// The settings, the host permission and the tab's page: asked for by the page's classic first
// script (entrypoints/reader-early.ts, Chromium) while these modules loaded, or here; the reader
// takes the answers. reader-start.ts says how the reader starts in each browser.
// Stage marks (reader:early, reader:boot, reader:app, reader:page-in-hand, reader:first-text): where
// the time to the first text goes, read by the benchmark (scripts/bench/reader-click.ts).
performance.mark('reader:boot');
void startReaderFrom(document, takeEarly(window));
