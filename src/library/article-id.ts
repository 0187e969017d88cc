/**
 * One library entry per canonical URL: the id is a hash of page 1's URL without its fragment, so
 * saving the same article again, or importing it from another profile, lands on the same record.
 */

import { urlKey } from '../pipeline/url';

/** The URL an article is filed under: parsed, without fragment. */
export const canonicalArticleUrl: (url: string) => string = urlKey;

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/** 16 hex digits (FNV-1a, 64 bits, over the UTF-8 of the canonical URL). */
export function articleIdFor(url: string): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(canonicalArticleUrl(url))) {
    hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK;
  }
  return hash.toString(16).padStart(16, '0');
}
