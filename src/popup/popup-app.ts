/**
 * The toolbar popup: which site and article the current tab shows (the site's name in the
 * interface language, the headline, "Xinhua · 5 pages" when the content script found pages),
 * whether the article is saved already ("Saved on 1 Dec 2026", with a link to the copy), a button
 * that opens the reader ("Read all 5 pages", or "Read this page in the reader" as the quieter
 * action when nothing paginated was found) and one that saves the article for offline reading,
 * then the saved library (library-list.ts). On a site without a rule of its own it offers the
 * generic reader and asks for that one site's permission at that moment, not at install.
 *
 * `popup.html?tab=<id>` targets that tab instead of the active one (tests and tools).
 * For tests: `<html data-site data-page-count data-popup-state="unsupported|paginated|single|generic"
 * data-saved="yes|no">`.
 */
import { browser, type Browser } from 'wxt/browser';
import { articleIdFor, canonicalArticleUrl } from '../library/article-id';
import { sharedLibrary } from '../library/shared-library';
import type { LibraryEntry } from '../library/types';
import { missingPagesLabel, mountLibraryList } from '../library-view/library-list';
import { titleLang } from '../library-view/title-text';
import { messenger, savedReaderPath, type TabDetection } from '../messaging';
import { formatSavedDate } from '../output/display';
import { stripPageSuffix, stripSiteFromTitle } from '../pipeline/metadata';
import { stripHash } from '../pipeline/url';
import { ruleForUrl } from '../sites/index';
import { localizePage, siteLabel, t, uiLocale } from '../ui-text';

export type PopupState = 'unsupported' | 'paginated' | 'single' | 'generic';

/** What the popup shows for a tab: decided from plain data (popup-app.test.ts). */
export interface PopupView {
  state: PopupState;
  site: string;
  /** "Xinhua · 5 pages", or the site's name alone. */
  detected: string;
  title: string | null;
  hint: string | null;
  /** The reader button's words and whether it is the main action or the quieter one. */
  readLabel: string | null;
  readPrimary: boolean;
  pageCount: number | null;
  /** Where the library would file the article (page 1's canonical URL). */
  articleUrl: string | null;
}

export interface TabFacts {
  url: string;
  /** The browser's title for the tab (with the site's name in it, usually). */
  tabTitle?: string;
  detection: TabDetection | null;
}

/** A tab's `<title>` without the site's name and page suffix ("标题--人民网" → "标题"). */
export function cleanTitle(raw: string | undefined | null): string | null {
  const title = raw ? stripPageSuffix(stripSiteFromTitle(raw)).trim() : '';
  return title || null;
}

export function describeTab(facts: TabFacts): PopupView {
  const { url, detection } = facts;
  if (!/^https?:\/\//i.test(url)) {
    return { state: 'unsupported', site: '', detected: t('popupUnsupported'), title: null, hint: null, readLabel: null, readPrimary: false, pageCount: null, articleUrl: null };
  }
  const rule = ruleForUrl(url);
  const site = siteLabel(rule.id);
  const title = cleanTitle(detection?.title) ?? cleanTitle(facts.tabTitle);
  if (detection && stripHash(detection.url) === stripHash(url)) {
    return {
      state: 'paginated',
      site: siteLabel(detection.site),
      detected: t('popupDetected', { site: siteLabel(detection.site), count: detection.pageCount }),
      title,
      hint: null,
      readLabel: t('popupReadPages', { count: detection.pageCount }),
      readPrimary: true,
      pageCount: detection.pageCount,
      articleUrl: canonicalArticleUrl(detection.firstPageUrl ?? url),
    };
  }
  if (rule.id !== 'generic') {
    // A page of a known site that is not split into pages: the reader still reads it cleanly.
    return { state: 'single', site, detected: site, title, hint: t('popupNotPaginated'), readLabel: t('popupReadSingle'), readPrimary: false, pageCount: null, articleUrl: canonicalArticleUrl(url) };
  }
  const host = new URL(url).hostname;
  return { state: 'generic', site, detected: site, title, hint: t('popupGenericHint', { host }), readLabel: t('popupOpenReader'), readPrimary: true, pageCount: null, articleUrl: canonicalArticleUrl(url) };
}

/** "Saved on 1 Dec 2026 · 1 page missing", or "Not saved yet". */
export function savedText(entry: LibraryEntry | null): string {
  if (!entry) return t('popupNotSaved');
  const parts = [t('popupSavedOn', { date: formatSavedDate(entry.savedAt, uiLocale()) })];
  const missing = missingPagesLabel(entry);
  if (missing) parts.push(missing);
  return parts.join(' · ');
}

/** What the popup reaches outside itself: the browser, the background, the library (tests pass fakes). */
export interface PopupDeps {
  targetTab(): Promise<Pick<Browser.tabs.Tab, 'id' | 'url' | 'title'> | undefined>;
  detection(tabId: number): Promise<TabDetection | null>;
  /** The library's entry for an article id, or null (not saved, or no library). */
  savedEntry(id: string): Promise<LibraryEntry | null>;
  /** Must start in the click itself (Firefox refuses a permission request after an await). */
  requestSite(origin: string): Promise<boolean>;
  openReader(request: { url: string; tabId: number; save?: boolean }): Promise<void>;
  openExtensionPage(path: string): Promise<void>;
  openOptions(): void;
  mountLibrary(container: HTMLElement, openArticle: (id: string) => void): void;
  close(): void;
}

function browserDeps(view: Window): PopupDeps {
  return {
    async targetTab() {
      const param = new URLSearchParams(view.location.search).get('tab');
      if (param !== null && Number.isInteger(Number(param))) return browser.tabs.get(Number(param));
      return (await browser.tabs.query({ active: true, currentWindow: true }))[0];
    },
    detection: (tabId) => messenger.sendMessage('getTabDetection', { tabId }).catch(() => null),
    async savedEntry(id) {
      try {
        return (await (await sharedLibrary()).entry(id)) ?? null;
      } catch {
        return null;
      }
    },
    requestSite: (origin) => browser.permissions.request({ origins: [origin] }),
    openReader: (request) => messenger.sendMessage('openReader', request),
    async openExtensionPage(path) {
      await browser.tabs.create({ url: browser.runtime.getURL(path as Parameters<typeof browser.runtime.getURL>[0]) });
    },
    openOptions: () => void browser.runtime.openOptionsPage(),
    mountLibrary: (container, openArticle) => void mountLibraryList(view.document, { container, openArticle }),
    close: () => view.close(),
  };
}

export async function startPopup(doc: Document, deps: PopupDeps = browserDeps(doc.defaultView as Window)): Promise<void> {
  const root = doc.documentElement;
  localizePage(doc);
  doc.title = t('actionTitle');
  const openPage = (path: string) => void deps.openExtensionPage(path).then(() => deps.close());
  doc.getElementById('open-options')?.addEventListener('click', (event) => {
    event.preventDefault();
    deps.openOptions();
  });
  doc.getElementById('open-library')?.addEventListener('click', (event) => {
    event.preventDefault();
    openPage('/library.html');
  });
  // The library does not wait for the tab's detection.
  deps.mountLibrary(doc.getElementById('library') as HTMLElement, (id) => openPage(savedReaderPath(id)));

  const detected = doc.getElementById('detected') as HTMLElement;
  const titleEl = doc.getElementById('page-title') as HTMLElement | null;
  const hint = doc.getElementById('hint') as HTMLElement;
  const savedEl = doc.getElementById('saved-state') as HTMLElement | null;
  const button = doc.getElementById('open-reader') as HTMLButtonElement;
  const saveButton = doc.getElementById('save-article') as HTMLButtonElement;
  const tab = await deps.targetTab();
  const url = tab?.url ?? '';
  const tabId = tab?.id;
  const detection = tabId !== undefined && /^https?:\/\//i.test(url) ? await deps.detection(tabId) : null;
  const view = describeTab({ url, ...(tab?.title ? { tabTitle: tab.title } : {}), detection });
  root.dataset.popupState = view.state;
  detected.textContent = view.detected;
  if (view.state === 'unsupported' || tabId === undefined) return;

  root.dataset.site = ruleForUrl(url).id;
  if (view.pageCount !== null) root.dataset.pageCount = String(view.pageCount);
  if (titleEl && view.title) {
    titleEl.textContent = view.title;
    const language = titleLang(view.title);
    if (language) titleEl.lang = language;
    titleEl.hidden = false;
  }
  if (view.hint) {
    hint.textContent = view.hint;
    hint.hidden = false;
  }
  button.textContent = view.readLabel ?? t('popupOpenReader');
  button.classList.toggle('secondary', !view.readPrimary);
  button.hidden = false;
  saveButton.textContent = t('popupSave');
  saveButton.hidden = false;

  const open = (save: boolean) => {
    const origin = `${new URL(url).protocol}//${new URL(url).hostname}/*`;
    // permissions.request must run in the click itself (Firefox refuses it after an await).
    const permission = view.state === 'generic' ? deps.requestSite(origin) : Promise.resolve(true);
    void permission
      .catch(() => false)
      .then(async (granted) => {
        if (!granted) return;
        await deps.openReader({ url, tabId, ...(save ? { save: true } : {}) });
        deps.close();
      });
  };
  button.addEventListener('click', () => open(false));
  saveButton.addEventListener('click', () => open(true));

  if (savedEl && view.articleUrl) {
    const entry = await deps.savedEntry(articleIdFor(view.articleUrl));
    root.dataset.saved = entry ? 'yes' : 'no';
    savedEl.replaceChildren(savedText(entry));
    if (entry) {
      const link = doc.createElement('a');
      link.id = 'open-saved';
      link.href = `.${savedReaderPath(entry.id)}`;
      link.textContent = t('saveOpenCopy');
      link.addEventListener('click', (event) => {
        event.preventDefault();
        openPage(savedReaderPath(entry.id));
      });
      savedEl.append(' · ', link);
    }
    savedEl.hidden = false;
  }
}
