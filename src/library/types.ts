/**
 * What the offline library stores. Records are plain data (structured-clone friendly) so they go
 * into IndexedDB, into the library file and back unchanged.
 */
import type { WholeArticle } from '../pipeline/types';

/** An image of the article that could not be kept, and why, in plain words. */
export interface ImageFailure {
  url: string;
  reason: string;
}

/** An image kept with the article (its bytes live in the `images` store). */
export interface SavedImageInfo {
  url: string;
  /** MIME type, e.g. "image/jpeg". */
  type: string;
  /** Bytes. */
  size: number;
}

/**
 * One saved article: the article as read (`WholeArticle`: its sanitized merged HTML, with the
 * original image URLs, resolved at render time; its text and metadata; its canonical URL, page 1
 * without fragment) and what was saved with it.
 */
export interface SavedArticle extends WholeArticle {
  /** Stable id of the canonical URL (`articleIdFor`). */
  id: string;
  /** When it was (last) saved, ms since 1970. */
  savedAt: number;
  /** Bytes taken: HTML and text (UTF-8) plus images. */
  size: number;
  images: SavedImageInfo[];
  imageFailures: ImageFailure[];
}

/** An image's bytes, keyed by article id and original URL. */
export interface StoredImage {
  articleId: string;
  url: string;
  blob: Blob;
}

/** The small record the library list reads (never the bodies). */
export interface LibraryEntry {
  id: string;
  url: string;
  title: string;
  site: string;
  siteName: string | null;
  pageCount: number;
  savedAt: number;
  size: number;
  imageCount: number;
  /** Pages that could not be loaded when it was saved ("1 page missing"); absent: none (or saved before this was listed). */
  missingPages?: number;
  /** Compact number of the article in the search index (schema v2+). */
  ord: number;
  /** Set while a deletion can still be undone; such entries are hidden and purged later. */
  deletedAt?: number;
}

/** The list entry of an article. */
export function entryOf(article: SavedArticle, ord: number): LibraryEntry {
  return {
    id: article.id,
    url: article.url,
    title: article.title,
    site: article.site,
    siteName: article.siteName,
    pageCount: article.pageCount,
    savedAt: article.savedAt,
    size: article.size,
    imageCount: article.images.length,
    ...(article.failedPages.length > 0 ? { missingPages: article.failedPages.length } : {}),
    ord,
  };
}
