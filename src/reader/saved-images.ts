/**
 * Images of a saved copy: shown from the library (blob: URLs), never from the network. The stored
 * HTML keeps the original URLs; they are swapped here, on the sanitized body while it is still
 * inert, and swapped back in copies made for the clipboard or an export.
 */
import { parseHttpUrl } from '../pipeline/url';
import { t } from '../ui-text';

/** Where the original URL of a swapped image is kept. */
const ORIGINAL = 'data-saved-src';
/** Placeholders for images that were not saved (reader UI: never copied). */
const MISSING_CLASS = 'missing-image';

export interface ImageSwap {
  shown: number;
  missing: number;
}

/**
 * Points every image of `body` at its local copy (`local`: original absolute URL → blob: URL).
 * An image without one is hidden behind a short note instead of being fetched.
 */
export function useLocalImages(body: HTMLElement, baseUrl: string, local: ReadonlyMap<string, string>): ImageSwap {
  const doc = body.ownerDocument;
  const swap: ImageSwap = { shown: 0, missing: 0 };
  for (const img of body.querySelectorAll('img')) {
    const raw = img.getAttribute('src') ?? '';
    const original = parseHttpUrl(raw, baseUrl)?.href ?? raw;
    img.removeAttribute('srcset');
    img.removeAttribute('sizes');
    img.setAttribute(ORIGINAL, original);
    const blobUrl = local.get(original);
    if (blobUrl) {
      img.setAttribute('src', blobUrl);
      swap.shown++;
      continue;
    }
    img.removeAttribute('src');
    img.hidden = true;
    const note = doc.createElement('span');
    note.className = MISSING_CLASS;
    note.setAttribute('data-reader-ui', '');
    note.textContent = t('readerImageNotSaved', { alt: img.getAttribute('alt')?.trim() || '' }).trim();
    img.before(note);
    swap.missing++;
  }
  return swap;
}

/** A copy of `body` with every swapped image back at its original URL (for copying and exports). */
export function withOriginalImages<T extends Element>(body: T): T {
  const clone = body.cloneNode(true) as T;
  for (const img of clone.querySelectorAll(`img[${ORIGINAL}]`)) {
    img.setAttribute('src', img.getAttribute(ORIGINAL) as string);
    img.removeAttribute(ORIGINAL);
    img.removeAttribute('hidden');
  }
  for (const note of clone.querySelectorAll(`.${MISSING_CLASS}`)) note.remove();
  return clone;
}
