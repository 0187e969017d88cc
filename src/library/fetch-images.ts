/**
 * Fetches an article's images once each, for the offline copy, within limits: per image, per
 * article, a count and a time limit. An image that cannot be kept is recorded with the reason in
 * plain words; it never stops the save.
 */
import { readCapped } from '../pipeline/read-capped';
import type { FetchLike, ResponseLike } from '../pipeline/types';
import type { ImageFailure } from './types';

export interface ImageLimits {
  /** Largest image kept, bytes. */
  maxImageBytes: number;
  /** Most bytes of images kept for one article. */
  maxArticleBytes: number;
  /** Most images kept for one article. */
  maxImages: number;
  /** Time limit per image, ms. */
  timeoutMs: number;
  /** Images fetched at once. */
  concurrency: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = {
  maxImageBytes: 5 * 1024 * 1024,
  maxArticleBytes: 50 * 1024 * 1024,
  maxImages: 200,
  timeoutMs: 20_000,
  concurrency: 4,
};

export interface FetchedImage {
  url: string;
  blob: Blob;
}

export interface FetchedImages {
  /** In the order given. */
  images: FetchedImage[];
  failures: ImageFailure[];
}

const MB = 1024 * 1024;
const formatMb = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

/** The image type from the bytes, for servers that send `application/octet-stream` or nothing. */
export function sniffImageType(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp';
  if (bytes[4] === 0x66 && bytes[5] === 0x74 && bytes[6] === 0x79 && bytes[7] === 0x70 && bytes[8] === 0x61 && bytes[9] === 0x76 && bytes[10] === 0x69) return 'image/avif';
  if (starts(0x42, 0x4d)) return 'image/bmp';
  const head = new TextDecoder().decode(bytes.subarray(0, 256)).trimStart();
  if (/^(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(head)) return 'image/svg+xml';
  return null;
}

function typeOf(response: ResponseLike, bytes: Uint8Array): string | null {
  const header = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (/^image\/[\w.+-]+$/.test(header)) return header;
  return sniffImageType(bytes);
}

/**
 * Fetches each image URL once (duplicates are fetched once), keeping what fits the limits.
 * Never throws for one image; throws only if `signal` aborts.
 */
export async function fetchArticleImages(urls: readonly string[], fetch: FetchLike, limits: Partial<ImageLimits> = {}, signal?: AbortSignal): Promise<FetchedImages> {
  const lim = { ...DEFAULT_IMAGE_LIMITS, ...limits };
  const unique = [...new Set(urls)];
  const results: Array<FetchedImage | ImageFailure | undefined> = new Array(unique.length);
  let total = 0;
  let next = 0;

  const fetchOne = async (url: string): Promise<FetchedImage | ImageFailure> => {
    if (total >= lim.maxArticleBytes) return { url, reason: `the article's images already take the ${formatMb(lim.maxArticleBytes)} limit` };
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort);
    const timer = setTimeout(() => controller.abort(), lim.timeoutMs);
    try {
      const response = await fetch(url, { signal: controller.signal, headers: { Accept: 'image/avif,image/webp,image/apng,image/*;q=0.9,*/*;q=0.5' }, redirect: 'follow' });
      if (!response.ok) return { url, reason: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}` };
      const declared = Number(response.headers.get('content-length'));
      if (declared > lim.maxImageBytes) return { url, reason: `larger than ${formatMb(lim.maxImageBytes)} (${formatMb(declared)})` };
      // Read as it streams and given up past the cap (a body without a length can be endless):
      // never buffered whole before the size is known.
      const bytes = await readCapped(response, lim.maxImageBytes);
      if (!bytes) return { url, reason: `larger than ${formatMb(lim.maxImageBytes)}` };
      if (bytes.length === 0) return { url, reason: 'empty response' };
      if (bytes.length > lim.maxImageBytes) return { url, reason: `larger than ${formatMb(lim.maxImageBytes)} (${formatMb(bytes.length)})` };
      const type = typeOf(response, bytes);
      if (!type) return { url, reason: `not an image (${response.headers.get('content-type') ?? 'no content type'})` };
      if (total + bytes.length > lim.maxArticleBytes) return { url, reason: `over the article's ${formatMb(lim.maxArticleBytes)} limit for images` };
      total += bytes.length;
      return { url, blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type }) };
    } catch (error) {
      if (signal?.aborted) throw error;
      if (controller.signal.aborted) return { url, reason: `timed out after ${Math.round(lim.timeoutMs / 1000)} s` };
      return { url, reason: `network error (${error instanceof Error ? error.message : String(error)})` };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  };

  const worker = async () => {
    while (next < unique.length) {
      const i = next++;
      const url = unique[i]!;
      results[i] = i >= lim.maxImages ? { url, reason: `more than ${lim.maxImages} images in the article` } : await fetchOne(url);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(lim.concurrency, unique.length)) }, worker));

  const images: FetchedImage[] = [];
  const failures: ImageFailure[] = [];
  for (const result of results) {
    if (!result) continue;
    if ('blob' in result) images.push(result);
    else failures.push(result);
  }
  return { images, failures };
}
