/**
 * Corpus access for the eval and bench scripts: the page list and each page's HTML (dataset wrapper
 * stripped, bytes decoded by the decoder given, the pipeline's `decodeHtml` in practice).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FetchLike, ReadOptions, WholeArticle } from '../pipeline/types';
import { loadCorpusIndex, loadGroundTruth, type CorpusEntry, type GroundTruth } from './ground-truth';
import { stripTextWrapper, type DecodeHtml } from './page-bytes';

const here = dirname(fileURLToPath(import.meta.url));
/** Repository root (src/eval/../..). */
export const REPO_ROOT = resolve(here, '..', '..');
/** Default corpus location: ../shared/corpus relative to the repo root. */
export const DEFAULT_CORPUS_DIR = resolve(REPO_ROOT, '..', 'shared', 'corpus');

export type ReadWholeArticleFn = (opts: ReadOptions) => Promise<WholeArticle>;

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
