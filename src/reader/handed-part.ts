/**
 * Page 1 as the article's tab made it (content/page-part.ts), checked before the reader shows it
 * (issue 10: the reader's first text without its pipeline). It comes from a news tab: only a part
 * of the shape the pipeline gives, for the article being read, is taken; its addresses must be web
 * addresses; its HTML is sanitized on its way in (progressive.ts, as any part without a tree).
 */
import type { ArticlePart } from '../pipeline/types';
import { stripHash } from '../pipeline/url';

const META_KEYS = ['byline', 'source', 'publishedTime', 'siteName', 'lang', 'dir'] as const;

const pageNumber = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 10_000;
const webAddress = (u: unknown): u is string => typeof u === 'string' && /^https?:\/\//i.test(u);

/** `part` as an ArticlePart for `url` (without a tree: its HTML is still to be sanitized), or null. */
export function handedPart(part: unknown, url: string): ArticlePart | null {
  if (!part || typeof part !== 'object') return null;
  const p = part as Record<string, unknown>;
  const meta = p.meta as Record<string, unknown> | null;
  if (!pageNumber(p.page) || typeof p.html !== 'string' || typeof p.title !== 'string' || !webAddress(p.url) || stripHash(p.url) !== stripHash(url)) return null;
  if (!Array.isArray(p.pages) || !Array.isArray(p.pageUrls) || p.pages.length !== p.pageUrls.length || p.pages.length > 10_000 || !p.pages.every(pageNumber) || !p.pages.includes(p.page)) return null;
  if (!p.pageUrls.every((u) => u === '' || webAddress(u))) return null;
  if (!meta || typeof meta !== 'object' || !META_KEYS.every((k) => meta[k] === null || typeof meta[k] === 'string')) return null;
  return {
    page: p.page,
    pages: [...(p.pages as number[])],
    pageUrls: [...(p.pageUrls as string[])],
    url: p.url,
    title: p.title,
    meta: Object.fromEntries(META_KEYS.map((k) => [k, meta[k]])) as ArticlePart['meta'],
    html: p.html,
  };
}
