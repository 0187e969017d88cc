/**
 * Saved-article records checked field by field, for everything that did not come straight from
 * the pipeline: a library file being imported, and a record read back from IndexedDB (which
 * anything with access to the profile can change). A record is rebuilt from its known fields only
 * (a `"__proto__"` or any other extra key never comes along), each of the right type:
 *
 * - refused (null, with the reason) when what the article is cannot be known: not an object, no
 *   http(s) `url`, a title, HTML or text that is not a string, no save time, `pageUrls` that are
 *   not all http(s) addresses (they become the page markers' links);
 * - repaired, and said so, when a field can be rebuilt without guessing at content: an unknown
 *   `site` becomes `generic`; a wrong-typed optional string becomes null; a count or size is
 *   recomputed; `failedPages`, `images` and `imageFailures` keep only well-formed entries
 *   (`failedPages: [null]` made an article impossible to open).
 *
 * Lookups by a record's data go through own properties only (`siteMessageKey`).
 */
import { generic, siteRules } from '../sites/index';
import type { FailedPage } from '../pipeline/types';
import { failure, isFailureCode, type Failure } from '../pipeline/errors';
import { articleIdFor, canonicalArticleUrl } from './article-id';
import type { ImageFailure, LibraryEntry, SavedArticle, SavedImageInfo } from './types';

/** The site rule ids a record may name. */
export const KNOWN_SITES: ReadonlySet<string> = new Set([...siteRules.map((r) => r.id), generic.id]);

/** At most this many pages (the pipeline reads at most 30; a saved file may come from elsewhere). */
const MAX_PAGES = 1000;

export type RecordCheck = { ok: true; article: SavedArticle; repaired: string[] } | { ok: false; reason: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const own = (o: Record<string, unknown>, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);

/** An absolute http(s) URL (the string itself, unchanged), or null. */
export function httpUrl(value: unknown): string | null {
  if (!isString(value)) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? value : null;
  } catch {
    return null;
  }
}

function failedPageFrom(raw: unknown): FailedPage | null {
  if (!isObject(raw)) return null;
  const page = own(raw, 'page');
  const url = httpUrl(own(raw, 'url'));
  const reason = own(raw, 'reason');
  if (!Number.isInteger(page) || (page as number) < 1 || (page as number) > MAX_PAGES || !url || !isString(reason)) return null;
  const why = failureFrom(own(raw, 'failure'));
  return why ? { page: page as number, url, reason, failure: why } : { page: page as number, url, reason };
}

/** A failure's code and values when well-formed (a known code; values of text or numbers), else null. */
function failureFrom(raw: unknown): Failure | null {
  if (!isObject(raw)) return null;
  const code = own(raw, 'code');
  if (!isFailureCode(code)) return null;
  const rawParams = own(raw, 'params');
  if (rawParams === undefined) return failure(code);
  if (!isObject(rawParams)) return null;
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(rawParams)) {
    if (!/^\w{1,40}$/.test(key)) return null;
    if (typeof value === 'string') params[key] = value.slice(0, 500);
    else if (typeof value === 'number' && Number.isFinite(value)) params[key] = value;
    else return null;
  }
  return failure(code, params);
}

function imageInfoFrom(raw: unknown): SavedImageInfo | null {
  if (!isObject(raw)) return null;
  const url = own(raw, 'url');
  const type = own(raw, 'type');
  const size = own(raw, 'size');
  if (!isString(url) || !isString(type) || !isCount(size)) return null;
  return { url, type, size };
}

function imageFailureFrom(raw: unknown): ImageFailure | null {
  if (!isObject(raw)) return null;
  const url = own(raw, 'url');
  const reason = own(raw, 'reason');
  if (!isString(url) || !isString(reason)) return null;
  return { url, reason };
}

/** Well-formed entries of an array field; `repaired` notes a dropped entry or a non-array. */
function entries<T>(raw: unknown, field: string, from: (v: unknown) => T | null, repaired: string[]): T[] {
  if (!Array.isArray(raw)) {
    repaired.push(`${field} was not a list`);
    return [];
  }
  const out: T[] = [];
  for (const item of raw) {
    const ok = from(item);
    if (ok) out.push(ok);
  }
  if (out.length !== raw.length) repaired.push(`${raw.length - out.length} malformed ${field} entr${raw.length - out.length === 1 ? 'y' : 'ies'} dropped`);
  return out;
}

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/** The record as a SavedArticle of known fields, repaired where it can be, or why it cannot. */
export function checkSavedArticle(raw: unknown): RecordCheck {
  if (!isObject(raw)) return { ok: false, reason: 'not an article record' };
  const url = httpUrl(own(raw, 'url'));
  if (!url) return { ok: false, reason: 'its address is not an http(s) address' };
  const title = own(raw, 'title');
  const contentHtml = own(raw, 'contentHtml');
  const textContent = own(raw, 'textContent');
  if (!isString(title) || !isString(contentHtml) || !isString(textContent)) return { ok: false, reason: 'its title or text is missing' };
  const savedAt = own(raw, 'savedAt');
  if (!isCount(savedAt)) return { ok: false, reason: 'it has no save time' };
  const pageUrlsRaw = own(raw, 'pageUrls');
  if (!Array.isArray(pageUrlsRaw) || pageUrlsRaw.length > MAX_PAGES) return { ok: false, reason: 'its page addresses are missing' };
  const pageUrls: string[] = [];
  for (const [i, value] of pageUrlsRaw.entries()) {
    const pageUrl = httpUrl(value);
    if (!pageUrl) return { ok: false, reason: `the address of its page ${i + 1} is not an http(s) address` };
    pageUrls.push(pageUrl);
  }

  const repaired: string[] = [];
  const optional = (key: string): string | null => {
    const v = own(raw, key);
    if (v === null || v === undefined || isString(v)) return (v as string | null | undefined) ?? null;
    repaired.push(`${key} was not text`);
    return null;
  };
  const site = own(raw, 'site');
  const knownSite = isString(site) && KNOWN_SITES.has(site) ? site : null;
  if (!knownSite) repaired.push(`unknown site ${JSON.stringify(site)?.slice(0, 40) ?? 'undefined'}`);
  let lang = optional('lang');
  if (lang !== null && !/^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/.test(lang)) {
    repaired.push('lang was not a language tag');
    lang = null;
  }
  let dir = optional('dir');
  if (dir !== null && dir !== 'ltr' && dir !== 'rtl' && dir !== 'auto') {
    repaired.push('dir was not ltr, rtl or auto');
    dir = null;
  }
  const failedPages = entries(own(raw, 'failedPages'), 'failedPages', failedPageFrom, repaired);
  const images = entries(own(raw, 'images'), 'images', imageInfoFrom, repaired);
  const imageFailures = entries(own(raw, 'imageFailures'), 'imageFailures', imageFailureFrom, repaired);
  let pageCount = own(raw, 'pageCount');
  if (!Number.isInteger(pageCount) || (pageCount as number) < 1 || (pageCount as number) > MAX_PAGES) {
    repaired.push('pageCount recomputed');
    pageCount = Math.max(1, pageUrls.length, ...failedPages.map((f) => f.page));
  }
  let length = own(raw, 'length');
  if (!isCount(length)) {
    repaired.push('length recomputed');
    length = textContent.length;
  }
  let size = own(raw, 'size');
  if (!isCount(size)) {
    repaired.push('size recomputed');
    size = utf8Length(contentHtml) + utf8Length(textContent) + images.reduce((n, i) => n + i.size, 0);
  }
  // The id is the canonical URL's: never taken on trust.
  const canonical = canonicalArticleUrl(url);
  const article: SavedArticle = {
    id: articleIdFor(canonical),
    url: canonical,
    title,
    byline: optional('byline'),
    source: optional('source'),
    publishedTime: optional('publishedTime'),
    siteName: optional('siteName'),
    lang,
    dir,
    site: knownSite ?? generic.id,
    excerpt: optional('excerpt'),
    length: length as number,
    pageUrls,
    pageCount: pageCount as number,
    failedPages,
    contentHtml,
    textContent,
    savedAt,
    size: size as number,
    images,
    imageFailures,
  };
  return { ok: true, article, repaired };
}

/**
 * A list entry as the list can show it whatever is stored: every field of the right type (an
 * entry changed outside WholeStory is listed, and says it is damaged when opened).
 */
export function listEntryFrom(raw: LibraryEntry): LibraryEntry {
  const r = raw as unknown as Record<string, unknown>;
  const str = (key: string, fallback: string) => (isString(own(r, key)) ? (own(r, key) as string) : fallback);
  const num = (key: string) => (isCount(own(r, key)) ? (own(r, key) as number) : 0);
  const siteName = own(r, 'siteName');
  const deletedAt = own(r, 'deletedAt');
  const site = str('site', generic.id);
  const entry: LibraryEntry = {
    id: String(own(r, 'id')),
    url: str('url', ''),
    title: str('title', ''),
    site: KNOWN_SITES.has(site) ? site : generic.id,
    siteName: isString(siteName) ? siteName : null,
    pageCount: num('pageCount'),
    savedAt: num('savedAt'),
    size: num('size'),
    imageCount: num('imageCount'),
    ord: num('ord'),
  };
  const missing = num('missingPages');
  if (missing > 0) entry.missingPages = Math.floor(missing);
  if (deletedAt !== undefined) entry.deletedAt = typeof deletedAt === 'number' ? deletedAt : 0;
  return entry;
}
