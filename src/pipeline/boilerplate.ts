/**
 * Boilerplate inside an extracted body that no site rule names, found by kind (issue 9: clean on
 * templates never seen): signals of structure and position, not of any site's markup.
 *
 *  - class/id names of author boxes and copyright or footer regions ({@link isBoilerplateName});
 *  - the article's `<header>` (headline, byline, date: metadata, read apart) and `<nav>`;
 *  - hover cards: an inline box inside a sentence holding a photo and a list of links;
 *  - a paragraph that is one link to another page of the site, or a label and a link ("On
 *    example.com: …", "READ MORE: …"): a promotion of another story;
 *  - date and time lines at the head or foot of the body ("November 20, 2019 / 1:07 AM / CBS News");
 *  - a block repeated word for word (a gallery's captions, printed twice);
 *  - the page's own address printed as a line (print headers);
 *  - a run of teaser cards (a linked headline, a blurb, a photo) after the article's last paragraph;
 *  - notices (reuse, citation, affiliate, credit and contact lines) and photo credits in `<cite>`.
 *
 * Every check reads short elements of the extracted body only (the page itself is not walked).
 */
import { collapseSpace } from './cjk-text';
import { linkTextLength, shortTextOf, textLength } from './element-text';
import { queryAllSafe } from './query';
import { absoluteHttpUrl, sameSite, stripHash } from './url';

/**
 * A class or id token naming an author box or a copyright/footer region: `entry-author-bio`,
 * `author-details`, `bio`, `about-the-author`, `region-copyright`, `copyright-wrp`, `site-footer`.
 */
const BOILERPLATE_NAME =
  /^((entry|post|article|story)[-_])?(author|writer|contributor)s?[-_]?(bio|box|details|info|card|profile|about|block)$|^(author[-_]?)?bio(graphy)?$|^about[-_]?(the[-_]?)?author$|(^|[-_])(copyright|footer|disclaimer)([-_]|$)/i;

export function isBoilerplateName(token: string): boolean {
  return BOILERPLATE_NAME.test(token);
}

/**
 * The article's own header when it holds only labels (a kicker, the byline, dates: metadata, read
 * apart) and navigation inside the body. A header with a photo or a sentence (the deck opens the
 * article) stays, and so does a header further down (a recipe card's) unless it holds a date.
 */
function removeHeaders(body: Element, bodyLength: number): void {
  const all = collapseSpace(body.textContent ?? '');
  for (const el of queryAllSafe(body, 'header, nav')) {
    if (!body.contains(el)) continue;
    const text = collapseSpace(el.textContent ?? '');
    if (text.length > 400 || text.length >= bodyLength * 0.25) continue;
    if (el.tagName === 'HEADER') {
      if (el.querySelector('img, picture, video, figure')) continue;
      // A deck: a line longer than a label, not the headline (which assembly removes).
      if (queryAllSafe(el, 'p, h2, h3, h4, h5, h6').some((block) => textLength(block) > 60)) continue;
      const at = text ? all.indexOf(text) : 0;
      if (at > 300 && !el.querySelector('time')) continue;
    }
    el.remove();
  }
}

/**
 * Hover cards: an inline box inside a paragraph holding a photo and two or more links (a person's
 * picture and their latest stories), shown on hover and read as part of the sentence. The
 * innermost such box goes; the sentence and the name it explains stay.
 */
function removeHoverCards(body: Element): void {
  const cards = queryAllSafe(body, 'p span').filter((span) => {
    if (!span.querySelector('img')) return false;
    if (queryAllSafe(span, 'a').length < 2) return false;
    const length = textLength(span);
    return length > 0 && linkTextLength(span) >= length * 0.8;
  });
  for (const card of cards) if (!cards.some((other) => other !== card && card.contains(other))) card.remove();
}

/** Text of `el` outside its links. */
function textOutsideLinks(el: Element): string {
  let out = '';
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) out += (child as Text).data;
      else if (child.nodeType === 1 && (child as Element).tagName !== 'A') walk(child);
    }
  };
  walk(el);
  return collapseSpace(out);
}

const BLOCK_CHILD = 'p, div, ul, ol, table, blockquote, h1, h2, h3, h4, h5, h6, figure, section, article';

/**
 * A paragraph that is a promotion of another story: one or two links making (nearly) all of its
 * text, to another page of the same site or after a short label ("On HoustonChronicle.com:",
 * "READ MORE:", "Also on rt.com"). A link inside a sentence, a photo link, or a link to another
 * site without a label (a product, a source) stays.
 */
function removeLoneLinks(body: Element, base: string, pageUrl: string, bodyLength: number): void {
  const page = stripHash(pageUrl);
  for (const el of queryAllSafe(body, 'p, div')) {
    if (!body.contains(el)) continue;
    const text = shortTextOf(el, 250);
    if (!text || text.length < 12 || text.length * 3 > bodyLength) continue;
    if (el.tagName === 'DIV' && el.querySelector(BLOCK_CHILD)) continue;
    const links = queryAllSafe(el, 'a');
    if (links.length === 0 || links.length > 2 || el.querySelector('img, picture, video')) continue;
    // A sentence (a call to read on: "Get more meal ideas here!") is not a headline.
    if (/[.!]$/.test(text)) continue;
    const rest = textOutsideLinks(el);
    if (rest.length > 30) continue;
    // A label of a promotion: a word that sends on ("Also on rt.com", "READ MORE:", "On
    // HoustonChronicle.com:") or punctuation left of one. A label naming what the link is
    // ("下载地址：", "Pro tip:") is not.
    const labelled = /^[\p{P}\s]+$/u.test(rest) || /^(also|read|see|watch|more|related|on|listen|recommended|trending|popular|latest|top)\b/i.test(rest);
    if (linkTextLength(el) < text.length * (labelled ? 0.5 : 0.75)) continue;
    const toOtherPages = links.every((a) => {
      const href = absoluteHttpUrl(a.getAttribute('href'), base);
      return href !== null && stripHash(href) !== page && (labelled || sameSite(href, pageUrl));
    });
    if (toOtherPages) el.remove();
  }
}

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
const HAS_DATE = new RegExp(`\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?\\b|\\b\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}|\\b\\d{1,4}[-/.]\\d{1,2}[-/.]\\d{2,4}\\b`, 'i');
const DATE_WORDS = new RegExp(
  `\\b${MONTH}|\\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\\b\\.?|\\b(?:a\\.?m\\.?|p\\.?m\\.?|updated|published|posted|last|modified|first|on|at|est|edt|cst|cdt|mst|mdt|pst|pdt|gmt|utc|bst|cet|cest|et|pt|ist|jst|aest)(?![\\p{L}])`,
  'giu',
);

/**
 * A line that is a date and time and nothing else but one or two capitalized words (a site or
 * a desk): "| UPDATED: 11:05, Tue, Nov 19, 2019", "Nov. 20, 2019 Updated: Nov. 20, 2019 1:35 a.m.",
 * "November 20, 2019 / 1:07 AM / CBS News".
 */
export function isDateLine(text: string): boolean {
  if (text.length > 100 || !HAS_DATE.test(text)) return false;
  const rest = text
    .replace(/\d+(?:st|nd|rd|th)?/g, ' ')
    .replace(DATE_WORDS, ' ')
    .replace(/[\s,.:;/|·•—–\-()[\]]+/g, ' ')
    .trim();
  const words = rest ? rest.split(' ') : [];
  return words.length <= 2 && words.every((w) => /^\p{Lu}/u.test(w));
}

/** Date lines near the head (first 600 characters) or the foot (last 300) of the body. */
function removeDateLines(body: Element): void {
  const all = collapseSpace(body.textContent ?? '');
  for (const el of queryAllSafe(body, 'p, div, span, time, li')) {
    if (!body.contains(el)) continue;
    const text = shortTextOf(el, 100);
    if (!text || !isDateLine(text)) continue;
    const at = all.indexOf(text);
    if (at >= 0 && (at <= 600 || at + text.length >= all.length - 300)) el.remove();
  }
}

/**
 * A caption said again word for word right after itself, in a box of its own (within the next
 * three blocks: galleries print each caption twice, for two layouts): the first stays. A line
 * repeated further on (a menu's second plan, a refrain), or a paragraph beside its twin in the
 * text, is the author's.
 */
function removeRepeatedBlocks(body: Element): void {
  const last = new Map<string, { at: number; el: Element }>();
  let i = 0;
  for (const el of queryAllSafe(body, 'p, figcaption')) {
    i++;
    const boxed = el.tagName === 'FIGCAPTION' || el.parentElement?.childElementCount === 1 || el.parentElement?.tagName === 'FIGURE';
    if (!boxed) continue;
    const text = shortTextOf(el, 1000);
    if (!text || text.length < 30) continue;
    const before = last.get(text);
    // A caption's own paragraph says the same as the caption: not a copy.
    if (before?.el.contains(el)) continue;
    last.set(text, { at: i, el });
    if (before !== undefined && i - before.at <= 3) el.remove();
  }
}

/** The page's own address printed as a line (a print header): not the article. */
function removePageAddress(body: Element, pageUrl: string): void {
  const page = stripHash(pageUrl).replace(/\/$/, '');
  for (const el of queryAllSafe(body, 'p, div, span')) {
    if (!body.contains(el)) continue;
    const text = shortTextOf(el, page.length + 20);
    if (text && text.replace(/\/$/, '') === page) el.remove();
  }
}

/**
 * Whether an element is a teaser card for another story: an `<article>` of its own (or a box
 * holding one) inside the body, short, with one heading that is a link to another page.
 */
function isTeaserCard(el: Element, page: string, base: string): boolean {
  if (el.tagName !== 'ARTICLE' && queryAllSafe(el, 'article').length !== 1) return false;
  const length = textLength(el);
  if (length === 0 || length > 500) return false;
  const headings = queryAllSafe(el, 'h2, h3, h4, h5, h6');
  if (headings.length !== 1) return false;
  const heading = headings[0] as Element;
  const headingText = textLength(heading);
  const link = heading.querySelector('a') ?? heading.closest('a');
  if (!link || headingText === 0 || collapseSpace(link.textContent ?? '').length < headingText * 0.8) return false;
  const href = absoluteHttpUrl(link.getAttribute('href'), base);
  return href !== null && stripHash(href) !== page;
}

/** How many teaser cards `el` is made of (0 unless every part of it with text is one). */
function cardsIn(el: Element, page: string, base: string, depth = 0): number {
  if (isTeaserCard(el, page, base)) return 1;
  if (depth > 3) return 0;
  let n = 0;
  for (const child of el.children) {
    if (textLength(child) === 0) continue;
    const k = cardsIn(child, page, base, depth + 1);
    if (k === 0) return 0;
    n += k;
  }
  return n;
}

/**
 * Teaser cards after the article's last paragraph (more stories: a kicker, a linked headline, a
 * blurb, a photo): two or more in a row at the very end of the body go. Cards between paragraphs
 * stay.
 */
function removeTrailingTeasers(body: Element, base: string, pageUrl: string): void {
  const page = stripHash(pageUrl);
  let container: Element | null = body;
  for (let depth = 0; container && depth < 12; depth++) {
    const doomed: Element[] = [];
    let cards = 0;
    let lastWithText: Element | null = null;
    for (let child: Element | null = container.lastElementChild; child; child = child.previousElementSibling) {
      if (textLength(child) === 0) continue;
      lastWithText ??= child;
      const k = cardsIn(child, page, base);
      if (k === 0) break;
      cards += k;
      doomed.push(child);
    }
    if (cards >= 2) {
      for (const el of doomed) el.remove();
      return;
    }
    // Nothing trailing here: the article may end deeper, in its last block with text.
    if (doomed.length || !lastWithText || /^(P|H[1-6]|LI|BLOCKQUOTE|FIGURE|TABLE)$/.test(lastWithText.tagName)) return;
    container = lastWithText;
  }
}

/**
 * Notices that are not the story, up to a long paragraph: reuse and copyright notices, the
 * article's own citation, affiliate disclosures, credit and contact lines ("This document is
 * subject to copyright. …", "Citation: … retrieved 20 November 2019 from https://…", "… may earn an
 * Affiliate Commission …", "Associated Press writers … contributed to this report.", "Write to Al
 * Root at allen.root@…", "05/10/2018 - Publicado por: … - Categoria: … - Tags: …").
 */
const NOTICES = [
  /\b(may not be (published|reproduced|republished|rewritten|redistributed)|is subject to copyright|no part (of (this|it) )?may be reproduced)\b/i,
  /^\s*citation\s*:.{0,300}\bretrieved\b.{0,40}\bfrom\s+https?:\/\/\S+\s*$/i,
  /\b(may|might|will) (earn|receive|get) (an? )?(small )?(share of (the )?(sales|revenue)|(affiliate )?commissions?)\b|\bthrough (our )?affiliate links\b/i,
  /\bcontributed( reporting)? to this (report|story|article)\.?\s*$/i,
  /^\s*write to .{2,80} at [\w.+-]+@[\w-]+(\.[\w-]+)+\.?\s*$/i,
  /^.{0,40}\b(publicado|posted|published|publié|pubblicato)\s+(por|by|par|da)\b.{0,80}\b(categor[\p{L}]*|tags?|filed under)\s*:/iu,
];

function removeNotices(body: Element): void {
  for (const el of queryAllSafe(body, 'p, div, span, em, small, li')) {
    if (!body.contains(el)) continue;
    const text = shortTextOf(el, 400);
    if (text && NOTICES.some((re) => re.test(text))) el.remove();
  }
}

/** A photo credit in a `<cite>` of its figure ("Sakib Ali/Hindustan Times/Getty Images"): the caption stays. */
function removeFigureCredits(body: Element): void {
  for (const cite of queryAllSafe(body, 'figure cite, figcaption cite')) if (body.contains(cite)) cite.remove();
}

/** Remove the kinds above from an extracted body (`base`: the page's base URL for its links). */
export function removeBoilerplate(body: Element, base: string, pageUrl: string): void {
  const bodyLength = textLength(body);
  if (bodyLength === 0) return;
  removeHeaders(body, bodyLength);
  removeHoverCards(body);
  removeLoneLinks(body, base, pageUrl, bodyLength);
  removeRepeatedBlocks(body);
  removePageAddress(body, pageUrl);
  removeTrailingTeasers(body, base, pageUrl);
  removeDateLines(body);
  removeNotices(body);
  removeFigureCredits(body);
}
