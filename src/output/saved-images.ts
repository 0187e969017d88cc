/**
 * The saved images of an article put in place of the network ones, for files that must open
 * offline and load nothing (Export HTML inlines them, EPUB packs them). An image that was not
 * saved leaves its alt text, never a network address.
 */
import { bytesToBase64 } from '../base64';

/** An image's bytes under its original absolute URL (the library's `StoredImage` is one). */
export interface ImageBytes {
  url: string;
  blob: Blob;
}

/** An image that was not saved: its alt text stays, the element goes (it would load from the network). */
export function dropImage(img: Element): void {
  const alt = img.getAttribute('alt')?.trim();
  if (alt) img.replaceWith(img.ownerDocument.createTextNode(`[${alt}]`));
  else img.remove();
}

/** A data: URI of a blob. */
export async function dataUri(blob: Blob): Promise<string> {
  return `data:${blob.type || 'application/octet-stream'};base64,${bytesToBase64(new Uint8Array(await blob.arrayBuffer()))}`;
}

/**
 * Points every image of `body` (absolute URLs: `articleBody`'s) at what `place` makes of its saved
 * bytes, once per URL; an image without saved bytes, or that `place` refuses (null), is dropped.
 * `srcset`/`sizes` go: they would name network images.
 */
export async function placeSavedImages(body: Element, images: readonly ImageBytes[], place: (blob: Blob, url: string) => Promise<string | null>): Promise<void> {
  const byUrl = new Map(images.map((image) => [image.url, image.blob]));
  const placed = new Map<string, string | null>();
  for (const img of [...body.querySelectorAll('img')]) {
    img.removeAttribute('srcset');
    img.removeAttribute('sizes');
    const url = img.getAttribute('src');
    const blob = url ? byUrl.get(url) : undefined;
    if (!url || !blob) {
      dropImage(img);
      continue;
    }
    if (!placed.has(url)) placed.set(url, await place(blob, url));
    const src = placed.get(url);
    if (src) img.setAttribute('src', src);
    else dropImage(img);
  }
}
