/**
 * reader.html's first script in Chromium, a classic one at the top of its <head> (wxt.config.ts readerHead): it
 * asks for the settings, the host permission and the tab's page (reader-boot.ts startEarly) as soon
 * as it arrives, while the reader's modules are still loading; their first script takes the answers
 * (takeEarly). The tab's page comes over two IPC hops through the background (15-25 ms): asked
 * from the module, that wait came after its 6 files were in.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startEarlyOnce } from '../src/reader/reader-boot';

// Not in Firefox builds: there the page's small first module runs before this would arrive.
export default defineUnlistedScript({
  exclude: ['firefox'],
  main() {
    startEarlyOnce(window);
  },
});
