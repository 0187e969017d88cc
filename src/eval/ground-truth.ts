/**
 * Ground-truth loading for the corpus in /work/shared/corpus (see its README.md / INDEX.tsv).
 *
 * Each format says whether its text includes the article's headline; scoring then compares
 * "title + body" of BOTH systems against it (never only one side), so the formats stay comparable.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { JSDOM } from 'jsdom';

export type GroundTruthFormat =
  | 'cleaned' // *.cleaned.txt — hand-cleaned body
  | 'reference' // *.reference.txt — <p>/<h> marked text, headline (and maybe date) lines first
  | 'base' // *.base.json — magic-html benchmark {hash: {url, content}}
  | 'fulltext' // *.fulltext.DERIVED.txt — L3S headline + full text
  | 'newspaper4k' // newspaper4k .txt — library's reviewed output (body)
  | 'readability' // *.expected.html — Readability.js test expectation (body HTML)
  | 'evaldata'; // *.evaldata.json — trafilatura with/without snippets (no full text)

export interface FullTextTruth {
  kind: 'text';
  format: Exclude<GroundTruthFormat, 'evaldata'>;
  /** The truth text. */
  text: string;
  /** Whether `text` starts with the headline (then predictions are scored as title + body). */
  includesTitle: boolean;
  /** Ground-truth file the text came from (relative to the corpus root). */
  file: string;
}

export interface SnippetTruth {
  kind: 'snippets';
  format: 'evaldata';
  with: string[];
  without: string[];
  title: string | null;
  file: string;
}

export type GroundTruth = FullTextTruth | SnippetTruth;

// ---------------------------------------------------------------------------------------------
// Parsers (pure, string in → text out). Exported for unit tests.

/** `*.reference.txt`: drop the `<p>`/`<h…>` marks (one paragraph per line). */
export function parseReferenceTxt(src: string): string {
  return src
    .replace(/^\uFEFF/, '')
    .replace(/<\/?(?:p|h\d?|br)\b[^>]*(?:>|$)/gim, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
}

/** `*.base.json`: `{ "<hash>": { url, content, … } }` → content (first entry). */
export function parseBaseJson(src: string): { url: string | null; text: string } {
  const obj = JSON.parse(src) as Record<string, { url?: string; content?: string }>;
  const entry = Object.values(obj)[0];
  if (!entry || typeof entry.content !== 'string') throw new Error('base.json: no entry with a "content" string');
  return { url: entry.url ?? null, text: entry.content };
}

/** `*.evaldata.json`: `{ "<url>": { with: [...], without: [...], title, … } }`. */
export function parseEvaldataJson(src: string): { url: string | null; with: string[]; without: string[]; title: string | null } {
  const obj = JSON.parse(src) as Record<string, { with?: string[]; without?: string[]; title?: string }>;
  const [url, entry] = Object.entries(obj)[0] ?? [];
  if (!entry) throw new Error('evaldata.json: empty');
  return { url: url ?? null, with: entry.with ?? [], without: entry.without ?? [], title: entry.title?.trim() || null };
}

const BLOCK_TAGS =
  'address|article|aside|blockquote|br|dd|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|li|main|ol|p|pre|section|table|td|th|tr|ul';

/**
 * HTML → plain text with a line break at every block boundary (so Latin words of adjacent
 * paragraphs never fuse, as `textContent` would do for `<p>a</p><p>b</p>`).
 */
export function htmlToText(html: string): string {
  const marked = html.replace(new RegExp(`<(/?)(?:${BLOCK_TAGS})\\b[^>]*>`, 'gi'), (m) => `${m}\n`);
  const text = JSDOM.fragment(`<div>${marked}</div>`).textContent ?? '';
  return text
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// Finding the ground truth of a page.

/** Path of a page's html relative to the corpus root, without `.html`. */
function stemOf(htmlRel: string): string {
  return htmlRel.replace(/\.html?$/i, '');
}

/**
 * Load the ground truth of one corpus page (`htmlRel` like `people/xyz.html`), or null when the
 * page has none. Full-text formats win over snippets; among full-text formats the hand-cleaned
 * ones come first.
 */
export function loadGroundTruth(corpusDir: string, htmlRel: string): GroundTruth | null {
  const stem = stemOf(htmlRel);
  const p = (suffix: string) => join(corpusDir, stem + suffix);
  const rel = (suffix: string) => stem + suffix;
  const read = (suffix: string) => readFileSync(p(suffix), 'utf8');

  if (existsSync(p('.cleaned.txt'))) {
    return { kind: 'text', format: 'cleaned', text: read('.cleaned.txt').replace(/^\uFEFF/, ''), includesTitle: false, file: rel('.cleaned.txt') };
  }
  if (existsSync(p('.reference.txt'))) {
    return { kind: 'text', format: 'reference', text: parseReferenceTxt(read('.reference.txt')), includesTitle: true, file: rel('.reference.txt') };
  }
  if (existsSync(p('.base.json'))) {
    return { kind: 'text', format: 'base', text: parseBaseJson(read('.base.json')).text, includesTitle: false, file: rel('.base.json') };
  }
  if (existsSync(p('.fulltext.DERIVED.txt'))) {
    return { kind: 'text', format: 'fulltext', text: read('.fulltext.DERIVED.txt'), includesTitle: true, file: rel('.fulltext.DERIVED.txt') };
  }
  if (existsSync(p('.expected.html'))) {
    return { kind: 'text', format: 'readability', text: htmlToText(read('.expected.html')), includesTitle: false, file: rel('.expected.html') };
  }
  // newspaper4k fixtures: `<name>.txt` next to `<name>.metadata.json`.
  if (existsSync(p('.txt')) && existsSync(p('.metadata.json'))) {
    return { kind: 'text', format: 'newspaper4k', text: read('.txt'), includesTitle: false, file: rel('.txt') };
  }
  if (existsSync(p('.evaldata.json'))) {
    const e = parseEvaldataJson(read('.evaldata.json'));
    return { kind: 'snippets', format: 'evaldata', with: e.with, without: e.without, title: e.title, file: rel('.evaldata.json') };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// INDEX.tsv

export interface CorpusEntry {
  /** Path relative to the corpus root, e.g. `people/gne_people_1.html`. */
  file: string;
  site: string;
  /** The INDEX url column as written. */
  rawUrl: string;
  /** A usable absolute URL for parsing (see `pageUrlFromIndex`). */
  url: string;
  encoding: string;
  hasPagination: string;
  gtFormat: string;
  notes: string;
}

/**
 * The INDEX url column → an absolute URL:
 *  - `http://… (INFERRED: …)` → the URL before the parenthesis;
 *  - `unknown (host X, …)` → `http://X/`.
 */
export function pageUrlFromIndex(raw: string): string {
  const s = raw.trim();
  const direct = /^(https?:\/\/\S+)/i.exec(s);
  if (direct) return direct[1]!;
  const host = /host\s+([A-Za-z0-9.-]+)/i.exec(s);
  if (host) return `http://${host[1]}/`;
  throw new Error(`cannot derive a URL from INDEX url column: ${raw}`);
}

export function parseIndexTsv(src: string): CorpusEntry[] {
  const lines = src.split(/\r?\n/).filter((l) => l.trim());
  const header = lines.shift()?.split('\t') ?? [];
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`INDEX.tsv: no column "${name}"`);
    return i;
  };
  const [iFile, iSite, iUrl, iEnc, iPag, iFmt, iNotes] = ['file', 'site', 'url', 'encoding', 'has_pagination', 'gt_format', 'notes'].map(col) as number[];
  return lines.map((line) => {
    const c = line.split('\t');
    const rawUrl = c[iUrl!] ?? '';
    return {
      file: c[iFile!] ?? '',
      site: c[iSite!] ?? '',
      rawUrl,
      url: pageUrlFromIndex(rawUrl),
      encoding: c[iEnc!] ?? '',
      hasPagination: c[iPag!] ?? '',
      gtFormat: c[iFmt!] ?? '',
      notes: c[iNotes!] ?? '',
    };
  });
}

export function loadCorpusIndex(corpusDir: string): CorpusEntry[] {
  return parseIndexTsv(readFileSync(join(corpusDir, 'INDEX.tsv'), 'utf8'));
}

/** Site group for summaries: people, xinhua, or other. */
export function siteGroup(site: string): 'people' | 'xinhua' | 'other' {
  return site === 'people' ? 'people' : site === 'xinhua' ? 'xinhua' : 'other';
}

/** A short display name for a corpus file: hashes and UUIDs cut to 8 characters. */
export function shortName(file: string): string {
  return basename(file)
    .replace(/\.html?$/i, '')
    .replace(/([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '$1')
    .replace(/([0-9a-f]{8})[0-9a-f]{16,}/gi, '$1');
}
