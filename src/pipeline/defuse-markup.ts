/**
 * Hostile markup defused before any parser sees it (the first of the layers in README "What a
 * hostile page cannot do"): scripts, styles, `<noscript>` and comments cut, every `on*` attribute
 * renamed wherever the HTML tokenizer could read a start tag, and the page's size in elements and
 * nesting estimated, so that `parse-page.ts` can refuse a page too complex to parse before the
 * parser spends seconds on it (jsdom's parse is quadratic in depth and overflows the stack at about
 * 16,000 nested elements).
 *
 * Every scan here is linear in the length of the text: a small page of one bad shape (many `<a`
 * without `>`, many unclosed quotes) once took minutes, synchronously, freezing every extension
 * page that shares the renderer (issue 12). `MarkupWork` counts the characters the scanners step
 * over, so tests can hold the bound without a clock.
 */

/** Work done by the scanners, for tests and the hostile report. */
export interface MarkupWork {
  /** Characters stepped over, summed over every scan (each scanner is linear: a small multiple of the length). */
  scanned: number;
  /** Start tags read where the HTML tokenizer reads them (outside raw text and comments). */
  startTags: number;
  /** The deepest nesting of elements the tree builder would reach, as estimated by `NestingEstimate`. */
  maxDepth: number;
  /**
   * Stop as soon as the page has more start tags or deeper nesting than this (a page that will be
   * refused is not worth defusing to its end): `over` is set and the text returned is incomplete.
   */
  budget?: { startTags: number; depth: number };
  over?: boolean;
}

export const newMarkupWork = (budget?: MarkupWork['budget']): MarkupWork => ({ scanned: 0, startTags: 0, maxDepth: 0, ...(budget ? { budget } : {}) });

/** Elements whose content is text up to their end tag (the HTML tokenizer's raw-text states). */
const STRIPPED_RAW = new Set(['script', 'style', 'noscript']);
const KEPT_RAW = new Set(['textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);

/** The HTML tokenizer's whitespace (not JavaScript's `\s`, which also takes U+00A0 and others). */
function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** `[a-zA-Z0-9-]`. */
function isNameCode(c: number): boolean {
  return isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 45;
}

const SLASH = 47;
const GT = 62;
const EQ = 61;
const DQ = 34;
const SQ = 39;

/**
 * Index just past a start (or end) tag's `>` read the way the HTML tokenizer reads it, from inside
 * its name: the rest of the name (up to space, `/` or `>`), then attributes through the
 * before/after-name, value (quoted or unquoted) and self-closing states. The end of the text when
 * the tag is cut by it.
 */
function endOfTag(html: string, from: number, work: MarkupWork): number {
  const n = html.length;
  let i = from;
  while (i < n) {
    const c = html.charCodeAt(i);
    if (isSpaceCode(c) || c === SLASH || c === GT) break;
    i++;
  }
  for (;;) {
    while (i < n && (isSpaceCode(html.charCodeAt(i)) || html.charCodeAt(i) === SLASH)) i++;
    if (i >= n) break;
    if (html.charCodeAt(i) === GT) {
      i++;
      break;
    }
    i++; // the first character of a name may be '='
    while (i < n) {
      const c = html.charCodeAt(i);
      if (isSpaceCode(c) || c === SLASH || c === GT || c === EQ) break;
      i++;
    }
    let j = i;
    while (j < n && isSpaceCode(html.charCodeAt(j))) j++;
    if (html.charCodeAt(j) !== EQ) continue;
    j++;
    while (j < n && isSpaceCode(html.charCodeAt(j))) j++;
    const q = html.charCodeAt(j);
    if (q === DQ || q === SQ) {
      const close = html.indexOf(q === DQ ? '"' : "'", j + 1);
      if (close === -1) {
        i = n;
        break;
      }
      i = close + 1;
    } else {
      while (j < n && !isSpaceCode(html.charCodeAt(j)) && html.charCodeAt(j) !== GT) j++;
      i = j;
    }
  }
  work.scanned += i - from;
  return i;
}

// The start-tag states of the HTML tokenizer that `removeEventHandlers` follows, one bit each.
const TAG_NAME = 1;
const BEFORE_ATTR = 2;
const ATTR_NAME = 4;
const AFTER_ATTR_NAME = 8;
const BEFORE_VALUE = 16;
const VALUE_DQ = 32;
const VALUE_SQ = 64;
const VALUE_UNQUOTED = 128;

/**
 * Every `on*` attribute renamed (`onerror` → `x-error`) in every place the HTML tokenizer could
 * read a start tag — including spots that are only text or an attribute value in one reading of
 * the markup (inside `<svg>`, `<math>`, `<title>`, or a mutation-XSS string meant to be re-read).
 * A browser reports each handler attribute it merely parses as a CSP violation in the extension's
 * page (script-src-attr), so none may reach a parser in the reader. Renaming two letters, rather
 * than cutting the attribute, changes no quote, space or `>`: every reading of the markup keeps its
 * structure (a cut could end inside another reading's quoted value and swallow the page).
 *
 * A start tag is read from every `<` followed by an ASCII letter, each through the tokenizer's
 * tag states to its `>` (or the end of the text). Where two such readings reach the same state at
 * the same character they read the same from there on, so each (character, state) pair is walked
 * once: at most eight steps a character, however the tags overlap (many `<a` without `>` once cost
 * a step per tag per character: minutes for 100 KB).
 */
export function removeEventHandlers(html: string, work: MarkupWork = newMarkupWork()): string {
  const n = html.length;
  let seen: Uint8Array | null = null;
  const names: number[] = [];
  let steps = 0;
  for (let lt = html.indexOf('<'); lt !== -1; lt = html.indexOf('<', lt + 1)) {
    // '<' then an ASCII letter: where the tokenizer may open a start tag.
    if (!isAsciiLetter(html.charCodeAt(lt + 1))) continue;
    seen ??= new Uint8Array(n);
    let i = lt + 1;
    let state = TAG_NAME;
    while (i < n && (seen[i]! & state) === 0) {
      seen[i]! |= state;
      steps++;
      const c = html.charCodeAt(i);
      switch (state) {
        case TAG_NAME:
          if (isSpaceCode(c) || c === SLASH || c === GT) state = BEFORE_ATTR;
          else i++;
          break;
        case BEFORE_ATTR:
          if (isSpaceCode(c) || c === SLASH) i++;
          else if (c === GT) i = n; // the tag ends
          else {
            // An attribute name starts here (its first character may be '='): `on…` is a handler.
            if ((c | 0x20) === 0x6f && (html.charCodeAt(i + 1) | 0x20) === 0x6e) names.push(i);
            state = ATTR_NAME;
            i++;
          }
          break;
        case ATTR_NAME:
          if (isSpaceCode(c) || c === SLASH || c === GT || c === EQ) state = AFTER_ATTR_NAME;
          else i++;
          break;
        case AFTER_ATTR_NAME:
          if (isSpaceCode(c)) i++;
          else if (c === EQ) {
            state = BEFORE_VALUE;
            i++;
          } else state = BEFORE_ATTR;
          break;
        case BEFORE_VALUE:
          if (isSpaceCode(c)) i++;
          else if (c === DQ || c === SQ) {
            state = c === DQ ? VALUE_DQ : VALUE_SQ;
            i++;
          } else state = VALUE_UNQUOTED;
          break;
        case VALUE_DQ:
        case VALUE_SQ:
          if (c === (state === VALUE_DQ ? DQ : SQ)) state = BEFORE_ATTR;
          i++;
          break;
        default: // VALUE_UNQUOTED: quotes, '=' and '/' are part of the value
          if (isSpaceCode(c) || c === GT) state = BEFORE_ATTR;
          else i++;
      }
    }
  }
  work.scanned += steps;
  if (!names.length) return html;
  names.sort((x, y) => x - y);
  let out = '';
  let from = 0;
  for (const at of names) {
    if (at < from) continue;
    out += html.slice(from, at) + 'x-';
    from = at + 2;
  }
  return out + html.slice(from);
}

/** Whether the tag text from `from` to `end` ends in `/>` (spaces allowed between). */
function endsSelfClosing(html: string, from: number, end: number): boolean {
  if (end - 1 < from || html.charCodeAt(end - 1) !== GT) return false;
  let k = end - 2;
  while (k >= from && /\s/.test(html[k] as string)) k--;
  return k >= from && html.charCodeAt(k) === SLASH;
}

/** Index of the end tag `</name` (followed by space, `/` or `>`) at or after `from`, or -1. */
function endTagIndex(html: string, name: string, from: number, work: MarkupWork): number {
  const re = new RegExp(`</${name}[\\s/>]`, 'ig');
  re.lastIndex = from;
  const m = re.exec(html);
  work.scanned += (m ? m.index : html.length) - from;
  return m ? m.index : -1;
}

/**
 * Remove what never reaches an article before parsing: scripts, styles, `<noscript>` and comments
 * are a third of a typical news page and parsing them costs time on every page. A small tokenizer
 * finds them only where the HTML tokenizer would (never inside an attribute value or a
 * `<textarea>`/`<title>`), so no real text is cut. `<noscript>` goes whole, as a browser with
 * scripting on reads it: DOMParser parses its content as markup, where an unclosed `<p>` inside
 * would swallow the rest of the page (hostile corpus). Inside `<svg>`/`<math>` nothing is
 * stripped: there those elements are not raw text. Last, every `on*` attribute goes
 * (removeEventHandlers). The same pass counts start tags and estimates nesting (`work`).
 */
export function stripInertMarkup(html: string, work: MarkupWork = newMarkupWork()): string {
  const n = html.length;
  let out = '';
  let copyFrom = 0;
  let i = 0;
  const nesting = new NestingEstimate();
  const budget = work.budget;
  // Inside SVG/MathML a <style> or <script> is not raw text and an HTML tag breaks out: nothing is
  // stripped there, the real parser decides (stripping only saves time).
  let foreign = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt === -1) break;
    work.scanned += lt - i;
    if (html.startsWith('<!--', lt)) {
      // In foreign content what looks like a comment may be text of a <style> (mXSS payloads play
      // on exactly that): only outside it is a comment surely a comment.
      if (foreign > 0) {
        i = lt + 4;
        continue;
      }
      const end = html.indexOf('-->', lt + 4);
      const stop = end === -1 ? n : end + 3;
      work.scanned += stop - lt;
      out += html.slice(copyFrom, lt);
      copyFrom = i = stop;
      continue;
    }
    if (html.charCodeAt(lt + 1) === SLASH) {
      if (foreign > 0 && /^<\/(svg|math)[\s/>]/i.test(html.slice(lt, lt + 7))) foreign--;
      const close = /^<\/([a-zA-Z][^\t\n\f\r />]*)[\t\n\f\r />]/.exec(html.slice(lt, lt + 32));
      if (close) nesting.end((close[1] as string).toLowerCase(), foreign > 0);
      i = lt + 2;
      continue;
    }
    // The name as `<([a-zA-Z][a-zA-Z0-9-]*)` reads it in the next 23 characters.
    if (!isAsciiLetter(html.charCodeAt(lt + 1))) {
      i = lt + 1;
      continue;
    }
    let nameEnd = lt + 2;
    while (nameEnd < lt + 24 && isNameCode(html.charCodeAt(nameEnd))) nameEnd++;
    const name = html.slice(lt + 1, nameEnd).toLowerCase();
    const tagEnd = endOfTag(html, nameEnd, work);
    work.startTags++;
    if (budget && (work.startTags > budget.startTags || nesting.maxDepth > budget.depth)) {
      work.maxDepth = Math.max(work.maxDepth, nesting.maxDepth);
      work.over = true;
      return '';
    }
    const rawEnd = (): number => {
      const close = endTagIndex(html, name, tagEnd, work);
      return close === -1 ? n : endOfTag(html, close + 2 + name.length, work);
    };
    if (foreign === 0 && STRIPPED_RAW.has(name)) {
      const end = rawEnd();
      out += html.slice(copyFrom, lt);
      copyFrom = i = end;
      continue;
    }
    const selfClosing = endsSelfClosing(html, nameEnd, tagEnd);
    if ((name === 'svg' || name === 'math') && !selfClosing) {
      foreign++;
      nesting.start(name, '', false, true);
      i = tagEnd;
      continue;
    }
    if (foreign === 0 && KEPT_RAW.has(name)) {
      // Raw text kept as it is: nothing inside a <textarea> or <title> is markup.
      i = rawEnd();
      continue;
    }
    nesting.start(name, FORMATTING.has(name) ? html.slice(lt, tagEnd) : '', selfClosing, foreign > 0);
    i = tagEnd;
  }
  work.maxDepth = Math.max(work.maxDepth, nesting.maxDepth);
  return removeEventHandlers(out + html.slice(copyFrom), work);
}

const VOID = new Set(['area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'image', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Formatting elements: closed by their end tag alone (the adoption agency), reopened after a block closes them. */
const FORMATTING = new Set(['a', 'b', 'big', 'code', 'em', 'font', 'i', 'nobr', 's', 'small', 'strike', 'strong', 'tt', 'u']);
/** Elements that clear the formatting elements opened inside them when they close (markers). */
const MARKERS = new Set(['applet', 'caption', 'marquee', 'object', 'template', 'td', 'th', 'table']);
/** The default scope's boundaries. */
const SCOPE = new Set(['applet', 'caption', 'html', 'table', 'td', 'th', 'marquee', 'object', 'template']);
/** Boundaries of every scope, and special, only inside SVG/MathML (elsewhere they are ordinary elements). */
const FOREIGN_SCOPE = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);
/** The tree builder's "special" elements (an end tag for any other name stops at them). */
const SPECIAL = new Set([
  'address', 'applet', 'area', 'article', 'aside', 'base', 'basefont', 'bgsound', 'blockquote', 'body', 'br', 'button', 'caption', 'center', 'col', 'colgroup',
  'dd', 'details', 'dir', 'div', 'dl', 'dt', 'embed', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'frame', 'frameset', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'head', 'header', 'hgroup', 'hr', 'html', 'iframe', 'img', 'input', 'keygen', 'li', 'link', 'listing', 'main', 'marquee', 'menu', 'meta', 'nav', 'noembed',
  'noframes', 'noscript', 'object', 'ol', 'p', 'param', 'plaintext', 'pre', 'script', 'search', 'section', 'select', 'source', 'style', 'summary', 'table', 'tbody',
  'td', 'template', 'textarea', 'tfoot', 'th', 'thead', 'title', 'tr', 'track', 'ul', 'wbr', 'xmp',
]);
/** Start tags that close an open `<p>` (in button scope). */
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'header',
  'hgroup', 'main', 'menu', 'nav', 'ol', 'p', 'search', 'section', 'summary', 'ul', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'listing', 'form', 'plaintext',
  'table', 'hr', 'xmp', 'li', 'dd', 'dt',
]);
const TABLE_SCOPE = new Set(['html', 'table', 'template']);
/** Start tags the tree builder drops in a body (their attributes may go to an existing element). */
const IGNORED_IN_BODY = new Set(['html', 'head', 'body', 'frameset']);
/** Start tags that leave SVG/MathML content for HTML. */
const BREAKOUT = new Set(['b', 'big', 'blockquote', 'body', 'br', 'center', 'code', 'dd', 'div', 'dl', 'dt', 'em', 'embed', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'hr', 'i', 'img', 'li', 'listing', 'menu', 'meta', 'nobr', 'ol', 'p', 'pre', 'ruby', 's', 'small', 'span', 'strong', 'strike', 'sub', 'sup', 'table', 'tt', 'u', 'ul', 'var', 'font']);
const TABLE_PARTS = new Set(['caption', 'col', 'colgroup', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * How deep the HTML tree builder would nest a page's elements, estimated from its tags alone (no
 * tree is built; each tag costs O(1) amortized). Start tags push; an end tag pops back to its
 * element only where the tree builder would (within scope, never across a "special" element for
 * an ordinary name); a formatting element's own end tag drops it where it stands, leaving what was
 * opened inside it open (the adoption agency); `<p>`, `<li>`, `<td>` and the like close an open one
 * as in a browser; formatting elements that a block's end closes count as reopened (the tree
 * builder reconstructs them), at most three alike (its "Noah's Ark"), none out of a closed cell.
 * Close enough to the real depth for a budget, on real pages and on the shapes an attacker writes.
 */
class NestingEstimate {
  private readonly names: string[] = [];
  /** Each open element's start tag text (formatting elements only: "alike" for the Noah's Ark clause). */
  private readonly sigs: string[] = [];
  /** Whether each open element still counts (a formatting element closed by its end tag is dropped where it stands). */
  private readonly live: boolean[] = [];
  /** Whether each open formatting element is still in the list of elements the tree builder reconstructs. */
  private readonly listed: boolean[] = [];
  private depth = 0;
  maxDepth = 0;
  /** Indexes of the open elements of each name, and of each kind of boundary, innermost last. */
  private readonly byName = new Map<string, number[]>();
  private readonly scopes: number[] = [];
  private readonly specials: number[] = [];
  /** Special elements other than address, div and p (where `<li>`/`<dd>`/`<dt>` stop looking). */
  private readonly listStops: number[] = [];
  private readonly tableScopes: number[] = [];
  private readonly buttons: number[] = [];
  private readonly lists: number[] = [];
  /** HTML (not SVG/MathML) elements. */
  private readonly htmls: number[] = [];
  /** Listed formatting elements by start tag text. */
  private readonly ark = new Map<string, number[]>();

  private static last(stack: readonly number[] | undefined): number {
    return stack && stack.length ? (stack[stack.length - 1] as number) : -1;
  }

  /** Innermost open element named `name` that still counts, or -1. */
  private lastOf(name: string): number {
    const stack = this.byName.get(name);
    if (!stack) return -1;
    while (stack.length && !this.live[stack[stack.length - 1] as number]) stack.pop();
    return NestingEstimate.last(stack);
  }

  private push(name: string, sig: string, foreign = false): void {
    const index = this.names.length;
    const boundary = foreign && FOREIGN_SCOPE.has(name);
    this.names.push(name);
    this.sigs.push(sig);
    this.live.push(true);
    let stack = this.byName.get(name);
    if (!stack) this.byName.set(name, (stack = []));
    stack.push(index);
    if (SCOPE.has(name) || boundary) this.scopes.push(index);
    if (SPECIAL.has(name) || boundary) {
      this.specials.push(index);
      if (name !== 'address' && name !== 'div' && name !== 'p') this.listStops.push(index);
    }
    if (TABLE_SCOPE.has(name)) this.tableScopes.push(index);
    if (name === 'button') this.buttons.push(index);
    if (name === 'ul' || name === 'ol') this.lists.push(index);
    if (!foreign) this.htmls.push(index);
    const formatting = FORMATTING.has(name);
    this.listed.push(formatting);
    if (formatting) {
      let alike = this.ark.get(sig);
      if (!alike) this.ark.set(sig, (alike = []));
      let kept = 0;
      for (const k of alike) if (k < index && this.listed[k] && this.sigs[k] === sig) alike[kept++] = k;
      alike.length = kept;
      // A fourth alike pushes the earliest out of the list: it is never reconstructed again.
      if (kept >= 3) this.listed[alike.shift() as number] = false;
      alike.push(index);
    }
    this.depth++;
    if (this.depth > this.maxDepth) this.maxDepth = this.depth;
  }

  /** Pop every open element from the innermost down to `index`; listed formatting elements closed on the way reopen. */
  private popTo(index: number): void {
    let reopen: Array<[string, string]> | null = null;
    while (this.names.length > index) {
      const at = this.names.length - 1;
      const name = this.names.pop() as string;
      const sig = this.sigs.pop() as string;
      const live = this.live.pop() as boolean;
      const listed = this.listed.pop() as boolean;
      const own = this.byName.get(name);
      if (NestingEstimate.last(own) === at) own?.pop();
      this.unmark(at);
      if (!live) continue;
      this.depth--;
      // A closed cell (or other marker) takes the formatting elements opened inside it along.
      if (MARKERS.has(name)) reopen = null;
      else if (at > index && listed) (reopen ??= []).push([name, sig]);
    }
    if (!reopen) return;
    for (let k = reopen.length - 1; k >= 0; k--) {
      const [name, sig] = reopen[k] as [string, string];
      // The reopened element takes the closed one's place in the list (push prunes the closed one).
      this.push(name, sig);
    }
  }

  /** Forget the element at `at` (the innermost) in every boundary stack. */
  private unmark(at: number): void {
    const { last } = NestingEstimate;
    if (last(this.scopes) === at) this.scopes.pop();
    if (last(this.specials) === at) this.specials.pop();
    if (last(this.listStops) === at) this.listStops.pop();
    if (last(this.tableScopes) === at) this.tableScopes.pop();
    if (last(this.buttons) === at) this.buttons.pop();
    if (last(this.lists) === at) this.lists.pop();
    if (last(this.htmls) === at) this.htmls.pop();
  }

  /** A formatting element closed by its own end tag (or by a new one of its kind): gone from where it stands. */
  private drop(index: number): void {
    this.live[index] = false;
    this.listed[index] = false;
    this.depth--;
  }

  /** Whether the current node is an SVG/MathML element whose children are SVG/MathML too (not an integration point). */
  private inForeignContent(): boolean {
    const top = this.names.length - 1;
    return top >= 0 && NestingEstimate.last(this.htmls) < top && !FOREIGN_SCOPE.has(this.names[top] as string);
  }

  /**
   * A start tag. `foreign`: inside `<svg>`/`<math>` as the stripper counts them; `selfClosing`:
   * written `<x/>` (only SVG/MathML elements are closed by it).
   */
  start(name: string, sig: string, selfClosing: boolean, foreign = false): void {
    if (name === 'svg' || name === 'math') {
      if (!selfClosing) this.push(name, '', true);
      return;
    }
    // Inside SVG/MathML every element nests, but those that break out to HTML.
    if (foreign && this.inForeignContent() && !BREAKOUT.has(name)) {
      if (!selfClosing) this.push(name, '', true);
      return;
    }
    if (VOID.has(name)) return;
    if (IGNORED_IN_BODY.has(name)) return;
    // Table parts outside a table are dropped by the tree builder.
    if (TABLE_PARTS.has(name) && this.lastOf('table') < 0) return;
    const top = this.names[this.names.length - 1];
    if (CLOSES_P.has(name)) {
      const p = this.lastOf('p');
      if (p >= 0 && p > Math.max(NestingEstimate.last(this.scopes), NestingEstimate.last(this.buttons))) this.popTo(p);
    }
    if (name === 'li' || name === 'dd' || name === 'dt') {
      const open = name === 'li' ? this.lastOf('li') : Math.max(this.lastOf('dd'), this.lastOf('dt'));
      if (open >= 0 && open > NestingEstimate.last(this.listStops)) this.popTo(open);
    } else if (HEADINGS.has(name) && top !== undefined && HEADINGS.has(top)) this.popTo(this.names.length - 1);
    else if (name === 'option' && top === 'option') this.popTo(this.names.length - 1);
    else if (name === 'a' || name === 'nobr') {
      const open = this.lastOf(name);
      if (open >= 0 && open > NestingEstimate.last(this.scopes)) this.drop(open);
    } else if (name === 'button') {
      const open = this.lastOf(name);
      if (open >= 0 && open > NestingEstimate.last(this.scopes)) this.popTo(open);
    } else if (name === 'td' || name === 'th' || name === 'tr' || name === 'tbody' || name === 'thead' || name === 'tfoot') {
      const cells = name === 'td' || name === 'th' ? ['td', 'th'] : name === 'tr' ? ['td', 'th', 'tr'] : ['td', 'th', 'tr', 'tbody', 'thead', 'tfoot'];
      const open = Math.max(...cells.map((c) => this.lastOf(c)));
      if (open >= 0 && open > NestingEstimate.last(this.tableScopes)) this.popTo(open);
    }
    this.push(name, FORMATTING.has(name) ? sig : '', foreign);
  }

  end(name: string, foreign = false): void {
    if (VOID.has(name)) return;
    const open = this.lastOf(name);
    if (open < 0) return;
    // In SVG/MathML an end tag closes its element unless an HTML element stands between.
    if (foreign && this.inForeignContent() && open > NestingEstimate.last(this.htmls)) {
      this.popTo(open);
      return;
    }
    let boundary: number;
    if (FORMATTING.has(name)) boundary = NestingEstimate.last(this.scopes);
    else if (name === 'p') boundary = Math.max(NestingEstimate.last(this.scopes), NestingEstimate.last(this.buttons));
    else if (name === 'li') boundary = Math.max(NestingEstimate.last(this.scopes), NestingEstimate.last(this.lists));
    else if (TABLE_SCOPE.has(name) || name === 'tr' || name === 'tbody' || name === 'thead' || name === 'tfoot' || name === 'caption' || name === 'colgroup') boundary = NestingEstimate.last(this.tableScopes);
    else if (SPECIAL.has(name)) boundary = NestingEstimate.last(this.scopes);
    else boundary = NestingEstimate.last(this.specials); // any other end tag stops at a special element
    if (open < boundary) return;
    if (FORMATTING.has(name)) this.drop(open);
    else this.popTo(open);
  }
}
