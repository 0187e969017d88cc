/**
 * The full-text index's posting lists, kept in the library's own database so a save, a delete or
 * an import changes the index in the same transaction as the article. A term's articles are
 * stored as sorted numbers in shards of `SHARD_SIZE`, so writing one article touches small records
 * only, and a query reads only the records of its own terms.
 *
 * Why not an in-memory search library: measured on 5,000 articles of ~3,000 Chinese characters
 * (corpus sentences, CJK bigram tokenizer), MiniSearch 7.2 took 34 s and 381 MB of heap to build,
 * 77 MB as JSON and 2.3 s to load; FlexSearch 0.8 (CJK charset) 10 s, 180 MB, 77 MB exported. A
 * popup would have to load that before its first query, and an index kept outside this database
 * cannot change in the same transaction as the article. An IndexedDB multiEntry index over each
 * article's terms queried fast too, but took 604 MB on disk in Chromium; these postings take 46 MB
 * and answer in about 1 ms (scripts/bench-library.ts measures the whole search in the popup).
 */
import type { IDBPObjectStore, IDBPTransaction, StoreNames } from 'idb';
import { SHARD_SIZE, type LibrarySchema } from './schema';
import type { QueryPlan } from './search-terms';

type PostingsStore = IDBPObjectStore<LibrarySchema, StoreNames<LibrarySchema>[], 'postings', 'readwrite'>;

const shardOf = (ord: number) => Math.floor(ord / SHARD_SIZE);

function withOrd(ords: Uint32Array, ord: number): Uint32Array {
  let lo = 0;
  let hi = ords.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ords[mid] as number) < ord) lo = mid + 1;
    else hi = mid;
  }
  if (ords[lo] === ord) return ords;
  const next = new Uint32Array(ords.length + 1);
  next.set(ords.subarray(0, lo));
  next[lo] = ord;
  next.set(ords.subarray(lo), lo + 1);
  return next;
}

function withoutOrd(ords: Uint32Array, ord: number): Uint32Array {
  const i = ords.indexOf(ord);
  if (i === -1) return ords;
  const next = new Uint32Array(ords.length - 1);
  next.set(ords.subarray(0, i));
  next.set(ords.subarray(i + 1), i);
  return next;
}

/**
 * Moves article `ord` from `oldTerms` to `newTerms` in the postings (terms in both stay as they
 * are). Runs inside the caller's transaction.
 */
export async function updatePostings(store: PostingsStore, ord: number, oldTerms: readonly string[], newTerms: readonly string[]): Promise<void> {
  const shard = shardOf(ord);
  const oldSet = new Set(oldTerms);
  const newSet = new Set(newTerms);
  const removed = oldTerms.filter((t) => !newSet.has(t));
  const added = newTerms.filter((t) => !oldSet.has(t));
  const touched = [...removed, ...added];
  const records = await Promise.all(touched.map((term) => store.get([term, shard])));
  await Promise.all(
    touched.map((term, i) => {
      const current = records[i]?.ords ?? new Uint32Array(0);
      const ords = i < removed.length ? withoutOrd(current, ord) : withOrd(current, ord);
      if (ords === current) return undefined;
      return ords.length > 0 ? store.put({ term, shard, ords }) : store.delete([term, shard]);
    }),
  );
}

/** Every shard of a term, or of every term starting with `prefix`. */
function rangeOf(term: string, prefix: boolean): IDBKeyRange {
  return prefix ? IDBKeyRange.bound([term, 0], [`${term}\uffff`]) : IDBKeyRange.bound([term, 0], [term, Infinity]);
}

/** Numbers of the articles that hold every term of the plan. */
export async function findOrds(tx: IDBPTransaction<LibrarySchema, ['postings'], 'readonly'>, plan: QueryPlan): Promise<Set<number>> {
  const store = tx.objectStore('postings');
  const lookups = [...plan.exact.map((t) => rangeOf(t, false)), ...plan.prefixes.map((t) => rangeOf(t, true))];
  const sets = await Promise.all(
    lookups.map(async (range) => {
      const set = new Set<number>();
      for (const posting of await store.getAll(range)) for (const ord of posting.ords) set.add(ord);
      return set;
    }),
  );
  sets.sort((a, b) => a.size - b.size);
  let result = sets[0] ?? new Set<number>();
  for (const other of sets.slice(1)) {
    if (result.size === 0) break;
    result = new Set([...result].filter((ord) => other.has(ord)));
  }
  return result;
}
