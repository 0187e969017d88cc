/**
 * Assembly: the pages' extracted parts in order → one clean article. Metadata from the first pages
 * (and the page in hand), the repeated headline dropped, the parts merged (template blocks gone),
 * one Readability pass over the whole, DOMPurify last, plain text beside the HTML.
 */
import type { Readability as ReadabilityClass } from '@mozilla/readability';
import { cjkAwareLength, collapseSpace, guessLang } from './cjk-text';
import { elementToText } from './element-text';
import { ArticleError, failure } from './errors';
import { extractPart, removeRepeatedTitle, type PagesSeen } from './extract';
import { mergeParts, type MergeInput } from './merge';
import type { SiteRule } from '../sites/types';
import { articleLang, bylineFromText, excerptOf, extractMetadata, pageFacts, pageSiteName, siteNameOf, stripPageSuffix, type PageMetadata } from './metadata';
import type { PageSlot } from './page-queue';
import { reparser } from './parse-page';
import { readability } from './readability';
import { sanitizedBody } from './sanitize';
import type { DomEnvironment, FailedPage, SanitizedArticle, WholeArticle } from './types';

export interface AssembleInput {
  /** What detection found: the rule, the pages and the URL scheme. */
  detail: PagesSeen;
  /** Every page of the article, loaded or not. */
  slots: readonly PageSlot[];
  /** The page the person was on (its document is the target of the merge). */
  current: PageSlot;
  dom: DomEnvironment;
  /** The address asked for, for messages. */
  url: string;
  /** The article's page 1, when `slots` do not start there (a one-page version was read). */
  canonicalUrl?: string;
}

function firstNonNull<K extends keyof PageMetadata>(metas: readonly PageMetadata[], key: K): PageMetadata[K] | null {
  for (const m of metas) if (m[key]) return m[key];
  return null;
}

/** The merged article's HTML sanitized in `window`, and its text: the sanitized tree gives both (no second parse of that HTML). */
export function sanitizedArticle(html: string, window: Window & typeof globalThis): SanitizedArticle {
  const sanitized = sanitizedBody(html, window);
  return { html: sanitized.innerHTML, text: elementToText(sanitized) };
}

/** Readability over the merged document; kept only when it loses no real text. */
function readabilityPass(article: Element, title: string): Element {
  const doc = article.ownerDocument.implementation.createHTMLDocument(title);
  doc.body.append(doc.importNode(article, true));
  // Outside the try: Readability not loaded is the caller's bug, not a page Readability gave up on.
  const Readability = readability();
  let parsed: ReturnType<ReadabilityClass['parse']> = null;
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

/**
 * Extract a page now unless it was extracted when it arrived. `alone`: it is the only page read,
 * so nothing but its facts (read first, `slot.facts`) is needed of its document afterwards, and
 * extraction may take the document apart instead of copying it (a page parsed from its HTML, which
 * Readability's rare second pass reads anew).
 */
export function partOf(slot: PageSlot, detail: PagesSeen, alone = false): PageSlot['part'] {
  if (slot.part === undefined && slot.doc) {
    if (alone) slot.facts ??= pageFacts(slot.doc, detail.rule);
    slot.part = extractPart(slot.doc, slot.finalUrl ?? slot.url, detail, { again: alone ? reparser(slot.doc) : null });
  }
  return slot.part;
}

/** A page's metadata: from its facts when extraction took its document apart. */
export function metadataOf(slot: PageSlot, rule: SiteRule): PageMetadata {
  return slot.facts?.meta ?? extractMetadata(slot.doc as Document, rule);
}

/** A page's own site name: from its facts when extraction took its document apart. */
export function ownSiteNameOf(slot: PageSlot): string | null {
  if (slot.facts) return slot.facts.siteName;
  return slot.doc ? pageSiteName(slot.doc) : null;
}

export function assembleArticle({ detail, slots, current, dom, url, canonicalUrl }: AssembleInput): WholeArticle {
  const ordered = [...slots].sort((a, b) => a.page - b.page);
  const loaded = ordered.filter((s) => s.doc);
  // Page 1's metadata first: it has the real headline and the time; later pages add suffixes.
  // Metadata lives on the first pages (and the page in hand); later pages only repeat it.
  const metaPages = [...new Set([...loaded.slice(0, 2), ...(current.doc ? [current] : [])])];
  // One page alone has no other page's template to compare with (mergeParts): its document is
  // needed for nothing but its facts, read once here, before extraction may take it apart.
  const alone = loaded.length === 1;
  if (alone) for (const slot of loaded) slot.facts ??= pageFacts(slot.doc as Document, detail.rule);
  const metaOrder = metaPages.map((slot) => metadataOf(slot, detail.rule));
  const title = firstNonNull(metaOrder, 'title') ?? '';
  const ownSiteName = ownSiteNameOf(current);

  const failedPages: FailedPage[] = [];
  const inputs: MergeInput[] = [];
  for (const slot of ordered) {
    if (!slot.doc) {
      failedPages.push({ page: slot.page, url: slot.url, reason: slot.reason ?? 'not loaded', failure: slot.failure ?? failure('not-loaded') });
      inputs.push({ page: slot.page, url: slot.url, body: null });
      continue;
    }
    const part = partOf(slot, detail, alone);
    if (!part) {
      if (slot === current && ordered.length === 1) throw new ArticleError('not-article', `${url}: no article text found on the page`, url);
      failedPages.push({ page: slot.page, url: slot.url, reason: 'no article text found', failure: failure('no-text') });
      inputs.push({ page: slot.page, url: slot.url, body: null });
      continue;
    }
    removeRepeatedTitle(part.body, title);
    inputs.push({ page: slot.page, url: slot.url, body: part.body });
  }
  if (inputs.every((i) => !i.body)) throw new ArticleError('not-article', `${url}: no article text found on any page`, url);

  const targetDoc = current.doc as Document;
  const wholePages = loaded.flatMap((slot) => (slot.doc?.body ? [slot.doc.body] : []));
  const merged = mergeParts(targetDoc, inputs, wholePages);
  // The deck (引题/副题) opens the article: it is part of what the reader came for.
  const deck = metaOrder.find((m) => m.deck.length > 0)?.deck ?? [];
  const firstSection = merged.querySelector('section[data-page]');
  if (firstSection && deck.length) {
    const bodyText = collapseSpace(merged.textContent ?? '');
    const lines = deck.filter((line) => !bodyText.includes(line));
    firstSection.prepend(...lines.map((line) => Object.assign(targetDoc.createElement('h2'), { textContent: line })));
  }
  // Readability over the whole, for bodies a rule's selectors found; parts Readability found
  // itself were judged already (a second pass costs as much as the first on a large page).
  const judged = ordered.every((slot) => !slot.part || slot.part.byReadability);
  const cleaned = judged ? merged : readabilityPass(merged, title);
  const { html: contentHtml, text: textContent } = dom.sanitizeArticle ? dom.sanitizeArticle(cleaned.outerHTML) : sanitizedArticle(cleaned.outerHTML, dom.window);

  const pageUrls = ordered.map((s) => s.url);
  const lang = articleLang(firstNonNull(metaOrder, 'lang'), guessLang(`${title}\n${textContent}`));
  return {
    title: stripPageSuffix(title),
    byline: firstNonNull(metaOrder, 'byline') ?? bylineFromText(textContent),
    source: firstNonNull(metaOrder, 'source'),
    publishedTime: firstNonNull(metaOrder, 'publishedTime'),
    siteName: siteNameOf(detail.rule, ownSiteName, lang),
    lang,
    dir: firstNonNull(metaOrder, 'dir') ?? (lang ? 'ltr' : null),
    url: canonicalUrl ?? pageUrls[0] ?? url,
    pageUrls,
    pageCount: pageUrls.length,
    failedPages,
    textContent,
    contentHtml,
    excerpt: excerptOf(textContent),
    length: cjkAwareLength(textContent),
    site: detail.rule.id,
  };
}
