/**
 * The library list, shared by the popup and the library page: newest first, each with title, site,
 * page count, date and size (read from the small `list` store only, never the bodies); full-text
 * search as one types; delete with Undo; the storage used. It renders the first page of entries at
 * once and the rest on request, so 5,000 saved articles open as fast as 50.
 *
 * For tests and tools: `<html data-library-count data-library-render-ms data-search-ms>` and
 * `li.library-item[data-id]`.
 */
import { libraryErrorText } from '../library/error-text';
import type { Library } from '../library/library';
import { sharedLibrary } from '../library/shared-library';
import type { LibraryEntry } from '../library/types';
import { siteRules } from '../sites/index';
import { siteLabel, t, uiLocale } from '../ui-text';
import { formatBytes, formatSavedDate } from '../output/display';
import { titleForQuotes, titleLang } from './title-text';

/** How long a deletion can be undone (and after which a hidden article is purged on next open). */
export const UNDO_MS = 8000;
const PAGE_SIZE = 100;

export interface LibraryListOptions {
  /** Where the list goes (its children are replaced). */
  container: HTMLElement;
  /** Checkboxes to select articles (the library page). */
  selectable?: boolean;
  /** Opens a saved article; without it the title is a plain link to the reader. */
  openArticle?(id: string): void;
  /** The selection changed (selectable lists). */
  onSelectionChange?(ids: string[]): void;
}

export interface LibraryList {
  /** Reads the list again (after an import). */
  refresh(): Promise<void>;
  /** Selected ids, in list order. */
  selected(): string[];
  /** The entries shown (search applied). */
  shown(): LibraryEntry[];
}

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, props: { className?: string; text?: string; id?: string } = {}): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  if (props.id) node.id = props.id;
  return node;
}

/** "1 page missing" / "缺 1 页" for a copy saved with pages missing, else null. */
export function missingPagesLabel(entry: Pick<LibraryEntry, 'missingPages'>): string | null {
  const count = entry.missingPages ?? 0;
  if (!(count > 0)) return null;
  return count === 1 ? t('libraryMissingOne') : t('libraryMissingMany', { count });
}

/**
 * The site as the list names it: a site with a rule of its own by that rule's label in the
 * interface language (never the article's own "新华网" in an English list), another site by the
 * name the page gave, else "Web page".
 */
export function listSiteName(entry: Pick<LibraryEntry, 'site' | 'siteName'>): string {
  if (entry.site !== 'generic' && siteRules.some((rule) => rule.id === entry.site)) return siteLabel(entry.site);
  return entry.siteName?.trim() || siteLabel('generic');
}

/** The reader's address for a saved article, relative to an extension page. */
export function savedArticleHref(id: string): string {
  return `./reader.html?id=${encodeURIComponent(id)}`;
}

/** Builds the list in `options.container` and fills it from the library. */
export async function mountLibraryList(doc: Document, options: LibraryListOptions): Promise<LibraryList> {
  const root = doc.documentElement;
  const lang = uiLocale();
  const container = options.container;
  const head = el(doc, 'div', { className: 'library-head' });
  // The popup's <section aria-labelledby="library-heading"> is named by it.
  const heading = el(doc, 'h2', { text: t('libraryHeading'), id: 'library-heading' });
  const count = el(doc, 'span', { className: 'library-count', id: 'library-count' });
  head.append(heading, count);
  const search = el(doc, 'input', { id: 'library-search', className: 'library-search' });
  search.type = 'search';
  search.placeholder = t('librarySearch');
  search.setAttribute('aria-label', t('librarySearch'));
  search.autocomplete = 'off';
  const selectAllLabel = el(doc, 'label', { className: 'library-select-all' });
  const selectAll = el(doc, 'input', { id: 'library-select-all' });
  selectAll.type = 'checkbox';
  selectAllLabel.append(selectAll, ` ${t('librarySelectAll')}`);
  const list = el(doc, 'ul', { className: 'library-list', id: 'library-list' });
  const more = el(doc, 'button', { className: 'library-more', id: 'library-more' });
  more.type = 'button';
  more.hidden = true;
  const empty = el(doc, 'p', { className: 'library-empty', id: 'library-empty' });
  empty.hidden = true;
  const undo = el(doc, 'div', { className: 'library-undo', id: 'library-undo' });
  undo.setAttribute('role', 'status');
  undo.hidden = true;
  const undoText = el(doc, 'span');
  const undoButton = el(doc, 'button', { text: t('libraryUndo'), id: 'library-undo-button' });
  undoButton.type = 'button';
  undo.append(undoText, ' ', undoButton);
  const storage = el(doc, 'p', { className: 'library-storage', id: 'library-storage' });
  container.replaceChildren(head, search, ...(options.selectable ? [selectAllLabel] : []), list, more, empty, undo, storage);

  let library: Library;
  try {
    library = await sharedLibrary();
  } catch (error) {
    empty.hidden = false;
    empty.textContent = libraryErrorText(error);
    return { refresh: async () => undefined, selected: () => [], shown: () => [] };
  }

  let all: LibraryEntry[] = [];
  /** Whether `all` is the whole list yet (the first render reads only the newest page). */
  let complete = false;
  let shown: LibraryEntry[] = [];
  let rendered = 0;
  let queryToken = 0;
  const selected = new Set<string>();

  const itemOf = (entry: LibraryEntry): HTMLLIElement => {
    const li = el(doc, 'li', { className: 'library-item' });
    li.dataset.id = entry.id;
    if (options.selectable) {
      const box = el(doc, 'input', { className: 'library-check' });
      box.type = 'checkbox';
      box.checked = selected.has(entry.id);
      box.setAttribute('aria-label', entry.title);
      box.addEventListener('change', () => {
        if (box.checked) selected.add(entry.id);
        else selected.delete(entry.id);
        options.onSelectionChange?.(api.selected());
      });
      li.append(box);
    }
    const text = el(doc, 'div', { className: 'library-text' });
    const title = el(doc, 'a', { className: 'library-title', text: entry.title });
    title.href = savedArticleHref(entry.id);
    const language = titleLang(entry.title);
    if (language) title.lang = language;
    if (options.openArticle) {
      const open = options.openArticle;
      title.addEventListener('click', (event) => {
        event.preventDefault();
        open(entry.id);
      });
    }
    const meta = el(doc, 'span', {
      className: 'library-meta',
      text: [listSiteName(entry), t('libraryPages', { count: entry.pageCount }), formatSavedDate(entry.savedAt, lang), formatBytes(entry.size)].join(' · '),
    });
    text.append(title, meta);
    const missing = missingPagesLabel(entry);
    if (missing) {
      // A partial copy says so; opening it offers "Complete now" (the reader).
      const label = el(doc, 'span', { className: 'library-missing', text: missing });
      li.dataset.missingPages = String(entry.missingPages);
      meta.append(' ', label);
    }
    const remove = el(doc, 'button', { className: 'library-delete', text: '×' });
    remove.type = 'button';
    remove.title = t('libraryDelete');
    remove.setAttribute('aria-label', t('libraryDeleteTitle', { title: titleForQuotes(entry.title, lang) }));
    remove.addEventListener('click', () => void deleteEntry(entry));
    li.append(text, remove);
    return li;
  };

  const renderMore = () => {
    const next = shown.slice(rendered, rendered + PAGE_SIZE);
    list.append(...next.map(itemOf));
    rendered += next.length;
    const left = shown.length - rendered;
    more.hidden = left <= 0;
    more.textContent = t('libraryShowMore', { count: Math.min(left, PAGE_SIZE) });
  };

  const render = (entries: LibraryEntry[], searching: boolean) => {
    shown = entries;
    rendered = 0;
    list.replaceChildren();
    renderMore();
    empty.hidden = entries.length > 0;
    empty.textContent = searching ? t('libraryNoResults') : t('libraryEmpty');
    selectAll.checked = false;
    showCounts(searching);
  };

  const showCounts = (searching: boolean) => {
    if (!complete) return;
    count.textContent = searching ? t('libraryMatches', { count: shown.length }) : t('libraryCount', { count: all.length });
    root.dataset.libraryCount = String(all.length);
    root.dataset.libraryShown = String(shown.length);
  };

  const runSearch = async () => {
    // Before the whole list is read, the search runs once it is (below).
    if (!complete) return;
    const token = ++queryToken;
    const query = search.value;
    const started = performance.now();
    let ids: Set<string> | null;
    try {
      ids = await library.search(query);
    } catch (error) {
      empty.hidden = false;
      empty.textContent = libraryErrorText(error);
      return;
    }
    if (token !== queryToken) return;
    if (ids === null) {
      render(all, false);
    } else {
      // Titles that hold the query come first; newest first within each group.
      const needle = query.trim().toLowerCase();
      const hits = all.filter((e) => ids.has(e.id));
      const inTitle = hits.filter((e) => e.title.toLowerCase().includes(needle));
      const inText = hits.filter((e) => !e.title.toLowerCase().includes(needle));
      render([...inTitle, ...inText], true);
    }
    root.dataset.searchMs = String(Math.round((performance.now() - started) * 10) / 10);
    root.dataset.searchQuery = query;
  };

  const showStorage = async () => {
    let used: number | undefined;
    try {
      used = (await navigator.storage?.estimate?.())?.usage;
    } catch {
      // Not offered here.
    }
    storage.textContent = t('libraryStorage', { used: formatBytes(used ?? all.reduce((sum, e) => sum + e.size, 0)) });
  };

  let lastDeleted: LibraryEntry | null = null;
  let undoTimer: ReturnType<typeof setTimeout> | undefined;

  const deleteEntry = async (entry: LibraryEntry) => {
    const deletedAt = Date.now();
    try {
      await library.markDeleted(entry.id, deletedAt);
    } catch (error) {
      empty.hidden = false;
      empty.textContent = libraryErrorText(error);
      return;
    }
    all = all.filter((e) => e.id !== entry.id);
    selected.delete(entry.id);
    const item = list.querySelector(`li[data-id="${entry.id}"]`);
    item?.remove();
    shown = shown.filter((e) => e.id !== entry.id);
    rendered = Math.max(0, rendered - 1);
    showCounts(search.value.trim() !== '');
    empty.hidden = shown.length > 0;
    lastDeleted = entry;
    undoText.textContent = t('libraryDeleted', { title: titleForQuotes(entry.title, lang) });
    undo.hidden = false;
    clearTimeout(undoTimer);
    undoTimer = setTimeout(() => {
      undo.hidden = true;
      lastDeleted = null;
      // Gone for good now (if the page closes first, the next open purges it).
      void library.purgeDeleted(deletedAt).then(showStorage, () => undefined);
    }, UNDO_MS);
    options.onSelectionChange?.(api.selected());
  };

  undoButton.addEventListener('click', async () => {
    const entry = lastDeleted;
    if (!entry) return;
    clearTimeout(undoTimer);
    lastDeleted = null;
    undo.hidden = true;
    await library.restore(entry.id);
    all = await library.entries();
    await runSearch();
  });

  search.addEventListener('input', () => void runSearch());
  more.addEventListener('click', renderMore);
  selectAll.addEventListener('change', () => {
    for (const entry of shown) {
      if (selectAll.checked) selected.add(entry.id);
      else selected.delete(entry.id);
    }
    for (const box of list.querySelectorAll<HTMLInputElement>('input.library-check')) box.checked = selectAll.checked;
    options.onSelectionChange?.(api.selected());
  });

  const api: LibraryList = {
    async refresh() {
      all = await library.entries();
      complete = true;
      if (search.value.trim()) await runSearch();
      else render(all, false);
      void showStorage();
    },
    selected: () => all.filter((e) => selected.has(e.id)).map((e) => e.id),
    shown: () => shown,
  };

  try {
    // The newest page first, at once; then the whole (small) list for counts, search and "more".
    all = await library.newest(PAGE_SIZE);
    render(all, false);
    root.dataset.libraryRenderMs = String(Math.round(performance.now() * 10) / 10);
    all = await library.entries();
  } catch (error) {
    empty.hidden = false;
    empty.textContent = libraryErrorText(error);
    return api;
  }
  complete = true;
  if (search.value.trim()) {
    await runSearch();
  } else {
    shown = all;
    more.hidden = shown.length <= rendered;
    more.textContent = t('libraryShowMore', { count: Math.min(shown.length - rendered, PAGE_SIZE) });
    showCounts(false);
  }
  void showStorage();
  // Deletions not undone before a page closed: gone for good now.
  void library.purgeDeleted(Date.now() - UNDO_MS).catch(() => undefined);
  return api;
}
