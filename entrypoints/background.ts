/**
 * Wiring only: the message handlers, the context-menu entries and the keyboard commands. Nothing
 * here reads or saves articles (no DOM in an MV3 worker): the reader page does, and "save" opens
 * the reader with `save=1`, which saves once the article is read.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { fetchPageForReader } from '../src/background/fetch-page';
import { createPageHtmlCache } from '../src/background/page-html';
import { createReaderGate } from '../src/background/reader-gate';
import { clearTabDetection, getTabDetection, setTabDetection } from '../src/background/tab-detections';
import { messenger, readerPath, type OpenReaderRequest } from '../src/messaging';

const MENU_ID = 'wholestory-open-reader';
const SAVE_MENU_ID = 'wholestory-save-article';
const COMMAND = 'open-reader';
const SAVE_COMMAND = 'save-article';

/** Tabs' loaded pages, asked for as their reader opens and taken by it (page-html.ts). */
const pageHtml = createPageHtmlCache((tabId, url) => messenger.sendMessage('getPageHtml', { url }, tabId));

export default defineBackground(() => {
  /** Tab and URL pairs the auto-open setting already opened a reader for. */
  const autoOpened = new Set<string>();
  /** One reader per tab per user action for requests from a page's in-page control. */
  const controlGate = createReaderGate();

  messenger.onMessage('reportDetection', async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return;
    await setTabDetection(tabId, data);
    await setBadge(tabId, String(data.pageCount));
  });

  messenger.onMessage('getTabDetection', ({ data }) => getTabDetection(data.tabId));

  messenger.onMessage('openReader', async ({ data, sender }) => {
    const tabId = data.tabId ?? sender.tab?.id;
    if (data.auto) {
      // Auto-open once per tab and article page, not again on reload or on coming back.
      const key = `${tabId}|${data.url}`;
      if (autoOpened.has(key)) return;
      autoOpened.add(key);
    } else if (sender.tab?.id !== undefined && !sender.url?.startsWith(browser.runtime.getURL('/'))) {
      // From a news page's content script (its control): a burst of requests opens one reader.
      if (!controlGate.allow(sender.tab.id)) return;
    }
    // The sender's tab says where it is: no tabs.get round trip between the click and the reader.
    await openReader({ url: data.url, tabId, save: data.save }, tabId === sender.tab?.id ? sender.tab?.index : undefined);
  });

  // The reader's redirect mode goes with it: 'manual' is never followed here either (fetch-page.ts).
  // The reader's first script: the page its tab already sent here (or the tab asked now).
  messenger.onMessage('takePageHtml', ({ data }) => pageHtml.take(data.tabId, data.url));

  messenger.onMessage('fetchPage', ({ data }) => fetchPageForReader(data.url, data.accept, {}, data.redirect));

  // A new page in a tab: its old detection (and badge) no longer apply.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') void clearTabDetection(tabId);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    controlGate.forget(tabId);
    void clearTabDetection(tabId);
  });

  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: MENU_ID,
      title: browser.i18n.getMessage('contextMenuOpenReader') || 'Read the whole article with WholeStory',
      contexts: ['page', 'link'],
    });
    browser.contextMenus.create({
      id: SAVE_MENU_ID,
      title: browser.i18n.getMessage('contextMenuSaveArticle') || 'Save the whole article for offline reading',
      contexts: ['page', 'link'],
    });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== MENU_ID && info.menuItemId !== SAVE_MENU_ID) return;
    const url = info.linkUrl ?? info.pageUrl ?? tab?.url;
    if (!url) return;
    // A link opens that article; the page itself reuses this tab's loaded document.
    void openReader({ url, tabId: info.linkUrl ? undefined : tab?.id, save: info.menuItemId === SAVE_MENU_ID });
  });

  browser.commands.onCommand.addListener(async (command, tab) => {
    if (command !== COMMAND && command !== SAVE_COMMAND) return;
    const target = tab ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0];
    if (target?.url) await openReader({ url: target.url, tabId: target.id, save: command === SAVE_COMMAND });
  });
});

/** Opens the reader in a new tab right of the article's tab (at `tabIndex`, when known). */
async function openReader(request: OpenReaderRequest, tabIndex?: number): Promise<void> {
  if (!/^https?:/i.test(request.url)) return;
  let index = tabIndex === undefined ? undefined : tabIndex + 1;
  if (index === undefined && request.tabId !== undefined) {
    try {
      index = (await browser.tabs.get(request.tabId)).index + 1;
    } catch {
      // The tab is gone: open at the end.
    }
  }
  const created = browser.tabs.create({
    url: browser.runtime.getURL(readerPath(request) as Parameters<typeof browser.runtime.getURL>[0]),
    ...(index !== undefined ? { index } : {}),
    ...(request.tabId !== undefined && index !== undefined ? { openerTabId: request.tabId } : {}),
  });
  // The tab serializes its page while the reader tab starts (page-html.ts); asked once the reader
  // tab is on its way, as the reader's first script takes it some 50 ms later.
  if (request.tabId !== undefined) pageHtml.start(request.tabId, request.url);
  await created;
}

/** The toolbar badge of one tab (`action` in MV3, `browserAction` in MV2). */
async function setBadge(tabId: number, text: string): Promise<void> {
  const action = browser.action ?? browser.browserAction;
  await action.setBadgeText({ tabId, text });
  await action.setBadgeBackgroundColor({ tabId, color: '#b3261e' });
}
