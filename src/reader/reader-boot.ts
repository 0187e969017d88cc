/**
 * The reader page's first script (issue 10, "first article text on screen ≤ 100 ms after the
 * click"): what the reader waits on before it can show the page in hand — the settings, the host
 * permission and the tab's loaded HTML — is asked for at once and in parallel, before the reader's
 * own code (the pipeline, the page's wiring) has even loaded; `startReader` (reader-app.ts) takes
 * the answers. Nothing here touches the page.
 */
import { browser } from 'wxt/browser';
import { messenger, type TabPage } from '../messaging';
import { loadSettings, type ReaderSettings } from './settings';

/** How long the reader waits for the tab's content script to hand over its loaded page. */
export const TAB_HTML_TIMEOUT_MS = 1500;

/** What `reader.html?url=…&tab=…` needs before it reads, asked for as the page starts. */
export interface EarlyStart {
  settings: Promise<ReaderSettings>;
  /** Whether the reader may fetch the article's site; null without a usable `url`. */
  access: Promise<boolean> | null;
  /**
   * The tab's already-loaded page, with page 1 extracted there (content/page-part.ts; the reader
   * sanitizes it before showing it), or null when it cannot say in time; null without `tab`.
   */
  tabPage: Promise<TabPage | null> | null;
}

/** The article URL of `reader.html?url=`, when it is an http(s) one. */
export function articleUrlOf(search: string): string | null {
  const url = new URLSearchParams(search).get('url');
  return url && /^https?:\/\//i.test(url) ? url : null;
}

/** The tab id of `reader.html?…&tab=`, when it is one. */
export function tabIdOf(search: string): number | undefined {
  const params = new URLSearchParams(search);
  const tab = params.has('tab') ? Number(params.get('tab')) : NaN;
  return Number.isInteger(tab) ? tab : undefined;
}

/** Where reader.html's classic first script (entrypoints/reader-early.ts) leaves its `startEarly`. */
export const EARLY_KEY = '__wholestoryEarly';

/** The requests reader-early.js started, or (when the modules ran first) started now. Taken once. */
export function takeEarly(view: Window): EarlyStart {
  const slot = view as unknown as Record<string, EarlyStart | null | undefined>;
  const early = slot[EARLY_KEY];
  // null: taken; reader-early.js, async, may yet run and must then ask nothing.
  slot[EARLY_KEY] = null;
  return early ?? startEarly(view);
}

/** reader-early.js: the requests started, unless the modules ran first and started them. */
export function startEarlyOnce(view: Window): void {
  const slot = view as unknown as Record<string, EarlyStart | null | undefined>;
  if (slot[EARLY_KEY] !== undefined) return;
  performance.mark('reader:early');
  slot[EARLY_KEY] = startEarly(view);
}

/** Starts every request the reader page `view` waits on; see the module comment. */
export function startEarly(view: Window): EarlyStart {
  const search = view.location.search;
  const saved = new URLSearchParams(search).has('id');
  const url = saved ? null : articleUrlOf(search);
  const tabId = tabIdOf(search);
  return {
    settings: loadSettings(),
    access: url ? hasHostAccess(url) : null,
    tabPage: url && tabId !== undefined ? pageFromTab(tabId, url) : null,
  };
}

export function originPattern(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}

export async function hasHostAccess(url: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [originPattern(url)] });
  } catch {
    return true;
  }
}

/**
 * The tab's already-loaded page (and page 1 made there), from its content script; null when it cannot say in time. The
 * background asked the tab for it when it opened this reader (background/page-html.ts): by now the
 * answer is usually there.
 */
export async function pageFromTab(tabId: number, url: string): Promise<TabPage | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), TAB_HTML_TIMEOUT_MS)));
  try {
    const answer = await Promise.race([messenger.sendMessage('takePageHtml', { tabId, url }), timeout]);
    return typeof answer?.html === 'string' ? answer : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}
