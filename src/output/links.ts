/**
 * URLs in what WholeStory writes out: resolved against the page they came from, and http(s) only
 * (a `javascript:` or `data:` link never reaches a file, a clipboard or a Markdown viewer).
 */
import { parseHttpUrl } from '../pipeline/url';

/** `value` as an absolute http(s) URL against `base` (fragment kept), or null. */
export function httpUrl(value: string | null | undefined, base?: string): string | null {
  if (!value) return null;
  return parseHttpUrl(value, base)?.href ?? null;
}

/** The article's pages, for resolving what each `<section data-page="N">` holds. */
export interface PageAddresses {
  /** Page 1. */
  url: string;
  pageUrls: readonly string[];
}

/** The address the element's page was read from (its section's page, else page 1). */
export function pageUrlOf(el: Element, article: PageAddresses): string {
  const page = Number(el.closest('[data-page]')?.getAttribute('data-page'));
  return (Number.isInteger(page) && article.pageUrls[page - 1]) || article.url;
}

const URL_ATTRIBUTES: ReadonlyArray<readonly [string, string]> = [
  ['a', 'href'],
  ['img', 'src'],
];

/**
 * Relative links and image sources made absolute against the page each came from. A value that
 * is not an http(s) URL is left for the sanitizer (it removes it); a fragment (`#note1`) stays.
 */
export function absolutizeLinks(body: Element, article: PageAddresses): void {
  for (const [tag, attr] of URL_ATTRIBUTES) {
    for (const el of body.querySelectorAll(`${tag}[${attr}]`)) {
      const value = el.getAttribute(attr) ?? '';
      if (value.startsWith('#')) continue;
      const absolute = httpUrl(value, httpUrl(pageUrlOf(el, article)) ?? undefined);
      if (absolute) el.setAttribute(attr, absolute);
    }
  }
}
