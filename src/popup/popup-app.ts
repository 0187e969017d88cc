/**
 * The toolbar popup: what the content script found on the current tab ("Xinhua · 5 pages"), a
 * button that opens the reader and one that saves the article for offline reading (the reader
 * opens and saves it), then the saved library (library-list.ts). On a site without a rule of its
 * own it offers the generic reader and asks for that one site's permission at that moment, not at
 * install.
 *
 * `popup.html?tab=<id>` targets that tab instead of the active one (tests and tools).
 */
import { browser, type Browser } from 'wxt/browser';
import { mountLibraryList } from '../library-view/library-list';
import { messenger, savedReaderPath, type TabDetection } from '../messaging';
import { ruleForUrl } from '../sites/index';
import { stripHash } from '../pipeline/url';
import { localizePage, siteLabel, t } from '../ui-text';

async function targetTab(view: Window): Promise<Browser.tabs.Tab | undefined> {
  const param = new URLSearchParams(view.location.search).get('tab');
  if (param !== null && Number.isInteger(Number(param))) return browser.tabs.get(Number(param));
  return (await browser.tabs.query({ active: true, currentWindow: true }))[0];
}

export async function startPopup(doc: Document): Promise<void> {
  const view = doc.defaultView as Window;
  localizePage(doc);
  doc.title = t('actionTitle');
  doc.getElementById('open-options')?.addEventListener('click', (event) => {
    event.preventDefault();
    void browser.runtime.openOptionsPage();
  });
  doc.getElementById('open-library')?.addEventListener('click', (event) => {
    event.preventDefault();
    void openExtensionTab(view, '/library.html');
  });
  // The library does not wait for the tab's detection.
  void mountLibraryList(doc, {
    container: doc.getElementById('library') as HTMLElement,
    openArticle: (id) => void openExtensionTab(view, savedReaderPath(id)),
  });

  const detected = doc.getElementById('detected') as HTMLElement;
  const hint = doc.getElementById('hint') as HTMLElement;
  const button = doc.getElementById('open-reader') as HTMLButtonElement;
  const saveButton = doc.getElementById('save-article') as HTMLButtonElement;
  const tab = await targetTab(view);
  const url = tab?.url ?? '';
  if (!tab || tab.id === undefined || !/^https?:\/\//i.test(url)) {
    detected.textContent = t('popupUnsupported');
    return;
  }
  const tabId = tab.id;
  const detection: TabDetection | null = await messenger.sendMessage('getTabDetection', { tabId }).catch(() => null);
  const rule = ruleForUrl(url);
  button.textContent = t('popupOpenReader');
  button.hidden = false;
  saveButton.textContent = t('popupSave');
  saveButton.hidden = false;
  doc.documentElement.dataset.site = rule.id;

  if (detection && stripHash(detection.url) === stripHash(url)) {
    detected.textContent = t('popupDetected', { site: siteLabel(detection.site), count: detection.pageCount });
    doc.documentElement.dataset.pageCount = String(detection.pageCount);
  } else if (rule.id !== 'generic') {
    detected.textContent = t('popupNotDetected');
  } else {
    const host = new URL(url).hostname;
    detected.textContent = siteLabel(rule.id);
    hint.textContent = t('popupGenericHint', { host });
    hint.hidden = false;
  }

  const open = (save: boolean) => {
    const origin = `${new URL(url).protocol}//${new URL(url).hostname}/*`;
    // permissions.request must run in the click itself (Firefox refuses it after an await).
    const permission = rule.id === 'generic' ? browser.permissions.request({ origins: [origin] }) : Promise.resolve(true);
    void permission
      .catch(() => false)
      .then(async (granted) => {
        if (!granted) return;
        await messenger.sendMessage('openReader', { url, tabId, ...(save ? { save: true } : {}) });
        view.close();
      });
  };
  button.addEventListener('click', () => open(false));
  saveButton.addEventListener('click', () => open(true));
}

/** Opens an extension page in a new tab and closes the popup. */
async function openExtensionTab(view: Window, path: string): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(path as Parameters<typeof browser.runtime.getURL>[0]) });
  view.close();
}
