/**
 * The offline library: saved articles with their images in IndexedDB (the extension's origin, so the
 * reader, the popup and the library page share it), through `idb`. Every save, import and delete
 * is one transaction over all the stores it touches: it happens whole or not at all, and a failure
 * comes back as a `LibraryError` in plain words. Settings are not here: they stay in
 * `browser.storage.local`.
 */
import { openDB, type IDBPTransaction } from 'idb';
import { stripInertMarkup } from '../pipeline/defuse-markup';
import { LibraryError, libraryErrorFrom } from './library-error';
import { findOrds } from './postings';
import { checkSavedArticle, listEntryFrom } from './record';
import { updatePostings } from './postings';
import { ARTICLE_STORES, imageRange, LIBRARY_DB_NAME, LIBRARY_VERSION, upgradeLibrary, type LibraryDb, type LibrarySchema } from './schema';
import { articleTerms, isEmptyQuery, queryPlan } from './search-terms';
import { entryOf, type LibraryEntry, type SavedArticle, type StoredImage } from './types';

type WriteTx = IDBPTransaction<LibrarySchema, (typeof ARTICLE_STORES)[number][], 'readwrite'>;

/** What writing an article did. */
export type PutOutcome = 'added' | 'updated' | 'kept';

export interface PutOptions {
  /** Keep the stored copy when it was saved at the same time or later (imports). */
  onlyIfNewer?: boolean;
}

export interface OpenLibraryOptions {
  /** Database name (tests use their own). */
  name?: string;
}

/** Opens (creating or migrating) the library database. */
export async function openLibrary(options: OpenLibraryOptions = {}): Promise<Library> {
  let library: Library | undefined;
  let migrationError: unknown;
  try {
    const db = await openDB<LibrarySchema>(options.name ?? LIBRARY_DB_NAME, LIBRARY_VERSION, {
      upgrade(database, oldVersion, newVersion, transaction) {
        // The open request reports the abort; `done` rejecting too must not go unhandled
        // (library-safety.test.ts, "a migration that fails").
        transaction.done.catch(() => undefined);
        // A migration that fails aborts the upgrade: the library stays at its old version, whole.
        upgradeLibrary(database, oldVersion, newVersion ?? LIBRARY_VERSION, transaction).catch((error: unknown) => {
          migrationError = error;
          console.error('WholeStory: library migration failed', error);
          try {
            transaction.abort();
          } catch {
            // Already finished.
          }
        });
      },
      // Another page opens a newer version: step aside so it can upgrade.
      blocking() {
        library?.close();
      },
      terminated() {
        if (library) library.closed = true;
      },
    });
    library = new Library(db);
    return library;
  } catch (error) {
    // Say what happened rather than "a request was aborted" (library-safety.test.ts, "a migration that fails").
    if (migrationError !== undefined) {
      throw new LibraryError('failed', 'The library could not be updated to this version of WholeStory, so nothing in it was changed. Your saved articles are still there; update or reinstall WholeStory and try again.', { cause: migrationError });
    }
    throw libraryErrorFrom(error, 'read');
  }
}

function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // Finished or already aborted.
  }
}

export class Library {
  /** True once closed (by `close()`, by a newer version opening, or by the browser). */
  closed = false;
  /** Article numbers of the search index → ids; rebuilt when a number is unknown. */
  private ordToId: Map<number, string> | null = null;

  constructor(readonly db: LibraryDb) {
    db.addEventListener('close', () => {
      this.closed = true;
    });
  }

  close(): void {
    this.closed = true;
    this.db.close();
  }

  private writeTransaction(action: 'save' | 'delete' | 'import'): WriteTx {
    try {
      return this.db.transaction([...ARTICLE_STORES], 'readwrite');
    } catch (error) {
      throw libraryErrorFrom(error, action);
    }
  }

  /** Runs `work` in one transaction over every article store; on any failure nothing of it stays. */
  private async inTransaction<T>(action: 'save' | 'delete' | 'import', work: (tx: WriteTx) => Promise<T>): Promise<T> {
    const tx = this.writeTransaction(action);
    // Handled here so an abort never surfaces as an unhandled rejection; awaited below.
    tx.done.catch(() => undefined);
    try {
      const result = await work(tx);
      await tx.done;
      return result;
    } catch (error) {
      abortQuietly(tx);
      await tx.done.catch(() => undefined);
      throw libraryErrorFrom(tx.error ?? error, action);
    }
  }

  /**
   * Saves an article with its images, replacing any earlier copy of the same id (its old images
   * go). One transaction: article, images, list entry and search index together.
   */
  put(article: SavedArticle, images: readonly StoredImage[], options: PutOptions = {}): Promise<PutOutcome> {
    for (const image of images) {
      if (image.articleId !== article.id) throw new LibraryError('failed', `image ${image.url} belongs to another article`);
    }
    return this.inTransaction(options.onlyIfNewer ? 'import' : 'save', (tx) => writeArticle(tx, article, images, options));
  }

  /**
   * The saved article, or undefined. The record is checked as an imported one is (record.ts): one
   * changed outside WholeStory comes back repaired where it can be (`failedPages: [null]`, an
   * unknown site), and one that cannot be shown safely is reported in plain words instead of
   * breaking whatever renders it (library-safety.test.ts, "a damaged record").
   */
  async get(id: string): Promise<SavedArticle | undefined> {
    let stored: unknown;
    try {
      stored = await this.db.get('articles', id);
    } catch (error) {
      throw libraryErrorFrom(error, 'read');
    }
    if (stored === undefined) return undefined;
    const checked = checkSavedArticle(stored);
    if (!checked.ok) {
      throw new LibraryError('damaged', 'This saved article is damaged and cannot be opened. Delete it and save the page again; the other saved articles are not affected.');
    }
    // Its own id, as stored: the list and the images are keyed by it. Its HTML defused as a
    // fetched page's is before anything parses it (a record imported by an earlier version was not).
    return { ...checked.article, id, contentHtml: stripInertMarkup(checked.article.contentHtml) };
  }

  /** The article's stored images. */
  async images(id: string): Promise<StoredImage[]> {
    try {
      return await this.db.getAll('images', imageRange(id));
    } catch (error) {
      throw libraryErrorFrom(error, 'read');
    }
  }

  /** The list, newest first, without articles whose deletion can still be undone. */
  async entries(): Promise<LibraryEntry[]> {
    try {
      const all = await this.db.getAllFromIndex('list', 'savedAt');
      const visible: LibraryEntry[] = [];
      // Each as the list can show it, whatever is stored (record.ts).
      for (let i = all.length - 1; i >= 0; i--) if (all[i]!.deletedAt === undefined) visible.push(listEntryFrom(all[i]!));
      return visible;
    } catch (error) {
      throw libraryErrorFrom(error, 'read');
    }
  }

  /** One article's list entry (never its body), or undefined when it is not saved (or is being deleted). */
  async entry(id: string): Promise<LibraryEntry | undefined> {
    try {
      const found = await this.db.get('list', id);
      return found && found.deletedAt === undefined ? listEntryFrom(found) : undefined;
    } catch (error) {
      throw libraryErrorFrom(error, 'read');
    }
  }

  /** The `limit` newest entries (what a list shows first), read without reading the rest. */
  async newest(limit: number): Promise<LibraryEntry[]> {
    try {
      const out: LibraryEntry[] = [];
      let cursor = await this.db.transaction('list').store.index('savedAt').openCursor(null, 'prev');
      while (cursor && out.length < limit) {
        if (cursor.value.deletedAt === undefined) out.push(listEntryFrom(cursor.value));
        cursor = await cursor.continue();
      }
      return out;
    } catch (error) {
      throw libraryErrorFrom(error, 'read');
    }
  }

  /** Every article id in the library, deleted-but-undoable ones included. */
  async ids(): Promise<string[]> {
    return this.db.getAllKeys('list');
  }

  /**
   * Ids of the articles whose title or text holds every term of `query` (see search-terms.ts);
   * null when the query has nothing to look for.
   */
  async search(query: string): Promise<Set<string> | null> {
    const plan = queryPlan(query);
    if (isEmptyQuery(plan)) return null;
    try {
      const ords = await findOrds(this.db.transaction('postings'), plan);
      let map = this.ordToId ?? (await this.loadOrds());
      if ([...ords].some((ord) => !map.has(ord))) map = await this.loadOrds();
      const ids = new Set<string>();
      for (const ord of ords) {
        const id = map.get(ord);
        if (id !== undefined) ids.add(id);
      }
      return ids;
    } catch (error) {
      throw libraryErrorFrom(error, 'read');
    }
  }

  private async loadOrds(): Promise<Map<number, string>> {
    const map = new Map<number, string>();
    // From the small list records, not the search docs (each holds thousands of terms).
    for (const entry of await this.db.getAll('list')) map.set(entry.ord, entry.id);
    this.ordToId = map;
    return map;
  }

  /** Hides an article from the list; `restore` brings it back, `purgeDeleted` removes it for good. */
  async markDeleted(id: string, now = Date.now()): Promise<void> {
    await this.setDeleted(id, now);
  }

  /** Undoes `markDeleted`. */
  async restore(id: string): Promise<void> {
    await this.setDeleted(id, undefined);
  }

  private async setDeleted(id: string, deletedAt: number | undefined): Promise<void> {
    try {
      const tx = this.db.transaction('list', 'readwrite');
      const entry = await tx.store.get(id);
      if (entry) {
        const next = { ...entry };
        if (deletedAt === undefined) delete next.deletedAt;
        else next.deletedAt = deletedAt;
        await tx.store.put(next);
      }
      await tx.done;
    } catch (error) {
      throw libraryErrorFrom(error, 'delete');
    }
  }

  /** Removes for good the articles marked deleted at or before `before`; returns how many. */
  async purgeDeleted(before = Date.now()): Promise<number> {
    const entries = await this.db.getAll('list');
    let purged = 0;
    for (const entry of entries) {
      if (entry.deletedAt !== undefined && entry.deletedAt <= before) {
        await this.remove(entry.id);
        purged++;
      }
    }
    return purged;
  }

  /** Removes an article, its images and its index entries, in one transaction. */
  remove(id: string): Promise<void> {
    return this.inTransaction('delete', async (tx) => {
      const doc = await tx.objectStore('search').get(id);
      const ops = requestList();
      ops.add(() => tx.objectStore('articles').delete(id));
      ops.add(() => tx.objectStore('images').delete(imageRange(id)));
      ops.add(() => tx.objectStore('list').delete(id));
      ops.add(() => tx.objectStore('search').delete(id));
      if (doc) ops.add(() => updatePostings(tx.objectStore('postings'), doc.ord, splitTerms(doc.terms), []));
      await ops.all();
    });
  }
}

/**
 * Requests issued together and awaited together. A request can throw at once (DataCloneError) or
 * fail later; once one fails the transaction aborts and every other request rejects too: each is
 * handled here so none surfaces as an unhandled rejection.
 */
function requestList(): { add(start: () => Promise<unknown>): void; all(): Promise<unknown[]> } {
  const pending: Array<Promise<unknown>> = [];
  return {
    add(start) {
      let request: Promise<unknown>;
      try {
        request = start();
      } catch (error) {
        request = Promise.reject(error);
      }
      request.catch(() => undefined);
      pending.push(request);
    },
    all: () => Promise.all(pending),
  };
}

function splitTerms(joined: string): string[] {
  return joined ? joined.split('\n') : [];
}

async function writeArticle(tx: WriteTx, article: SavedArticle, images: readonly StoredImage[], options: PutOptions): Promise<PutOutcome> {
  const search = tx.objectStore('search');
  const meta = tx.objectStore('meta');
  const [doc, nextOrd, existing] = await Promise.all([search.get(article.id), meta.get('nextOrd'), tx.objectStore('list').get(article.id)]);
  if (options.onlyIfNewer && existing && existing.savedAt >= article.savedAt) return 'kept';
  const ord = doc?.ord ?? nextOrd ?? 0;
  const terms = articleTerms(article.title, article.textContent);
  const imageStore = tx.objectStore('images');
  const ops = requestList();
  // Requests run in the order issued: the old images go before the new ones are put.
  ops.add(() => imageStore.delete(imageRange(article.id)));
  for (const image of images) ops.add(() => imageStore.put(image));
  if (!doc) ops.add(() => meta.put(ord + 1, 'nextOrd'));
  ops.add(() => tx.objectStore('articles').put(article));
  ops.add(() => tx.objectStore('list').put(entryOf(article, ord)));
  ops.add(() => search.put({ id: article.id, ord, terms: terms.join('\n') }));
  ops.add(() => updatePostings(tx.objectStore('postings'), ord, doc ? splitTerms(doc.terms) : [], terms));
  await ops.all();
  return existing ? 'updated' : 'added';
}
