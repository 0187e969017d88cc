/**
 * The library's IndexedDB schema, its version and the migrations between versions. A migration
 * runs inside the upgrade transaction, so a library is either fully at the new version or left
 * untouched.
 *
 * - v1: `articles` (id → SavedArticle), `images` ([articleId, url] → StoredImage),
 *   `list` (id → LibraryEntry without `ord`, index `savedAt`).
 * - v2: the full-text index: `search` (id → the article's terms and its number `ord`), `postings`
 *   ([term, shard] → the sorted numbers of the articles holding the term), `meta` (next number);
 *   every article saved under v1 is numbered and indexed, and its list entry gets its `ord`.
 * - v3: the same stores; terms fold Traditional characters to Simplified (search-terms.ts), so the
 *   index is rebuilt from the saved articles.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { articleTerms } from './search-terms';
import type { LibraryEntry, SavedArticle, StoredImage } from './types';

export const LIBRARY_DB_NAME = 'wholestory-library';
export const LIBRARY_VERSION = 3;

/**
 * Articles per postings record: a save rewrites only its own shard's records (at most 4 KB each),
 * whatever the library's size. Larger shards mean fewer records (faster bulk writes and queries),
 * smaller ones cheaper saves; 1024 measured best of 256 and 1024 (scripts/bench-library.ts).
 */
export const SHARD_SIZE = 1024;

/** An article's terms, kept so that re-saving or deleting it can take it out of the postings. */
export interface SearchDoc {
  id: string;
  ord: number;
  /** The terms, joined by "\n" (one string clones faster than thousands). */
  terms: string;
}

export interface Posting {
  term: string;
  /** `floor(ord / SHARD_SIZE)` of the articles in `ords`. */
  shard: number;
  /** Sorted ascending. */
  ords: Uint32Array;
}

export interface LibrarySchema extends DBSchema {
  articles: { key: string; value: SavedArticle };
  images: { key: [string, string]; value: StoredImage };
  list: { key: string; value: LibraryEntry; indexes: { savedAt: number } };
  search: { key: string; value: SearchDoc };
  postings: { key: [string, number]; value: Posting };
  meta: { key: string; value: number };
}

export type LibraryDb = IDBPDatabase<LibrarySchema>;
type UpgradeTx = IDBPTransaction<LibrarySchema, StoreNames<LibrarySchema>[], 'versionchange'>;

/** The stores every save, import and purge writes together, in one transaction. */
export const ARTICLE_STORES = ['articles', 'images', 'list', 'search', 'postings', 'meta'] as const;

/** Keys of the `images` store that belong to one article. */
export function imageRange(articleId: string): IDBKeyRange {
  // Arrays sort after strings: [id, []] is above every [id, url].
  return IDBKeyRange.bound([articleId], [articleId, []]);
}

function createV1(db: LibraryDb): void {
  db.createObjectStore('articles', { keyPath: 'id' });
  db.createObjectStore('images', { keyPath: ['articleId', 'url'] });
  const list = db.createObjectStore('list', { keyPath: 'id' });
  list.createIndex('savedAt', 'savedAt');
}

/** Adds the stores of the search index (v2); the articles are indexed after the migrations. */
function addSearchIndex(db: LibraryDb): 'index' {
  db.createObjectStore('search', { keyPath: 'id' });
  db.createObjectStore('postings', { keyPath: ['term', 'shard'] });
  db.createObjectStore('meta');
  return 'index';
}

/** Terms changed (v3: Traditional folded to Simplified): the index is built again. */
async function foldTraditional(_db: LibraryDb, tx: UpgradeTx): Promise<'index'> {
  await Promise.all([tx.objectStore('search').clear(), tx.objectStore('postings').clear(), tx.objectStore('meta').clear()]);
  return 'index';
}

/** Numbers and indexes every saved article, oldest first (inside the upgrade transaction). */
async function indexAll(tx: UpgradeTx): Promise<void> {
  // Oldest first, so numbers follow the order articles were saved in.
  const entries = await tx.objectStore('list').index('savedAt').getAll();
  const postings = new Map<string, number[]>();
  let ord = 0;
  for (const entry of entries) {
    const article = await tx.objectStore('articles').get(entry.id);
    if (!article) continue;
    // A record damaged outside WholeStory (a title or text that is not a string) is indexed by what
    // is left of it rather than failing the whole migration: the library stays openable, the others
    // searchable, and opening that one says it is damaged (library-safety.test.ts).
    const text = (v: unknown): string => (typeof v === 'string' ? v : '');
    const terms = articleTerms(text(article.title), text(article.textContent));
    for (const term of terms) {
      const key = `${term}\u0000${Math.floor(ord / SHARD_SIZE)}`;
      const list = postings.get(key);
      if (list) list.push(ord);
      else postings.set(key, [ord]);
    }
    await tx.objectStore('search').put({ id: entry.id, ord, terms: terms.join('\n') });
    await tx.objectStore('list').put({ ...entry, ord });
    ord++;
  }
  for (const [key, ords] of postings) {
    const [term, shard] = key.split('\u0000') as [string, string];
    await tx.objectStore('postings').put({ term, shard: Number(shard), ords: Uint32Array.from(ords) });
  }
  await tx.objectStore('meta').put(ord, 'nextOrd');
}

type Migration = (db: LibraryDb, tx: UpgradeTx) => void | 'index' | Promise<void | 'index'>;
/** Migration to each version; one that returns 'index' asks for the articles to be indexed (once, at the end). */
const MIGRATIONS: Record<number, Migration> = {
  1: createV1,
  2: addSearchIndex,
  3: foldTraditional,
};

/** Runs the migrations from `oldVersion` up to `newVersion` (the upgrade callback of `openDB`). */
export async function upgradeLibrary(db: LibraryDb, oldVersion: number, newVersion: number, tx: UpgradeTx): Promise<void> {
  let index = false;
  for (let version = oldVersion + 1; version <= newVersion; version++) {
    const migrate = MIGRATIONS[version];
    if (!migrate) throw new Error(`no migration to library version ${version}`);
    if ((await migrate(db, tx)) === 'index') index = true;
  }
  if (index) await indexAll(tx);
}
