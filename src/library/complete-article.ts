/**
 * Completing a saved copy later: a partial article was saved ("1 page missing"); when its missing
 * pages load afterwards (the reader's "Complete now"), they go into the stored HTML in page order,
 * their images are fetched (only theirs: the images already kept are kept as they are, no network
 * for them), and the copy is written again in one transaction.
 */
import { cjkAwareLength } from '../pipeline/cjk-text';
import { elementToText } from '../pipeline/element-text';
import type { FailedPage } from '../pipeline/types';
import { fetchArticleImages } from './fetch-images';
import type { Library } from './library';
import { imageUrlsOf, type SaveOptions } from './save-article';
import type { SavedArticle, StoredImage } from './types';

/** A page brought in later: its `<section data-page="N">…</section>` as sanitized HTML. */
export interface CompletedPart {
  page: number;
  html: string;
}

const pageOf = (el: Element) => Number(el.getAttribute('data-page'));

/**
 * The stored HTML with `parts` put in page order (a part for a page already there replaces it).
 * The result keeps the stored shape: `<article>` with one section per page.
 */
export function mergeMissingPages(contentHtml: string, parts: readonly CompletedPart[], parse: (html: string) => Document): { html: string; text: string } {
  const doc = parse(`<!doctype html><body>${contentHtml}`);
  let holder: Element | null = doc.body.querySelector(':scope > article');
  if (!holder) {
    holder = doc.createElement('article');
    holder.append(...doc.body.childNodes);
    doc.body.append(holder);
  }
  for (const part of [...parts].sort((a, b) => a.page - b.page)) {
    const partDoc = parse(`<!doctype html><body>${part.html}`);
    const found = partDoc.body.querySelector('section[data-page]');
    let placed: Element;
    if (found) {
      placed = doc.importNode(found, true);
    } else {
      placed = doc.createElement('section');
      placed.append(...[...partDoc.body.childNodes].map((node) => doc.importNode(node, true)));
    }
    placed.setAttribute('data-page', String(part.page));
    const sections = [...holder.querySelectorAll(':scope > section[data-page]')];
    sections.find((s) => pageOf(s) === part.page)?.remove();
    const later = sections.find((s) => pageOf(s) > part.page && s.isConnected);
    holder.insertBefore(placed, later ?? null);
  }
  return { html: holder.outerHTML, text: elementToText(holder) };
}

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/**
 * Writes `saved` again with `parts` in place and `stillFailed` as its missing pages; fetches the
 * new pages' images (those already kept stay). Returns the updated copy.
 */
export async function completeSavedArticle(
  library: Library,
  saved: SavedArticle,
  parts: readonly CompletedPart[],
  stillFailed: readonly FailedPage[],
  options: SaveOptions,
): Promise<SavedArticle> {
  const merged = mergeMissingPages(saved.contentHtml, parts, options.parse);
  const kept = await library.images(saved.id);
  const keptUrls = new Set(kept.map((image) => image.url));
  const wanted = imageUrlsOf(parts.map((p) => p.html).join(''), saved.url, options.parse).filter((url) => !keptUrls.has(url));
  const fetched = await fetchArticleImages(wanted, options.fetch, options.limits, options.signal);
  const added: StoredImage[] = fetched.images.map((image) => ({ articleId: saved.id, url: image.url, blob: image.blob }));
  const images = [...kept, ...added];
  const imageBytes = images.reduce((sum, image) => sum + image.blob.size, 0);
  const nowKept = new Set(images.map((image) => image.url));
  const updated: SavedArticle = {
    ...saved,
    contentHtml: merged.html,
    textContent: merged.text,
    length: cjkAwareLength(merged.text),
    failedPages: stillFailed.map((f) => ({ ...f })),
    savedAt: options.now ?? Date.now(),
    size: utf8Length(merged.html) + utf8Length(merged.text) + imageBytes,
    images: images.map((image) => ({ url: image.url, type: image.blob.type, size: image.blob.size })),
    imageFailures: [...saved.imageFailures.filter((f) => !nowKept.has(f.url)), ...fetched.failures],
  };
  await library.put(updated, images);
  return updated;
}
