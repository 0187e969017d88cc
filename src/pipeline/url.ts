/** URL helpers shared by detection, fetching and extraction. No DOM, no globals. */

/**
 * The registrable domains of the sites with a rule of their own (src/sites): the content script,
 * which runs on those sites only and is kept small, compares hosts by these alone (url.test.ts
 * checks each against the Public Suffix List).
 */
export const KNOWN_SITE_DOMAINS: readonly string[] = ['xinhuanet.com', 'news.cn', 'xinhua.org', 'people.com.cn', 'peopledaily.com.cn', 'people.cn'];

/** A host's registrable domain by the Public Suffix List, or null for a public suffix itself. */
export type PublicSuffixLookup = (host: string) => string | null;
let publicSuffixLookup: PublicSuffixLookup | null = null;

/**
 * Compare sites by the Public Suffix List from now on. `public-suffix.ts` installs it (tldts,
 * 140 KB); `load-page.ts` loads that module the first time a read needs it
 * (`publicSuffixListFor`, needsPublicSuffixList), which a read of a known site's article never
 * does: the reader's first text does not wait for it. The content script, which only detects,
 * does without it (registrableDomain says why that is never looser).
 */
export function usePublicSuffixList(lookup: PublicSuffixLookup | null): void {
  publicSuffixLookup = lookup;
}

/**
 * Whether comparing `host`'s site with another host's needs the Public Suffix List. Not for an IP
 * address, a single label or a known site's host: registrableDomain gives the list's answer for
 * those without it, and two hosts one of which is such compare the same with or without it (a
 * known site's domain d is another host's site only if that host is d or ends in `.d`, by either
 * way of telling). A read whose own pages are on a known site never needs the list.
 */
export function needsPublicSuffixList(host: string): boolean {
  if (publicSuffixLookup) return false;
  const h = host.toLowerCase().replace(/\.$/, '');
  if (/^[\d.]+$/.test(h) || h.includes(':') || !h.includes('.')) return false;
  return !KNOWN_SITE_DOMAINS.some((d) => h === d || h.endsWith(`.${d}`));
}

/** Parse a URL, or null when it is not an http(s) URL. */
export function parseHttpUrl(href: string, base?: string): URL | null {
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * The registrable domain of a host ("news.xinhuanet.com" → "xinhuanet.com",
 * "culture.people.com.cn" → "people.com.cn", "news.abc.com.br" → "abc.com.br",
 * "a.github.io" → "a.github.io") by the Public Suffix List, private section included. A public
 * suffix itself, an IP address or a single label is its own site. Without the list installed (the
 * content script) a known site's domain (KNOWN_SITE_DOMAINS), else the whole host: two hosts are
 * then the same site only if the list says so too, never the other way round.
 */
export function registrableDomain(host: string): string {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (/^[\d.]+$/.test(h) || h.includes(':') || !h.includes('.')) return h;
  if (publicSuffixLookup) return publicSuffixLookup(h) ?? h;
  return KNOWN_SITE_DOMAINS.find((d) => h === d || h.endsWith(`.${d}`)) ?? h;
}

/** Whether two URLs belong to the same registrable domain (http/https twins count as the same). */
export function sameSite(a: string | URL, b: string | URL): boolean {
  const ua = typeof a === 'string' ? parseHttpUrl(a) : a;
  const ub = typeof b === 'string' ? parseHttpUrl(b) : b;
  if (!ua || !ub) return false;
  return registrableDomain(ua.hostname) === registrableDomain(ub.hostname);
}

/**
 * A key that is equal for URLs a reader would call "the same page": no fragment, no scheme
 * difference, no trailing slash difference, host lower-cased, `www.` ignored, default index files
 * ignored. Query strings are kept (they select pages on some sites); callers that know a site's
 * pages live in the path drop them first.
 */
export function pageKey(href: string): string {
  const url = parseHttpUrl(href);
  if (!url) return href;
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  let path = url.pathname.replace(/\/(index|default)\.(s?html?|php|aspx?)$/i, '/').replace(/\/+$/, '');
  if (path === '') path = '/';
  // forEach, not the entries() iterator: in a Firefox content script that iterator is not iterable (the news tab's part, content/page-part.ts).
  const params: Array<[string, string]> = [];
  url.searchParams.forEach((value, key) => params.push([key, value]));
  const kept = params
    .filter(([k]) => !/^(utm_|from$|spm$|share|isappinstalled$)/i.test(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = kept.length ? '?' + kept.map(([k, v]) => `${k}=${v}`).join('&') : '';
  return host + path + query;
}

/** Resolve `href` against `base`; null for javascript:, data:, mailto: and unparseable values. */
export function absoluteHttpUrl(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  const trimmed = href.trim();
  if (!trimmed || /^(javascript|data|vbscript|mailto|tel):/i.test(trimmed) || trimmed.startsWith('#')) return null;
  const url = parseHttpUrl(trimmed, base);
  if (!url) return null;
  url.hash = '';
  return url.href;
}

/**
 * The base URL links on a page resolve against: its `<base href>` when that stays on the same
 * site, else the page's own URL. Documents from DOMParser carry the parser's URL, never the
 * page's, so the pipeline always passes the page URL explicitly.
 */
/**
 * The first `<base href>` in tree order, as `querySelector('base[href]')` finds it, through the
 * document's own tag index (a selector query costs jsdom a compile per document and a full walk).
 */
function firstBase(doc: Document): Element | null {
  const bases = doc.getElementsByTagName('base');
  for (let i = 0; i < bases.length; i++) {
    const base = bases.item(i);
    if (base?.hasAttribute('href')) return base;
  }
  return null;
}

export function documentBase(doc: Document, pageUrl: string): string {
  const href = firstBase(doc)?.getAttribute('href');
  if (!href) return pageUrl;
  const resolved = parseHttpUrl(href, pageUrl);
  return resolved && sameSite(resolved, pageUrl) ? resolved.href : pageUrl;
}

/**
 * The key one resource is known by: the URL parsed (WHATWG-normalized) without its `#fragment`,
 * which is never sent; an unparsable string stays as it is. The library's article ids, the eval's
 * served pages and the test servers' routes all key by it.
 */
export function urlKey(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  } catch {
    return url;
  }
}

/** `url` without its `#fragment`. */
export function stripHash(url: string): string {
  const i = url.indexOf('#');
  return i === -1 ? url : url.slice(0, i);
}
