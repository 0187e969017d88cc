/**
 * What inline scripts say, kept before scripts are cut. Script pagers: CMSs that write their pager with a script (TRS `createPageHTML(count, current,
 * "name", "ext")`, `var countPage = 3`). Scripts are cut before a fetched page is parsed
 * (parse-page.ts), so the call is read from the raw HTML first and kept on the document as data;
 * on a live page (the content script) the inline scripts are read directly.
 */
import { mayMatch } from './query';

/** What an inline script says about the article's pages. */
export interface ScriptPager {
  /** Number of pages; 1 means a single page. */
  count: number;
  /** 0-based index of this page, when the script says it. */
  current: number | null;
  /** File name of page 1 without extension (`t20240305_123`); later pages are `name_1`, `name_2`… */
  name: string | null;
  /** Extension without the dot (`html`). */
  ext: string | null;
  /**
   * The CMS counts from 0 (TRS: `currentPage` 0 is page 1, page k is `name_{k-1}`): said by
   * `createPageHTML` and `countPage`; other scripts' numbers are the page numbers shown.
   */
  zeroBased?: boolean;
}

/** The page number a script pager gives this page (1 for the first page), or null where it gives none. */
export function scriptPageNumber(script: ScriptPager): number | null {
  return script.current === null ? null : script.current + (script.zeroBased ? 1 : 0);
}

const ATTRIBUTE = 'data-wholestory-script-pager';
/** Past this, a number in a script is not a page count. */
const MAX_COUNT = 200;
/** Only this much of a page's scripts is read (the calls sit in small inline scripts). */
const MAX_SCRIPT_TEXT = 200_000;
/** A script that may write a pager. */
const MENTIONS = /createPageHTML|countPage|pageCount|totalPage|maxPage|page_count|pageTotal/i;

// The id of the element it writes into may come first: `createPageHTML('page_div', 4, 0, "t2024…", "html", 10)`.
const CALL = /createPageHTML\s*\(\s*(?:["'][\w-]{1,40}["']\s*,\s*)?([\w.]+)\s*,\s*([\w.]+)\s*,\s*["']([^"'\\/]{1,120})["']\s*,\s*["']([a-z]{2,5})["']/i;
// A number ends where no digit, dot or word character follows: TRS writes `var countPage = 4//共多少页`.
const COUNT_VAR = /\b(?:var\s+|let\s+|const\s+)?(countPage|pageCount|totalPage|totalPages|page_count|maxPage)\s*=\s*["']?(\d{1,4})(?![\d.\w])/i;
const CURRENT_VAR = /\b(?:var\s+|let\s+|const\s+)?(currentPage|curPage|pageIndex|current_page)\s*=\s*["']?(\d{1,4})(?![\d.\w])/i;
/**
 * The same in an object literal or JSON (`{"totalPage":3,"currentPage":2}`): a count only beside
 * this page's number in the same object, since a comment list's or a gallery's data says `totalPage` too.
 */
const COUNT_KEY = /["']?\b(countPage|pageCount|totalPage|totalPages|page_count|maxPage|pageTotal)["']?\s*:\s*["']?(\d{1,4})(?![\d.\w])/i;
const CURRENT_KEY = /["']?\b(currentPage|curPage|pageIndex|current_page|pageNo|pageNum|page)["']?\s*:\s*["']?(\d{1,4})(?![\d.\w])/i;

const LIST_KEYS = /["']?\b(offset|size|limit|items|totalItems|totalCount|totalRecords|total_count|pageSize|page_size|perPage|per_page|rows|records|results)["']?\s*:/i;

function variable(text: string, name: string): number | null {
  const re = new RegExp(`\\b${name.replace(/[.$]/g, '\\$&')}\\s*=\\s*["']?(\\d{1,4})(?![\\d.\\w])`);
  const m = re.exec(text);
  return m ? Number(m[1]) : null;
}

function valueOf(token: string, text: string): number | null {
  if (/^\d+$/.test(token)) return Number(token);
  return variable(text, token);
}

/** Reads a script pager out of script text (all of a page's inline scripts, concatenated). */
export function parseScriptPager(text: string): ScriptPager | null {
  const call = CALL.exec(text);
  if (call) {
    const count = valueOf(call[1] as string, text);
    const current = valueOf(call[2] as string, text);
    if (count !== null && count >= 1 && count <= MAX_COUNT) {
      return { count, current: current !== null && current < count ? current : null, name: call[3] as string, ext: call[4] as string, zeroBased: true };
    }
  }
  const count = COUNT_VAR.exec(text);
  if (count) {
    const n = Number(count[2]);
    if (n >= 1 && n <= MAX_COUNT) {
      const cur = CURRENT_VAR.exec(text);
      return { count: n, current: cur ? Number(cur[2]) : null, name: null, ext: null, zeroBased: /^countPage$/i.test(count[1] as string) };
    }
  }
  const keyed = COUNT_KEY.exec(text);
  if (keyed) {
    const n = Number(keyed[2]);
    // The object around the count: from its last `{` before to its first `}` after.
    const open = text.lastIndexOf('{', keyed.index);
    const close = text.indexOf('}', keyed.index);
    const object = open >= 0 && close > keyed.index && close - open <= 600 ? text.slice(open, close) : '';
    const cur = CURRENT_KEY.exec(object.replace(keyed[0], ''));
    // Pagination data of a list (`{"offset":0,"page":1,"size":3,"totalItems":78,"totalPages":26}`,
    // an author's other stories) is no article's page count.
    if (cur && n >= 1 && n <= MAX_COUNT && !LIST_KEYS.test(object)) return { count: n, current: Number(cur[2]), name: null, ext: null, zeroBased: false };
  }
  return null;
}

/** The inline scripts' text of raw HTML, capped. */
function scriptTextOfHtml(html: string): string {
  let out = '';
  const re = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
  for (let m = re.exec(html); m && out.length < MAX_SCRIPT_TEXT; m = re.exec(html)) {
    if (/\bsrc\s*=/i.test(m[1] ?? '')) continue;
    const body = m[2] ?? '';
    if (MENTIONS.test(body)) out += `${body}\n`;
  }
  return out;
}

/** Before a fetched page's scripts are cut: keep what its script pager says on the document. */
export function recordScriptPager(doc: Document, html: string): void {
  const root = doc.documentElement;
  if (!root) return;
  // Page content must not forge the hint.
  root.removeAttribute(ATTRIBUTE);
  if (!MENTIONS.test(html)) return;
  const found = parseScriptPager(scriptTextOfHtml(html));
  if (found) root.setAttribute(ATTRIBUTE, JSON.stringify(found));
}

/** A live document's inline scripts that mention a pager, capped. */
function liveScriptText(doc: Document): string {
  let text = '';
  for (const s of doc.querySelectorAll('script:not([src])')) {
    const body = s.textContent ?? '';
    if (MENTIONS.test(body)) text += `${body}\n`;
    if (text.length > MAX_SCRIPT_TEXT) break;
  }
  return text;
}

/** Record from a live document's own inline scripts (the page in hand, before it is defused). */
export function recordScriptPagerFromDocument(doc: Document): void {
  const root = doc.documentElement;
  if (!root || root.hasAttribute(ATTRIBUTE)) return;
  const text = liveScriptText(doc);
  const found = text ? parseScriptPager(text) : null;
  if (found) root.setAttribute(ATTRIBUTE, JSON.stringify(found));
}

/** What the document's script pager said (recorded at parse time), or its live scripts. */
export function scriptPagerOf(doc: Document): ScriptPager | null {
  const root = doc.documentElement;
  if (!root) return null;
  const raw = root.getAttribute(ATTRIBUTE);
  if (raw === null) {
    // A live page (content script): its scripts are still there. A parsed page has none left,
    // which its query index tells without a query (mayMatch).
    const text = mayMatch(doc, 'script') ? liveScriptText(doc) : '';
    return text ? parseScriptPager(text) : null;
  }
  try {
    const v = JSON.parse(raw) as Partial<ScriptPager>;
    if (typeof v.count !== 'number' || !Number.isInteger(v.count) || v.count < 1 || v.count > MAX_COUNT) return null;
    return {
      count: v.count,
      current: typeof v.current === 'number' ? v.current : null,
      name: typeof v.name === 'string' ? v.name : null,
      ext: typeof v.ext === 'string' ? v.ext : null,
      zeroBased: v.zeroBased === true,
    };
  } catch {
    return null;
  }
}

/** What a page's JSON-LD (`<script type="application/ld+json">`) says of the article. */
export interface LinkedData {
  headline: string | null;
  author: string | null;
  datePublished: string | null;
}

const LD_ATTRIBUTE = 'data-wholestory-linked-data';

function ldName(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) {
    const names = value.map(ldName).filter((n): n is string => !!n);
    return names.length ? names.join(', ') : null;
  }
  if (value && typeof value === 'object' && 'name' in value) return ldName((value as { name: unknown }).name);
  return null;
}

function ldArticle(node: unknown, depth = 0): LinkedData | null {
  if (!node || typeof node !== 'object' || depth > 4) return null;
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = ldArticle(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  const o = node as Record<string, unknown>;
  const type = Object.hasOwn(o, '@type') ? o['@type'] : null;
  const types = (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
  if (types.some((t) => /Article|BlogPosting|NewsArticle|Report|WebPage/i.test(t))) {
    const get = (k: string) => (Object.hasOwn(o, k) ? o[k] : null);
    const headline = ldName(get('headline')) ?? ldName(get('name'));
    const date = get('datePublished');
    return { headline, author: ldName(get('author')) ?? ldName(get('creator')), datePublished: typeof date === 'string' ? date : null };
  }
  return Object.hasOwn(o, '@graph') ? ldArticle(o['@graph'], depth + 1) : null;
}

/** Before a fetched page's scripts are cut: keep what its JSON-LD says (headline, author, date). */
export function recordLinkedData(doc: Document, html: string): void {
  const root = doc.documentElement;
  if (!root) return;
  root.removeAttribute(LD_ATTRIBUTE);
  if (!/application\/ld\+json/i.test(html)) return;
  const re = /<script\b[^>]*type\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script\s*>/gi;
  let seen = 0;
  for (let m = re.exec(html); m && seen < 8; m = re.exec(html), seen++) {
    const text = (m[1] ?? '').trim();
    if (!text || text.length > MAX_SCRIPT_TEXT) continue;
    let data: unknown;
    try {
      data = JSON.parse(text.replace(/^<!\[CDATA\[|\]\]>$/g, ''));
    } catch {
      continue;
    }
    const found = ldArticle(data);
    if (found && (found.headline || found.author || found.datePublished)) {
      root.setAttribute(LD_ATTRIBUTE, JSON.stringify(found));
      return;
    }
  }
}

/** The JSON-LD recorded at parse time, if any. */
export function linkedDataOf(doc: Document): LinkedData | null {
  const raw = doc.documentElement?.getAttribute(LD_ATTRIBUTE);
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<LinkedData>;
    const str = (x: unknown) => (typeof x === 'string' && x.length <= 300 ? x : null);
    return { headline: str(v.headline), author: str(v.author), datePublished: str(v.datePublished) };
  } catch {
    return null;
  }
}
