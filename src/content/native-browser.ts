/**
 * `wxt/browser` for the content script build only (see wxt.config.ts): the browser's own
 * namespace instead of webextension-polyfill. WXT's content-script runtime reads only
 * `browser.runtime.id`, and our messaging uses `chrome.*` callbacks that both browsers have, so the
 * 10 kB polyfill would be dead weight in a script that runs on every news page.
 */
const g = globalThis as unknown as { browser?: unknown; chrome?: unknown };
export const browser = (g.browser ?? g.chrome) as typeof import('webextension-polyfill');
