/**
 * One generic generator for every multi-page case: a real corpus page is the template, and each
 * other page is that same HTML with
 *  - the pager's current-page marker moved (the template's own markup for "current" and "link",
 *    `MultiPageCase.items`), next/previous/first/last links retargeted or shown disabled
 *    (`nav`), other per-page text such as "1/2" rewritten (`extra`);
 *  - the body's paragraphs (the region `body` names) replaced by distinct deterministic
 *    paragraphs built from the template's own characters, so each page's truth is known exactly;
 *  - everything else (header, sidebars, copyright blocks, related links, polls) byte for byte as
 *    the template has it: the chrome a reader must drop on every page.
 * Pages are encoded in the template's charset on the real site (GBK / GB18030 / Big5 / UTF-8);
 * characters a legacy charset cannot hold become numeric references, as those sites wrote them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { JSDOM, VirtualConsole } from 'jsdom';
import { loadGroundTruth } from '../ground-truth';
import { decodeHtml } from '../../pipeline/decode';
import { stripTextWrapper } from '../page-bytes';
import { prng, sentenceMaker } from '../synthetic-article';
import type { GeneratedCase, GeneratedPage, MultiPageCase, NavSlot, ServedCharset, TrapCase } from './types';

const quiet = new VirtualConsole();

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Fill `{n}`, `{href}`, `{k}`, `{N}` placeholders. */
export function fill(form: string, values: Record<string, string | number>): string {
  return form.replace(/\{(n|href|k|N)\}/g, (m, key: string) => (key in values ? String(values[key]) : m));
}

// ---------------------------------------------------------------------------------------------
// Encoding

const encodableCache = new Map<string, boolean>();

function encodable(ch: string, charset: ServedCharset): boolean {
  if (charset === 'utf-8' || ch.charCodeAt(0) < 0x80) return true;
  const key = `${charset}:${ch}`;
  let ok = encodableCache.get(key);
  if (ok === undefined) {
    ok = iconv.decode(iconv.encode(ch, charset), charset) === ch;
    encodableCache.set(key, ok);
  }
  return ok;
}

/** Encode HTML in `charset`; a character the charset lacks becomes `&#N;`. */
export function encodeHtml(html: string, charset: ServedCharset): Uint8Array {
  if (charset === 'utf-8') return new TextEncoder().encode(html);
  let out = '';
  for (const ch of html) out += encodable(ch, charset) ? ch : `&#${ch.codePointAt(0)};`;
  return new Uint8Array(iconv.encode(out, charset));
}

/** Decode served bytes back (for tests and the chrome check). */
export function decodeServed(bytes: Uint8Array, charset: ServedCharset): string {
  return charset === 'utf-8' ? new TextDecoder('utf-8', { fatal: true }).decode(bytes) : iconv.decode(Buffer.from(bytes), charset);
}

// ---------------------------------------------------------------------------------------------
// Template

export interface Template {
  html: string;
  /** The body region [start, end) in `html`. */
  body: [number, number];
}

export function readTemplateHtml(corpusDir: string, file: string): string {
  const bytes = stripTextWrapper(new Uint8Array(readFileSync(join(corpusDir, file))));
  return decodeHtml(bytes, null).html;
}

/** Narrow an element's inner range [start, end) by the spec's `from` / `to` literals; null when `from` is not inside. */
function narrow(html: string, spec: MultiPageCase['body'], start: number, end: number, what: string): [number, number] | null {
  if (spec.from !== undefined) {
    const i = html.indexOf(spec.from, start);
    if (i < 0 || i >= end) return null;
    start = i + spec.from.length;
  }
  if (spec.to !== undefined) {
    const i = html.indexOf(spec.to, start);
    if (i < 0 || i > end) throw new Error(`${what}: body "to" literal not inside ${spec.selector}: ${spec.to}`);
    end = i;
  }
  return [start, end];
}

/**
 * Locate the body region through a DOM: the first element matching the selector that holds the
 * `from` literal (source offsets from the parser), narrowed by `from` / `to`. Exact but slow
 * (a jsdom parse per template); `locateBody` is the fast path and is tested against this.
 */
export function locateBodyByDom(html: string, spec: MultiPageCase['body'], what: string): [number, number] {
  const dom = new JSDOM(html, { includeNodeLocations: true, virtualConsole: quiet });
  try {
    const els = [...dom.window.document.querySelectorAll(spec.selector)];
    if (!els.length) throw new Error(`${what}: body selector ${spec.selector} matches nothing`);
    for (const el of els) {
      const loc = dom.nodeLocation(el) as { startTag?: { endOffset: number }; endTag?: { startOffset: number }; endOffset: number } | null;
      if (!loc?.startTag) continue;
      const r = narrow(html, spec, loc.startTag.endOffset, loc.endTag?.startOffset ?? loc.endOffset, what);
      if (r) return r;
    }
    throw new Error(`${what}: no ${spec.selector} holds the body "from" literal: ${spec.from}`);
  } finally {
    dom.window.close();
  }
}

const SIMPLE_SELECTOR = /^([a-zA-Z][\w-]*)?(?:#([\w-]+))?((?:\.[\w-]+)*)$/;
const START_TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s>=/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
  return m ? (m[1] ?? m[2] ?? m[3] ?? '') : null;
}

/** Where the element whose start tag ends at `from` closes: depth-counted same-name tags, comments and scripts skipped. */
function closingTag(html: string, tag: string, from: number): number | null {
  const re = new RegExp(`<!--[\\s\\S]*?-->|<script\\b[\\s\\S]*?</script\\s*>|<(/?)${tag}(?=[\\s>/])[^>]*>`, 'gi');
  re.lastIndex = from;
  let depth = 1;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m[1] === undefined) continue;
    if (m[1] === '/') {
      if (--depth === 0) return m.index;
    } else if (!m[0].endsWith('/>')) depth++;
  }
  return null;
}

/**
 * Locate the body region without a DOM: simple selectors only (`tag`, `#id`, `.class`, and
 * compounds such as `div.a.b` or `span#x`), the element's extent by depth-counting its own tag.
 * Falls back to the DOM for anything else. The unit test checks it against `locateBodyByDom` on
 * every case.
 */
export function locateBody(html: string, spec: MultiPageCase['body'], what: string): [number, number] {
  const sel = SIMPLE_SELECTOR.exec(spec.selector);
  if (!sel) return locateBodyByDom(html, spec, what);
  const [, tag, id, classes] = sel;
  const wantClasses = (classes ?? '').split('.').filter(Boolean);
  START_TAG.lastIndex = 0;
  for (let m = START_TAG.exec(html); m; m = START_TAG.exec(html)) {
    const name = m[1]!.toLowerCase();
    if (tag && name !== tag.toLowerCase()) continue;
    const attrs = m[2] ?? '';
    if (id && attr(attrs, 'id') !== id) continue;
    if (wantClasses.length) {
      const have = (attr(attrs, 'class') ?? '').split(/\s+/);
      if (!wantClasses.every((c) => have.includes(c))) continue;
    }
    const start = m.index + m[0].length;
    const end = closingTag(html, name, start);
    if (end === null) return locateBodyByDom(html, spec, what);
    const r = narrow(html, spec, start, end, what);
    if (r) return r;
  }
  return locateBodyByDom(html, spec, what);
}

// ---------------------------------------------------------------------------------------------
// Slots: the pieces of the template that change from page to page.

interface Slot {
  name: string;
  /** As it stands in the template. */
  literal: string;
  /** Page k's form (1-based); `whole` = the one-page version of the article. */
  render(k: number | 'whole'): string;
}

function hrefOf(spec: MultiPageCase, page: number): string {
  return spec.hrefs?.[page - 1] ?? spec.urls[page - 1]!;
}

function navTarget(spec: MultiPageCase, slot: NavSlot, k: number): string | null {
  const n = spec.urls.length;
  switch (slot.rel) {
    case 'next':
      return k < n ? hrefOf(spec, k + 1) : (spec.outside?.after ?? null);
    case 'prev':
      return k > 1 ? hrefOf(spec, k - 1) : (spec.outside?.before ?? null);
    case 'first':
      return k > 1 ? hrefOf(spec, 1) : null;
    case 'last':
      return k < n ? hrefOf(spec, n) : null;
    case 'all':
      return spec.wholePage?.href ?? null;
  }
}

function buildSlots(spec: MultiPageCase): Slot[] {
  const n = spec.urls.length;
  const tp = (spec.templateIndex ?? 0) + 1;
  const slots: Slot[] = [];
  if (spec.items) {
    const { current, link } = spec.items;
    const item = (j: number, k: number) => fill(j === k && current !== null ? current : link, { n: j, href: hrefOf(spec, j) });
    for (let j = 1; j <= n; j++) slots.push({ name: `item ${j}`, literal: item(j, tp), render: (k) => (k === 'whole' ? '' : item(j, k)) });
  }
  for (const nav of spec.nav ?? []) {
    const form = (k: number) => {
      const target = navTarget(spec, nav, k);
      return target === null ? (nav.off ?? '') : fill(nav.link, { href: target });
    };
    const here = form(tp);
    if (here) {
      slots.push({ name: nav.rel, literal: here, render: (k) => (k === 'whole' ? '' : form(k)) });
    } else {
      const anchor = nav.after ?? nav.before;
      if (!anchor) throw new Error(`${spec.id}: the ${nav.rel} link is absent on the template page and no after/before anchor says where it goes`);
      const put = (s: string) => (nav.after !== undefined ? anchor + s : s + anchor);
      slots.push({ name: `${nav.rel} (at anchor)`, literal: anchor, render: (k) => (k === 'whole' ? anchor : put(form(k))) });
    }
  }
  for (const x of spec.extra ?? []) {
    slots.push({ name: `extra ${x.form}`, literal: fill(x.form, { k: tp, N: n }), render: (k) => (k === 'whole' ? '' : fill(x.form, { k, N: n })) });
  }
  return slots;
}

interface Match {
  start: number;
  end: number;
  slot: Slot;
}

/** Every occurrence of every slot's literal; where two overlap, the longer wins. */
function findSlots(html: string, slots: Slot[], id: string): Match[] {
  const all: Match[] = [];
  for (const slot of slots) {
    let found = 0;
    for (let i = html.indexOf(slot.literal); i >= 0; i = html.indexOf(slot.literal, i + slot.literal.length)) {
      all.push({ start: i, end: i + slot.literal.length, slot });
      found++;
    }
    if (!found) throw new Error(`${id}: the template has no "${slot.name}" as described: ${slot.literal}`);
  }
  all.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: Match[] = [];
  for (const m of all) {
    const last = kept[kept.length - 1];
    if (last && m.start < last.end) {
      if (m.end - m.start > last.end - last.start) kept[kept.length - 1] = m;
      continue;
    }
    kept.push(m);
  }
  for (const slot of slots) {
    if (!kept.some((m) => m.slot === slot)) throw new Error(`${id}: "${slot.name}" only occurs inside a longer pager piece: ${slot.literal}`);
  }
  return kept;
}

// ---------------------------------------------------------------------------------------------
// Text

const HAN = /\p{Script=Han}/gu;

function textOf(htmlPart: string): string {
  return htmlPart
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]*>/g, '');
}

/** The template's own characters: the body's Han characters (the whole page's when the body is short). */
function characterPool(html: string, body: [number, number], charset: ServedCharset): string[] {
  const keep = (chars: Iterable<string>) => [...new Set(chars)].filter((c) => encodable(c, charset));
  let pool = keep(textOf(html.slice(body[0], body[1])).match(HAN) ?? []);
  if (pool.length < 80) pool = keep([...pool, ...(textOf(html).match(HAN) ?? [])]);
  if (pool.length < 30) throw new Error('template has too few characters to build text from');
  return pool;
}

function paragraphMaker(pool: string[], seed: number): () => string {
  const rand = prng(seed);
  const seen = new Set<string>();
  const sentence = sentenceMaker(pool, rand);
  return () => {
    for (;;) {
      let p = '';
      const sentences = 3 + Math.floor(rand() * 4);
      for (let s = 0; s < sentences; s++) p += sentence();
      if (!seen.has(p)) {
        seen.add(p);
        return p;
      }
    }
  };
}

// ---------------------------------------------------------------------------------------------

export interface GenerateOptions {
  corpusDir: string;
  /** Template HTML already read (tests); default: read `spec.file` from the corpus. */
  templateHtml?: string;
}

function applyHeadFix(html: string, fixes: MultiPageCase['headFix']): string {
  let out = html;
  for (const [from, to] of fixes ?? []) {
    if (!out.includes(from)) throw new Error(`headFix literal not found: ${from}`);
    out = out.split(from).join(to);
  }
  return out;
}

/** The template with its head fix applied (what "unchanged chrome" is compared with). */
export function templateFor(spec: MultiPageCase, opts: GenerateOptions): Template {
  const html = applyHeadFix(opts.templateHtml ?? readTemplateHtml(opts.corpusDir, spec.file), spec.headFix);
  return { html, body: locateBody(html, spec.body, spec.id) };
}

export function generateCase(spec: MultiPageCase, opts: GenerateOptions): GeneratedCase {
  const tpl = templateFor(spec, opts);
  const { html } = tpl;
  const [bodyStart, bodyEnd] = tpl.body;
  const n = spec.urls.length;
  const tIndex = spec.templateIndex ?? 0;
  const slots = buildSlots(spec);
  const matches = findSlots(html, slots, spec.id);
  const inBody = matches.find((m) => m.start < bodyEnd && m.end > bodyStart);
  if (inBody) throw new Error(`${spec.id}: pager piece "${inBody.slot.name}" lies inside the body region`);

  const truth = loadGroundTruth(opts.corpusDir, spec.file);
  const corpusTruth = truth && truth.kind === 'text' ? truth : null;
  const pool = characterPool(html, tpl.body, spec.charset);
  const nextParagraph = paragraphMaker(pool, hashString(spec.id));
  const perPage = spec.body.paragraphs ?? 6;

  const originalBody = html.slice(bodyStart, bodyEnd);
  const bodies: Array<{ html: string; paragraphs: string[]; source: 'generated' | 'corpus' }> = [];
  for (let i = 0; i < n; i++) {
    if (i === tIndex && corpusTruth) {
      const lines = corpusTruth.text
        .split(/\n+/)
        .map((l) => l.trim())
        .filter(Boolean);
      lines.push(...(spec.truthFix?.append ?? []));
      bodies.push({ html: originalBody, paragraphs: lines, source: 'corpus' });
      continue;
    }
    const paragraphs = Array.from({ length: perPage }, nextParagraph);
    bodies.push({ html: paragraphs.map((p) => spec.body.paragraph.replace('{text}', () => p)).join('\n'), paragraphs, source: 'generated' });
  }

  const render = (k: number | 'whole', bodyHtml: string): { html: string; body: [number, number] } => {
    const edits = [...matches.map((m) => ({ start: m.start, end: m.end, text: m.slot.render(k) })), { start: bodyStart, end: bodyEnd, text: bodyHtml }].sort(
      (a, b) => a.start - b.start,
    );
    let out = '';
    let at = 0;
    let body: [number, number] = [0, 0];
    for (const e of edits) {
      out += html.slice(at, e.start);
      if (e.start === bodyStart && e.end === bodyEnd && e.text === bodyHtml) body = [out.length, out.length + e.text.length];
      out += e.text;
      at = e.end;
    }
    out += html.slice(at);
    return { html: out, body };
  };

  const contentType = spec.contentType;
  const pages: GeneratedPage[] = [];
  const bodyRanges: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    const b = bodies[i]!;
    const r = render(i + 1, b.html);
    bodyRanges.push(r.body);
    pages.push({
      page: i + 1,
      url: spec.urls[i]!,
      aliases: spec.aliases?.[i] ?? [],
      html: r.html,
      bytes: encodeHtml(r.html, spec.charset),
      contentType,
      paragraphs: b.paragraphs,
      truth: b.paragraphs.join('\n'),
      truthSource: b.source,
      truthIncludesTitle: b.source === 'corpus' && !!corpusTruth?.includesTitle,
    });
  }
  let whole: GeneratedPage | null = null;
  if (spec.wholePage) {
    const r = render('whole', bodies.map((b) => b.html).join('\n'));
    const paragraphs = bodies.flatMap((b) => b.paragraphs);
    whole = {
      page: 1,
      url: spec.wholePage.url,
      aliases: [],
      html: r.html,
      bytes: encodeHtml(r.html, spec.charset),
      contentType,
      paragraphs,
      truth: paragraphs.join('\n'),
      truthSource: bodies.some((b) => b.source === 'corpus') ? 'corpus' : 'generated',
      truthIncludesTitle: !!corpusTruth?.includesTitle,
    };
  }
  return { spec, pages, whole, bodyRanges };
}

/** A trap page served as the site would: the template's bytes in its real charset. */
export function trapPage(trap: TrapCase, corpusDir: string): { url: string; bytes: Uint8Array; html: string; contentType: string } {
  const html = readTemplateHtml(corpusDir, trap.file);
  return { url: trap.url, html, bytes: encodeHtml(html, trap.charset), contentType: trap.contentType };
}
