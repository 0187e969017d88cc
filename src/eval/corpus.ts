/**
 * Corpus access for the eval and bench scripts: page list, HTML (wrapper stripped, decoded with the
 * pipeline's `decodeHtml` when it exists), and the pipeline entry points loaded lazily so the
 * scripts keep working (Readability side at least) while the pipeline is being written.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Detection, FetchLike, ReadOptions, WholeArticle } from '../pipeline/types';
import { loadCorpusIndex, loadGroundTruth, type CorpusEntry, type GroundTruth } from './ground-truth';
import { fallbackDecodeHtml, stripTextWrapper, type DecodeHtml } from './page-bytes';

const here = dirname(fileURLToPath(import.meta.url));
/** Repository root (src/eval/../..). */
export const REPO_ROOT = resolve(here, '..', '..');
/** Default corpus location: ../shared/corpus relative to the repo root. */
export const DEFAULT_CORPUS_DIR = resolve(REPO_ROOT, '..', 'shared', 'corpus');

export type ReadWholeArticleFn = (opts: ReadOptions) => Promise<WholeArticle>;
export type DetectPaginationFn = (doc: Document, url: string) => Detection;

export interface Loaded<T> {
  fn: T | null;
  /** Why `fn` is null (module missing, export missing, import threw). */
  error: string | null;
  /** Module path tried. */
  path: string;
}

/**
 * Import `src/pipeline/<module>.ts` and pick `exportName`, reporting failure as data instead of
 * throwing. The specifier is built at runtime so `tsc` does not need the module to exist yet.
 */
async function loadPipelineExport<T>(module: string, exportName: string): Promise<Loaded<T>> {
  const path = join(REPO_ROOT, 'src', 'pipeline', `${module}.ts`);
  try {
    // eslint-disable-next-line no-unsanitized/method -- not an HTML sink: a Node-only eval harness importing the repository's own src/pipeline/<module>.ts by a path it builds itself
    const mod = (await import(/* @vite-ignore */ pathToImportSpecifier(path))) as Record<string, unknown>;
    const fn = mod[exportName];
    if (typeof fn !== 'function') return { fn: null, error: `${path} has no exported function "${exportName}"`, path };
    return { fn: fn as T, error: null, path };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const missingSelf = (err.code === 'ERR_MODULE_NOT_FOUND' || err.code === 'MODULE_NOT_FOUND') && String(err.message).includes(`${module}.ts`);
    const msg = missingSelf ? `${path} does not exist yet` : `importing ${path} failed: ${err.message ?? String(err)}`;
    return { fn: null, error: msg, path };
  }
}

function pathToImportSpecifier(p: string): string {
  return new URL(`file://${p}`).href;
}

export const loadReadWholeArticle = () => loadPipelineExport<ReadWholeArticleFn>('read-whole-article', 'readWholeArticle');
export const loadDetectPagination = () => loadPipelineExport<DetectPaginationFn>('detect', 'detectPagination');

/** The pipeline's decoder if present, else the local fallback (and a note saying which). */
export async function loadDecoder(): Promise<{ decode: DecodeHtml; source: string }> {
  const l = await loadPipelineExport<DecodeHtml>('decode', 'decodeHtml');
  if (l.fn) return { decode: l.fn, source: 'src/pipeline/decode.ts' };
  return { decode: fallbackDecodeHtml, source: `local fallback (${l.error})` };
}

/** A fetch that refuses everything: ground truth covers only the saved page. */
export const rejectingFetch: FetchLike = async (url) => {
  throw new Error(`offline evaluation: refusing to fetch ${url}`);
};

export interface CorpusPage {
  entry: CorpusEntry;
  /** Absolute path of the .html. */
  path: string;
  html: string;
  charset: string;
  truth: GroundTruth | null;
}

/** Read, unwrap and decode one page. */
export function readPageHtml(corpusDir: string, entry: CorpusEntry, decode: DecodeHtml): { html: string; charset: string; path: string } {
  const path = join(corpusDir, entry.file);
  const bytes = stripTextWrapper(new Uint8Array(readFileSync(path)));
  const { html, charset } = decode(bytes, null);
  return { html, charset, path };
}

/** Every page listed in INDEX.tsv, decoded, with its ground truth (null when none). */
export function loadCorpusPages(corpusDir: string, decode: DecodeHtml): CorpusPage[] {
  return loadCorpusIndex(corpusDir).map((entry) => {
    const { html, charset, path } = readPageHtml(corpusDir, entry, decode);
    return { entry, path, html, charset, truth: loadGroundTruth(corpusDir, entry.file) };
  });
}

/** Reject after `ms` (so one hanging page cannot stall a whole run). */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}
