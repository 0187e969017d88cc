/**
 * Runs on the news hosts only. Cheap detection; on a paginated article: the dataset mark, the
 * in-page control and the toolbar badge. Single pages are left untouched. No Readability, no
 * DOMPurify here: the article is read in the reader page; on a paginated article, page 1 is
 * extracted here for it once a person is about to open the reader (page-part.ts) and sanitized there.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { pageLanguage, showReadAllControl } from '../src/content/read-all-control';
import { pagePart, type UnsanitizedPart } from '../src/content/page-part';
import { messenger, type TabPage } from '../src/messaging';
import { detectPagination } from '../src/pipeline/detect';
import { stripPageSuffix, stripSiteFromTitle } from '../src/pipeline/metadata';
import { stripHash } from '../src/pipeline/url';
import { newsSiteMatches } from '../src/sites/index';
import { SETTINGS_STORAGE_KEY } from '../src/storage-keys';

export default defineContentScript({
  matches: [...newsSiteMatches],
  runAt: 'document_idle',
  main() {
    // The reader asks for this tab's loaded page instead of fetching it again (background/page-html.ts):
    // with page 1 extracted here (page-part.ts) for it to sanitize and show when that was done
    // already (onIntent below); else the HTML alone, at once (the reader extracts it: never kept waiting).
    messenger.onMessage('getPageHtml', ({ data }) => {
      if (stripHash(data.url) !== stripHash(location.href)) return null;
      const ready = prepared?.url === location.href ? prepared : null;
      prepared = null;
      delete document.documentElement.dataset.wholestoryReady;
      return ready ?? { url: location.href, html: serializePage(document) };
    });

    const started = performance.now();
    const detection = detectPagination(document, location.href);
    const detectMs = performance.now() - started;
    if (!detection.paginated) return;

    const pageCount = detection.pageCount;
    document.documentElement.dataset.wholestoryPages = String(pageCount);
    const url = location.href;
    showReadAllControl(document, {
      pageCount,
      lang: pageLanguage(document),
      onOpen: () => void messenger.sendMessage('openReader', { url }).catch(() => undefined),
      // The page the reader will be handed is made when a person shows they are about to open it
      // (mouse on the button, keyboard focus), in the next task: a click then finds it ready and
      // the reader draws page 1 at once (issue 10). Pages nobody opens cost nothing more than detection.
      onIntent: () => {
        if (preparing || prepared) return;
        preparing = true;
        const from = performance.now();
        setTimeout(() => {
          preparing = false;
          prepared ??= tabPage();
          // For tests and tools: the page a reader will be handed is ready (ms from the intent).
          if (prepared.part) document.documentElement.dataset.wholestoryReady = String(Math.round(performance.now() - from));
        }, 0);
      },
    });
    void messenger
      .sendMessage('reportDetection', {
        site: detection.site,
        url,
        pageCount,
        currentPage: detection.currentIndex + 1,
        detectMs: Math.round(detectMs * 100) / 100,
        // For the popup: the headline, and page 1's address (is it saved already?).
        title: stripPageSuffix(stripSiteFromTitle(document.title || '')),
        ...(detection.pageUrls[0] ? { firstPageUrl: detection.pageUrls[0] } : {}),
      })
      .catch(() => undefined);
    void autoOpen(url);
  },
});

/** The page made for a reader ahead of the click (on a paginated article only), taken once. */
let prepared: TabPage | null = null;

/** The page for a reader is being made (between the intent and its task). */
let preparing = false;

/** This tab's page for a reader: its HTML and page 1 extracted from it. */
function tabPage(): TabPage {
  const html = serializePage(document);
  return { url: location.href, html, part: partOrNull(html, location.href) };
}

/** The "open the reader automatically" setting (options page): the same as a click on the control. */
async function autoOpen(url: string): Promise<void> {
  try {
    const stored = await browser.storage.local.get(SETTINGS_STORAGE_KEY);
    const settings = stored[SETTINGS_STORAGE_KEY] as { autoOpen?: unknown } | undefined;
    if (settings?.autoOpen === true) await messenger.sendMessage('openReader', { url, auto: true });
  } catch {
    // The extension was reloaded under this page: nothing to do.
  }
}

/** Page 1 ready for the reader, or null (an extraction that fails leaves the reader to do it). */
function partOrNull(html: string, url: string): UnsanitizedPart | null {
  try {
    return pagePart(html, url, { parse: (text) => new DOMParser().parseFromString(text, 'text/html'), window });
  } catch {
    return null;
  }
}

/** The page as loaded, without what this extension added to it. */
function serializePage(doc: Document): string {
  // Cloned into an inert document: a clone in the live page would fetch its images again.
  const clone = doc.implementation.createHTMLDocument('').importNode(doc.documentElement, true) as HTMLElement;
  clone.querySelector('wholestory-control')?.remove();
  delete clone.dataset.wholestoryPages;
  delete clone.dataset.wholestoryReady;
  return `<!DOCTYPE html>\n${clone.outerHTML}`;
}
