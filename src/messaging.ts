/**
 * Every message the extension's parts exchange, in one typed protocol map. The background answers
 * all of them except `getPageHtml`, which the news content script answers for its own tab.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { UnsanitizedPart } from './content/page-part';

/** What the content script found on a news page, kept per tab by the background. */
export interface TabDetection {
  /** Site rule id ("xinhua", "people", "generic"). */
  site: string;
  /** Page URL the detection ran on. */
  url: string;
  /** Best guess of the article's page count (2 or more). */
  pageCount: number;
  /** 1-based page the person is on. */
  currentPage: number;
  /** Detection time in the page, ms (the content script's own cost). */
  detectMs: number;
  /** The article's headline, as the page gives it (the popup shows it). */
  title?: string;
  /** Page 1's URL, when detection knows it: the library files the article under it. */
  firstPageUrl?: string;
}

/** A page fetched by the background for the reader (only when the reader cannot fetch it itself). */
export type FetchedPage =
  | {
      ok: true;
      status: number;
      statusText: string;
      /** Final URL after redirects. */
      url: string;
      contentType: string | null;
      contentLength: string | null;
      /** The body, base64: runtime messages carry JSON, not bytes. */
      bodyBase64: string;
      /**
       * Asked with `redirect: 'manual'` and answered with a redirect, not followed: `'opaque'` when the
       * browser hides where it goes (an opaque redirect), `'exposed'` with its `location`.
       */
      redirect?: 'opaque' | 'exposed';
      location?: string | null;
    }
  /** `code` says which failure it was, so the reader's pipeline can say it in the interface's words. */
  | { ok: false; error: string; code?: 'not-http' | 'too-large' | 'timeout' | 'network' };

/**
 * A tab's loaded page as its content script hands it over: the HTML, and page 1 extracted from it
 * there (src/content/page-part.ts; not sanitized: the reader sanitizes it before it shows it).
 */
export interface TabPage {
  url: string;
  html: string;
  part?: UnsanitizedPart | null;
}

/** Where the reader should read from. */
export interface OpenReaderRequest {
  /** The article URL (any of its pages). */
  url: string;
  /** The tab showing that page: its loaded document is reused instead of fetched again. */
  tabId?: number;
  /** Opened by the auto-open setting, not a click: once per tab and article URL. */
  auto?: boolean;
  /** Save the article to the library once it is read (popup, context menu, keyboard command). */
  save?: boolean;
}

export interface ProtocolMap {
  /** Content script → background: this tab shows a paginated article (badge, popup). */
  reportDetection(data: TabDetection): void;
  /** Popup → background: what the content script found in a tab, if anything. */
  getTabDetection(data: { tabId: number }): TabDetection | null;
  /** Content script or popup → background: open the reader beside the tab. */
  openReader(data: OpenReaderRequest): void;
  /** Reader → background: fetch a page across origins (fallback when the reader's own fetch fails). */
  fetchPage(data: { url: string; accept?: string; redirect?: 'follow' | 'manual' }): FetchedPage;
  /** Reader → background: tab `tabId`'s loaded HTML, asked of it when the reader was opened (background/page-html.ts). */
  takePageHtml(data: { tabId: number; url: string }): TabPage | null;
  /** Background → content script of a tab: that tab's loaded HTML, when it still shows `url`. */
  getPageHtml(data: { url: string }): TabPage | null;
}

/** The extension's one messenger. */
export const messenger = defineExtensionMessaging<ProtocolMap>();

/** The reader page's address for an article. */
export function readerPath(request: OpenReaderRequest): string {
  const params = new URLSearchParams({ url: request.url });
  if (request.tabId !== undefined) params.set('tab', String(request.tabId));
  if (request.save) params.set('save', '1');
  return `/reader.html?${params.toString()}`;
}

/** The reader page's address for a saved copy. */
export function savedReaderPath(id: string): string {
  return `/reader.html?${new URLSearchParams({ id }).toString()}`;
}
