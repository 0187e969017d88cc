/**
 * Plain `http:` photos in Firefox. An extension page is a secure context, so Firefox treats an
 * `http:` image in it as mixed display content and upgrades it to `https:`
 * (`security.mixed_content.upgrade_display_content`, on by default since Firefox 127; the MV2
 * pages' CSP is not the cause, no CSP can switch it off). Xinhua and People's Daily serve many
 * photos over http only: the upgraded request fails and every such photo was hidden, and the site
 * never saw a request for them. The extension's own fetch (host permission, the same path the
 * pages themselves come by) is not upgraded: such photos are fetched with it and shown from
 * `blob:` URLs. The original URL stays in `data-saved-src`, the attribute `withOriginalImages`
 * (saved-images.ts) restores for copies, exports and saving.
 */
import type { FetchLike } from '../pipeline/types';

/** The attribute saved-images.ts keeps an image's original URL in. */
const ORIGINAL = 'data-saved-src';

/** Whether this browser upgrades `http:` images on an extension page (Firefox's moz-extension: pages). */
export function upgradesHttpImages(view: Window): boolean {
  return view.location.protocol === 'moz-extension:';
}

/**
 * On the sanitized body while it is still inert: every `http:` image keeps its URL in
 * `data-saved-src` and loses its `src`, so the browser never asks for the upgraded URL. Returns
 * the images to fetch with `loadHttpImages` once the body is in the page.
 */
export function holdHttpImages(body: HTMLElement): HTMLImageElement[] {
  const held: HTMLImageElement[] = [];
  for (const img of body.querySelectorAll('img')) {
    const src = img.getAttribute('src') ?? '';
    if (!/^http:\/\//i.test(src) || img.hasAttribute(ORIGINAL)) continue;
    img.setAttribute(ORIGINAL, src);
    img.removeAttribute('src');
    img.removeAttribute('srcset');
    held.push(img);
  }
  return held;
}

/**
 * Fetches each held image (all at once) and shows it from a `blob:` URL; one that cannot be
 * fetched is hidden, as an image that fails to load is. Returns the blob: URLs made (to revoke).
 */
export async function loadHttpImages(images: readonly HTMLImageElement[], fetch: FetchLike, signal?: AbortSignal): Promise<string[]> {
  const urls: string[] = [];
  await Promise.all(
    images.map(async (img) => {
      const url = img.getAttribute(ORIGINAL) as string;
      try {
        const response = await fetch(url, { signal, headers: { Accept: 'image/avif,image/webp,image/png,image/*;q=0.8' } });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const type = response.headers.get('content-type') ?? '';
        const blob = new Blob([await response.arrayBuffer()], type ? { type } : {});
        const blobUrl = URL.createObjectURL(blob);
        urls.push(blobUrl);
        img.setAttribute('src', blobUrl);
      } catch {
        img.hidden = true;
      }
    }),
  );
  return urls;
}
