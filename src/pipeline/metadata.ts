/** Article metadata: title without the page suffix, source, published time, byline. */
import type { SiteRule } from '../sites/types';
import { stripPageSuffix } from './pager-words';
import { linkedDataOf } from './script-data';
import { collapseSpace } from './cjk-text';
import { elementsByTags, mayMatch, queryAllSafe } from './query';

export { stripPageSuffix };

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

/**
 * Remove the site and channel from a `<title>`: `标题--频道--人民网 `, `标题_新华网`,
 * `标题 - Xinhua | English.news.cn`, `Title -- People's Daily Online`.
 */
export function stripSiteFromTitle(title: string): string {
  const t = collapseSpace(title);
  // `--` and `_` always separate a site or channel; a spaced dash or bar only after a real title.
  // …but only when what follows is short like site and channel names ("_新华网", "--频道--人民网"):
  // a headline may hold an underscore itself.
  const strong = t.split(/\s*(?:--|_)\s*/);
  if (strong.length > 1 && (strong[0] ?? '').length >= 2 && strong.slice(1).every((part) => part.length <= 30)) return strong[0] as string;
  const parts = t.split(/\s*(?:\s[-|–—·•]\s|\|)\s*/);
  if (parts.length > 1 && (parts[0] ?? '').length >= 4) return parts[0] as string;
  // "标题-中新网": a short site name glued on with a bare hyphen.
  // "标题-女主播-东北网娱乐": a short channel or tag before it, and a channel glued to the site's name.
  const SITE = '[^-–—]{2,12}(网|網|报|報|新闻|新聞|News|Daily|Online|\\.com|\\.cn)[^-–—]{0,4}';
  const withChannel = new RegExp(`^(.{4,})\\s*[-–—]\\s*[^-–—\\s]{1,6}\\s*[-–—]\\s*${SITE}$`, 'i').exec(t);
  if (withChannel) return withChannel[1] as string;
  const glued = new RegExp(`^(.{2,}?)\\s*[-–—]\\s*${SITE}$`, 'i').exec(t);
  if (glued) return glued[1] as string;
  return t;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A calendar date and clock time that exist (no 25:99, no month 13). */
function validDateTime(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/**
 * Parse the date formats these sites print into ISO 8601. China's sites print Beijing time, so
 * a time without a zone gets +08:00. Returns null when nothing date-like is found.
 */
export function parseChineseNewsDate(raw: string | null | undefined, defaultOffset = '+08:00'): string | null {
  if (!raw) return null;
  const text = collapseSpace(raw);
  // Already ISO with a zone.
  const iso = /(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})/.exec(text);
  if (iso) {
    if (!validDateTime(Number(iso[1]), Number(iso[2]), Number(iso[3]), Number(iso[4]), Number(iso[5]), Number(iso[6] ?? 0))) return null;
    const zone = iso[7] === 'Z' ? '+00:00' : (iso[7] as string).replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
    return `${iso[1]}-${iso[2]}-${iso[3]}T${iso[4]}:${iso[5]}:${iso[6] ?? '00'}${zone}`;
  }
  // 2019年06月15日08:18 | 2012-01-16 10:23:45 | 2012/01/16 | 2022-02-13 07:48
  const ymd = /(\d{4})\s*(?:年|-|\/|\.)\s*(\d{1,2})\s*(?:月|-|\/|\.)\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?/.exec(text);
  if (ymd) {
    const [, y, mo, d, h, mi, s] = ymd;
    if (!validDateTime(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0))) return null;
    const date = `${y}-${pad(Number(mo))}-${pad(Number(d))}`;
    if (h === undefined) return date;
    return `${date}T${pad(Number(h))}:${pad(Number(mi))}:${pad(Number(s ?? 0))}${defaultOffset}`;
  }
  // news.cn 2020+: <span class="year">2023</span><span class="day">11/17</span><span class="time">20:52:15</span>
  const split = /(\d{4})\s+(\d{1,2})\s*\/\s*(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(text);
  if (split) {
    const [, y, mo, d, h, mi, s] = split;
    if (!validDateTime(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0))) return null;
    return `${y}-${pad(Number(mo))}-${pad(Number(d))}T${pad(Number(h))}:${pad(Number(mi))}:${pad(Number(s ?? 0))}${defaultOffset}`;
  }
  // 08:35, September 10, 2013 | September 10, 2013 08:35 | 10 Sep 2013
  const mdy = /(?:(\d{1,2}):(\d{2})\s*,?\s*)?([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:\s+(\d{1,2}):(\d{2}))?/.exec(text);
  if (mdy) {
    const month = MONTHS[(mdy[3] as string).toLowerCase().slice(0, (mdy[3] as string).toLowerCase() === 'sept' ? 4 : 3)];
    if (month) {
      const h = mdy[1] ?? mdy[6];
      const mi = mdy[2] ?? mdy[7];
      if (!validDateTime(Number(mdy[5]), month, Number(mdy[4]), Number(mdy[1] ?? mdy[6] ?? 0), Number(mdy[2] ?? mdy[7] ?? 0))) return null;
      const date = `${mdy[5]}-${pad(month)}-${pad(Number(mdy[4]))}`;
      return h === undefined ? date : `${date}T${pad(Number(h))}:${pad(Number(mi))}:00${defaultOffset}`;
    }
  }
  const dmy = /(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})/.exec(text);
  if (dmy) {
    const month = MONTHS[(dmy[2] as string).toLowerCase().slice(0, 3)];
    if (month && validDateTime(Number(dmy[3]), month, Number(dmy[1]))) return `${dmy[3]}-${pad(month)}-${pad(Number(dmy[1]))}`;
  }
  return null;
}

/** The credited source in a line like "来源：人民网-文化频道", "来源： 新华网", "(Xinhua)". */
export function parseSource(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const text = collapseSpace(raw);
  // One or two words; a second word that is the next field ("作者：李明") is not part of it.
  const zh = /(?:来源|來源|稿源)\s*[:：]\s*([^\s|｜:：]+(?:\s(?![^\s]*[:：])[^\s|｜:：0-9][^\s|｜:：]*)?)/.exec(text);
  if (zh) return (zh[1] as string).replace(/[)）]$/, '').trim() || null;
  const en = /^\(?\s*(Xinhua|People's Daily(?: Online)?|China Daily|Global Times|CGTN|[A-Z][\w .'&-]{1,40}?)\s*\)/.exec(text);
  if (en) return (en[1] as string).trim();
  const src = /^(?:Source|Src)\s*[:：]\s*(.+)$/i.exec(text);
  if (src) return (src[1] as string).trim();
  return null;
}

function firstMatch(doc: Document, selectors: readonly string[], read: (el: Element) => string | null): string | null {
  for (const selector of selectors) {
    for (const el of queryAllSafe(doc, selector)) {
      const value = read(el);
      if (value) return value;
    }
  }
  return null;
}

function elementText(el: Element): string | null {
  if (el.tagName === 'META') return collapseSpace(el.getAttribute('content') ?? '') || null;
  return collapseSpace(el.textContent ?? '') || null;
}

/**
 * A `<meta>`'s content by name or property, first name first. Keys are matched case-insensitively
 * and one by one where a tag lists several (`property="dc:title og:title"`).
 */
function metaContent(doc: Document, names: string[]): string | null {
  const metas = queryAllSafe(doc, 'meta[content]');
  for (const name of names) {
    for (const el of metas) {
      const keys = `${el.getAttribute('name') ?? ''} ${el.getAttribute('property') ?? ''} ${el.getAttribute('itemprop') ?? ''}`.toLowerCase().split(/\s+/);
      if (!keys.includes(name)) continue;
      const v = collapseSpace(el.getAttribute('content') ?? '');
      if (v) return v;
    }
  }
  return null;
}

/**
 * The dateline when no selector found it: the first short element, in document order, that
 * holds a full date and time, and the first that credits a source ("2005年08月16日　来源：新华网",
 * "| 来源：杭州日报" in a table cell). Copyright notices that mention 来源 are skipped.
 */
const DATELINE_SCAN_LIMIT = 4000;
/** Elements a dateline (来源：… 2024年…) is written in. */
const DATELINE_TAGS = new Set(['td', 'div', 'span', 'p', 'font', 'b', 'li', 'em', 'strong', 'h2', 'h3', 'h4', 'h5', 'small', 'time']);

function scanDateline(doc: Document): { source: string | null; published: string | null } {
  let source: string | null = null;
  let published: string | null = null;
  // In document order, walked lazily; a dateline is a small element near the top, so big
  // containers are skipped unread and the scan stops after the first few thousand candidates.
  let read = 0;
  for (const el of doc.body ? elementsByTags(doc.body, DATELINE_TAGS) : []) {
    if (++read > DATELINE_SCAN_LIMIT) break;
    if (el.childElementCount > 12) continue;
    const raw = el.textContent ?? '';
    if (raw.length > 300) continue;
    const text = collapseSpace(raw);
    if (!text || text.length > 120) continue;
    if (!source && /(来源|來源)\s*[:：]/.test(text) && !/(凡本网|版权|版權|授权|授權|转载|轉載)/.test(text)) source = parseSource(text);
    if (!published) {
      const parsed = parseChineseNewsDate(text);
      if (parsed?.includes('T')) published = parsed;
    }
    if (source && published) break;
  }
  return { source, published };
}

export interface PageMetadata {
  title: string | null;
  /** Pre-title and subtitle lines, in page order. */
  deck: string[];
  byline: string | null;
  source: string | null;
  publishedTime: string | null;
  lang: string | null;
  dir: string | null;
}

/** Words of a Latin text, character pairs of a CJK one: what two titles can share. */
function titleTokens(text: string): Set<string> {
  const t = text.toLowerCase();
  const cjk = t.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu) ?? [];
  const out = new Set<string>(t.match(/[\p{L}\p{N}]{2,}/gu)?.filter((w) => !/[\p{Script=Han}]/u.test(w)) ?? []);
  for (let i = 1; i < cjk.length; i++) out.add(`${cjk[i - 1]}${cjk[i]}`);
  if (cjk.length === 1) out.add(cjk[0] as string);
  return out;
}

/** Whether a heading is the page's headline: most of its words (CJK: character pairs) are in the page's title. */
function resembles(heading: string, ...titles: Array<string | null>): boolean {
  const h = titleTokens(heading);
  if (!h.size) return false;
  return titles.some((t) => {
    if (!t) return false;
    const c = titleTokens(t);
    let shared = 0;
    for (const w of h) if (c.has(w)) shared++;
    return shared / h.size >= 0.5;
  });
}

/** A heading (h1–h3) that says the page's title, to keep its exact wording. */
function headingLike(doc: Document, pageTitle: string): string | null {
  for (const el of queryAllSafe(doc, 'h1, h2, h3')) {
    const t = elementText(el);
    if (t && t.length >= 4 && t.length <= 200 && resembles(t, pageTitle) && resembles(pageTitle, t)) return t;
  }
  return null;
}

/** A heading (h1–h3) whose text is `wanted` (spacing and case aside). */
function headingSaying(doc: Document, wanted: string): string | null {
  const w = collapseSpace(wanted).toLowerCase();
  for (const el of queryAllSafe(doc, 'h1, h2, h3')) {
    const t = elementText(el);
    if (t && t.toLowerCase() === w) return t;
  }
  return null;
}

/**
 * Whether a short heading is the site's name: the page's og:site_name, or one part of its
 * `<title>` beside a longer part ("Silicon Exposed: Open Verilog flow…", "Outside the web · V8",
 * "… :: 痞客邦 PIXNET ::").
 */
function namesTheSite(heading: string, doc: Document): boolean {
  const h = collapseSpace(heading).toLowerCase();
  const site = pageSiteName(doc);
  if (site && collapseSpace(site).toLowerCase() === h) return true;
  const parts = collapseSpace(doc.title).split(/\s*(?:::|[|·•»–—_]|\s-\s|:\s)\s*/).map((p) => p.toLowerCase());
  return parts.length > 1 && parts.includes(h) && parts.some((p) => p.length > h.length);
}

const BYLINE_MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
/** Where a date or a time printed after the name begins ("March 11, 2015 3:46 PM", "22 Dec 2016", "11/18/19", "Monday, …", "Updated …"). */
const BYLINE_DATE = new RegExp(
  `(?:\\b${BYLINE_MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}\\s+${BYLINE_MONTH},?\\s+\\d{4}|\\d{1,4}[-/.]\\d{1,2}[-/.]\\d{2,4}|\\d{1,2}:\\d{2}|\\b(?:updated|published|posted|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b)`,
  'i',
);

/**
 * The names in a byline element's text: the date and time printed after them and the "By" before
 * them cut ("By GILLIAN MOHNEY March 11, 2015 3:46 PM" → "GILLIAN MOHNEY", "by Lucas Nolan22 Dec
 * 2016" → "Lucas Nolan"). Null when nothing is left.
 */
export function bylineName(text: string): string | null {
  let t = collapseSpace(text);
  const date = BYLINE_DATE.exec(t);
  if (date && date.index > 0) t = t.slice(0, date.index);
  t = t
    .replace(/^(by|von|par|por)\s*[:：]?\s+/i, '')
    .replace(/[\s|,·•—–-]+$/u, '')
    .trim();
  return t || null;
}

/** Metadata of one page by its site rule, with `<meta>` and `<title>` as fallbacks. */
export function extractMetadata(doc: Document, rule: SiteRule): PageMetadata {
  let title = firstMatch(doc, rule.title, (el) => {
    const t = elementText(el);
    return t && t.length >= 2 && t.length <= 200 ? t : null;
  });
  const linked = linkedDataOf(doc);
  // Readability's order: Dublin Core first, where a page has it.
  const og = linked?.headline ?? metaContent(doc, ['dc:title', 'dcterm:title', 'og:title', 'twitter:title', 'dc.title', 'dcterms.title', 'parsely-title', 'sailthru.title']);
  const pageTitle = og ? stripSiteFromTitle(og) : doc.title ? stripSiteFromTitle(doc.title) : null;
  // The first heading is often the site's or the section's name (a logo in an <h1>): when it is
  // short and shares nothing with the page's own title (its <title> without the site's name), or
  // it is the site's name, the page's title is the headline: a heading that says the og:title
  // word for word first (the story's own heading further down), else one like it.
  if (title && pageTitle && pageTitle.length >= 6 && title.length <= 30) {
    const ownTitle = og && doc.title ? stripSiteFromTitle(doc.title) : null;
    const ogHeading = og ? headingSaying(doc, og) : null;
    if (ogHeading && ogHeading !== title) title = ogHeading;
    else if (!resembles(title, pageTitle, ownTitle) || (namesTheSite(title, doc) && !resembles(title, pageTitle))) title = headingLike(doc, pageTitle) ?? pageTitle;
  }
  title ??= pageTitle;
  title = title ? stripPageSuffix(title) : null;

  // Prefer a value with a time of day: `meta[name=publishdate]` often has the date alone.
  let dated: string | null = null;
  const timed = firstMatch(doc, rule.published, (el) => {
    const t = el.tagName === 'TIME' ? (el.getAttribute('datetime') ?? elementText(el)) : elementText(el);
    const parsed = parseChineseNewsDate(t);
    if (parsed && !dated) dated = parsed;
    return parsed && parsed.includes('T') ? parsed : null;
  });
  const metaTime = parseChineseNewsDate(
    metaContent(doc, ['article:published_time', 'og:release_date', 'publishdate', 'pubdate', 'publishtime', 'date', 'dc:date', 'datepublished']) ?? linked?.datePublished,
  );

  let source = firstMatch(doc, rule.source, (el) => {
    const t = elementText(el);
    return t ? (parseSource(t) ?? (t.length <= 30 && !/[:：]/.test(t) ? t : null)) : null;
  });
  if (!source) {
    // "2019年06月15日08:18  来源：人民网-文化频道" sits in the date line on People's Daily.
    source = firstMatch(doc, rule.published, (el) => parseSource(elementText(el)));
  }
  if (!source) {
    // <meta name="source" content="新华社"> carries the name itself.
    const meta = metaContent(doc, ['source']);
    source = meta ? (parseSource(meta) ?? (meta.length <= 30 ? meta : null)) : null;
  }
  let timedOrDated: string | null = timed ?? dated;
  if (!source || !timed) {
    const line = scanDateline(doc);
    source ??= line.source;
    // A dateline with the time of day refines a bare date from <meta> (same day only).
    if (!timed && line.published && (!dated || line.published.startsWith(dated))) timedOrDated = line.published;
  }

  let byline = firstMatch(doc, rule.byline, (el) => {
    const t = elementText(el);
    const name = t && t.length <= 200 ? bylineName(t) : null;
    // `meta[name=author]` holds a CMS user id on People's Daily ("104363"): not a name.
    return name && name.length <= 80 && !/\d{4,}/.test(name) ? name : null;
  });
  // The page's own data, where no element names anyone.
  if (!byline) {
    const named = linked?.author ?? metaContent(doc, ['dc:creator', 'author']);
    byline = named && named.length <= 80 && !/\d{4,}/.test(named) ? named : null;
  }
  if (byline) byline = byline.replace(/^(作者|记者|By)\s*[:：]?\s*/i, '').trim() || null;
  // A byline is a name or a few, not a sentence or a link farm.
  if (byline && (byline.split(/\s+/).length > 10 || /^https?:/i.test(byline))) byline = null;

  const htmlLang = doc.documentElement.getAttribute('lang') || metaContent(doc, ['language', 'content-language']);
  const lang = htmlLang && /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/i.test(htmlLang) ? htmlLang : null;
  const dir = doc.documentElement.getAttribute('dir') || null;
  const deck: string[] = [];
  for (const selector of rule.deck) {
    for (const el of queryAllSafe(doc, selector)) {
      const text = collapseSpace(el.textContent ?? '');
      if (text && text.length <= 200 && text !== title && !deck.includes(text)) deck.push(text);
    }
  }
  // A date alone from <meta> loses to a full time found in the dateline.
  const publishedTime = timedOrDated && (timedOrDated.includes('T') || !metaTime?.includes('T')) ? timedOrDated : (metaTime ?? timedOrDated ?? null);
  return { title, deck, byline, source, publishedTime, lang, dir };
}

/**
 * The reporters named where the story opens when no element names them: Xinhua's dateline
 * "新华社巴黎12月9日电（记者唐霁）", a "记者 许雪毅 王橙澄" line, an English "By John Smith".
 */
export function bylineFromText(text: string): string | null {
  const opening = text.slice(0, 600);
  const dateline = /电\s*[（(]\s*记者\s*([^）)]{2,40}?)\s*[）)]/.exec(opening);
  if (dateline) return (dateline[1] as string).replace(/\s+/g, ' ').trim();
  const line = /(?:^|\n)\s*(?:本报)?记者\s*[:：]?\s*([^\n]{2,30})\s*(?:\n|$)/.exec(opening);
  if (line && !/[，。；]/.test(line[1] as string)) return (line[1] as string).trim();
  const english = /(?:^|\n)\s*By\s+([A-Z][\w.'-]+(?:\s+(?:and\s+)?[A-Z][\w.'-]+){0,5})\s*(?:\n|$)/.exec(opening);
  return english ? (english[1] as string) : null;
}

/**
 * The article's language: many Xinhua and People's Daily pages say nothing, or say "en" on Chinese
 * pages, so the text decides between Chinese and English and the page only refines (zh-TW on the
 * big5 gateway).
 */
export function articleLang(pageLang: string | null, guessed: string | null): string | null {
  return guessed && pageLang && pageLang.slice(0, 2).toLowerCase() === guessed.slice(0, 2) ? pageLang : (guessed ?? pageLang);
}

/**
 * What assembly reads of a page's document besides its body: read before extraction when
 * extraction may take the document apart (a page read alone, extract.ts `again`).
 */
export interface PageFacts {
  meta: PageMetadata;
  /** The page's own site name ({@link pageSiteName}). */
  siteName: string | null;
}

export function pageFacts(doc: Document, rule: SiteRule): PageFacts {
  return { meta: extractMetadata(doc, rule), siteName: pageSiteName(doc) };
}

/** The site's name: the rule's, in the article's language, else the page's own (pageSiteName). */
export function siteNameOf(rule: SiteRule, pageName: string | null, lang: string | null): string | null {
  return rule.siteName(lang?.startsWith('en') ? 'en' : 'zh') || pageName;
}

/**
 * The page's own `og:site_name`: the first `<meta property="og:site_name">`'s content. (Read
 * through `meta[property]`, which jsdom answers without walking the whole document.)
 */
export function pageSiteName(doc: Document): string | null {
  if (!mayMatch(doc, 'meta[property="og:site_name"]')) return null;
  for (const meta of queryAllSafe(doc, 'meta[property]')) {
    // jsdom's selector compares this value without regard to case: so does this.
    if (meta.getAttribute('property')?.toLowerCase() === 'og:site_name') return meta.getAttribute('content')?.trim() || null;
  }
  return null;
}

/** The first real paragraph (20 characters or more), at most 200 characters. */
export function excerptOf(text: string): string | null {
  const source = text.split('\n\n').find((p) => p.length >= 20) ?? text;
  if (!source) return null;
  return source.length > 200 ? `${source.slice(0, 197)}…` : source;
}

/** A page's own headline, cheaply: its first `<h1>`, else its `og:title` or `<title>` without the site. */
function headlineOf(doc: Document): string | null {
  const h1 = doc.querySelector('h1');
  const text = h1 ? elementText(h1) : null;
  if (text && text.length >= 4 && text.length <= 200) return stripPageSuffix(text);
  const og = metaContent(doc, ['og:title']);
  const title = og ?? doc.title;
  return title ? stripPageSuffix(stripSiteFromTitle(title)) : null;
}

/**
 * Whether two pages belong to one article: pages of an article repeat its headline (page suffixes
 * aside); the next chapter of a book or the next story of a chain has its own. Unknown (no
 * headline on one of them) counts as the same.
 */
export function sameArticle(a: Document, b: Document): boolean {
  const ta = headlineOf(a);
  const tb = headlineOf(b);
  if (!ta || !tb || ta.length < 4 || tb.length < 4) return true;
  // Words and character pairs, not characters: "第10章 归乡" and "第11章 远行" share most characters.
  const pa = titleTokens(ta);
  const pb = titleTokens(tb);
  if (!pa.size || !pb.size) return true;
  let shared = 0;
  for (const p of pa) if (pb.has(p)) shared++;
  return (2 * shared) / (pa.size + pb.size) >= 0.5 || shared / Math.min(pa.size, pb.size) >= 0.8;
}
