/**
 * The background entrypoint's handlers (entrypoints/background.ts) over WXT's fake browser
 * (`wxt/testing`: `WxtVitest()` aliases `wxt/browser` to `fakeBrowser` and stubs the `browser` /
 * `chrome` globals the messaging library uses). The fake lacks context menus, commands and i18n;
 * the test gives it those events and records what the background asks of them. Runs in the
 * `background` project of vitest.config.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import background from '../../entrypoints/background';
import type { FetchedPage, ProtocolMap, TabDetection } from '../../src/messaging';

type Listener = (...args: never[]) => unknown;
/** An event like the browser's, that the test can fire. */
function event<L extends Listener>() {
  const listeners: L[] = [];
  return {
    addListener: (l: L) => void listeners.push(l),
    removeListener: (l: L) => void listeners.splice(listeners.indexOf(l), 1),
    hasListener: (l: L) => listeners.includes(l),
    fire: (...args: Parameters<L>) => Promise.all(listeners.map((l) => l(...args))),
  };
}

const menus: Array<{ id: string; title: string; contexts: string[] }> = [];
const onMenuClicked = event<(info: { menuItemId: string; linkUrl?: string; pageUrl?: string }, tab?: { id?: number; url?: string }) => void>();
const onCommand = event<(command: string, tab?: { id?: number; url?: string }) => Promise<void>>();
const messages: Record<string, string> = { contextMenuOpenReader: '阅读全文', contextMenuSaveArticle: '' };

const READER = 'chrome-extension://test-extension-id/reader.html';
const readerUrl = (params: Record<string, string>) => `${READER}?${new URLSearchParams(params).toString()}`;

/** Sends `type` to the background as the messaging library does, from `sender`; resolves to the answer. */
function send<K extends keyof ProtocolMap>(type: K, data: Parameters<ProtocolMap[K]>[0], sender: { tab?: { id: number }; url?: string } = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const message = { id: 1, type, data, timestamp: Date.now() };
    const respond = (response: { res?: unknown; err?: { message?: string } }) => (response.err ? reject(new Error(response.err.message)) : resolve(response.res));
    void (fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>)(message, sender, respond);
  });
}

let created: Array<{ url?: string; index?: number; openerTabId?: number }>;
const realCreate = fakeBrowser.tabs.create.bind(fakeBrowser.tabs);

beforeAll(() => {
  Object.assign(fakeBrowser, {
    contextMenus: { create: (item: (typeof menus)[number]) => void menus.push(item), onClicked: onMenuClicked },
    commands: { onCommand },
  });
  Object.assign(fakeBrowser.i18n, { getMessage: (key: string) => messages[key] ?? '' });
  background.main();
});

beforeEach(() => {
  created = [];
  vi.spyOn(fakeBrowser.tabs, 'create').mockImplementation(async (properties) => {
    created.push(properties);
    return realCreate(properties);
  });
});

afterAll(() => vi.restoreAllMocks());

/** A tab showing `url` (opened without going through the spy). */
async function articleTab(url: string): Promise<{ id: number; index: number }> {
  const tab = await realCreate({ url });
  return { id: tab.id!, index: tab.index };
}

const detection = (pageCount: number): TabDetection => ({ site: 'people', url: 'http://culture.people.com.cn/n1/2022/0213/c1013-1.html', pageCount, currentPage: 1, detectMs: 3 });

describe('what the content script reports', () => {
  it('keeps a detection per tab and shows the page count on its badge', async () => {
    const tab = await articleTab('http://culture.people.com.cn/n1/2022/0213/c1013-1.html');
    await send('reportDetection', detection(4), { tab: { id: tab.id } });
    expect(await send('getTabDetection', { tabId: tab.id })).toEqual(detection(4));
    expect(await fakeBrowser.action.getBadgeText({ tabId: tab.id })).toBe('4');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({ tabId: tab.id })).toEqual([0xb3, 0x26, 0x1e, 255]);
    expect(await fakeBrowser.storage.session.get(`tab-detection:${tab.id}`)).toEqual({ [`tab-detection:${tab.id}`]: detection(4) });
  });

  it('ignores a report that comes from no tab', async () => {
    await send('reportDetection', detection(7), {});
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('forgets a tab’s detection when it loads a new page or closes', async () => {
    const a = await articleTab('http://a.people.com.cn/1.html');
    const b = await articleTab('http://b.people.com.cn/1.html');
    await send('reportDetection', detection(2), { tab: { id: a.id } });
    await send('reportDetection', detection(3), { tab: { id: b.id } });
    await fakeBrowser.tabs.onUpdated.trigger(a.id, { status: 'complete' }, {} as never);
    expect(await send('getTabDetection', { tabId: a.id })).toEqual(detection(2));
    await fakeBrowser.tabs.onUpdated.trigger(a.id, { status: 'loading' }, {} as never);
    await vi.waitFor(async () => expect(await send('getTabDetection', { tabId: a.id })).toBeNull());
    // (The fake's tabs.remove looks the tab's window up by the tab id; the event is what a browser fires.)
    await fakeBrowser.tabs.onRemoved.trigger(b.id, { windowId: 0, isWindowClosing: false });
    await vi.waitFor(async () => expect(await send('getTabDetection', { tabId: b.id })).toBeNull());
  });
});

describe('opening the reader', () => {
  const url = 'http://culture.people.com.cn/n1/2022/0213/c1013-2.html';
  const popup = { url: 'chrome-extension://test-extension-id/popup.html' };

  it('opens it right of the article’s tab, told which tab to reuse', async () => {
    const tab = await articleTab(url);
    await send('openReader', { url, tabId: tab.id }, popup);
    expect(created).toEqual([{ url: readerUrl({ url, tab: String(tab.id) }), index: tab.index + 1, openerTabId: tab.id }]);
  });

  it('asks the reader to save when told to', async () => {
    const tab = await articleTab(url);
    await send('openReader', { url, tabId: tab.id, save: true }, popup);
    expect(created.map((c) => c.url)).toEqual([readerUrl({ url, tab: String(tab.id), save: '1' })]);
  });

  it('opens at the end, with no opener, when the tab is gone', async () => {
    await send('openReader', { url, tabId: 9999 }, popup);
    expect(created).toEqual([{ url: readerUrl({ url, tab: '9999' }) }]);
  });

  it('never opens anything but an http(s) page', async () => {
    await send('openReader', { url: 'javascript:alert(1)' }, popup);
    await send('openReader', { url: 'file:///etc/passwd' }, popup);
    expect(created).toEqual([]);
  });

  it('auto-opens once per tab and page, not again on reload', async () => {
    const tab = await articleTab(url);
    await send('openReader', { url, auto: true }, { tab: { id: tab.id }, url });
    await send('openReader', { url, auto: true }, { tab: { id: tab.id }, url });
    const other = 'http://culture.people.com.cn/n1/2022/0213/c1013-3.html';
    await send('openReader', { url: other, auto: true }, { tab: { id: tab.id }, url: other });
    expect(created.map((c) => c.url)).toEqual([readerUrl({ url, tab: String(tab.id) }), readerUrl({ url: other, tab: String(tab.id) })]);
  });

  it('opens one reader for a burst of requests from a page’s control; another tab still can', async () => {
    const tab = await articleTab(url);
    const other = await articleTab(url);
    for (let i = 0; i < 5; i++) await send('openReader', { url }, { tab: { id: tab.id }, url });
    await send('openReader', { url }, { tab: { id: other.id }, url });
    expect(created.map((c) => c.openerTabId)).toEqual([tab.id, other.id]);
  });

  it('does not hold the extension’s own pages to that limit', async () => {
    const tab = await articleTab(url);
    const fromReader = { tab: { id: tab.id }, url: 'chrome-extension://test-extension-id/reader.html?url=x' };
    await send('openReader', { url, tabId: tab.id }, fromReader);
    await send('openReader', { url, tabId: tab.id }, fromReader);
    expect(created).toHaveLength(2);
  });
});

describe('context menu and keyboard commands', () => {
  it('adds both entries once installed, in the interface language (English when a message is missing)', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    expect(menus).toEqual([
      { id: 'wholestory-open-reader', title: '阅读全文', contexts: ['page', 'link'] },
      { id: 'wholestory-save-article', title: 'Save the whole article for offline reading', contexts: ['page', 'link'] },
    ]);
  });

  it('reads a link’s article, or this page reusing its tab; the save entry saves', async () => {
    const page = 'http://culture.people.com.cn/n1/2022/0213/c1013-4.html';
    const link = 'http://culture.people.com.cn/n1/2022/0213/c1013-5.html';
    const tab = await articleTab(page);
    await onMenuClicked.fire({ menuItemId: 'wholestory-open-reader', linkUrl: link, pageUrl: page }, { id: tab.id, url: page });
    await onMenuClicked.fire({ menuItemId: 'wholestory-save-article', pageUrl: page }, { id: tab.id, url: page });
    await onMenuClicked.fire({ menuItemId: 'someone-else', pageUrl: page }, { id: tab.id, url: page });
    await vi.waitFor(() => expect(created).toHaveLength(2));
    expect(created.map((c) => c.url)).toEqual([readerUrl({ url: link }), readerUrl({ url: page, tab: String(tab.id), save: '1' })]);
  });

  it('opens the reader for the given tab, or the active one, and saves with the save command', async () => {
    const page = 'http://culture.people.com.cn/n1/2022/0213/c1013-6.html';
    const tab = await articleTab(page);
    await onCommand.fire('open-reader', { id: tab.id, url: page });
    // The fake has no way to make a tab active: the active tab is what tabs.query answers.
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValueOnce([{ id: tab.id, index: tab.index, url: page } as never]);
    await onCommand.fire('save-article');
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    await onCommand.fire('something-else', { id: tab.id, url: page });
    expect(created.map((c) => c.url)).toEqual([readerUrl({ url: page, tab: String(tab.id) }), readerUrl({ url: page, tab: String(tab.id), save: '1' })]);
  });
});

describe('fetching a page for the reader', () => {
  afterAll(() => vi.unstubAllGlobals());

  it('fetches without cookies, following nothing, and hands back the bytes as base64', async () => {
    const asked: Array<[string, RequestInit | undefined]> = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      asked.push([url, init]);
      return new Response('<p>第二页</p>', { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
    });
    const page = (await send('fetchPage', { url: 'http://culture.people.com.cn/2.html', accept: 'text/html', redirect: 'manual' })) as FetchedPage;
    expect(page).toMatchObject({ ok: true, status: 200, contentType: 'text/html; charset=utf-8' });
    expect(page.ok && new TextDecoder().decode(Uint8Array.from(atob(page.bodyBase64), (c) => c.charCodeAt(0)))).toBe('<p>第二页</p>');
    expect(asked).toHaveLength(1);
    expect(asked[0]![1]).toMatchObject({ credentials: 'omit', redirect: 'manual', headers: { Accept: 'text/html' } });
  });

  it('refuses what is not http(s) without fetching', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    expect(await send('fetchPage', { url: 'file:///etc/passwd' })).toEqual({ ok: false, error: 'not an http(s) URL', code: 'not-http' });
    expect(fetch).not.toHaveBeenCalled();
  });
});
