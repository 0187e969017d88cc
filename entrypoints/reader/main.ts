import { takeEarly } from '../../src/reader/reader-boot';
import { startReader } from '../../src/reader/reader-app';

// The settings, the host permission and the tab's page were asked for by the page's classic first
// script (entrypoints/reader-early.ts) while these modules loaded; the reader takes the answers. One module graph: reader.html fetches it all from its <head> (Vite's
// modulepreload links), and the reader starts in the same task as this script, where an `import()`
// of reader-app waited a turn of the task queue behind the first frame (8-15 ms in Chromium).
// Stage marks (reader:boot, reader:app, reader:page-in-hand, reader:first-text): where the time to
// the first text goes, read by the benchmark (scripts/bench/reader-click.ts).
performance.mark('reader:boot');
void startReader(document, takeEarly(window));
