// @vitest-environment jsdom
/**
 * The popup's states in jsdom with fakes for the browser, the background and the library, with
 * the real catalogues: a paginated article (title, "Xinhua · 3 pages", "Read all 3 pages", saved
 * or not), a page of a known site that is not split into pages (the quieter "Read this page in
 * the reader"), another site, a browser page; English and Chinese interface.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LibraryEntry } from '../library/types';
import type { TabDetection } from '../messaging';
import { useLocale } from '../../test/support/ui-catalogue';

vi.mock('wxt/browser', () => import('../../test/support/ui-catalogue').then((m) => m.i18nBrowser));

const { describeTab, savedText, startPopup } = await import('./popup-app');
const { articleIdFor } = await import('../library/article-id');

const XINHUA_P2 = 'http://www.news.cn/politics/2021-07/01/c_1127615334_2.htm';
const XINHUA_P1 = 'http://www.news.cn/politics/2021-07/01/c_1127615334.htm';
const detection = (over: Partial<TabDetection> = {}): TabDetection => ({
  site: 'xinhua', url: XINHUA_P2, pageCount: 3, currentPage: 2, detectMs: 1, title: '在庆祝中国共产党成立100周年大会上的讲话(2)', firstPageUrl: XINHUA_P1, ...over,
});
const entry = (over: Partial<LibraryEntry> = {}): LibraryEntry => ({
  id: articleIdFor(XINHUA_P1), url: XINHUA_P1, title: 't', site: 'xinhua', siteName: '新华网', pageCount: 3, savedAt: Date.UTC(2026, 11, 1, 6), size: 1, imageCount: 0, ord: 0, ...over,
});

function popupDocument(): Document {
  document.documentElement.innerHTML = readFileSync(path.resolve(import.meta.dirname, '../../entrypoints/popup/index.html'), 'utf8')
    .replace(/^[\s\S]*?<html[^>]*>/, '')
    .replace(/<\/html>\s*$/, '');
  return document;
}

function fakes(tab: { id?: number; url?: string; title?: string } | undefined, found: TabDetection | null, saved: LibraryEntry | null) {
  const calls = { opened: [] as unknown[], lookedUp: [] as string[], closed: 0, requested: [] as string[] };
  return {
    calls,
    deps: {
      targetTab: async () => tab,
      detection: async () => found,
      savedEntry: async (id: string) => {
        calls.lookedUp.push(id);
        return saved && saved.id === id ? saved : null;
      },
      requestSite: async (origin: string) => {
        calls.requested.push(origin);
        return true;
      },
      openReader: async (request: unknown) => void calls.opened.push(request),
      openExtensionPage: async (p: string) => void calls.opened.push(p),
      openOptions: () => undefined,
      mountLibrary: () => undefined,
      close: () => void calls.closed++,
    },
  };
}

const text = (doc: Document, id: string) => doc.getElementById(id)?.textContent ?? '';
const shown = (doc: Document, id: string) => !(doc.getElementById(id) as HTMLElement).hidden;

beforeEach(() => {
  useLocale('en-US', 'en');
});

describe('popup', () => {
  it('a paginated article: site and count, its title, "Read all 3 pages", not saved yet; the click opens the reader', async () => {
    const doc = popupDocument();
    const { deps, calls } = fakes({ id: 7, url: XINHUA_P2, title: 'x' }, detection(), null);
    await startPopup(doc, deps);
    expect(text(doc, 'detected')).toBe('Xinhua · 3 pages');
    expect(text(doc, 'page-title')).toBe('在庆祝中国共产党成立100周年大会上的讲话');
    // Marked Chinese, so its digits and punctuation get the CJK face in the English interface.
    expect(doc.getElementById('page-title')!.lang).toBe('zh');
    expect(text(doc, 'open-reader')).toBe('Read all 3 pages');
    expect(doc.getElementById('open-reader')!.classList.contains('secondary')).toBe(false);
    expect(shown(doc, 'hint')).toBe(false);
    expect(text(doc, 'saved-state')).toBe('Not saved yet');
    expect(doc.documentElement.dataset.saved).toBe('no');
    // Looked up under page 1's address, not the page the tab shows.
    expect(calls.lookedUp).toEqual([articleIdFor(XINHUA_P1)]);
    (doc.getElementById('open-reader') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(calls.closed).toBe(1));
    expect(calls.opened).toEqual([{ url: XINHUA_P2, tabId: 7 }]);
  });

  it('an article saved already: the date with its month named, pages missing, a link to the copy', async () => {
    const doc = popupDocument();
    const { deps, calls } = fakes({ id: 7, url: XINHUA_P2 }, detection(), entry({ missingPages: 1 }));
    await startPopup(doc, deps);
    expect(text(doc, 'saved-state')).toBe('Saved on 1 Dec 2026 · 1 page missing · Open the saved copy');
    expect(doc.documentElement.dataset.saved).toBe('yes');
    (doc.getElementById('open-saved') as HTMLAnchorElement).click();
    await vi.waitFor(() => expect(calls.opened).toEqual([`/reader.html?id=${articleIdFor(XINHUA_P1)}`]));
  });

  it('a page of a known site that is not split into pages: says so, and reading it is the quieter action', async () => {
    const doc = popupDocument();
    const { deps } = fakes({ id: 3, url: 'http://www.news.cn/world/2024-01/02/c_1130000000.htm', title: '一篇短消息_新华网' }, null, null);
    await startPopup(doc, deps);
    expect(text(doc, 'detected')).toBe('Xinhua');
    expect(text(doc, 'page-title')).toBe('一篇短消息');
    expect(text(doc, 'hint')).toBe('This page is not split into several pages.');
    expect(text(doc, 'hint')).not.toMatch(/No paginated/);
    expect(text(doc, 'open-reader')).toBe('Read this page in the reader');
    expect(doc.getElementById('open-reader')!.classList.contains('secondary')).toBe(true);
  });

  it('another site: the generic reader, asking for that site only when clicked', async () => {
    const doc = popupDocument();
    const { deps, calls } = fakes({ id: 4, url: 'https://example.org/story.html', title: 'A story - Example News' }, null, null);
    await startPopup(doc, deps);
    expect(doc.documentElement.dataset.popupState).toBe('generic');
    expect(text(doc, 'detected')).toBe('Web page');
    expect(text(doc, 'hint')).toContain('example.org');
    (doc.getElementById('open-reader') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(calls.closed).toBe(1));
    expect(calls.requested).toEqual(['https://example.org/*']);
  });

  it('a browser page: says what WholeStory reads, no buttons', async () => {
    const doc = popupDocument();
    const { deps } = fakes({ id: 5, url: 'about:blank' }, null, null);
    await startPopup(doc, deps);
    expect(text(doc, 'detected')).toBe('WholeStory can read web pages (http and https) only.');
    expect(shown(doc, 'open-reader')).toBe(false);
    expect(shown(doc, 'saved-state')).toBe(false);
  });

  it('in Chinese: one site name in Chinese, 年月日 dates, Chinese buttons', async () => {
    useLocale('zh-CN', 'zh_CN');
    const view = describeTab({ url: XINHUA_P2, detection: detection() });
    expect(view.detected).toBe('新华网 · 共3页');
    expect(view.readLabel).toBe('阅读全文（共3页）');
    expect(savedText(entry({ missingPages: 1 }))).toBe('已于2026年12月1日保存 · 缺 1 页');
    useLocale('zh-TW', 'zh_TW');
    expect(describeTab({ url: XINHUA_P2, detection: detection() }).detected).toBe('新華網 · 共3頁');
    expect(savedText(entry())).toBe('已於2026年12月1日儲存');
  });
});
