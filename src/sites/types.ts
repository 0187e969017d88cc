/** Site rules are data: selectors and URL schemes, checked with `satisfies SiteRule`. */

/** Where a page number lives in an article URL, e.g. `c_123_2.htm` or `c1013-31153719-2.html`. */
export interface PageScheme {
  /** Human description, shown in tests. */
  readonly name: string;
  /**
   * Matches the URL's path. Groups: 1 = the stem (everything before the page suffix),
   * 2 = the page suffix number (absent on the first page), 3 = the extension.
   */
  readonly path: RegExp;
  /** Separator put between stem and number ("_", "-", or "/" for a path segment). */
  readonly separator: string;
  /**
   * The suffix counts from 0 for page 2 (`content_ID_1.htm` is page 2: Xinhua 2005). Only the
   * default: the pager's own numbers, where a page shows them, decide (detect.ts learnOffset).
   */
  readonly zeroBased?: boolean;
}

/** A site's name per interface language (the `_locales` folders). */
export interface SiteLabel {
  readonly en: string;
  readonly zh_CN: string;
  readonly zh_TW: string;
}

/** CSS selectors, tried in order (most specific first where the field says so). */
export type Selectors = readonly string[];

/** One site family: how to find its pages, its body, its metadata and its chrome. */
export interface SiteRule {
  readonly id: string;
  /**
   * The site's name in each interface language (the popup's "Xinhua · 5 pages", the library list):
   * one name per language, so an English interface never lists 新华网 beside Xinhua.
   */
  readonly label: SiteLabel;
  /** Hostnames this rule serves. */
  readonly hosts: RegExp;
  /** Content-script match patterns for these hosts (the manifest takes them as they are). */
  readonly matches: readonly string[];
  /** URLs of real articles of each era, kept beside the rule (checked by a convention test). */
  readonly testUrls: readonly string[];
  /** Page URL schemes, most specific first. */
  readonly schemes: readonly PageScheme[];
  /**
   * The schemes are the site's own: page URLs are built from them (canonical, gaps filled: page 3
   * implies 1 and 2), a "next" outside them is another article, and a first page that lists every
   * page needs no help from later pages. Off for the generic engine, which reads links as written.
   */
  readonly strictSchemes: boolean;
  /** `?page=N` pages count too (sites whose pages differ by a query parameter). */
  readonly queryPages: boolean;
  /** Links of the article's own scheme anywhere on the page are its pager (no pager selector alone is trusted). */
  readonly pagerAnywhere: boolean;
  /** Containers of the numbered pager, including hidden windowed lists. */
  readonly pager: Selectors;
  /** Elements that show the current page's number (not a link). */
  readonly currentPage: Selectors;
  /** "Next page" links, or images inside them (no `:has()`: it is slow where detection runs). */
  readonly next: Selectors;
  /** Article body, most specific first; the first with enough text wins. */
  readonly content: Selectors;
  readonly title: Selectors;
  /** Pre-title (引题) and subtitle (副题) lines printed around the headline; they open the article. */
  readonly deck: Selectors;
  readonly published: Selectors;
  readonly source: Selectors;
  readonly byline: Selectors;
  /** Chrome inside the body, removed on every page. */
  readonly clean: Selectors;
  /** Blocks whose whole text matches one of these are removed (editor lines, promos). */
  readonly cleanText: readonly RegExp[];
  /** Site name in the article's language ('' when the page's own `og:site_name` should say). */
  siteName(lang: 'zh' | 'en'): string;
  /** `<title>`s of the site's "this article was removed" page: not an article, whatever else it holds. */
  readonly removedTitle?: RegExp;
}
