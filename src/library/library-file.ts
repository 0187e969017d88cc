/**
 * The whole library as one versioned JSON file, and back. Images travel as base64. Importing into
 * an empty profile gives the same library; importing into a non-empty one merges by article id
 * (one per canonical URL): the copy saved last wins, nothing is duplicated. Each article is
 * imported in its own transaction, whole or not at all.
 */
import { base64ToBytes, bytesToBase64 } from '../base64';
import { stripInertMarkup } from '../pipeline/defuse-markup';
import type { Library } from './library';
import { LibraryError, libraryErrorFrom } from './library-error';
import { checkSavedArticle } from './record';
import type { SavedArticle, StoredImage } from './types';

export const LIBRARY_FILE_FORMAT = 'wholestory-library';
export const LIBRARY_FILE_VERSION = 1;

export interface LibraryFileImage {
  url: string;
  type: string;
  /** The bytes, base64. */
  data: string;
}

export interface LibraryFileArticle {
  article: SavedArticle;
  images: LibraryFileImage[];
}

export interface LibraryFile {
  format: typeof LIBRARY_FILE_FORMAT;
  version: number;
  exportedAt: string;
  articles: LibraryFileArticle[];
}

export interface ImportResult {
  added: number;
  updated: number;
  /** Already there, saved at the same time or later. */
  kept: number;
  /** Entries of the file that were not articles, or not ones that can be shown safely (refused). */
  skipped: number;
  /** Articles imported with a field repaired (an unknown site, a malformed failed-page entry…). */
  repaired: number;
  /** What was refused or repaired, one line each (the first 20), for the person importing. */
  problems: string[];
}

const MAX_PROBLEMS = 20;

function note(result: ImportResult, line: string): void {
  if (result.problems.length < MAX_PROBLEMS) result.problems.push(line);
}

const newResult = (): ImportResult => ({ added: 0, updated: 0, kept: 0, skipped: 0, repaired: 0, problems: [] });

/** An article left out of an export because it cannot be read (damaged outside WholeStory). */
export interface SkippedArticle {
  id: string;
  /** From the list entry (the article itself may be what is damaged). */
  title: string;
  reason: string;
}

/**
 * The articles `ids` names with their images, one at a time, for an export. A damaged article is
 * left out and recorded in `skipped` (an export of the rest is worth more than none); a library
 * that cannot be read at all still throws.
 */
export async function* exportableArticles(library: Library, ids: readonly string[], skipped: SkippedArticle[]): AsyncGenerator<{ article: SavedArticle; images: StoredImage[] }> {
  let titles: Map<string, string> | null = null;
  for (const id of ids) {
    let item: { article: SavedArticle; images: StoredImage[] } | null = null;
    try {
      const article = await library.get(id);
      if (article) item = { article, images: await library.images(id) };
    } catch (error) {
      if (!(error instanceof LibraryError) || error.code !== 'damaged') throw error;
      titles ??= new Map((await library.entries()).map((e) => [e.id, typeof e.title === 'string' ? e.title : '']));
      skipped.push({ id, title: titles.get(id) ?? '', reason: error.message });
    }
    if (item) yield item;
  }
}

/**
 * The library file as a Blob, built article by article so that no single string holds the whole
 * library. `ids` limits it to those articles (newest first otherwise, as listed). Damaged articles
 * are left out and listed in `skipped`.
 */
export async function exportLibrary(library: Library, options: { ids?: readonly string[]; now?: Date } = {}): Promise<{ blob: Blob; exported: number; skipped: SkippedArticle[] }> {
  const ids = options.ids ?? (await library.entries()).map((e) => e.id);
  const head: Omit<LibraryFile, 'articles'> = { format: LIBRARY_FILE_FORMAT, version: LIBRARY_FILE_VERSION, exportedAt: (options.now ?? new Date()).toISOString() };
  const parts: string[] = [`${JSON.stringify(head).slice(0, -1)},"articles":[`];
  const skipped: SkippedArticle[] = [];
  let exported = 0;
  for await (const { article, images: stored } of exportableArticles(library, ids, skipped)) {
    const images: LibraryFileImage[] = [];
    for (const image of stored) {
      images.push({ url: image.url, type: image.blob.type, data: bytesToBase64(new Uint8Array(await image.blob.arrayBuffer())) });
    }
    const entry: LibraryFileArticle = { article, images };
    parts.push(`${exported === 0 ? '' : ','}\n${JSON.stringify(entry)}`);
    exported++;
  }
  parts.push('\n]}\n');
  return { blob: new Blob(parts, { type: 'application/json' }), exported, skipped };
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function checkHead(file: Partial<LibraryFile> | null, articles: unknown): void {
  if (!file || file.format !== LIBRARY_FILE_FORMAT || !Array.isArray(articles)) {
    throw new LibraryError('bad-file', 'this is not a WholeStory library file');
  }
  if (!isNumber(file.version) || file.version > LIBRARY_FILE_VERSION) {
    throw new LibraryError('bad-file', `the file was written by a newer version of WholeStory (library file version ${String(file.version)})`);
  }
}

/** One entry of the file into the library (merged: the copy saved last wins). */
/**
 * Every field is checked (record.ts): a record that cannot be shown safely is refused, one that can
 * be repaired is, and either costs that article only. Its HTML is defused exactly as a fetched
 * page's is before anything parses it (scripts, styles, comments cut, every `on*` attribute
 * renamed: decode.ts), then sanitized again whenever it is shown.
 */
async function importEntry(library: Library, entry: unknown, result: ImportResult, position: number): Promise<void> {
  const raw = (typeof entry === 'object' && entry !== null ? entry : {}) as Partial<LibraryFileArticle>;
  const checked = checkSavedArticle(Object.hasOwn(raw, 'article') ? raw.article : undefined);
  const label = (title: unknown) => `article ${position}${typeof title === 'string' && title ? ` «${title.slice(0, 60)}»` : ''}`;
  if (!checked.ok) {
    result.skipped++;
    const title = typeof raw.article === 'object' && raw.article !== null ? (raw.article as { title?: unknown }).title : undefined;
    note(result, `${label(title)}: left out, ${checked.reason}`);
    return;
  }
  const article: SavedArticle = { ...checked.article, contentHtml: stripInertMarkup(checked.article.contentHtml) };
  if (checked.repaired.length) {
    result.repaired++;
    note(result, `${label(article.title)}: repaired (${checked.repaired.join('; ')})`);
  }
  const images: StoredImage[] = [];
  for (const image of Array.isArray(raw.images) ? raw.images : []) {
    if (!image || !isString(image.url) || !isString(image.type) || !/^image\/[\w.+-]+$/.test(image.type) || !isString(image.data)) continue;
    try {
      images.push({ articleId: article.id, url: image.url, blob: new Blob([base64ToBytes(image.data) as Uint8Array<ArrayBuffer>], { type: image.type }) });
    } catch {
      // Not base64: that image is left out.
    }
  }
  try {
    result[await library.put(article, images, { onlyIfNewer: true })]++;
  } catch (error) {
    throw libraryErrorFrom(error, 'import');
  }
}

/** The lines of a Blob's text, read as it streams: never the whole text at once. */
async function* linesOf(blob: Blob): AsyncGenerator<string> {
  const reader = blob.stream().pipeThrough(new TextDecoderStream()).getReader();
  let rest = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    let from = rest.length;
    rest += value;
    let nl: number;
    while ((nl = rest.indexOf('\n', from)) !== -1) {
      yield rest.slice(0, nl);
      rest = rest.slice(nl + 1);
      from = 0;
    }
  }
  if (rest) yield rest;
}

/** What exportLibrary writes first: the file's head, up to the opening of its article list. */
const STREAMED_HEAD = /^\{"format":.*"articles":\[$/;

/**
 * Imports a library file; throws a `LibraryError` (code `bad-file`) for a file that is not one.
 * A Blob in the layout exportLibrary writes (one article per line) is read line by line, so a
 * library of any size imports without its whole text in memory; anything else (a file
 * re-formatted by hand, a string) is parsed whole.
 */
export async function importLibrary(library: Library, source: string | Blob): Promise<ImportResult> {
  if (typeof source !== 'string') {
    const lines = linesOf(source);
    const first = await lines.next();
    if (first.done || !STREAMED_HEAD.test(first.value)) {
      await lines.return(undefined);
      return importLibrary(library, await source.text());
    }
    let head: Partial<LibraryFile>;
    try {
      head = JSON.parse(`${first.value}]}`) as Partial<LibraryFile>;
    } catch {
      throw new LibraryError('bad-file', 'this is not a WholeStory library file (not JSON)');
    }
    checkHead(head, head.articles);
    const result = newResult();
    let position = 0;
    for await (const raw of lines) {
      // exportLibrary ends every article but the last with a comma.
      const line = raw.trim().replace(/^,|,$/g, '');
      if (!line) continue;
      if (line === ']}') break;
      let entry: unknown;
      position++;
      try {
        entry = JSON.parse(line);
      } catch {
        // A damaged line (a file cut short, a changed byte) costs that article, not the import.
        result.skipped++;
        note(result, `article ${position}: left out, not readable (damaged line)`);
        continue;
      }
      await importEntry(library, entry, result, position);
    }
    return result;
  }
  let file: Partial<LibraryFile>;
  try {
    file = JSON.parse(source) as Partial<LibraryFile>;
  } catch {
    throw new LibraryError('bad-file', 'this is not a WholeStory library file (not JSON)');
  }
  checkHead(file, file?.articles);
  const result = newResult();
  let position = 0;
  for (const entry of file.articles as unknown[]) await importEntry(library, entry, result, ++position);
  return result;
}
