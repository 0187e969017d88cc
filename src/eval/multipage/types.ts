/**
 * Data that describes one multi-page case built from a real corpus page (its template): where the
 * body sits, how the pager and the next/previous links look, which URLs the pages have.
 *
 * Every string "form" below is written in the template's own markup, with placeholders:
 *   {n}     the number shown for a pager item
 *   {href}  the href as the template writes it (relative or absolute, quoted or not)
 *   {k}     the current page's number, {N} the page count (extra slots only)
 */

/** The template's charset on the real site: what the served bytes are encoded in. */
export type ServedCharset = 'utf-8' | 'gbk' | 'gb18030' | 'big5';

export interface BodySpec {
  /** A CSS selector for the element that holds the article's paragraphs (first match). */
  selector: string;
  /** Replace only after the first occurrence of this literal inside the element. */
  from?: string;
  /** …and only up to the first occurrence of this literal after the start. */
  to?: string;
  /** One generated paragraph in the template's own paragraph markup: `{text}` is the text. */
  paragraph: string;
  /** Generated paragraphs per page (default 6). */
  paragraphs?: number;
}

/** One page number of the pager. */
export interface PagerItems {
  /** How the current page shows (`<span>{n}</span>`); null when the template links the current page too. */
  current: string | null;
  /** How another page shows (`<a href="{href}">{n}</a>`). */
  link: string;
}

/**
 * A navigation link: next, previous, first, last, or the whole article on one page. `link` is the
 * live form; `off` is how it shows where there is no such page (prev/first on page 1, next/last on
 * the last page): a disabled form in the template's markup, or '' when the site leaves it out.
 * When `off` is '' and the template page shows it that way, `after`/`before` name a literal of the
 * template the live link is inserted next to on the other pages.
 */
export interface NavSlot {
  rel: 'next' | 'prev' | 'first' | 'last' | 'all';
  link: string;
  off?: string;
  after?: string;
  before?: string;
}

/** Any other per-page text (`<span>1/2</span>`, `<!--page_info=2_1_…-->`): `form` with {k}/{N}. */
export interface ExtraSlot {
  /** The form as it shows on the template page is looked up literally. */
  form: string;
}

export interface CaseExpectation {
  /**
   * `merge`: a correct reader finds every page and merges them in order.
   * `single`: a correct reader reads only the page it is on (prev/next chain of separate pieces).
   */
  kind: 'merge' | 'single';
  /** Why: the note's words and what they mean. */
  reason: string;
}

export interface MultiPageCase {
  id: string;
  /** Corpus file (relative to the corpus root). */
  file: string;
  /** Site family, for the table. */
  site: string;
  /** Scored in the held-out group (the engine is not tuned on these sites). */
  holdout: boolean;
  /** Absolute URL of each page (page 1 first; for a chain, each piece in reading order). */
  urls: string[];
  /** Other addresses that serve the same page (`_1.shtml` for page 1), by page index (0-based). */
  aliases?: Record<number, string[]>;
  /** How the template's links write each page's address (default: the absolute URL). */
  hrefs?: string[];
  /** 0-based index of the template page among `urls` (default 0: the template is page 1). */
  templateIndex?: number;
  /** Hrefs of the pieces just outside a chain (the template's prev of the first, next of the last); not served. */
  outside?: { before?: string; after?: string };
  charset: ServedCharset;
  /** The Content-Type header the site sends. */
  contentType: string;
  /** Literal replacements applied to every page before encoding (a meta charset the corpus rewrote). */
  headFix?: Array<[string, string]>;
  body: BodySpec;
  items?: PagerItems;
  nav?: NavSlot[];
  extra?: ExtraSlot[];
  /** The whole article on one page (its href form as the template writes it, and its URL). */
  wholePage?: { url: string; href: string };
  expect: CaseExpectation;
  /**
   * A correction of the corpus truth of the template page, where the truth contradicts itself
   * (lines the annotator left out that are of the same kind as lines it kept): appended after its
   * last line, with why. The corpus file itself stays as published.
   */
  truthFix?: { append: string[]; why: string };
  /** What the template and the case look like, in a line (shown by --verbose). */
  note: string;
}

export interface TrapCase {
  id: string;
  file: string;
  site: string;
  holdout: boolean;
  url: string;
  charset: ServedCharset;
  contentType: string;
  note: string;
}

/** One generated page, ready to serve. */
export interface GeneratedPage {
  /** 1-based position. */
  page: number;
  url: string;
  aliases: string[];
  html: string;
  bytes: Uint8Array;
  contentType: string;
  /** The page's truth paragraphs (generated, or the corpus ground truth's lines for the template page). */
  paragraphs: string[];
  /** The page's truth as one text. */
  truth: string;
  /** Where the truth came from. */
  truthSource: 'generated' | 'corpus';
  /** The corpus truth includes the headline (then the title is prepended to the section's text). */
  truthIncludesTitle: boolean;
}

export interface GeneratedCase {
  spec: MultiPageCase;
  pages: GeneratedPage[];
  /** The whole-article page, when the template links one. */
  whole: GeneratedPage | null;
  /** Per page: the body region's [start, end) in that page's HTML (for the chrome check). */
  bodyRanges: Array<[number, number]>;
}
