import { startEarly } from '../../src/reader/reader-boot';

// The settings, the host permission and the tab's page are asked for at once, while the reader's
// own code loads (reader-boot.ts); the reader takes the answers.
// Stage marks (reader:boot, reader:app, reader:page-in-hand, reader:first-text): where the time to
// the first text goes, read by the benchmark (scripts/bench/reader-click.ts).
performance.mark('reader:boot');
const early = startEarly(window);
void import('../../src/reader/reader-app').then(({ startReader }) => startReader(document, early));
