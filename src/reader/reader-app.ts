/**
 * The reader page, the one place articles render:
 * - `reader.html?url=<article URL>[&tab=<tab id>][&save=1]` runs the pipeline here, shows progress,
 *   then the article; failed pages get a notice with Retry that fetches only that page. "Save"
 *   (or `save=1`) keeps it in the offline library with its images.
 * - `reader.html?id=<saved id>` shows a saved copy from the library with no network at all: its
 *   images come from IndexedDB as blob: URLs.
 * For tests and tools: `<html data-state="loading|ready|partial|error">`, `data-source`
 * (tab, network, library), `data-saved-id` once saved, and the article in
 * `#reader-content[data-page-count]`.
 */
import { browser } from 'wxt/browser';
import { libraryErrorText } from '../library/error-text';
import type { SavedArticle } from '../library/types';
import { ArticleError } from '../pipeline/errors';
import { elementToText } from '../pipeline/element-text';
import { DEFAULTS } from '../pipeline/read-defaults';
import type { ArticlePart, DomEnvironment, FailedPage, WholeArticle } from '../pipeline/types';
import { localizePage, t, uiLanguage } from '../ui-text';
import { formatSavedDateTime } from '../output/display';
import { headerOf } from '../output/header';
import { addPageMarkers, articleBody, dropRepeatedBlocks, markCaptions, renderArticle, sanitizedNodes, withoutReaderUi } from './article-view';
import { applyScriptSetting, reserveScriptControls, setUpScriptView, shownHeader, withOriginalScript } from './script-view';
import { applyLayoutSetting, setUpVertical } from './vertical';
import { useLocalImages, withOriginalImages } from './saved-images';
import { holdHttpImages, loadHttpImages, upgradesHttpImages } from './insecure-images';
import { createProgressiveView } from './progressive';
import { writeClipboard } from './clipboard';
import { createReaderFetch } from './reader-fetch';
import { applySettings, LIMITS, nextTheme, onSettingsChanged, saveSettings, type ReaderSettings } from './settings';
import type { SettingsForm } from './settings-form';
import { announceArticleShown } from './article-shown';
import { failureText } from './failure-text';
import { createFailuresBanner, retriedText, showReadFailure, type FailuresBanner } from './failures';
import { articleUrlOf, originPattern, pageFromTab, startEarly, tabIdOf, type EarlyStart } from './reader-boot';
import { handedPart } from './handed-part';
import { askOtherPages } from './early-loads';
import type { EarlyLoads } from '../pipeline/load-page';
import type { TabPage } from '../messaging';

/** What the first article text does not wait for (reader-later.ts), loaded with `import()`. */
type Later = typeof import('./reader-later');

/**
 * The pipeline, loaded with `import()` as a read starts: the page in hand, extracted by its tab,
 * is drawn without waiting for it (issue 10).
 */
let pipelineLoad: Promise<typeof import('../pipeline/read-whole-article')> | null = null;
function pipeline(): Promise<typeof import('../pipeline/read-whole-article')> {
  return (pipelineLoad ??= import('../pipeline/read-whole-article'));
}

/** `applySettings`, and the font choice as `data-font` (style.css picks the CJK faces by it). */
function applyReaderSettings(root: HTMLElement, settings: ReaderSettings): void {
  applySettings(root, settings);
  root.dataset.font = settings.fontFamily;
  applyScriptSetting(root.ownerDocument, settings.script);
  applyLayoutSetting(root.ownerDocument, settings.layout);
}

export type ReaderState = 'loading' | 'ready' | 'partial' | 'error';

interface Reader {
  doc: Document;
  root: HTMLElement;
  content: HTMLElement;
  status: HTMLElement;
  settings: ReaderSettings;
  article: WholeArticle | null;
  failed: FailedPage[];
  dom: DomEnvironment;
  fetch: ReturnType<typeof createReaderFetch>;
  form?: SettingsForm;
  /** A page was brought in by Retry: what is shown is more than `article.contentHtml`. */
  retried: boolean;
  /** The library id once this article is saved (or when it is a saved copy). */
  savedId: string | null;
  /** blob: URLs of a saved copy's images, revoked when the page goes. */
  blobUrls: string[];
  /** Aborted when the reader page goes: every read and retry passes its signal. */
  closing: AbortController;
  /** The missing-pages banner above the article (failures.ts), once set up. */
  banner?: FailuresBanner;
  /** Pages being retried now (a second Retry of the same page waits for the first). */
  retrying?: Set<number>;
  /** reader-later.ts, loaded and wired once (`features`). */
  features?: Promise<Later>;
}

/**
 * Starts the reader in `doc` (the reader page's document). `early`: the settings, host access and
 * tab HTML already asked for by the page's first script (reader-boot.ts, entrypoints/reader/main.ts).
 */
export async function startReader(doc: Document, early: EarlyStart = startEarly(doc.defaultView as Window)): Promise<void> {
  performance.mark('reader:app');
  const view = doc.defaultView as Window & typeof globalThis;
  const reader: Reader = {
    doc,
    root: doc.documentElement,
    content: doc.getElementById('reader-content') as HTMLElement,
    status: doc.getElementById('status') as HTMLElement,
    settings: await early.settings,
    article: null,
    failed: [],
    dom: {
      // An inert document: nothing in it loads or runs. The pipeline makes its URLs absolute itself.
      parse: (html) => new view.DOMParser().parseFromString(html, 'text/html'),
      window: view,
    },
    fetch: createReaderFetch(),
    retried: false,
    savedId: null,
    blobUrls: [],
    closing: new AbortController(),
  };
  localizePage(doc);
  applyReaderSettings(reader.root, reader.settings);
  setUpCopyButtons(reader);
  setUpSaveButton(reader);
  setUpFailures(reader);
  // The settings form, Export, shortcuts, accessibility, contents and Listen: `features`, after the first text.
  setUpScriptView(doc, reader.settings.script);
  setUpVertical(doc, reader.settings.layout);
  // An image that cannot load (gone from the site, or offline for a saved copy) is hidden rather
  // than shown as a broken icon. `error` does not bubble: listen while it goes down.
  reader.content.addEventListener(
    'error',
    (event) => {
      if (event.target instanceof view.HTMLImageElement) event.target.hidden = true;
    },
    true,
  );
  view.addEventListener('pagehide', (event) => {
    for (const url of reader.blobUrls) URL.revokeObjectURL(url);
    // Closing the reader stops its fetches (a fallback fetch in the background gives up on its
    // own, fetch-page.ts); a page kept in the back/forward cache keeps them.
    if (!event.persisted) reader.closing.abort();
  });
  onSettingsChanged((settings) => {
    reader.settings = settings;
    applyReaderSettings(reader.root, settings);
    reader.form?.fill(settings);
  });

  const params = new URLSearchParams(view.location.search);
  const savedId = params.get('id');
  if (savedId) {
    await showSaved(reader, savedId);
    return;
  }
  const url = articleUrlOf(view.location.search);
  if (!url) {
    setState(reader, 'error');
    reader.status.textContent = t('readerNoUrl');
    void features(reader);
    return;
  }
  if (!(await (early.access ?? Promise.resolve(true)))) {
    void features(reader);
    await askForAccess(reader, url);
  }
  await read(reader, url, tabIdOf(view.location.search), early.tabPage);
  if (params.get('save') === '1' && reader.article) await saveShown(reader);
}

/**
 * Loads and wires what the first text does not need (reader-later.ts), once. Started when the
 * first text has been drawn (or at once while the reader waits on the network); awaited before
 * an article is announced, so every `onArticleShown` hook is there.
 */
function features(reader: Reader): Promise<Later> {
  reader.features ??= import('./reader-later').then((later) => {
    setUpSettingsForm(reader, later);
    later.setUpExportMenu(reader.doc, () => reader.savedId);
    setUpShortcuts(reader, later);
    later.setUpReaderA11y(reader.doc);
    later.setUpFindYourWay(reader.doc);
    later.setUpListen(reader.doc);
    later.setUpPrintKeep(reader.doc);
    return later;
  });
  return reader.features;
}

/** `features` once the frame holding the first text has been drawn. */
function featuresAfterPaint(reader: Reader): void {
  const view = reader.doc.defaultView as Window;
  view.requestAnimationFrame(() => view.setTimeout(() => void features(reader), 0));
}

function setState(reader: Reader, state: ReaderState): void {
  reader.root.dataset.state = state;
  reader.content.setAttribute('aria-busy', String(state === 'loading'));
}

/**
 * A site without a rule of its own (the generic fallback): ask for that site only, now that the
 * person wants it read; the request needs their click.
 */
function askForAccess(reader: Reader, url: string): Promise<void> {
  const host = new URL(url).hostname;
  const box = reader.doc.getElementById('access') as HTMLElement;
  const text = reader.doc.getElementById('access-text') as HTMLElement;
  const button = reader.doc.getElementById('grant-access') as HTMLButtonElement;
  text.textContent = t('readerNeedAccess', { host });
  button.textContent = t('readerGrantAccess', { host });
  box.hidden = false;
  reader.status.textContent = '';
  return new Promise((resolve) => {
    button.addEventListener('click', async () => {
      const granted = await browser.permissions.request({ origins: [originPattern(url)] }).catch(() => false);
      if (granted) {
        box.hidden = true;
        resolve();
      }
    });
  });
}

/**
 * The per-page limit of the "Page time limit" setting (options page), and the whole article's
 * budget (at least four pages' worth, as the command line's `--timeout` gives it).
 */
function pageLimits(settings: ReaderSettings): { timeoutMs: number; totalTimeoutMs: number } {
  const timeoutMs = settings.pageTimeout * 1000;
  return { timeoutMs, totalTimeoutMs: Math.max(DEFAULTS.totalTimeoutMs, timeoutMs * 4) };
}

/** Reads `url` and shows it as it comes; `tabPage`: the tab's page, already asked for (reader-boot.ts). */
async function read(reader: Reader, url: string, tabId: number | undefined, tabPage: Promise<TabPage | null> | null = null): Promise<void> {
  setState(reader, 'loading');
  reader.status.textContent = t('readerLoading');
  const started = performance.now();
  // Pages shown as they arrive (progressive.ts); Firefox's http: images wait for the final article.
  const progressive = createProgressiveView(reader.content, upgradesHttpImages(reader.doc.defaultView as Window) ? { prepareBody: (body) => void holdHttpImages(body) } : {});
  let requested: EarlyLoads | null = null;
  const limits = pageLimits(reader.settings);
  try {
    // The tab's page was asked for by the page's first script (reader-early.ts) and is usually in
    // by now: the page in hand's part is drawn without the pipeline, whose fetch and compile start
    // once that and the other pages' requests are out (those its pager names, below; any others
    // only once it has read page 1). Without the tab's page it starts at once.
    if (!tabPage) void pipeline();
    const page = tabPage ? await tabPage : tabId !== undefined ? await pageFromTab(tabId, url) : null;
    const html = page?.html ?? null;
    if (html !== null) performance.mark('reader:page-in-hand');
    // From the network the first text is a round trip away: the rest of the page loads meanwhile.
    if (html === null) void features(reader);
    // The page in hand as its tab extracted it: on screen before the pipeline has even loaded.
    const part = handedPart(page?.part, url);
    if (part) {
      reserveToolbar(reader, part);
      progressive.show(part);
      reader.root.dataset.firstPart = 'tab';
      // The rest of the reader's code loads once the pipeline has read page 1 and asked for the
      // other pages (its first part, below): loaded now, it held those requests back.
    }
    // The other pages are asked for next, right after page 1 is drawn and before the pipeline has
    // loaded or read it (early-loads.ts); the pipeline takes these requests as its own. Asked before
    // page 1 was drawn, they put 30-60 ms of work before the first text (bench, load 2.5: first text
    // Chromium 235/225/216/196 -> 238/289/259/273 ms) for 40-80 ms off the whole article.
    requested = html !== null ? askOtherPages(html, url, part, { fetch: reader.fetch, dom: reader.dom, timeoutMs: limits.timeoutMs, signal: reader.closing.signal, maxPages: DEFAULTS.maxPages, concurrency: DEFAULTS.maxPages }) : null;
    if (requested) performance.mark('reader:pages-asked');
    const { readWholeArticle } = await pipeline();
    let piped = false;
    const article = await readWholeArticle({
      url,
      ...(html !== null ? { html } : {}),
      fetch: reader.fetch,
      dom: reader.dom,
      signal: reader.closing.signal,
      ...limits,
      ...(requested ? { requested } : {}),
      // Every known page at once (the browser's own per-host limit applies).
      concurrency: DEFAULTS.maxPages,
      onPart: (part) => {
        const first = !progressive.shown;
        if (first) reserveToolbar(reader, part);
        progressive.show(part);
        if (!piped) featuresAfterPaint(reader);
        piped = true;
      },
      onProgress: (p) => {
        const page = Math.min(p.done + 1, p.total);
        reader.status.textContent = t('readerLoadingPage', { page, total: p.total });
      },
    });
    reader.article = article;
    reader.failed = [...article.failedPages];
    reader.doc.title = `${article.title} — WholeStory`;
    // Every onArticleShown hook in place first (loaded long since, unless the article came at once).
    await features(reader);
    let held: HTMLImageElement[] = [];
    progressive.swap(() =>
      renderArticle(reader.content, article, {
        onRetry: (failed) => void retryPages(reader, [failed]),
        prepareBody: (body: HTMLElement) => {
          // What the early pages already failed to load is not asked for again.
          progressive.skipFailedImages(body);
          if (upgradesHttpImages(reader.doc.defaultView as Window)) held = holdHttpImages(body);
        },
      }),
    );
    showHeldImages(reader, held);
    updateStatus(reader);
    reader.root.dataset.readMs = String(Math.round(performance.now() - started));
    reader.root.dataset.source = html !== null ? 'tab' : 'network';
    enableArticleButtons(reader);
    announceArticleShown(reader.doc, { article, source: html !== null ? 'tab' : 'network', savedId: reader.savedId, change: 'article' });
  } catch (error) {
    // The pipeline did not load or read: the pages asked for it are not wanted.
    requested?.cancel();
    void features(reader);
    progressive.clear();
    setState(reader, 'error');
    const english = error instanceof ArticleError ? reasonOf(error) : error instanceof Error ? error.message : String(error);
    const reason = error instanceof ArticleError ? failureText({ reason: english, failure: error.failure }) : english;
    reader.root.dataset.failureCode = error instanceof ArticleError ? error.failure.code : 'unknown';
    // Retry reads it again from the network; the original is one click away.
    showReadFailure(reader.status, reason, url, { retry: () => void read(reader, url, undefined) });
  }
}

/**
 * With the first page on screen, the toolbar's controls that the whole article will have take
 * their place, disabled until it comes (toc.ts and script-view.ts enable them then): the table of
 * contents (more than one page, or a heading below the headline) and the script choice (Chinese).
 */
function reserveToolbar(reader: Reader, part: ArticlePart): void {
  const toc = reader.doc.getElementById('toggle-toc') as HTMLButtonElement | null;
  if (toc?.hidden && (part.pages.length > 1 || /<h[2-4][\s>]/i.test(part.html))) {
    toc.disabled = true;
    toc.hidden = false;
  }
  reserveScriptControls(reader.doc, part.meta.lang, part.title);
}

/** Fetches and shows the http: images held back from Firefox's upgrade (insecure-images.ts). */
function showHeldImages(reader: Reader, held: HTMLImageElement[]): void {
  if (held.length === 0) return;
  void loadHttpImages(held, reader.fetch, reader.closing.signal).then((urls) => reader.blobUrls.push(...urls));
}

/** An ArticleError's message is "URL: reason": the reason is what a person needs. */
function reasonOf(error: ArticleError): string {
  const prefix = `${error.url}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

function updateStatus(reader: Reader): void {
  const article = reader.article;
  if (!article) return;
  // The banner above the article says which pages are missing (failures.ts); #status stays quiet.
  reader.banner?.update(reader.failed, article.pageCount, reader.root.dataset.source === 'library' ? 'saved' : 'live');
  reader.status.textContent = '';
  setState(reader, reader.failed.length > 0 ? 'partial' : 'ready');
}

/** The banner, and the missing-page notices' own Retry, wired to `retryPages`. */
function setUpFailures(reader: Reader): void {
  reader.retrying = new Set();
  reader.banner = createFailuresBanner(reader.doc, reader.content, { retryAll: () => void retryPages(reader, [...reader.failed]) });
}

/**
 * Retries failed pages at once (one notice's Retry, or every page from the banner); each page that
 * arrives goes where its notice was. On a saved copy the copy is then updated once, with the pages
 * that came in and their images ("Complete now").
 */
async function retryPages(reader: Reader, pages: readonly FailedPage[]): Promise<void> {
  const retrying = reader.retrying ?? new Set<number>();
  const todo = pages.filter((f) => !retrying.has(f.page));
  if (todo.length === 0) return;
  for (const f of todo) retrying.add(f.page);
  if (retrying.size === todo.length) reader.banner?.busy(true);
  let arrived: FailedPage[] = [];
  try {
    const results = await Promise.all(todo.map((f) => retryPage(reader, f)));
    arrived = todo.filter((_, i) => results[i]);
    if (reader.root.dataset.source === 'library' && arrived.length > 0) await updateSavedCopy(reader, arrived);
  } finally {
    for (const f of todo) retrying.delete(f.page);
    if (retrying.size === 0) reader.banner?.busy(false);
    updateStatus(reader);
    focusArrived(reader, arrived);
  }
}

/**
 * The button pressed went with what it stood for (a notice replaced by its page, the banner once
 * nothing is missing): focus goes to the first page that came in, not lost to the document.
 */
function focusArrived(reader: Reader, arrived: readonly FailedPage[]): void {
  const active = reader.doc.activeElement as HTMLElement | null;
  const lost = !active || active === reader.doc.body || !active.isConnected || active.closest('[hidden]') !== null;
  const first = [...arrived].sort((a, b) => a.page - b.page)[0];
  if (!lost || !first) return;
  const section = articleBody(reader.content)?.querySelector<HTMLElement>(`:scope > section[data-page="${first.page}"]`);
  if (!section) return;
  if (!section.hasAttribute('tabindex')) section.tabIndex = -1;
  section.focus({ preventScroll: true });
}

/** Reads the failed page alone and puts its section where the notice was; false when it failed again. */
async function retryPage(reader: Reader, failed: FailedPage): Promise<boolean> {
  const article = reader.article;
  const body = articleBody(reader.content);
  const notice = body?.querySelector<HTMLElement>(`:scope > [data-failed-page="${failed.page}"]`);
  if (!article || !body || !notice) return false;
  const button = notice.querySelector<HTMLButtonElement>('button.retry');
  const text = notice.querySelector<HTMLElement>('.page-failed-text');
  if (button) {
    button.disabled = true;
    button.textContent = t('readerRetrying');
  }
  notice.setAttribute('aria-busy', 'true');
  try {
    const { readWholeArticle } = await pipeline();
    const part = await readWholeArticle({ url: failed.url, fetch: reader.fetch, dom: reader.dom, maxPages: 1, signal: reader.closing.signal, ...pageLimits(reader.settings) });
    let held: HTMLImageElement[] = [];
    const nodes = sanitizedNodes(reader.doc, part.contentHtml, upgradesHttpImages(reader.doc.defaultView as Window) ? (b) => (held = holdHttpImages(b)) : undefined);
    const holder = reader.doc.createElement('div');
    holder.append(...nodes);
    const sections = [...holder.querySelectorAll<HTMLElement>('section[data-page]')];
    if (sections.length === 0) throw new ArticleError('not-article', 'no article text found', failed.url);
    const section = sections[0] as HTMLElement;
    for (const extra of sections.slice(1)) section.append(...extra.childNodes);
    section.dataset.page = String(failed.page);
    dropRepeatedBlocks(section, body);
    markCaptions(section);
    notice.replaceWith(section);
    showHeldImages(reader, held.filter((img) => section.contains(img)));
    reader.retried = true;
    reader.failed = reader.failed.filter((f) => f.page !== failed.page);
    addPageMarkers(body, article.pageUrls);
    const source = reader.root.dataset.source;
    announceArticleShown(reader.doc, { article, source: source === 'tab' || source === 'library' ? source : 'network', savedId: reader.savedId, change: 'retried-page' });
    return true;
  } catch (error) {
    const english = error instanceof ArticleError ? reasonOf(error) : error instanceof Error ? error.message : String(error);
    const again: FailedPage = { page: failed.page, url: failed.url, reason: english };
    if (error instanceof ArticleError) again.failure = error.failure;
    // The latest reason is the one a save records; the notice says it was tried again, and when.
    reader.failed = reader.failed.map((f) => (f.page === failed.page ? again : f));
    if (text) text.textContent = retriedText(again, article.pageCount, again, new Date());
    notice.dataset.retriedAt = String(Date.now());
    if (again.failure) notice.dataset.failureCode = again.failure.code;
    if (button) {
      button.disabled = false;
      button.textContent = t('readerRetry');
    }
    return false;
  } finally {
    notice.removeAttribute('aria-busy');
  }
}

/** A saved copy's missing pages came in: the copy gets them (in page order) and their images. */
async function updateSavedCopy(reader: Reader, arrived: readonly FailedPage[]): Promise<void> {
  const saved = reader.article as SavedArticle | null;
  const body = articleBody(reader.content);
  if (!saved || !body || !reader.savedId) return;
  const parts = arrived.flatMap((f) => {
    const section = body.querySelector<HTMLElement>(`:scope > section[data-page="${f.page}"]`);
    // Firefox shows http: photos from blob: URLs: the copy keeps their own addresses.
    return section ? [{ page: f.page, html: withOriginalImages(section).outerHTML }] : [];
  });
  reader.root.dataset.completing = 'true';
  try {
    const later = await features(reader);
    const library = await later.sharedLibrary();
    const updated = await later.completeSavedArticle(library, saved, parts, reader.failed, { fetch: reader.fetch, parse: (html) => reader.dom.parse(html, saved.url) });
    reader.article = updated;
    reader.banner?.note(updated.failedPages.length === 0 ? t('readerCompleted') : t('readerCompletedPartly'));
    reader.root.dataset.completed = String(updated.failedPages.length === 0);
  } catch (error) {
    reader.banner?.note(libraryErrorText(error));
    reader.root.dataset.completed = 'failed';
  } finally {
    delete reader.root.dataset.completing;
  }
}

function enableArticleButtons(reader: Reader): void {
  for (const button of reader.doc.querySelectorAll<HTMLButtonElement>('.toolbar button[id^="copy-"], #save-article')) button.disabled = false;
}

// ---- the offline library -------------------------------------------------------------------

function saveStatus(reader: Reader): HTMLElement {
  return reader.doc.getElementById('save-status') as HTMLElement;
}

/** Shows or hides the box around `#save-status` (a notice on screen after Save, a note above a saved copy). */
function showSaveNotice(reader: Reader, shown: boolean): void {
  const notice = reader.doc.getElementById('save-notice');
  if (notice) notice.hidden = !shown;
}

/** Marks the page as showing (or having saved) library article `id`: export becomes available. */
function markSaved(reader: Reader, id: string): void {
  reader.savedId = id;
  reader.root.dataset.savedId = id;
  const exportMenu = reader.doc.getElementById('export-menu');
  if (exportMenu) exportMenu.hidden = false;
}

/** The article as shown now (a page brought in by Retry included), for saving. */
function shownArticle(reader: Reader): WholeArticle | null {
  const article = reader.article;
  const body = articleBody(reader.content);
  if (!article || !body) return null;
  if (!reader.retried) return article;
  // Images shown from blob: URLs (a saved copy, Firefox's http: photos) are saved by their own URLs.
  const clone = withOriginalScript(reader.doc, () => withOriginalImages(withoutReaderUi(body)));
  const sections = [...clone.querySelectorAll(':scope > section[data-page]')].map((s) => s.outerHTML).join('');
  return { ...article, contentHtml: `<article>${sections}</article>`, textContent: elementToText(clone), failedPages: [...reader.failed] };
}

/** Saves what the reader shows, with its images, and says how it went. */
async function saveShown(reader: Reader): Promise<void> {
  const article = shownArticle(reader);
  if (!article) return;
  const button = reader.doc.getElementById('save-article') as HTMLButtonElement | null;
  const status = saveStatus(reader);
  if (button) button.disabled = true;
  status.textContent = t('saveSaving');
  showSaveNotice(reader, true);
  reader.root.dataset.save = 'saving';
  try {
    const later = await features(reader);
    const library = await later.sharedLibrary();
    const saved = await later.saveArticle(library, article, { fetch: reader.fetch, parse: (html) => reader.dom.parse(html, article.url) });
    markSaved(reader, saved.id);
    status.replaceChildren(savedSummary(reader.doc, saved));
    const link = reader.doc.createElement('a');
    link.href = `reader.html?id=${encodeURIComponent(saved.id)}`;
    link.id = 'open-saved-copy';
    link.textContent = t('saveOpenCopy');
    status.append(' ', link);
    reader.root.dataset.save = 'saved';
    // The button says the article is kept; a click saves it again (the copy updated).
    if (button) {
      button.textContent = t('saveArticleSaved');
      button.title = t('saveArticleAgain');
    }
  } catch (error) {
    status.textContent = libraryErrorText(error);
    reader.root.dataset.save = 'failed';
  } finally {
    if (button) button.disabled = false;
  }
}

/** "Saved for offline reading. 3 of 4 images saved." */
function savedSummary(doc: Document, saved: SavedArticle): Text {
  const total = saved.images.length + saved.imageFailures.length;
  const parts = [t('saveDone')];
  if (total > 0) parts.push(t('saveImages', { kept: saved.images.length, total }));
  return doc.createTextNode(joinSentences(parts));
}

/** Sentences of the interface language: Chinese puts no space between them. */
function joinSentences(parts: string[]): string {
  return parts.join(uiLanguage() === 'zh' ? '' : ' ');
}

function setUpSaveButton(reader: Reader): void {
  reader.doc.getElementById('save-article')?.addEventListener('click', () => void saveShown(reader));
  reader.doc.getElementById('close-save-notice')?.addEventListener('click', () => showSaveNotice(reader, false));
}

/** Shows saved article `id` from the library: no network, images from IndexedDB. */
async function showSaved(reader: Reader, id: string): Promise<void> {
  setState(reader, 'loading');
  reader.root.dataset.source = 'library';
  const saveButton = reader.doc.getElementById('save-article');
  if (saveButton) saveButton.hidden = true;
  try {
    const library = await (await features(reader)).sharedLibrary();
    const saved = await library.get(id);
    if (!saved) {
      setState(reader, 'error');
      reader.status.textContent = t('savedNotFound');
      return;
    }
    const local = new Map<string, string>();
    for (const image of await library.images(id)) {
      const blobUrl = URL.createObjectURL(image.blob);
      reader.blobUrls.push(blobUrl);
      local.set(image.url, blobUrl);
    }
    reader.article = saved;
    reader.failed = [...saved.failedPages];
    reader.doc.title = `${saved.title} — WholeStory`;
    let swap = { shown: 0, missing: 0 };
    // Sanitized again on the way in (renderArticle), images swapped while the body is still inert.
    // A missing page's Retry (and the banner's "Complete now") fetches it and updates the copy.
    renderArticle(reader.content, saved, { onRetry: (failed) => void retryPages(reader, [failed]), prepareBody: (body) => (swap = useLocalImages(body, saved.url, local)) });
    reader.root.dataset.imagesShown = String(swap.shown);
    reader.root.dataset.imagesMissing = String(swap.missing);
    markSaved(reader, saved.id);
    updateStatus(reader);
    const status = saveStatus(reader);
    // Month named, never 12/1/2026 (1 December or 12 January?).
    const note = [t('savedCopyOf', { date: formatSavedDateTime(saved.savedAt, reader.root.lang || 'en') })];
    if (swap.missing > 0) note.push(t('savedImagesMissing', { count: swap.missing }));
    status.textContent = joinSentences(note);
    showSaveNotice(reader, true);
    enableArticleButtons(reader);
    announceArticleShown(reader.doc, { article: saved, source: 'library', savedId: saved.id, change: 'article' });
  } catch (error) {
    setState(reader, 'error');
    reader.status.textContent = libraryErrorText(error);
  }
}

// ---- copy ----------------------------------------------------------------------------------

type CopyFormat = 'text' | 'markdown' | 'html';

async function copyArticle(reader: Reader, format: CopyFormat): Promise<void> {
  const article = reader.article;
  const shown = articleBody(reader.content);
  // A saved copy (and Firefox, for http: photos) shows images from blob: URLs, which mean nothing
  // outside this page.
  const body = shown ? withOriginalImages(shown) : shown;
  const status = reader.doc.getElementById('copy-status') as HTMLElement;
  if (!article || !body) return;
  const { articleHtml, articleMarkdown, articleText } = await features(reader);
  const header = reader.settings.copyHeader ? shownHeader(reader.doc, headerOf(article)) : null;
  const plain = articleText(body, header);
  let ok: boolean;
  if (format === 'text') ok = await writeClipboard(reader.doc, { text: plain });
  else if (format === 'markdown') ok = await writeClipboard(reader.doc, { text: articleMarkdown(body, header) });
  else ok = await writeClipboard(reader.doc, { text: plain, html: articleHtml(body, header) });
  // Says what is on the clipboard now (a `c` pressed by mistake is seen at once).
  const done = t(format === 'text' ? 'copyDoneText' : format === 'markdown' ? 'copyDoneMarkdown' : 'copyDoneHtml');
  status.textContent = ok ? done : t('copyFailed');
  reader.root.dataset.lastCopy = ok ? format : 'failed';
  setTimeout(() => {
    if (status.textContent === done) status.textContent = '';
  }, 2500);
}

function setUpCopyButtons(reader: Reader): void {
  const bind = (id: string, format: CopyFormat) =>
    reader.doc.getElementById(id)?.addEventListener('click', () => void copyArticle(reader, format));
  bind('copy-text', 'text');
  bind('copy-markdown', 'markdown');
  bind('copy-html', 'html');
}

// ---- settings ------------------------------------------------------------------------------

function settingsForm(reader: Reader): HTMLFormElement {
  return reader.doc.getElementById('settings') as HTMLFormElement;
}

async function updateSettings(reader: Reader, patch: Partial<ReaderSettings>): Promise<void> {
  reader.settings = { ...reader.settings, ...patch };
  applyReaderSettings(reader.root, reader.settings);
  reader.form?.fill(reader.settings);
  await saveSettings(reader.settings);
}

function setUpSettingsForm(reader: Reader, { bindSettingsForm, renderSettingsRows }: Later): void {
  renderSettingsRows(settingsForm(reader), 'reader');
  reader.form = bindSettingsForm(settingsForm(reader), reader.settings, (settings) => {
    reader.settings = settings;
    applyReaderSettings(reader.root, settings);
  });
  reader.doc.getElementById('toggle-settings')?.addEventListener('click', () => toggleSettings(reader));
  // A popover: a click outside it, or Esc, closes it (and the toolbar's "more" menu).
  reader.doc.addEventListener('click', (event) => {
    const target = event.target as Element | null;
    if (!target?.closest('#settings, #toggle-settings')) toggleSettings(reader, false);
    if (!target?.closest('#toggle-more') && !target?.closest('#toolbar-more details')) toggleMore(reader, false);
  });
  reader.doc.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    const form = settingsForm(reader);
    if (!form.hidden) {
      toggleSettings(reader, false);
      (reader.doc.getElementById('toggle-settings') as HTMLButtonElement | null)?.focus();
    }
    const moreToggle = reader.doc.getElementById('toggle-more');
    const inMore = moreToggle?.getAttribute('aria-expanded') === 'true' && reader.doc.getElementById('toolbar-more')?.contains(reader.doc.activeElement);
    toggleMore(reader, false);
    // Focus was in the "⋯" menu that just went: back to its button, not lost to the page.
    if (inMore) moreToggle?.focus();
  });
  reader.doc.getElementById('toggle-more')?.addEventListener('click', () => toggleMore(reader));
}

function toggleSettings(reader: Reader, open?: boolean): void {
  const form = settingsForm(reader);
  const toggle = reader.doc.getElementById('toggle-settings') as HTMLButtonElement;
  form.hidden = !(open ?? form.hidden);
  toggle.setAttribute('aria-expanded', String(!form.hidden));
}

/** The toolbar's overflow (copy, export, library) on a narrow window. */
function toggleMore(reader: Reader, open?: boolean): void {
  const toggle = reader.doc.getElementById('toggle-more');
  if (!toggle) return;
  const next = open ?? toggle.getAttribute('aria-expanded') !== 'true';
  toggle.setAttribute('aria-expanded', String(next));
  reader.root.toggleAttribute('data-more-open', next);
}

// ---- keyboard ------------------------------------------------------------------------------

function step(reader: Reader, name: 'fontSize' | 'width', direction: 1 | -1): void {
  const limit = LIMITS[name];
  const value = Math.min(limit.max, Math.max(limit.min, reader.settings[name] + direction * limit.step));
  void updateSettings(reader, { [name]: value });
}

/**
 * Single-key shortcuts: `actions` is the one place they live (each with a `<dt>/<dd>` in the
 * footer list of index.html, which the `?` help dialog shows). Which presses count, the repeat and
 * input-method guards and the off switch (`shortcuts` setting) are shortcuts.ts.
 */
function setUpShortcuts(reader: Reader, { bindShortcuts, setUpHelpDialog, setUpToolbarKeys, toggleListen }: Later): void {
  const help = setUpHelpDialog(reader.doc);
  const toolbar = reader.doc.querySelector<HTMLElement>('.toolbar [role="toolbar"]');
  if (toolbar) setUpToolbarKeys(toolbar);
  const actions: Record<string, () => void> = {
    t: () => void updateSettings(reader, { theme: nextTheme(reader.settings.theme) }),
    '+': () => step(reader, 'fontSize', 1),
    '=': () => step(reader, 'fontSize', 1),
    '-': () => step(reader, 'fontSize', -1),
    ']': () => step(reader, 'width', 1),
    '[': () => step(reader, 'width', -1),
    c: () => void copyArticle(reader, 'text'),
    m: () => void copyArticle(reader, 'markdown'),
    h: () => void copyArticle(reader, 'html'),
    s: () => toggleSettings(reader),
    o: () => {
      if (reader.article) reader.doc.defaultView?.open(reader.article.url, '_blank', 'noreferrer');
    },
    l: () => toggleListen(reader.doc),
    g: () => reader.doc.getElementById('toggle-toc')?.click(),
    '?': () => help.toggle(),
  };
  bindShortcuts(reader.doc, actions, { enabled: () => reader.settings.shortcuts });
}
