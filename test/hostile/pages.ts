/**
 * Hostile article pages: real People's Daily and Xinhua page templates from `test/pages/` (their
 * page 1, trimmed to the headline, the date/source line and the body's neighbourhood, scripts, styles
 * and external resources dropped, re-served as UTF-8) with a payload from `payloads.ts` placed inside
 * the article body (`.rm_txt_con`, `#p-detail`, `span#content`) between two legitimate paragraphs.
 *
 * - `hostileCases()` lists every case (payload × frame; split payloads as two-page articles).
 * - `writeHostileCases(dir)` writes them as fixture case folders (case.json + page-N.html, the format of
 *   `test/pages/README.md`), so `startNewsSite({ cases })` can serve them to a browser suite.
 *   `npx tsx test/hostile/pages.ts --out DIR [--frames people-2022,xinhua-2019]` does the same.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { decodeHtml } from '../../src/pipeline/decode';
import type { FetchLike, ResponseLike } from '../../src/pipeline/types';
import { people, xinhua, type SiteRule } from '../../src/sites/index';
import { ALL_PAYLOADS, PAYLOADS, SPLIT_PAYLOADS, type HostilePayload } from './payloads';
import { writeCase } from '../server/news-site';

const here = path.dirname(fileURLToPath(import.meta.url));
const PAGES_DIR = path.resolve(here, '../pages');

export type FrameId = 'people-2022' | 'xinhua-2019' | 'xinhua-2012';

interface FrameSpec {
  id: FrameId;
  /** Fixture case whose page-1.html is the template. */
  fixture: string;
  /** The article body container. */
  container: string;
  rule: SiteRule;
  /** Where the pager goes: first thing inside the body, or just before the body element. */
  pagerPlacement: 'in-body' | 'before-body';
  /** Numeric article id base (each case adds its index). */
  idBase: number;
  url(articleId: number, page: number): string;
  pager(urls: readonly string[], current: number): string;
  siteSuffix: string;
}

const FRAME_SPECS: Record<FrameId, FrameSpec> = {
  'people-2022': {
    id: 'people-2022',
    fixture: 'people-n2-2022-gb2312',
    container: '.rm_txt_con',
    rule: people,
    pagerPlacement: 'in-body',
    idBase: 35_000_000,
    url: (id, n) => `http://js.people.com.cn/n2/2022/0213/c360307-${id}${n > 1 ? `-${n}` : ''}.html`,
    pager: (urls) =>
      `<div class="zdfy clearfix">${urls.map((u, i) => `<a href="${new URL(u).pathname}">【${i + 1}】</a>`).join('')}</div>`,
    siteSuffix: '--人民网',
  },
  'xinhua-2019': {
    id: 'xinhua-2019',
    fixture: 'xinhua-2019-p-detail',
    container: '#p-detail',
    rule: xinhua,
    pagerPlacement: 'in-body',
    idBase: 1_125_000_000,
    url: (id, n) => `http://www.xinhuanet.com/world/2019-12/10/c_${id}${n > 1 ? `_${n}` : ''}.htm`,
    pager: xinhuaPager,
    siteSuffix: '_新华网',
  },
  'xinhua-2012': {
    id: 'xinhua-2012',
    fixture: 'xinhua-2012-gb2312-bytes',
    container: 'span#content',
    rule: xinhua,
    pagerPlacement: 'before-body',
    idBase: 111_000_000,
    url: (id, n) => `http://news.xinhuanet.com/comments/2012-01/12/c_${id}${n > 1 ? `_${n}` : ''}.htm`,
    pager: xinhuaPager,
    siteSuffix: '_新华网',
  },
};

function xinhuaPager(urls: readonly string[], current: number): string {
  const items = urls.map((u, i) => (i + 1 === current ? `<span class="page-Article">${i + 1}</span>` : `<a href="${u}" class="page-Article">${i + 1}</a>`));
  const next = current < urls.length ? ` <a href="${urls[current]}" class="nextpage">下一页</a>` : '';
  return `<div id="div_currpage">&nbsp;&nbsp; ${items.join(' ')}${next}&nbsp;&nbsp;</div>`;
}

export const FRAME_IDS: readonly FrameId[] = ['people-2022', 'xinhua-2019', 'xinhua-2012'];

/** A frame: the trimmed template with placeholders, ready to fill. */
export interface Frame {
  id: FrameId;
  spec: FrameSpec;
  template: string;
}

const PH = { title: '@@WS_TITLE@@', h1: '@@WS_H1@@', body: '@@WS_BODY@@', pager: '@@WS_PAGER@@' };
const frameCache = new Map<FrameId, Frame>();

/** Load (once) and trim a frame. */
export function loadFrame(id: FrameId): Frame {
  const cached = frameCache.get(id);
  if (cached) return cached;
  const spec = FRAME_SPECS[id];
  const bytes = new Uint8Array(readFileSync(path.join(PAGES_DIR, spec.fixture, 'page-1.html')));
  const dom = new JSDOM(decodeHtml(bytes, null).html);
  const doc = dom.window.document;
  // Nothing of the frame itself may run or load: only the payloads are hostile.
  for (const el of doc.querySelectorAll('script, style, link, iframe, noscript, object, embed, base, meta[charset], meta[http-equiv]')) el.remove();
  const walker = doc.createTreeWalker(doc, dom.window.NodeFilter.SHOW_COMMENT);
  const comments: Node[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) comments.push(n);
  for (const c of comments) c.parentNode?.removeChild(c);
  const meta = doc.createElement('meta');
  meta.setAttribute('charset', 'utf-8');
  doc.head.prepend(meta);

  const container = doc.querySelector(spec.container);
  if (!container) throw new Error(`frame ${id}: no ${spec.container}`);
  const headline = spec.rule.title.map((s) => doc.querySelector(s)).find((el) => el && !container.contains(el)) ?? null;
  const keep: Element[] = [container];
  if (headline) keep.push(headline);
  for (const selector of [...spec.rule.published, ...spec.rule.source, ...spec.rule.byline]) {
    for (const el of doc.body.querySelectorAll(selector)) if (!container.contains(el)) keep.push(el);
  }
  // Drop the page chrome far from the body (header, nav, footer, side columns); keep the body's own
  // neighbourhood (editor line, share bar, related news) and the headline/date/source.
  const containerParent = container.parentElement;
  const prune = (node: Element): void => {
    for (const child of [...node.children]) {
      if (keep.includes(child)) continue;
      if (keep.some((k) => child.contains(k))) {
        prune(child);
      } else if (child.parentElement !== containerParent && !keep.some((k) => k.contains(child))) {
        child.remove();
      }
    }
  };
  prune(doc.body);
  // The template's own pager and next links go; each case brings its own.
  for (const selector of spec.rule.pager) {
    for (const el of doc.querySelectorAll(selector)) if (!el.contains(container)) el.remove();
  }
  container.textContent = spec.pagerPlacement === 'in-body' ? PH.pager + PH.body : PH.body;
  if (spec.pagerPlacement === 'before-body') container.before(doc.createTextNode(PH.pager));
  doc.title = PH.title;
  if (headline) headline.textContent = PH.h1;
  const frame: Frame = { id, spec, template: dom.serialize() };
  frameCache.set(id, frame);
  return frame;
}

function fill(template: string, values: { title: string; h1: string; body: string; pager: string }): string {
  return template
    .split(PH.title).join(values.title)
    .split(PH.h1).join(values.h1)
    .split(PH.pager).join(values.pager)
    .split(PH.body).join(values.body);
}

/** Legitimate paragraphs around a payload; they must survive sanitization. */
export const legit = {
  before: (page: number): string => `第${page}页前文：记者从有关部门获悉，今年以来各地扎实推进民生工程，群众获得感持续增强。`,
  after: (page: number): string => `第${page}页后文：专家表示，将继续加大投入力度，确保各项惠民措施落到实处、取得实效。`,
};

export interface PageSpec {
  /** Page URL. */
  url: string;
  /** Markup for the article body. */
  body: string;
  /** All page URLs of the article, page 1 first (a pager is added when more than one). */
  urls: readonly string[];
  /** 1-based number of this page. */
  page: number;
  /** Headline markup (default: a plain headline). */
  headline?: string;
}

/** One page in a frame. */
export function framePage(frameId: FrameId, page: PageSpec): string {
  const frame = loadFrame(frameId);
  const headline = page.headline ?? '民生工程扎实推进 群众获得感持续增强';
  const suffix = page.page > 1 ? (frame.spec.rule === people ? `【${page.page}】` : `(${page.page})`) : '';
  return fill(frame.template, {
    title: `${headline}${suffix}${frame.spec.siteSuffix}`,
    h1: `${headline}${suffix}`,
    pager: page.urls.length > 1 ? frame.spec.pager(page.urls, page.page) : '',
    body: page.body,
  });
}

/** Page N's URL of article `articleId` in a frame. */
export function frameUrl(frameId: FrameId, articleId: number, page: number): string {
  const spec = FRAME_SPECS[frameId];
  return spec.url(spec.idBase + articleId, page);
}

export interface HostileCase {
  /** `<payload id>@<frame>`. */
  id: string;
  payload: HostilePayload;
  frame: FrameId;
  start: string;
  urls: string[];
  /** UTF-8 HTML per page URL. */
  pages: Record<string, { body: string; contentType: string }>;
  /** Legitimate texts that must survive (in order). */
  legit: string[];
}

const CONTENT_TYPE = 'text/html; charset=utf-8';

const p = (text: string): string => `<p>　　${text}</p>`;

/** The case of one payload in one frame (`index`: a unique number for the article id). */
export function buildCase(payload: HostilePayload, frameId: FrameId, index: number): HostileCase {
  if (payload.split) {
    const urls = [frameUrl(frameId, index, 1), frameUrl(frameId, index, 2)];
    const [head, tail] = payload.split;
    const bodies = [`${p(legit.before(1))}\n${head}`, `${tail}\n${p(legit.after(2))}`];
    const pages: HostileCase['pages'] = {};
    urls.forEach((url, i) => {
      pages[url] = { body: framePage(frameId, { url, urls, page: i + 1, body: bodies[i] as string }), contentType: CONTENT_TYPE };
    });
    return { id: `${payload.id}@${frameId}`, payload, frame: frameId, start: urls[0] as string, urls, pages, legit: [legit.before(1), legit.after(2)] };
  }
  const url = frameUrl(frameId, index, 1);
  const inTitle = payload.target === 'title';
  const body = inTitle ? `${p(legit.before(1))}\n${p(legit.after(1))}` : `${p(legit.before(1))}\n${payload.html}\n${p(legit.after(1))}`;
  const html = framePage(frameId, { url, urls: [url], page: 1, body, headline: inTitle ? payload.html : undefined });
  return {
    id: `${payload.id}@${frameId}`,
    payload,
    frame: frameId,
    start: url,
    urls: [url],
    pages: { [url]: { body: html, contentType: CONTENT_TYPE } },
    legit: payload.swallowsRest ? [legit.before(1)] : [legit.before(1), legit.after(1)],
  };
}

/** Every case: each payload in each frame. */
export function hostileCases(frames: readonly FrameId[] = FRAME_IDS, payloads: readonly HostilePayload[] = ALL_PAYLOADS): HostileCase[] {
  const out: HostileCase[] = [];
  payloads.forEach((payload, i) => {
    for (const frame of frames) out.push(buildCase(payload, frame, i + 1));
  });
  return out;
}

/**
 * One page carrying every single-page body payload at once (those that swallow the rest of the page
 * last), for a whole-CLI run in a child process.
 */
export function combinedCase(frameId: FrameId): HostileCase {
  const body = PAYLOADS.filter((x) => x.target !== 'title');
  const ordered = [...body.filter((x) => !x.swallowsRest), ...body.filter((x) => x.swallowsRest)];
  const url = frameUrl(frameId, 9000, 1);
  const html = framePage(frameId, { url, urls: [url], page: 1, body: `${p(legit.before(1))}\n${ordered.map((x) => x.html).join('\n')}\n${p(legit.after(1))}` });
  const payload: HostilePayload = { id: 'combined', category: 'mxss', what: 'every body payload on one page', html: '' };
  return { id: `combined@${frameId}`, payload, frame: frameId, start: url, urls: [url], pages: { [url]: { body: html, contentType: CONTENT_TYPE } }, legit: [legit.before(1)] };
}

/** A fetch serving a case's pages from memory; anything else is a 404. `requests` lists every URL asked for. */
export function caseFetch(c: Pick<HostileCase, 'pages'>): FetchLike & { requests: string[] } {
  const requests: string[] = [];
  const fn = (async (url: string) => {
    requests.push(url);
    const key = url.split('#')[0] as string;
    const page = c.pages[key];
    const bytes = page ? new TextEncoder().encode(page.body) : new TextEncoder().encode('not found');
    const response: ResponseLike = {
      ok: !!page,
      status: page ? 200 : 404,
      statusText: page ? 'OK' : 'Not Found',
      url,
      headers: { get: (name: string) => (name.toLowerCase() === 'content-type' ? (page?.contentType ?? 'text/plain') : null) },
      arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer,
    };
    return response;
  }) as FetchLike & { requests: string[] };
  fn.requests = requests;
  return fn;
}

/** Write cases as fixture folders (`<dir>/<payload>__<frame>/case.json`, `page-N.html`). Returns the folders. */
export function writeHostileCases(dir: string, cases: readonly HostileCase[] = hostileCases()): string[] {
  const dirs: string[] = [];
  for (const c of cases) {
    const caseDir = path.join(dir, c.id.replace('@', '__'));
    const pages: Record<string, { file: string; contentType: string }> = {};
    const files: Record<string, string> = {};
    c.urls.forEach((url, i) => {
      const file = `page-${i + 1}.html`;
      files[file] = c.pages[url]?.body ?? '';
      pages[url] = { file, contentType: c.pages[url]?.contentType ?? CONTENT_TYPE };
    });
    writeCase(caseDir, {
      description: `Hostile payload ${c.payload.id} (${c.payload.category}): ${c.payload.what}. If it ever runs it sets top.__pwned = '${c.payload.id}'.`,
      derivedFrom: `test/pages/${FRAME_SPECS[c.frame].fixture}/page-1.html, trimmed, payload from test/hostile/payloads.ts`,
      start: c.start,
      pages,
      payload: { id: c.payload.id, category: c.payload.category, source: c.payload.source ?? null },
      checks: { contains: c.legit },
    }, files);
    dirs.push(caseDir);
  }
  return dirs;
}

export { ALL_PAYLOADS, PAYLOADS, SPLIT_PAYLOADS };

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const out = args[args.indexOf('--out') + 1];
  if (!args.includes('--out') || !out) {
    process.stderr.write('usage: npx tsx test/hostile/pages.ts --out DIR [--frames people-2022,xinhua-2019,xinhua-2012]\n');
    process.exit(2);
  }
  const framesArg = args.includes('--frames') ? args[args.indexOf('--frames') + 1] : undefined;
  const frames = framesArg ? (framesArg.split(',') as FrameId[]) : FRAME_IDS;
  const dirs = writeHostileCases(path.resolve(out), hostileCases(frames));
  process.stdout.write(`wrote ${dirs.length} cases to ${path.resolve(out)}\n`);
}
