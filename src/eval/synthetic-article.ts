/**
 * A synthetic N-page People's Daily article for the benchmark, built from a real saved page
 * (corpus `people/gne_people_1.html`, GeneralNewsExtractor tests/people/1.html @ 3d5a67c6, GPL-3.0;
 * page 1 of a 4-page article at http://culture.people.com.cn/n1/2019/0615/c1013-31153719.html).
 *
 * What is changed from the template, per page k of N:
 *  - the body between `#rwb_zw`'s leading `<div class="box_pic"></div>` and the pager is replaced by
 *    distinct generated paragraphs (deterministic pseudo-text over the template's own characters,
 *    each paragraph prefixed with its page and paragraph number, so no two paragraphs are alike);
 *  - the `zdfy` pager lists all N pages (`【1】`…`【N】`, page 1 = `…-31153719.html`, page k = `…-k.html`),
 *    with no current-page marker, exactly like the template;
 *  - the next link (`<center><table>…<a href="…-(k+1).html"><img src="/img/next_page.jpg">…`) points
 *    to page k+1, and is absent on the last page;
 *  - the meta charset says UTF-8 (the template's bytes are UTF-8 under a GB2312 meta), since the
 *    bench server sends UTF-8.
 * Header, title, navigation, related links and footer stay as they are.
 */

export const SYNTHETIC_ORIGIN = 'http://culture.people.com.cn';
export const SYNTHETIC_BASE_PATH = '/n1/2019/0615/c1013-31153719';

export function syntheticPagePath(k: number): string {
  return k === 1 ? `${SYNTHETIC_BASE_PATH}.html` : `${SYNTHETIC_BASE_PATH}-${k}.html`;
}

export function syntheticPageUrl(k: number): string {
  return SYNTHETIC_ORIGIN + syntheticPagePath(k);
}

export interface PeoplePagerOptions {
  /** `<tbody>` around the row (default true; the browser-saved pages have it, the served 2011 ones not). */
  tbody?: boolean;
  /** An image-only previous link before the next one (default true). */
  prev?: boolean;
  /** Text between the numbers and the link table (default none). */
  gap?: string;
  /** The link table always (default), or only when there is a next page. */
  table?: 'always' | 'when-next';
}

/**
 * The People's Daily Chinese pager (SITES.md): `div.zdfy` with every page number a link
 * (`【1】【2】…`, no current-page marker; the real page 1 links to itself too), then a centred table
 * of image-only previous/next links (`prev_page.jpg`, `next_page.jpg`). `cur` is 0-based. The one
 * builder of this markup: the bench's synthetic article, the fixture generator and the tests'
 * People's Daily pages (test/support/people-pages.ts) all use it.
 */
export function peoplePager(hrefs: readonly string[], cur: number, options: PeoplePagerOptions = {}): string {
  const prev = options.prev !== false && cur > 0 ? hrefs[cur - 1] : undefined;
  const next = cur < hrefs.length - 1 ? hrefs[cur + 1] : undefined;
  const numbers = `<div class="zdfy clearfix">${hrefs.map((h, i) => `<a href="${h}">【${i + 1}】</a>`).join('')}</div>`;
  if (options.table === 'when-next' && !next) return numbers;
  const tds =
    (prev ? `<td width="50%" align="center"><a href="${prev}"><img src="/img/prev_page.jpg" border="0"></a></td>` : '') +
    (next ? `<td width="50%" align="center"><a href="${next}"><img src="/img/next_page.jpg" border="0"></a></td>` : '');
  const row = options.tbody === false ? `<tr>${tds}</tr>` : `<tbody><tr>${tds}</tr></tbody>`;
  return `${numbers}${options.gap ?? ''}<center><table border="0" align="center" width="40%">${row}</table></center>`;
}

/** Small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A made-up sentence of 8–25 characters from `pool`, with the odd comma, ending in 。 (drawn from `rand`). */
export function sentenceMaker(pool: readonly string[], rand: () => number): () => string {
  return () => {
    const n = 8 + Math.floor(rand() * 18);
    let s = '';
    for (let i = 0; i < n; i++) {
      s += pool[Math.floor(rand() * pool.length)];
      if (i > 3 && i < n - 3 && rand() < 0.12) s += '，';
    }
    return `${s}。`;
  };
}

export interface SyntheticArticle {
  /** Path (`/n1/…html`) → HTML of each page. */
  pages: Map<string, string>;
  /** Absolute URLs on the real host, page 1 first. */
  urls: string[];
  /** The generated paragraph texts, per page (for checking a merged result). */
  paragraphs: string[][];
}

export function buildSyntheticArticle(template: string, pageCount = 10, paragraphsPerPage = 8): SyntheticArticle {
  const zw = template.indexOf('id="rwb_zw"');
  const bodyStartMarker = '<div class="box_pic"></div>';
  const bodyStart = template.indexOf(bodyStartMarker, zw);
  const pagerStart = template.indexOf('<div class="zdfy', bodyStart);
  const pagerEnd = template.indexOf('</center>', pagerStart);
  if (zw < 0 || bodyStart < 0 || pagerStart < 0 || pagerEnd < 0) {
    throw new Error('template does not look like the People n1/2019 page (#rwb_zw, .box_pic, .zdfy, </center>)');
  }
  const head = template.slice(0, bodyStart + bodyStartMarker.length).replace(/charset=gb2312/gi, 'charset=UTF-8');
  const tail = template.slice(pagerEnd + '</center>'.length);

  // Character pool: the template's own Han characters (so the text looks like the site's).
  const bodyText = template.slice(bodyStart, pagerStart).replace(/<[^>]*>/g, '');
  const pool = [...new Set(bodyText.match(/\p{Script=Han}/gu) ?? [])];
  if (pool.length < 50) throw new Error('template body has too few characters to build text from');
  const rand = prng(20190615);
  const sentence = sentenceMaker(pool, rand);

  const hrefs = Array.from({ length: pageCount }, (_, i) => syntheticPagePath(i + 1));
  const pages = new Map<string, string>();
  const paragraphs: string[][] = [];
  for (let k = 1; k <= pageCount; k++) {
    const paras: string[] = [];
    for (let m = 1; m <= paragraphsPerPage; m++) {
      let p = `第${k}页第${m}段：`;
      const sentences = 3 + Math.floor(rand() * 4);
      for (let s = 0; s < sentences; s++) p += sentence();
      paras.push(p);
    }
    paragraphs.push(paras);
    const body = paras.map((p) => `\n<p style="text-indent: 2em;">\n\t${p}</p>`).join('');
    const pager = peoplePager(hrefs, k - 1, { prev: false, table: 'when-next' });
    pages.set(syntheticPagePath(k), `${head}${body}\n${pager}${tail}`);
  }
  return { pages, urls: Array.from({ length: pageCount }, (_, i) => syntheticPageUrl(i + 1)), paragraphs };
}
