/** URL helpers shared by detection, fetching and extraction. No DOM, no globals. */

/** Second-level labels under which a registrable domain takes three labels (people.com.cn). */
const TWO_LABEL_SUFFIXES = new Set([
  'com.cn', 'net.cn', 'org.cn', 'gov.cn', 'edu.cn', 'ac.cn', 'co.uk', 'org.uk', 'com.hk', 'com.tw',
  'org.tw', 'com.sg', 'com.au', 'co.jp', 'com.mo',
]);

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
 * "culture.people.com.cn" → "people.com.cn"), from a small public-suffix list that covers the
 * sites this project serves. IP addresses and single labels are returned as they are.
 */
export function registrableDomain(host: string): string {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (/^[\d.]+$/.test(h) || h.includes(':') || !h.includes('.')) return h;
  const labels = h.split('.');
  const lastTwo = labels.slice(-2).join('.');
  const take = TWO_LABEL_SUFFIXES.has(lastTwo) ? 3 : 2;
  return labels.slice(-take).join('.');
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
  const params = [...url.searchParams.entries()]
    .filter(([k]) => !/^(utm_|from$|spm$|share|isappinstalled$)/i.test(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = params.length ? '?' + params.map(([k, v]) => `${k}=${v}`).join('&') : '';
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
export function documentBase(doc: Document, pageUrl: string): string {
  const href = doc.getElementsByTagName('base')[0]?.getAttribute('href');
  if (!href) return pageUrl;
  const resolved = parseHttpUrl(href, pageUrl);
  return resolved && sameSite(resolved, pageUrl) ? resolved.href : pageUrl;
}

/** `url` without its `#fragment`. */
export function stripHash(url: string): string {
  const i = url.indexOf('#');
  return i === -1 ? url : url.slice(0, i);
}
