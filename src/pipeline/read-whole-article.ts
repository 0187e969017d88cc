/** The whole pipeline: any page of a paginated article in, the whole clean article out. */
import { Readability } from '@mozilla/readability';
import { generic } from '../sites/index';
import { defusePage, parsePage } from './parse-page';
import { detectPaginationDetail, type DetectionDetail } from './detect';
import { ArticleError } from './errors';
import { extractPart, removeRepeatedTitle, type ExtractedPart } from './extract';
import { elementToText } from './html-text';
import { loadPage, type LoadedPage } from './load-page';
import { mergeParts, type MergeInput } from './merge';
import { extractMetadata, stripPageSuffix, type PageMetadata } from './metadata';
import { sanitizeArticleHtml } from './sanitize';
import { cjkAwareLength, collapseSpace, guessLang } from './text';
import type { BaselineOptions, FailedPage, ReadOptions, WholeArticle } from './types';
import { pageKey } from './url';

export const DEFAULTS = {
  maxPages: 30,
  concurrency: 6,
  timeoutMs: 15_000,
  totalTimeoutMs: 60_000,
};

interface PageSlot {
  page: number;
  url: string;
  state: 'pending' | 'loading' | 'done';
  doc?: Document;
  finalUrl?: string;
  reason?: string;
  /** Extracted as soon as the page arrived, while other pages were still on the way. */
  part?: ExtractedPart | null;
}

/**
 * Read a whole article from any of its pages. Pages known up front are fetched in parallel
 * (`concurrency` at a time); when the list is incomplete, each loaded page's pager and "next"
 * link extend it, up to `maxPages`. A page that fails leaves its place in `failedPages`; the
 * article still comes back with every page that worked, in order.
 *
 * Throws {@link ArticleError} only when the page given yields nothing.
 */
export async function readWholeArticle(options: ReadOptions & BaselineOptions): Promise<WholeArticle> {
  if (options.signal?.aborted) throw new ArticleError('aborted', 'aborted before reading began', options.url);
  const maxPages = Math.max(1, options.maxPages ?? DEFAULTS.maxPages);
  const concurrency = Math.max(1, options.concurrency ?? DEFAULTS.concurrency);
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const total = new AbortController();
  const totalTimeoutMs = options.totalTimeoutMs ?? DEFAULTS.totalTimeoutMs;
  let totalTimedOut = false;
  const totalTimer = setTimeout(() => {
    totalTimedOut = true;
    total.abort();
  }, totalTimeoutMs);
  const onOuterAbort = () => total.abort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const load = async (url: string, asked = false): Promise<LoadedPage> => {
    const loaded = await loadPage(url, { fetch: options.fetch, dom: options.dom, timeoutMs, signal: total.signal, followHiddenRedirects: asked });
    // Cut by the whole-article budget, not by the user: say so.
    if (!loaded.ok && loaded.code === 'aborted' && totalTimedOut && !options.signal?.aborted) {
      return { ...loaded, code: 'timeout', reason: `not loaded: the time for the whole article (${totalTimeoutMs} ms) ran out` };
    }
    return loaded;
  };

  try {
    // 1. The page in hand, or the page fetched.
    if (options.document) defusePage(options.document);
    let startDoc = options.document ?? (options.html !== undefined ? parsePage(options.dom, options.html, options.url) : null);
    let startUrl = options.url;
    if (!startDoc) {
      const loaded = await load(options.url, true);
      if (!loaded.ok) throw new ArticleError(loaded.code, `${options.url}: ${loaded.reason}`, options.url);
      startDoc = loaded.doc;
      startUrl = loaded.finalUrl;
    }

    // Xinhua answers a removed article with a page titled "已删除或过期的稿件" (SITES.md): that is
    // not an article, whatever text its template carries.
    if (/已删除或过期的稿件|已刪除或過期的稿件/.test(startDoc.title ?? '')) {
      throw new ArticleError('not-article', `${options.url}: the site says this article was deleted or has expired`, options.url);
    }

    // 2. Which pages exist.
    const detail = detectPaginationDetail(startDoc, startUrl, options.siteRules === false ? generic : undefined);
    const slots = new Map<number, PageSlot>();
    const keys = new Set<string>();
    // Under a cap, read a contiguous run of pages that holds the page in hand, never a gapped
    // selection that would pass for a shorter whole article: from page 1 when the whole list
    // fits, else from the current page on (shifted back near the end).
    const known = Math.max(detail.pageCount, detail.currentPage);
    const first = known <= maxPages ? 1 : Math.max(1, Math.min(detail.currentPage, known - maxPages + 1));
    const last = first + maxPages - 1;
    const addPage = (page: number, url: string): void => {
      if (slots.has(page) || page < first || page > last || slots.size >= maxPages) return;
      const key = pageKey(url);
      // The same document under another number (a cycle, or a link back to page 1 under another
      // query string): never fetched twice (fixture back-link-query-string).
      if (keys.has(key)) return;
      keys.add(key);
      slots.set(page, { page, url, state: 'pending' });
    };
    // Extract each page the moment it arrives: the CPU work overlaps the other pages' network time.
    const process = (slot: PageSlot): void => {
      if (!slot.doc || slot.part !== undefined) return;
      slot.part = extractPart(slot.doc, slot.finalUrl ?? slot.url, detail, null);
    };
    const current: PageSlot = { page: detail.currentPage, url: detail.pages.get(detail.currentPage) ?? startUrl, state: 'done', doc: startDoc, finalUrl: startUrl };
    slots.set(current.page, current);
    keys.add(pageKey(current.url));
    keys.add(pageKey(startUrl));

    const discover = (doc: Document, url: string, knownAs: number): void => {
      // A known site whose first page listed every page: later pages add nothing but cost time.
      if (doc !== startDoc && detail.complete && detail.rule !== generic) return;
      const found = doc === startDoc ? detail : detectPaginationDetail(doc, url, detail.rule);
      // Without a URL scheme a page cannot tell its own number: trust the number we fetched it as.
      const shift = found.position ? 0 : knownAs - found.currentPage;
      for (const [n, u] of [...found.pages.entries()].sort((a, b) => a[0] - b[0])) addPage(n + shift, u);
    };

    if (maxPages > 1) {
      if (options.followNextOnly) {
        await followNextSequentially(detail, current, slots, addPage, load);
        for (const slot of slots.values()) process(slot);
      } else {
        discover(startDoc, startUrl, current.page);
        // The requests go out first (fetchAll starts them before its first await); the page in
        // hand is extracted while they travel.
        const fetching = fetchAll(slots, concurrency, load, discover, process, options, () => total.signal.aborted);
        process(current);
        await fetching;
      }
    }
    if (options.signal?.aborted) throw new ArticleError('aborted', 'aborted', options.url);
    process(current);

    return assemble(detail, slots, current, options);
  } finally {
    clearTimeout(totalTimer);
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}

async function fetchAll(
  slots: Map<number, PageSlot>,
  concurrency: number,
  load: (url: string) => Promise<LoadedPage>,
  discover: (doc: Document, url: string, knownAs: number) => void,
  process: (slot: PageSlot) => void,
  options: ReadOptions,
  stopped: () => boolean,
): Promise<void> {
  const report = (slot: PageSlot, ok: boolean) => {
    const all = [...slots.values()];
    options.onProgress?.({
      done: all.filter((s) => s.state === 'done').length,
      total: all.length,
      totalKnown: all.every((s) => s.state !== 'pending') || false,
      url: slot.url,
      ok,
    });
  };
  const running = new Set<Promise<void>>();
  const next = (): PageSlot | undefined =>
    [...slots.values()].filter((s) => s.state === 'pending').sort((a, b) => a.page - b.page)[0];
  for (;;) {
    while (running.size < concurrency && !stopped()) {
      const slot = next();
      if (!slot) break;
      slot.state = 'loading';
      const task = (async () => {
        const loaded = await load(slot.url);
        slot.state = 'done';
        if (loaded.ok) {
          slot.doc = loaded.doc;
          slot.finalUrl = loaded.finalUrl;
          discover(loaded.doc, loaded.finalUrl, slot.page);
          process(slot);
        } else {
          slot.reason = loaded.reason;
        }
        report(slot, loaded.ok);
      })();
      running.add(task);
      void task.finally(() => running.delete(task));
    }
    if (running.size === 0) break;
    await Promise.race(running);
  }
  for (const slot of slots.values()) {
    if (slot.state !== 'done') {
      slot.state = 'done';
      slot.reason = stopped() ? 'not loaded: the time for the whole article ran out' : 'not loaded';
    }
  }
}

/** The Postlight/graby strategy, kept for the benchmark's baseline: one page at a time via "next". */
async function followNextSequentially(
  detail: DetectionDetail,
  current: PageSlot,
  slots: Map<number, PageSlot>,
  addPage: (page: number, url: string) => void,
  load: (url: string) => Promise<LoadedPage>,
): Promise<void> {
  let doc = current.doc as Document;
  let url = current.finalUrl ?? current.url;
  let page = current.page;
  for (;;) {
    const found = detectPaginationDetail(doc, url, detail.rule);
    if (!found.nextUrl) return;
    const nextPage = page + 1;
    const before = slots.size;
    addPage(nextPage, found.nextUrl);
    const slot = slots.get(nextPage);
    if (!slot || slots.size === before) return;
    const loaded = await load(slot.url);
    slot.state = 'done';
    if (!loaded.ok) {
      slot.reason = loaded.reason;
      return;
    }
    slot.doc = loaded.doc;
    slot.finalUrl = loaded.finalUrl;
    doc = loaded.doc;
    url = loaded.finalUrl;
    page = nextPage;
  }
}

function firstNonNull<K extends keyof PageMetadata>(metas: readonly PageMetadata[], key: K): PageMetadata[K] | null {
  for (const m of metas) if (m[key]) return m[key];
  return null;
}

/** Readability over the merged document; kept only when it loses no real text. */
function readabilityPass(article: Element, title: string): Element {
  const doc = article.ownerDocument.implementation.createHTMLDocument(title);
  doc.body.append(doc.importNode(article, true));
  let parsed: ReturnType<Readability['parse']> = null;
  try {
    parsed = new Readability(doc, { charThreshold: 20, keepClasses: false, disableJSONLD: true }).parse();
  } catch {
    return article;
  }
  if (!parsed?.content) return article;
  const holder = article.ownerDocument.createElement('div');
  holder.innerHTML = parsed.content; // eslint-disable-line no-unsanitized/property -- sanitized right after
  const before = collapseSpace(article.textContent ?? '').length;
  const after = collapseSpace(holder.textContent ?? '').length;
  const sectionsBefore = article.querySelectorAll('section[data-page]').length;
  const sectionsAfter = holder.querySelectorAll('section[data-page]').length;
  // Readability judges one page; on a merged article it may drop a short page or a caption.
  if (after < before * 0.97 || sectionsAfter < sectionsBefore) return article;
  const out = article.ownerDocument.createElement('article');
  const sections = holder.querySelectorAll('section[data-page]');
  out.append(...[...sections]);
  return out;
}

function assemble(detail: DetectionDetail, slots: Map<number, PageSlot>, current: PageSlot, options: ReadOptions): WholeArticle {
  const ordered = [...slots.values()].sort((a, b) => a.page - b.page);
  const loaded = ordered.filter((s) => s.doc);
  // Page 1's metadata first: it has the real headline and the time; later pages add suffixes.
  // Metadata lives on the first pages (and the page in hand); later pages only repeat it.
  const metaPages = [...new Set([...loaded.slice(0, 2), ...(current.doc ? [current] : [])])];
  const metaOrder = metaPages.map((slot) => extractMetadata(slot.doc as Document, detail.rule));
  const title = firstNonNull(metaOrder, 'title') ?? '';

  const failedPages: FailedPage[] = [];
  const inputs: MergeInput[] = [];
  for (const slot of ordered) {
    if (!slot.doc) {
      failedPages.push({ page: slot.page, url: slot.url, reason: slot.reason ?? 'not loaded' });
      inputs.push({ page: slot.page, url: slot.url, body: null });
      continue;
    }
    const part = slot.part === undefined ? extractPart(slot.doc, slot.finalUrl ?? slot.url, detail, null) : slot.part;
    if (part) removeRepeatedTitle(part.body, title);
    if (!part) {
      if (slot === current && ordered.length === 1) {
        throw new ArticleError('not-article', `${options.url}: no article text found on the page`, options.url);
      }
      failedPages.push({ page: slot.page, url: slot.url, reason: 'no article text found' });
      inputs.push({ page: slot.page, url: slot.url, body: null });
      continue;
    }
    inputs.push({ page: slot.page, url: slot.url, body: part.body });
  }
  if (inputs.every((i) => !i.body)) {
    throw new ArticleError('not-article', `${options.url}: no article text found on any page`, options.url);
  }

  const targetDoc = current.doc as Document;
  const merged = mergeParts(targetDoc, inputs);
  // The deck (引题/副题) opens the article: it is part of what the reader came for.
  const deck = metaOrder.find((m) => m.deck.length > 0)?.deck ?? [];
  const firstSection = merged.querySelector('section[data-page]');
  if (firstSection && deck.length) {
    const bodyText = collapseSpace(merged.textContent ?? '');
    const lines = deck.filter((line) => !bodyText.includes(line));
    firstSection.prepend(...lines.map((line) => Object.assign(targetDoc.createElement('h2'), { textContent: line })));
  }
  const cleaned = readabilityPass(merged, title);
  const contentHtml = sanitizeArticleHtml(cleaned.outerHTML, options.dom.window);
  const holder = targetDoc.implementation.createHTMLDocument('').createElement('div');
  holder.innerHTML = contentHtml; // eslint-disable-line no-unsanitized/property -- sanitized just above, inert document
  const textContent = elementToText(holder);

  const pageUrls = ordered.map((s) => s.url);
  const htmlLang = firstNonNull(metaOrder, 'lang');
  const guessed = guessLang(`${title}\n${textContent}`);
  // Many Xinhua and People's Daily pages say nothing, or say "en" on Chinese pages: the text decides
  // between Chinese and English, the page only refines (zh-TW on the big5 gateway).
  const lang = guessed && htmlLang && htmlLang.slice(0, 2).toLowerCase() === guessed.slice(0, 2) ? htmlLang : (guessed ?? htmlLang);
  const siteName =
    detail.rule === generic
      ? (current.doc?.querySelector('meta[property="og:site_name"]')?.getAttribute('content')?.trim() || null)
      : detail.rule.siteName(lang?.startsWith('en') ? 'en' : 'zh');
  const excerptSource = textContent.split('\n\n').find((p) => p.length >= 20) ?? textContent;
  const excerpt = excerptSource ? (excerptSource.length > 200 ? `${excerptSource.slice(0, 197)}…` : excerptSource) : null;

  return {
    title: stripPageSuffix(title),
    byline: firstNonNull(metaOrder, 'byline') ?? bylineFromText(textContent),
    source: firstNonNull(metaOrder, 'source'),
    publishedTime: firstNonNull(metaOrder, 'publishedTime'),
    siteName,
    lang,
    dir: firstNonNull(metaOrder, 'dir') ?? (lang ? 'ltr' : null),
    url: pageUrls[0] ?? options.url,
    pageUrls,
    pageCount: pageUrls.length,
    failedPages,
    textContent,
    contentHtml,
    excerpt,
    length: cjkAwareLength(textContent),
    site: detail.rule.id,
  };
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
