/**
 * How long an article takes to read, counted the way each script is read: Chinese (and Japanese
 * kana) by characters, everything else by words, mixed text both ways and added up.
 *
 * - Chinese: 400 characters a minute. The Ministry of Education's curriculum standard for Chinese
 *   (义务教育语文课程标准, 2011 edition) asks silent reading of "no fewer than 300 characters a
 *   minute" of ordinary texts by the end of grade 6 (默读一般读物每分钟不少于300字) and of 500 of
 *   modern prose by the end of grade 9 (一般现代文每分钟不少于500字). Speeches, white papers and
 *   policy features are denser than either, so an adult's pace on them is taken between the two.
 * - Latin (and every other space-separated script): 230 words a minute, a little under Brysbaert's
 *   meta-analysis of 190 studies ("How many words do we read per minute?", Journal of Memory and
 *   Language 109, 2019: 238 wpm silent reading of English non-fiction), as news names and figures
 *   slow it down.
 *
 * A number ("2023", "1,000.5", "3.5%") is one word; so is a hyphenated or apostrophised word.
 */
import { t } from '../ui-text';

export const CJK_CHARS_PER_MINUTE = 400;
export const LATIN_WORDS_PER_MINUTE = 230;

/** Han ideographs (every extension block, compatibility ones too), hiragana and katakana. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
/** A word: letters, marks and digits, joined by an inner apostrophe, hyphen, dot or comma (1,000.5; U.S.; don't). */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’.,\-][\p{L}\p{M}\p{N}]+)*/gu;

export interface ReadingCount {
  /** CJK characters (punctuation not counted). */
  cjkChars: number;
  /** Words of every other script, numbers included. */
  words: number;
}

export function countReading(text: string): ReadingCount {
  let cjkChars = 0;
  // CJK characters counted, then taken out, so "2023年" is one word and one character.
  const rest = text.replace(CJK, () => {
    cjkChars++;
    return ' ';
  });
  const words = rest.match(WORD)?.length ?? 0;
  return { cjkChars, words };
}

/** Minutes, unrounded. */
export function readingMinutesExact(count: ReadingCount): number {
  return count.cjkChars / CJK_CHARS_PER_MINUTE + count.words / LATIN_WORDS_PER_MINUTE;
}

/** Whole minutes to show: rounded, never below 1. */
export function readingMinutes(text: string): number {
  return Math.max(1, Math.round(readingMinutesExact(countReading(text))));
}

/** The article's own text: the body without the reader's notices and page markers. */
export function articleReadingText(body: Element): string {
  const clone = body.cloneNode(true) as Element;
  for (const el of clone.querySelectorAll('[data-reader-ui]')) el.remove();
  // Block boundaries are word boundaries ("end.</p><p>Start" is two words).
  for (const el of clone.querySelectorAll('p, div, li, h1, h2, h3, h4, h5, h6, br, td, th, figcaption, blockquote, section')) el.append(' ');
  return clone.textContent ?? '';
}

/**
 * Puts the estimate on the page: `<html data-reading-minutes="N">` (a contract) and "· 12 min read"
 * at the end of the article header's "Original article · N pages" line.
 */
export function showReadingTime(content: HTMLElement): number {
  const doc = content.ownerDocument;
  const body = content.querySelector<HTMLElement>(':scope > .article-body');
  const count = countReading(body ? articleReadingText(body) : '');
  const minutes = Math.max(1, Math.round(readingMinutesExact(count)));
  doc.documentElement.dataset.readingMinutes = String(minutes);
  const span = readingTimeSpan(content, minutes);
  if (span) {
    span.dataset.cjkChars = String(count.cjkChars);
    span.dataset.words = String(count.words);
    delete span.dataset.estimate;
  }
  return minutes;
}

/**
 * While the article loads (progressive.ts): the same "· 12 min read" from its first page, counted
 * as `pages` pages like it (`data-estimate` on the span), so the header line is the same size
 * from the first text on; `showReadingTime` puts the article's own count there once it is shown.
 */
export function showReadingEstimate(content: HTMLElement, page: Element, pages: number): void {
  const minutes = Math.max(1, Math.round(readingMinutesExact(countReading(articleReadingText(page))) * Math.max(1, pages)));
  const span = readingTimeSpan(content, minutes);
  if (span) span.dataset.estimate = '';
}

/** The header's reading-time span (made at the end of its "Original article · N pages" line), saying `minutes`. */
function readingTimeSpan(content: HTMLElement, minutes: number): HTMLElement | null {
  const doc = content.ownerDocument;
  const line = content.querySelector<HTMLElement>(':scope > .article-header .article-original');
  if (!line) return null;
  let span = line.querySelector<HTMLElement>('.reading-time');
  if (!span) {
    span = doc.createElement('span');
    span.className = 'reading-time';
    line.append(doc.createTextNode(' · '), span);
  }
  span.textContent = t('readingTime', { minutes });
  span.title = t('readingTimeHow', { cpm: CJK_CHARS_PER_MINUTE, wpm: LATIN_WORDS_PER_MINUTE });
  return span;
}
