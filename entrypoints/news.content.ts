/**
 * Runs on the news hosts only. Cheap detection; on a paginated article: the dataset mark, the
 * in-page control and the toolbar badge. Single pages are left untouched. No Readability, no
 * DOMPurify here: the article is read in the reader page; when a reader opens for this tab, page 1
 * is extracted here for it (page-part.ts) and sanitized there.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { pageLanguage, showReadAllControl } from '../src/content/read-all-control';
import { pagePart, type UnsanitizedPart } from '../src/content/page-part';
import { messenger } from '../src/messaging';
import { detectPagination } from '../src/pipeline/detect';
import { stripPageSuffix, stripSiteFromTitle } from '../src/pipeline/metadata';
import { stripHash } from '../src/pipeline/url';
import { newsSiteMatches } from '../src/sites/index';
import { SETTINGS_STORAGE_KEY } from '../src/storage-keys';

export default defineContentScript({
  matches: [...newsSiteMatches],
  runAt: 'document_idle',
  main() {
    // The reader asks for this tab's loaded page instead of fetching it again.
    // Asked when a reader opens for this tab (background/page-html.ts), never before: with the
    // HTML, page 1 extracted here while the reader tab starts (page-part.ts), for it to sanitize and show.
    messenger.onMessage('getPageHtml', ({ data }) => {
      if (stripHash(data.url) !== stripHash(location.href)) return null;
      const html = serializePage(document);
      return { url: location.href, html, part: partOrNull(html, location.href) };
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
  return `<!DOCTYPE html>\n${clone.outerHTML}`;
}
