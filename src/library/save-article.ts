/**
 * Turns a whole article as read (or as shown in the reader) into a saved copy: the sanitized HTML
 * as it is, its text and metadata, and every image fetched once. The stored HTML is not rewritten:
 * images keep their original URLs and are resolved from the library when the copy is shown.
 */
import type { FetchLike, WholeArticle } from '../pipeline/types';
import { parseHttpUrl } from '../pipeline/url';
import { articleIdFor, canonicalArticleUrl } from './article-id';
import { fetchArticleImages, type ImageLimits } from './fetch-images';
import type { Library } from './library';
import type { SavedArticle, StoredImage } from './types';

export interface SaveOptions {
  /** Fetches the images (the reader's fetch in the extension). */
  fetch: FetchLike;
  /** Parses HTML into an inert document (finds the images). */
  parse: (html: string) => Document;
  limits?: Partial<ImageLimits>;
  signal?: AbortSignal;
  /** The save time (tests). */
  now?: number;
}

/** Absolute http(s) URLs of the images in `html`, in document order, each once. */
export function imageUrlsOf(html: string, baseUrl: string, parse: (html: string) => Document): string[] {
  const urls: string[] = [];
  for (const img of parse(html).querySelectorAll('img[src]')) {
    const url = parseHttpUrl(img.getAttribute('src') ?? '', baseUrl);
    if (url) urls.push(url.href);
  }
  return [...new Set(urls)];
}

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/** The saved copy of `article` and its images, ready for `Library.put`. */
export async function prepareSavedArticle(article: WholeArticle, options: SaveOptions): Promise<{ article: SavedArticle; images: StoredImage[] }> {
  const url = canonicalArticleUrl(article.url);
  const id = articleIdFor(url);
  const fetched = await fetchArticleImages(imageUrlsOf(article.contentHtml, url, options.parse), options.fetch, options.limits, options.signal);
  const images: StoredImage[] = fetched.images.map((image) => ({ articleId: id, url: image.url, blob: image.blob }));
  const imageBytes = images.reduce((sum, image) => sum + image.blob.size, 0);
  const saved: SavedArticle = {
    id,
    url,
    title: article.title,
    byline: article.byline,
    source: article.source,
    publishedTime: article.publishedTime,
    siteName: article.siteName,
    lang: article.lang,
    dir: article.dir,
    site: article.site,
    excerpt: article.excerpt,
    length: article.length,
    pageUrls: [...article.pageUrls],
    pageCount: article.pageCount,
    failedPages: article.failedPages.map((f) => ({ ...f })),
    contentHtml: article.contentHtml,
    textContent: article.textContent,
    savedAt: options.now ?? Date.now(),
    size: utf8Length(article.contentHtml) + utf8Length(article.textContent) + imageBytes,
    images: images.map((image) => ({ url: image.url, type: image.blob.type, size: image.blob.size })),
    imageFailures: fetched.failures,
  };
  return { article: saved, images };
}

/** Fetches the images and saves the article (one transaction); returns the saved copy. */
export async function saveArticle(library: Library, article: WholeArticle, options: SaveOptions): Promise<SavedArticle> {
  const prepared = await prepareSavedArticle(article, options);
  await library.put(prepared.article, prepared.images);
  return prepared.article;
}
